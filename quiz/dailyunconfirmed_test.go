package quiz_test

import (
	"context"
	"strings"
	"sync"
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
	if !strings.Contains(again, "post it again with /daily now, from today at 12:00") {
		t.Errorf("daily now again says %q; want from when it posts the daily again (past the grace window)", again)
	}
	status := text(e.cmd("admin", "daily status"))
	if !strings.Contains(status, unconfirmed) || strings.Contains(status, "is open") {
		t.Errorf("daily status says %q; want that the platform did not confirm the post", status)
	}

	// Past the grace window (2 h) since its send: posted again, once.
	e.clock.Advance(time.Hour + time.Minute)
	if r := e.cmd("admin", "daily now"); !strings.Contains(r.Notice, "Today's daily question is posted") || len(out.all()) != 1 {
		t.Fatalf("daily now past the grace window says %q and posted %d; want it posted again", r.Notice, len(out.all()))
	}
	if got := text(e.cmd("admin", "daily now")); !strings.Contains(got, "posted already") || len(out.all()) != 1 {
		t.Errorf("daily now after the post made again says %q and posted %d; want it posted already", got, len(out.all()))
	}
	if p, ok, err := e.store.LastPost(context.Background(), e.scope, "chan-1"); err != nil || !ok || p.Pending || p.MessageID == "" {
		t.Errorf("the channel's latest post: %+v, %v, %v; want the one posted again, confirmed", p, ok, err)
	}
}

// TestADailyIsPostedAgainOnceAtMost: past the grace window, two `daily
// now`s at once post the unconfirmed daily again once; and a post made
// again that is unconfirmed too is not made a third time.
func TestADailyIsPostedAgainOnceAtMost(t *testing.T) {
	e := newEnvOn(t, redistest.Shared(t).Client(t))
	out := &refusingOutbox{outbox: outbox{now: e.clock.Now}, timeout: true}
	out.refusals.Store(1)
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	e.cmd("admin", "daily now")
	e.clock.Advance(3 * time.Hour)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { e.cmd("admin", "daily now") })
	}
	wg.Wait()
	if n := len(out.all()); n != 1 {
		t.Fatalf("two daily nows past the grace window posted %d; want 1", n)
	}

	e = newEnvOn(t, redistest.Shared(t).Client(t))
	out = &refusingOutbox{outbox: outbox{now: e.clock.Now}, timeout: true}
	out.refusals.Store(2)
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	e.cmd("admin", "daily now")
	e.clock.Advance(3 * time.Hour)
	if r := e.cmd("admin", "daily now"); !strings.Contains(r.Notice, "did not confirm") {
		t.Fatalf("a daily now posting again, its send timed out too, says %q", r.Notice)
	}
	e.clock.Advance(3 * time.Hour)
	got := text(e.cmd("admin", "daily now"))
	if !strings.Contains(got, "was posted again already; it is not posted again today") || len(out.all()) != 0 || out.refusals.Load() != 0 {
		t.Errorf("a third daily now says %q, %d posted, %d refusals left; want nothing more sent", got, len(out.all()), out.refusals.Load())
	}
}
