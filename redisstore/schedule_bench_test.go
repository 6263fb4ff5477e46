package redisstore

// Benchmarks of the daily scheduler on this store, each against a
// redis-server of its own:
//
//	go test -run '^$' -bench 'SchedulerIdleTick' -benchtime 200x ./redisstore
//	go test -run '^$' -bench 'SchedulerAllDue' -benchtime 1x -timeout 30m ./redisstore
//
// The scheduler ticks every 20 s in every replica, so an idle tick is what
// 10,000 channels cost all day long; all due at once is the busiest minute
// of a day.

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// shanghai is the zone of the scheduler tests' clock.
var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// countingOutbox counts what a scheduler sends.
type countingOutbox struct{ posts, closed atomic.Int64 }

func (o *countingOutbox) Post(context.Context, string, quiz.Message) (string, error) {
	return fmt.Sprintf("m%d", o.posts.Add(1)), nil
}

func (o *countingOutbox) CloseQuiz(context.Context, string, string, quiz.Message) error {
	o.closed.Add(1)
	return nil
}

// schedulerOn is a scheduler of platform "test" on daily, its clock and
// outbox.
func schedulerOn(tb testing.TB, st *Store, daily quiz.DailyStore, now time.Time) (*quiz.Scheduler, *testkit.Clock, *countingOutbox) {
	tb.Helper()
	clock := testkit.NewClock(now)
	svc, err := quiz.New(quiz.Config{
		Bank: testkit.ShippedBank(tb), Store: st, Daily: daily, Now: clock.Now,
		Location: shanghai, Lang: "en", Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		tb.Fatal(err)
	}
	out := &countingOutbox{}
	return quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}}), clock, out
}

// enableDailies turns the daily on in n channels of platform "test", in
// scopes of ten channels; at gives each channel's zone and local time.
func enableDailies(tb testing.TB, st *Store, prefix string, n int, since time.Time, at func(i int) (zone string, hour, minute int)) {
	tb.Helper()
	inParallel(tb, n, func(i int) error {
		zone, hour, minute := at(i)
		return st.SaveDaily(context.Background(), quiz.DailySettings{
			Platform: "test", Scope: fmt.Sprintf("%s:%d", prefix, i/10), Channel: fmt.Sprintf("C%05d", i),
			Hour: hour, Minute: minute, Zone: zone, Since: since, Lang: "en", Prefix: "/",
		})
	})
}

// inParallel runs do for 0 to n-1 from 16 goroutines; the first error
// fails tb.
func inParallel(tb testing.TB, n int, do func(i int) error) {
	tb.Helper()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				if err := do(i); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		tb.Fatal(err)
	}
}

// scheduleZones spread the channels of the tests and benchmarks over zones
// on both sides of UTC, with and without DST.
var scheduleZones = []string{
	"Asia/Shanghai", "Europe/London", "America/New_York", "Asia/Kolkata",
	"Australia/Sydney", "America/Los_Angeles", "Europe/Berlin", "UTC",
}

// inZoneAt is a channel's zone, and the local time there of utc.
func inZoneAt(i int, utc time.Time) (string, int, int) {
	zone := scheduleZones[i%len(scheduleZones)]
	loc, err := time.LoadLocation(zone)
	if err != nil {
		panic(err)
	}
	local := utc.In(loc)
	return zone, local.Hour(), local.Minute()
}

// BenchmarkSchedulerIdleTick measures a tick when nothing is due, with the
// daily on in 10,000 channels over eight zones.
func BenchmarkSchedulerIdleTick(b *testing.B) {
	rdb := redistest.Start(b).Client(b)
	st := preloaded(b, rdb)
	ctx := context.Background()
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai)
	evening := time.Date(2026, 12, 1, 20, 0, 0, 0, time.UTC)
	enableDailies(b, st, "idle", 10_000, start, func(i int) (string, int, int) { return inZoneAt(i, evening) })
	sc, clock, out := schedulerOn(b, st, st, start)
	for range 2 { // the first ticks set up what they keep
		sc.Tick(ctx)
		clock.Advance(20 * time.Second)
	}
	rt := &redistest.RoundTrips{}
	rdb.AddHook(rt)
	for b.Loop() {
		sc.Tick(ctx)
	}
	if out.posts.Load() != 0 {
		b.Fatalf("%d posts from idle ticks", out.posts.Load())
	}
	b.ReportMetric(float64(len(rt.Take()))/float64(b.N), "round-trips/tick")
}

