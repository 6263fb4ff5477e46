// Package adapters is the contract between the bot and its chat adapters:
// what an adapter is (Adapter), what the bot gives each one (Deps), and how
// cmd/bot finds them (Platform). A new platform is a folder of its own that
// exports a Platform, and one line in cmd/bot's list.
package adapters

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/internal/settings"
	"github.com/kubequiz/kubequiz/quiz"
)

// Adapter is a running way in: it turns a platform's events into requests
// to the core, renders the replies, and posts what the core sends unasked
// (the daily question, through quiz.Outbox).
type Adapter interface {
	quiz.Outbox
	// Platform is the platform's name in requests, stores, logs and
	// metrics: its Platform descriptor's Name.
	Platform() string
	// Run serves until ctx is done, then finishes the work in hand. An
	// error means the adapter cannot go on (its token was refused).
	Run(ctx context.Context) error
	// Ready reports whether it is connected and taking events.
	Ready() bool
	// Routes are the HTTP endpoints it serves on the bot's port (its
	// webhooks), by path prefix; nil when none.
	Routes() map[string]http.Handler
	// TakesWebhooks reports whether its platform sends it requests over
	// HTTP as configured (rather than over a connection the adapter keeps,
	// or polling): a stopping bot goes on taking them while it leaves its
	// Service.
	TakesWebhooks() bool
}

// Deps are what the bot gives every adapter it makes.
type Deps struct {
	// Core answers requests (the quiz service, wrapped for logs and metrics).
	Core quiz.Handler
	// Inbox opens the adapter's durable inbox of accepted deliveries,
	// shared by every replica; name keeps apart the inboxes of two bots.
	Inbox func(name string) edge.Inbox
	// Values keeps an adapter's small shared state: offsets, leases,
	// who owns a poll.
	Values Values
	// Scopes, if set, moves a scope's data when a conversation's ID
	// changes (a Telegram group upgraded to a supergroup).
	Scopes quiz.ScopeMover
	// Log is the bot's logger.
	Log *slog.Logger
	// Lang is the bot's default interface language (BOT_LANG), for the
	// lines an adapter says without the core (an apology, a refusal) to a
	// user whose language it does not know; "" (tests) says those lines
	// in both languages.
	Lang quiz.Lang
	// OnWait, if set, is told of every wait of an outgoing message: pacing
	// (retry false) or a platform's retry-after (retry true). For metrics.
	OnWait func(d time.Duration, retry bool)
	// OnDrop, if set, is told of what the outgoing pacers gave up to keep
	// their memory bounded: a conversation evicted before its limits had
	// refilled, or a message shed. For metrics.
	OnDrop func(pacing.Drop)
	// WatchBackground, if set, is given the count of the jobs the
	// adapter's runner runs off its workers (edge.Runner.LaterRunning),
	// when Runner makes it. For metrics.
	WatchBackground func(running func() int)
	// OnInDoubt, if set, is told of every message whose send's outcome is
	// unknown (the platform may have shown it): sentAgain when it is sent
	// once more (its user may see it twice), false when, in doubt again,
	// it is given up. For metrics.
	OnInDoubt func(sentAgain bool)
	// OnFollowUpDropped, if set, is told of every private message owed
	// after a reply (a vote's feedback, a press's private follow-up) that
	// the adapter dropped rather than send, by reason: "backlog" (more
	// waiting than the platform sends in ten seconds, or too much work
	// off the workers) or "expired" (its delivery accepted longer than the
	// runner keeps work for). For metrics.
	OnFollowUpDropped func(reason string)
	// OnRefused, if set, is told of every request to the adapter's
	// webhook endpoints refused before it was read as a delivery — its
	// path and why (a reason of the kubequiz_refused_requests_total
	// series: bad_signature, stale_timestamp…). For metrics.
	OnRefused func(path, reason string)
	// MaxConversations caps the conversations each outgoing pacer
	// remembers; 0 is pacing.DefaultMaxConversations. For tests.
	MaxConversations int
	// RefusalLogEvery is the least time between two log lines of an
	// endpoint's refused requests (Refusals); 0 is a minute. For tests,
	// that see the counted line that follows the first.
	RefusalLogEvery time.Duration
}

