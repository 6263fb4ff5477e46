package quiz

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/mcq"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// A quiz's option typed as a line of its own (B, ｂ, 2) rather than
// pressed. It is read for the quiz waiting for the user's answer here:
// their own last quiz (their session keeps it) while they have not
// answered it, else the channel's open daily question while they have not
// answered that — unless their last quiz, answered, was made since the
// daily was posted: it is what they see, and the daily is not answered
// unseen (the reply says their quiz is answered, and that the daily
// waits). A reply to a letter that answered the daily says it was the
// daily. Where typing presses buttons (the console), a letter of a
// quiz on screen presses its option before the core sees it, and a letter
// that comes here answers the waiting quiz all the same. Elsewhere a quiz
// is answered where it was posted, with its buttons or as a native poll:
// the reply says which quiz waits and how to answer it, or that the last
// quiz was answered already, and with what, or that none waits here; and
// how to get another. A letter beyond the waiting quiz's options is told
// so.

const (
	msgQuizAnsweredTyped     msgKey = "quizAnsweredTyped"
	msgQuizOpenTyped         msgKey = "quizOpenTyped"
	msgDailyOpenTyped        msgKey = "dailyOpenTyped"
	msgDailyAnsweredTyped    msgKey = "dailyAnsweredTyped"
	msgNoSuchOption          msgKey = "noSuchOption"
	msgNoQuizWaiting         msgKey = "noQuizWaiting"
	msgTypedChoiceNoLookup   msgKey = "typedChoiceNoLookup"
	msgDailyAnsweredByTyping msgKey = "dailyAnsweredByTyping"
)

func init() {
	register(map[msgKey]Text{
		msgQuizAnsweredTyped: {"你上一道测验已经回答过了：你选了 %s，每人只计第一次作答。再来一道：输入「%s测验」。",
			"You already answered your last quiz: you chose %s, and only the first answer counts. For another quiz, type %squiz."},
		msgQuizOpenTyped: {"你上一道测验还在等你作答：请在测验上直接选择选项（A–%s），在这里输入的字母不算作答。",
			"Your last quiz is waiting for your answer: choose an option (A–%s) on the quiz itself; a letter typed here does not answer it."},
		msgDailyOpenTyped: {"这里的每日一题还在等你作答：请在每日一题上直接选择选项（A–%s），在这里输入的字母不算作答。",
			"The daily question here is waiting for your answer: choose an option (A–%s) on the daily question itself; a letter typed here does not answer it."},
		msgDailyAnsweredTyped: {"你已经回答过这里的每日一题：你选了 %s，每人只计第一次作答。想自己练一道：输入「%s测验」。",
			"You already answered the daily question here: you chose %s, and only the first answer counts. For a quiz of your own, type %squiz."},
		msgNoSuchOption:          {"没有选项 %s（选项是 A–%s）。", "There is no option %s (A–%s)."},
		msgNoQuizWaiting:         {"这里没有等你作答的测验。来一道：输入「%s测验」。", "No quiz is waiting for your answer here. For one, type %squiz."},
		msgTypedChoiceNoLookup:   {"暂时查不到你的测验，请稍后再试。", "Your quiz cannot be looked up right now; try again in a moment."},
		msgDailyAnsweredByTyping: {"以上是你对这里每日一题的作答。", "That was your answer to the daily question here."},
	})
}

// typedOptionLetters is how many letters typed alone are read as a quiz's
// option: those of the most options a quiz has (A–D) and a few beyond,
// typed for an option the quiz lacks (E on a quiz of A–D), which is told
// so.
const typedOptionLetters = 8

// typedChoice reads a typed line that is only a quiz option: its letter
// (A–H, in either case, on any keyboard, unless it is a command's name or
// alias: h is help) or its number (1–4), after Slack's command if typed;
// or either in marks or words that name an option (A), (a), option 3, the
// answer is A, 答案是A, 选A, 选项C). number says it was a number alone.
func typedChoice(text string) (choice int, number, ok bool) {
	word := strings.ToUpper(ButtonWord(withoutSlashCommand(text)))
	named := optionWords(word)
	if named != "" {
		word = named
	} else if _, command := LookupCommand(word); command {
		return 0, false, false
	}
	if utf8.RuneCountInString(word) != 1 {
		return 0, false, false
	}
	if i := strings.Index(choiceLetters[:typedOptionLetters], word); i >= 0 {
		return i, false, true
	}
	if word >= "1" && word <= string(rune('0'+mcq.Options)) {
		return int(word[0] - '1'), named == "", true
	}
	return 0, false, false
}

