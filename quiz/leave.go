package quiz

import (
	"slices"

	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// Leaving. exit, quit or 退出 typed alone end the user's mock interview
// (they are stopWords); with none in progress, the user means to leave
// the bot: the console ends (Response.Leave), and a chat has nothing to
// leave (the bot only answers what is written to it).

const (
	msgLeaveConsole msgKey = "leaveConsole"
	msgLeaveChat    msgKey = "leaveChat"
)

func init() {
	register(map[msgKey]Text{
		msgLeaveConsole: {"再见！",
			"Bye!"},
		msgLeaveChat: {"你没有进行中的面试，这里也没有别的需要退出：机器人只回复你发给它的消息。",
			"You have no interview in progress, and there is nothing else to leave here: the bot only answers what you write to it."},
	})
}

// noInterviewToStop answers a stop word typed alone (words, as typed)
// with no interview in progress: a word that leaves leaves the console,
// and says in a chat that there is nothing to leave; any other says there
// is no interview.
func (s *Service) noInterviewToStop(req Request, l Lang, words []string) Response {
	switch {
	case len(words) != 1 || !slices.Contains(leaveWords, textnorm.Fold(words[0])):
		return s.invalid(l, msgInterviewNone, req.Prefix)
	case req.Terminal:
		r := s.private(l, msgLeaveConsole)
		r.Leave = true
		return r
	}
	return s.invalid(l, msgLeaveChat)
}
