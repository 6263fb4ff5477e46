package redisstore

import (
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// TestRehearsalContract runs the rehearsals' contract (typed answers and their
// grade changes) on every backend.
func TestRehearsalContract(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			runRehearsalContract(t, b.open(t))
		})
	}
}

// rehearsal is a typed answer of user to q1 on day0: 2 of 3 points, Hard;
// mod adjusts it first.
func (f *fx) rehearsal(user string, mod ...func(*quiz.Rehearsal)) quiz.Rehearsal {
	f.seq++
	before := sampleCard()
	a := quiz.Rehearsal{
		ID: "att" + string(rune('a'+f.seq%26)) + "2345", Scope: f.scope, User: user, QuestionID: "q1",
		Before: before, After: srs.Default().Review(before, srs.Hard, t0), Grade: srs.Hard,
		Typed: true, Covered: 2, Scored: 3, Missed: 0b100, Day: day0, At: t0, Delivery: "trigger:T1:x",
	}
	for _, m := range mod {
		m(&a)
	}
	return a
}

func (f *fx) record(a quiz.Rehearsal) quiz.RehearsalResult {
	f.t.Helper()
	res, err := f.st.RecordRehearsal(f.ctx, a)
	if err != nil {
		f.t.Fatalf("RecordRehearsal(%s): %v", a.ID, err)
	}
	return res
}

func (f *fx) card(user, questionID string) srs.Card {
	f.t.Helper()
	cs, err := f.st.Card(f.ctx, f.scope, user, questionID)
	if err != nil {
		f.t.Fatal(err)
	}
	return cs.Card
}

// stored is a card as the store keeps it (times in whole seconds, four
// decimals).
func stored(t *testing.T, c srs.Card) srs.Card {
	t.Helper()
	text, err := c.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	var out srs.Card
	if err := out.UnmarshalText(text); err != nil {
		t.Fatal(err)
	}
	return out
}

