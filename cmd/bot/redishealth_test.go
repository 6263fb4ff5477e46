package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

func TestRedisHealthSaysOnceAndQuietensTheRepeats(t *testing.T) {
	var buf syncBuffer
	log, health := newLogger(&buf, config{LogLevel: slog.LevelWarn, LogFormat: "text"})
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
	want := []string{"Redis is unreachable", "sending a message failed", "Redis is reachable again", "store unavailable"}
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
