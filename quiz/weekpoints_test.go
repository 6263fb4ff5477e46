package quiz_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// answerQuiz asks user's quiz on what args name and answers it, right or
// wrong.
func (e *env) answerQuiz(user, args string, right bool) quiz.Response {
	e.t.Helper()
	card := quizCard(e.t, e.cmd(user, "quiz "+args))
	choice := card.Correct
	if !right {
		choice = wrongChoice(card)
	}
	return e.press(user, quiz.AnswerPayload(card.ID, choice))
}

// TestAQuestionEarnsPointsAtItsFirstAnswerOfTheWeek: asking the quiz of a
// question again and answering what its feedback showed is practice, told
// right, counted, but worth no points until the next week (Monday in the
// service's zone); a single-question topic the same.
func TestAQuestionEarnsPointsAtItsFirstAnswerOfTheWeek(t *testing.T) {
	e := newEnv(t) // Monday 10:00 in Shanghai
	if got := e.answerQuiz("ann", "bctqeu", true); !strings.Contains(got.Notice, "Right! +10") {
		t.Fatalf("the week's first right answer says %q", got.Notice)
	}
	e.clock.Advance(time.Minute)
	again := e.answerQuiz("ann", "bctqeu", true)
	if !again.Scored || !strings.Contains(again.Notice, "no points") || strings.Contains(again.Notice, "+10") {
		t.Errorf("a right answer of the same question again says %q (scored %v); want it scored, with no points", again.Notice, again.Scored)
	}
	if got := text(again); !strings.Contains(got, "Right, but no points: you already answered this question this week") ||
		!strings.Contains(got, "10 points this week") {
		t.Errorf("its feedback should say why, and the week's points:\n%s", got)
	}
	// A single-question topic, a few days on, still in the week.
	e.answerQuiz("ann", "qos", true)
	e.clock.Set(time.Date(2026, 12, 6, 23, 59, 0, 0, shanghai)) // Sunday night
	if got := e.answerQuiz("ann", "qos", true); !strings.Contains(got.Notice, "no points") {
		t.Errorf("qos again on Sunday night says %q; want no points", got.Notice)
	}
	if st := e.stats("ann"); st.WeekPoints != 20 || st.Points != 20 || st.Answered != 4 || st.Correct != 4 {
		t.Errorf("ann's stats: %d this week, %d in all, %d/%d right; want 20, 20, 4/4", st.WeekPoints, st.Points, st.Correct, st.Answered)
	}
	if top := text(e.cmd("bob", "top")); !strings.Contains(top, "ann — 20 pts") {
		t.Errorf("the week's board:\n%s", top)
	}

	e.clock.Advance(2 * time.Minute) // Monday, 00:01 in Shanghai: a new week
	if got := e.answerQuiz("ann", "bctqeu", true); !strings.Contains(got.Notice, "Right! +10") {
		t.Errorf("bctqeu next week says %q; want its points again", got.Notice)
	}
	if top := text(e.cmd("bob", "top all")); !strings.Contains(top, "ann — 30 pts") {
		t.Errorf("all time:\n%s", top)
	}
}

// TestAWrongAnswerIsTheQuestionsTryOfTheWeek: its feedback shows the
// answer, so a right one after it is no test of knowing: told right,
// worth nothing, until next week.
func TestAWrongAnswerIsTheQuestionsTryOfTheWeek(t *testing.T) {
	e := newEnv(t)
	if got := e.answerQuiz("bob", "hpa", false); !strings.Contains(got.Notice, "Wrong") {
		t.Fatalf("a wrong answer says %q", got.Notice)
	}
	e.clock.Advance(time.Minute)
	if got := e.answerQuiz("bob", "hpa", true); !strings.Contains(got.Notice, "no points") {
		t.Errorf("the right answer after the wrong one says %q; want no points", got.Notice)
	}
	if top := text(e.cmd("bob", "top")); strings.Contains(top, "bob") {
		t.Errorf("bob, with no points, is on the board:\n%s", top)
	}
	e.clock.Advance(7 * 24 * time.Hour)
	if got := e.answerQuiz("bob", "hpa", true); !strings.Contains(got.Notice, "Right! +10") {
		t.Errorf("hpa next week says %q; want its points", got.Notice)
	}
}

// TestAnAnswerWithoutPointsIsToldInChinese: the notice and the verdict of
// a right answer that earned nothing, in a user's Chinese.
func TestAnAnswerWithoutPointsIsToldInChinese(t *testing.T) {
	e := newEnv(t)
	e.cmd("cai", "lang zh")
	e.answerQuiz("cai", "bctqeu", true)
	got := e.answerQuiz("cai", "bctqeu", true)
	if !strings.Contains(got.Notice, "不加分") || !strings.Contains(text(got), "本周你已经答过这道题") || !strings.Contains(text(got), "本周共 10 分") {
		t.Errorf("in Chinese: %q\n%s", got.Notice, text(got))
	}
}
