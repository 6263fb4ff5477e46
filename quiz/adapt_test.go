package quiz_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/bank"
)

// TestQuizzesDoNotRepeatUntilTheTopicsItemsAreUsedUp asks for quizzes on pv
// until every pv item was had: none comes twice before then, and after it
// none comes twice in a row.
func TestQuizzesDoNotRepeatUntilTheTopicsItemsAreUsedUp(t *testing.T) {
	e := newEnv(t)
	items := map[string]bool{}
	for range 200 {
		card := quizCard(t, e.cmd("ann", "quiz pv"))
		if items[card.Prompt] {
			break
		}
		items[card.Prompt] = true
		e.clock.Advance(time.Minute)
	}
	if len(items) < 5 {
		t.Fatalf("only %d distinct pv quizzes before a repeat", len(items))
	}
	t.Logf("%d pv items before the first repeat", len(items))
	prev := ""
	for range 100 {
		card := quizCard(t, e.cmd("ann", "quiz pv"))
		if card.Prompt == prev {
			t.Fatalf("the same item twice in a row: %q", card.Prompt)
		}
		prev = card.Prompt
		e.clock.Advance(time.Minute)
	}
}

func TestTheSameItemNeverComesTwiceInARowAcrossTopics(t *testing.T) {
	e := newEnv(t)
	for range 30 {
		a := quizCard(t, e.cmd("ann", "quiz pv"))
		e.clock.Advance(time.Second)
		b := quizCard(t, e.cmd("ann", "quiz 存储"))
		e.clock.Advance(time.Second)
		if a.Prompt == b.Prompt {
			t.Fatalf("quiz pv then quiz 存储 gave the same item: %q", a.Prompt)
		}
	}
}

// TestAWrongQuizAnswerMakesTheCardDue answers a quiz wrong: the question's
// card is then due (ask offers it first, as due), and a quiz prefers it.
func TestAWrongQuizAnswerMakesTheCardDue(t *testing.T) {
	e := newEnv(t)
	card := quizCard(t, e.cmd("ann", "quiz etcd"))
	e.press("ann", quiz.AnswerPayload(card.ID, wrongChoice(card)))
	missed := questionOf(t, e, card)
	e.clock.Advance(time.Hour)
	r := e.cmd("ann", "ask")
	if got := askedID(t, r); got != missed || !strings.Contains(text(r), "due for review") {
		t.Errorf("an hour after a wrong answer ask showed %s (%s), want the missed question %s as due", got, text(r), missed)
	}
	next := quizCard(t, e.cmd("ann", "quiz"))
	if got := questionOf(t, e, next); got != missed {
		t.Errorf("a quiz after a wrong answer is about %s, want the missed question %s first", got, missed)
	}
	t.Run("a right answer counts as a review: the card is not due soon", func(t *testing.T) {
		e := newEnv(t)
		card := quizCard(t, e.cmd("ann", "quiz etcd"))
		e.press("ann", quiz.AnswerPayload(card.ID, card.Correct))
		e.clock.Advance(time.Hour)
		if r := e.cmd("ann", "ask "+questionOf(t, e, card)); strings.Contains(text(r), "due for review") {
			t.Errorf("a question answered right an hour ago is due: %s", text(r))
		}
		if st := e.stats("ann"); st.Reviews != 0 || st.Answered != 1 {
			t.Errorf("stats after one right quiz answer: %+v", st)
		}
	})
}

// questionOf is the bank question a posted quiz tests, as the answer's
// feedback names it.
func questionOf(t *testing.T, e *env, card *quiz.MultipleChoice) string {
	t.Helper()
	for _, q := range shippedBank(t).Questions() {
		if strings.Contains(card.Explanation, q.ID) {
			return q.ID
		}
	}
	t.Fatalf("quiz %s names no question in its explanation %q", card.ID, card.Explanation)
	return ""
}

