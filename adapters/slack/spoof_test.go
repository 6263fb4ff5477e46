package slack_test

import (
	"strings"
	"testing"
)

func TestSpoofingDisplayNamesShowAsPlainNamesOnTheBoard(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{})
	e.slack.SetUser("UEVE", "*Eve*\u202E", false)
	e.slack.SetUser("UDOV", "_דוב_", false)
	for _, user := range []string{"UEVE", "UDOV"} {
		q := e.ask(user, "C1", "quiz", 1)[0]
		for _, b := range q.Buttons() {
			if strings.HasPrefix(b.Value, "a:") && e.isRight(t, b.Value) {
				e.press(user, "C1", q, b, 1)
			}
		}
	}
	board := e.ask("UEVE", "C1", "top", 1)[0].Sections()
	for _, want := range []string{"∗Eve∗ — 10 pts", "\u2068ˍדובˍ\u2069 — 10 pts"} {
		if !strings.Contains(board, want) {
			t.Errorf("the board lacks %+q:\n%+q", want, board)
		}
	}
	if strings.Contains(board, "*Eve*") || strings.Contains(board, "\u202E") {
		t.Errorf("the board formats or reorders a name:\n%+q", board)
	}
}

func TestTheChannelBoardMarksNoOne(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{})
	e.slack.SetUser("UBOB", "Bob", false)
	q := e.ask("UBOB", "C1", "quiz", 1)[0]
	for _, b := range q.Buttons() {
		if strings.HasPrefix(b.Value, "a:") && e.isRight(t, b.Value) {
			e.press("UBOB", "C1", q, b, 1)
		}
	}
	board := e.ask("UBOB", "C1", "top", 1)[0]
	if board.Private() || !strings.Contains(board.Sections(), "🥇 Bob — 10 pts") {
		t.Fatalf("the board, in the channel, lacks Bob's row:\n%+q", board.Sections())
	}
	if strings.Contains(board.Sections(), "*🥇") || strings.Contains(board.Sections(), "you") {
		t.Errorf("the channel's board marks the caller's row:\n%+q", board.Sections())
	}
}
