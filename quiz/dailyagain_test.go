package quiz_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// dailyNowAgainEnv is an env on a real redis-server whose daily store is
// d, wrapping the env's store, with a scheduler posting to the outbox it
// returns.
func dailyNowAgainEnv(t *testing.T, d *diesAfterClaim) (*env, *outbox) {
	t.Helper()
	rdb := redistest.Shared(t).Client(t)
	st := redisstore.New(rdb)
	d.Store = st
	e := newEnvConfigured(t, rdb, st, st, func(c *quiz.Config) { c.Daily = d })
	out := &outbox{now: e.clock.Now}
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	return e, out
}

// diesAfterClaim is a daily store whose process dies (a panic that
// unwinds the handling, as SIGKILL ends it) at the first read after a
// claim, while die is set.
type diesAfterClaim struct {
	*redisstore.Store
	die atomic.Bool
}

func (d *diesAfterClaim) DailyHistory(ctx context.Context, scope, channel string) (quiz.DailyHistory, error) {
	if d.die.Load() {
		panic("killed")
	}
	return d.Store.DailyHistory(ctx, scope, channel)
}

// TestADailyNowDeliveryHandledAgainRepliesAsItsFirstHandling, on a real
// redis-server: an admin's `daily now` handled again from the same
// delivery (in flight when its bot was killed, the inbox delivers it
// again) replies as its first handling did, "posted", and posts nothing
// more; another delivery is told it was posted already.
func TestADailyNowDeliveryHandledAgainRepliesAsItsFirstHandling(t *testing.T) {
	e, out := dailyNowAgainEnv(t, &diesAfterClaim{})
	first := e.deliver("admin", "dlv-daily-1", typing("daily now"))
	if !strings.Contains(first.Notice, "Today's daily question is posted") {
		t.Fatalf("daily now says %q", first.Notice)
	}
	again := e.deliver("admin", "dlv-daily-1", typing("daily now"))
	if again.Notice != first.Notice || text(again) != text(first) {
		t.Errorf("handled again, daily now says %q\n%s\nwant what its first handling said, %q", again.Notice, text(again), first.Notice)
	}
	if n := len(out.all()); n != 1 {
		t.Errorf("%d posts, want the one daily", n)
	}
	if got := text(e.deliver("admin", "dlv-daily-2", typing("daily now"))); !strings.Contains(got, "was posted already") {
		t.Errorf("another delivery's daily now: %s", got)
	}
}

// TestADailyNowWhoseBotDiedAfterItsClaimPostsWhenHandledAgain, on a real
// redis-server: a `daily now` whose bot was killed right after it claimed
// the day's post, before anything was recorded or sent, is handled again
// from the same delivery: it posts the daily (the claim is its own) and
// says so, rather than call the day posted already with nothing posted.
func TestADailyNowWhoseBotDiedAfterItsClaimPostsWhenHandledAgain(t *testing.T) {
	d := &diesAfterClaim{}
	e, out := dailyNowAgainEnv(t, d)
	d.die.Store(true)
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the handling was not killed")
			}
		}()
		e.deliver("admin", "dlv-daily-1", typing("daily now"))
	}()
	d.die.Store(false)
	if n := len(out.all()); n != 0 {
		t.Fatalf("the killed handling posted %d", n)
	}
	again := e.deliver("admin", "dlv-daily-1", typing("daily now"))
	if !strings.Contains(again.Notice, "Today's daily question is posted") || len(out.all()) != 1 {
		t.Errorf("handled again after the kill, daily now says %q\n%s\nand posted %d; want the daily posted once", again.Notice, text(again), len(out.all()))
	}
	if got := text(e.deliver("admin", "dlv-daily-2", typing("daily now"))); !strings.Contains(got, "was posted already") || len(out.all()) != 1 {
		t.Errorf("another delivery's daily now: %s", got)
	}
}
