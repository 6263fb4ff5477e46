package telegram

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
)

// TestStartFromTheOpenTheBotLinkWelcomesAndSaysToPressAgain: the link a
// press's answer gives when the bot may not write to the user opens the
// private chat; its Start is answered with the whole help, after the line
// that says to press the button again — not with the help of help. An
// older link's "/start help" gets the whole help too.
func TestStartFromTheOpenTheBotLinkWelcomesAndSaysToPressAgain(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.api.Forbid(e.bob)
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/ask pv"))
	card := e.await("sendMessage", 1)[0]
	e.deliver(a.Adapter, telegramtest.Callback(2, e.group, e.bob, card.MessageID, buttons(t, card)[0]))
	settle(a)
	link := strings.TrimPrefix(e.toasts()["cb-2"], "Open a private chat with @KubeQuizBot, press Start, then press again. ")
	_, payload, ok := strings.Cut(link, "?start=")
	if !ok {
		t.Fatalf("the press's answer has no deep link: %q", e.toasts()["cb-2"])
	}
	e.api.Unforbid(e.bob)
	e.deliver(a.Adapter, telegramtest.Message(3, e.bob, e.bob, 11, "/start "+payload))
	e.deliver(a.Adapter, telegramtest.Message(4, e.carol, e.carol, 12, "/start help"))
	settle(a)
	bob := callTexts(to(e.api.Calls("sendMessage"), e.bob))
	if len(bob) < 2 || !strings.Contains(bob[0], "press the button again") {
		t.Fatalf("Start from the link: %q, want the line to press again first", bob)
	}
	for who, got := range map[string]string{"the link's": strings.Join(bob[1:], "\n"), "an older link's": strings.Join(callTexts(to(e.api.Calls("sendMessage"), e.carol)), "\n")} {
		if !strings.Contains(got, "/ask") || !strings.Contains(got, "/quiz") || strings.Contains(got, "Also typed as") {
			t.Errorf("%s Start: %q, want the whole help", who, got)
		}
	}
}

// TestAGroupsRefusalOfAnInterviewLinksToOneInPrivate: /interview in a
// group is refused with a link whose Start begins the interview in the
// private chat.
func TestAGroupsRefusalOfAnInterviewLinksToOneInPrivate(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/interview"))
	refusal := e.await("sendMessage", 1)[0].Params.Get("text")
	const link = `href="https://t.me/KubeQuizBot?start=`
	i := strings.Index(refusal, link)
	if !strings.Contains(refusal, "private chat") || i < 0 {
		t.Fatalf("the refusal: %q, want a link to the private chat", refusal)
	}
	payload, _, _ := strings.Cut(refusal[i+len(link):], `"`)
	e.deliver(a.Adapter, telegramtest.Message(2, e.alice, e.alice, 11, "/start "+payload))
	settle(a)
	got := strings.Join(callTexts(to(e.api.Calls("sendMessage"), e.alice)), "\n")
	if !strings.Contains(got, "🎤 1/5") {
		t.Errorf("Start from the link: %q, want the interview's first question", got)
	}
}

// callTexts are the texts of the successful calls among calls.
func callTexts(calls []telegramtest.Call) []string {
	var out []string
	for _, c := range calls {
		if c.OK() {
			out = append(out, c.Params.Get("text"))
		}
	}
	return out
}
