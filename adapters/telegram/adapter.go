// Package telegram is kubequiz's Telegram adapter: it receives updates by
// long polling (one replica at a time, under a lease in Redis) or by a
// webhook with a secret token, turns commands, button presses and quiz-poll
// answers into requests to the quiz core, and sends the core's replies as
// HTML messages, inline keyboards and native quiz polls, within Telegram's
// flood limits. It is built on go-telegram-bot-api v5.5.1, calling the Bot
// API directly where that release's structs are older than the API.
package telegram

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/coalesce"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/internal/retry"
	"github.com/kubequiz/kubequiz/quiz"
)

// Adapter connects one Telegram bot to the quiz core.
type Adapter struct {
	cfg    Config
	core   quiz.Handler
	values adapters.Values
	scopes quiz.ScopeMover
	inbox  edge.Inbox
	runner *edge.Runner
	log    *slog.Logger
	api    *api
	clock  pacing.Clock
	// lang is the bot's default language (adapters.Deps.Lang), that of
	// the apology for a reply that could not be sent; "" for both.
	lang quiz.Lang
	// onInDoubt is told of each message whose send's outcome is unknown
	// (adapters.Deps.OnInDoubt); nil when that is unset.
	onInDoubt func(sentAgain bool)
	// refusals answers, counts and logs the webhook's requests refused
	// unread (serveWebhook).
	refusals *adapters.Refusals

	// messages paces sent messages within the flood limits; calls only
	// honours retry_after for the other methods (edits, callback answers).
	messages *pacing.Pacer
	calls    *pacing.Pacer
	// redraw runs one redraw of a message at a time, the latest waiting.
	redraw *coalesce.Coalescer
	// followUps are the private messages sent after a press's answer or
	// a vote.
	followUps followUps

	// holder is this replica's token for the polling lease; polls follows
	// whether its polling works.
	holder string
	polls  pollHealth
	// username is the bot's user name, known after getMe.
	username atomic.Pointer[string]
	ready    atomic.Bool
}

// Name is Telegram's platform name, in requests, stores, logs and metrics.
const Name = "telegram"

// processTimeout bounds the handling of one update, pacing waits included.
const processTimeout = 2 * time.Minute

// New makes an adapter; it checks cfg but calls nothing yet (Run does).
func New(cfg Config, d adapters.Deps) (*Adapter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if d.Core == nil || d.Inbox == nil || d.Values == nil {
		return nil, errors.New("telegram: a core, an inbox and a store of values are required")
	}
	logger := d.Log
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	token := make([]byte, 12)
	_, _ = rand.Read(token) // crypto/rand does not fail
	a := &Adapter{
		cfg: cfg, core: d.Core, values: d.Values, scopes: d.Scopes, inbox: d.Inbox(Name + ":" + cfg.BotID()),
		log:       logger.With(slog.String("adapter", Name), slog.String("bot", cfg.BotID())),
		api:       newAPI(cfg.Token, cfg.endpoint(), cfg.leaseTTL(), cfg.workers()+1),
		clock:     cfg.Clock,
		holder:    hex.EncodeToString(token),
		redraw:    coalesce.New(),
		lang:      d.Lang,
		onInDoubt: d.OnInDoubt,
	}
	a.followUps.onDrop = d.OnFollowUpDropped
	a.refusals = d.Refusals(a.log, "refused Telegram requests")
	a.runner = d.Runner(a.inbox, worker{a}, edge.Config{Workers: cfg.workers(), Timeout: processTimeout, Log: a.log})
	if a.clock == nil {
		a.clock = pacing.RealClock{}
	}
	limits := cfg.limits()
	a.messages = d.Pacer(pacing.Config{
		Global: limits.Global,
		Rules: func(chat string) []pacing.Rule {
			rules := []pacing.Rule{limits.PerChat}
			if strings.HasPrefix(chat, "-") {
				rules = append(rules, limits.PerGroup)
			}
			return slices.DeleteFunc(rules, func(r pacing.Rule) bool { return r.Limit <= 0 })
		},
		MaxBacklog: cmp.Or(limits.Backlog, chatBacklog),
		Clock:      a.clock,
	})
	a.calls = d.Pacer(pacing.Config{Clock: a.clock})
	return a, nil
}