// optionPrefixes are the words people type before an option's letter or
// number, in upper case as typedChoice reads them.
var optionPrefixes = []string{"THE ANSWER IS", "ANSWER IS", "OPTION", "答案是", "选项", "选"}

// optionWords is the letter or number a line (upper case, as ButtonWord
// reads it) names in marks or words, "" when it is not such a line: A),
// (A), OPTION 3, THE ANSWER IS A, 答案是A, 选项C.
func optionWords(line string) string {
	if inner, ok := strings.CutSuffix(line, ")"); ok {
		return strings.TrimSpace(strings.TrimPrefix(inner, "("))
	}
	for _, p := range optionPrefixes {
		if rest, ok := strings.CutPrefix(line, p); ok && rest != "" {
			return strings.TrimSpace(rest)
		}
	}
	return ""
}

// optionNamed is the option among choices whose whole text line is, as
// input is read, in any case: ok only when exactly one option has it.
func optionNamed(choices []string, line string) (choice int, ok bool) {
	typed := textnorm.Fold(ButtonWord(line))
	if typed == "" {
		return 0, false
	}
	found := 0
	for i, c := range choices {
		if textnorm.Fold(ButtonWord(c)) == typed {
			choice, found = i, found+1
		}
	}
	return choice, found == 1
}

// optionTextTyped answers a line that is the whole text of one option of
// the quiz waiting for the user's answer here as that option typed
// (choiceTyped); ok is false when no quiz waits, when its options cannot
// be read, or when the line names none of them.
func (s *Service) optionTextTyped(ctx context.Context, req Request, l Lang) (Response, bool) {
	line := withoutSlashCommand(req.Text)
	if utf8.RuneCountInString(req.Text) > maxOptionRunes {
		return Response{}, false
	}
	w, err := s.waitingQuiz(ctx, req)
	if err != nil {
		s.storeFailed(ctx, "reading the quiz waiting for an answer", err)
	}
	if err != nil || w.ID == "" {
		return Response{}, false
	}
	q := s.quizzes.get(req.Scope, w.ID)
	if q == nil && s.dailies != nil {
		stored, found, err := s.dailies.LoadQuiz(ctx, req.Scope, w.ID)
		if err != nil {
			s.storeFailed(ctx, "reading the options of the quiz waiting for an answer", err)
		}
		if found {
			q = &stored
		}
	}
	if q == nil {
		return Response{}, false
	}
	choice, ok := optionNamed(q.Choices, req.Text) // K8S 资源限制 QoS？ is an option, not Slack's command
	if !ok {
		choice, ok = optionNamed(q.Choices, line)
	}
	if !ok {
		return Response{}, false
	}
	return s.choiceFor(ctx, req, l, w, choice, false), true
}

// maxOptionRunes bounds the lines read as an option's text: no option is
// longer.
const maxOptionRunes = 200

// waitingQuiz is what a typed option may be meant for: the quiz waiting
// for the user's answer here (ID set), with Choices options, or else the
// quiz they answered already (Answered set), with Choice; each either
// their last quiz or, Daily, the channel's open daily question. With
// their last quiz answered and on screen, DailyChoices are the options
// of the open daily they have not answered, if any.
type waitingQuiz struct {
	ID           string
	Daily        bool
	Choices      int
	Answered     bool
	Choice       int
	DailyChoices int
}

// choiceTyped answers a quiz option typed (typedChoice) for the quiz
// waiting for the user's answer (waitingQuiz): where typing presses
// buttons, a letter of its options answers it, while a number there names
// a button (none on screen); an option it lacks is told so; elsewhere the
// reply says which quiz waits and how to answer it. With no quiz waiting
// it says the last quiz was answered, and with what, or that none waits
// here.
func (s *Service) choiceTyped(ctx context.Context, req Request, l Lang, choice int, number bool) Response {
	w, err := s.waitingQuiz(ctx, req)
	if err != nil {
		s.storeFailed(ctx, "reading the quiz waiting for an answer", err)
		return s.unavailable(l, msgTypedChoiceNoLookup)
	}
	return s.choiceFor(ctx, req, l, w, choice, number)
}

