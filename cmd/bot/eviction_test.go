package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/redisstore"
)

// TestARedisThatEvictsIsReported starts the bot on a real redis-server
// whose maxmemory-policy is allkeys-lru, as a managed Redis's default may
// be: it would delete the inbox's streams, quizzes and cards when full.
// The bot says so at start, once, at error level, with what to set;
// /readyz names it (still 200: every replica shares the one Redis), and
// kubequiz_redis_evicting is 1.
func TestARedisThatEvictsIsReported(t *testing.T) {
	srv := redistest.StartWith(t, redistest.Options{Args: []string{"--maxmemory-policy", "allkeys-lru"}})
	bot := startBot(t, map[string]string{"REDIS_URL": srv.URL(), "HTTP_ADDR": anyPort, "BOT_LANG": "en", "LOG_LEVEL": "info"})
	base := servingAt(t, bot.log)
	testkit.Eventually(t, "/readyz names the eviction policy", func() bool {
		_, body := get(t, base+"/readyz")
		return strings.Contains(body, `"redis_eviction":"maxmemory-policy allkeys-lru evicts`)
	})
	if code, body := get(t, base+"/readyz"); code != 200 || !strings.Contains(body, `"status":"ready"`) || !strings.Contains(body, `"redis":"ok"`) {
		t.Errorf("/readyz on a Redis that evicts: %d %s; want 200, ready", code, body)
	}
	if _, m := get(t, base+"/metrics"); !strings.Contains(m, "\nkubequiz_redis_evicting 1\n") || !strings.Contains(m, "\nkubequiz_redis_evicted_keys_total 0\n") {
		t.Errorf("/metrics on a Redis that evicts:\n%s", grepLines(m, "evict"))
	}
	log := bot.log.String()
	if lines := grepLines(log, msgEvicting); strings.Count(log, msgEvicting) != 1 || !strings.Contains(lines, "level=ERROR") || !strings.Contains(lines, "maxmemory_policy=allkeys-lru") {
		t.Errorf("the log on a Redis that evicts, want one error line saying so:\n%s", log)
	}
	bot.send(t, "topics", "pv") // a console that read nothing exits as one without input
	bot.stop(t)
}

// TestTheEvictionWatchSaysWhatRedisEvicted reads a real redis-server that
// evicts as the bot does every minute: evicted keys are logged at error
// level with their count since the last reading, once; the policy once
// while it stays; and its change to noeviction once, at info level.
func TestTheEvictionWatchSaysWhatRedisEvicted(t *testing.T) {
	srv := redistest.StartWith(t, redistest.Options{Args: []string{"--maxmemory-policy", "allkeys-random"}})
	rdb := srv.Client(t)
	ctx := context.Background()
	var log testkit.LogBuffer
	w := &evictionWatch{log: slog.New(slog.NewTextHandler(&log, nil)), read: func(ctx context.Context) (redisstore.Eviction, error) {
		return redisstore.ReadEviction(ctx, rdb)
	}}
	w.check(ctx)
	if e, ok := w.state(); !ok || e.Policy != "allkeys-random" || e.Evicted != 0 {
		t.Fatalf("the first reading: %+v, %v", e, ok)
	}

	evictSome(t, rdb)
	w.check(ctx)
	e, _ := w.state()
	w.check(ctx) // nothing evicted since
	if err := rdb.ConfigSet(ctx, "maxmemory-policy", "noeviction").Err(); err != nil {
		t.Fatal(err)
	}
	w.check(ctx)
	w.check(ctx)

	out := log.String()
	if n := strings.Count(out, msgEvicting); n != 1 {
		t.Errorf("%d lines say the policy evicts, want 1:\n%s", n, out)
	}
	if lines := grepLines(out, msgEvicted); strings.Count(out, msgEvicted) != 1 || !strings.Contains(lines, "level=ERROR") || !strings.Contains(lines, fmt.Sprintf("evicted_keys=%d ", e.Evicted)) {
		t.Errorf("want one error line saying the %d keys evicted:\n%s", e.Evicted, out)
	}
	if n := strings.Count(out, msgNoEviction); n != 1 {
		t.Errorf("%d lines say the policy is noeviction now, want 1:\n%s", n, out)
	}
}

