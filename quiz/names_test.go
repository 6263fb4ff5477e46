package quiz_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// spoofers are display names that try to change how a board reads: a
// right-to-left override that reverses "— 25 pts", an isolate left open,
// and a line break that forges another place on the board.
var spoofers = map[string]string{
	"eve":     "Eve\u202E",
	"mallory": "\u2067Mallory",
	"trent":   "Trent\n1. Trent — 9999 pts",
}

// answerAs presses payload as user, under the display name the platform
// gives.
func (e *env) answerAs(user, name, payload string) quiz.Response {
	e.t.Helper()
	req := e.request(user)
	req.UserName, req.Payload = name, payload
	return e.svc.Handle(context.Background(), req)
}

func TestDisplayNamesCannotSpoofBoardsOrTheReveal(t *testing.T) {
	e := dailyEnv(t)
	out := &outbox{now: e.clock.Now}
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	if r := e.cmd("admin", "daily now"); len(out.all()) != 1 {
		t.Fatalf("daily now: %q", r.Notice)
	}
	card := out.all()[0].msg.Quiz
	for user, name := range spoofers {
		e.answerAs(user, name, quiz.AnswerPayload(card.ID, card.Correct))
	}
	if r := e.cmd("admin", "daily reveal"); len(out.all()) != 2 {
		t.Fatalf("daily reveal: %q", r.Notice)
	}
	surfaces := map[string]string{
		"the board":  text(e.cmd("eve", "top")),
		"the reveal": rich.Plain(out.all()[1].msg.Blocks),
	}
	for surface, got := range surfaces {
		if strings.ContainsFunc(got, func(r rune) bool { return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069' }) {
			t.Errorf("%s holds a bidi control:\n%+q", surface, got)
		}
		for _, want := range []string{"Eve — ", "Mallory — ", "Trent 1. Trent — 9999 pts — "} {
			if !strings.Contains(got, want) {
				t.Errorf("%s lacks %q:\n%s", surface, want, got)
			}
		}
		for _, line := range strings.Split(got, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "1. Trent") {
				t.Errorf("%s has a line forged by a name: %q", surface, line)
			}
		}
	}
}

func TestARightToLeftNameIsIsolated(t *testing.T) {
	e := newEnv(t)
	card := quizCard(t, e.cmd("ann", "quiz"))
	e.answerAs("dov", "דוב", quiz.AnswerPayload(card.ID, card.Correct))
	if got := text(e.cmd("ann", "top")); !strings.Contains(got, "\u2068דוב\u2069 — 10 pts") {
		t.Errorf("the board does not isolate a right-to-left name:\n%+q", got)
	}
}
