package quiz_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestAQuizOptionTypedSaysWhatBecameOfTheLastQuiz: a quiz's option typed
// as a line (a letter on any keyboard, after Slack's command too, or a
// number) answers nothing; the reply, in the user's language, says their
// last quiz here is answered already, with what they chose, and how to
// get another; or that it waits for an answer on the quiz itself; or that
// none is waiting here (none asked for, another user's, in another
// conversation).
func TestAQuizOptionTypedSaysWhatBecameOfTheLastQuiz(t *testing.T) {
	e := newEnv(t)
	const none = "No quiz is waiting for your answer here. For one, type /quiz."
	reply := func(user, typed, want string) {
		t.Helper()
		if r := e.cmd(user, typed); r.Outcome != quiz.OutcomeInvalid || text(r) != want {
			t.Errorf("%s typed %q: %s %q\nwant %q", user, typed, r.Outcome, text(r), want)
		}
	}
	reply("ann", "b", none)

	card := quizCard(t, e.cmd("ann", "quiz"))
	last := string(rune('A' + len(card.Choices) - 1))
	for _, typed := range []string{"b", "B", "ｂ", "2", "k8s c"} {
		reply("ann", typed, "Your last quiz is waiting for your answer: choose an option (A–"+last+") on the quiz itself; a letter typed here does not answer it.")
	}
	if st := e.stats("ann"); st.Answered != 0 {
		t.Fatalf("a typed option answered the quiz: %+v", st)
	}
	e.press("ann", quiz.AnswerPayload(card.ID, 1))
	for _, typed := range []string{"c", "Ｃ", "3", "a。", "/k8s d"} {
		reply("ann", typed, "You already answered your last quiz: you chose B, and only the first answer counts. For another quiz, type /quiz.")
	}
	reply("bob", "c", none)
	other := e.request("ann")
	other.Channel, other.Text = "chan-2", "c"
	if r := e.svc.Handle(t.Context(), other); text(r) != none {
		t.Errorf("ann typing c in another conversation: %q", text(r))
	}
	e.cmd("ann", "lang zh")
	reply("ann", "c", "你上一道测验已经回答过了：你选了 B，每人只计第一次作答。再来一道：输入「/测验」。")
	if st := e.stats("ann"); st.Answered != 1 {
		t.Errorf("after typing options: %d answers, want the one pressed", st.Answered)
	}
	// Words that are no option stay words the bot does not know.
	for _, typed := range []string{"e", "5", "bb"} {
		if got := text(e.cmd("bob", typed)); !strings.Contains(got, "I don't know the command") {
			t.Errorf("%q: %q", typed, got)
		}
	}
}

// TestANumberTypedWhereNumbersPressButtons: where typing a number presses
// a button (the console), a number that names none is told so, unless it
// follows a quiz the user answered: then it is told what they chose.
func TestANumberTypedWhereNumbersPressButtons(t *testing.T) {
	e := newEnv(t)
	typed := func(line string) quiz.Response {
		req := e.request("ann")
		req.Text, req.PressByNumber, req.ButtonsShown = line, true, 1
		return e.svc.Handle(t.Context(), req)
	}
	if got := text(typed("3")); got != "There is no button 3 (there is only button 1)." {
		t.Errorf("3 with no quiz: %q", got)
	}
	card := quizCard(t, e.cmd("ann", "quiz"))
	if got := text(typed("3")); got != "There is no button 3 (there is only button 1)." {
		t.Errorf("3 with the quiz open, its buttons gone: %q", got)
	}
	e.press("ann", quiz.AnswerPayload(card.ID, 0))
	if got := text(typed("3")); !strings.HasPrefix(got, "You already answered your last quiz: you chose A") {
		t.Errorf("3 after the quiz was answered: %q", got)
	}
}
