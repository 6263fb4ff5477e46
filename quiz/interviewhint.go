package quiz

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Hints for what is typed around a mock interview. Text that is no
// command, typed during one, is most likely an answer typed without
// "answer" first. In the user's direct chat with the bot (the console, a
// private chat), where the interview is the conversation, it is the answer
// to the current question, unless it is close to a command (a typo of one
// would use up the question): that gets the hint below and "Did you
// mean". In a shared channel it is not taken as the answer, and it is not
// told it is no command: the reply says how to answer, with the user's own
// words as the example, then which command a mistyped one may have meant.
// A second number in "interview" is most likely a time per question
// without its unit.

const (
	msgInInterview      msgKey = "inInterview"
	msgInInterviewShort msgKey = "inInterviewShort"
	msgInterviewNoUnit  msgKey = "interviewNoUnit"
	msgDidYouMean       msgKey = "didYouMean"
)

func init() {
	register(map[msgKey]Text{
		msgInInterview: {"你正在模拟面试（第 %d/%d 题）：作答请以「作答」开头，例如 %s作答 %s；结束面试：%s面试 结束。",
			"You are in a mock interview (question %d of %d): to answer, start with answer, e.g. %sanswer %s — or stop with %sinterview stop."},
		msgInInterviewShort: {"你正在模拟面试（第 %d/%d 题）：作答请输入「%s作答 <你的回答>」；结束面试：%s面试 结束。",
			"You are in a mock interview (question %d of %d): to answer, type %sanswer <your answer> — or stop with %sinterview stop."},
		msgDidYouMean: {"你是想输入「%s」吗？", "Did you mean %s?"},
		msgInterviewNoUnit: {"已经有题数 %d 了；「%s」如果是每题时限，请带上单位，例如 %s面试 %d %s",
			"The number of questions is %d already; if \"%s\" is the time per question, give its unit, e.g. %sinterview %d %s"},
	})
}

// hintExampleRunes bounds the user's words quoted back in the hint.
const hintExampleRunes = 40

// interviewHint is the reply to text that is no command when the user's
// mock interview is waiting for an answer: how to answer, the text itself
// as the example, unless it is one word (a mistyped command, more
// likely). ok is false when no interview is waiting (or it cannot be
// read). ivs reads the user's interviews.
func (s *Service) interviewHint(req Request, l Lang, ivs func() (Interviews, error)) (r Response, ok bool) {
	read, err := ivs()
	iv := read.Current
	if err != nil || iv.ID == "" || iv.Done() {
		return Response{}, false
	}
	step, of := len(iv.Steps)+1, len(iv.Questions)
	if words := strings.FieldsFunc(req.Text, unicode.IsSpace); len(words) > 1 {
		return s.invalid(l, msgInInterview, step, of, req.Prefix, clip(strings.Join(words, " "), hintExampleRunes), req.Prefix), true
	}
	return s.invalid(l, msgInInterviewShort, step, of, req.Prefix, req.Prefix), true
}

// typedInterviewAnswer answers the current question of the user's mock
// interview with text that is no command, typed in the user's direct chat
// with the bot; ok is false elsewhere, when no interview is waiting (or
// the interviews cannot be read), or when the text is close to a command
// (meant). Text handled before (the same delivery again) shows what it
// showed, not the answer to the question after.
func (s *Service) typedInterviewAnswer(ctx context.Context, req Request, meant string, ivs func() (Interviews, error)) (r Response, ok bool) {
	if !req.inDirectChat() || meant != "" {
		return Response{}, false
	}
	read, err := ivs()
	if err != nil {
		return Response{}, false
	}
	if again, ok := s.stepAgain(ctx, req, read, ""); ok {
		return again, true
	}
	if iv := read.Current; iv.ID != "" && !iv.Done() {
		return s.answerStep(ctx, req, iv, req.Text), true
	}
	return Response{}, false
}

// interviewsOnce reads the user's interviews when first called, and
// gives what it read to every later call: for the steps of one request
// that each need them.
func (s *Service) interviewsOnce(ctx context.Context, req Request) func() (Interviews, error) {
	return sync.OnceValues(func() (Interviews, error) { return s.store.Interviews(ctx, req.Scope, req.User) })
}

// limitExample is n, a bare number typed where a time per question could
// be, with the unit it most likely meant: minutes where that is a time an
// interview takes, else seconds ("5" is 5m, "90" is 90s).
func limitExample(l Lang, n int) string {
	minutes := time.Duration(n)*time.Minute <= maxInterviewLimit
	switch {
	case l == LangEN && minutes:
		return strconv.Itoa(n) + "m"
	case l == LangEN:
		return strconv.Itoa(n) + "s"
	case minutes:
		return strconv.Itoa(n) + "分钟"
	}
	return strconv.Itoa(n) + "秒"
}
