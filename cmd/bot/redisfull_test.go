package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// TestAFullRedisIsDegraded fills the real redis-server's memory under a
// polling bot (maxmemory far below what it uses, noeviction: every write
// is answered OOM, reads and PINGs still are). That is the degraded mode,
// as for an unreachable Redis: an update the inbox cannot take is served
// in memory (a question still comes), /readyz says degraded and why, the
// Redis gauge is 0, and the log says so once on entering and once on
// leaving — not a warning a second from the lease or the poll. Once Redis
// has room again, the bot is ready and answers from the inbox.
func TestAFullRedisIsDegraded(t *testing.T) {
	srv := redistest.Start(t)
	bot, api := startAnsweringBot(t, srv.URL(), "464646:test-token-not-real", 80)

	srv.Fill(t, true)
	api.Push(telegramtest.Message(2, 80, 80, 2, "/ask pv"))
	calls, err := api.Await(10*time.Second, "sendMessage", 2)
	if err != nil {
		t.Fatalf("a question asked while Redis is full was not answered: %v\n%s", err, grepLines(bot.log.String(), "WARN"))
	}
	if text := calls[len(calls)-1].Params["text"]; len(text) == 0 || !strings.Contains(text[0], "pv") {
		t.Errorf("the question asked while Redis is full was answered %q", text)
	}
	testkit.Eventually(t, "/readyz says Redis is full", func() bool {
		code, body := get(t, bot.base+"/readyz")
		return code == http.StatusOK && strings.Contains(body, `"status":"degraded"`) && strings.Contains(body, `"redis":"full`)
	})
	if _, m := get(t, bot.base+"/metrics"); !strings.Contains(m, "\nkubequiz_redis_up 0\n") {
		t.Errorf("/metrics while Redis is full:\n%s", grepLines(m, "kubequiz_redis_up"))
	}
	api.Push(telegramtest.Message(3, 80, 80, 3, "/stats"))
	if _, err := api.Await(10*time.Second, "sendMessage", 3); err != nil {
		t.Fatalf("stats while Redis is full was not answered: %v", err)
	}

	srv.Fill(t, false)
	testkit.Eventually(t, "the bot is ready once Redis has room", func() bool {
		code, body := get(t, bot.base+"/readyz")
		return code == http.StatusOK && strings.Contains(body, `"status":"ready"`)
	})
	api.Push(telegramtest.Message(4, 80, 80, 4, "/ask pv"))
	if _, err := api.Await(10*time.Second, "sendMessage", 4); err != nil {
		t.Fatalf("a question once Redis had room again was not answered: %v", err)
	}
	log := bot.log.String()
	if n := strings.Count(log, msgFull); n != 1 {
		t.Errorf("%d lines say Redis is full, want 1:\n%s", n, grepLines(log, "Redis"))
	}
	if n := strings.Count(log, msgWritable); n != 1 {
		t.Errorf("%d lines say Redis takes writes again, want 1:\n%s", n, grepLines(log, "Redis"))
	}
	for _, repeated := range []string{"polling lease unavailable", "getUpdates failed", "could not be accepted"} {
		for _, l := range strings.Split(grepLines(log, repeated), "\n") {
			if strings.Contains(l, `"level":"WARN"`) {
				t.Errorf("a warning that only repeats that Redis is full: %s", l)
			}
		}
	}
}
