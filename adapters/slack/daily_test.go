package slack_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/slack"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/redisstore"
)

// dailyEnv is an env on a Redis of its own (the daily channels are listed
// per Redis) whose core keeps daily questions, on a clock set to 09:00 UTC
// on 1 December 2026, where the workspace admin UADMIN has turned the daily
// question on in C1 at 10:00 UTC; the scheduler posts through the adapter.
func dailyEnv(t *testing.T) (*env, *quiz.Scheduler, *testkit.Clock) {
	t.Helper()
	rdb, _ := testkit.Redis(t)
	store := redisstore.New(rdb)
	clk := testkit.NewClock(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	svc, err := quiz.New(quiz.Config{Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: store, Daily: store, Lang: "en", Location: time.UTC, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, httpMode, options{core: svc, store: store})
	e.slack.SetUser("UADMIN", "Ada", true)
	if got := e.ask("UADMIN", "C1", "daily on 10:00 UTC", 1)[0]; !strings.Contains(got.Sections(), "every day at 10:00 (UTC)") {
		t.Fatalf("daily on: %s", got.Sections())
	}
	return e, quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"slack": e.ad}}), clk
}

// TestTheDailyQuestionInAChannel turns the daily question on as a
// workspace admin, lets the scheduler post it through the adapter at its
// time, answers it, and reveals it: the whole daily flow on Slack.
func TestTheDailyQuestionInAChannel(t *testing.T) {
	e, sched, clk := dailyEnv(t)
	e.slack.SetUser("UPLAIN", "Bob", false)

	clk.Set(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
	sched.Tick(context.Background())
	sched.Tick(context.Background())
	posted := e.slack.Wait(t, 1, ToChannel("chat.postMessage", "C1"))[0]
	if n := len(posted.Buttons()); !strings.Contains(posted.Sections(), "Daily question") || n < 3 || n > 4 {
		t.Fatalf("the daily post: %s", posted.Raw)
	}
	feedback := e.press("UPLAIN", "C1", posted, posted.Button(t, "a:"), 1)[0]
	if !feedback.Private() {
		t.Errorf("daily feedback must be private: %s", feedback.Raw)
	}
	if st := e.stats("UPLAIN"); st.Answered != 1 {
		t.Errorf("the daily answer was not counted: %+v", st)
	}

	clk.Set(time.Date(2026, 12, 1, 18, 0, 0, 0, time.UTC))
	sched.Tick(context.Background())
	reveals := e.slack.Wait(t, 2, ToChannel("chat.postMessage", "C1"))
	if got := reveals[1].Sections(); !strings.Contains(got, "The daily question's answer") || !strings.Contains(got, "1 answered") {
		t.Errorf("the reveal: %s", got)
	}
	e.slack.Settle(t)
	if n := len(e.slack.Sent(ToChannel("chat.postMessage", "C1"))); n != 2 {
		t.Errorf("%d channel posts, want the daily and its reveal", n)
	}
}

// TestClosingAQuizWithoutItsMessageIDCallsNoAPI: a daily whose send's
// outcome was unknown has no message ID; closing it is a no-op, not a
// chat.update Slack refuses.
func TestClosingAQuizWithoutItsMessageIDCallsNoAPI(t *testing.T) {
	e := newEnv(t, httpMode, options{})
	closed := quiz.Message{Blocks: []rich.Block{rich.Text("the daily, closed")}}
	if err := e.ad.CloseQuiz(context.Background(), "C1", "", closed); err != nil {
		t.Fatalf("CloseQuiz without a message ID: %v", err)
	}
	if calls := e.slack.Attempts("chat.update"); len(calls) != 0 {
		t.Errorf("chat.update called without a message ID: %+v", calls)
	}
}

// TestADailyNowHandledAgainRepliesAsItsFirstHandling, on a real
// redis-server: a workspace admin's `/k8s daily now` is handled, posts the
// daily and says so; its delivery is then handled again, as the inbox
// does with one in flight when its bot was killed. The second handling
// says what the first did, "posted", never "posted already", and posts
// nothing more.
func TestADailyNowHandledAgainRepliesAsItsFirstHandling(t *testing.T) {
	store := redisstore.New(redistest.Start(t).Client(t))
	clk := testkit.NewClock(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	svc, err := quiz.New(quiz.Config{Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: store, Daily: store, Lang: "en", Location: time.UTC, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, httpMode, options{core: svc, store: store})
	quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"slack": e.ad}})
	e.slack.SetUser("UADMIN", "Ada", true)

	c := e.slashCommand("UADMIN", "C1", "daily now")
	e.deliver("slash_commands", c)
	first := e.slack.Wait(t, 1, ToHook(c.ResponseURL))[0]
	if !strings.Contains(first.Text, "Today's daily question is posted") {
		t.Fatalf("daily now says %q", first.Text)
	}
	e.slack.Wait(t, 1, ToChannel("chat.postMessage", "C1"))

	if err := slack.HandleAgain(context.Background(), e.ad, c); err != nil {
		t.Fatal(err)
	}
	replies := e.slack.Wait(t, 2, ToHook(c.ResponseURL))
	if replies[1].Text != first.Text || replies[1].Sections() != first.Sections() {
		t.Errorf("handled again, daily now says %q %q; want what its first handling said, %q", replies[1].Text, replies[1].Sections(), first.Text)
	}
	e.slack.Settle(t)
	if n := len(e.slack.Sent(ToChannel("chat.postMessage", "C1"))); n != 1 {
		t.Errorf("%d channel posts, want the one daily", n)
	}
}
