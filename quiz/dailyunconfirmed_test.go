package quiz_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
)

// TestADailyThePlatformNeverConfirmedIsToldSoAgain, on a real
// redis-server: a `daily now` whose send's outcome is unknown (the bot died
// during it, or the platform did not answer in time) leaves its post
// recorded as pending. A second `daily now` and `daily status` say what
// the first said — the platform did not confirm it, so it may not be in
// the channel, and when its answer is revealed if it is — never that it
// was posted and is open; the second posts nothing, as the day's claim
// stands (RELIABILITY.md).
func TestADailyThePlatformNeverConfirmedIsToldSoAgain(t *testing.T) {
	e := newEnvOn(t, redistest.Shared(t).Client(t))
	e.enableDaily(t, "chan-1", 9, 30, "Asia/Shanghai")
	out := &refusingOutbox{outbox: outbox{now: e.clock.Now}, timeout: true}
	out.refusals.Store(1)
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	const unconfirmed = "The platform did not confirm the daily question, so it may or may not be in the channel"
	if r := e.cmd("admin", "daily now"); !strings.Contains(r.Notice, unconfirmed) {
		t.Fatalf("a daily now whose send timed out says %q", r.Notice)
	}
	if p, ok, err := e.store.LastPost(context.Background(), e.scope, "chan-1"); err != nil || !ok || !p.Pending {
		t.Fatalf("the channel's latest post: %+v, %v, %v; want it pending", p, ok, err)
	}

	e.clock.Advance(time.Hour)
	again := text(e.cmd("admin", "daily now"))
	if !strings.Contains(again, unconfirmed) || !strings.Contains(again, "its answer is revealed today at 18:00") ||
		strings.Contains(again, "posted already") || strings.Contains(again, "still open") {
		t.Errorf("daily now again says %q; want that the platform did not confirm the post", again)
	}
	if !strings.Contains(again, "One is posted a day; the next is tomorrow at 09:30") {
		t.Errorf("daily now again says %q; want when the next is posted", again)
	}
	if len(out.all()) != 0 {
		t.Errorf("daily now again posted %d messages; want none: the day's claim stands", len(out.all()))
	}
	status := text(e.cmd("admin", "daily status"))
	if !strings.Contains(status, unconfirmed) || strings.Contains(status, "is open") {
		t.Errorf("daily status says %q; want that the platform did not confirm the post", status)
	}
}