// evictSome makes rdb's Redis, whose policy evicts, evict keys: it gives it
// 256 KiB of room over what it uses and writes until it evicted one more.
func evictSome(t *testing.T, rdb *redis.Client) {
	t.Helper()
	ctx := context.Background()
	start, err := redisstore.ReadEviction(ctx, rdb)
	if err != nil {
		t.Fatal(err)
	}
	used, err := rdb.Info(ctx, "memory").Result()
	if err != nil {
		t.Fatal(err)
	}
	var usedMemory int64
	for _, l := range strings.Split(used, "\r\n") {
		if v, ok := strings.CutPrefix(l, "used_memory:"); ok {
			_, _ = fmt.Sscan(v, &usedMemory)
		}
	}
	if err := rdb.ConfigSet(ctx, "maxmemory", fmt.Sprint(usedMemory+256<<10)).Err(); err != nil {
		t.Fatal(err)
	}
	value := strings.Repeat("x", 4096)
	for i := 0; ; i++ { // until Redis evicts: 256 KiB of room takes about 64 of these
		if i == 10000 {
			t.Fatal("redis-server evicted no key")
		}
		if err := rdb.Set(ctx, fmt.Sprintf("evict-test:%d:%d", start.Evicted, i), value, 0).Err(); err != nil {
			t.Fatal(err)
		}
		if e, err := redisstore.ReadEviction(ctx, rdb); err != nil || e.Evicted > start.Evicted {
			return
		}
	}
}

// TestTheFirstReadingSaysNothingOfEarlierEvictions starts the watch on a
// real redis-server that evicted keys before it: the first reading counts
// them since Redis started, which every replica would say at each start.
// It keeps the count and logs nothing of it; keys evicted after it are
// logged, counted from it.
func TestTheFirstReadingSaysNothingOfEarlierEvictions(t *testing.T) {
	srv := redistest.StartWith(t, redistest.Options{Args: []string{"--maxmemory-policy", "allkeys-random"}})
	rdb := srv.Client(t)
	ctx := context.Background()
	evictSome(t, rdb)
	before, err := redisstore.ReadEviction(ctx, rdb)
	if err != nil {
		t.Fatal(err)
	}
	var log testkit.LogBuffer
	w := &evictionWatch{log: slog.New(slog.NewTextHandler(&log, nil)), read: func(ctx context.Context) (redisstore.Eviction, error) {
		return redisstore.ReadEviction(ctx, rdb)
	}}
	w.check(ctx)
	if e, ok := w.state(); !ok || e.Evicted < before.Evicted {
		t.Fatalf("the first reading: %+v, %v; want at least the %d keys evicted before it", e, ok, before.Evicted)
	}
	if out := log.String(); strings.Contains(out, msgEvicted) {
		t.Errorf("the first reading logged the keys evicted before it:\n%s", out)
	}
	first, _ := w.state()
	evictSome(t, rdb)
	w.check(ctx)
	e, _ := w.state()
	if out := log.String(); strings.Count(out, msgEvicted) != 1 || !strings.Contains(out, fmt.Sprintf("evicted_keys=%d ", e.Evicted-first.Evicted)) {
		t.Errorf("want one line saying the %d keys evicted since the first reading:\n%s", e.Evicted-first.Evicted, out)
	}
}

// TestAnInfoRefusedIsSaidOnce reads a real redis-server through a user
// whose ACL refuses INFO (+@all -@dangerous, a common hardening): Redis's
// refusal is a warning, once while it lasts, rather than a silence read as
// noeviction; a refused login or a Redis that is not there (a connection
// error), which the Redis health says, is no warning of the watch's.
func TestAnInfoRefusedIsSaidOnce(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	admin := srv.Client(t)
	if err := admin.Do(ctx, "ACL", "SETUSER", "hardened", "on", ">not-a-real-password", "~*", "&*", "+@all", "-@dangerous").Err(); err != nil {
		t.Fatal(err)
	}
	hardened := redis.NewClient(&redis.Options{Addr: srv.Addr, Username: "hardened", Password: "not-a-real-password"})
	t.Cleanup(func() { _ = hardened.Close() })
	var log testkit.LogBuffer
	w := &evictionWatch{log: slog.New(slog.NewTextHandler(&log, nil)), read: func(ctx context.Context) (redisstore.Eviction, error) {
		return redisstore.ReadEviction(ctx, hardened)
	}}
	w.check(ctx)
	w.check(ctx)
	out := log.String()
	if lines := grepLines(out, msgUnread); strings.Count(out, msgUnread) != 1 || !strings.Contains(lines, "level=WARN") || !strings.Contains(lines, "NOPERM") {
		t.Errorf("want one warning that Redis refuses INFO, with its reply:\n%s", out)
	}
	if _, ok := w.state(); ok {
		t.Error("a refused read left a reading")
	}

	wrong := redis.NewClient(&redis.Options{Addr: srv.Addr, Username: "hardened", Password: "wrong-not-real"})
	t.Cleanup(func() { _ = wrong.Close() })
	hardenedRead := w.read
	for i, read := range []func(context.Context) (redisstore.Eviction, error){
		func(ctx context.Context) (redisstore.Eviction, error) { return redisstore.ReadEviction(ctx, wrong) },
		hardenedRead,
	} {
		if i == 1 {
			srv.Stop()
		}
		var other testkit.LogBuffer
		w = &evictionWatch{log: slog.New(slog.NewTextHandler(&other, nil)), read: read}
		w.check(ctx)
		if out := other.String(); out != "" {
			t.Errorf("a refused login or a Redis that is not there is the health's to say, not the eviction watch's:\n%s", out)
		}
	}
}
