package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/redisstore"
)

// TestEveryChatPlatformShowsItsInboxAndBackgroundWork makes the bot with
// Slack and Telegram configured, neither connected yet: /metrics shows
// each platform's inbox backlog, which follows what its inbox holds, and
// its background jobs.
func TestEveryChatPlatformShowsItsInboxAndBackgroundWork(t *testing.T) {
	srv := redistest.Start(t)
	const botID = "424244"
	cfg, err := loadConfig(envOf(map[string]string{
		"REDIS_URL": srv.URL(), "BOT_LANG": "en", "TELEGRAM_BOT_TOKEN": botID + ":test-token-not-real",
		"SLACK_BOT_TOKEN": "xoxb-test-not-real", "SLACK_APP_TOKEN": "xapp-test-not-real",
	}))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	a, err := newApp(context.Background(), cfg, log, newRedisHealth(log), strings.NewReader(""), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.close)
	want := func(when string, series ...string) {
		t.Helper()
		rec := httptest.NewRecorder()
		a.metrics.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		for _, s := range series {
			if !strings.Contains(rec.Body.String(), "\n"+s+"\n") {
				t.Errorf("%s: /metrics lacks %s:\n%s", when, s, grepLines(rec.Body.String(), "kubequiz_inbox_backlog"))
			}
		}
	}
	want("nothing accepted",
		`kubequiz_inbox_backlog{platform="slack"} 0`, `kubequiz_inbox_backlog{platform="telegram"} 0`,
		`kubequiz_background_jobs{platform="slack"} 0`, `kubequiz_background_jobs{platform="telegram"} 0`)

	ctx := context.Background()
	telegram := redisstore.New(srv.Client(t)).Inbox("telegram:"+botID, redisstore.InboxOptions{Consumer: "test"})
	for i := range 2 {
		if _, err := telegram.Accept(ctx, edge.Delivery{ID: fmt.Sprint("update:", i), Kind: "update"}); err != nil {
			t.Fatal(err)
		}
	}
	want("two Telegram updates accepted", `kubequiz_inbox_backlog{platform="slack"} 0`, `kubequiz_inbox_backlog{platform="telegram"} 2`)
	taken, err := telegram.Next(ctx, 2, 10*time.Millisecond)
	if err != nil || len(taken) != 2 {
		t.Fatalf("next: %+v, %v", taken, err)
	}
	if err := telegram.Done(ctx, taken[0].ID, taken[1].ID); err != nil {
		t.Fatal(err)
	}
	want("both handled", `kubequiz_inbox_backlog{platform="telegram"} 0`)
}
