package quiz_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// stepLost is replyLost (a store on a real Redis, through a proxy, whose
// next write can lose its reply) that can also lose the reply of an
// interview's save: a step's two writes are the rehearsal it records
// (RecordRehearsal, lost when replyLost is armed) and the interview moved
// on (SaveInterview, lost when save is armed).
type stepLost struct {
	*replyLost
	save atomic.Bool
}

func (s *stepLost) SaveInterview(ctx context.Context, iv quiz.Interview, from int, ttl time.Duration) (bool, error) {
	s.loseIf(&s.save)
	return s.Store.SaveInterview(ctx, iv, from, ttl)
}

// newStepLostEnv is an env on the shared redis-server through a proxy,
// whose store is a stepLost.
func newStepLostEnv(t *testing.T) (*env, *stepLost) {
	t.Helper()
	rl, rdb := newReplyLost(t)
	st := &stepLost{replyLost: rl}
	return newEnvWith(t, rdb, rl.Store, st), st
}

// interviewOf reads user's interview from the store: the one in
// progress (running), else the one finished last.
func (e *env) interviewOf(user string) (iv quiz.Interview, running bool) {
	e.t.Helper()
	ivs, err := e.store.Interviews(context.Background(), e.scope, "test:"+user)
	if err != nil {
		e.t.Fatal(err)
	}
	if ivs.Current.ID != "" {
		return ivs.Current, true
	}
	return ivs.Finished, false
}

