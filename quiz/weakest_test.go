package quiz_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestWeakestTopicsCountAHardGradeAsHalfRecalled: the weakest topics say
// what they measure (quiz answers right and cards recalled) and count a
// Hard self-grade, or a checklist half covered, as half recalled, not as
// nothing, in either language; quiz answers of the topic count too.
func TestWeakestTopicsCountAHardGradeAsHalfRecalled(t *testing.T) {
	e := newEnv(t)
	stats := func(user string, want ...string) {
		t.Helper()
		got := text(e.cmd(user, "stats"))
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s's stats lack %q:\n%s", user, w, got)
			}
		}
	}
	// ann: one quiz right elsewhere, two Hard self-grades of a pv card.
	card := quizCard(t, e.cmd("ann", "quiz etcd"))
	e.press("ann", quiz.AnswerPayload(card.ID, card.Correct))
	for range 2 {
		e.grade("ann", accessModes, 2)
		e.clock.Advance(time.Minute)
	}
	stats("ann", "Quizzes: 1 answered, accuracy 100%",
		"Weakest topics (quiz answers right, cards recalled; Hard counts half): pv 50%")

	// bob: a checklist half covered (Hard) and an Again.
	shown := e.press("bob", "s:"+accessModes)
	list := e.press("bob", payloadWithPrefix(t, shown, "c:"))
	if r := e.press("bob", list.Messages[0].Checklist.SubmitPayload(0b0011)); !strings.Contains(text(r), "Hard") {
		t.Fatalf("half the key points covered:\n%s", text(r))
	}
	e.clock.Advance(time.Minute)
	e.grade("bob", accessModes, 1)
	stats("bob", "pv 25%")

	e.cmd("zhu", "lang zh")
	for range 2 {
		e.grade("zhu", accessModes, 2)
		e.clock.Advance(time.Minute)
	}
	e.grade("zhu", accessModes, 3)
	stats("zhu", "薄弱主题（测验答对、复习记得的比例；「困难」算一半）：pv 67%")
}
