package quiz

import (
	"strings"

	"github.com/kubequiz/kubequiz/quiz/bank"
)

// selection is what a topic-or-ID argument picked from the bank.
type selection struct {
	questions []*bank.Question
	// label describes the selection in replies ("pv", "存储"); empty for all.
	label string
	// topics are the canonical topics asked for, if any.
	topics []string
}

// selectQuestions resolves an ask/quiz argument: nothing (the whole bank), a
// question ID, or a topic word. ok is false, with a reply, when it names
// nothing known.
func (s *Service) selectQuestions(l Lang, req Request, args []string) (selection, Response, bool) {
	arg := strings.Join(args, " ")
	if arg == "" {
		return selection{questions: s.bank.Questions()}, Response{}, true
	}
	if q, ok := s.bank.ByID(arg); ok {
		return selection{questions: []*bank.Question{q}, label: q.ID}, Response{}, true
	}
	topics := s.bank.Resolve(arg)
	if len(topics) == 0 {
		suggest := s.bank.Suggest(arg, 3)
		return selection{}, s.invalid(l, msgUnknownTopic, clip(arg, 40), strings.Join(suggest, ", "), req.Prefix), false
	}
	return selection{questions: s.bank.Matching(topics), label: strings.ToLower(clip(arg, 40)), topics: topics}, Response{}, true
}
