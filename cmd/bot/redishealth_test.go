package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/redisstore"
	"github.com/redis/go-redis/v9"
)

func TestRedisHealthSaysOnceAndQuietensTheRepeats(t *testing.T) {
	var buf syncBuffer
	log, health := newLogger(&buf, config{LogLevel: slog.LevelInfo, LogFormat: "text"})
	ctx := context.Background()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	lines := func() []string { return strings.Split(strings.TrimSpace(buf.String()), "\n") }

	health.observe(ctx, refused)
	health.observe(ctx, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")})
	log.Warn("store unavailable", "doing", "reading leaderboard", "err", fmt.Errorf("leaderboard: %w", refused))
	log.Warn("command", "outcome", "unavailable")
	redisLog{log, health}.Printf(ctx, "redis: connection pool: failed to dial after %d attempts", 2)
	log.Warn("sending a message failed", "err", errors.New("telegram said no"))
	health.observe(ctx, context.Canceled) // a caller that gave up says nothing
	health.observe(ctx, redis.Nil)        // an answer: Redis is back
	log.Warn("store unavailable", "err", refused)

	got := lines()
	want := []string{"level=WARN msg=\"Redis is unreachable", "sending a message failed", "level=INFO msg=\"Redis is reachable again", "store unavailable"}
	if len(got) != len(want) {
		t.Fatalf("log:\n%s\nwant %d lines: %v", buf.String(), len(want), want)
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("line %d: %s, want %q", i+1, got[i], w)
		}
	}
}

func TestRedisHealthAtDebugLevelKeepsTheRepeats(t *testing.T) {
	var buf syncBuffer
	log, health := newLogger(&buf, config{LogLevel: slog.LevelDebug, LogFormat: "text"})
	refused := errors.New("connection refused")
	health.observe(context.Background(), refused)
	log.Warn("store unavailable", "err", refused)
	if !strings.Contains(buf.String(), `level=DEBUG msg="store unavailable"`) {
		t.Errorf("the repeat is kept at debug level:\n%s", buf.String())
	}
	health.observe(context.Background(), errors.New("ERR wrong number of arguments")) // not a reply type: still down
	if !health.isDown() {
		t.Error("a failure that is no reply from Redis keeps it down")
	}
}

