package console

import (
	"slices"
	"testing"

	"github.com/kubequiz/kubequiz/internal/commandcheck"
	"github.com/kubequiz/kubequiz/internal/i18ncheck"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// TestTheConsolesLinesReadInTheirLanguage checks the console's own
// catalog as the core's is checked: no English in Chinese beyond topics
// and keys (a command is named by its Chinese name); English counts agree
// in number.
func TestTheConsolesLinesReadInTheirLanguage(t *testing.T) {
	b := testkit.ShippedBank(t)
	term := func(w string) bool { return w == "kubequiz" || len(b.Resolve(w)) > 0 }
	texts := commandcheck.DeclaredTexts(t, ".")
	if !slices.Contains(texts, txtBanner) {
		t.Fatalf("the lines read from the source (%q) lack txtBanner", texts)
	}
	for _, line := range texts {
		if line.ZH == "" || line.EN == "" {
			t.Errorf("%q is not in both languages", line)
		}
		zh := line.Format(quiz.LangZH, i18ncheck.SampleArgs(line.ZH, 1, "示例")...)
		for _, p := range i18ncheck.Untranslated(zh, term) {
			t.Errorf("zh: %s", p)
		}
		for _, p := range i18ncheck.WrongNumber(line.In(quiz.LangEN)) {
			t.Errorf("en: %s", p)
		}
	}
}

// TestEveryCommandTheConsoleNamesIsUnderstood types the commands of the
// console's own lines, in both languages, through the core: none is
// answered as unknown or with its usage.
func TestEveryCommandTheConsoleNamesIsUnderstood(t *testing.T) {
	commandcheck.Check(t, quiz.Understood, commandcheck.DeclaredTexts(t, "."))
}
