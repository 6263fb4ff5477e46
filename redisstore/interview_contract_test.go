package redisstore

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// TestInterviewContract runs the mock interviews' contract on every backend.
func TestInterviewContract(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			runInterviewContract(t, b.open(t))
		})
	}
}

func (f *fx) interview(user string) quiz.Interview {
	return quiz.Interview{
		ID: "iv234567", Scope: f.scope, User: user, Label: "pv",
		Questions: []string{"q1", "q2", "q3"}, Limit: 5 * time.Minute, Started: t0, Asked: t0,
	}
}

func (f *fx) saveInterview(iv quiz.Interview, from int) bool {
	f.t.Helper()
	ok, err := f.st.SaveInterview(f.ctx, iv, from, time.Hour)
	if err != nil {
		f.t.Fatal(err)
	}
	return ok
}

func (f *fx) interviews(user string) quiz.Interviews {
	f.t.Helper()
	ivs, err := f.st.Interviews(f.ctx, f.scope, user)
	if err != nil {
		f.t.Fatal(err)
	}
	return ivs
}

// loadInterview is user's interview in progress, and whether there is one.
func (f *fx) loadInterview(user string) (quiz.Interview, bool) {
	f.t.Helper()
	iv := f.interviews(user).Current
	return iv, iv.ID != ""
}