// TestRedisHealthIsQuietOnceClosed: once the bot closes its Redis
// connections, a dial go-redis started for a caller that gave up fails
// against the stopped server; that is no outage, and a clean exit logs
// nothing of it (it did, in about one console exit in ten).
func TestRedisHealthIsQuietOnceClosed(t *testing.T) {
	var buf syncBuffer
	log, health := newLogger(&buf, config{LogLevel: slog.LevelWarn, LogFormat: "text"})
	ctx := context.Background()
	health.close()
	health.observe(ctx, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection reset by peer")})
	redisLog{log, health}.Printf(ctx, "redis: connection pool: failed to dial after %d attempts", 1)
	if got := buf.String(); got != "" {
		t.Errorf("closed, the Redis health logged:\n%s", got)
	}
	if health.isDown() {
		t.Error("a dial failing after close counts as an outage")
	}
}

// TestAPausedRedisIsLostEvenWhenEveryCallerGivesUpFirst: callers with
// deadlines shorter than the client's read timeout (a Slack delivery has
// 2 s to be accepted, the read timeout is 3 s) give up on a paused Redis
// before the client does, and each says nothing of Redis by itself (it
// may only have been impatient). The
// health PINGs it as /readyz does, so the outage is logged once, and its
// end once.
func TestAPausedRedisIsLostEvenWhenEveryCallerGivesUpFirst(t *testing.T) {
	srv := redistest.Start(t)
	var buf syncBuffer
	_, health := newLogger(&buf, config{LogLevel: slog.LevelInfo, LogFormat: "text"})
	opts, err := redisstore.ParseURL(srv.URL()) // the bot's client: 3 s read timeout, deadlines kept
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewUniversalClient(opts)
	t.Cleanup(func() { _ = rdb.Close() })
	health.watch(rdb)
	impatient := func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		return rdb.Get(ctx, "kq:health:"+t.Name()).Err()
	}

	// A caller that gives up on a Redis that answers: the probe finds it
	// up, and nothing is logged.
	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if err := rdb.Get(expired, "kq:health:"+t.Name()).Err(); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a command past its deadline: %v", err)
	}
	testkit.Eventually(t, "the probe after a caller gave up ends", func() bool { return !health.probing.Load() })
	if got := buf.String(); got != "" || health.isDown() {
		t.Fatalf("a caller gave up on a Redis that answers, and the health logged:\n%s", got)
	}

	pause := time.Now()
	if err := srv.Client(t).Do(context.Background(), "CLIENT", "PAUSE", "4000").Err(); err != nil {
		t.Fatal(err)
	}
	for !health.isDown() && time.Since(pause) < 4*time.Second {
		if err := impatient(); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("a command on a paused Redis: %v, want its caller's deadline", err)
		}
	}
	if !health.isDown() {
		t.Fatalf("Redis paused for 4 s, every caller giving up first, was never found lost; log:\n%s", buf.String())
	}
	testkit.Eventually(t, "a command answered once the pause ends", func() bool { return errors.Is(impatient(), redis.Nil) })
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "Redis is unreachable") || !strings.Contains(lines[1], "Redis is reachable again") {
		t.Errorf("log, want Redis lost then back, once each:\n%s", buf.String())
	} // The outage is counted from the first command that failed, not from
	// when the PING found it out.
	if m := regexp.MustCompile(`down_for=(\S+)`).FindStringSubmatch(buf.String()); m == nil {
		t.Errorf("the log does not say how long Redis was down:\n%s", buf.String())
	} else if d, err := time.ParseDuration(m[1]); err != nil || d < 3800*time.Millisecond {
		t.Errorf("Redis paused for 4 s was down for %s (%v), by the log", m[1], err)
	}
}

// TestABusyPoolIsNoOutage: every connection of the pool is taken by
// commands Redis is working on (blocking pops here; a burst of load in the
// bot), and a caller gives up waiting for one. Redis answers all along:
// the health's PING, /readyz and the Redis gauge must find it up, not wait
// in the pool's queue and call it unreachable.
func TestABusyPoolIsNoOutage(t *testing.T) {
	srv := redistest.Start(t)
	var buf syncBuffer
	_, health := newLogger(&buf, config{LogLevel: slog.LevelWarn, LogFormat: "text"})
	opts, err := redisstore.ParseURL(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	opts.PoolSize = 2
	rdb := redis.NewUniversalClient(opts)
	t.Cleanup(func() { _ = rdb.Close() })
	health.watch(rdb)
	t.Cleanup(health.close)
	for i := range opts.PoolSize {
		go rdb.BLPop(context.Background(), 3*time.Second, fmt.Sprintf("kq:health:%s:%d", t.Name(), i))
	}
	testkit.Eventually(t, "the pool is taken", func() bool { return rdb.PoolStats().TotalConns == uint32(opts.PoolSize) })
	time.Sleep(100 * time.Millisecond) // both pops are in Redis's hands
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := rdb.Get(ctx, "kq:health:"+t.Name()).Err(); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a command while the pool is taken: %v, want its caller's deadline", err)
	}
	pctx, pcancel := context.WithTimeout(context.Background(), redisPingTimeout)
	defer pcancel()
	if err := health.answers(pctx); err != nil {
		t.Errorf("/readyz's PING while the pool is taken: %v", err)
	}
	testkit.Eventually(t, "the probe after the caller gave up ends", func() bool { return !health.probing.Load() })
	if got := buf.String(); got != "" || health.isDown() {
		t.Errorf("Redis answered throughout, but the health logged:\n%s", got)
	}
}

// replyError is an error reply from Redis, as go-redis reports it.
type replyError string

func (e replyError) Error() string { return string(e) }
func (replyError) RedisError()     {}