// chatBacklog is the longest a message waits for its chat's flood limits
// (1/s, and 20/min in a group: a minute's worth of replies queued): a group
// typing commands faster than the bot may answer there gets no reply to
// the excess (shed, counted), rather than each holding a worker that
// everyone else's commands need. A reply whose user has another waiting
// in the chat waits half as long at most (pacing.Config.SenderBacklog,
// left at its default): one member flooding a group fills half its
// backlog, and the other members' replies have the rest. A daily post or reveal shed is not
// sent, and is tried again at the next tick.
const chatBacklog = time.Minute

// Ready reports whether the bot knows who it is and its transport works:
// the webhook registered, or the polling loop running, standing by for the
// lease or polling with success (see NotReadyBecause).
func (a *Adapter) Ready() bool { return a.NotReadyBecause() == "" }

// NotReadyBecause says why the adapter is not ready, "" when it is: not yet
// connected to the Bot API, or holding the polling lease while getUpdates
// fails (more than 3 times in a row, or no success for longer than the
// lease lasts).
func (a *Adapter) NotReadyBecause() string {
	if !a.ready.Load() {
		return "not connected to the Bot API yet"
	}
	return a.polls.problem(a.clock.Now(), a.cfg.leaseTTL())
}

// LeaseHeld reports whether this replica holds the polling lease: it is
// the one that polls for updates.
func (a *Adapter) LeaseHeld() bool { return a.polls.holding() }

// Polls reports whether the adapter long-polls for updates under the
// lease (false in webhook mode, where there is no lease to hold).
func (a *Adapter) Polls() bool { return a.cfg.WebhookURL == "" }

// Platform is "telegram" (adapters.Adapter).
func (a *Adapter) Platform() string { return Name }

// Routes are the webhook's endpoint.
func (a *Adapter) Routes() map[string]http.Handler {
	return map[string]http.Handler{WebhookPath: a.Handler()}
}

// TakesWebhooks reports whether Telegram sends the adapter its updates
// over HTTP (a webhook URL is set), rather than being polled.
func (a *Adapter) TakesWebhooks() bool { return a.cfg.WebhookURL != "" }

// Run identifies the bot, publishes its commands, then receives updates
// until ctx is done: by webhook when WebhookURL is set (updates arrive
// through Handler), by long polling otherwise; on every replica its workers
// handle what the inbox holds. It returns nil when ctx is done, after the
// updates in hand are handled and the polling lease is released, and an
// error only for a token the Bot API refuses. Call it once.
func (a *Adapter) Run(ctx context.Context) error {
	defer a.refusals.Flush() // the last: no line after the adapter stopped
	defer a.followUps.flush()
	defer a.runner.Start(ctx)()
	if err := a.identify(ctx); err != nil || ctx.Err() != nil {
		return err
	}
	a.publishCommands(ctx)
	if a.cfg.WebhookURL != "" {
		return a.runWebhook(ctx)
	}
	return a.runPolling(ctx)
}

// identify calls getMe until it answers, to learn the bot's user name.
func (a *Adapter) identify(ctx context.Context) error {
	var me struct {
		UserName string `json:"username"`
	}
	return a.retry(ctx, "getMe", func(ctx context.Context) error {
		if err := a.api.callInto(ctx, "getMe", nil, &me); err != nil {
			return err
		}
		a.username.Store(&me.UserName)
		a.log.Info("connected to the Bot API", slog.String("username", me.UserName))
		return nil
	})
}

// botName is the bot's user name, or "" before getMe answered.
func (a *Adapter) botName() string {
	if p := a.username.Load(); p != nil {
		return *p
	}
	return ""
}

// retry calls f until it succeeds or ctx is done, waiting longer after each
// failure, and as long as a retry_after asks (retry.Forever). A refused
// token (401, 404) is returned at once: retrying cannot fix it.
func (a *Adapter) retry(ctx context.Context, what string, f func(context.Context) error) error {
	return retry.Forever{
		Clock: a.clock,
		Fatal: tokenRefused,
		Retrying: func(err error, wait time.Duration) {
			a.log.Warn("Bot API call failed; retrying", slog.String("call", what), slog.Duration("in", wait), slog.Any("err", err))
		},
	}.Do(ctx, f)
}

// tokenRefused turns the API's refusal of the token (401, or 404 for a
// token of no bot) into an error that says what to check; nil for any other
// error, which a retry may fix.
func tokenRefused(err error) error {
	if refusedWith(err, http.StatusUnauthorized) || refusedWith(err, http.StatusNotFound) {
		return fmt.Errorf("telegram: the Bot API refused the token (%w): check %s with @BotFather, and %s if set", err, EnvToken, EnvAPIEndpoint)
	}
	return nil
}
