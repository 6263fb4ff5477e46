package telegram

import (
	"strings"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// A deep link (t.me/<bot>?start=<payload>) opens the bot's private chat,
// and pressing Start there sends "/start <payload>". The payload is the
// adapter's: it names what the link was for, never a command's argument.
const (
	// startPressAgain is the link of a press the bot could not answer
	// privately: the user is told to press the button again.
	startPressAgain = "again"
	// startInterview is the link of a group's refusal of a mock
	// interview: Start begins it in the private chat.
	startInterview = "interview"
)

// deepLink is the core's command text for a message's text when it is a
// deep link's Start ("/start <payload>"), with the line to show before its
// reply ("" for none); ok is false for any other message. An unknown
// payload (an older link's "help" among them) opens the help.
func deepLink(text string) (command string, note quiz.Text, ok bool) {
	word, payload, found := strings.Cut(strings.TrimSpace(text), " ")
	name, _, _ := strings.Cut(word, "@")
	if !found || !strings.EqualFold(name, "/start") {
		return "", quiz.Text{}, false
	}
	switch strings.TrimSpace(payload) {
	case startInterview:
		return "interview", quiz.Text{}, true
	case startPressAgain:
		return "help", txtPressAgain, true
	}
	return "help", quiz.Text{}, true
}

// startLink is the deep link that opens the bot's private chat with
// payload.
func (a *Adapter) startLink(payload string) string {
	return "https://t.me/" + a.botName() + "?start=" + payload
}

// withInterviewLink adds to a group's refusal of a mock interview the link
// that starts it in the private chat.
func (a *Adapter) withInterviewLink(msgs []quiz.Message, l quiz.Lang) []quiz.Message {
	if len(msgs) == 0 {
		return msgs
	}
	out := append([]quiz.Message(nil), msgs...)
	last := &out[len(out)-1]
	link := rich.Para(rich.Span{Text: txtStartInterview.In(l), URL: a.startLink(startInterview)})
	last.Blocks = append(append([]rich.Block(nil), last.Blocks...), link)
	return out
}
