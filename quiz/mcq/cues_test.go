package mcq_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/mcq"
)

// TestSurfaceCues is the quality gate: guessers that know no Kubernetes,
// run over every quiz of the shipped bank, do no better than MaxCueRate over
// a format's quizzes nor than MaxQuestionCueRate on any question.
func TestSurfaceCues(t *testing.T) {
	g := mcq.NewGenerator(testkit.ShippedBank(t))
	rates := g.Cues()
	if len(rates) != 2 {
		t.Fatalf("rates for %d formats, want 2", len(rates))
	}
	for _, r := range rates {
		if r.Quizzes < 2000 || len(r.Questions) < 15 {
			t.Errorf("%s: only %d quizzes over %d questions", r.Format, r.Quizzes, len(r.Questions))
		}
		for _, gs := range mcq.Guessers {
			t.Logf("%s over %d quizzes: %s %.1f %%", r.Format, r.Quizzes, gs, r.Overall[gs]*100)
			if r.Overall[gs] > mcq.MaxCueRate {
				t.Errorf("%s: %s guesses %.1f %% right, over %.0f %%", r.Format, gs, r.Overall[gs]*100, mcq.MaxCueRate*100)
			}
		}
		for _, qr := range r.Questions {
			for _, gs := range mcq.Guessers {
				if qr.Rates[gs] > mcq.MaxQuestionCueRate {
					t.Errorf("%s %s %q: %s guesses %.0f %% of %d quizzes", r.Format, qr.QuestionID, qr.Title, gs, qr.Rates[gs]*100, qr.Quizzes)
				}
			}
		}
	}
}

func TestWriteCues(t *testing.T) {
	var out bytes.Buffer
	mcq.WriteCues(&out, mcq.NewGenerator(testkit.ShippedBank(t)))
	for _, want := range []string{"Surface-cue guessers", "  which ", "  blank ", "prompt-pairs", "visible-pairs", "longest", "shortest", "position", "no question over 50 %"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "(over)") {
		t.Errorf("the shipped bank is over the gate:\n%s", out.String())
	}
}
