package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"
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

// TestLogsWriteDurationsReadably: every duration the bot logs, in JSON as
// in text, is written as Go writes one ("1.5s"), as down_for is, never
// as a count of nanoseconds: an attribute made with slog.Duration, one
// made with slog.Any, and one in a group.
func TestLogsWriteDurationsReadably(t *testing.T) {
	for _, format := range []string{"json", "text"} {
		var buf syncBuffer
		log, _ := newLogger(&buf, config{LogLevel: slog.LevelInfo, LogFormat: format})
		log.Info("waited", slog.Duration("timeout", 20*time.Second), slog.Any("waited", 10042*time.Millisecond),
			slog.Group("poll", slog.Duration("retry_in", time.Second)), "duration", 15783*time.Microsecond)
		line := buf.String()
		for _, want := range []string{"timeout", "20s", "waited", "10.042s", "retry_in", "1s", "duration", "15.783ms"} {
			if format == "json" {
				want = strconv.Quote(want)
			}
			if !strings.Contains(line, want) {
				t.Errorf("%s: the line lacks %s: %s", format, want, line)
			}
		}
		if strings.Contains(line, "000000") {
			t.Errorf("%s: a duration in nanoseconds: %s", format, line)
		}
	}
}
