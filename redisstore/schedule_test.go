package redisstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
)

// The scheduler on this store, end to end: what its ticks cost in round
// trips, and channels of an earlier version. quiz's own tests cover its
// behaviour (one post per channel and date across replicas, DST, grace).

// scheduling is the daily store of a scheduler whose own work — reading
// what is due, claiming, moving channels in the schedule — goes through
// one client, and whose making of posts and reveals goes through another,
// so that each can be counted.
type scheduling struct {
	*Store        // posts and reveals
	sched  *Store // the schedule and the claims
}

func (s scheduling) Due(ctx context.Context, platforms []string, t time.Time, limit int) (quiz.DailiesDue, error) {
	return s.sched.Due(ctx, platforms, t, limit)
}

func (s scheduling) ClaimAll(ctx context.Context, claims []quiz.DailyClaim) ([]string, error) {
	return s.sched.ClaimAll(ctx, claims)
}

func (s scheduling) Reschedule(ctx context.Context, moves []quiz.DailyMove) error {
	return s.sched.Reschedule(ctx, moves)
}

func (s scheduling) BackfillSchedule(ctx context.Context) (int, error) {
	return s.sched.BackfillSchedule(ctx)
}

// TestSchedulerTickRoundTrips counts a tick's round trips with 10,000
// channels on: one when nothing is due, and a fixed few for the scheduler's
// own work when hundreds of posts or reveals are, whatever their number.
// It is not parallel: its 10,000 channels would load the machine under the
// timed tests that are.
func TestSchedulerTickRoundTrips(t *testing.T) {
	st, rdb := openRealRedis(t).isolated(t)
	ctx := context.Background() // the 10,000 channels take long under -race: no 20 s bound
	opts := rdb.(*redis.Client).Options()
	schedRDB := redis.NewClient(opts)
	t.Cleanup(func() { _ = schedRDB.Close() })
	schedRT, jobsRT := &redistest.RoundTrips{}, &redistest.RoundTrips{}
	schedRDB.AddHook(schedRT)
	rdb.AddHook(jobsRT)
	for _, c := range []redis.UniversalClient{schedRDB, rdb} {
		if err := warm(ctx, c); err != nil {
			t.Fatal(err)
		}
	}

	start := time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai)
	// 10,000 channels due at 20:00 UTC, in their own zones: not today.
	evening := time.Date(2026, 12, 1, 20, 0, 0, 0, time.UTC)
	enableDailies(t, st, "idle", 10_000, start, func(i int) (string, int, int) { return inZoneAt(i, evening) })
	// 300 due at 09:30 in Shanghai.
	const busy = 300
	enableDailies(t, st, "busy", busy, start, func(int) (string, int, int) { return "Asia/Shanghai", 9, 30 })
	sc, clock, out := schedulerOn(t, st, scheduling{Store: st, sched: New(schedRDB)}, start)
	// The first ticks (each takes on at most 10,000) backfill and move
	// every channel to its post time.
	sc.Tick(ctx)
	clock.Advance(10 * time.Second)
	sc.Tick(ctx)
	if out.posts.Load() != 0 {
		t.Fatalf("the first ticks posted %d", out.posts.Load())
	}
	schedRT.Take()
	jobsRT.Take()

	ticks := []struct {
		name        string
		at          time.Time
		maxSchedule int
		posts       int64
	}{
		{"idle", start.Add(20 * time.Second), 1, 0},
		{"300 posts due", start.Add(30 * time.Minute), 4, busy},
		{"idle after the posts", start.Add(31 * time.Minute), 1, busy},
		// Hourly, a tick also backfills: SMEMBERS and a pipeline of ZADD NX.
		{"idle, backfilling", start.Add(8 * time.Hour), 3, busy},
		{"300 reveals due", start.Add(30*time.Minute + 8*time.Hour), 3, 2 * busy},
		{"idle after the reveals", start.Add(31*time.Minute + 8*time.Hour), 1, 2 * busy},
	}
	for _, tk := range ticks {
		clock.Set(tk.at)
		sc.Tick(ctx)
		sched, jobs := schedRT.Take(), jobsRT.Take()
		t.Logf("%-22s %d round trip(s) of scheduling, %d making posts and reveals", tk.name, len(sched), len(jobs))
		if len(sched) > tk.maxSchedule {
			t.Errorf("%s: %d round trips of scheduling, want at most %d: %.300v", tk.name, len(sched), tk.maxSchedule, sched)
		}
		if strings.HasPrefix(tk.name, "idle") && len(jobs) != 0 {
			t.Errorf("%s: %d more round trips: %.300v", tk.name, len(jobs), jobs)
		}
		if got := out.posts.Load(); got != tk.posts {
			t.Errorf("after the %s tick: %d posts and reveals, want %d", tk.name, got, tk.posts)
		}
	}
}

