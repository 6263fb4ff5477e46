package mcq_test

import (
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/mcq"
)

// TestSurfaceCues runs the guessers that know no Kubernetes over every quiz
// of the shipped bank: none may beat the gate.
func TestSurfaceCues(t *testing.T) {
	g := mcq.NewGenerator(testkit.ShippedBank(t))
	for _, r := range g.Cues() {
		for _, gs := range mcq.Guessers {
			t.Logf("%s over %d quizzes: %s %.1f %%", r.Format, r.Quizzes, gs, r.Overall[gs]*100)
			if r.Overall[gs] > mcq.MaxCueRate {
				t.Logf("%s: %s guesses %.1f %% right, over %.0f %%", r.Format, gs, r.Overall[gs]*100, mcq.MaxCueRate*100)
			}
		}
		for _, qr := range r.Questions {
			for _, gs := range mcq.Guessers {
				if qr.Rates[gs] > mcq.MaxQuestionCueRate {
					t.Logf("%s %s %q: %s guesses %.0f %% of %d quizzes", r.Format, qr.QuestionID, qr.Title, gs, qr.Rates[gs]*100, qr.Quizzes)
				}
			}
		}
	}
}