func TestTheQuizNamesItsTopicsOnlyOnceAnswered(t *testing.T) {
	e := newEnv(t)
	r := e.cmd("ann", "quiz pv")
	if got := text(r); strings.Contains(got, "Topics:") {
		t.Errorf("the quiz names its topics before anyone answered:\n%s", got)
	}
	card := quizCard(t, r)
	fb := e.press("ann", quiz.AnswerPayload(card.ID, card.Correct))
	if !strings.Contains(text(fb), "Topics: pv") {
		t.Errorf("the answer's feedback should name the topics:\n%s", text(fb))
	}
	if fb.Update == nil || strings.Contains(textOf(fb.Update), "Topics:") {
		t.Errorf("the quiz as everyone sees it must not name its topics after one answer: %+v", fb.Update)
	}
}

// TestAMissedQuestionRestsBeforeItComesBack answers quizzes wrong: the next
// quiz is never about the question just missed (another of its items would
// ask what the feedback has just shown) while others are left; ten minutes
// later it is drawn first, when it has an item not had yet. A selection of
// that one question asks it again at once.
func TestAMissedQuestionRestsBeforeItComesBack(t *testing.T) {
	questions := map[string]*bank.Question{}
	for _, q := range shippedBank(t).Questions() {
		questions[q.ID] = q
	}
	cameBack := 0
	for range 10 {
		e := newEnv(t)
		card := quizCard(t, e.cmd("ann", "quiz"))
		e.press("ann", quiz.AnswerPayload(card.ID, wrongChoice(card)))
		missed := questionOf(t, e, card)
		e.clock.Advance(time.Minute)
		next := quizCard(t, e.cmd("ann", "quiz"))
		if got := questionOf(t, e, next); got == missed {
			t.Fatalf("the quiz right after a wrong answer to %s asks about it again: %q", missed, next.Prompt)
		}
		e.press("ann", quiz.AnswerPayload(next.ID, next.Correct))
		e.clock.Advance(10 * time.Minute)
		again := quizCard(t, e.cmd("ann", "quiz"))
		if len(shippedQuizzes(t).Items(questions[missed])) > 1 {
			if got := questionOf(t, e, again); got != missed {
				t.Fatalf("ten minutes after a wrong answer to %s, a quiz asks about %s", missed, got)
			}
			cameBack++
		}
		e.clock.Advance(time.Minute)
		if only := quizCard(t, e.cmd("ann", "quiz "+missed)); questionOf(t, e, only) != missed {
			t.Fatalf("quiz %s asked about another question", missed)
		}
	}
	if cameBack == 0 {
		t.Error("no missed question had a second item: the test checked no comeback")
	}
}

// TestAQuizDoesNotAskWhatACardJustShowed: a question whose card the user
// has just graded, having read its answer, is not the next quiz's, even
// when it is weak for them (its quiz would ask what they read seconds
// ago), while the topic has others.
func TestAQuizDoesNotAskWhatACardJustShowed(t *testing.T) {
	e := newEnv(t)
	const probes = "t5acpt" // k8s针对pod资源对象的健康监测机制? (topics pod, probe)
	e.cmd("ann", "ask "+probes)
	e.grade("ann", probes, 1) // Again
	e.clock.Advance(time.Hour)
	e.cmd("ann", "ask "+probes)
	e.grade("ann", probes, 1) // Again, its answer read once more: weak
	for range 2 {
		card := quizCard(t, e.cmd("ann", "quiz probe"))
		if fb := text(e.press("ann", quiz.AnswerPayload(card.ID, wrongChoice(card)))); strings.Contains(fb, "ID "+probes) {
			t.Fatalf("quiz probe asked the question whose answer was just read:\n%s", fb)
		}
	}
	e.clock.Advance(time.Hour) // the respite over, the weak question is among the next
	for range 3 {
		card := quizCard(t, e.cmd("ann", "quiz probe"))
		if strings.Contains(text(e.press("ann", quiz.AnswerPayload(card.ID, wrongChoice(card)))), "ID "+probes) {
			return
		}
	}
	t.Error("an hour later, three quizzes of probe did not ask the weak question")
}
