// Package slackbot is kubequiz's Slack adapter. It takes the /k8s slash
// command, @mentions and direct messages over Socket Mode or signed HTTP
// requests, acknowledges each at once, asks the quiz core, and renders its
// neutral replies as Block Kit messages: ephemeral for the user's eyes only,
// in the channel for quizzes and leaderboards, split to fit Slack's limits
// and paced within its rate limits.
package slackbot

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/internal/coalesce"
	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/quiz"
)

// Deduper records once-only markers across replicas (redisstore.Store).
type Deduper interface {
	// Once reports whether this call is the first to record key within ttl.
	Once(ctx context.Context, key string, ttl time.Duration) (bool, error)
}

// Adapter connects one Slack workspace's app to the quiz core.
type Adapter struct {
	cfg    Config
	core   quiz.Handler
	dedupe Deduper
	log    *slog.Logger
	api    *slack.Client
	pacer  *pacing.Pacer
	users  *directory
	redraw *coalesce.Coalescer
	jobs   *jobs
	ready  atomic.Bool
}

// Platform names Slack in requests ("slack"), and its outbox.
const Platform = "slack"

// prefix is how commands are typed on Slack, for help and hints.
const prefix = "/k8s "

// apiTimeout bounds one Web API call.
const apiTimeout = 15 * time.Second

// New makes an adapter; cfg must be valid (see Config.Validate). The core
// answers requests; dedupe keeps retried deliveries from being handled twice.
func New(cfg Config, core quiz.Handler, dedupe Deduper, log *slog.Logger) (*Adapter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if core == nil || dedupe == nil {
		return nil, errors.New("slack: a core handler and a deduper are required")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("adapter", Platform)
	client := &http.Client{
		Timeout:   apiTimeout,
		Transport: &http.Transport{Proxy: http.ProxyFromEnvironment, MaxConnsPerHost: 64, MaxIdleConnsPerHost: 64, IdleConnTimeout: 90 * time.Second},
	}
	opts := []slack.Option{slack.OptionHTTPClient(client), slack.OptionAppLevelToken(cfg.AppToken)}
	if u := cfg.apiURL(); u != "" {
		opts = append(opts, slack.OptionAPIURL(u))
	}
	api := slack.New(cfg.BotToken, opts...)
	return &Adapter{
		cfg: cfg, core: core, dedupe: dedupe, log: log, api: api,
		pacer:  pacing.New(pacing.Config{Rules: paceRules, OnWait: cfg.OnWait}),
		users:  newDirectory(api, usersTTL),
		redraw: coalesce.New(),
		jobs:   newJobs(log),
	}, nil
}

// Ready reports whether the adapter can talk to Slack: connected in Socket
// Mode, or the bot token accepted (auth.test) in HTTP mode.
func (a *Adapter) Ready() bool { return a.ready.Load() }

// Run connects and serves until ctx is done: the Socket Mode loop when an
// app token is set; in HTTP mode it checks the token and waits (Handler
// serves the requests). Before returning it lets work already acknowledged
// finish, for a while. It returns an error only when Slack refuses the
// tokens or Socket Mode cannot go on; Slack being unreachable is waited out.
func (a *Adapter) Run(ctx context.Context) error {
	drain := a.cfg.DrainTimeout
	if drain <= 0 {
		drain = defaultDrain
	}
	defer a.jobs.drain(drain)
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
// be reached; a refused token is an error.
func (a *Adapter) checkToken(ctx context.Context) error {
	for wait := time.Second; ; wait = min(2*wait, time.Minute) {
		_, err := a.api.AuthTestContext(ctx)
		if err == nil {
			a.ready.Store(true)
			return nil
		}
		var se slack.SlackErrorResponse
		if errors.As(err, &se) {
			return errors.New("slack: SLACK_BOT_TOKEN was refused by Slack (" + se.Err + "): check the token, and that the app is installed in the workspace")
		}
		a.log.Warn("Slack is not reachable yet", errAttr(err), "retry_in", wait)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
	}
}
