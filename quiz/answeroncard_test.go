package quiz_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestAnAnswerWithNoIDAnswersTheCardOnScreen: after a flashcard, an
// answer whose first word is no question's ID (nor shaped like one)
// answers that card, in either language; with no card drawn, a quiz drawn
// since, or the card drawn an hour ago or more, it is told to start with
// the question's ID; an ID-shaped word is still told no question has it.
func TestAnAnswerWithNoIDAnswersTheCardOnScreen(t *testing.T) {
	e := newEnv(t)
	q, _ := shippedBank(t).ByID(accessModes)
	answered := func(who string, r quiz.Response) {
		t.Helper()
		if got := text(r); r.Outcome != quiz.OutcomeOK || r.Command != "answer" || !strings.Contains(got, "✍️ "+q.Title) {
			t.Errorf("%s: %s %s %q; want the card's answer scored", who, r.Command, r.Outcome, got)
		}
	}
	refused := func(who string, r quiz.Response, want string) {
		t.Helper()
		if got := text(r); r.Outcome != quiz.OutcomeInvalid || !strings.Contains(got, want) {
			t.Errorf("%s: %s %q\nwant %q", who, r.Outcome, got, want)
		}
	}
	const noID = "An answer starts with the question's ID: /answer <id> <your answer>."
	refused("ann, no card", e.cmd("ann", "answer RWO is single node"), noID)
	e.wantNothingRecorded("ann")

	e.cmd("ann", "ask "+accessModes)
	answered("ann after the card", e.cmd("ann", "answer RWO is single node"))
	answered("ann, one word", e.cmd("ann", "answer RWO"))
	refused("ann, an ID-shaped word", e.cmd("ann", "answer zzzzz9 RWO is single node"), `No question has the ID "zzzzz9"`)
	if st := e.stats("ann"); st.Typed.Answers != 2 {
		t.Errorf("ann's answers in words: %d, want 2", st.Typed.Answers)
	}
	e.clock.Advance(time.Hour)
	refused("ann an hour after the card", e.cmd("ann", "answer RWO is single node"), noID)
	e.cmd("ann", "ask "+accessModes)
	e.cmd("ann", "quiz etcd")
	refused("ann after a quiz", e.cmd("ann", "answer RWO is single node"), noID)

	e.cmd("zhu", "lang zh")
	refused("zhu, no card", e.cmd("zhu", "作答 RWO单节点读写"), "作答要以题目编号开头：/作答 <编号> <你的回答>。")
	e.cmd("zhu", "提问 "+accessModes)
	answered("zhu after the card", e.cmd("zhu", "作答 RWO单节点读写"))
	answered("zhu, the name run into the answer", e.cmd("zhu", "作答我觉得是单节点读写"))
	answered("zhu, after a colon", e.cmd("zhu", "回答：单节点读写"))
	if st := e.stats("zhu"); st.Typed.Answers != 3 {
		t.Errorf("zhu's answers in words: %d, want 3", st.Typed.Answers)
	}
}

// TestAnAnswerWithNoIDSaysWhichCardItWentTo: an answer with no ID, taken
// for the card on screen, starts by naming that card (its ID and title);
// a second one, after the card was answered or graded, is recorded as
// another try (a review of its own) and says so; an answer that names its
// question says nothing of the kind; in both languages.
func TestAnAnswerWithNoIDSaysWhichCardItWentTo(t *testing.T) {
	e := newEnv(t)
	q, _ := shippedBank(t).ByID(accessModes)
	title := strings.TrimRight(q.Title, "?？ ")
	for _, c := range []struct{ lang, ask, answer, first, again, show string }{
		{"en", "ask", "answer", "No ID given: taken as your answer to the card on screen, " + accessModes + " (" + title + ").",
			"No ID given: taken as another try at the card on screen, " + accessModes + " (" + title + "), recorded as a review of its own.", "show answer"},
		{"zh", "提问", "作答", "没写编号：算作对屏幕上闪卡 " + accessModes + "（" + title + "）的作答。",
			"没写编号：算作对屏幕上闪卡 " + accessModes + "（" + title + "）的又一次作答，单独记为一次复习。", "显示答案"},
	} {
		user := "u-" + c.lang
		e.cmd(user, "lang "+c.lang)
		starts := func(what string, r quiz.Response, want string) {
			t.Helper()
			if got := text(r); r.Outcome != quiz.OutcomeOK || !strings.HasPrefix(got, want+"\n✍️ "+q.Title) {
				t.Errorf("%s in %s: %s %q\nwant it to start %q", what, c.lang, r.Outcome, got, want)
			}
		}
		e.cmd(user, c.ask+" "+accessModes)
		// Cards keep their reviews to the second, sessions to the millisecond.
		e.clock.Advance(1500 * time.Millisecond)
		starts("the first answer", e.cmd(user, c.answer+" RWO is single node"), c.first)
		e.clock.Advance(1500 * time.Millisecond)
		starts("a second answer", e.cmd(user, c.answer+" RWO"), c.again)
		if st := e.stats(user); st.Typed.Answers != 2 {
			t.Errorf("answers in words in %s: %d, want 2", c.lang, st.Typed.Answers)
		}
		if got := text(e.cmd(user, c.answer+" "+accessModes+" RWO")); strings.Contains(got, accessModes+" (") || strings.Contains(got, accessModes+"（") {
			t.Errorf("an answer naming its question in %s: %q, want no line naming the card", c.lang, got)
		}

		// Drawn again and graded with the button: an answer is another try.
		e.clock.Advance(time.Minute)
		e.cmd(user, c.ask+" "+accessModes)
		e.clock.Advance(1500 * time.Millisecond)
		e.press(user, payloadWithPrefix(t, e.cmd(user, c.show), "g:"+accessModes+":3:"))
		e.clock.Advance(1500 * time.Millisecond)
		starts("an answer after a grade", e.cmd(user, c.answer+" RWO"), c.again)
	}
}