func runRehearsalContract(t *testing.T, h *harness) {
	t.Run("a typed answer is a review, with the typed stats, and is kept as it was", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		a := f.rehearsal("alice")
		res := f.record(a)
		if res.Status != quiz.RehearsalRecorded || res.Streak != 1 || res.Best != 1 {
			t.Fatalf("result = %+v", res)
		}
		if got := f.card("alice", "q1"); got != stored(t, a.After) {
			t.Errorf("card due %v, want %v", got.Due, a.After.Due)
		}
		st := f.stats("alice", week1)
		want := quiz.TypedStats{Answers: 1, Questions: map[string]quiz.Coverage{"q1": {Covered: 2, Scored: 3}}}
		if st.Reviews != 1 || st.Answered != 0 || st.Points != 0 || !reflect.DeepEqual(st.Typed, want) {
			t.Errorf("stats: %d reviews, %d answered, %d points, typed %+v; want 1 review, no quiz, no points, %+v", st.Reviews, st.Answered, st.Points, st.Typed, want)
		}
		if st.Questions["q1"] != (quiz.QuestionScore{Reviews: 1, Hard: 1}) {
			t.Errorf("the question's counts %+v; a Hard is a review recalled with difficulty", st.Questions["q1"])
		}
		got, ok, err := f.st.Rehearsal(f.ctx, f.scope, a.User, a.ID)
		if err != nil || !ok {
			t.Fatalf("Rehearsal = %v, %v", ok, err)
		}
		if got.User != "alice" || got.QuestionID != "q1" || got.Grade != srs.Hard || !got.Typed || got.Covered != 2 || got.Scored != 3 ||
			got.Missed != 0b100 || got.Delivery != a.Delivery || !got.At.Equal(t0) || got.Day != day0 ||
			got.Before != stored(t, a.Before) || got.After != stored(t, a.After) || got.Overridden {
			t.Errorf("read back %+v\nwant %+v", got, a)
		}
	})

	t.Run("a self-grade counts as a review but not in the typed stats", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		f.record(f.rehearsal("bob", func(a *quiz.Rehearsal) { a.Typed, a.Covered, a.Scored, a.Grade = false, 0, 0, srs.Good }))
		st := f.stats("bob", week1)
		if st.Reviews != 1 || st.Typed.Answers != 0 || st.Typed.Questions != nil || st.Questions["q1"] != (quiz.QuestionScore{Reviews: 1, Recalled: 1}) {
			t.Errorf("stats %+v", st)
		}
	})

	t.Run("one rehearsal per once-key: a second is repeated and changes nothing", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		first := f.rehearsal("alice", func(a *quiz.Rehearsal) { a.Once = "p:abc" })
		f.record(first)
		before := f.stats("alice", week1)
		second := f.rehearsal("alice", func(a *quiz.Rehearsal) { a.Once, a.Grade, a.Covered = "p:abc", srs.Good, 3 })
		res := f.record(second)
		if res.Status != quiz.RehearsalRepeated || res.First.ID != first.ID {
			t.Fatalf("second = %+v; want repeated, naming %s", res, first.ID)
		}
		if after := f.stats("alice", week1); !reflect.DeepEqual(before, after) {
			t.Errorf("a repeated rehearsal changed the stats:\nbefore %+v\nafter  %+v", before, after)
		}
		if _, ok, _ := f.st.Rehearsal(f.ctx, f.scope, second.User, second.ID); ok {
			t.Error("the repeated rehearsal was kept")
		}
		// Another key, and no key, are recorded.
		if res := f.record(f.rehearsal("alice", func(a *quiz.Rehearsal) { a.Once = "p:abd" })); res.Status != quiz.RehearsalRecorded {
			t.Errorf("another once-key: %+v", res)
		}
		if res := f.record(f.rehearsal("alice")); res.Status != quiz.RehearsalRecorded {
			t.Errorf("no once-key: %+v", res)
		}
	})

	t.Run("concurrent rehearsals with one once-key record once", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		var wg sync.WaitGroup
		results := make([]quiz.RehearsalResult, 8)
		rehearsals := make([]quiz.Rehearsal, 8)
		for i := range rehearsals {
			rehearsals[i] = f.rehearsal("carol", func(a *quiz.Rehearsal) { a.Once = "iv:x:0" })
		}
		for i := range rehearsals {
			wg.Go(func() {
				var err error
				results[i], err = f.st.RecordRehearsal(f.ctx, rehearsals[i])
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		recorded := 0
		for _, r := range results {
			if r.Status == quiz.RehearsalRecorded {
				recorded++
			}
		}
		if st := f.stats("carol", week1); recorded != 1 || st.Reviews != 1 || st.Typed.Answers != 1 {
			t.Errorf("%d recorded, %d reviews, %d typed answers; want 1 each", recorded, st.Reviews, st.Typed.Answers)
		}
	})

	t.Run("a rehearsal never overwrites another with its ID", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		a := f.rehearsal("dave")
		f.record(a)
		b := a
		b.QuestionID = "q2"
		if res := f.record(b); res.Status != quiz.RehearsalIDTaken {
			t.Fatalf("second rehearsal with ID %s: %+v", a.ID, res)
		}
		if got, _, _ := f.st.Rehearsal(f.ctx, f.scope, a.User, a.ID); got.QuestionID != "q1" {
			t.Errorf("the rehearsal is now of %q", got.QuestionID)
		}
		if st := f.stats("dave", week1); st.Reviews != 1 || st.Questions["q2"].Reviews != 0 {
			t.Errorf("the refused rehearsal counted: %d reviews, q2 %+v", st.Reviews, st.Questions["q2"])
		}
		// Another user's rehearsal may have the same ID: IDs are per user.
		c := a
		c.User = "erin"
		if res := f.record(c); res.Status != quiz.RehearsalRecorded {
			t.Errorf("erin's rehearsal with dave's ID: %+v", res)
		}
	})

	t.Run("a grade changes once, replacing the review and moving topic accuracy", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		a := f.rehearsal("alice")
		f.record(a)
		easy := srs.Default().Review(a.Before, srs.Easy, a.At)
		if st, err := f.st.OverrideRehearsal(f.ctx, f.scope, "alice", a.ID, srs.Easy, easy); err != nil || st != quiz.OverrideDone {
			t.Fatalf("override = %v, %v", st, err)
		}
		if got := f.card("alice", "q1"); got != stored(t, easy) {
			t.Errorf("card %+v, want %+v", got, easy)
		}
		st := f.stats("alice", week1)
		if st.Reviews != 1 || st.Questions["q1"] != (quiz.QuestionScore{Reviews: 1, Recalled: 1}) || st.Typed.Answers != 1 {
			t.Errorf("after the change: %d reviews, q1 %+v, %d typed; want 1 review, 1 recalled, 1 typed", st.Reviews, st.Questions["q1"], st.Typed.Answers)
		}
		got, _, _ := f.st.Rehearsal(f.ctx, f.scope, a.User, a.ID)
		if got.Grade != srs.Easy || !got.Overridden {
			t.Errorf("rehearsal after the change: %+v", got)
		}
		again := srs.Default().Review(a.Before, srs.Again, a.At)
		if st, _ := f.st.OverrideRehearsal(f.ctx, f.scope, "alice", a.ID, srs.Again, again); st != quiz.OverrideAlready {
			t.Errorf("a second change = %v, want already", st)
		}
		if got := f.card("alice", "q1"); got != stored(t, easy) {
			t.Error("a refused change moved the card")
		}
	})

	t.Run("a grade changed to Hard counts the review recalled with difficulty", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		a := f.rehearsal("alice", func(a *quiz.Rehearsal) { a.Grade = srs.Good })
		f.record(a)
		hard := srs.Default().Review(a.Before, srs.Hard, a.At)
		if st, err := f.st.OverrideRehearsal(f.ctx, f.scope, "alice", a.ID, srs.Hard, hard); err != nil || st != quiz.OverrideDone {
			t.Fatalf("override = %v, %v", st, err)
		}
		if st := f.stats("alice", week1); st.Questions["q1"] != (quiz.QuestionScore{Reviews: 1, Hard: 1}) {
			t.Errorf("after Good changed to Hard: q1 %+v, want 1 review, 1 Hard", st.Questions["q1"])
		}
	})

	t.Run("a grade change is refused for another user, an unknown rehearsal, and a card reviewed since", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		a := f.rehearsal("alice")
		f.record(a)
		good := srs.Default().Review(a.Before, srs.Good, a.At)
		for _, tc := range []struct {
			user, id string
			want     quiz.OverrideStatus
		}{{"mallory", a.ID, quiz.OverrideGone}, {"alice", "nosuchid", quiz.OverrideGone}} {
			if st, err := f.st.OverrideRehearsal(f.ctx, f.scope, tc.user, tc.id, srs.Good, good); err != nil || st != tc.want {
				t.Errorf("override by %s of %s = %v, %v; want %v", tc.user, tc.id, st, err, tc.want)
			}
		}
		f.review("alice", "q1", day0+1, true)
		if st, _ := f.st.OverrideRehearsal(f.ctx, f.scope, "alice", a.ID, srs.Good, good); st != quiz.OverrideStale {
			t.Errorf("override after another review = %v, want stale", st)
		}
		if got := f.card("alice", "q1"); got != stored(t, sampleCard()) {
			t.Error("a stale change moved the card")
		}
	})

	t.Run("forgetting a user forgets their answers in words and their interview", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		a := f.rehearsal("alice", func(r *quiz.Rehearsal) { r.Once = "p:forget" })
		f.record(a)
		f.record(f.rehearsal("bob"))
		iv := quiz.Interview{ID: "iv234567", Scope: f.scope, User: "alice", Questions: []string{"q1"}, Started: t0, Asked: t0}
		if ok, err := f.st.SaveInterview(f.ctx, iv, -1, time.Hour); err != nil || !ok {
			t.Fatal(ok, err)
		}
		if forgot, err := f.st.Forget(f.ctx, f.scope, "alice"); err != nil || !forgot {
			t.Fatalf("Forget = %v, %v", forgot, err)
		}
		k := scopeKeys(f.scope)
		if n, err := h.rdb.Exists(f.ctx, k.rehearsal("alice", a.ID), k.once("alice", "p:forget"), k.interview("alice")).Result(); err != nil || n != 0 {
			t.Errorf("%d of alice's keys are left (%v)", n, err)
		}
		if st := f.stats("alice", week1); st.Typed.Answers != 0 || st.Typed.Questions != nil {
			t.Errorf("alice's typed stats are left: %+v", st.Typed)
		}
		if st := f.stats("bob", week1); st.Typed.Answers != 1 {
			t.Errorf("bob's answer was forgotten too: %+v", st.Typed)
		}
	})

	t.Run("a rehearsal and its once-key expire after the override window", func(t *testing.T) {
		f := newFx(t, h)
		a := f.rehearsal("alice", func(a *quiz.Rehearsal) { a.Once = "p:old" })
		f.record(a)
		for _, key := range []string{scopeKeys(f.scope).rehearsal(a.User, a.ID), scopeKeys(f.scope).once(a.User, "p:old")} {
			ttl, err := h.rdb.PTTL(f.ctx, key).Result()
			if err != nil || ttl <= quiz.OverrideWindow-time.Minute || ttl > quiz.OverrideWindow {
				t.Errorf("%s expires in %v (%v), want about %v", key, ttl, err, quiz.OverrideWindow)
			}
		}
	})
}
