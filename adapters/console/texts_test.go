package console

import (
	"testing"

	"github.com/kubequiz/kubequiz/internal/i18ncheck"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// TestTheConsolesLinesReadInTheirLanguage checks the console's own
// catalog as the core's is checked: no English in Chinese beyond commands,
// topics and keys; English counts agree in number.
func TestTheConsolesLinesReadInTheirLanguage(t *testing.T) {
	b := testkit.ShippedBank(t)
	term := func(w string) bool {
		_, cmd := quiz.LookupCommand(w)
		return cmd || w == "kubequiz" || len(b.Resolve(w)) > 0
	}
	for _, line := range texts {
		for _, p := range i18ncheck.Untranslated(line.In(quiz.LangZH), term) {
			t.Errorf("zh: %s", p)
		}
		for _, p := range i18ncheck.WrongNumber(line.In(quiz.LangEN)) {
			t.Errorf("en: %s", p)
		}
	}
}
