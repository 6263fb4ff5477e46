package slack_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestADailyNowToldToTryAgainWhileRedisIsFullIsNotPostedLater fills the
// real redis-server the bot uses (every write answered OOM) before an
// admin's `daily now`: it is served in memory and told scores are
// unavailable, try again. Redis wrote nothing of its claim, so once Redis
// has room the scheduler's next tick posts nothing behind the admin's
// back; the admin's try again, as told, posts it, and is told so.
func TestADailyNowToldToTryAgainWhileRedisIsFullIsNotPostedLater(t *testing.T) {
	t.Parallel()
	srv, st, svc := coreOnItsOwnRedis(t)
	e := newEnv(t, httpMode, options{core: svc, store: st})
	sched := quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"slack": e.ad}})
	e.slack.SetUser("UADMIN", "Ada", true)

	srv.Fill(t, true)
	first := e.command("UADMIN", "C1", "daily now")
	if got := e.slack.Wait(t, 1, ToHook(first))[0]; !strings.Contains(got.Text+got.Sections(), "Scores are unavailable right now") {
		t.Fatalf("daily now while Redis was full was answered %q, want that scores are unavailable", got.Text+got.Sections())
	}
	srv.Fill(t, false)
	sched.Tick(context.Background())
	sched.Tick(context.Background())
	e.slack.Settle(t)
	if got := e.slack.Sent(ToChannel("chat.postMessage", "C1")); len(got) != 0 {
		t.Fatalf("a daily told to try again was posted all the same, unasked:%s", dumpAll(got))
	}

	again := e.command("UADMIN", "C1", "daily now")
	if got := e.slack.Wait(t, 1, ToHook(again))[0]; !strings.Contains(got.Text+got.Sections(), "posted") || strings.Contains(got.Text+got.Sections(), "already") {
		t.Errorf("daily now tried again, as told, was answered %q, want it posted", got.Text+got.Sections())
	}
	e.slack.Wait(t, 1, ToChannel("chat.postMessage", "C1"))
	e.slack.Settle(t)
	if got := e.slack.Sent(ToHook(first)); len(got) != 1 {
		t.Errorf("the first daily now was answered %d times, want once:%s", len(got), dumpAll(got))
	}
	if got := e.slack.Sent(ToChannel("chat.postMessage", "C1")); len(got) != 1 {
		t.Errorf("%d daily posts, want the one the retry made:%s", len(got), dumpAll(got))
	}
}
