package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// recentErrors is how many of the errors Redis commands failed with during
// an outage are remembered, to recognise them in log records.
const recentErrors = 32

// redisHealth follows whether Redis answers, from the outcome of every
// dial and command (it is a go-redis hook), and says so in the log once
// when Redis is lost and once when it is back, on every transport. While
// Redis is down, the warnings that only repeat it (go-redis's own lines, a
// command's "store unavailable", a request answered "unavailable") are
// logged at debug level: see demote.
type redisHealth struct {
	log *slog.Logger

	mu     sync.Mutex
	down   bool
	since  time.Time
	recent []error // errors of failed commands since Redis was lost, the latest last
	// refusal is the reply refusing the bot (see redisstore.RefusesTheBot) since
	// the outage began, if one did: a configuration error, not Redis
	// lost. A PING may still be answered (an ACL that allows it), so only
	// a command of the bot's ends it.
	refusal error
	// full is the reply refusing a write for want of memory (see
	// redisstore.RefusesWrites) since the outage began, if one did: Redis
	// still answers reads and PINGs, so only a write ends it (see answers).
	full error
	// suspect is when the first command began that failed or gave up
	// since Redis last answered (Unix nanoseconds, 0 for none): an outage
	// found by a later PING began then, or when a command still waiting
	// for its answer began (see waiting), whichever came first.
	suspect atomic.Int64
	// lastAnswer is when Redis last answered (Unix nanoseconds): a command
	// waiting since before then says nothing of when an outage began.
	lastAnswer atomic.Int64
	// inFlight counts the commands sent and not yet answered, and
	// pendingSince is when the first of those sent since Redis last
	// answered began (Unix nanoseconds, 0 for none); commands that Redis
	// holds until there is something to answer (XREADGROUP's BLOCK) are
	// left out. Atomics: they are touched by every command.
	inFlight     atomic.Int64
	pendingSince atomic.Int64
	// closed is set when the bot is closing its Redis connections (see
	// close); it is read on every command, without the lock.
	closed atomic.Bool
	// probe is a client of Redis's own for asking whether it answers (see
	// watch and answers); probing is set while check's PING runs, and
	// lastProbe is when the last one began.
	probe     redis.UniversalClient
	ownProbe  bool // probe is a client of the health's own, to close
	probing   atomic.Bool
	lastProbe atomic.Int64
}

// probeEvery spaces the probes of check: callers that give up on a Redis
// that answers start no stream of PINGs.
const probeEvery = time.Second

// watch follows rdb: the hook sees every command, and a caller whose
// deadline passed is followed by a PING of the health's own (see check).
// The PINGs go through a client of their own, with connections of their
// own: in rdb's pool a PING would wait behind the commands of a busy bot,
// and a pool taken by a burst of work would read as Redis lost.
func (h *redisHealth) watch(rdb redis.UniversalClient) {
	h.probe, h.ownProbe = probeClient(rdb)
	rdb.AddHook(h)
}

// probePoolSize is the probe's connections: check, /readyz and the Redis
// gauge ask at once at most.
const probePoolSize = 3

// probeClient is a client of rdb's server with a small pool of its own and
// no hooks, and true; rdb itself and false for a kind of client it does
// not know (the bot makes none: see redisstore.ParseURL). It handles
// no push notifications: rdb's processor is rdb's own (a second client
// registering its handlers there is refused, and go-redis says so), and a
// PING needs none.
func probeClient(rdb redis.UniversalClient) (redis.UniversalClient, bool) {
	noMaint := &maintnotifications.Config{Mode: maintnotifications.ModeDisabled}
	switch c := rdb.(type) {
	case *redis.Client:
		o := *c.Options()
		o.PoolSize, o.MinIdleConns, o.MaxIdleConns, o.MaxActiveConns = probePoolSize, 0, probePoolSize, 0
		o.PushNotificationProcessor, o.MaintNotificationsConfig = nil, noMaint
		return redis.NewClient(&o), true
	case *redis.ClusterClient:
		o := *c.Options()
		o.PoolSize, o.MinIdleConns, o.MaxIdleConns, o.MaxActiveConns = probePoolSize, 0, probePoolSize, 0
		o.PushNotificationProcessor, o.MaintNotificationsConfig = nil, noMaint
		return redis.NewClusterClient(&o), true
	}
	return rdb, false
}

