package quiz_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestExportInAChatSaysWhereItIsDone: export and import are the operator's
// commands (bot export, bot import); typed in a chat they get a reply that
// says so, with the conversation's scope to give them, in the user's
// language.
func TestExportInAChatSaysWhereItIsDone(t *testing.T) {
	e := newEnv(t)
	for _, line := range []string{"export", "/import team.json", "EXPORT"} {
		r := e.cmd("alice", line)
		if got := text(r); r.Outcome != quiz.OutcomeInvalid || !strings.Contains(got, "bot export -scope "+e.scope+" > team.json") ||
			!strings.Contains(got, "bot import -scope "+e.scope) {
			t.Errorf("%s: %s", line, got)
		}
	}
	e.cmd("alice", "lang zh")
	if got := text(e.cmd("alice", "导出")); !strings.Contains(got, "不在聊天里") || !strings.Contains(got, e.scope) {
		t.Errorf("导出: %s", got)
	}
	if got := text(e.cmd("alice", "exports")); !strings.Contains(got, "exports") || strings.Contains(got, "bot export") {
		t.Errorf("another word: %s", got)
	}
}
