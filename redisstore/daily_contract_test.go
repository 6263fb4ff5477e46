package redisstore

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
)

// TestDailyStoreContract runs the daily store's contract on every backend,
// the backends side by side (each is a server of its own).
func TestDailyStoreContract(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { t.Parallel(); runDailyContract(t, b.open(t)) })
	}
}

func runDailyContract(t *testing.T, h *harness) {
	t.Run("settings turn on, are scheduled at once and turn off", func(t *testing.T) {
		f := newFx(t, h)
		platform := "p-" + f.scope // the schedule is per platform: this test's own
		d := quiz.DailySettings{Platform: platform, Scope: f.scope, Channel: "C9", Hour: 9, Minute: 30, Zone: "Europe/London", Since: t0, Lang: "en", Admin: "D42"}
		if err := f.st.SaveDaily(f.ctx, d); err != nil {
			t.Fatal(err)
		}
		got, ok, err := f.st.Daily(f.ctx, f.scope, "C9")
		if err != nil || !ok || got.Hour != 9 || got.Minute != 30 || got.Zone != "Europe/London" || !got.Since.Equal(t0) || got.Platform != platform || got.Lang != "en" || got.Admin != "D42" {
			t.Fatalf("Daily = %+v, %v, %v", got, ok, err)
		}
		if due := f.due(platform, t0.Add(-time.Millisecond)); len(due.Channels) != 0 {
			t.Errorf("due before it was turned on: %+v", due.Channels)
		}
		due := f.due(platform, t0)
		if len(due.Channels) != 1 || due.Channels[0].DailySettings != got || !due.Channels[0].Due.Equal(t0.Truncate(time.Millisecond)) {
			t.Fatalf("Due at its turn-on time = %+v, want its settings due at %s", due.Channels, t0)
		}
		if other := f.due("p-other-"+f.scope, t0.Add(time.Hour)); len(other.Channels) != 0 {
			t.Errorf("due on another platform: %+v", other.Channels)
		}
		if err := f.st.StopDaily(f.ctx, f.scope, "C9", true); err != nil {
			t.Fatal(err)
		}
		if off, ok, err := f.st.Daily(f.ctx, f.scope, "C9"); ok || err != nil {
			t.Errorf("a stopped daily is still on (%v)", err)
		} else if off.Hour != 9 || off.Minute != 30 || off.Zone != "Europe/London" || !off.Kept {
			t.Errorf("a stopped daily forgot its time and zone, for turning it on again: %+v", off)
		}
		if due := f.due(platform, t0.Add(time.Hour)); len(due.Channels) != 0 {
			t.Errorf("a stopped daily is still scheduled: %+v", due.Channels)
		}
		// Stopped again, it keeps them; on again, it has its new ones.
		if err := f.st.StopDaily(f.ctx, f.scope, "C9", true); err != nil {
			t.Fatal(err)
		}
		if off, ok, _ := f.st.Daily(f.ctx, f.scope, "C9"); ok || off.Hour != 9 || off.Zone != "Europe/London" {
			t.Errorf("stopped twice: %+v, %v", off, ok)
		}
		d.Hour, d.Zone = 7, "Asia/Tokyo"
		if err := f.st.SaveDaily(f.ctx, d); err != nil {
			t.Fatal(err)
		}
		if got, ok, err := f.st.Daily(f.ctx, f.scope, "C9"); !ok || err != nil || got.Hour != 7 || got.Minute != 30 || got.Zone != "Asia/Tokyo" {
			t.Errorf("on again: %+v, %v, %v; want 07:30 in Asia/Tokyo", got, ok, err)
		}
		if n, err := h.rdb.Exists(f.ctx, scopeKeys(f.scope).dailyOff("C9")).Result(); n != 0 || err != nil {
			t.Errorf("on again, what it had when off is still kept (%d, %v)", n, err)
		}
		if _, ok, _ := f.st.Daily(f.ctx, f.scope, "C-never"); ok {
			t.Error("a channel never on is on")
		} else if never, _, _ := f.st.Daily(f.ctx, f.scope, "C-never"); never.Zone != "" || never.Kept {
			t.Errorf("a channel never on has a zone kept: %+v", never)
		}
		// Stopped without its zone (it was the scope's), it keeps its time.
		if err := f.st.StopDaily(f.ctx, f.scope, "C9", false); err != nil {
			t.Fatal(err)
		}
		if off, ok, _ := f.st.Daily(f.ctx, f.scope, "C9"); ok || !off.Kept || off.Hour != 7 || off.Minute != 30 || off.Zone != "" {
			t.Errorf("stopped following the scope's zone: %+v, %v; want 07:30 kept, no zone", off, ok)
		}
	})

	t.Run("a move applies only from the time it read", func(t *testing.T) {
		f := newFx(t, h)
		platform := "p-" + f.scope
		d := f.dailyOn(platform, "C1")
		read := f.due(platform, t0).Channels[0].Due
		next := t0.Add(24 * time.Hour)
		move := quiz.DailyMove{Platform: platform, Scope: f.scope, Channel: "C1", From: read, To: next}
		if err := f.st.Reschedule(f.ctx, []quiz.DailyMove{move}); err != nil {
			t.Fatal(err)
		}
		if due := f.due(platform, next.Add(-time.Millisecond)); len(due.Channels) != 0 {
			t.Fatalf("due before its next time: %+v", due.Channels)
		}
		if due := f.due(platform, next); len(due.Channels) != 1 || !due.Channels[0].Due.Equal(next.Truncate(time.Millisecond)) {
			t.Fatalf("not due at its next time: %+v", due.Channels)
		}
		// A replica that read the old time moves nothing.
		stale := move
		stale.To = t0.Add(72 * time.Hour)
		if err := f.st.Reschedule(f.ctx, []quiz.DailyMove{stale}); err != nil {
			t.Fatal(err)
		}
		if due := f.due(platform, next); len(due.Channels) != 1 {
			t.Fatalf("a stale move applied: %+v", due.Channels)
		}
		// `daily on` again while a tick holds a read: the tick's move fails.
		d.Since = t0.Add(time.Hour)
		if err := f.st.SaveDaily(f.ctx, d); err != nil {
			t.Fatal(err)
		}
		if err := f.st.Reschedule(f.ctx, []quiz.DailyMove{{Platform: platform, Scope: f.scope, Channel: "C1", From: next, To: next.Add(time.Hour)}}); err != nil {
			t.Fatal(err)
		}
		if due := f.due(platform, d.Since); len(due.Channels) != 1 {
			t.Fatalf("a move read before daily on applied: %+v", due.Channels)
		}
	})

	t.Run("a retry makes a channel due again and defeats moves read before it", func(t *testing.T) {
		f := newFx(t, h)
		platform := "p-" + f.scope
		f.dailyOn(platform, "C1")
		at := t0.Add(time.Hour).Truncate(time.Millisecond)
		next := t0.Add(24 * time.Hour)
		if err := f.st.Reschedule(f.ctx, []quiz.DailyMove{{Platform: platform, Scope: f.scope, Channel: "C1", From: t0, To: next}}); err != nil {
			t.Fatal(err)
		}
		for range 2 { // a second retry still changes the time
			before := f.due(platform, next).Channels[0].Due
			if err := f.st.RetryDaily(f.ctx, platform, f.scope, "C1", at); err != nil {
				t.Fatal(err)
			}
			due := f.due(platform, at)
			if len(due.Channels) != 1 || !due.Channels[0].Due.Before(at) || !due.Channels[0].Due.Before(before) {
				t.Fatalf("after a retry from %s: %+v, want due before %s", before, due.Channels, at)
			}
			// A tick that read the time before the retry moves nothing.
			if err := f.st.Reschedule(f.ctx, []quiz.DailyMove{{Platform: platform, Scope: f.scope, Channel: "C1", From: before, To: next}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.st.StopDaily(f.ctx, f.scope, "C1", true); err != nil {
			t.Fatal(err)
		}
		if err := f.st.RetryDaily(f.ctx, platform, f.scope, "C1", at); err != nil {
			t.Fatal(err)
		}
		if due := f.due(platform, next); len(due.Channels) != 0 {
			t.Errorf("a retry turned a stopped daily back on: %+v", due.Channels)
		}
	})

	t.Run("a scheduled channel whose settings are gone is dropped", func(t *testing.T) {
		f := newFx(t, h)
		platform := "p-" + f.scope
		f.dailyOn(platform, "C1")
		if err := h.rdb.Del(f.ctx, scopeKeys(f.scope).daily("C1")).Err(); err != nil {
			t.Fatal(err)
		}
		if due := f.due(platform, t0); len(due.Channels) != 0 {
			t.Fatalf("a channel without settings is due: %+v", due.Channels)
		}
		if n, _ := h.rdb.ZCard(f.ctx, dailyScheduleKey(platform)).Result(); n != 0 {
			t.Errorf("the schedule still holds %d entries", n)
		}
	})

	t.Run("channels turned on by an earlier version are backfilled once", func(t *testing.T) {
		st, rdb := h.isolated(t)
		ctx := ctxFor(t)
		scope := newScope(t)
		// What an earlier version's SaveDaily wrote: the settings and the
		// list of channels, no schedule.
		ref := channelRef{Platform: "slack", Scope: scope, Channel: "C1"}.String()
		if err := rdb.HSet(ctx, scopeKeys(scope).daily("C1"), "platform", "slack", "hour", 9, "minute", 30,
			"zone", "Asia/Shanghai", "since", t0.UnixMilli(), "lang", "zh", "prefix", "/").Err(); err != nil {
			t.Fatal(err)
		}
		if err := rdb.SAdd(ctx, dailyChannelsKey, ref).Err(); err != nil {
			t.Fatal(err)
		}
		// One turned on by this version keeps its time.
		if err := st.SaveDaily(ctx, quiz.DailySettings{Platform: "slack", Scope: scope, Channel: "C2", Hour: 9, Zone: "UTC", Since: t0}); err != nil {
			t.Fatal(err)
		}
		if due, _ := st.Due(ctx, []string{"slack"}, t0.Add(-time.Hour), 10); len(due.Channels) != 0 {
			t.Fatalf("due before the backfill: %+v", due.Channels)
		}
		if n, err := st.BackfillSchedule(ctx); err != nil || n != 1 {
			t.Fatalf("BackfillSchedule = %d, %v, want 1", n, err)
		}
		due, err := st.Due(ctx, []string{"slack"}, t0.Add(-time.Hour), 10)
		if err != nil || len(due.Channels) != 1 || due.Channels[0].Channel != "C1" || due.Channels[0].Zone != "Asia/Shanghai" || due.Channels[0].Prefix != "/" {
			t.Fatalf("after the backfill, due = %+v, %v", due.Channels, err)
		}
		if n, err := st.BackfillSchedule(ctx); err != nil || n != 0 {
			t.Errorf("a second BackfillSchedule = %d, %v, want 0", n, err)
		}
	})

	t.Run("claims taken together report each one's outcome", func(t *testing.T) {
		f := newFx(t, h)
		if ok, _ := f.st.Claim(f.ctx, f.scope, "C1", "2026-12-01", "post"); !ok {
			t.Fatal("the first claim failed")
		}
		won, err := f.st.ClaimAll(f.ctx, []quiz.DailyClaim{
			{Scope: f.scope, Channel: "C1", Date: "2026-12-01", Action: "post"},
			{Scope: f.scope, Channel: "C1", Date: "2026-12-01", Action: "skip"},
			{Scope: f.scope + "-b", Channel: "C1", Date: "2026-12-01", Action: "post"},
			{Scope: f.scope, Channel: "C1", Date: "2026-12-01", Action: "skip"},
		})
		if err != nil || !slices.Equal(won, []string{"", "2026-12-01", "2026-12-01", ""}) {
			t.Errorf("ClaimAll = %v, %v", won, err)
		}
	})

	t.Run("a free day whose date's post names are all used reads PostNamesUsed", func(t *testing.T) {
		f := newFx(t, h)
		// Midnight of one date in zones ever further west: each day begins
		// after the post of the one before.
		for i, offset := range []int{14, 0, -6, -12} {
			loc := time.FixedZone("", offset*3600)
			start := time.Date(2026, 12, 5, 0, 0, 0, 0, loc)
			c := quiz.DailyClaim{Scope: f.scope, Channel: "C1", Date: "2026-12-05", Action: "post", Start: start, End: start.AddDate(0, 0, 1), At: start}
			want := []string{"2026-12-05", "2026-12-05#2", "2026-12-05#3", quiz.PostNamesUsed}[i]
			if taken, err := f.st.ClaimAll(f.ctx, []quiz.DailyClaim{c}); err != nil || taken[0] != want {
				t.Fatalf("the post in UTC%+d took %v, %v; want %q", offset, taken, err, want)
			}
			if done, err := f.st.DayPosted(f.ctx, c); err != nil || !done {
				t.Errorf("the day in UTC%+d reads posted = %v, %v; want true (claimed, or no name left)", offset, done, err)
			}
		}
	})

	t.Run("a post is claimed for its day in the zone in effect", func(t *testing.T) {
		f := newFx(t, h)
		shanghai, berlin := time.FixedZone("CST", 8*3600), time.FixedZone("CET", 3600)
		day := func(ch, date string, loc *time.Location, at time.Time) quiz.DailyClaim {
			start, _ := time.ParseInLocation(time.DateOnly, date, loc)
			return quiz.DailyClaim{Scope: f.scope, Channel: ch, Date: date, Action: "post", Start: start, End: start.AddDate(0, 0, 1), At: at}
		}
		claim := func(c quiz.DailyClaim) string {
			t.Helper()
			taken, err := f.st.ClaimAll(f.ctx, []quiz.DailyClaim{c})
			if err != nil {
				t.Fatal(err)
			}
			return taken[0]
		}
		posted := func(c quiz.DailyClaim) bool {
			t.Helper()
			done, err := f.st.DayPosted(f.ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			return done
		}
		// Saturday 00:30 in Shanghai is Friday 17:30 in Berlin.
		satShanghai := day("C1", "2026-12-05", shanghai, time.Date(2026, 12, 5, 0, 30, 0, 0, shanghai))
		if got := claim(satShanghai); got != "2026-12-05" {
			t.Fatalf("Saturday in Shanghai took %q", got)
		}
		friBerlin := day("C1", "2026-12-04", berlin, time.Date(2026, 12, 4, 18, 0, 0, 0, berlin))
		if !posted(friBerlin) || claim(friBerlin) != "" {
			t.Error("Friday in Berlin, which had the post at 17:30, is open")
		}
		satBerlin := day("C1", "2026-12-05", berlin, time.Date(2026, 12, 5, 9, 0, 0, 0, berlin))
		if posted(satBerlin) {
			t.Error("Saturday in Berlin, a day without a post, is taken by Shanghai's Saturday")
		}
		var won atomic.Int64
		var wg sync.WaitGroup
		for range 10 {
			wg.Go(func() {
				if got := claim(satBerlin); got == "2026-12-05#2" {
					won.Add(1)
				} else if got != "" {
					t.Errorf("Saturday in Berlin took %q, want the date's second post", got)
				}
			})
		}
		wg.Wait()
		if won.Load() != 1 {
			t.Errorf("%d of 10 racing claims took Saturday in Berlin, want 1", won.Load())
		}
		if !posted(satBerlin) {
			t.Error("Saturday in Berlin is open once posted")
		}
		if err := f.st.Unclaim(f.ctx, f.scope, "C1", "2026-12-05#2", "post"); err != nil {
			t.Fatal(err)
		}
		if got := claim(satBerlin); got != "2026-12-05#2" {
			t.Errorf("Saturday in Berlin, its claim given back, took %q", got)
		}
		if !posted(day("C1", "2026-12-05", shanghai, time.Date(2026, 12, 5, 20, 0, 0, 0, shanghai))) {
			t.Error("back in Shanghai, its Saturday (16:00 there, Berlin's post) is open again")
		}
		if got := claim(day("C1", "2026-12-06", shanghai, time.Date(2026, 12, 6, 20, 0, 0, 0, shanghai))); got != "2026-12-06" {
			t.Errorf("Sunday in Shanghai took %q", got)
		}
		// Friday in Shanghai had no post, but one is made after it: it
		// gets none now.
		friShanghai := day("C1", "2026-12-04", shanghai, time.Date(2026, 12, 4, 23, 0, 0, 0, shanghai))
		if posted(friShanghai) || claim(friShanghai) != "" {
			t.Error("Friday in Shanghai reads posted, or is posted after Saturday")
		}

		// A late post of a day counts at the day's last instant: the next
		// day is open.
		late := day("C2", "2026-12-04", shanghai, time.Date(2026, 12, 4, 23, 59, 59, 999e6, shanghai))
		if claim(late) != "2026-12-04" || posted(day("C2", "2026-12-05", shanghai, time.Date(2026, 12, 5, 9, 0, 0, 0, shanghai))) {
			t.Error("a late post of Friday took Saturday")
		}

		// An earlier version's claim of a date takes that date.
		if ok, err := f.st.Claim(f.ctx, f.scope, "C3", "2026-12-05", "post"); err != nil || !ok {
			t.Fatalf("the earlier version's claim: %v, %v", ok, err)
		}
		if !posted(satBerlin) || !posted(day("C3", "2026-12-05", shanghai, satShanghai.At)) {
			t.Error("a date an earlier version claimed is open")
		}
		if posted(day("C3", "2026-12-06", berlin, time.Date(2026, 12, 6, 9, 0, 0, 0, berlin))) {
			t.Error("the next date is taken")
		}
	})

	t.Run("a claim is taken once among concurrent callers and is never released", func(t *testing.T) {
		f := newFx(t, h)
		var won atomic.Int64
		var wg sync.WaitGroup
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if ok, err := f.st.Claim(f.ctx, f.scope, "C1", "2026-12-01", "post"); err != nil {
					t.Error(err)
				} else if ok {
					won.Add(1)
				}
			}()
		}
		wg.Wait()
		if won.Load() != 1 {
			t.Errorf("%d callers took the claim", won.Load())
		}
		if ok, _ := f.st.Claimed(f.ctx, f.scope, "C1", "2026-12-01", "post"); !ok {
			t.Error("Claimed does not see the claim")
		}
		if ok, _ := f.st.Claimed(f.ctx, f.scope, "C1", "2026-12-01", "reveal"); ok {
			t.Error("another action is claimed too")
		}
		if ok, _ := f.st.Claim(f.ctx, f.scope, "C1", "2026-12-02", "post"); !ok {
			t.Error("the next date could not be claimed")
		}
	})

	t.Run("posts are recorded, due for reveal in time order and unscheduled", func(t *testing.T) {
		f := newFx(t, h)
		platform := "p-" + f.scope
		p := quiz.DailyPost{Platform: platform, Scope: f.scope, Channel: "-100", Date: "2026-12-01", QuizID: "quizdaly",
			QuestionID: "abcdef", MessageID: "77", PostedAt: t0, RevealAt: t0.Add(8 * time.Hour), Lang: "zh"}
		if err := f.st.SavePost(f.ctx, p); err != nil {
			t.Fatal(err)
		}
		last, ok, err := f.st.LastPost(f.ctx, f.scope, "-100")
		if err != nil || !ok || last.QuizID != p.QuizID || last.MessageID != "77" || !last.RevealAt.Equal(p.RevealAt) || last.Date != p.Date {
			t.Fatalf("LastPost = %+v, %v, %v", last, ok, err)
		}
		due := func(platform string, at time.Time) bool {
			return slices.ContainsFunc(f.due(platform, at).Reveals, func(x quiz.DailyPost) bool {
				return x.Scope == f.scope && x.Date == p.Date && x.QuizID == p.QuizID && x.MessageID == "77"
			})
		}
		if due(platform, p.RevealAt.Add(-time.Second)) {
			t.Error("due before its reveal time")
		}
		if !due(platform, p.RevealAt) {
			t.Error("not due at its reveal time")
		}
		if due("p-other-"+f.scope, p.RevealAt) {
			t.Error("due on another platform")
		}
		if err := f.st.FinishReveals(f.ctx, p); err != nil {
			t.Fatal(err)
		}
		if due(platform, p.RevealAt.Add(time.Hour)) {
			t.Error("still due after FinishReveals")
		}
	})

	t.Run("a pending post is recorded before its send, written again as itself, sent, or taken back with its reveal", func(t *testing.T) {
		f := newFx(t, h)
		platform := "p-" + f.scope
		post := func(date, quizID string) quiz.DailyPost {
			day, _ := time.Parse(time.DateOnly, date)
			return quiz.DailyPost{Platform: platform, Scope: f.scope, Channel: "C1", Date: date, QuizID: quizID,
				QuestionID: "q-" + quizID, PostedAt: day, RevealAt: day.Add(8 * time.Hour), Lang: "en"}
		}
		last := func() quiz.DailyPost { // its times in UTC, as post makes them
			t.Helper()
			p, ok, err := f.st.LastPost(f.ctx, f.scope, "C1")
			if err != nil || !ok {
				t.Fatalf("LastPost = %+v, %v, %v", p, ok, err)
			}
			p.PostedAt, p.RevealAt = p.PostedAt.UTC(), p.RevealAt.UTC()
			return p
		}
		save := func(p quiz.DailyPost) {
			t.Helper()
			if err := f.st.SavePost(f.ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		drop := func(p quiz.DailyPost) {
			t.Helper()
			if err := f.st.DropPost(f.ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		revealDue := func(p quiz.DailyPost) bool {
			return slices.ContainsFunc(f.due(platform, p.RevealAt).Reveals, func(x quiz.DailyPost) bool { return x.Date == p.Date })
		}
		sent := post("2026-12-01", "quizsent")
		sent.MessageID = "77"
		save(sent)

		pending := post("2026-12-02", "quizpend")
		pending.Pending = true
		save(pending)
		save(pending) // written again: a retry whose first reply was lost
		if got := last(); got != pending {
			t.Fatalf("the latest post = %+v, want the pending one %+v", got, pending)
		}
		if !revealDue(pending) {
			t.Error("the pending post's reveal is not scheduled")
		}
		other := pending
		other.QuizID = "quizothr"
		drop(other)
		if got := last(); got.QuizID != pending.QuizID {
			t.Fatalf("another quiz's DropPost took the pending post: the latest is %+v", got)
		}
		drop(pending)
		drop(pending) // again: nothing more to take
		if got := last(); got != sent {
			t.Errorf("after DropPost, the latest post = %+v, want the one before, %+v", got, sent)
		}
		if revealDue(pending) {
			t.Error("a dropped post's reveal is still due")
		}

		next := post("2026-12-03", "quiznext")
		next.Pending = true
		save(next)
		next.Pending, next.MessageID = false, "88"
		save(next)
		drop(next)
		if got := last(); got != next || !revealDue(next) {
			t.Errorf("a sent post after DropPost: latest %+v, reveal due %v; want %+v kept, its reveal due", got, revealDue(next), next)
		}
	})

	t.Run("reveals scheduled by an earlier version are still made, and expired ones dropped", func(t *testing.T) {
		f := newFx(t, h)
		platform := "p-" + f.scope
		p := quiz.DailyPost{Platform: platform, Scope: f.scope, Channel: "C1", Date: "2026-12-01", QuizID: "quizold1",
			PostedAt: t0, RevealAt: t0.Add(8 * time.Hour)}
		if err := f.st.SavePost(f.ctx, p); err != nil {
			t.Fatal(err)
		}
		// An earlier version kept every platform's reveals under one key.
		if err := h.rdb.ZRem(f.ctx, dailyRevealsOf(platform), postRef(p).String()).Err(); err != nil {
			t.Fatal(err)
		}
		gone := p
		gone.Date = "2026-11-30" // its post record has expired
		for _, x := range []quiz.DailyPost{p, gone} {
			if err := h.rdb.ZAdd(f.ctx, dailyRevealsKey, redis.Z{Score: float64(x.RevealAt.UnixMilli()), Member: postRef(x).String()}).Err(); err != nil {
				t.Fatal(err)
			}
		}
		due := f.due(platform, p.RevealAt)
		if len(due.Reveals) != 1 || due.Reveals[0].QuizID != p.QuizID {
			t.Fatalf("due reveals = %+v, want the earlier version's one", due.Reveals)
		}
		if f.due("p-other-"+f.scope, p.RevealAt).Reveals != nil {
			t.Error("another platform's replica takes it")
		}
		if err := f.st.FinishReveals(f.ctx, due.Reveals...); err != nil {
			t.Fatal(err)
		}
		if due := f.due(platform, p.RevealAt); len(due.Reveals) != 0 {
			t.Errorf("still due after FinishReveals: %+v", due.Reveals)
		}
		if ok, _ := h.rdb.ZScore(f.ctx, dailyRevealsKey, postRef(gone).String()).Result(); ok != 0 {
			t.Error("the expired reveal was not dropped")
		}
	})

	t.Run("what is due is read in a fixed number of round trips", func(t *testing.T) {
		f := newFx(t, h)
		st, rdb := h.isolated(t) // a client of its own, to count its round trips
		f.st = st
		platform := "p-" + f.scope
		const n = 300
		var claims []quiz.DailyClaim
		var moves []quiz.DailyMove
		var posts []quiz.DailyPost
		for i := range n {
			ch := fmt.Sprintf("C%03d", i)
			f.dailyOn(platform, ch)
			p := quiz.DailyPost{Platform: platform, Scope: f.scope, Channel: ch, Date: "2026-12-01", QuizID: "q" + ch, PostedAt: t0, RevealAt: t0}
			if err := f.st.SavePost(f.ctx, p); err != nil {
				t.Fatal(err)
			}
			posts = append(posts, p)
			claims = append(claims, quiz.DailyClaim{Scope: f.scope, Channel: ch, Date: "2026-12-01", Action: "post"})
			moves = append(moves, quiz.DailyMove{Platform: platform, Scope: f.scope, Channel: ch, From: t0, To: t0.Add(time.Hour)})
		}
		rt := &redistest.RoundTrips{}
		rdb.AddHook(rt)
		if err := warm(f.ctx, rdb); err != nil {
			t.Fatal(err)
		}
		rt.Take()
		var due quiz.DailiesDue
		steps := []struct {
			name string
			max  int
			run  func() error
		}{
			{"Due", 2, func() (err error) { due, err = f.st.Due(f.ctx, []string{platform}, t0, 1000); return err }},
			{"ClaimAll", 1, func() error { _, err := f.st.ClaimAll(f.ctx, claims); return err }},
			// A script's first run on a server may be EVALSHA then EVAL.
			{"Reschedule", 2, func() error { return f.st.Reschedule(f.ctx, moves) }},
			{"FinishReveals", 1, func() error { return f.st.FinishReveals(f.ctx, posts...) }},
			{"Due when idle", 1, func() (err error) { _, err = f.st.Due(f.ctx, []string{platform}, t0, 1000); return err }},
		}
		for _, s := range steps {
			if err := s.run(); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			if got := rt.Take(); len(got) > s.max {
				t.Errorf("%s of %d took %d round trips, want at most %d: %.200q", s.name, n, len(got), s.max, got)
			}
			if s.name == "Due" && (len(due.Channels) != n || len(due.Reveals) != n) {
				t.Fatalf("Due found %d channels and %d reveals, want %d each", len(due.Channels), len(due.Reveals), n)
			}
		}
	})

	t.Run("results list the right answerers in order and the week's top", func(t *testing.T) {
		f := newFx(t, h)
		q := f.quiz(func(q *quiz.Quiz) { q.Daily, q.Points, q.Bonus, q.Correct = true, 20, 5, 1 })
		for _, u := range []string{"carol", "alice", "bob"} {
			f.answer(q, u, 1)
		}
		f.answer(q, "dave", 0)
		p := quiz.DailyPost{Scope: f.scope, Channel: q.Channel, QuizID: q.ID, Date: "2026-12-01"}
		res, err := f.st.DailyResults(f.ctx, p, week1, 2, 5)
		if err != nil {
			t.Fatal(err)
		}
		if res.Answered != 4 || res.RightCount != 3 || !slices.Equal(res.Right, []string{"CAROL", "ALICE"}) {
			t.Errorf("results = %+v", res)
		}
		if len(res.Top) != 3 || res.Top[0].Name != "CAROL" || res.Top[0].Points != 25 || res.Top[1].Rank != 2 || res.Top[2].Rank != 2 {
			t.Errorf("top = %+v; want carol, then alice and bob tied (dave's wrong answer earns no place)", res.Top)
		}
		hist, err := f.st.DailyHistory(f.ctx, f.scope, q.Channel)
		if err != nil || hist.Accuracy["pod"] != (quiz.TopicScore{Tries: 4, Right: 3}) {
			t.Errorf("channel accuracy = %+v, %v", hist.Accuracy, err)
		}
	})

	t.Run("forgetting a user takes their answer off a daily's counts, and their first place from everyone", func(t *testing.T) {
		f := newFx(t, h)
		q := f.quiz(func(q *quiz.Quiz) { q.Daily, q.Points, q.Bonus, q.Correct = true, 20, 5, 1 })
		f.answer(q, "carol", 1)
		f.answer(q, "alice", 1)
		if forgot, err := f.st.Forget(f.ctx, f.scope, "carol"); err != nil || !forgot {
			t.Fatalf("Forget(carol) = %v, %v", forgot, err)
		}
		p := quiz.DailyPost{Scope: f.scope, Channel: q.Channel, QuizID: q.ID, Date: "2026-12-01"}
		if res, err := f.st.DailyResults(f.ctx, p, week1, 2, 5); err != nil || res.Answered != 1 || res.RightCount != 1 {
			t.Errorf("results once carol is forgotten = %+v, %v; want alice's answer alone", res, err)
		}
		if r := f.answer(q, "dave", 1); r.First || r.Points != 20 || r.Answered != 2 {
			t.Errorf("dave right after the forgotten first = %+v; want 20 points, no first bonus, the second answer", r)
		}
		if r := f.answer(q, "carol", 1); r.Status != quiz.AnswerScored || r.First || r.Answered != 3 {
			t.Errorf("carol answering again once forgotten = %+v; want scored, not first again, the third answer", r)
		}
	})

	t.Run("used questions are numbered in order of use, with their cycle, and missed ones marked", func(t *testing.T) {
		f := newFx(t, h)
		for _, u := range []quiz.DailyUse{
			{QuestionID: "aaaaaa"}, {QuestionID: "bbbbbb"},
			{QuestionID: "aaaaaa", CycleStart: 2}, {QuestionID: "cccccc", CycleStart: 2}, {QuestionID: "cccccc", CycleStart: 2, Repeat: true},
		} {
			if err := f.st.MarkUsed(f.ctx, f.scope, "C1", u); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.st.SetMissed(f.ctx, f.scope, "C1", "bbbbbb", true); err != nil {
			t.Fatal(err)
		}
		h, err := f.st.DailyHistory(f.ctx, f.scope, "C1")
		if err != nil || !maps.Equal(h.Used, map[string]int64{"aaaaaa": 3, "bbbbbb": 2, "cccccc": 5}) || h.Uses != 5 || h.CycleStart != 2 || !h.CycleKept ||
			!maps.Equal(h.Missed, map[string]bool{"bbbbbb": true}) || !maps.Equal(h.Repeats, map[string]bool{"aaaaaa": false, "bbbbbb": false, "cccccc": true}) {
			t.Errorf("history = %+v, %v", h, err)
		}
	})

	t.Run("a use written again by its daily counts once", func(t *testing.T) {
		f := newFx(t, h)
		// The second daily's use is written twice: a retry after a timeout
		// whose first try Redis applied.
		for _, u := range []quiz.DailyUse{
			{QuestionID: "aaaaaa", Post: "quiz01"}, {QuestionID: "bbbbbb", Post: "quiz02"}, {QuestionID: "bbbbbb", Post: "quiz02"}, {QuestionID: "cccccc", Post: "quiz03"},
		} {
			if err := f.st.MarkUsed(f.ctx, f.scope, "C1", u); err != nil {
				t.Fatal(err)
			}
		}
		h, err := f.st.DailyHistory(f.ctx, f.scope, "C1")
		if err != nil || !maps.Equal(h.Used, map[string]int64{"aaaaaa": 1, "bbbbbb": 2, "cccccc": 3}) || h.Uses != 3 {
			t.Errorf("history = %+v, %v; want three uses in order, the retried one counted once", h, err)
		}
	})

	t.Run("a history an earlier version kept reads as such: no cycle kept", func(t *testing.T) {
		f := newFx(t, h)
		// As the version before cycles were kept wrote it: each question's
		// latest use, the number of uses, the missed marks.
		key := scopeKeys(f.scope).dailyUsed("C1")
		if err := h.rdb.HSet(f.ctx, key, "#", 3, "aaaaaa", 3, "bbbbbb", 2, "m:bbbbbb", 1).Err(); err != nil {
			t.Fatal(err)
		}
		old, err := f.st.DailyHistory(f.ctx, f.scope, "C1")
		if err != nil || old.Uses != 3 || old.CycleStart != 0 || old.CycleKept || len(old.Repeats) != 0 ||
			!maps.Equal(old.Used, map[string]int64{"aaaaaa": 3, "bbbbbb": 2}) || !old.Missed["bbbbbb"] {
			t.Fatalf("the earlier version's history = %+v, %v", old, err)
		}
		if err := f.st.MarkUsed(f.ctx, f.scope, "C1", quiz.DailyUse{QuestionID: "bbbbbb", Repeat: true}); err != nil {
			t.Fatal(err)
		}
		if now, err := f.st.DailyHistory(f.ctx, f.scope, "C1"); err != nil || now.Uses != 4 || now.Used["bbbbbb"] != 4 || now.CycleStart != 0 ||
			!now.Repeats["bbbbbb"] || !now.Missed["bbbbbb"] {
			t.Errorf("after the upgrade's first daily, history = %+v, %v", now, err)
		}
	})

	t.Run("a closed quiz takes no more answers", func(t *testing.T) {
		f := newFx(t, h)
		q := f.quiz()
		if err := f.st.CloseQuiz(f.ctx, f.scope, q.ID, t0); err != nil {
			t.Fatal(err)
		}
		wantStatus(t, f.answer(q, "alice", 0), quiz.AnswerClosed)
		if err := f.st.CloseQuiz(f.ctx, f.scope, "gonegone", t0); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := f.st.LoadQuiz(f.ctx, f.scope, "gonegone"); ok {
			t.Error("closing a missing quiz created it")
		}
		got, ok, err := f.st.LoadQuiz(f.ctx, f.scope, q.ID)
		if err != nil || !ok || got.Prompt != q.Prompt || !got.Closes.Equal(t0) {
			t.Errorf("LoadQuiz = %+v, %v, %v", got, ok, err)
		}
	})
}

// dailyOn turns the daily on in a channel of platform, at 09:30 UTC since
// t0; the test fails on an error.
func (f *fx) dailyOn(platform, channel string) quiz.DailySettings {
	f.t.Helper()
	d := quiz.DailySettings{Platform: platform, Scope: f.scope, Channel: channel, Hour: 9, Minute: 30, Zone: "UTC", Since: t0}
	if err := f.st.SaveDaily(f.ctx, d); err != nil {
		f.t.Fatal(err)
	}
	return d
}

// due reads what is due on a platform at t; the test fails on an error.
func (f *fx) due(platform string, t time.Time) quiz.DailiesDue {
	f.t.Helper()
	due, err := f.st.Due(f.ctx, []string{platform}, t, 100)
	if err != nil {
		f.t.Fatal(err)
	}
	return due
}
