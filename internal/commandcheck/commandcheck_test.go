package commandcheck

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestACommandTheCoreDoesNotTakeIsReported: a command misspelt, or given
// a word it does not take, or run into Chinese words, is reported; one
// the core takes, in any state of setups, is not.
func TestACommandTheCoreDoesNotTakeIsReported(t *testing.T) {
	c := New(t, quiz.Understood)
	for _, format := range []string{"输入 %s帮助 查看所有命令", "用「%s每日一题 开始」开启", "%s面试 暂停。", "%s搜索。"} {
		if got := c.Misunderstood(quiz.LangZH, format); len(got) != 1 || !strings.Contains(got[0], "is answered") {
			t.Errorf("%q: %q, want it reported", format, got)
		}
	}
	for format, l := range map[string]quiz.Lang{
		"输入「%s帮助」查看": quiz.LangZH, "%s每日一题 揭晓。": quiz.LangZH, "%s面试 结束。": quiz.LangZH,
		"%s作答 %s <你的回答>": quiz.LangZH, "Type %stopics for all of them.": quiz.LangEN,
	} {
		if got := c.Misunderstood(l, format); len(got) != 0 {
			t.Errorf("%q: %q, want none", format, got)
		}
	}
	if got := c.Misunderstood(quiz.LangZH, "Type %stopics for all of them."); len(got) != 1 {
		t.Errorf("a Chinese text's command runs to its punctuation: %q", got)
	}
}
