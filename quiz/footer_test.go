package quiz_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// TestAQuizCarriesTheLineDrawnUnderIt: the line under a quiz (what a right
// answer is worth) is drawn as its last block and carried by its quiz for
// platforms that draw it natively, in both languages; answers add their
// count to the drawn line only.
func TestAQuizCarriesTheLineDrawnUnderIt(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ lang, want string }{
		{"en", fmt.Sprintf("Right answer +%d points · your first answer to a question each week counts", quiz.RightAnswerPoints)},
		{"zh", fmt.Sprintf("答对 +%d 分 · 每道题每周只计你的第一次作答", quiz.RightAnswerPoints)},
	} {
		e.cmd("ann", "lang "+c.lang)
		r := e.cmd("ann", "quiz")
		card := quizCard(t, r)
		if card.Footer != c.want {
			t.Errorf("%s: the quiz's footer is %q, want %q", c.lang, card.Footer, c.want)
		}
		for _, m := range r.Messages {
			if m.Quiz == card {
				if last := rich.Plain(m.Blocks[len(m.Blocks)-1:]); strings.TrimSpace(last) != card.Footer {
					t.Errorf("%s: the drawn line %q is not the quiz's footer %q", c.lang, last, card.Footer)
				}
			}
		}
		u := e.press("bob", quiz.AnswerPayload(card.ID, 0)).Update
		if u == nil || u.Quiz == nil || u.Quiz.Footer != c.want {
			t.Fatalf("%s: the redraw after an answer lost the quiz's footer: %+v", c.lang, u)
		}
		if drawn := rich.Plain(u.Blocks[len(u.Blocks)-1:]); !strings.Contains(drawn, "1 answered · "+c.want) && !strings.Contains(drawn, "已有 1 人作答 · "+c.want) {
			t.Errorf("%s: the redraw's line is %q", c.lang, drawn)
		}
	}
}