// Pacer makes an outgoing pacer of cfg that tells d's OnWait and OnDrop and
// remembers at most d.MaxConversations conversations.
func (d Deps) Pacer(cfg pacing.Config) *pacing.Pacer {
	cfg.OnWait, cfg.OnDrop, cfg.MaxConversations = d.OnWait, d.OnDrop, d.MaxConversations
	return pacing.New(cfg)
}

// Runner makes the adapter's runner of worker's deliveries from inbox,
// its background jobs counted by d's WatchBackground.
func (d Deps) Runner(inbox edge.Inbox, worker edge.Worker, cfg edge.Config) *edge.Runner {
	r := edge.NewRunner(inbox, worker, cfg)
	if d.WatchBackground != nil {
		d.WatchBackground(r.LaterRunning)
	}
	return r
}

// Deferred is edge.ErrRetryLater, wrapped, for a response whose write is
// in doubt (quiz.OutcomeInDoubt): the store failed during an answer or a
// grade, perhaps after running it. A worker returns it instead of sending
// the response, so that the delivery stays in the inbox and is handled
// again once the store answers — the write carries the delivery's token,
// and the rerun answers as the first run would have. Past the runner's
// MaxRetryAge the user is apologised to. Nil for any other response,
// which is sent.
func Deferred(r quiz.Response) error {
	if r.Outcome != quiz.OutcomeInDoubt {
		return nil
	}
	return fmt.Errorf("%s: the store's write is in doubt: %w", r.Command, edge.ErrRetryLater)
}

// Values is the small shared state adapters keep in the store, across
// replicas (redisstore.Store implements it).
type Values interface {
	// Put stores a value for ttl (0 keeps it).
	Put(ctx context.Context, key, value string, ttl time.Duration) error
	// Get reads a value; ok is false when there is none.
	Get(ctx context.Context, key string) (value string, ok bool, err error)
	// Acquire takes or renews the lease name for holder, reporting whether
	// holder now holds it. Its error wraps edge.ErrRefused when the store
	// refuses the bot itself.
	Acquire(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	// Release gives the lease up if holder holds it.
	Release(ctx context.Context, name, holder string) error
}

// Platform describes one chat platform to cmd/bot.
type Platform struct {
	// Name is the platform's name (see Adapter.Platform).
	Name string
	// MessageLimit is the most characters one message (or section) of an
	// answer may have there: `bot lint` lists the answers that are longer,
	// which the adapter splits.
	MessageLimit int
	// Settings are the environment variables it reads; the first is the
	// one that turns the platform on (its token), which the bot names when
	// no platform is configured and there is no console either.
	Settings []settings.Setting
	// Configure reads and checks its settings, reporting every problem at
	// once. It returns nil when the platform is not configured (its token
	// is unset), else the adapter's maker.
	Configure func(env settings.Env) (func(Deps) (Adapter, error), error)
}

// InDoubtReporter is the retry.Policy.OnInDoubt of an adapter's message
// sends: a message sent once more, its first send's outcome unknown, is
// logged once at warn with its method and where it went (key is "channel"
// or "chat"; never a URL or a token), and every send in doubt is told to
// onInDoubt (Deps.OnInDoubt), if set.
func InDoubtReporter(log *slog.Logger, onInDoubt func(sentAgain bool), method, key, where string) func(err error, again bool) {
	return func(err error, again bool) {
		if again {
			log.Warn("a message's send has an unknown outcome: it is sent once more, and may show twice",
				slog.String("method", method), slog.String(key, where), ErrAttr(err))
		}
		if onInDoubt != nil {
			onInDoubt(again)
		}
	}
}

// ErrAttr is err for the log without the URL a *url.Error names: a URL may
// carry a secret (a Slack response_url lets anyone who has it post into
// the conversation; a Bot API URL holds the token).
func ErrAttr(err error) slog.Attr {
	if ue, ok := errors.AsType[*url.Error](err); ok {
		return slog.String("err", ue.Op+": "+ue.Err.Error())
	}
	return slog.Any("err", err)
}