// answers PINGs Redis on the probe's connections — what /readyz, the
// Redis gauge and check ask — and follows the outcome: an answer means it
// is up, unless the outage began with Redis refusing the bot's commands
// (NOPERM: a PING may be allowed), which only a command of the bot's
// ends; no answer within ctx's deadline, or no connection, that it is
// down. While Redis is full (it refuses writes: OOM) the probe is a write
// instead, a key of its own that expires at once, which only room in
// Redis lets through. A caller that cancelled says nothing either way.
func (h *redisHealth) answers(ctx context.Context) error {
	began := time.Now()
	var err error
	if h.fullBy() != nil {
		err = h.probe.Set(ctx, writeProbeKey, 1, time.Millisecond).Err()
	} else {
		err = h.probe.Ping(ctx).Err()
	}
	if !h.closed.Load() {
		h.failedSince(began, err)
	}
	switch {
	case h.closed.Load() || errors.Is(err, context.Canceled):
	case err == nil:
		if refusal := h.refusedBy(); refusal != nil {
			return refusal // the PING is answered, the bot's commands are not
		}
		h.reachable(ctx)
	case errors.Is(err, context.DeadlineExceeded):
		h.unreachable(ctx, fmt.Errorf("no answer to a PING within %s: %w", redisPingTimeout, err))
	default:
		h.unreachable(ctx, err)
	}
	return err
}

// writeProbeKey is the key answers writes while Redis is full: in the
// bot's key space (kq:), which an ACL for the bot allows (~kq:*).
const writeProbeKey = "kq:{health}:write-probe"

func newRedisHealth(log *slog.Logger) *redisHealth {
	return &redisHealth{log: log}
}

// DialHook notices a connection that cannot be made.
func (h *redisHealth) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := next(ctx, network, addr)
		if err != nil {
			h.observe(ctx, err)
		}
		return conn, err
	}
}

// ProcessHook notices every command's outcome.
func (h *redisHealth) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		began := time.Now()
		waits := !blocks(cmd)
		if waits {
			h.sent(began)
		}
		err := next(ctx, cmd)
		if waits {
			h.inFlight.Add(-1)
		}
		if err == nil && handshake[cmd.Name()] {
			return err // a connection's HELLO answered says nothing of the SELECT or the ACL after it
		}
		h.failedSince(began, err)
		h.observe(ctx, err)
		return err
	}
}

// handshake are the commands go-redis sends on a new connection, before
// any of the bot's.
var handshake = map[string]bool{"hello": true, "auth": true}

// ProcessPipelineHook notices every pipeline's outcome.
func (h *redisHealth) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		began := time.Now()
		h.sent(began)
		err := next(ctx, cmds)
		h.inFlight.Add(-1)
		outcome := err
		if err == nil { // each command's reply is its own: a refusal among them refuses the bot (go-redis's handshake SELECTs so)
			for _, c := range cmds {
				if refuses(c.Err()) {
					outcome = c.Err()
					break
				}
			}
		}
		h.failedSince(began, outcome)
		h.observe(ctx, outcome)
		return err
	}
}

// blocks reports whether Redis holds cmd until it has something to
// answer (a stream read with BLOCK): waiting says nothing of Redis then.
func blocks(cmd redis.Cmder) bool {
	if name := cmd.Name(); name != "xreadgroup" && name != "xread" {
		return false
	}
	for _, a := range cmd.Args() {
		if s, ok := a.(string); ok && strings.EqualFold(s, "block") {
			return true
		}
	}
	return false
}

// sent notes a command sent at began; its caller takes it off inFlight
// once answered (or failed).
func (h *redisHealth) sent(began time.Time) {
	h.inFlight.Add(1)
	h.pendingSince.CompareAndSwap(0, began.UnixNano())
}

// waitingSince is when the earliest command still waiting for Redis's
// answer began, though not before Redis last answered; 0 for none.
func (h *redisHealth) waitingSince() int64 {
	if h.inFlight.Load() == 0 {
		return 0
	}
	if s := h.pendingSince.Load(); s != 0 {
		return s
	}
	return h.lastAnswer.Load() // those waiting began before the last answer
}

// close stops following Redis, before the bot closes its connections
// (and stops the embedded server): a dial that go-redis started for a
// caller that has since given up can fail after that, which says nothing
// about Redis, and a clean exit must not warn that it is unreachable.
func (h *redisHealth) close() {
	if !h.closed.Swap(true) && h.ownProbe {
		_ = h.probe.Close()
	}
}

