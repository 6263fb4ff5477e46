// Package slack is kubequiz's Slack adapter. It takes the /k8s slash
// command, @mentions and direct messages over Socket Mode or signed HTTP
// requests, acknowledges each at once, asks the quiz core, and renders its
// neutral replies as Block Kit messages: ephemeral for the user's eyes only,
// in the channel for quizzes and leaderboards, split to fit Slack's limits
// and paced within its rate limits.
package slack

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/coalesce"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/internal/retry"
	"github.com/kubequiz/kubequiz/quiz"
)

// Adapter connects one Slack workspace's app to the quiz core.
type Adapter struct {
	cfg    Config
	core   quiz.Handler
	inbox  edge.Inbox
	runner *edge.Runner
	log    *slog.Logger
	api    *slackapi.Client
	http   *http.Client // api's, for its timeout
	pacer  *pacing.Pacer
	users  *directory
	redraw *coalesce.Coalescer
	ready  atomic.Bool
	// settling holds a place for each delivery whose acceptance is being
	// settled (settle); accepting counts the acceptance work not yet done
	// (hold).
	settling  chan struct{}
	accepting atomic.Int64
	// settleTime is how long a delivery in doubt is offered again:
	// defaultSettleTime, unless a test shortened it.
	settleTime time.Duration
	// reading holds a place for each request body being read (maxReading);
	// bodyTimeout is how long one may take (see verified).
	reading     chan struct{}
	bodyTimeout time.Duration
	// refusals answers, counts and logs the requests refused unread (see
	// verified).
	refusals *adapters.Refusals
	// lang is the bot's default language, "" when not given (see notice).
	lang quiz.Lang
	// onInDoubt is told of each message post in doubt (adapters.Deps.OnInDoubt).
	onInDoubt func(sentAgain bool)
}

// Name is Slack's platform name, in requests, stores, logs and metrics.
const Name = "slack"

// prefix is how commands are typed on Slack, for help and hints.
const prefix = "/k8s "

// apiTimeout bounds one Web API call.
const apiTimeout = 15 * time.Second

// New makes an adapter; cfg must be valid (see Config.Validate).
func New(cfg Config, d adapters.Deps) (*Adapter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if d.Core == nil || d.Inbox == nil {
		return nil, errors.New("slack: a core and an inbox are required")
	}
	log := d.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("adapter", Name)
	client := &http.Client{
		Timeout:   apiTimeout,
		Transport: &http.Transport{Proxy: http.ProxyFromEnvironment, MaxConnsPerHost: 64, MaxIdleConnsPerHost: 64, IdleConnTimeout: 90 * time.Second},
	}
	opts := []slackapi.Option{slackapi.OptionHTTPClient(apiClient{client}), slackapi.OptionAppLevelToken(cfg.AppToken)}
	if u := cfg.apiURL(); u != "" {
		opts = append(opts, slackapi.OptionAPIURL(u))
	}
	api := slackapi.New(cfg.BotToken, opts...)
	a := &Adapter{
		cfg: cfg, core: d.Core, inbox: d.Inbox(Name), log: log, api: api, http: client,
		pacer:  d.Pacer(pacing.Config{Rules: paceRules, MaxBacklog: paceBacklog}),
		users:  newDirectory(api, usersTTL),
		redraw: coalesce.New(), lang: d.Lang, onInDoubt: d.OnInDoubt,
	}
	a.settling = make(chan struct{}, maxSettling)
	a.settleTime = defaultSettleTime
	a.reading, a.bodyTimeout = make(chan struct{}, maxReading), bodyTimeout
	a.refusals = d.Refusals(log, "refused Slack requests")
	a.runner = d.Runner(a.inbox, worker{a}, edge.Config{Timeout: jobTimeout, Log: log})
	return a, nil
}

// jobTimeout bounds one delivery's work once it runs, waits for rate limits
// included.
const jobTimeout = 5 * time.Minute

// Platform is "slack" (adapters.Adapter).
func (a *Adapter) Platform() string { return Name }

// Routes are Slack's HTTP endpoints (HTTP mode), under /slack/.
func (a *Adapter) Routes() map[string]http.Handler {
	return map[string]http.Handler{"/slack/": a.Handler()}
}

// TakesWebhooks reports whether Slack sends the adapter requests over
// HTTP (HTTP mode: a signing secret is set), rather than over Socket Mode.
func (a *Adapter) TakesWebhooks() bool { return a.cfg.SigningSecret != "" }

// Ready reports whether the adapter can talk to Slack: connected in Socket
// Mode, or the bot token accepted (auth.test) in HTTP mode.
func (a *Adapter) Ready() bool { return a.ready.Load() }

// NotReadyBecause says why the adapter is not ready, "" when it is.
func (a *Adapter) NotReadyBecause() string {
	switch {
	case a.ready.Load():
		return ""
	case a.cfg.Transport() == SocketMode:
		return "Socket Mode is not connected"
	}
	return "the bot token is not checked yet (auth.test)"
}

// Run connects and serves until ctx is done: the Socket Mode loop when an
// app token is set; in HTTP mode it checks the token and waits (Handler
// serves the requests). Meanwhile its workers answer what the inbox holds,
// on every replica; before returning they finish the work in hand. It
// returns an error only when Slack refuses the tokens or Socket Mode cannot
// go on; Slack being unreachable is waited out. Before it returns, the
// deliveries whose acceptance is in doubt are settled and their users told
// (awaitAcceptances), as the work in hand is finished.
func (a *Adapter) Run(ctx context.Context) error {
	defer a.refusals.Flush() // the last: no line after the adapter stopped
	defer a.awaitAcceptances()
	defer a.runner.Start(ctx)()
	if a.cfg.Transport() == SocketMode {
		return a.runSocketMode(ctx)
	}
	if err := a.checkToken(ctx); err != nil {
		return err
	}
	<-ctx.Done()
	return nil
}

// checkToken calls auth.test until it answers, retrying while Slack cannot
// be reached (retry.Forever); a refused token is an error.
func (a *Adapter) checkToken(ctx context.Context) error {
	return retry.Forever{
		Fatal: tokenRefused,
		Retrying: func(err error, wait time.Duration) {
			a.log.Warn("Slack is not reachable yet", adapters.ErrAttr(err), "retry_in", wait)
		},
	}.Do(ctx, func(ctx context.Context) error {
		_, err := a.api.AuthTestContext(ctx)
		if err == nil {
			a.ready.Store(true)
		}
		return err
	})
}

// tokenRefused turns Slack's refusal of the bot token into an error that
// says what to check; nil for any other error, which a retry may fix.
func tokenRefused(err error) error {
	if se, ok := errors.AsType[slackapi.SlackErrorResponse](err); ok {
		return errors.New("slack: SLACK_BOT_TOKEN was refused by Slack (" + se.Err + "): check the token, and that the app is installed in the workspace")
	}
	return nil
}
