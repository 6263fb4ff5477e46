package quiz_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// TestDailyStatusKnowsTodaysPostIsDone: after `daily now`, `daily on` for
// later the same day promises tomorrow, as the scheduler does (it posts
// nothing more that day), and status tells of the open daily question and
// when its answer is revealed, whether the daily is on or off, until it is.
func TestDailyStatusKnowsTodaysPostIsDone(t *testing.T) {
	e := dailyEnv(t)
	out := &outbox{now: e.clock.Now}
	sc := quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	ctx := context.Background()
	e.clock.Set(time.Date(2026, 12, 3, 22, 53, 0, 0, shanghai))
	const open = "Today's question is open; its answer is revealed tomorrow at 06:53 CST (Thu Dec 3 22:53 UTC)."

	if got := e.cmd("admin", "daily now").Notice; !strings.Contains(got, "revealed tomorrow at 06:53 CST") {
		t.Fatalf("daily now: %q", got)
	}
	got := text(e.cmd("ann", "daily status"))
	if !strings.Contains(got, "The daily question is off in this channel") || !strings.Contains(got, open) {
		t.Errorf("status, daily off, a question open:\n%s", got)
	}

	if got := text(e.cmd("admin", "daily on 23:50")); !strings.Contains(got, "Next: tomorrow at 23:50 CST (15:50 UTC).") {
		t.Errorf("daily on after today's daily now: %s", got)
	}
	got = text(e.cmd("ann", "daily status"))
	if !strings.Contains(got, "Next: tomorrow at 23:50 CST (15:50 UTC).") || !strings.Contains(got, open) {
		t.Errorf("status, daily on, a question open:\n%s", got)
	}
	e.cmd("admin", "lang zh")
	got = text(e.cmd("admin", "daily status"))
	if !strings.Contains(got, "下一题：明天 23:50 CST（UTC 15:50）。") || !strings.Contains(got, "今天的题目正在作答，答案将于明天 06:53 CST（UTC 12月3日 22:53）公布。") {
		t.Errorf("in Chinese:\n%s", got)
	}
	e.cmd("admin", "lang en")

	// What status promised is what the scheduler does: nothing at 23:50.
	e.clock.Set(time.Date(2026, 12, 3, 23, 50, 0, 0, shanghai))
	sc.Tick(ctx)
	if n := len(out.all()); n != 1 {
		t.Fatalf("%d posts by 23:50, want the one of daily now", n)
	}

	// Past midnight the open question is no longer today's.
	e.clock.Set(time.Date(2026, 12, 4, 1, 0, 0, 0, shanghai))
	sc.Tick(ctx)
	got = text(e.cmd("ann", "daily status"))
	if !strings.Contains(got, "The question of 2026-12-03 is open; its answer is revealed today at 06:53 CST") || !strings.Contains(got, "Next: today at 23:50 CST") {
		t.Errorf("status past midnight:\n%s", got)
	}

	// Revealed: status says nothing of it.
	e.clock.Set(time.Date(2026, 12, 4, 6, 53, 0, 0, shanghai))
	sc.Tick(ctx)
	if all := out.all(); len(all) != 2 || !isReveal(all[1].msg) {
		t.Fatalf("want the reveal at 06:53, got %d posts", len(all))
	}
	if got := text(e.cmd("ann", "daily status")); strings.Contains(got, "open") || !strings.Contains(got, "Next: today at 23:50 CST") {
		t.Errorf("status after the reveal:\n%s", got)
	}
	e.clock.Set(time.Date(2026, 12, 4, 23, 50, 0, 0, shanghai))
	sc.Tick(ctx)
	if n := len(out.all()); n != 3 {
		t.Fatalf("%d posts by the next day's 23:50, want its daily too", n)
	}
}

// TestDailyStatusAfterAnEarlyReveal: `daily reveal` closes the question, so
// status no longer calls it open, and a daily off with nothing open is off.
func TestDailyStatusAfterAnEarlyReveal(t *testing.T) {
	e := dailyEnv(t)
	out := &outbox{now: e.clock.Now}
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	e.cmd("admin", "daily now") // Monday 10:00 in Shanghai
	if got := text(e.cmd("ann", "daily status")); !strings.Contains(got, "Today's question is open; its answer is revealed today at 18:00 CST (10:00 UTC).") {
		t.Errorf("status with a question open:\n%s", got)
	}
	e.cmd("admin", "daily reveal")
	if got := text(e.cmd("ann", "daily status")); strings.Contains(got, "open") || !strings.Contains(got, "The daily question is off in this channel") {
		t.Errorf("status after daily reveal:\n%s", got)
	}
}

// claimsDown is a daily store whose reads of post and reveal markers fail.
type claimsDown struct{ *redisstore.Store }

func (claimsDown) Claimed(context.Context, string, string, string, string) (bool, error) {
	return false, errors.New("redis: connection refused")
}

// TestDailyOnSavedIsToldOnWhenItsNextPostCannotBeRead: the settings are
// saved, so the admin is told the daily is on, with its next due time,
// not that scores are unavailable.
func TestDailyOnSavedIsToldOnWhenItsNextPostCannotBeRead(t *testing.T) {
	rdb, _ := testkit.Redis(t)
	st := redisstore.New(rdb)
	c := testkit.NewClock(time.Date(2026, 12, 3, 22, 53, 0, 0, shanghai))
	svc, err := quiz.New(quiz.Config{
		Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: st, Daily: claimsDown{st}, Now: c.Now,
		Location: shanghai, Lang: "en", Logger: slog.New(slog.NewTextHandler(testLog{t}, nil)), AdminIDs: []string{"test:admin"},
	})
	if err != nil {
		t.Fatal(err)
	}
	req := quiz.Request{Platform: "test", Scope: "test:" + t.Name(), Channel: "chan-1", User: "test:admin", UserName: "admin", Prefix: "/", Text: "daily on 23:50"}
	if got := text(svc.Handle(context.Background(), req)); !strings.Contains(got, "The daily question is on") || !strings.Contains(got, "Next: today at 23:50 CST") {
		t.Errorf("daily on, its next post unreadable: %s", got)
	}
}
