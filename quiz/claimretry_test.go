package quiz_test

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/redisstore"
)

// A daily claim whose reply was lost: Redis ran the claim's script (its
// marker taken, holding the claim's token), and the connection was cut
// before the reply reached the bot, whose client does not send it again.
// The bot must not lose the claim to itself on its next attempt.

// claimLost is a store on the shared redis-server through a proxy that
// cuts the reply of its next ClaimAll when armed.
type claimLost struct {
	*redisstore.Store
	proxy *redistest.Proxy
	armed atomic.Bool
}

func (s *claimLost) ClaimAll(ctx context.Context, claims []quiz.DailyClaim) ([]string, error) {
	if s.armed.Swap(false) {
		s.proxy.CutReplies(1)
	}
	return s.Store.ClaimAll(ctx, claims)
}

// lose runs step with the reply of its ClaimAll lost, and checks that it
// was.
func (s *claimLost) lose(t *testing.T, step func()) {
	t.Helper()
	before := s.proxy.Lost()
	s.armed.Store(true)
	step()
	if s.armed.Load() || s.proxy.Lost() != before+1 {
		t.Fatal("the claim's reply was not lost")
	}
}

// claimRetryEnv is an env whose service claims through a claimLost, on a
// platform of its own (the schedule is global to the shared server), with
// the scheduler of that service (a) and another replica's (b), each
// posting to out. Daily channels are turned on at 09:30 in Shanghai on 1
// December, the clock's time.
type claimRetryEnv struct {
	*env
	st       *claimLost
	platform string
	out      *outbox
	a, b     *quiz.Scheduler
	skipped  atomic.Int32 // the "skipped" events of a and b
}

func newClaimRetryEnv(t *testing.T) *claimRetryEnv {
	t.Helper()
	proxy := redistest.StartProxy(t, redistest.Shared(t).Addr)
	rdb := redis.NewClient(&redis.Options{Addr: proxy.Addr, MaxRetries: -1})
	t.Cleanup(func() { _ = rdb.Close() })
	st := &claimLost{Store: redisstore.New(rdb), proxy: proxy}
	if err := st.Preload(context.Background()); err != nil {
		t.Fatal(err)
	}
	n := envCount.Add(1)
	clock := testkit.NewClock(time.Date(2026, 12, 1, 9, 30, 0, 0, shanghai))
	service := func(daily quiz.DailyStore, seed uint64) *quiz.Service {
		svc, err := quiz.New(quiz.Config{
			Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: st.Store, Daily: daily, Now: clock.Now,
			Rand: rand.NewPCG(seed, 3), Location: shanghai, Lang: "en",
			Logger: slog.New(slog.NewTextHandler(testLog{t}, nil)), AdminIDs: []string{"test:admin"},
		})
		if err != nil {
			t.Fatal(err)
		}
		return svc
	}
	svc := service(st, 1)
	e := &claimRetryEnv{
		env:      &env{t: t, svc: svc, clock: clock, store: st.Store, rdb: rdb, scope: fmt.Sprintf("test:%s:%d", t.Name(), n)},
		st:       st,
		platform: fmt.Sprintf("claimretry%d", n),
		out:      &outbox{now: clock.Now},
	}
	config := quiz.SchedulerConfig{
		Outboxes: map[string]quiz.Outbox{e.platform: e.out},
		OnEvent: func(event, _ string) {
			if event == "skipped" {
				e.skipped.Add(1)
			}
		},
	}
	e.a = quiz.NewScheduler(svc, config)
	e.b = quiz.NewScheduler(service(st.Store, 2), config)
	return e
}

