package quiz_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// TestShowAnswerTypedRevealsTheCardOnScreen: Show answer's label typed
// after ask reveals the card drawn, as pressing its button does: the
// answer, grade buttons that grade once and keep the topic for Next; with
// no card on screen (none drawn, a quiz since, an hour gone) it still says
// where the button is; Submit typed still says where its button is; in
// both languages, a label read as any typed phrase is (phraseLine: 看答案吧,
// closed by a particle, is 看答案).
func TestShowAnswerTypedRevealsTheCardOnScreen(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ lang, ask, quiz string }{
		{"zh", "提问 pv", "测验 etcd"},
		{"en", "ask pv", "quiz etcd"},
	} {
		for _, typed := range map[string][]string{"zh": {"显示答案", "答案。", "看答案吧"}, "en": {"show answer", "Show"}}[c.lang] {
			user := c.lang + "-" + typed
			e.cmd(user, "lang "+c.lang)
			explains := map[string]string{"zh": "「显示答案」是闪卡下面的按钮", "en": "Show answer is a button under a flashcard"}[c.lang]
			if got := text(e.cmd(user, typed)); !strings.Contains(got, explains) {
				t.Errorf("%s with no card drawn: %s, want %s", typed, got, explains)
			}

			id := askedID(t, e.cmd(user, c.ask))
			q, _ := shippedBank(t).ByID(id)
			shown := e.cmd(user, typed)
			if got := text(shown); shown.Outcome != quiz.OutcomeOK || shown.Command != "show-answer" ||
				!strings.Contains(got, q.Title) || !strings.Contains(got, rich.Plain(q.Answer)[:20]) {
				t.Fatalf("%s after %s (%s): %s, want its answer", typed, c.ask, id, got)
			}
			good := payloadWithPrefix(t, shown, "g:"+id+":3:")
			graded := e.press(user, good)
			if next := payloadWithPrefix(t, graded, "n:"); next != "n:pv" {
				t.Errorf("%s: Next after the grade is %q, want n:pv", typed, next)
			}
			if again := e.press(user, good); again.Outcome != quiz.OutcomeInvalid {
				t.Errorf("%s: a second grade of one reveal: %s", typed, text(again))
			}
			if st := e.stats(user); st.Reviews != 1 {
				t.Errorf("%s: %d reviews after one reveal graded twice, want 1", typed, st.Reviews)
			}

			// A quiz drawn since: the card is no longer on screen.
			quizCard(t, e.cmd(user, c.quiz))
			if got := text(e.cmd(user, typed)); !strings.Contains(got, explains) {
				t.Errorf("%s after a quiz: %s, want %s", typed, got, explains)
			}
			// An hour after the card was drawn, neither.
			e.cmd(user, c.ask)
			e.clock.Advance(time.Hour)
			if got := text(e.cmd(user, typed)); !strings.Contains(got, explains) {
				t.Errorf("%s an hour after the card: %s, want %s", typed, got, explains)
			}
		}
		user := c.lang + "-submit"
		e.cmd(user, "lang "+c.lang)
		e.cmd(user, c.ask)
		submit := map[string]string{"zh": "提交", "en": "submit"}[c.lang]
		explains := map[string]string{"zh": "「提交」是自查清单下面的按钮", "en": "Submit is the button under a checklist"}[c.lang]
		if got := text(e.cmd(user, submit)); !strings.Contains(got, explains) {
			t.Errorf("%s with a card on screen: %s, want %s", submit, got, explains)
		}
	}
}
