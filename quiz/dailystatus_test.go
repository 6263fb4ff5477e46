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
	"github.com/kubequiz/kubequiz/quiz/rich"
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
	const open = "Today's question is open; its answer is revealed tomorrow at 06:53 UTC+8 (Thu Dec 3 22:53 UTC)."

	if got := e.cmd("admin", "daily now").Notice; !strings.Contains(got, "revealed tomorrow at 06:53 UTC+8") {
		t.Fatalf("daily now: %q", got)
	}
	got := text(e.cmd("ann", "daily status"))
	if !strings.Contains(got, "The daily question is off in this channel") || !strings.Contains(got, open) {
		t.Errorf("status, daily off, a question open:\n%s", got)
	}

	if got := text(e.cmd("admin", "daily on 23:50")); !strings.Contains(got, "Next: tomorrow at 23:50 UTC+8 (15:50 UTC).") {
		t.Errorf("daily on after today's daily now: %s", got)
	}
	got = text(e.cmd("ann", "daily status"))
	if !strings.Contains(got, "Next: tomorrow at 23:50 UTC+8 (15:50 UTC).") || !strings.Contains(got, open) {
		t.Errorf("status, daily on, a question open:\n%s", got)
	}
	e.cmd("admin", "lang zh")
	got = text(e.cmd("admin", "daily status"))
	if !strings.Contains(got, "下一题：明天 23:50 UTC+8（UTC 15:50）。") || !strings.Contains(got, "今天的题目正在作答，答案将于明天 06:53 UTC+8（UTC 12月3日 22:53）公布。") {
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
	if !strings.Contains(got, "The question of 2026-12-03 is open; its answer is revealed today at 06:53 UTC+8") || !strings.Contains(got, "Next: today at 23:50 UTC+8") {
		t.Errorf("status past midnight:\n%s", got)
	}

	// Revealed: status says nothing of it.
	e.clock.Set(time.Date(2026, 12, 4, 6, 53, 0, 0, shanghai))
	sc.Tick(ctx)
	if all := out.all(); len(all) != 2 || !isReveal(all[1].msg) {
		t.Fatalf("want the reveal at 06:53, got %d posts", len(all))
	}
	if got := text(e.cmd("ann", "daily status")); strings.Contains(got, "open") || !strings.Contains(got, "Next: today at 23:50 UTC+8") {
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
	if got := text(e.cmd("ann", "daily status")); !strings.Contains(got, "Today's question is open; its answer is revealed today at 18:00 UTC+8 (10:00 UTC).") {
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

func (claimsDown) DayPosted(context.Context, quiz.DailyClaim) (bool, error) {
	return false, errors.New("redis: connection refused")
}

// serviceWithDaily is a service in Shanghai at c's time whose daily store
// is what daily wraps a store on a Redis of its own in.
func serviceWithDaily(t *testing.T, c *testkit.Clock, daily func(*redisstore.Store) quiz.DailyStore) *quiz.Service {
	t.Helper()
	rdb, _ := testkit.Redis(t)
	st := redisstore.New(rdb)
	svc, err := quiz.New(quiz.Config{
		Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: st, Daily: daily(st), Now: c.Now,
		Location: shanghai, Lang: "en", Logger: slog.New(slog.NewTextHandler(testLog{t}, nil)), AdminIDs: []string{"test:admin"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// TestDailyOnSavedIsToldOnWhenItsNextPostCannotBeRead: the settings are
// saved, so the admin is told the daily is on, with its next due time,
// not that scores are unavailable.
func TestDailyOnSavedIsToldOnWhenItsNextPostCannotBeRead(t *testing.T) {
	c := testkit.NewClock(time.Date(2026, 12, 3, 22, 53, 0, 0, shanghai))
	svc := serviceWithDaily(t, c, func(st *redisstore.Store) quiz.DailyStore { return claimsDown{st} })
	req := quiz.Request{Platform: "test", Scope: "test:" + t.Name(), Channel: "chan-1", User: "test:admin", UserName: "admin", Prefix: "/", Text: "daily on 23:50"}
	if got := text(svc.Handle(context.Background(), req)); !strings.Contains(got, "The daily question is on") || !strings.Contains(got, "Next: today at 23:50 UTC+8") {
		t.Errorf("daily on, its next post unreadable: %s", got)
	}
}

// TestAZoneChangeSkipsNoDay is a tester's: `daily now` at 00:30 on a
// Saturday in Shanghai (Friday 17:30 in Berlin), then `daily on 09:00
// berlin` that Friday evening, promised Sunday: Shanghai's Saturday took
// Berlin's, a day without a post. Now Berlin's Saturday has its post, as
// status promises, revealed under its date; and back in Shanghai, whose
// Saturday had both, nothing more is posted until Sunday.
func TestAZoneChangeSkipsNoDay(t *testing.T) {
	e := dailyEnv(t)
	out := &outbox{now: e.clock.Now}
	sc := quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	ctx := context.Background()
	questions := func() (n int) {
		for _, p := range out.all() {
			if !isReveal(p.msg) {
				n++
			}
		}
		return n
	}
	e.clock.Set(time.Date(2026, 12, 5, 0, 30, 0, 0, shanghai))
	e.cmd("admin", "daily now")
	const saturday = "Next: on Sat Dec 5 at 09:00 CET (08:00 UTC)."
	if got := text(e.cmd("admin", "daily on 09:00 berlin")); !strings.Contains(got, saturday) {
		t.Errorf("daily on in Berlin on Friday evening: %s", got)
	}
	if got := text(e.cmd("ann", "daily status")); !strings.Contains(got, saturday) {
		t.Errorf("daily status: %s", got)
	}
	e.cmd("admin", "lang zh")
	if got := text(e.cmd("admin", "daily status")); !strings.Contains(got, "下一题：12月5日 09:00 UTC+1（UTC 08:00）。") {
		t.Errorf("in Chinese: %s", got)
	}
	e.cmd("admin", "lang en")

	e.clock.Set(time.Date(2026, 12, 5, 9, 0, 0, 0, berlin))
	sc.Tick(ctx)
	if n := questions(); n != 2 {
		t.Fatalf("%d questions by Saturday 09:00 in Berlin, want daily now's and Saturday's", n)
	}
	if got := text(e.cmd("ann", "daily status")); !strings.Contains(got, "Next: tomorrow at 09:00 CET") || !strings.Contains(got, "Today's question is open; its answer is revealed today at 17:00 CET") {
		t.Errorf("status after Saturday's post: %s", got)
	}
	// Saturday 18:00 in Shanghai had both posts: the next is Sunday's.
	e.clock.Set(time.Date(2026, 12, 5, 18, 0, 0, 0, shanghai))
	if got := text(e.cmd("admin", "daily on 20:00 Asia/Shanghai")); !strings.Contains(got, "Next: tomorrow at 20:00 UTC+8") {
		t.Errorf("back in Shanghai: %s", got)
	}
	e.clock.Set(time.Date(2026, 12, 5, 20, 0, 0, 0, shanghai))
	sc.Tick(ctx)
	if n := questions(); n != 2 {
		t.Errorf("%d questions by Saturday 20:00 in Shanghai, want no third", n)
	}

	// Berlin's Saturday is revealed under its date, as its second post.
	e.clock.Set(time.Date(2026, 12, 5, 17, 0, 0, 0, berlin))
	sc.Tick(ctx)
	all := out.all()
	if last := rich.Plain(all[len(all)-1].msg.Blocks); !strings.Contains(last, "The daily question's answer · 2026-12-05 (no. 2)\n") {
		t.Errorf("Saturday's reveal in Berlin:\n%s", last)
	}
	e.clock.Set(time.Date(2026, 12, 6, 20, 0, 0, 0, shanghai))
	sc.Tick(ctx)
	if n := questions(); n != 3 {
		t.Errorf("%d questions by Sunday 20:00 in Shanghai, want Sunday's too", n)
	}
}
