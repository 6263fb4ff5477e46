package quiz_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestALineThatStartsWithACommandAnswersTheInterview: in a direct chat,
// while a mock interview waits, a line of several words whose first word
// is a command, or close to one, that would refuse the rest is the
// answer, in English and Chinese: no help on "the", no topic "the", no
// "stats does not take", no "Did you mean top" for Raft or Stop.
func TestALineThatStartsWithACommandAnswersTheInterview(t *testing.T) {
	e := newEnv(t)
	for i, c := range []struct{ lang, start, line, next string }{
		{"en", "interview 3", "Raft is the consensus protocol", "🎤 2/3"},
		{"en", "interview 3", "raft keeps the nodes consistent", "🎤 2/3"},
		{"en", "interview 3", "Stop all old pods first and then create the new ones, that is Recreate", "🎤 2/3"},
		{"en", "interview 3", "Top of my head: kubectl rollout undo deployment/web", "🎤 2/3"},
		{"en", "interview 3", "Start the new pods before killing the old ones", "🎤 2/3"},
		{"en", "interview 3", "Review the spec and then apply it", "🎤 2/3"},
		{"en", "interview 3", "Score nodes then bind the pod", "🎤 2/3"},
		{"en", "interview 3", "Points to the endpoints of the service", "🎤 2/3"},
		{"en", "interview 3", "Me personally I would use kubectl", "🎤 2/3"},
		{"en", "interview 3", "Find the pod's logs with kubectl logs", "🎤 2/3"},
		{"en", "interview 3", "Topic: the scheduler scores nodes, then binds the pod", "🎤 2/3"},
		{"zh", "面试 3", "排名 最高的节点会被选中，然后绑定 Pod", "🎤 2/3"},
		{"zh", "面试 3", "帮组 我 觉得 是 调度器 给 节点 打分", "🎤 2/3"},
		{"zh", "面试 3", "成绩 取决于 探针 是否 通过", "🎤 2/3"},
	} {
		user := fmt.Sprintf("u%d", i)
		e.inDM(user, "lang "+c.lang)
		if got := text(e.inDM(user, c.start)); !strings.Contains(got, "🎤 1/3") {
			t.Fatalf("%s: %s", c.start, got)
		}
		if got := text(e.inDM(user, c.line)); !strings.Contains(got, c.next) {
			t.Errorf("%q in an interview:\n%s\nwant it the answer", c.line, got)
		}
	}
}

// TestAShortCommandStillRunsInTheInterview: in a direct chat, while a
// mock interview waits, a short line that is a command runs, one it
// refuses is told so, and a short near-command gets "Did you mean": none
// of them answers the question.
func TestAShortCommandStillRunsInTheInterview(t *testing.T) {
	e := newEnv(t)
	for user, start := range map[string][2]string{"kai": {"lang en", "interview 3"}, "lin": {"lang zh", "面试 3"}} {
		e.inDM(user, start[0])
		e.inDM(user, start[1])
	}
	for _, c := range [][3]string{
		{"kai", "stats", "Reviews"},
		{"kai", "top week", "eaderboard"},
		{"kai", "help", "ask [topic|id]"},
		{"kai", "stat", "Did you mean /stats?"},
		{"kai", "top foo", "Usage: /top [week|all]"},
		{"kai", "stats bob", "stats does not take"},
		{"kai", "search probes", "probe"},
		{"kai", "tpo week", "Did you mean /top week?"},
		{"lin", "成绩", "复习"},
		{"lin", "排行 本周", "排行"},
		{"lin", "帮组", "你是想输入「/帮助」吗？"},
		{"lin", "面式", "你是想输入「/面试」吗？"},
	} {
		if got := text(e.inDM(c[0], c[1])); !strings.Contains(got, c[2]) || strings.Contains(got, "🎤 2/3") {
			t.Errorf("%q in an interview:\n%s\nwant %q, not the answer", c[1], got, c[2])
		}
	}
	if got := text(e.inDM("kai", "The scheduler scores nodes and binds the pod")); !strings.Contains(got, "🎤 2/3") {
		t.Errorf("an answer after the commands: %s, want the question after", got)
	}
}
