package telegram

import (
	"slices"
	"testing"

	"github.com/kubequiz/kubequiz/internal/commandcheck"
	"github.com/kubequiz/kubequiz/internal/i18ncheck"
	"github.com/kubequiz/kubequiz/quiz"
)

// TestTheAdaptersLinesReadInTheirLanguage checks the adapter's own catalog
// as the core's is checked (issue 11's item 11): no English in Chinese
// beyond identifiers, English counts agree in number.
func TestTheAdaptersLinesReadInTheirLanguage(t *testing.T) {
	none := func(string) bool { return false }
	texts := commandcheck.DeclaredTexts(t, ".")
	if !slices.Contains(texts, k8sHelp) {
		t.Fatalf("the lines read from the source (%q) lack k8sHelp", texts)
	}
	for _, line := range texts {
		if line.ZH == "" || line.EN == "" {
			t.Errorf("%q is not in both languages", line)
		}
		zh := line.Format(quiz.LangZH, i18ncheck.SampleArgs(line.ZH, 1, "示例")...)
		for _, p := range i18ncheck.Untranslated(zh, none) {
			t.Errorf("zh: %s", p)
		}
		en := line.Format(quiz.LangEN, i18ncheck.SampleArgs(line.EN, 1, "sample")...)
		for _, p := range i18ncheck.WrongNumber(en) {
			t.Errorf("en: %s", p)
		}
	}
}

// TestEveryCommandTheAdapterNamesIsUnderstood types the commands of the
// adapter's own lines (the menu's /k8s), in both languages, through the
// core: none is answered as unknown or with its usage.
func TestEveryCommandTheAdapterNamesIsUnderstood(t *testing.T) {
	commandcheck.Check(t, quiz.Understood, commandcheck.DeclaredTexts(t, "."))
}
