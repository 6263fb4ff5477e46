package quiz_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// quizRecords counts the quizzes an env's scope keeps.
func (e *env) quizRecords() int {
	e.t.Helper()
	prefix := "kq:{" + e.scope + "}:quiz:"
	keys, err := e.rdb.Keys(context.Background(), prefix+"*").Result()
	if err != nil {
		e.t.Fatal(err)
	}
	// Not a quiz's answers or right answerers ("quiz:<id>:answers").
	return len(slices.DeleteFunc(keys, func(k string) bool { return strings.Contains(strings.TrimPrefix(k, prefix), ":") }))
}

func TestAQuizDeliveryHandledAgainPostsTheSameQuizOnce(t *testing.T) {
	e := newEnv(t)
	first := quizCard(t, e.deliver("ann", "dlv-quiz-1", typing("quiz")))
	e.clock.Advance(35 * time.Second) // the bot restarted, the delivery taken over
	again := quizCard(t, e.deliver("ann", "dlv-quiz-1", typing("quiz")))
	if again.ID != first.ID || again.Prompt != first.Prompt || !slices.Equal(again.Choices, first.Choices) || again.Correct != first.Correct {
		t.Fatalf("handled again, the delivery posted another quiz:\n%+v\nthen\n%+v", first, again)
	}
	if n := e.quizRecords(); n != 1 {
		t.Errorf("%d quizzes stored for one delivery, want 1", n)
	}
	// Another delivery draws another quiz; the first is answered once.
	other := quizCard(t, e.deliver("ann", "dlv-quiz-2", typing("quiz")))
	if other.ID == first.ID {
		t.Errorf("another delivery posted the same quiz %s", other.ID)
	}
	if r := e.press("bob", quiz.AnswerPayload(first.ID, 0)); !r.Scored {
		t.Errorf("an answer to the quiz posted twice was not scored: %s", text(r))
	}
}

func TestQuizzesWithoutADeliveryAreDrawnAfresh(t *testing.T) {
	e := newEnv(t)
	a, b := quizCard(t, e.cmd("ann", "quiz")), quizCard(t, e.cmd("ann", "quiz"))
	if a.ID == b.ID {
		t.Errorf("two quiz commands at the console posted the same quiz %s", a.ID)
	}
	if n := e.quizRecords(); n != 2 {
		t.Errorf("%d quizzes stored for two commands, want 2", n)
	}
}

func TestAnInterviewDeliveryHandledAgainRepliesAsItsStartDid(t *testing.T) {
	e := newEnv(t)
	start := typing("interview pv 2 5m")
	first := e.deliver("ann", "dlv-iv-1", start)
	e.clock.Advance(35 * time.Second)
	again := e.deliver("ann", "dlv-iv-1", start)
	if text(again) != text(first) || !slices.Equal(buttons(again), buttons(first)) {
		t.Fatalf("handled again, the start replied otherwise:\n%s\nthen\n%s", text(first), text(again))
	}
	if strings.Contains(text(again), "One interview at a time") {
		t.Errorf("the start handled again says another interview goes on:\n%s", text(again))
	}
	if iv, running := e.interviewOf("ann"); !running || len(iv.Steps) != 0 || iv.Delivery != "dlv-iv-1" {
		t.Errorf("the interview = %+v; want one, started by dlv-iv-1, no step", iv)
	}
	// Another delivery asking for one is told the one started goes on.
	if got := text(e.deliver("ann", "dlv-iv-2", start)); !strings.Contains(got, "One interview at a time") {
		t.Errorf("another start while one goes on:\n%s", got)
	}
	// Once a question is answered, the start handled again says where the
	// interview is, not its first question as if still to answer.
	skipped := e.deliver("ann", "dlv-iv-3", typing("interview skip"))
	if iv, _ := e.interviewOf("ann"); len(iv.Steps) != 1 {
		t.Fatalf("after a skip: %+v\n%s", iv.Steps, text(skipped))
	}
	if got := text(e.deliver("ann", "dlv-iv-1", start)); !strings.Contains(got, "question 2 of 2") || strings.Contains(got, "One interview at a time") {
		t.Errorf("the start handled again after a step:\n%s", got)
	}
}