func runInterviewContract(t *testing.T, h *harness) {
	t.Run("an interview is started once, advanced step by step, and read back whole", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		iv := f.interview("alice")
		if !f.saveInterview(iv, -1) {
			t.Fatal("starting an interview failed")
		}
		other := iv
		other.ID = "other234"
		if f.saveInterview(other, -1) {
			t.Error("a second interview was started over the first")
		}
		iv.Steps = append(iv.Steps, quiz.InterviewStep{
			QuestionID: "q1", Rehearsal: "att23456", Typed: true, Covered: 2, Scored: 3, Missed: 4,
			Flags: assess.KeywordList, Grade: srs.Hard, Took: 90 * time.Second,
		})
		iv.Asked = t0.Add(2 * time.Minute)
		if !f.saveInterview(iv, 0) {
			t.Fatal("advancing from step 0 failed")
		}
		if f.saveInterview(iv, 0) {
			t.Error("a second advance from step 0 was taken")
		}
		got, ok := f.loadInterview("alice")
		if !ok || !reflect.DeepEqual(got, iv) {
			t.Errorf("read back %+v, %v\nwant %+v", got, ok, iv)
		}
		if _, ok := f.loadInterview("bob"); ok {
			t.Error("bob has alice's interview")
		}
	})

	t.Run("a finished interview is kept as finished until the next one finishes; a stopped one is removed, by its ID", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		iv := f.interview("alice")
		iv.Questions = iv.Questions[:1]
		f.saveInterview(iv, -1)
		iv.Steps = []quiz.InterviewStep{{QuestionID: "q1", Grade: srs.Good, At: t0.Add(time.Minute), Delivery: "dlv-1"}}
		if !f.saveInterview(iv, 0) {
			t.Fatal("finishing failed")
		}
		if got := f.interviews("alice"); got.Current.ID != "" || !reflect.DeepEqual(got.Finished, iv) {
			t.Errorf("after the last step: %+v\nwant none in progress and the finished interview %+v", got, iv)
		}
		if ended, err := f.st.EndInterview(f.ctx, f.scope, "alice", ""); err != nil || ended {
			t.Errorf("ending a finished interview = %v, %v", ended, err)
		}
		next := f.interview("alice")
		next.ID = "next2345"
		next.Questions = next.Questions[:1]
		if !f.saveInterview(next, -1) {
			t.Error("a new interview cannot start after one finished")
		}
		if got := f.interviews("alice"); got.Current.ID != next.ID || !reflect.DeepEqual(got.Finished, iv) {
			t.Errorf("read %+v; want the new interview in progress, the finished one kept", got)
		}
		if ended, _ := f.st.EndInterview(f.ctx, f.scope, "alice", ""); !ended {
			t.Error("the new interview could not be stopped")
		}
		if got := f.interviews("alice"); got.Current.ID != "" || !reflect.DeepEqual(got.Finished, iv) {
			t.Errorf("after a stop: %+v; want none in progress, the finished one kept", got)
		}
		if !f.saveInterview(next, -1) {
			t.Fatal("no new interview after a stop")
		}
		next.Steps = []quiz.InterviewStep{{QuestionID: "q1", Grade: srs.Easy, Delivery: "dlv-9"}}
		if !f.saveInterview(next, 0) {
			t.Fatal("finishing the next one failed")
		}
		if got := f.interviews("alice"); got.Current.ID != "" || !reflect.DeepEqual(got.Finished, next) {
			t.Errorf("after the next one finished: %+v\nwant it kept as finished", got)
		}
		iv = f.interview("bob")
		f.saveInterview(iv, -1)
		if ended, err := f.st.EndInterview(f.ctx, f.scope, "bob", "wrongid2"); err != nil || ended {
			t.Errorf("ending another ID = %v, %v", ended, err)
		}
		if ended, err := f.st.EndInterview(f.ctx, f.scope, "bob", ""); err != nil || !ended {
			t.Errorf("ending = %v, %v", ended, err)
		}
		if ended, _ := f.st.EndInterview(f.ctx, f.scope, "bob", ""); ended {
			t.Error("ended twice")
		}
		if !f.saveInterview(f.interview("bob"), -1) {
			t.Error("a new interview cannot start after one ended")
		}
	})

	t.Run("a step's grade changed later is the step's grade, changed once, kept while its interview is", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		// started is alice's interview with this ID and n questions, started.
		started := func(id string, n int) quiz.Interview {
			iv := f.interview("alice")
			iv.ID, iv.Questions = id, iv.Questions[:n]
			if !f.saveInterview(iv, -1) {
				f.t.Fatalf("starting %s failed", id)
			}
			return iv
		}
		iv := started("iv234567", 2)
		step := func(iv *quiz.Interview, q string, a quiz.Rehearsal) {
			f.record(a)
			iv.Steps = append(iv.Steps, quiz.InterviewStep{QuestionID: q, Rehearsal: a.ID, Typed: true, Grade: a.Grade, Delivery: "dlv-" + a.ID})
			if !f.saveInterview(*iv, len(iv.Steps)-1) {
				f.t.Fatalf("saving step %d failed", len(iv.Steps))
			}
		}
		change := func(a quiz.Rehearsal, g srs.Grade) quiz.OverrideStatus {
			st, err := f.st.OverrideRehearsal(f.ctx, f.scope, "alice", a.ID, g, srs.Default().Review(a.Before, g, a.At))
			if err != nil {
				f.t.Fatal(err)
			}
			return st
		}
		grades := func(iv quiz.Interview) (out []srs.Grade) {
			for _, st := range iv.Steps {
				out = append(out, st.Grade)
			}
			return out
		}
		inIV := func(id string) func(*quiz.Rehearsal) { return func(a *quiz.Rehearsal) { a.Interview = id } }
		first := f.rehearsal("alice", inIV(iv.ID))
		step(&iv, "q1", first)
		if got, _, _ := f.st.Rehearsal(f.ctx, f.scope, "alice", first.ID); got.Interview != iv.ID {
			t.Errorf("the rehearsal read back is of interview %q, want %q", got.Interview, iv.ID)
		}
		if st := change(first, srs.Easy); st != quiz.OverrideDone {
			t.Fatalf("change = %v", st)
		}
		if st := change(first, srs.Again); st != quiz.OverrideAlready {
			t.Errorf("a second change = %v, want already", st)
		}
		if got := grades(f.interviews("alice").Current); !slices.Equal(got, []srs.Grade{srs.Easy}) {
			t.Errorf("grades in progress %v, want [Easy]: the change once", got)
		}
		loose := f.rehearsal("alice", func(a *quiz.Rehearsal) { a.QuestionID = "q9" }) // an answer in words outside the interview
		f.record(loose)
		change(loose, srs.Again)
		step(&iv, "q2", f.rehearsal("alice", inIV(iv.ID), func(a *quiz.Rehearsal) { a.QuestionID = "q2" }))
		finished := f.interviews("alice").Finished
		if got := grades(finished); !slices.Equal(got, []srs.Grade{srs.Easy, srs.Hard}) {
			t.Errorf("grades of the finished interview %v, want [Easy Hard]", got)
		}

		// The next one: a change made while it runs is dropped with it when
		// stopped; the finished one keeps its own.
		next := started("next2345", 1)
		stopped := f.rehearsal("alice", inIV(next.ID), func(a *quiz.Rehearsal) { a.QuestionID = "q3" })
		f.record(stopped)
		if st := change(stopped, srs.Good); st != quiz.OverrideDone {
			t.Fatalf("change in the next = %v", st)
		}
		if ended, _ := f.st.EndInterview(f.ctx, f.scope, "alice", next.ID); !ended {
			t.Fatal("the next one could not be stopped")
		}
		if got := grades(f.interviews("alice").Finished); !slices.Equal(got, []srs.Grade{srs.Easy, srs.Hard}) {
			t.Errorf("grades of the finished interview after another was stopped %v, want [Easy Hard]", got)
		}
		last := started("last2345", 1)
		step(&last, "q4", f.rehearsal("alice", inIV(last.ID), func(a *quiz.Rehearsal) { a.QuestionID = "q4" }))
		fields, err := h.rdb.HKeys(f.ctx, scopeKeys(f.scope).interview("alice")).Result()
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range fields {
			if strings.HasPrefix(k, "g:") {
				t.Errorf("%s is kept after the interviews it changed are gone", k)
			}
		}
	})

	t.Run("a step saved again by the same delivery is done once; by another, refused", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		iv := f.interview("alice")
		f.saveInterview(iv, -1)
		step := func(iv quiz.Interview, delivery string, g srs.Grade, at time.Time) quiz.Interview {
			iv.Steps = append(slices.Clone(iv.Steps), quiz.InterviewStep{QuestionID: iv.Questions[len(iv.Steps)], Grade: g, At: at, Delivery: delivery})
			iv.Asked = at
			return iv
		}
		first := step(iv, "dlv-1", srs.Good, t0.Add(time.Minute))
		if !f.saveInterview(first, 0) {
			t.Fatal("the step failed")
		}
		// Its reply lost, the step is made again by the same delivery,
		// later: done, as the first was, and not made twice.
		if !f.saveInterview(step(iv, "dlv-1", srs.Good, t0.Add(2*time.Minute)), 0) {
			t.Error("the same delivery's step again: refused, want done")
		}
		if got, _ := f.loadInterview("alice"); !reflect.DeepEqual(got, first) {
			t.Errorf("after the step twice: %+v\nwant the first %+v", got, first)
		}
		// Another delivery on the same step: refused, as before.
		if f.saveInterview(step(iv, "dlv-2", srs.Easy, t0.Add(2*time.Minute)), 0) {
			t.Error("another delivery's step 0 was taken after it was done")
		}
		if f.saveInterview(step(iv, "", srs.Easy, t0.Add(2*time.Minute)), 0) {
			t.Error("a step without a delivery was taken after it was done")
		}
		// The finishing step, twice: done once, the interview kept finished.
		second := step(first, "dlv-3", srs.Hard, t0.Add(3*time.Minute))
		last := step(second, "dlv-4", srs.Again, t0.Add(4*time.Minute))
		if !f.saveInterview(second, 1) || !f.saveInterview(last, 2) {
			t.Fatal("the last steps failed")
		}
		if !f.saveInterview(step(second, "dlv-4", srs.Again, t0.Add(5*time.Minute)), 2) {
			t.Error("the same delivery's last step again: refused, want done")
		}
		if f.saveInterview(step(second, "dlv-5", srs.Again, t0.Add(5*time.Minute)), 2) {
			t.Error("another delivery's last step was taken after the interview finished")
		}
		if got := f.interviews("alice"); got.Current.ID != "" || !reflect.DeepEqual(got.Finished, last) {
			t.Errorf("finished: %+v\nwant %+v", got, last)
		}
	})

	t.Run("an interview saved by the previous version is read and goes on", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		// As the previous version stored it: no delivery of its last step,
		// and steps without a time or a delivery.
		old := `{"ID":"iv234567","Scope":"","User":"","Label":"pv","Questions":["q1","q2"],"Limit":0,` +
			`"Started":"2026-11-30T10:00:00Z","Asked":"2026-11-30T10:01:00Z",` +
			`"Steps":[{"QuestionID":"q1","Rehearsal":"att23456","Typed":false,"Covered":0,"Scored":0,"Missed":0,"Flags":0,"Grade":3,"Took":60000000000}]}`
		h.rdb.HSet(f.ctx, scopeKeys(f.scope).interview("erin"), "id", "iv234567", "step", 1, "state", old)
		iv, ok := f.loadInterview("erin")
		if !ok || len(iv.Steps) != 1 || iv.Steps[0].Rehearsal != "att23456" || iv.Steps[0].Delivery != "" || iv.Label != "pv" {
			t.Fatalf("read %+v, %v; want the interview in progress at step 1", iv, ok)
		}
		if ended, _ := f.st.EndInterview(f.ctx, f.scope, "erin", "other234"); ended {
			t.Error("ended by another ID")
		}
		iv.Steps = append(iv.Steps, quiz.InterviewStep{QuestionID: "q2", Grade: srs.Good, Delivery: "dlv-1"})
		if f.saveInterview(iv, 0) {
			t.Error("a step from a stale step count was taken")
		}
		if !f.saveInterview(iv, 1) {
			t.Fatal("the old interview did not go on")
		}
		if got := f.interviews("erin"); got.Current.ID != "" || !reflect.DeepEqual(got.Finished, iv) {
			t.Errorf("finished: %+v\nwant %+v", got, iv)
		}
	})

	t.Run("an interview expires", func(t *testing.T) {
		f := newFx(t, h)
		iv := f.interview("carol")
		if ok, err := f.st.SaveInterview(f.ctx, iv, -1, h.shortTTL); err != nil || !ok {
			t.Fatal(ok, err)
		}
		h.elapse(h.shortTTL + 100*time.Millisecond)
		if _, ok := f.loadInterview("carol"); ok {
			t.Error("the interview outlived its TTL")
		}
	})

	t.Run("a damaged interview is dropped", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		h.rdb.HSet(f.ctx, scopeKeys(f.scope).interview("dave"), "id", "x", "step", 0, "state", "{not json")
		if _, ok := f.loadInterview("dave"); ok {
			t.Error("a damaged interview was read")
		}
		if !f.saveInterview(f.interview("dave"), -1) {
			t.Error("a new interview cannot start over a damaged one")
		}
	})
}
