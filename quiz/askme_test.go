package quiz_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestAskMeNamesNoTopic: "ask me a question", "quiz me", 问我一个问题 ask
// for a question, as help me asks for help: their words (me, 我, a
// question, 一个问题) are no topic, alone or before one (quiz me on etcd,
// 问我etcd), while a word that only starts like one is still told it is
// no topic.
func TestAskMeNamesNoTopic(t *testing.T) {
	e := newEnv(t)
	for i, c := range []struct{ typed, topic string }{
		{"ask me a question", ""}, {"ask me something", ""}, {"ask me", ""}, {"ask myself a question", ""},
		{"ask me a question please", ""}, {"Ask me a question!", ""},
		{"问我一个问题", ""}, {"问我", ""}, {"问 我 一道题", ""}, {"问我一道题", ""},
		{"ask me about pv", "pv"}, {"ask me a question about pv", "pv"}, {"ask me pv", "pv"},
		{"问我etcd", "etcd"}, {"问我 etcd", "etcd"}, {"问我关于pv", "pv"},
	} {
		user := fmt.Sprintf("u%d", i)
		r := e.cmd(user, c.typed)
		if r.Outcome != quiz.OutcomeOK {
			t.Errorf("%s: %s %s", c.typed, r.Outcome, text(r))
			continue
		}
		if next := payloadWithPrefix(t, r, "n:"); next != "n:"+c.topic {
			t.Errorf("%s: the session's topic is %q, want %q", c.typed, next, "n:"+c.topic)
		}
	}
	for i, typed := range []string{"quiz me", "quiz me on etcd", "测验我", "quiz me a question"} {
		if r := e.cmd(fmt.Sprintf("q%d", i), typed); r.Outcome != quiz.OutcomeOK || quizCard(t, r) == nil {
			t.Errorf("%s: %s %s", typed, r.Outcome, text(r))
		}
	}
	if got := text(e.cmd("iv1", "interview me")); !strings.HasPrefix(got, "🎤 Mock interview: 5 questions.") {
		t.Errorf("interview me:\n%s", got)
	}
	if got := text(e.cmd("iv2", "面试我")); !strings.HasPrefix(got, "🎤 Mock interview: 5 questions.") {
		t.Errorf("面试我:\n%s", got)
	}
	if got := text(e.cmd("x", "ask meh")); !strings.Contains(got, `There is no topic "meh"`) {
		t.Errorf("ask meh:\n%s", got)
	}
	// A question whose words name no topic is not told to ask them.
	if got := text(e.cmd("y", "what is a question?")); strings.Contains(got, "ask ") {
		t.Errorf("what is a question?:\n%s", got)
	}
}