// saveLegacyDaily writes a channel's daily settings as an earlier version
// did: the settings and the list of channels, no schedule.
func saveLegacyDaily(tb testing.TB, rdb redis.UniversalClient, d quiz.DailySettings) {
	tb.Helper()
	ctx := context.Background()
	ref := channelRef{Platform: d.Platform, Scope: d.Scope, Channel: d.Channel}.String()
	if err := rdb.HSet(ctx, scopeKeys(d.Scope).daily(d.Channel), "platform", d.Platform, "hour", d.Hour, "minute", d.Minute,
		"zone", d.Zone, "since", d.Since.UnixMilli(), "lang", d.Lang, "prefix", d.Prefix).Err(); err != nil {
		tb.Fatal(err)
	}
	if err := rdb.SAdd(ctx, dailyChannelsKey, ref).Err(); err != nil {
		tb.Fatal(err)
	}
}

// TestSchedulerAfterAnUpgrade runs a scheduler on the data of an earlier
// version: channels without a time in the schedule, one already posted
// today, and a reveal scheduled under the shared key. Each is posted or
// revealed once, on time.
func TestSchedulerAfterAnUpgrade(t *testing.T) {
	t.Parallel()
	st, rdb := openRealRedis(t).isolated(t)
	ctx := ctxFor(t)
	midnight := time.Date(2026, 12, 1, 0, 0, 0, 0, shanghai)
	for _, ch := range []string{"morning", "posted"} {
		saveLegacyDaily(t, rdb, quiz.DailySettings{Platform: "test", Scope: "old", Channel: ch, Hour: 9, Minute: 30,
			Zone: "Asia/Shanghai", Since: midnight.AddDate(0, 0, -30), Lang: "en", Prefix: "/"})
	}
	// The earlier version posted "posted" today (its marker) and
	// "morning" yesterday, whose reveal is due at 01:30.
	if ok, err := st.Claim(ctx, "old", "posted", "2026-12-01", "post"); err != nil || !ok {
		t.Fatal("claiming as the earlier version:", ok, err)
	}
	revealAt := midnight.Add(90 * time.Minute)
	q := quiz.Quiz{ID: "oldquiz1", Scope: "old", Channel: "morning", Lang: "en", Prompt: "Which?", Choices: []string{"a", "b"},
		Points: quiz.DailyPoints, Daily: true, Created: midnight.Add(-15 * time.Hour), Closes: revealAt, TTL: 24 * time.Hour}
	if err := st.CreateQuiz(ctx, q); err != nil {
		t.Fatal(err)
	}
	p := quiz.DailyPost{Platform: "test", Scope: "old", Channel: "morning", Date: "2026-11-30", QuizID: q.ID,
		MessageID: "m0", PostedAt: q.Created, RevealAt: revealAt, Lang: "en"}
	if err := st.SavePost(ctx, p); err != nil {
		t.Fatal(err)
	}
	ref := postRef(p).String()
	if err := rdb.ZRem(ctx, dailyRevealsOf("test"), ref).Err(); err != nil {
		t.Fatal(err)
	}
	if err := rdb.ZAdd(ctx, dailyRevealsKey, redis.Z{Score: float64(p.RevealAt.UnixMilli()), Member: ref}).Err(); err != nil {
		t.Fatal(err)
	}

	sc, clock, out := schedulerOn(t, st, st, midnight.Add(time.Hour))
	want := map[time.Duration]int64{ // messages sent by then, after midnight
		time.Hour:                    0,
		100 * time.Minute:            1, // the reveal, at the first tick after 01:30
		9*time.Hour + 20*time.Minute: 1,
		9*time.Hour + 30*time.Minute: 2, // "morning"'s post; "posted" was posted already
		12 * time.Hour:               2,
	}
	for ; !clock.Now().After(midnight.Add(12 * time.Hour)); clock.Advance(10 * time.Minute) {
		sc.Tick(ctx)
		if n, ok := want[clock.Now().Sub(midnight)]; ok && out.posts.Load() != n {
			t.Errorf("%d messages by %s, want %d", out.posts.Load(), clock.Now().Format("15:04"), n)
		}
	}
	if out.closed.Load() != 1 {
		t.Errorf("%d quizzes closed, want the revealed one", out.closed.Load())
	}
	if last, ok, _ := st.LastPost(ctx, "old", "morning"); !ok || last.Date != "2026-12-01" {
		t.Errorf("the channel's last post is %+v, want today's", last)
	}
}