// observe counts an outcome: an answer from Redis (even an error reply or
// a nil) means it is up; a failure to reach it, or a reply refusing the
// bot or its writes (refuses), means it is down. While Redis is full an
// answer says nothing of its room (reads are answered): a write probe
// finds it out (see check). A caller that gave up says nothing either
// way, nor does anything once closed; but one whose deadline passed may
// have waited on a Redis that no longer answers, which a PING finds out.
func (h *redisHealth) observe(ctx context.Context, err error) {
	var reply redis.Error
	switch {
	case h.closed.Load():
	case (err == nil || errors.Is(err, redis.Nil) || errors.As(err, &reply) && !refuses(reply)) && h.fullBy() != nil:
		h.check()
	case err == nil || errors.Is(err, redis.Nil) || errors.As(err, &reply) && !refuses(reply):
		h.reachable(ctx)
	case errors.Is(err, context.Canceled):
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		if errors.Is(err, context.DeadlineExceeded) {
			h.check()
		}
	default:
		h.unreachable(ctx, err)
	}
}

// failedSince notes when a command that failed began, unless it was
// answered (see suspect).
func (h *redisHealth) failedSince(began time.Time, err error) {
	var reply redis.Error
	if err != nil && !errors.Is(err, redis.Nil) && !errors.Is(err, context.Canceled) && (!errors.As(err, &reply) || refuses(reply)) {
		h.suspect.CompareAndSwap(0, began.UnixNano())
	}
}

// refuses reports whether err is a reply of Redis refusing the bot
// (redisstore.RefusesTheBot) or its writes (redisstore.RefusesWrites):
// Redis answers, but the bot cannot work with it.
func refuses(err error) bool {
	return redisstore.RefusesTheBot(err) || redisstore.RefusesWrites(err)
}

// check asks Redis, one PING at a time, at most once every probeEvery
// and only while it is thought up or full, whether it answers within
// redisPingTimeout — what /readyz and the Redis gauge ask of it. Callers
// with short deadlines (a delivery accepted before its platform's
// acknowledgement is due) give up before the client's read timeout; while
// Redis is paused or stuck every command may fail that way, and say
// nothing of Redis by itself.
func (h *redisHealth) check() {
	now := time.Now().UnixNano()
	if h.probe == nil || h.isDown() && h.fullBy() == nil || now-h.lastProbe.Load() < int64(probeEvery) || !h.probing.CompareAndSwap(false, true) {
		return
	}
	h.lastProbe.Store(now)
	go func() {
		defer h.probing.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), redisPingTimeout)
		defer cancel()
		_ = h.answers(ctx)
	}()
}

// Redis's state changes, as the log says them: once each.
const (
	msgUnreachable = "Redis is unreachable: scores, schedules and the daily question wait until it is back; questions still work"
	msgStalled     = "Redis is unreachable: it does not answer (stalled or overloaded); every delivery waits until it does, questions too"
	msgRefused     = "Redis refuses the bot: a configuration error, not an outage (check REDIS_URL's password, user and database number against Redis's); the bot is not ready until Redis accepts it"
	msgFull        = "Redis is full: it refuses every write (OOM: used memory over its maxmemory, nothing to evict); questions are served in memory, scores, schedules and the daily question wait until it has room"
	msgReachable   = "Redis is reachable again"
	msgAccepted    = "Redis accepts the bot again"
	msgWritable    = "Redis takes writes again"
)

func (h *redisHealth) unreachable(ctx context.Context, err error) {
	refused, full := redisstore.RefusesTheBot(err), redisstore.RefusesWrites(err)
	h.mu.Lock()
	first := !h.down
	// Redis full, then not reached or not answering (it restarts): an
	// outage of its own, from now, which no write probe ends (see check).
	lostWhileFull := h.full != nil && !full && !refused
	if first || lostWhileFull {
		h.down, h.since, h.recent, h.refusal, h.full = true, time.Now(), nil, nil, nil
	}
	if first {
		for _, s := range []int64{h.suspect.Load(), h.waitingSince()} {
			if s != 0 && s < h.since.UnixNano() {
				h.since = time.Unix(0, s)
			}
		}
	}
	newRefusal := refused && h.refusal == nil
	if newRefusal {
		h.refusal = err
	}
	newFull := full && h.full == nil
	if newFull {
		h.full = err
	}
	if len(h.recent) == recentErrors {
		h.recent = h.recent[1:]
	}
	h.recent = append(h.recent, err)
	h.mu.Unlock()
	switch {
	case newRefusal:
		h.log.ErrorContext(ctx, msgRefused, "err", err)
	case newFull:
		h.log.WarnContext(ctx, msgFull, "err", err)
	case (first || lostWhileFull) && stalled(err):
		h.log.WarnContext(ctx, msgStalled, "err", err)
	case first || lostWhileFull:
		h.log.WarnContext(ctx, msgUnreachable, "err", err)
	}
}

