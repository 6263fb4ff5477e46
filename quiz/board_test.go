package quiz_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// TestNobodyWithoutPointsIsOnABoard is issue 11's item 8: after wrong
// answers only, top says nobody has points (no "🥇 root — 0 pts"); a
// player with points is ranked among players with points; the reveal's
// top five gives no medal to 0 points.
func TestNobodyWithoutPointsIsOnABoard(t *testing.T) {
	e := newEnv(t)
	card := quizCard(t, e.cmd("root", "quiz"))
	e.press("root", quiz.AnswerPayload(card.ID, wrongChoice(card)))
	for _, period := range []string{"top", "top all", "排行 全部"} {
		got := text(e.cmd("root", period))
		if strings.Contains(got, "🥇") || strings.Contains(got, "root") || !strings.Contains(got, "Nobody has points yet") {
			t.Errorf("%s after one wrong answer:\n%s", period, got)
		}
	}

	e.press("ann", quiz.AnswerPayload(card.ID, card.Correct))
	if got := text(e.cmd("root", "top")); !strings.Contains(got, "🥇 ann — 10 pts") || strings.Contains(got, "root —") ||
		!strings.Contains(got, "You are not on this board yet: type /quiz and answer it right to get on it") {
		t.Errorf("root with 0 points (a wrong answer: not told to answer a quiz, as if they had not), ann with 10:\n%s", got)
	}
	if b := e.board(""); b.Players != 1 || len(b.Entries) != 1 {
		t.Errorf("the all-time board counts %d players, lists %+v: only ann has points", b.Players, b.Entries)
	}

	d := dailyEnv(t)
	out := &outbox{now: d.clock.Now}
	quiz.NewScheduler(d.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	d.cmd("admin", "daily now")
	daily := out.all()[0].msg.Quiz
	d.press("bob", quiz.AnswerPayload(daily.ID, wrongChoice(daily)))
	d.cmd("admin", "daily reveal")
	rev := rich.Plain(out.all()[1].msg.Blocks)
	if strings.Contains(rev, "🥇") || strings.Contains(rev, "bob —") || strings.Contains(rev, "top five") {
		t.Errorf("the reveal gives a place to 0 points:\n%s", rev)
	}
}
