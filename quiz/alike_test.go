package quiz_test

import (
	"fmt"
	"testing"
)

// TestAFillInAskingWhatOneHadAskedWaits is the quiz tester's finding 12:
// quiz etcd asked for Raft again and again, in fill-ins of three questions.
// A fill-in whose answer one had already filled in comes after the
// quizzes asking something else (but for the rest a question just
// quizzed has: see TestAQuizBringsBackWhatWasMissed).
func TestAFillInAskingWhatOneHadAskedWaits(t *testing.T) {
	e := newEnv(t)
	g, b := shippedQuizzes(t), shippedBank(t)
	raft, others := 0, map[string]bool{}
	for _, q := range b.ByTopic("etcd") {
		for _, it := range g.Items(q, "etcd") {
			if alike := g.Alike(it.Key); alike == "blank:Raft" {
				raft++
			} else {
				others[alike] = true
			}
		}
	}
	if raft < 2 || len(others) < 2 {
		t.Fatalf("%d Raft fill-ins and %d other quizzes of etcd: the test tests nothing", raft, len(others))
	}
	for u := range 3 {
		user := fmt.Sprintf("alike-%d", u)
		asked := 0
		for i := range len(others) + 1 {
			// Past the rest a quizzed question has (see
			// quizRespiteForTest), any question may come next.
			e.clock.Advance(quizRespiteForTest)
			card := quizCard(t, e.cmd(user, "quiz etcd"))
			if card.Choices[card.Correct] != "Raft" {
				continue
			}
			if asked++; asked > 1 {
				t.Fatalf("quiz %d of quiz etcd asks for Raft again, with %d other quizzes of etcd to ask", i+1, len(others))
			}
		}
	}
}
