package commandcheck

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/ids"
	"github.com/kubequiz/kubequiz/quiz"
)

// TestACommandTheCoreDoesNotTakeIsReported: a command misspelt, or given
// a word it does not take, or run into Chinese words, is reported; one
// the core takes, in any state of setups, is not.
func TestACommandTheCoreDoesNotTakeIsReported(t *testing.T) {
	c := New(t, quiz.Understood)
	zh := func(format string) quiz.Text { return quiz.Text{ZH: format} }
	for _, r := range []struct {
		l    quiz.Lang
		text quiz.Text
	}{
		// 订阅 (subscribe) is a word a writer may think turns the daily on;
		// daily does not take it (开始, the example before, now is on).
		{quiz.LangZH, zh("输入 %s帮助 查看所有命令")}, {quiz.LangZH, zh("用「%s每日一题 订阅」开启")},
		{quiz.LangZH, zh("%s面试 暂停。")}, {quiz.LangZH, zh("%s搜索。")},
		{quiz.LangZH, quiz.Text{ZH: "「%s每日一提 开启」", EN: "%sdaily on"}},
		{quiz.LangZH, quiz.Text{ZH: "用「%s测试 存储」练习", EN: "Practise with %squiz storage"}},
		{quiz.LangEN, quiz.Text{EN: "Type %sdaily onn 09:30 to get one."}},
		{quiz.LangEN, quiz.Text{EN: "Type %sforgett me."}},
		{quiz.LangEN, quiz.Text{EN: "%sinterview pausee."}},
		{quiz.LangEN, quiz.Text{EN: "Try %stopics all for all of them."}},
	} {
		if got := c.Misunderstood(r.l, r.text); len(got) != 1 || !strings.Contains(got[0], "is answered") && !strings.Contains(got[0], "is no command") {
			t.Errorf("%q: %q, want it reported", r.text.In(r.l), got)
		}
	}
	for _, r := range []struct {
		l    quiz.Lang
		text quiz.Text
	}{
		{quiz.LangZH, zh("输入「%s帮助」查看")}, {quiz.LangZH, zh("%s每日一题 揭晓。")}, {quiz.LangZH, zh("%s面试 结束。")},
		{quiz.LangZH, zh("%s作答 %s <你的回答>")}, {quiz.LangEN, quiz.Text{EN: "Type %stopics for all of them."}},
		{quiz.LangEN, quiz.Text{EN: "Type %sdaily on 09:30 to get one, or %sinterview and %sforget me."}},
		{quiz.LangZH, quiz.Text{ZH: "答案将于%s公布", EN: "The answer is out at %s"}},
	} {
		if got := c.Misunderstood(r.l, r.text); len(got) != 0 {
			t.Errorf("%q: %q, want none", r.text.In(r.l), got)
		}
	}
	if got := c.Misunderstood(quiz.LangZH, zh("Type %stopics for all of them.")); len(got) != 1 {
		t.Errorf("a Chinese text's command runs to its punctuation: %q", got)
	}
}

// TestCommandsAreTypedInTheConsolesScope: the commands are typed as the
// console makes its requests — its scope, a user ID of its shape in it —
// each chat by a user of its own.
func TestCommandsAreTypedInTheConsolesScope(t *testing.T) {
	c := New(t, quiz.Understood)
	a, b := request(c.chat(), "help"), request(c.chat(), "help")
	for _, r := range []quiz.Request{a, b} {
		if !ids.IsScope(r.Scope) || !ids.IsUser(r.User) || !ids.InScope(r.User, r.Scope) {
			t.Errorf("typed by %q in scope %q: not of the shapes the console makes (%s; %s)", r.User, r.Scope, ids.ScopeForms, ids.UserForms)
		}
	}
	if a.User == b.User || a.Channel == b.Channel {
		t.Errorf("two chats typed in by %q in %q and %q in %q: each needs its own", a.User, a.Channel, b.User, b.Channel)
	}
}
