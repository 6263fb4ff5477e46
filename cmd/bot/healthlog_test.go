package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
)

// TestGoRedisLinesHaveOneMsg: a go-redis line logged as JSON has one "msg"
// key (the bot's), with go-redis's text beside it.
func TestGoRedisLinesHaveOneMsg(t *testing.T) {
	var buf syncBuffer
	log, health := newLogger(&buf, config{LogLevel: slog.LevelInfo, LogFormat: "json"})
	redisLog{log, health}.Printf(context.Background(), "redis: connection pool: failed to dial after %d attempts", 2)
	if got := buf.String(); got != "" {
		t.Errorf("a failed dial, which the Redis health says itself, logged above debug level:\n%s", got)
	}
	redisLog{log, health}.Printf(context.Background(), "redis: discarding bad PubSub connection: %s", "EOF")
	line := strings.TrimSpace(buf.String())
	if n := strings.Count(line, `"msg":`); n != 1 {
		t.Errorf("%d msg keys in %s", n, line)
	}
	var got struct{ Msg, Detail string }
	if err := json.Unmarshal([]byte(line), &got); err != nil || got.Msg != "redis client" || got.Detail != "redis: discarding bad PubSub connection: EOF" {
		t.Errorf("%+v (%v) from %s", got, err, line)
	}
}