// TestALoginRefusedIsAConfigurationError: while the bot's password and
// Redis's requirepass disagree (or REDIS_URL names a database Redis does
// not have), every command is refused with WRONGPASS, NOAUTH or ERR DB
// index. That is a configuration error: logged once as such, at error
// level and not as Redis unreachable, not "back" at the next refusal, its
// warnings quietened; a reply refusing one command (a script's error) is
// still Redis answering.
func TestALoginRefusedIsAConfigurationError(t *testing.T) {
	var buf syncBuffer
	_, health := newLogger(&buf, config{LogLevel: slog.LevelInfo, LogFormat: "text"})
	ctx := context.Background()
	for _, refusal := range []string{"WRONGPASS invalid username-password pair or user is disabled.", "NOAUTH Authentication required.",
		"NOPERM User kubequiz has no permissions to run the 'evalsha' command", "ERR DB index is out of range"} {
		health.observe(ctx, replyError(refusal))
		if !health.isDown() {
			t.Errorf("after %q, Redis is thought up", refusal)
		}
	}
	health.observe(ctx, replyError("ERR Error running script: user_script:1: attempt to compare nil with number"))
	if health.isDown() {
		t.Error("a script's error reply is Redis answering, yet it is thought down")
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `level=ERROR msg="Redis refuses the bot: a configuration error`) || !strings.Contains(lines[0], "WRONGPASS") ||
		!strings.Contains(lines[1], `level=INFO msg="Redis accepts the bot again"`) || strings.Contains(buf.String(), "unreachable") {
		t.Errorf("log, want the refused login once as a configuration error, then its end:\n%s", buf.String())
	}

	// An outage that turns into a refusal (Redis restarted with another
	// password) says the refusal too.
	before := len(buf.String())
	health.observe(ctx, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")})
	health.observe(ctx, replyError("WRONGPASS invalid username-password pair or user is disabled."))
	if got := buf.String()[before:]; !strings.Contains(got, "Redis is unreachable") || !strings.Contains(got, "Redis refuses the bot") {
		t.Errorf("an outage, then a refusal:\n%s", got)
	}
}

// TestTheHealthClosesOnlyAProbeOfItsOwn: for a kind of client it cannot
// copy (a Ring here; the bot makes none) the health probes through the
// bot's own client, and closing the health leaves that client to the bot.
func TestTheHealthClosesOnlyAProbeOfItsOwn(t *testing.T) {
	srv := redistest.Start(t)
	_, health := newLogger(&syncBuffer{}, config{LogLevel: slog.LevelWarn, LogFormat: "text"})
	ring := redis.NewRing(&redis.RingOptions{Addrs: map[string]string{"one": srv.Addr}})
	t.Cleanup(func() { _ = ring.Close() })
	health.watch(ring)
	if err := health.answers(context.Background()); err != nil {
		t.Fatalf("the probe through the ring: %v", err)
	}
	health.close()
	if err := ring.Ping(context.Background()).Err(); err != nil {
		t.Errorf("the bot's client after the health closed: %v", err)
	}
}

// TestARefusalOutlastsAnAnsweredPing: the bot's commands are refused
// (NOPERM) by a Redis whose ACL lets anyone PING. The health's PING (what
// /readyz and the Redis gauge ask) is answered, yet Redis stays lost to
// the bot, said once: before, every PING said it was back, and the next
// refused command that it was lost again.
func TestARefusalOutlastsAnAnsweredPing(t *testing.T) {
	srv := redistest.Start(t)
	var buf syncBuffer
	_, health := newLogger(&buf, config{LogLevel: slog.LevelWarn, LogFormat: "text"})
	rdb := srv.Client(t)
	health.watch(rdb)
	t.Cleanup(health.close)
	ctx := context.Background()
	for range 3 {
		health.observe(ctx, replyError("NOPERM User kubequiz has no permissions to run the 'evalsha' command"))
		if err := health.answers(ctx); err == nil {
			t.Error("/readyz's PING, answered while the bot's commands are refused, says Redis is fine")
		}
	}
	if n := strings.Count(buf.String(), "Redis refuses the bot"); n != 1 || strings.Contains(buf.String(), "accepts the bot again") {
		t.Errorf("log, want the refusal once and no end to it:\n%s", buf.String())
	}
	health.observe(ctx, nil) // a command of the bot's answered
	if err := health.answers(ctx); err != nil || health.isDown() {
		t.Errorf("once a command is answered: %v, down %v", err, health.isDown())
	}
}

// TestTheWriteProbeIsInTheBotsKeySpace: Redis is full, and the bot's user
// may use only its own keys (~kq:*, as operations.md advises). The write
// probe that finds out when Redis has room again is such a key: Redis
// answers it OOM while full (not NOPERM, which would read as a refused
// login and make /readyz 503 during an outage), and takes it once it has
// room.
func TestTheWriteProbeIsInTheBotsKeySpace(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	if err := srv.Client(t).Do(ctx, "ACL", "SETUSER", "kubequiz", "on", ">not-a-real-password", "resetkeys", "~kq:*", "+@all").Err(); err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr, Username: "kubequiz", Password: "not-a-real-password"})
	t.Cleanup(func() { _ = rdb.Close() })
	var buf syncBuffer
	_, health := newLogger(&buf, config{LogLevel: slog.LevelInfo, LogFormat: "text"})
	health.watch(rdb)
	t.Cleanup(health.close)

	srv.Fill(t, true)
	if err := rdb.Set(ctx, "kq:"+t.Name(), 1, 0).Err(); !redisstore.RefusesWrites(err) {
		t.Fatalf("a write to a full Redis: %v", err)
	}
	if err := health.answers(ctx); !redisstore.RefusesWrites(err) || health.refusedBy() != nil {
		t.Errorf("the write probe of a full Redis: %v, refusal %v; want OOM and no refusal", err, health.refusedBy())
	}
	srv.Fill(t, false)
	if err := health.answers(ctx); err != nil || health.isDown() {
		t.Errorf("the write probe once Redis has room: %v, down %v", err, health.isDown())
	}
	if log := buf.String(); strings.Contains(log, msgRefused) || strings.Count(log, msgFull) != 1 || strings.Count(log, msgWritable) != 1 {
		t.Errorf("log, want Redis full and taking writes again, once each, and no refusal:\n%s", log)
	}
}

