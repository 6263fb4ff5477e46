package quiz_test

import (
	"testing"

	"github.com/kubequiz/kubequiz/internal/commandcheck"
	"github.com/kubequiz/kubequiz/quiz"
)

// commandName reports whether a word is one a command starts with: a
// command's name or alias, or a word of an interview's (跳过).
func commandName(word string) bool { return quiz.Understood(word) || quiz.IsSkipLine(word) }

// TestEveryCommandAMessageNamesIsUnderstood types every command every
// message of the catalog names, and every command's usage and example, in
// Chinese and in English, through the core: none is answered as unknown
// or with its usage. A message is checked as it is written.
func TestEveryCommandAMessageNamesIsUnderstood(t *testing.T) {
	commandcheck.Check(t, commandName, quiz.CatalogTexts())
}

// TestEveryCommandHasAChineseName: Chinese replies name each command by a
// Chinese name that runs it; English ones by its name.
func TestEveryCommandHasAChineseName(t *testing.T) {
	for _, c := range quiz.Commands() {
		zh := c.NameIn(quiz.LangZH)
		if got, ok := quiz.LookupCommand(zh); zh == c.Name || !ok || got.Name != c.Name {
			t.Errorf("%s is named %q in Chinese", c.Name, zh)
		}
		if en := c.NameIn(quiz.LangEN); en != c.Name {
			t.Errorf("%s is named %q in English", c.Name, en)
		}
	}
}