// TestAnInterviewStepWhoseReplyWasLostIsInDoubtAndItsRerunGivesTheFirstResult:
// a mock interview's step, whose write Redis ran but whose reply was lost
// (the interview's save, or the rehearsal it records), is in doubt like
// any answer; the same delivery handled again shows what the first run
// did — the same result, the same next question with the same time, the
// same report — never "answered already", never a second step or review;
// once the next question was answered too, the same result and where the
// interview is now, not that question as if still to answer.
func TestAnInterviewStepWhoseReplyWasLostIsInDoubtAndItsRerunGivesTheFirstResult(t *testing.T) {
	t.Parallel()
	e, st := newStepLostEnv(t)

	t.Run("the save of a step answered in words", func(t *testing.T) {
		first := asked(t, e.deliver("ann", "start-1", typing("interview probe 3 5m")))
		answer := typing("answer " + completeAnswer(t, first))
		st.lose(t, e, &st.save, "ann", "cmd-1", answer)
		iv, running := e.interviewOf("ann")
		if !running || len(iv.Steps) != 1 || iv.Steps[0].Delivery != "cmd-1" {
			t.Fatalf("after the lost reply: %+v; want the step Redis ran, by cmd-1", iv.Steps)
		}
		// Handled again 2 minutes later (another replica, after the claim
		// time): the first run's result and next question, due by 10:05 as
		// it was asked at 10:00.
		e.clock.Advance(2 * time.Minute)
		again := e.deliver("ann", "cmd-1", answer)
		got := text(again)
		if again.Outcome != quiz.OutcomeOK || !strings.Contains(again.Notice, "Question 1/3: ") ||
			!strings.Contains(got, "🎤 2/3 · ") || !strings.Contains(got, "(by 10:05)") || asked(t, again) != iv.Questions[1] {
			t.Fatalf("the rerun: outcome %q, %q\n%s\nwant question 1's result and question 2 (%s) by 10:05", again.Outcome, again.Notice, got, iv.Questions[1])
		}
		if s := e.stats("ann"); s.Reviews != 1 || s.Typed.Answers != 1 {
			t.Errorf("ann: %d reviews, %d typed answers; want the one answer once", s.Reviews, s.Typed.Answers)
		}
		// The next question answered meanwhile in another delivery: the
		// rerun shows the first run's result, but not question 2 as if
		// still to answer — where the interview is now instead.
		second := e.deliver("ann", "cmd-2", typing("answer "+completeAnswer(t, iv.Questions[1])))
		if !strings.Contains(second.Notice, "Question 2/3") {
			t.Fatalf("the second answer: %q\n%s", second.Notice, text(second))
		}
		late := e.deliver("ann", "cmd-1", answer)
		movedOn(t, late, again, "🎤 2/3 · ", "question 3 of 3")
		if r := e.deliver("ann", "cmd-1", answer); !reflect.DeepEqual(r, late) {
			t.Errorf("cmd-1 once more:\n%s\nwant as before:\n%s", text(r), text(late))
		}
		if r := e.deliver("ann", "cmd-2", typing("answer "+completeAnswer(t, iv.Questions[1]))); !reflect.DeepEqual(r, second) {
			t.Errorf("cmd-2, its reply sent, handled again:\n%s\nwant as before:\n%s", text(r), text(second))
		}
		if iv, _ := e.interviewOf("ann"); len(iv.Steps) != 2 {
			t.Errorf("%d steps, want 2", len(iv.Steps))
		}
		if s := e.stats("ann"); s.Reviews != 2 || s.Typed.Answers != 2 {
			t.Errorf("ann: %d reviews, %d typed answers; want 2, 2", s.Reviews, s.Typed.Answers)
		}
	})

	t.Run("the save of a step, the interview finished since", func(t *testing.T) {
		first := asked(t, e.deliver("gus", "start-6", typing("interview probe 2")))
		answer := typing("answer " + completeAnswer(t, first))
		st.lose(t, e, &st.save, "gus", "cmd-6", answer)
		again := e.deliver("gus", "cmd-6", answer)
		last := e.deliver("gus", "cmd-7", typing("answer "+completeAnswer(t, asked(t, again))))
		if !strings.Contains(text(last), "Interview report: 2 questions") {
			t.Fatalf("the last answer:\n%s\nwant the report", text(last))
		}
		movedOn(t, e.deliver("gus", "cmd-6", answer), again, "🎤 2/2 · ", "finished that interview")
		if iv, running := e.interviewOf("gus"); running || len(iv.Steps) != 2 {
			t.Errorf("in progress %v, %d steps; want finished with 2", running, len(iv.Steps))
		}
		if s := e.stats("gus"); s.Reviews != 2 || s.Typed.Answers != 2 {
			t.Errorf("gus: %d reviews, %d typed answers; want 2, 2", s.Reviews, s.Typed.Answers)
		}
	})

	t.Run("the save of the last step, self-graded", func(t *testing.T) {
		start := e.deliver("bob", "start-2", typing("interview probe 1"))
		reveal := strings.TrimSuffix(payloadWithPrefix(t, start, "i:"), "w") + "r"
		shown := e.deliver("bob", "press-1", pressing(reveal))
		good := pressing(payloadWithPrefix(t, shown, strings.TrimSuffix(reveal, "r")+"3"))
		st.lose(t, e, &st.save, "bob", "press-2", good)
		if iv, running := e.interviewOf("bob"); running || len(iv.Steps) != 1 {
			t.Fatalf("after the lost reply: in progress %v, %d steps; want finished, as Redis ran it", running, len(iv.Steps))
		}
		e.clock.Advance(10 * time.Minute)
		again := e.deliver("bob", "press-2", good)
		if got := text(again); again.Outcome != quiz.OutcomeOK || !strings.Contains(got, "Interview report: 1 question") ||
			!strings.Contains(got, "self-graded") || strings.Contains(got, "10 minutes") {
			t.Fatalf("the rerun: outcome %q\n%s\nwant the report as the first run made it", again.Outcome, got)
		}
		e.clock.Advance(10 * time.Minute)
		if r := e.deliver("bob", "press-2", good); !reflect.DeepEqual(r, again) {
			t.Errorf("press-2 once more:\n%s\nwant as before:\n%s", text(r), text(again))
		}
		if r := e.deliver("bob", "press-3", good); r.Outcome != quiz.OutcomeInvalid || !strings.Contains(text(r), "interview is over") {
			t.Errorf("another press of the grade: %q\n%s; want the interview over", r.Outcome, text(r))
		}
		if s := e.stats("bob"); s.Reviews != 1 {
			t.Errorf("bob: %d reviews, want 1", s.Reviews)
		}
	})

	t.Run("the save of the last step typed as a command, another interview started since", func(t *testing.T) {
		answer := typing("answer " + completeAnswer(t, asked(t, e.deliver("eve", "start-4", typing("interview probe 1")))))
		st.lose(t, e, &st.save, "eve", "cmd-5", answer)
		next := e.deliver("eve", "start-5", typing("interview probe 2"))
		if !strings.Contains(text(next), "🎤 1/2 · ") {
			t.Fatalf("a new interview after the first finished:\n%s", text(next))
		}
		again := e.deliver("eve", "cmd-5", answer)
		if got := text(again); again.Outcome != quiz.OutcomeOK || !strings.Contains(again.Notice, "Question 1/1: ") || !strings.Contains(got, "Interview report: 1 question") {
			t.Fatalf("the rerun: outcome %q, %q\n%s\nwant the first interview's result and report", again.Outcome, again.Notice, got)
		}
		if iv, running := e.interviewOf("eve"); !running || len(iv.Steps) != 0 {
			t.Errorf("the new interview: in progress %v, steps %+v; want untouched", running, iv.Steps)
		}
		if s := e.stats("eve"); s.Reviews != 1 || s.Typed.Answers != 1 {
			t.Errorf("eve: %d reviews, %d typed answers; want 1, 1", s.Reviews, s.Typed.Answers)
		}
	})

	t.Run("the rehearsal of a step answered through its prompt", func(t *testing.T) {
		start := e.deliver("cy", "start-3", typing("interview probe 2"))
		first := asked(t, start)
		p := e.deliver("cy", "press-4", pressing(payloadWithPrefix(t, start, "i:")))
		if p.Prompt == nil {
			t.Fatalf("no prompt: %s", text(p))
		}
		reply := func(r *quiz.Request) { r.Reply = &quiz.Reply{Prompt: p.Prompt.Token, Text: completeAnswer(t, first)} }
		st.lose(t, e, &st.armed, "cy", "reply-1", reply)
		if s := e.stats("cy"); s.Reviews != 1 {
			t.Fatalf("cy has %d reviews after the lost reply, want the one Redis ran", s.Reviews)
		}
		if iv, _ := e.interviewOf("cy"); len(iv.Steps) != 0 {
			t.Fatalf("the interview moved on without its save: %+v", iv.Steps)
		}
		e.clock.Advance(time.Minute)
		again := e.deliver("cy", "reply-1", reply)
		if again.Outcome != quiz.OutcomeOK || !strings.Contains(again.Notice, "Question 1/2: ") || !strings.Contains(text(again), "🎤 2/2 · ") {
			t.Fatalf("the rerun: outcome %q, %q\n%s", again.Outcome, again.Notice, text(again))
		}
		iv, _ := e.interviewOf("cy")
		if len(iv.Steps) != 1 || iv.Steps[0].Took != 0 {
			t.Errorf("steps %+v; want one, taking no time (answered at once, not when handled again)", iv.Steps)
		}
		if r := e.deliver("cy", "reply-2", reply); r.Outcome != quiz.OutcomeInvalid || !strings.Contains(text(r), "answered already") {
			t.Errorf("another reply to the prompt: %q\n%s; want answered already", r.Outcome, text(r))
		}
		if s := e.stats("cy"); s.Reviews != 1 || s.Typed.Answers != 1 {
			t.Errorf("cy: %d reviews, %d typed answers; want 1, 1", s.Reviews, s.Typed.Answers)
		}
	})

	t.Run("without a delivery, not recorded", func(t *testing.T) {
		first := asked(t, e.cmd("dan", "interview probe 2"))
		st.save.Store(true)
		r := e.cmd("dan", "answer "+completeAnswer(t, first))
		if r.Outcome != quiz.OutcomeUnavailable || !strings.Contains(r.Notice, "not recorded") {
			t.Errorf("outcome %q, %q; want unavailable, not recorded", r.Outcome, r.Notice)
		}
	})
}

// movedOn checks the rerun late of a step whose next question was answered
// since, first being what its earlier run showed (the next question,
// stale): late shows the same result with the same notice, not the stale
// question nor any of its buttons, and says where the interview is now.
func movedOn(t *testing.T, late, first quiz.Response, stale, now string) {
	t.Helper()
	got := text(late)
	if late.Outcome != quiz.OutcomeOK || late.Notice != first.Notice || len(late.Messages) == 0 ||
		!reflect.DeepEqual(late.Messages[0], first.Messages[0]) {
		t.Errorf("the late rerun: outcome %q, %q\n%s\nwant the first run's result, %q first", late.Outcome, late.Notice, got, first.Notice)
	}
	if strings.Contains(got, stale) || slices.ContainsFunc(buttons(late), func(b quiz.Button) bool { return strings.HasPrefix(b.Payload, "i:") }) {
		t.Errorf("the late rerun shows the question answered since (%q):\n%s", stale, got)
	}
	if !strings.Contains(got, now) {
		t.Errorf("the late rerun does not say where the interview is (%q):\n%s", now, got)
	}
}
