package quiz_test

import (
	"context"
	"strings"
	"testing"
	"time"

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
	for _, typed := range []string{"i", "5", "bb"} {
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

// typedAt types line as user where typing presses buttons (the console),
// with no button of a quiz on screen: the line reaches the core.
func (e *env) typedAt(user, line string) quiz.Response {
	e.t.Helper()
	req := e.request(user)
	req.Text, req.PressByNumber, req.ButtonsShown = line, true, 3
	return e.svc.Handle(context.Background(), req)
}

// postDaily posts the channel's daily question at once and returns it.
func postDaily(t *testing.T, e *env) *quiz.MultipleChoice {
	t.Helper()
	out := &outbox{now: e.clock.Now}
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	e.cmd("admin", "daily now")
	if len(out.all()) != 1 || out.all()[0].msg.Quiz == nil {
		t.Fatalf("daily now posted %d messages", len(out.all()))
	}
	return out.all()[0].msg.Quiz
}

// quizOfOptions asks user for quizzes of pv until one has n options (the
// reclaim policies have three, the access modes and phases four), and
// gives it.
func quizOfOptions(t *testing.T, e *env, user string, n int) *quiz.MultipleChoice {
	t.Helper()
	for range 30 {
		if card := quizCard(t, e.cmd(user, "quiz pv")); len(card.Choices) == n {
			return card
		}
	}
	t.Fatalf("no quiz of pv with %d options", n)
	return nil
}

// TestATypedLetterAnswersTheQuizWaitingWhereLettersPress: where typing
// presses buttons (the console), a quiz's letter that reaches the core
// (the quiz's buttons no longer on screen) answers the quiz waiting for
// the user: their own last quiz while it is open, else the channel's open
// daily question while they have not answered it (and the reply says it
// was the daily), unless their quiz, answered, was made since the daily
// was posted: it is on screen, and a letter is told it is answered and
// that the daily waits; then it is told which they answered, and with
// what. A letter beyond the waiting quiz's
// options is told there is no such option, and answers nothing.
func TestATypedLetterAnswersTheQuizWaitingWhereLettersPress(t *testing.T) {
	e := dailyEnv(t)
	daily := postDaily(t, e)
	wantVerdict := func(who string, r quiz.Response, right bool) {
		t.Helper()
		verdict := "Not quite"
		if right {
			verdict = "Right!"
		}
		if got := text(r); r.Outcome != quiz.OutcomeOK || !strings.Contains(got, verdict) {
			t.Errorf("%s: %s %q, want %s", who, r.Outcome, got, verdict)
		}
	}
	letter := func(i int) string { return string(rune('a' + i)) }

	// ann has no quiz of her own: her letter answers the daily, and the
	// reply says so.
	r := e.typedAt("ann", letter(daily.Correct))
	wantVerdict("ann's letter for the daily", r, true)
	if !strings.Contains(text(r), "That was your answer to the daily question here.") {
		t.Errorf("ann's letter for the daily: %q, want it named the daily", text(r))
	}
	if got := text(e.typedAt("ann", "a")); got != "You already answered the daily question here: you chose "+choiceLetterOf(daily.Correct)+", and only the first answer counts. For a quiz of your own, type /quiz." {
		t.Errorf("ann's second letter: %q", got)
	}

	// bob's own open quiz comes first, then the daily.
	own := quizOfOptions(t, e, "bob", 3)
	if r := e.typedAt("bob", "d"); r.Outcome != quiz.OutcomeInvalid || text(r) != "There is no option D (A–C)." {
		t.Errorf("bob's d for a quiz of three options: %s %q", r.Outcome, text(r))
	}
	if st := e.stats("bob"); st.Answered != 0 {
		t.Fatalf("an option the quiz lacks answered it: %+v", st)
	}
	wantVerdict("bob's letter for his own quiz", e.typedAt("bob", letter(own.Correct)), true)
	// His quiz, made since the daily was posted, is on screen: a letter
	// again is told it is answered, and that the daily waits.
	dailyWaits := "\nThe daily question here is waiting for your answer: choose an option (A–" + choiceLetterOf(len(daily.Choices)-1) + ") on the daily question itself"
	for _, typed := range []string{letter(wrongChoice(daily)), "b"} {
		if got := text(e.typedAt("bob", typed)); !strings.HasPrefix(got, "You already answered your last quiz: you chose "+choiceLetterOf(own.Correct)) || !strings.Contains(got, dailyWaits) {
			t.Errorf("bob's letter with his quiz answered: %q", got)
		}
	}
	if st := e.stats("bob"); st.Answered != 1 {
		t.Errorf("bob answered %d quizzes by letters, want his own", st.Answered)
	}
	// A number still names a button.
	if got := text(e.typedAt("carl", "2")); got != "There is no button 2 (the buttons are 1–3)." {
		t.Errorf("carl's 2: %q", got)
	}
	e.cmd("carl", "lang zh")
	// A wrong choice, whichever the daily drew: its reply says what was chosen.
	wrong := wrongChoice(daily)
	if got := text(e.typedAt("carl", string(rune('ａ'+wrong)))); !strings.Contains(got, "选了 "+choiceLetterOf(wrong)) || !strings.Contains(got, "以上是你对这里每日一题的作答。") {
		t.Errorf("carl's full-width letter for the daily: %q", got)
	}
	if got := text(e.typedAt("carl", "c")); got != "你已经回答过这里的每日一题：你选了 "+choiceLetterOf(wrong)+"，每人只计第一次作答。想自己练一道：输入「/测验」。" {
		t.Errorf("carl's second letter: %q", got)
	}
	quizOfOptions(t, e, "carl", 3)
	if got := text(e.typedAt("carl", "D")); got != "没有选项 D（选项是 A–C）。" {
		t.Errorf("carl's D for a quiz of three options: %q", got)
	}
}

// TestATypedLetterAfterBothQuizzesTellsOfTheOneAnsweredLast: with both
// their own last quiz and the channel's daily answered, a letter typed
// again is told of the quiz the user answered last, in their language:
// the daily answered after their own quiz, or their own quiz answered
// after the daily.
func TestATypedLetterAfterBothQuizzesTellsOfTheOneAnsweredLast(t *testing.T) {
	e := dailyEnv(t)
	own := quizCard(t, e.cmd("ann", "quiz"))
	e.typedAt("ann", letterOf(own.Correct))
	e.clock.Advance(time.Minute)
	daily := postDaily(t, e)
	e.typedAt("ann", letterOf(wrongChoice(daily)))
	want := "You already answered the daily question here: you chose " + choiceLetterOf(wrongChoice(daily)) + ", and only the first answer counts. For a quiz of your own, type /quiz."
	if got := text(e.typedAt("ann", "d")); got != want {
		t.Errorf("ann's letter after her quiz, then the daily:\n got %q\nwant %q", got, want)
	}
	e.cmd("ann", "lang zh")
	want = "你已经回答过这里的每日一题：你选了 " + choiceLetterOf(wrongChoice(daily)) + "，每人只计第一次作答。想自己练一道：输入「/测验」。"
	if got := text(e.typedAt("ann", "d")); got != want {
		t.Errorf("in Chinese:\n got %q\nwant %q", got, want)
	}

	// bob answers the daily first, then a quiz of his own.
	e.typedAt("bob", letterOf(daily.Correct))
	e.clock.Advance(time.Minute)
	mine := quizCard(t, e.cmd("bob", "quiz"))
	e.typedAt("bob", letterOf(wrongChoice(mine)))
	if got := text(e.typedAt("bob", "a")); !strings.HasPrefix(got, "You already answered your last quiz: you chose "+choiceLetterOf(wrongChoice(mine))) {
		t.Errorf("bob's letter after the daily, then his quiz: %q", got)
	}
	e.cmd("bob", "lang zh")
	if got := text(e.typedAt("bob", "a")); !strings.HasPrefix(got, "你上一道测验已经回答过了：你选了 "+choiceLetterOf(wrongChoice(mine))) {
		t.Errorf("bob's letter in Chinese: %q", got)
	}
}

// letterOf is the letter typed for option i.
func letterOf(i int) string { return string(rune('a' + i)) }

// TestATypedLetterSaysWhichQuizWaitsWhereLettersDoNotPress: where typing
// presses nothing, a typed option answers nothing; the reply says which
// quiz waits (the daily question, when the user has no open quiz of
// their own) and that it is answered on the quiz itself; a letter beyond
// its options is told so first. A revealed daily waits no more.
func TestATypedLetterSaysWhichQuizWaitsWhereLettersDoNotPress(t *testing.T) {
	e := dailyEnv(t)
	daily := postDaily(t, e)
	last := choiceLetterOf(len(daily.Choices) - 1)
	dailyWaits := "The daily question here is waiting for your answer: choose an option (A–" + last + ") on the daily question itself; a letter typed here does not answer it."
	for _, typed := range []string{"b", "2"} {
		if r := e.cmd("ann", typed); r.Outcome != quiz.OutcomeInvalid || text(r) != dailyWaits {
			t.Errorf("ann typed %q with the daily open: %s %q", typed, r.Outcome, text(r))
		}
	}
	quizOfOptions(t, e, "ann", 3)
	if got := text(e.cmd("ann", "d")); got != "There is no option D (A–C).\nYour last quiz is waiting for your answer: choose an option (A–C) on the quiz itself; a letter typed here does not answer it." {
		t.Errorf("ann's d for a quiz of three options: %q", got)
	}
	e.press("bob", quiz.AnswerPayload(daily.ID, 0))
	if got := text(e.cmd("bob", "c")); got != "You already answered the daily question here: you chose A, and only the first answer counts. For a quiz of your own, type /quiz." {
		t.Errorf("bob's letter after answering the daily: %q", got)
	}
	e.cmd("carl", "lang zh")
	if got := text(e.cmd("carl", "b")); !strings.HasPrefix(got, "这里的每日一题还在等你作答：请在每日一题上直接选择选项（A–"+last+"）") {
		t.Errorf("carl's b in Chinese: %q", got)
	}
	if st := e.stats("ann"); st.Answered != 0 {
		t.Errorf("typed letters answered: %+v", st)
	}
	e.cmd("admin", "daily reveal")
	if got := text(e.cmd("dave", "b")); got != "No quiz is waiting for your answer here. For one, type /quiz." {
		t.Errorf("dave's b once the daily is revealed: %q", got)
	}
}

// choiceLetterOf is the letter of option i.
func choiceLetterOf(i int) string { return string(rune('A' + i)) }

// TestALetterBeyondAQuizsOptionsIsToldSo: E to G typed alone while a quiz
// of four options waits are told there is no such option, as D is on a
// quiz of three, in the user's language, and answer nothing; with no quiz
// waiting they are told none waits. H stays help, its alias.
func TestALetterBeyondAQuizsOptionsIsToldSo(t *testing.T) {
	e := newEnv(t)
	if got := text(e.cmd("ann", "e")); got != "No quiz is waiting for your answer here. For one, type /quiz." {
		t.Errorf("e with no quiz: %q", got)
	}
	quizOfOptions(t, e, "ann", 4)
	const waits = "\nYour last quiz is waiting for your answer: choose an option (A–D) on the quiz itself; a letter typed here does not answer it."
	for typed, want := range map[string]string{"E": "There is no option E (A–D).", "f": "There is no option F (A–D).", "Ｇ": "There is no option G (A–D)."} {
		if r := e.cmd("ann", typed); r.Outcome != quiz.OutcomeInvalid || text(r) != want+waits {
			t.Errorf("%s on a quiz of four options: %s %q", typed, r.Outcome, text(r))
		}
	}
	if got := text(e.cmd("ann", "h")); !strings.Contains(got, "/help [command]") {
		t.Errorf("h is help, not an option: %q", got)
	}
	e.cmd("ann", "lang zh")
	if got := text(e.cmd("ann", "e")); !strings.HasPrefix(got, "没有选项 E（选项是 A–D）。") {
		t.Errorf("e in Chinese: %q", got)
	}
	if st := e.stats("ann"); st.Answered != 0 {
		t.Errorf("typed letters answered: %+v", st)
	}
}

// TestAnOptionTypedInWordsIsItsLetter: an option named in words or
// wrapped in the usual marks (A), (a), option 3, the answer is A, 答案是A,
// 选A, 选项C) is read as its letter: where letters press (the console)
// it answers the waiting quiz, with that option; elsewhere the reply says
// how to answer the quiz.
func TestAnOptionTypedInWordsIsItsLetter(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		typed  string
		choice int
	}{
		{"A)", 0}, {"(a)", 0}, {"a)", 0}, {"（Ｂ）", 1}, {"option 3", 2}, {"Option c", 2},
		{"the answer is A", 0}, {"The answer is b.", 1}, {"答案是A", 0}, {"选A", 0}, {"选 b", 1}, {"选项C", 2}, {"/k8s (b)", 1},
	} {
		card := quizOfOptions(t, e, "ann", 4)
		last := string(rune('A' + len(card.Choices) - 1))
		want := "Your last quiz is waiting for your answer: choose an option (A–" + last + ") on the quiz itself; a letter typed here does not answer it."
		if r := e.cmd("ann", c.typed); text(r) != want {
			t.Errorf("%q with the quiz open: %s %q\nwant %q", c.typed, r.Outcome, text(r), want)
		}
		if r := e.typedAt("ann", c.typed); r.Outcome != quiz.OutcomeOK {
			t.Errorf("%q on the console: %s %q, want the quiz answered", c.typed, r.Outcome, text(r))
		}
		want = "You already answered your last quiz: you chose " + choiceLetterOf(c.choice) + ", and only the first answer counts. For another quiz, type /quiz."
		if got := text(e.typedAt("ann", "a")); got != want {
			t.Errorf("after %q answered: %q\nwant %q", c.typed, got, want)
		}
	}
	// Words around a letter that name no option stay unknown.
	for _, typed := range []string{"option", "the answer is", "选", "a) b", "option 12"} {
		if got := text(e.cmd("bob", typed)); !strings.Contains(got, "I don't know the command") {
			t.Errorf("%q: %q", typed, got)
		}
	}
}

// TestAnOptionsTextTypedChoosesIt: the whole text of one option of the
// quiz waiting for the user, in any case or width, is read as that
// option: on the console it answers the quiz, elsewhere the reply says how
// to answer it. Part of an option's text, or its text once the quiz is
// answered, is no option.
func TestAnOptionsTextTypedChoosesIt(t *testing.T) {
	e := newEnv(t)
	unknown := func(who, typed string) {
		t.Helper()
		before := e.stats(who).Answered
		if got := text(e.typedAt(who, typed)); strings.Contains(got, "waiting for your answer") || e.stats(who).Answered != before {
			t.Errorf("%s typed %q: %q, want it no option", who, typed, got)
		}
	}
	card := quizOfOptions(t, e, "ann", 4)
	right := card.Choices[card.Correct]
	last := string(rune('A' + len(card.Choices) - 1))
	want := "Your last quiz is waiting for your answer: choose an option (A–" + last + ") on the quiz itself; a letter typed here does not answer it."
	if got := text(e.cmd("ann", strings.ToUpper(right))); got != want {
		t.Errorf("the right option's text in capitals: %q\nwant %q", got, want)
	}
	if len([]rune(right)) > 3 {
		unknown("ann", string([]rune(right)[:len([]rune(right))-2]))
	}
	unknown("bob", right) // no quiz waits for bob
	r := e.typedAt("ann", " "+strings.ToLower(right)+"。")
	if got := text(r); r.Outcome != quiz.OutcomeOK || !strings.Contains(got, "Right!") {
		t.Errorf("the right option's text on the console: %s %q", r.Outcome, got)
	}
	unknown("ann", card.Choices[(card.Correct+1)%len(card.Choices)])

	e.cmd("bob", "lang zh")
	card = quizOfOptions(t, e, "bob", 4)
	wrong := (card.Correct + 1) % len(card.Choices)
	if got := text(e.cmd("bob", card.Choices[wrong])); !strings.Contains(got, "你上一道测验还在等你作答") {
		t.Errorf("bob's option text: %q", got)
	}
	r = e.typedAt("bob", card.Choices[wrong])
	if got := text(e.typedAt("bob", "a")); !strings.Contains(got, "你选了 "+choiceLetterOf(wrong)) {
		t.Errorf("bob's option text on the console: %s %q, then %q", r.Outcome, text(r), got)
	}
}
