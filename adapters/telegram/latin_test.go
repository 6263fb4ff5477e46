package telegram

import (
	"regexp"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/i18ncheck"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// chineseCommand is a command named by a name Telegram cannot make
// tappable: "/" and a Chinese name of one of the core's commands.
func chineseCommand(t *testing.T, text string) string {
	t.Helper()
	for _, m := range regexp.MustCompile(`/\p{Han}+`).FindAllString(text, -1) {
		if _, ok := quiz.LookupCommand(m); ok {
			return m
		}
	}
	return ""
}

// TestChineseRepliesNameCommandsByTheirTappableNames: on Telegram, the
// help, a quiz poll's explanation and a hint in Chinese name commands by
// their Latin names (/ask, /daily), which Telegram makes tappable, as the
// command menu lists them; a command typed by its Chinese name works.
func TestChineseRepliesNameCommandsByTheirTappableNames(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter,
		speaking("zh-hans", telegramtest.Message(1, e.alice, e.alice, 10, "/帮助")),
		speaking("zh-hans", telegramtest.Message(2, e.group, e.alice, 11, "/测验@KubeQuizBot etcd")),
		speaking("zh-hans", telegramtest.Message(3, e.group, e.bob, 12, "/成绩")),
		speaking("zh-hans", telegramtest.Message(4, e.bob, e.bob, 13, "/提问 pv")),
	)
	settle(a)
	help := strings.Join(callTexts(to(e.api.Calls("sendMessage"), e.alice)), "\n")
	if !strings.Contains(help, "/ask pv") || !strings.Contains(help, "/daily") {
		t.Errorf("the Chinese help does not name /ask and /daily: %q", help)
	}
	polls := e.await("sendPoll", 1)
	explanation := polls[0].Params.Get("explanation")
	if !strings.Contains(explanation, "/ask ") {
		t.Errorf("the poll's explanation %q does not name /ask", explanation)
	}
	stats := strings.Join(callTexts(to(e.api.Calls("sendMessage"), e.group)), "\n")
	card := strings.Join(callTexts(to(e.api.Calls("sendMessage"), e.bob)), "\n")
	for what, text := range map[string]string{"the help": help, "the explanation": explanation, "the stats": stats, "the card": card} {
		if c := chineseCommand(t, text); c != "" {
			t.Errorf("%s names %s, which Telegram does not make tappable: %q", what, c, text)
		}
	}
	if !strings.Contains(card, "pv") || strings.Contains(card, "不认识") {
		t.Errorf("/提问 pv typed in Chinese: %q", card)
	}
}

// TestTheChineseMenuNamesCommandsAsTheRepliesDo: the Chinese command
// menu's examples name commands by their Latin names, as the replies do
// (例如 /ask pv), keeping no other English but topics and keys.
func TestTheChineseMenuNamesCommandsAsTheRepliesDo(t *testing.T) {
	b := testkit.ShippedBank(t)
	for _, c := range menu(quiz.LangZH) {
		if n := chineseCommand(t, c.Description); n != "" {
			t.Errorf("/%s: %q names %s", c.Command, c.Description, n)
		}
		allowed := func(w string) bool {
			return len(b.Resolve(w)) > 0 || quiz.Understood(w) && strings.Contains(c.Description, "/"+w)
		}
		for _, p := range i18ncheck.Untranslated(c.Description, allowed) {
			t.Errorf("/%s: %s", c.Command, p)
		}
	}
	if ask := menu(quiz.LangZH)[0]; ask.Command != "ask" || !strings.Contains(ask.Description, "/ask pv") {
		t.Errorf("the menu's /ask: %+v, want its example as /ask pv", ask)
	}
}

// TestLatinCommandsRenamesCommandsOnly: a Chinese command name after "/"
// is renamed, the longer of two names that start alike whole; a word that
// only starts with a command's name, and a name without "/", stay.
func TestLatinCommandsRenamesCommandsOnly(t *testing.T) {
	for in, want := range map[string]string{
		"任何人都可以用「/每日一题 状态」查看": "任何人都可以用「/daily 状态」查看",
		"试试 /提问":            "试试 /ask",
		"完整参考答案：/提问 vzlhv7": "完整参考答案：/ask vzlhv7",
		"/问题 不是命令":          "/问题 不是命令",
		"提问 pv":             "提问 pv",
		"https://a.b/c":     "https://a.b/c",
	} {
		if got := latinCommands(in); got != want {
			t.Errorf("latinCommands(%q) = %q, want %q", in, got, want)
		}
	}
}
