package telegram

import (
	"slices"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
)

// A line typed in a private chat that is no command but talks to the bot
// gets an answer that fits it: 来一道题 draws a flashcard, 你好 a welcome.
func TestTalkInAPrivateChat(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.Message(1, e.alice, e.alice, 1, "/lang zh"))
	settle(a)
	e.deliver(a.Adapter, telegramtest.Message(2, e.alice, e.alice, 2, "来一道题"))
	settle(a)
	card := e.api.Calls("sendMessage")
	last := card[len(card)-1]
	if text := checkHTML(t, last.Params.Get("text")); strings.Contains(text, "不认识的命令") || !slices.ContainsFunc(buttons(t, last), func(b string) bool { return strings.HasPrefix(b, "s:") }) {
		t.Errorf("来一道题 drew no flashcard:\n%s\n%v", text, buttons(t, last))
	}
	e.deliver(a.Adapter, telegramtest.Message(3, e.alice, e.alice, 3, "你好"))
	settle(a)
	if text := checkHTML(t, lastText(e)); !strings.Contains(text, "「/quiz」") || !strings.Contains(text, "你好") {
		t.Errorf("你好 got no welcome:\n%s", text)
	}
}
