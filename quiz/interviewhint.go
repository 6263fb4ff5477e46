package quiz

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Hints for what is typed around a mock interview. Text that is no
// command, typed during one, is most likely an answer typed without
// "answer" first. It is not taken as one — a typo of a command would use
// up the question — but the reply says how to answer, with the user's own
// words as the example. A second number in "interview" is most likely a
// time per question without its unit.

const (
	msgUnknownInInterview msgKey = "unknownInInterview"
	msgInterviewNoUnit    msgKey = "interviewNoUnit"
)

func init() {
	register(map[msgKey]translation{
		msgUnknownInInterview: {"「%s」不是命令。你正在模拟面试（第 %d/%d 题）：作答请以 answer 开头，例如 %sanswer %s；结束面试：%sinterview stop。",
			"\"%s\" is not a command. You are in a mock interview (question %d of %d): to answer, start with answer, e.g. %sanswer %s — or stop with %sinterview stop."},
		msgInterviewNoUnit: {"已经有题数 %d 了；「%s」如果是每题时限，请带上单位，例如 %sinterview %d %s",
			"The number of questions is %d already; if \"%s\" is the time per question, give its unit, e.g. %sinterview %d %s"},
	})
}

// hintExampleRunes bounds the user's words quoted back in the hint.
const hintExampleRunes = 40

// interviewHint is the reply to text that is no command (its first word
// word) from a user whose mock interview is waiting for an answer; ok is
// false when none is (or it cannot be read: the usual reply will do).
func (s *Service) interviewHint(ctx context.Context, req Request, l Lang, word string) (Response, bool) {
	ivs, err := s.store.Interviews(ctx, req.Scope, req.User)
	iv := ivs.Current
	if err != nil || iv.ID == "" || iv.Done() {
		return Response{}, false
	}
	example := strings.Join(strings.FieldsFunc(req.Text, unicode.IsSpace), " ")
	return s.invalid(l, msgUnknownInInterview, clip(word, hintExampleRunes), len(iv.Steps)+1, len(iv.Questions),
		req.Prefix, clip(example, hintExampleRunes), req.Prefix), true
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
