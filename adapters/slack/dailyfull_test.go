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

// TestDailySettingsToldNotSavedWhileRedisIsFullStayAsTheyWere: with the
// daily on at 10:00 in a channel, an admin's `daily on 11:00` and `daily
// off`, while the real redis-server is full (every write answered OOM), are
// told the setting could not be saved; once Redis has room the daily is
// still on at 10:00, as they were told, not turned off by the half of the
// change Redis let through (its deletes).
func TestDailySettingsToldNotSavedWhileRedisIsFullStayAsTheyWere(t *testing.T) {
	t.Parallel()
	srv, st, svc := coreOnItsOwnRedis(t)
	e := newEnv(t, httpMode, options{core: svc, store: st})
	e.slack.SetUser("UADMIN", "Ada", true)
	if got := e.ask("UADMIN", "C1", "daily on 10:00 UTC", 1)[0]; !strings.Contains(got.Sections(), "every day at 10:00 (UTC)") {
		t.Fatalf("daily on: %s", got.Sections())
	}

	srv.Fill(t, true)
	for _, text := range []string{"daily on 11:00 UTC", "daily off"} {
		if got := e.ask("UADMIN", "C1", text, 1)[0]; !strings.Contains(got.Text+got.Sections(), "could not be saved") {
			t.Errorf("%s while Redis was full was answered %q, want that it could not be saved", text, got.Text+got.Sections())
		}
	}
	srv.Fill(t, false)
	if got := e.ask("UADMIN", "C1", "daily", 1)[0]; !strings.Contains(got.Text+got.Sections(), "10:00") || strings.Contains(got.Text+got.Sections(), "is off") {
		t.Errorf("after the changes told not saved, daily says %q, want it still on at 10:00", got.Text+got.Sections())
	}
}