// stalled reports whether err is Redis not answering in time — stalled
// (paused, a slow script) or overloaded — rather than no connection made:
// a command may still be waiting on it, so a delivery cannot be served in
// memory (see redisstore's unreachable) and waits instead.
func stalled(err error) bool {
	var nerr net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &nerr) && nerr.Timeout()
}

// refusedBy is the reply refusing the bot since the outage began, nil
// when there was none or Redis is up.
func (h *redisHealth) refusedBy() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.refusal
}

// fullBy is the reply refusing a write for want of memory since the
// outage began, nil when there was none or Redis is up.
func (h *redisHealth) fullBy() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.full
}

func (h *redisHealth) reachable(ctx context.Context) {
	h.lastAnswer.Store(time.Now().UnixNano())
	h.pendingSince.Store(0)
	h.suspect.Store(0)
	h.mu.Lock()
	wasDown, since, refusal, full := h.down, h.since, h.refusal, h.full
	h.down, h.recent, h.refusal, h.full = false, nil, nil, nil
	h.mu.Unlock()
	switch {
	case refusal != nil:
		h.log.InfoContext(ctx, msgAccepted, "refused_for", time.Since(since).Round(time.Second).String())
	case full != nil:
		h.log.InfoContext(ctx, msgWritable, "full_for", time.Since(since).Round(100*time.Millisecond).String())
	case wasDown:
		h.log.InfoContext(ctx, msgReachable, "down_for", time.Since(since).Round(100*time.Millisecond).String())
	}
}

// repeatsOutage reports whether a warning only repeats that Redis is
// down: while it is, a record that carries one of the errors its commands
// failed with, or that answered a request "unavailable" (or left it in
// doubt, for later).
func (h *redisHealth) repeatsOutage(r slog.Record) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.down {
		return false
	}
	repeats := false
	r.Attrs(func(a slog.Attr) bool {
		switch v := a.Value.Resolve(); {
		case a.Key == "outcome" && v.Kind() == slog.KindString &&
			quiz.Outcome(v.String()).StoreFailed():
			repeats = true
		case v.Kind() == slog.KindAny:
			if err, ok := v.Any().(error); ok {
				repeats = h.seen(err)
			}
		}
		return !repeats
	})
	return repeats
}

// seen reports whether err is, or wraps, an error Redis commands failed
// with during this outage. h.mu is held.
func (h *redisHealth) seen(err error) bool {
	for _, e := range h.recent {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// isDown reports whether Redis is known to be unreachable.
func (h *redisHealth) isDown() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.down
}

// demote is a log handler that logs at debug level the warnings a Redis
// outage repeats, once redisHealth has said it is down.
type demote struct {
	slog.Handler
	health *redisHealth
}

// Handle logs r, at debug level when it repeats the outage.
func (d demote) Handle(ctx context.Context, r slog.Record) error {
	if r.Level == slog.LevelWarn && d.health.repeatsOutage(r) {
		if !d.Handler.Enabled(ctx, slog.LevelDebug) {
			return nil
		}
		r.Level = slog.LevelDebug
	}
	return d.Handler.Handle(ctx, r)
}

// WithAttrs keeps the demotion on a logger with attributes.
func (d demote) WithAttrs(attrs []slog.Attr) slog.Handler {
	return demote{d.Handler.WithAttrs(attrs), d.health}
}

// WithGroup keeps the demotion on a logger with a group.
func (d demote) WithGroup(name string) slog.Handler {
	return demote{d.Handler.WithGroup(name), d.health}
}

// quiet reports whether go-redis's own lines are only debug: while Redis is
// known to be down (they repeat it) or once the bot is closing.
func (h *redisHealth) quiet() bool {
	return h.closed.Load() || h.isDown()
}

// redisLog is go-redis's logger, writing to the bot's: a warning, or a
// debug line while redisHealth has said that Redis is down (go-redis
// repeats a failed dial on every command) or the bot is closing. A failed
// dial is always a debug line: the dial's error reaches the health, which
// says that Redis is lost, once (go-redis logs it first, and its logger is
// the process's: a line may come from another client).
type redisLog struct {
	log    *slog.Logger
	health *redisHealth
}

// Printf logs one line of go-redis's.
func (l redisLog) Printf(ctx context.Context, format string, v ...any) {
	level := slog.LevelWarn
	if l.health.quiet() || strings.Contains(format, "failed to dial") {
		level = slog.LevelDebug
	}
	l.log.Log(ctx, level, "redis client", "detail", fmt.Sprintf(format, v...))
}
