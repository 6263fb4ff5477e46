package telegram

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

func TestNamesRenderAsPlainText(t *testing.T) {
	// What the core hands over: names stripped of bidi controls, a
	// right-to-left one isolated, markup characters as typed.
	got := checkHTML(t, renderHTML([]rich.Block{{Kind: rich.List, Items: [][]rich.Block{
		{rich.Para(rich.Span{Text: "🥇 <b>Eve</b> & *co* — 25 pts", Style: rich.Bold})},
		{rich.Para(rich.Span{Text: "🥈 \u2068דוד\u2069 — 20 pts"})},
	}}}))
	for _, want := range []string{"🥇 <b>Eve</b> & *co* — 25 pts", "🥈 \u2068דוד\u2069 — 20 pts"} {
		if !strings.Contains(got, want) {
			t.Errorf("the board shows %+q, want %+q in it", got, want)
		}
	}
}

// withName is an update whose user (in "from", or a poll answer's "user")
// is called name.
func withName(t *testing.T, update []byte, name string) []byte {
	t.Helper()
	var u map[string]any
	if err := json.Unmarshal(update, &u); err != nil {
		t.Fatal(err)
	}
	for _, inner := range u {
		if m, ok := inner.(map[string]any); ok {
			for _, k := range []string{"from", "user"} {
				if user, ok := m[k].(map[string]any); ok {
					user["first_name"] = name
				}
			}
		}
	}
	out, _ := json.Marshal(u)
	return out
}

func TestSpoofingNamesShowAsPlainNamesOnTheBoard(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 1, "/quiz"))
	poll, _ := e.groupQuiz(t)
	right := correctOption(t, poll)
	e.deliver(a.Adapter,
		withName(t, telegramtest.PollAnswer(2, poll.PollID, e.bob, right), "Bob\u202E <i>x</i>"),
		withName(t, telegramtest.PollAnswer(3, poll.PollID, e.carol, right), "\u202Bכרמל"),
	)
	settle(a)
	e.deliver(a.Adapter, telegramtest.Message(4, e.group, e.alice, 2, "/top"))
	settle(a)
	board := checkHTML(t, lastText(e))
	for _, want := range []string{"Bob <i>x</i> — 10 pts", "\u2068כרמל\u2069 — 10 pts"} {
		if !strings.Contains(board, want) {
			t.Errorf("the board lacks %+q:\n%+q", want, board)
		}
	}
	if strings.ContainsAny(board, "\u202B\u202E") {
		t.Errorf("the board holds a bidi override:\n%+q", board)
	}
}
