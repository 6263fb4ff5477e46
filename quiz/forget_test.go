package quiz_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestForgettingSomeoneOnNoBoard: a user who only set their language (no
// answer, so no name on a board) is found by their platform's own ID, as
// a mention gives it.
func TestForgettingSomeoneOnNoBoard(t *testing.T) {
	e := newEnv(t)
	e.cmd("carl", "lang en")
	r := e.cmd("admin", "forget @carl")
	if r.Outcome != quiz.OutcomeOK || payloadWithPrefix(t, r, "f:") != "f:test:carl" {
		t.Fatalf("forget @carl, who is on no board: %s %s", r.Outcome, text(r))
	}
	if got := e.press("admin", "f:test:carl"); !strings.Contains(got.Notice, "Forgotten") {
		t.Errorf("confirming: %+v", got)
	}
}

func TestForgettingAUser(t *testing.T) {
	e := newEnv(t)
	card := quizCard(t, e.cmd("ann", "quiz"))
	e.press("ann", quiz.AnswerPayload(card.ID, card.Correct))
	e.press("bob", quiz.AnswerPayload(card.ID, card.Correct))

	t.Run("a confirmation can be cancelled, and nothing is forgotten", func(t *testing.T) {
		r := e.cmd("bob", "forget me")
		cancel := payloadWithPrefix(t, r, "x:")
		// Only who may confirm it may cancel it.
		if other := e.press("ann", cancel); other.Outcome != quiz.OutcomeDenied || other.Update != nil {
			t.Errorf("ann cancelled bob's confirmation: %+v", other)
		}
		// A Cancel sent before it named its user cancels for its presser.
		if old := e.press("bob", "x:"); old.Update == nil || old.Outcome == quiz.OutcomeInvalid {
			t.Errorf("an older Cancel: %+v", old)
		}
		got := e.press("bob", cancel)
		if got.Update == nil || !strings.Contains(text(quiz.Response{Messages: []quiz.Message{*got.Update}}), "Cancelled: nothing was forgotten.") || len(got.Update.Buttons) != 0 {
			t.Errorf("cancelling redraws the confirmation without buttons: %+v", got)
		}
		if st := e.stats("bob"); st.Points == 0 {
			t.Error("bob was forgotten though he cancelled")
		}
	})
	t.Run("forget me asks first, then forgets the caller", func(t *testing.T) {
		r := e.cmd("bob", "forget me")
		yes := payloadWithPrefix(t, r, "f:")
		if st := e.stats("bob"); st.Points == 0 {
			t.Fatal("forget me deleted before it was confirmed")
		}
		if got := e.press("bob", yes); !strings.Contains(got.Notice, "Forgotten") {
			t.Errorf("confirming: %q", got.Notice)
		}
		if st := e.stats("bob"); st.Points != 0 || st.Answered != 0 {
			t.Errorf("bob after forgetting: %+v", st)
		}
		if got := text(e.cmd("ann", "top")); strings.Contains(got, "bob") {
			t.Errorf("bob is still on the board:\n%s", got)
		}
		if got := e.press("bob", yes); got.Notice != "Nothing is kept about you here any more." {
			t.Errorf("confirming again: %q", got.Notice)
		}
	})
	t.Run("a member naming themselves is forget me", func(t *testing.T) {
		for _, in := range []string{"forget ann", "forget ANN", "forget test:ann"} {
			r := e.cmd("ann", in)
			if r.Outcome == quiz.OutcomeDenied || !strings.Contains(text(r), "This deletes your points") || payloadWithPrefix(t, r, "f:") != "f:test:ann" {
				t.Errorf("%s by ann: %q %q", in, r.Outcome, text(r))
			}
		}
	})
	t.Run("only an admin forgets someone else, by name", func(t *testing.T) {
		if r := e.cmd("bob", "forget ann"); r.Outcome != quiz.OutcomeDenied {
			t.Errorf("a member forgetting another: %q %q", r.Outcome, text(r))
		}
		// Someone else's button, pressed by a member: a notice where it was
		// pressed (a toast), no message in another chat.
		if r := e.press("bob", "f:test:ann"); r.Outcome != quiz.OutcomeDenied || len(r.Messages) != 0 || !strings.Contains(r.Notice, "Only admins") {
			t.Errorf("a forged confirmation by a member: %q %q, notice %q", r.Outcome, text(r), r.Notice)
		}
		if e.stats("ann").Points == 0 {
			t.Fatal("ann was forgotten by a member")
		}
		r := e.cmd("admin", "forget ann")
		if got := e.press("admin", payloadWithPrefix(t, r, "f:")); !strings.Contains(got.Notice, "Forgotten") {
			t.Errorf("the admin confirming: %q", got.Notice)
		}
		if st := e.stats("ann"); st.Points != 0 {
			t.Errorf("ann after the admin forgot her: %+v", st)
		}
		if got := e.press("admin", payloadWithPrefix(t, r, "f:")); got.Notice != "Nothing was kept about that user here." {
			t.Errorf("the admin confirming again: %q", got.Notice)
		}
		if r := e.cmd("admin", "forget nobody-here"); !strings.Contains(text(r), "Nobody here goes by") {
			t.Errorf("forgetting an unknown name: %q", text(r))
		}
	})
}