// choiceFor answers an option typed (choiceTyped) for w, the quiz waiting
// for the user's answer.
func (s *Service) choiceFor(ctx context.Context, req Request, l Lang, w waitingQuiz, choice int, number bool) Response {
	switch {
	case w.Answered && w.DailyChoices > 0:
		r := s.invalid(l, w.answeredTyped(), choiceLetter(w.Choice), req.Prefix)
		return withLine(r, s.t(l, msgDailyOpenTyped, choiceLetter(w.DailyChoices-1)))
	case w.Answered:
		return s.invalid(l, w.answeredTyped(), choiceLetter(w.Choice), req.Prefix)
	case number && req.PressByNumber:
		return s.noSuchButton(l, req, choice+1)
	case w.ID == "":
		return s.invalid(l, msgNoQuizWaiting, req.Prefix)
	case choice >= w.Choices && req.PressByNumber:
		return s.invalid(l, msgNoSuchOption, choiceLetter(choice), w.lastLetter())
	case choice >= w.Choices:
		r := s.invalid(l, msgNoSuchOption, choiceLetter(choice), w.lastLetter())
		return withLine(r, s.t(l, w.howToAnswer(), w.lastLetter()))
	case req.PressByNumber && w.Daily:
		return withLine(s.answer(ctx, req, w.ID, choice), s.t(l, msgDailyAnsweredByTyping))
	case req.PressByNumber:
		return s.answer(ctx, req, w.ID, choice)
	}
	return s.invalid(l, w.howToAnswer(), w.lastLetter())
}

// lastLetter is the letter of a waiting quiz's last option.
func (w waitingQuiz) lastLetter() string { return choiceLetter(w.Choices - 1) }

// answeredTyped is the message that says the user answered the quiz
// already, and which quiz that is.
func (w waitingQuiz) answeredTyped() msgKey {
	if w.Daily {
		return msgDailyAnsweredTyped
	}
	return msgQuizAnsweredTyped
}

// howToAnswer is the message that says a waiting quiz is answered on the
// quiz itself, and which quiz that is.
func (w waitingQuiz) howToAnswer() msgKey {
	if w.Daily {
		return msgDailyOpenTyped
	}
	return msgQuizOpenTyped
}

// waitingQuiz finds the quiz waiting for the user's answer here: their
// last quiz, which their session keeps, in this conversation and not
// answered by them; else the channel's open daily question, not answered
// by them. With neither, it says which of the two they answered last
// (their last quiz, when that is not known), or else the one they
// answered, and with what.
func (s *Service) waitingQuiz(ctx context.Context, req Request) (waitingQuiz, error) {
	own, err := s.lastQuizAnswer(ctx, req)
	if err != nil {
		return waitingQuiz{}, err
	}
	ownHere := own.Found && own.Channel == req.Channel
	if ownHere && !own.Answered {
		return waitingQuiz{ID: own.id, Choices: own.Choices}, nil
	}
	answered := waitingQuiz{Answered: ownHere, Choice: own.Choice}
	if s.dailies == nil {
		return answered, nil
	}
	p, open, err := s.openDaily(ctx, req.Scope, req.Channel)
	if err != nil || !open {
		return answered, err
	}
	daily, err := s.store.UserAnswer(ctx, req.Scope, p.QuizID, req.User)
	switch {
	case err != nil || !daily.Found:
		return answered, err
	case ownHere && !own.Created.Before(p.PostedAt):
		if !daily.Answered {
			answered.DailyChoices = daily.Choices
		}
		return answered, nil
	case ownHere && daily.Answered && !answeredAfter(daily, own.UserAnswer):
		return answered, nil
	case daily.Answered:
		return waitingQuiz{Daily: true, Answered: true, Choice: daily.Choice}, nil
	}
	return waitingQuiz{ID: p.QuizID, Daily: true, Choices: daily.Choices}, nil
}

// answeredAfter reports whether the user answered quiz a after quiz b,
// both answered: its question answered later, or, when both are of one
// question (its latest answer is the one time known), a made later.
func answeredAfter(a, b UserAnswer) bool {
	return a.At.After(b.At) || a.At.Equal(b.At) && a.Created.After(b.Created)
}

// lastQuizAnswer reads the user's last quiz, which their session keeps,
// and their answer to it; none found when there is none.
func (s *Service) lastQuizAnswer(ctx context.Context, req Request) (ownQuiz, error) {
	sess, err := s.store.Session(ctx, req.Scope, req.User)
	if err != nil || sess.Quiz == "" {
		return ownQuiz{}, err
	}
	a, err := s.store.UserAnswer(ctx, req.Scope, sess.Quiz, req.User)
	return ownQuiz{UserAnswer: a, id: sess.Quiz}, err
}

// ownQuiz is the user's last quiz, by its ID, and their answer to it.
type ownQuiz struct {
	UserAnswer
	id string
}
