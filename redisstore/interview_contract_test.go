package redisstore

import (
	"reflect"
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

func (f *fx) loadInterview(user string) (quiz.Interview, bool) {
	f.t.Helper()
	iv, ok, err := f.st.Interview(f.ctx, f.scope, user)
	if err != nil {
		f.t.Fatal(err)
	}
	return iv, ok
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

	t.Run("a finished interview is removed; a stopped one too, by its ID", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		iv := f.interview("alice")
		iv.Questions = iv.Questions[:1]
		f.saveInterview(iv, -1)
		iv.Steps = []quiz.InterviewStep{{QuestionID: "q1", Grade: srs.Good}}
		if !f.saveInterview(iv, 0) {
			t.Fatal("finishing failed")
		}
		if _, ok := f.loadInterview("alice"); ok {
			t.Error("a finished interview is still there")
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
