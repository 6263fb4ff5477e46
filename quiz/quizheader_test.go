package quiz_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestAQuizPromisesItsAskerNoPointsTheyCannotEarn: the line under a quiz
// is the channel's, but the quiz is drawn for whoever asked; when they
// answered its question this week (right or wrong), a right answer earns
// them nothing, so the line promises the points to all but the asker,
// named so that they recognise themselves, in the asker's language,
// natively drawn too; the others still score them.
func TestAQuizPromisesItsAskerNoPointsTheyCannotEarn(t *testing.T) {
	const (
		promise = "Right answer +10 points · your first answer to a question each week counts"
		others  = "Right answer +10 points · not for ann, who answered this question this week"
	)
	e := newEnv(t)
	first := e.cmd("ann", "quiz bctqeu")
	if got := text(first); !strings.Contains(got, promise) {
		t.Fatalf("a question ann has not answered this week:\n%s", got)
	}
	e.press("ann", quiz.AnswerPayload(quizCard(t, first).ID, quizCard(t, first).Correct))
	e.clock.Advance(time.Minute)

	again := e.cmd("ann", "quiz bctqeu")
	card := quizCard(t, again)
	if got := text(again); !strings.Contains(got, others) || strings.Contains(got, promise) {
		t.Errorf("the same question again, for ann:\n%s", got)
	}
	if card.Footer != others {
		t.Errorf("its native quiz's footer = %q, want %q", card.Footer, others)
	}
	if got := e.press("bob", quiz.AnswerPayload(card.ID, card.Correct)); !strings.Contains(got.Notice, "Right! +10") {
		t.Errorf("bob, who had not answered it, says %q; want his points", got.Notice)
	}
	if got := e.press("ann", quiz.AnswerPayload(card.ID, card.Correct)); !strings.Contains(got.Notice, "no points") {
		t.Errorf("ann says %q; want no points, as the quiz said", got.Notice)
	}

	// A wrong answer is the question's try of the week too.
	e.answerQuiz("cai", "hpa", false)
	e.clock.Advance(time.Minute)
	if got := text(e.cmd("cai", "quiz hpa")); !strings.Contains(got, "Right answer +10 points · not for cai, who answered this question this week") {
		t.Errorf("hpa again after a wrong answer, for cai:\n%s", got)
	}
	// Next week, the points are the asker's again.
	e.clock.Advance(7 * 24 * time.Hour)
	if got := text(e.cmd("ann", "quiz bctqeu")); !strings.Contains(got, promise) {
		t.Errorf("bctqeu next week, for ann:\n%s", got)
	}
}

func TestAQuizPromisesItsAskerNoPointsInChinese(t *testing.T) {
	e := newEnv(t)
	e.cmd("dan", "lang zh")
	e.answerQuiz("dan", "bctqeu", true)
	e.clock.Advance(time.Minute)
	if got := text(e.cmd("dan", "quiz bctqeu")); !strings.Contains(got, "答对 +10 分 · dan 除外：本周已答过这道题，这次答对不计分") || strings.Contains(got, "每道题每周只计你的第一次作答") {
		t.Errorf("in Chinese:\n%s", got)
	}
}

// TestAQuizInAPrivateChatTellsItsAskerTheyEarnNothing: in the asker's
// direct conversation with the bot there are no others to score, so the
// line under a quiz of a question they answered this week tells them, in
// the second person, that it earns them nothing, in either language.
func TestAQuizInAPrivateChatTellsItsAskerTheyEarnNothing(t *testing.T) {
	for _, c := range []struct{ lang, want string }{
		{"en", "No points for you this time: you answered this question this week"},
		{"zh", "这次答对不计分：本周你已答过这道题"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			e := newEnv(t)
			inPrivate := func(r *quiz.Request) { r.Channel, r.DirectChannel = "dm-eve", "dm-eve" }
			e.deliver("eve", "", func(r *quiz.Request) { inPrivate(r); r.Text = "lang " + c.lang })
			first := e.deliver("eve", "", func(r *quiz.Request) { inPrivate(r); r.Text = "quiz bctqeu" })
			card := quizCard(t, first)
			e.deliver("eve", "", func(r *quiz.Request) { inPrivate(r); r.Payload = quiz.AnswerPayload(card.ID, card.Correct) })
			e.clock.Advance(time.Minute)

			again := e.deliver("eve", "", func(r *quiz.Request) { inPrivate(r); r.Text = "quiz bctqeu" })
			if got := text(again); !strings.Contains(got, c.want) || strings.Contains(got, "eve") {
				t.Errorf("the same question again, in eve's private chat:\n%s", got)
			}
			if footer := quizCard(t, again).Footer; footer != c.want {
				t.Errorf("its native quiz's footer = %q, want %q", footer, c.want)
			}
		})
	}
}
