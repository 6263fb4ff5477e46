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