// seenAt is when user was last shown question id, as the store keeps it.
func (e *env) seenAt(user, id string) time.Time {
	e.t.Helper()
	p, err := e.store.Practice(context.Background(), e.scope, "test:"+user)
	if err != nil {
		e.t.Fatal(err)
	}
	return p.Seen[id]
}

func TestAnAskDeliveryHandledAgainShowsTheSameCardOnce(t *testing.T) {
	e := newEnv(t)
	first := e.deliver("ann", "dlv-ask-1", typing("ask"))
	id := askedID(t, first)
	seen := e.seenAt("ann", id)
	e.clock.Advance(35 * time.Second)
	again := e.deliver("ann", "dlv-ask-1", typing("ask"))
	if askedID(t, again) != id || text(again) != text(first) {
		t.Fatalf("handled again, the delivery showed another card:\n%s\nthen\n%s", text(first), text(again))
	}
	if got := e.seenAt("ann", id); !got.Equal(seen) {
		t.Errorf("handled again, the card was recorded seen again at %s (first at %s)", got, seen)
	}
	// A card drawn again (qos has one question) says so, handled again too.
	e.deliver("ann", "dlv-ask-2", typing("ask qos"))
	stale := e.deliver("ann", "dlv-ask-3", typing("ask qos"))
	if !strings.Contains(text(stale), "This is the only question on qos.") {
		t.Fatalf("qos's one card drawn again:\n%s", text(stale))
	}
	if got := e.deliver("ann", "dlv-ask-3", typing("ask qos")); text(got) != text(stale) {
		t.Errorf("a card drawn again, handled again:\n%s\nthen\n%s", text(stale), text(got))
	}
	// Another delivery draws afresh.
	if other := e.deliver("ann", "dlv-ask-4", typing("ask")); askedID(t, other) == id {
		t.Errorf("another delivery showed the card just shown, %s", id)
	}
}

func TestAsksWithoutADeliveryAreDrawnAfresh(t *testing.T) {
	e := newEnv(t)
	if a, b := askedID(t, e.cmd("ann", "ask")), askedID(t, e.cmd("ann", "ask")); a == b {
		t.Errorf("two asks at the console showed the same card %s", a)
	}
}

func TestAShowAnswerDeliveryHandledAgainRevealsWithTheSameTokenGradedOnce(t *testing.T) {
	e := newEnv(t)
	id := shippedBank(t).Questions()[0].ID
	first := e.deliver("ann", "dlv-show-1", pressing("s:"+id))
	e.clock.Advance(35 * time.Second)
	again := e.deliver("ann", "dlv-show-1", pressing("s:"+id))
	if !slices.Equal(buttons(again), buttons(first)) {
		t.Fatalf("handled again, the reveal's grade buttons changed:\n%+v\nthen\n%+v", buttons(first), buttons(again))
	}
	good := payloadWithPrefix(t, first, "g:"+id+":3:")
	if r := e.deliver("ann", "dlv-grade-1", pressing(good)); e.stats("ann").Reviews != 1 {
		t.Fatalf("the grade of the first message was not saved: %s %s", text(r), r.Notice)
	}
	// The reveal made again once more, after the grade: still graded.
	e.deliver("ann", "dlv-show-1", pressing("s:"+id))
	if r := e.deliver("ann", "dlv-grade-2", pressing(good)); !strings.Contains(text(r)+r.Notice, "You graded this one already") {
		t.Errorf("a second grade of the reveal handled again: %s %s", text(r), r.Notice)
	}
	if st := e.stats("ann"); st.Reviews != 1 {
		t.Errorf("%d reviews, want 1", st.Reviews)
	}
}
