package quiz

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/mcq"
)

// A quiz's option typed as a line of its own (B, ｂ, 2) rather than
// pressed. Where typing presses buttons (the console), a letter of a quiz
// on screen presses its option before the core sees it; what comes here
// finds no quiz option to press. A typed option answers nothing — a
// quiz is answered where it was posted, with its buttons or as a native
// poll — but the reply says what became of the user's last quiz (their
// session keeps it): answered already, and with what, or still open, or
// none waiting here; and how to get another.

const (
	msgQuizAnsweredTyped   msgKey = "quizAnsweredTyped"
	msgQuizOpenTyped       msgKey = "quizOpenTyped"
	msgNoQuizWaiting       msgKey = "noQuizWaiting"
	msgTypedChoiceNoLookup msgKey = "typedChoiceNoLookup"
)

func init() {
	register(map[msgKey]Text{
		msgQuizAnsweredTyped: {"你上一道测验已经回答过了：你选了 %s，每人只计第一次作答。再来一道：输入「%s测验」。",
			"You already answered your last quiz: you chose %s, and only the first answer counts. For another quiz, type %squiz."},
		msgQuizOpenTyped: {"你上一道测验还在等你作答：请在测验上直接选择选项（A–%s），在这里输入的字母不算作答。",
			"Your last quiz is waiting for your answer: choose an option (A–%s) on the quiz itself; a letter typed here does not answer it."},
		msgNoQuizWaiting:       {"这里没有等你作答的测验。来一道：输入「%s测验」。", "No quiz is waiting for your answer here. For one, type %squiz."},
		msgTypedChoiceNoLookup: {"暂时查不到你的测验，请稍后再试。", "Your quiz cannot be looked up right now; try again in a moment."},
	})
}

// typedChoice reads a typed line that is only a quiz option: its letter
// (A–D, in either case, on any keyboard) or its number (1–4), after
// Slack's command if typed. number says it was a number.
func typedChoice(text string) (choice int, number, ok bool) {
	word := strings.ToUpper(ButtonWord(withoutSlashCommand(text)))
	if utf8.RuneCountInString(word) != 1 {
		return 0, false, false
	}
	if i := strings.Index(choiceLetters[:mcq.Options], word); i >= 0 {
		return i, false, true
	}
	if word >= "1" && word <= string(rune('0'+mcq.Options)) {
		return int(word[0] - '1'), true, true
	}
	return 0, false, false
}

// choiceTyped answers a quiz option typed (typedChoice): whether the
// user's last quiz, in this conversation, is answered (with what) or
// open, or that none is waiting. A number where numbers press buttons
// names no button unless it follows an answered quiz.
func (s *Service) choiceTyped(ctx context.Context, req Request, l Lang, choice int, number bool) Response {
	a, err := s.lastQuizAnswer(ctx, req)
	if err != nil {
		s.storeFailed(ctx, "reading the last quiz", err)
		return s.unavailable(l, msgTypedChoiceNoLookup)
	}
	here := a.Found && a.Channel == req.Channel
	switch {
	case here && a.Answered:
		return s.invalid(l, msgQuizAnsweredTyped, choiceLetter(a.Choice), req.Prefix)
	case number && req.PressByNumber:
		return s.noSuchButton(l, req, choice+1)
	case here:
		return s.invalid(l, msgQuizOpenTyped, choiceLetter(a.Choices-1))
	}
	return s.invalid(l, msgNoQuizWaiting, req.Prefix)
}

// lastQuizAnswer reads the user's last quiz, which their session keeps,
// and their answer to it; none found when there is none.
func (s *Service) lastQuizAnswer(ctx context.Context, req Request) (UserAnswer, error) {
	sess, err := s.store.Session(ctx, req.Scope, req.User)
	if err != nil || sess.Quiz == "" {
		return UserAnswer{}, err
	}
	return s.store.UserAnswer(ctx, req.Scope, sess.Quiz, req.User)
}