// TestAFullRedisThatRestartsIsUnreachable: a real redis-server is full,
// then stops (a restart): Redis is unreachable now, said once, and no
// write probe goes to it; once back it is "reachable again", with how
// long it was down — not "takes writes again" with how long it was full.
func TestAFullRedisThatRestartsIsUnreachable(t *testing.T) {
	srv := redistest.Start(t)
	rdb := srv.Client(t)
	var buf syncBuffer
	_, health := newLogger(&buf, config{LogLevel: slog.LevelInfo, LogFormat: "text"})
	health.watch(rdb)
	t.Cleanup(health.close)
	ctx := context.Background()

	srv.Fill(t, true)
	if err := rdb.Set(ctx, "kq:"+t.Name(), 1, 0).Err(); !redisstore.RefusesWrites(err) {
		t.Fatalf("a write to a full Redis: %v", err)
	}
	srv.Stop()
	if err := rdb.Ping(ctx).Err(); err == nil {
		t.Fatal("a stopped Redis answered")
	}
	if health.fullBy() != nil || !health.isDown() {
		t.Errorf("a full Redis that stopped: full %v, down %v; want unreachable, not full", health.fullBy(), health.isDown())
	}
	srv.Restart(t)
	testkit.Eventually(t, "Redis is back", func() bool {
		_ = rdb.Ping(ctx).Err()
		return !health.isDown()
	})
	log := buf.String()
	if strings.Count(log, msgUnreachable) != 1 || strings.Count(log, msgReachable) != 1 || !strings.Contains(grepLines(log, msgReachable), "down_for=") || strings.Contains(log, msgWritable) {
		t.Errorf("log, want Redis full, then unreachable and reachable again with down_for:\n%s", log)
	}
}
