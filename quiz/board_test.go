package quiz_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
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
		!strings.Contains(got, "root is not on this board yet: type /quiz and answer it right to get on it") {
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

// boldText is the text of a response's bold spans, a line each.
func boldText(r quiz.Response) string {
	var out []string
	for _, m := range r.Shown() {
		out = append(out, testkit.Styled(m.Blocks, rich.Bold)...)
	}
	return strings.Join(out, "\n")
}

// TestAPublicBoardMarksNoOne: a board posted where others read it (a
// channel, a group) bolds no one's row and names its caller where it would
// say "You"; in the caller's private chat their row is bold and says it is
// theirs.
func TestAPublicBoardMarksNoOne(t *testing.T) {
	e := newEnv(t)
	// Quizzes of two topics, so of two questions: a question answered
	// right twice in a week earns its points once.
	card := quizCard(t, e.cmd("ann", "quiz probe"))
	e.press("ann", quiz.AnswerPayload(card.ID, card.Correct))
	e.press("bob", quiz.AnswerPayload(card.ID, card.Correct))
	private := func(user, text string) quiz.Response {
		return e.deliver(user, "", func(r *quiz.Request) { r.Text, r.DirectChannel = text, r.Channel })
	}

	pub := e.cmd("bob", "top")
	if b := boldText(pub); strings.Contains(b, "bob") || strings.Contains(b, "ann") || strings.Contains(text(pub), "you") {
		t.Errorf("bob's board in the channel marks a row (bold: %q):\n%s", b, text(pub))
	}
	if got := text(e.cmd("cat", "top")); !strings.Contains(got, "cat is not on this board yet") || strings.Contains(got, "You") {
		t.Errorf("cat's board in the channel does not name cat:\n%s", got)
	}
	zh := e.deliver("cat", "", func(r *quiz.Request) { r.Text, r.Locale = "排行", "zh-CN" })
	if got := text(zh); !strings.Contains(got, "cat 还不在榜上") {
		t.Errorf("cat's Chinese board in the channel does not name cat:\n%s", got)
	}

	dm := private("bob", "top")
	if b := boldText(dm); !strings.Contains(b, "bob — 10 pts ← you") || strings.Contains(b, "ann") {
		t.Errorf("bob's board in private bolds %q, want bob's row marked as his:\n%s", b, text(dm))
	}
	if got := text(private("cat", "top")); !strings.Contains(got, "You are not on this board yet") {
		t.Errorf("cat's board in private:\n%s", got)
	}

	// Beyond the top ten, the caller's place is told by name in public:
	// ten players with two right answers put ann and bob, with one, off
	// the list.
	second := quizCard(t, e.cmd("p00", "quiz pv"))
	for i := range quiz.BoardSize {
		for _, c := range []*quiz.MultipleChoice{card, second} {
			e.press(fmt.Sprintf("p%02d", i), quiz.AnswerPayload(c.ID, c.Correct))
		}
	}
	for _, u := range []string{"ann", "bob"} {
		got := text(e.cmd(u, "top"))
		if !strings.Contains(got, "p09 — 20 pts") || strings.Contains(got, " "+u+" — ") ||
			!strings.Contains(got, u+": #11 of 12, 10 points") || strings.Contains(got, "You") {
			t.Errorf("%s, off the top ten, is not named with their place:\n%s", u, got)
		}
	}
	if got := text(private("ann", "top")); !strings.Contains(got, "You: #11 of 12, 10 points") {
		t.Errorf("ann's board in private, off the top ten:\n%s", got)
	}
}