// BenchmarkSchedulerAllDue measures days of 10,000 channels whose daily is
// due in the same minute, over eight zones (no platform latency: the
// outbox only counts).
//
//   - made: the tick that posts them all, and the one that reveals them all
//     8 hours later; making a quiz is most of it.
//   - claimed-elsewhere: the tick of a replica that finds every post
//     claimed by another, which is the scheduler's own cost.
func BenchmarkSchedulerAllDue(b *testing.B) {
	const channels = 10_000
	due := time.Date(2026, 12, 1, 1, 30, 0, 0, time.UTC) // 09:30 in Shanghai
	setUp := func(b *testing.B) (*Store, *quiz.Scheduler, *testkit.Clock, *countingOutbox, *redistest.RoundTrips) {
		rdb := redistest.Start(b).Client(b)
		st := preloaded(b, rdb)
		start := due.Add(-30 * time.Minute)
		enableDailies(b, st, "due", channels, start, func(i int) (string, int, int) { return inZoneAt(i, due) })
		sc, clock, out := schedulerOn(b, st, st, start)
		sc.Tick(context.Background())
		rt := &redistest.RoundTrips{}
		rdb.AddHook(rt)
		return st, sc, clock, out, rt
	}
	b.Run("made", func(b *testing.B) {
		_, sc, clock, out, rt := setUp(b)
		var posting, revealing time.Duration
		var postTrips, revealTrips int
		for i := range b.N {
			at := due.AddDate(0, 0, i)
			d, trips := timedTick(b, sc, clock, at, rt)
			posting += d
			postTrips += trips
			d, trips = timedTick(b, sc, clock, at.Add(8*time.Hour), rt)
			revealing += d
			revealTrips += trips
		}
		if want := int64(2 * channels * b.N); out.posts.Load() != want {
			b.Fatalf("%d posts and reveals, want %d", out.posts.Load(), want)
		}
		n := float64(b.N)
		b.ReportMetric(posting.Seconds()/n, "s-posting")
		b.ReportMetric(revealing.Seconds()/n, "s-revealing")
		b.ReportMetric(float64(postTrips)/n/channels, "round-trips/post")
		b.ReportMetric(float64(revealTrips)/n/channels, "round-trips/reveal")
	})
	b.Run("claimed-elsewhere", func(b *testing.B) {
		st, sc, clock, out, rt := setUp(b)
		trips := 0
		for i := range b.N {
			at := due.AddDate(0, 0, i)
			b.StopTimer()
			claimEveryPost(b, st, channels, at)
			b.StartTimer()
			_, n := timedTick(b, sc, clock, at, rt)
			trips += n
		}
		if out.posts.Load() != 0 {
			b.Fatalf("%d posts, want none: another replica claimed them", out.posts.Load())
		}
		b.ReportMetric(float64(trips)/float64(b.N), "round-trips/tick")
	})
}

// timedTick ticks at t, after an idle tick a minute before (untimed, as the
// timer is during it): ticks come every 20 s, and the hourly backfill is
// not what is measured. It returns how long the tick at t took and its
// round trips.
func timedTick(b *testing.B, sc *quiz.Scheduler, clock *testkit.Clock, t time.Time, rt *redistest.RoundTrips) (time.Duration, int) {
	b.StopTimer()
	clock.Set(t.Add(-time.Minute))
	sc.Tick(context.Background())
	clock.Set(t)
	rt.Take()
	b.StartTimer()
	start := time.Now()
	sc.Tick(context.Background())
	return time.Since(start), len(rt.Take())
}

// claimEveryPost claims, as another replica, the post of each channel that
// enableDailies turned on, for its local date at t.
func claimEveryPost(b *testing.B, st *Store, n int, t time.Time) {
	b.Helper()
	inParallel(b, n, func(i int) error {
		zone, _, _ := inZoneAt(i, t)
		loc, err := time.LoadLocation(zone)
		if err != nil {
			return err
		}
		_, err = st.Claim(context.Background(), fmt.Sprintf("due:%d", i/10), fmt.Sprintf("C%05d", i), t.In(loc).Format("2006-01-02"), "post")
		return err
	})
}
