package quiz_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// firstUnread is stepLost whose read of a rehearsal, the first record of
// an answer recorded again, fails when fail is armed, and finds nothing
// (the record gone) when gone is.
type firstUnread struct {
	*stepLost
	fail, gone atomic.Bool
}

func (s *firstUnread) Rehearsal(ctx context.Context, scope, user, id string) (quiz.Rehearsal, bool, error) {
	switch {
	case s.fail.Swap(false):
		return quiz.Rehearsal{}, false, errors.New("redis: connection refused")
	case s.gone.Swap(false):
		return quiz.Rehearsal{}, false, nil
	}
	return s.stepLost.Rehearsal(ctx, scope, user, id)
}

// TestAnAnswerRecordedBeforeIsReadBackAsItWasRecorded: an answer in words
// whose record Redis ran but whose reply was lost, handled again, is
// recorded again (a repeat), and what the first run recorded is read
// back — for an answer command as for a mock interview's step. When that
// read fails, the delivery is in doubt again; when the first record is
// gone, the user is told it was answered before; when it is read, the
// answer command shows the first run's result, and the interview moves on
// with it.
func TestAnAnswerRecordedBeforeIsReadBackAsItWasRecorded(t *testing.T) {
	t.Parallel()
	rl, rdb := newReplyLost(t)
	st := &firstUnread{stepLost: &stepLost{replyLost: rl}}
	e := newEnvWith(t, rdb, rl.Store, st)

	// rerun handles delivery again, with the read of the first record
	// failing, then finding nothing, then reading it: the last reply.
	rerun := func(t *testing.T, user, delivery string, mod func(*quiz.Request)) quiz.Response {
		t.Helper()
		st.fail.Store(true)
		if r := e.deliver(user, delivery, mod); r.Outcome != quiz.OutcomeInDoubt || !strings.Contains(r.Notice, " was not ") || st.fail.Load() {
			t.Errorf("the rerun, the first record unread: outcome %q, %q; want in doubt", r.Outcome, r.Notice)
		}
		st.gone.Store(true)
		if r := e.deliver(user, delivery, mod); r.Outcome != quiz.OutcomeInvalid || !strings.Contains(r.Notice+text(r), "You answered this already") || st.gone.Load() {
			t.Errorf("the rerun, the first record gone: outcome %q, %q; want answered already", r.Outcome, r.Notice+text(r))
		}
		return e.deliver(user, delivery, mod)
	}

	t.Run("an answer command", func(t *testing.T) {
		text := "answer " + accessModes + " " + testkit.LabelledAnswer(t, accessModes, "complete", "en")
		st.lose(t, e, &st.armed, "ann", "answer-1", typing(text))
		if again := rerun(t, "ann", "answer-1", typing(text)); again.Outcome != quiz.OutcomeOK || !strings.Contains(again.Notice, "4/4 key points") {
			t.Errorf("the rerun, the first record read: outcome %q, %q; want the first run's score", again.Outcome, again.Notice)
		}
		if s := e.stats("ann"); s.Reviews != 1 {
			t.Errorf("ann has %d reviews, want 1", s.Reviews)
		}
	})

	t.Run("an interview's step", func(t *testing.T) {
		first := asked(t, e.deliver("bob", "start-1", typing("interview probe 3 5m")))
		answer := typing("answer " + completeAnswer(t, first))
		st.lose(t, e, &st.armed, "bob", "step-1", answer)
		again := rerun(t, "bob", "step-1", answer)
		if again.Outcome != quiz.OutcomeOK || !strings.Contains(again.Notice, "Question 1/3: ") || !strings.Contains(text(again), "🎤 2/3 · ") {
			t.Errorf("the rerun, the first record read: outcome %q, %q; want the step's result and the next question", again.Outcome, again.Notice)
		}
		iv, running := e.interviewOf("bob")
		if !running || len(iv.Steps) != 1 || iv.Steps[0].Delivery != "step-1" || iv.Steps[0].Covered == 0 {
			t.Errorf("the interview: %+v; want one step, by step-1, as recorded", iv.Steps)
		}
		if s := e.stats("bob"); s.Reviews != 1 {
			t.Errorf("bob has %d reviews, want 1", s.Reviews)
		}
	})
}
