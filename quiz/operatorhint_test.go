package quiz_test

import (
	"context"
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
	for line, name := range map[string]string{"export": "export", "/import team.json": "import", "EXPORT": "export"} {
		r := e.cmd("alice", line)
		if got := text(r); r.Outcome != quiz.OutcomeOK || r.Command != name || !strings.Contains(got, "bot export -scope "+e.scope+" > team.json") ||
			!strings.Contains(got, "bot import -scope "+e.scope) {
			t.Errorf("%s: %s %s, %s; want %s ok", line, r.Command, r.Outcome, got, name)
		}
	}
	e.cmd("alice", "lang zh")
	for word, name := range map[string]string{"导出": "export", "导入": "import"} {
		if r := e.cmd("alice", word); !strings.Contains(text(r), "不在聊天里") || !strings.Contains(text(r), e.scope) || r.Command != name || r.Outcome != quiz.OutcomeOK {
			t.Errorf("%s: %s %s, %s", word, r.Command, r.Outcome, text(r))
		}
	}
	if got := text(e.cmd("alice", "exports")); !strings.Contains(got, "exports") || strings.Contains(got, "bot export") {
		t.Errorf("another word: %s", got)
	}
}

// TestExportOnTheEmbeddedStoreSaysItNeedsRedis: on the embedded store
// (no REDIS_URL) bot export cannot reach the data, so export and import
// typed in a chat say what they need rather than a command that fails.
func TestExportOnTheEmbeddedStoreSaysItNeedsRedis(t *testing.T) {
	e := newEnv(t)
	svc, err := quiz.New(quiz.Config{Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: e.store, Lang: "en", EmbeddedStore: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"export", "import team.json"} {
		req := e.request("alice")
		req.Text = line
		r := svc.Handle(context.Background(), req)
		if got := text(r); r.Outcome != quiz.OutcomeOK || !strings.HasPrefix(line, r.Command) || !strings.Contains(got, "REDIS_URL is not set") || strings.Contains(got, "-scope") {
			t.Errorf("%s: %s", line, got)
		}
	}
}

// TestHelpListsExportAndImport: SPEC's export and import are in help.
func TestHelpListsExportAndImport(t *testing.T) {
	e := newEnv(t)
	if got := text(e.cmd("alice", "help")); !strings.Contains(got, "/export | /import — a team's data out and in (admins") {
		t.Errorf("help:\n%s", got)
	}
}
