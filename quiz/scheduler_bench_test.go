package quiz_test

// The scheduler's tick with 10,000 channels that have the daily question on,
// on the shared real redis-server, for BENCHMARKS.md:
//
//	go test -run '^$' -bench 'SchedulerTick' -benchtime 1x ./quiz
//
// Only the core's public API is used: channels turn the daily on with
// `daily on`, and quiz.Scheduler.Tick runs with the service's clock.

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// benchChannels is how many channels have the daily question on.
const benchChannels = 10_000

// benchPlatform is the platform of the benchmark's channels; its outbox
// takes every post at once.
const benchPlatform = "bench"

// postCounter is an Outbox that counts posts and closes.
type postCounter struct{ posts, closes atomic.Int64 }

func (p *postCounter) Post(context.Context, string, quiz.Message) (string, error) {
	return "m" + strconv.FormatInt(p.posts.Add(1), 10), nil
}

func (p *postCounter) CloseQuiz(context.Context, string, string, quiz.Message) error {
	p.closes.Add(1)
	return nil
}

// dailyChannels is a service on the shared server whose clock reads
// clock, with benchChannels channels of a scope of their own turned on for
// 09:00 UTC, and a scheduler over it that posts to out. Its round trips
// are counted from when it returns.
type dailyChannels struct {
	svc   *quiz.Service
	sched *quiz.Scheduler
	out   *postCounter
	trips *redistest.RoundTrips
	scope string
}

func newDailyChannels(b *testing.B, clock *testkit.Clock) *dailyChannels {
	b.Helper()
	rdb := benchClient(b)
	st := redisstore.New(rdb)
	svc, err := quiz.New(quiz.Config{
		Bank: shippedBank(b), Store: st, Daily: st, Now: clock.Now, Lang: "en",
		Logger: slog.New(slog.DiscardHandler), AdminIDs: []string{"bench:admin"},
	})
	if err != nil {
		b.Fatal(err)
	}
	d := &dailyChannels{svc: svc, out: &postCounter{}, trips: &redistest.RoundTrips{}, scope: fmt.Sprintf("bench:daily:%d", time.Now().UnixNano())}
	d.each(b, "daily on 09:00 UTC")
	d.sched = quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{benchPlatform: d.out}})
	rdb.AddHook(d.trips)
	return d
}

// each types text in every channel, from several goroutines.
func (d *dailyChannels) each(b *testing.B, text string) {
	b.Helper()
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Pointer[string]
	for range 32 {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < benchChannels; i = int(next.Add(1)) - 1 {
				r := d.svc.Handle(context.Background(), quiz.Request{
					Platform: benchPlatform, Scope: d.scope, Channel: "C" + strconv.Itoa(i), User: "bench:admin", Text: text,
				})
				if r.Outcome != quiz.OutcomeOK {
					msg := fmt.Sprintf("%q in channel %d: %s %+v", text, i, r.Outcome, r.Messages)
					failed.CompareAndSwap(nil, &msg)
					return
				}
			}
		})
	}
	wg.Wait()
	if msg := failed.Load(); msg != nil {
		b.Fatal(*msg)
	}
}

// BenchmarkSchedulerTickIdle10k is one tick when none of 10,000 channels
// is due (08:00 UTC, the posts at 09:00): what every replica pays every
// tick, all day.
func BenchmarkSchedulerTickIdle10k(b *testing.B) {
	clock := testkit.NewClock(time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC))
	d := newDailyChannels(b, clock)
	b.Cleanup(func() { d.each(b, "daily off") })
	ctx := context.Background()
	d.sched.Tick(ctx) // warm the connections
	d.trips.Take()
	b.ResetTimer()
	for range b.N {
		d.sched.Tick(ctx)
	}
	b.StopTimer()
	if n := d.out.posts.Load(); n != 0 {
		b.Fatalf("an idle tick posted %d dailies", n)
	}
	b.ReportMetric(float64(len(d.trips.Take()))/float64(b.N), "round-trips/tick")
}

// BenchmarkSchedulerTickAllDue10k is the tick at 09:00:30 UTC, when all
// 10,000 channels' daily questions are due at once and this replica posts
// them all. Each iteration turns the daily on in 10,000 new channels first
// (not timed) and off after.
func BenchmarkSchedulerTickAllDue10k(b *testing.B) {
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		clock := testkit.NewClock(time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC))
		d := newDailyChannels(b, clock)
		clock.Set(time.Date(2026, 12, 1, 9, 0, 30, 0, time.UTC))
		d.trips.Take()
		b.StartTimer()
		d.sched.Tick(ctx)
		b.StopTimer()
		if n := d.out.posts.Load(); n != benchChannels {
			b.Fatalf("the tick posted %d dailies, want %d", n, benchChannels)
		}
		b.ReportMetric(float64(len(d.trips.Take())), "round-trips/tick")
		d.each(b, "daily off")
		b.StartTimer()
	}
}