// enable turns the daily on in chan-1 at hour:minute in Shanghai.
func (e *claimRetryEnv) enable(hour, minute int) {
	e.t.Helper()
	err := e.store.SaveDaily(context.Background(), quiz.DailySettings{
		Platform: e.platform, Scope: e.scope, Channel: "chan-1", Hour: hour, Minute: minute, Zone: "Asia/Shanghai",
		Since: e.clock.Now(), Lang: "en",
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

// tick runs s at the clock's time, then moves the clock on 20 s.
func (e *claimRetryEnv) tick(s *quiz.Scheduler) {
	s.Tick(context.Background())
	e.clock.Advance(20 * time.Second)
}

// admin types text as an admin of chan-1, on the env's platform.
func (e *claimRetryEnv) admin(text string) quiz.Response {
	req := e.request("admin")
	req.Platform, req.Text = e.platform, text
	return e.svc.Handle(context.Background(), req)
}

// newLostPostEnv is a claimRetryEnv whose daily is at 09:30, and whose
// scheduler a's claim of the day's post at 09:31 was run by Redis, its
// reply lost.
func newLostPostEnv(t *testing.T) *claimRetryEnv {
	t.Helper()
	e := newClaimRetryEnv(t)
	e.enable(9, 30)
	e.clock.Advance(time.Minute)
	e.st.lose(t, func() { e.tick(e.a) })
	return e
}

// TestADailyPostWhoseClaimsReplyWasLostIsMadeOnce: the scheduler's claim
// of the day's post is run by Redis, its reply lost. Another replica's
// claim loses to it (and moves the channel on to the next day); the next
// tick of the replica that sent it sends it again with its token and
// instant, wins, and posts the day's daily — once. (Before, the next tick
// claimed with a new token, lost to itself, and that day had no daily.)
func TestADailyPostWhoseClaimsReplyWasLostIsMadeOnce(t *testing.T) {
	t.Parallel()
	e := newLostPostEnv(t)
	if got := e.out.all(); len(got) != 0 {
		t.Fatalf("posted %d with the claim's outcome unknown, want none yet", len(got))
	}
	e.tick(e.b)
	if got := e.out.all(); len(got) != 0 {
		t.Fatalf("another replica, whose claim must lose, posted %d", len(got))
	}
	for range 3 {
		e.tick(e.a)
		e.tick(e.b)
	}
	dailies, _ := dailiesAndReveals(e.out)
	if len(dailies) != 1 || dailies[0].at.In(shanghai).Format("01-02") != "12-01" {
		t.Fatalf("dailies posted %+v; want 1 December's, once", dailies)
	}
	e.ticks(e.a, time.Date(2026, 12, 2, 9, 0, 0, 0, shanghai))
	e.ticks(e.b, time.Date(2026, 12, 2, 9, 20, 0, 0, shanghai))
	if dailies, reveals := dailiesAndReveals(e.out); len(dailies) != 1 || len(reveals) != 1 {
		t.Errorf("by 2 December 09:20: %d dailies and %d reveals, want 1 of each", len(dailies), len(reveals))
	}
}

// TestARevealWhoseClaimsReplyWasLostIsMadeOnce: the claim of a daily's
// reveal is run by Redis, its reply lost. Another replica's claim loses
// and, finding it taken, unschedules the reveal; the next tick of the
// replica that sent the claim sends it again, wins, and reveals the daily
// — once. (Before, its next claim lost to itself and the reveal was
// finished as if another replica had made it: it never was.)
func TestARevealWhoseClaimsReplyWasLostIsMadeOnce(t *testing.T) {
	t.Parallel()
	e := newClaimRetryEnv(t)
	e.enable(9, 30)
	e.clock.Advance(time.Minute)
	e.tick(e.a)
	if dailies, _ := dailiesAndReveals(e.out); len(dailies) != 1 {
		t.Fatalf("%d dailies posted at 09:31, want 1", len(dailies))
	}
	e.clock.Set(time.Date(2026, 12, 1, 17, 32, 0, 0, shanghai)) // past its reveal time
	e.st.lose(t, func() { e.tick(e.a) })
	if _, reveals := dailiesAndReveals(e.out); len(reveals) != 0 {
		t.Fatalf("revealed %d with the claim's outcome unknown, want none yet", len(reveals))
	}
	e.tick(e.b)
	if _, reveals := dailiesAndReveals(e.out); len(reveals) != 0 {
		t.Fatalf("another replica, whose claim must lose, revealed %d", len(reveals))
	}
	for range 3 {
		e.tick(e.a)
		e.tick(e.b)
	}
	_, reveals := dailiesAndReveals(e.out)
	if len(reveals) != 1 {
		t.Fatalf("%d reveals, want 1", len(reveals))
	}
	if !strings.Contains(rich.Plain(reveals[0].msg.Blocks), "0 answered") {
		t.Errorf("the reveal reads %q", rich.Plain(reveals[0].msg.Blocks))
	}
}

// TestDailyNowRetriedAfterItsClaimsReplyWasLostPosts: `daily now`'s claim
// is run by Redis, its reply lost: the admin is told the store is
// unavailable. Typed again, it sends the same claim, wins, and posts —
// rather than saying the day was posted when nothing was; the day's
// scheduled post then finds the day taken: one daily.
func TestDailyNowRetriedAfterItsClaimsReplyWasLostPosts(t *testing.T) {
	t.Parallel()
	e := newClaimRetryEnv(t)
	e.enable(23, 0)
	e.clock.Advance(time.Hour)
	var first quiz.Response
	e.st.lose(t, func() { first = e.admin("daily now") })
	if first.Outcome != quiz.OutcomeUnavailable {
		t.Errorf("daily now with its claim's reply lost: %q / %q, outcome %q; want it unavailable", first.Notice, text(first), first.Outcome)
	}
	if got := e.out.all(); len(got) != 0 {
		t.Fatalf("posted %d with the claim's outcome unknown, want none yet", len(got))
	}
	again := e.admin("daily now")
	if !strings.HasPrefix(again.Notice, "Today's daily question is posted") {
		t.Errorf("daily now typed again: %q / %q; want it posted", again.Notice, text(again))
	}
	e.ticks(e.a, time.Date(2026, 12, 1, 23, 30, 0, 0, shanghai))
	e.ticks(e.b, time.Date(2026, 12, 1, 23, 50, 0, 0, shanghai))
	if dailies, _ := dailiesAndReveals(e.out); len(dailies) != 1 {
		t.Errorf("%d dailies on 1 December, want the one daily now made", len(dailies))
	}
}

// newLostDailyNowEnv is a claimRetryEnv whose daily is at 23:00, and
// whose `daily now` at 10:00, through scheduler a, had its claim run by
// Redis, its reply lost.
func newLostDailyNowEnv(t *testing.T) *claimRetryEnv {
	t.Helper()
	e := newClaimRetryEnv(t)
	e.enable(23, 0)
	e.clock.Advance(time.Hour)
	e.st.lose(t, func() { e.admin("daily now") })
	return e
}

// TestDailyNowWhoseClaimsReplyWasLostIsPostedByTheNextTick: not typed
// again, the `daily now` whose claim was won is made by the scheduler's
// next tick, so that the day it took is not left without its daily.
func TestDailyNowWhoseClaimsReplyWasLostIsPostedByTheNextTick(t *testing.T) {
	t.Parallel()
	e := newLostDailyNowEnv(t)
	e.tick(e.b)
	e.tick(e.a)
	e.ticks(e.b, time.Date(2026, 12, 1, 23, 30, 0, 0, shanghai))
	if dailies, _ := dailiesAndReveals(e.out); len(dailies) != 1 || dailies[0].at.In(shanghai).Hour() != 10 {
		t.Errorf("dailies %+v; want one, at 10:00", dailies)
	}
}

// wantSkipped checks that the schedulers told of n skipped dailies by
// when.
func (e *claimRetryEnv) wantSkipped(n int32, when string) {
	e.t.Helper()
	if got := e.skipped.Load(); got != n {
		e.t.Errorf("%d skipped events %s, want %d", got, when, n)
	}
}

// TestADailyPostWonOnlyAfterTheGraceWindowIsSkipped: the scheduler's claim
// of the day's post is run by Redis, its reply lost, and Redis is then
// away for three hours (longer than the 2 h grace window): the claim, kept
// and sent again once Redis is back, wins — and the day's daily is skipped
// (told as a skip), not posted three hours late; the day stays claimed, so
// that neither replica posts it, and the next day's is posted as usual.
// (Before, the kept claim's post was made however late, up to 48 h.)
func TestADailyPostWonOnlyAfterTheGraceWindowIsSkipped(t *testing.T) {
	t.Parallel()
	e := newLostPostEnv(t)
	e.clock.Set(time.Date(2026, 12, 1, 12, 40, 0, 0, shanghai)) // Redis back
	e.tick(e.a)
	e.tick(e.b)
	if dailies, _ := dailiesAndReveals(e.out); len(dailies) != 0 {
		t.Fatalf("%d dailies posted 3 h late, want the day skipped", len(dailies))
	}
	e.wantSkipped(1, "once Redis is back")
	e.ticks(e.a, time.Date(2026, 12, 2, 9, 40, 0, 0, shanghai))
	e.ticks(e.b, time.Date(2026, 12, 2, 10, 0, 0, 0, shanghai))
	dailies, _ := dailiesAndReveals(e.out)
	if len(dailies) != 1 || dailies[0].at.In(shanghai).Format("01-02") != "12-02" {
		t.Errorf("dailies posted %+v; want 2 December's alone", dailies)
	}
	e.wantSkipped(1, "by 2 December")
}

// TestDailyNowWonOnlyAfterTheGraceWindowIsSkipped: `daily now`'s claim is
// run by Redis, its reply lost, and the next tick that sends it again and
// wins comes three hours later (Redis away meanwhile): counted from when
// `daily now` sent it, the post is too late and is skipped; the day stays
// claimed, so its scheduled post at 23:00 is not made either.
func TestDailyNowWonOnlyAfterTheGraceWindowIsSkipped(t *testing.T) {
	t.Parallel()
	e := newLostDailyNowEnv(t)
	e.clock.Advance(3 * time.Hour) // Redis back
	e.tick(e.a)
	e.wantSkipped(1, "once Redis is back")
	e.ticks(e.a, time.Date(2026, 12, 1, 23, 30, 0, 0, shanghai))
	e.ticks(e.b, time.Date(2026, 12, 1, 23, 50, 0, 0, shanghai))
	if dailies, _ := dailiesAndReveals(e.out); len(dailies) != 0 {
		t.Errorf("%d dailies on 1 December, want none: the day was claimed", len(dailies))
	}
}
