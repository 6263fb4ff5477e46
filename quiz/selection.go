package quiz

import (
	"strings"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// msgUnknownID answers an ID that names no question.
const msgUnknownID msgKey = "unknownID"

func init() {
	register(map[msgKey]translation{
		msgUnknownID: {"没有编号为「%s」的题目。用 %ssearch <关键词> 查找题目和它们的编号。",
			"No question has the ID \"%s\". Find questions and their IDs with %ssearch <words>."},
	})
}

// selection is what a topic-or-ID argument picked from the bank.
type selection struct {
	questions []*bank.Question
	// label describes the selection in replies: the topics as typed ("pv",
	// "存储 网络") or the ID; empty for the whole bank.
	label string
	// topic is the session's topic carried on its buttons, so that Next
	// stays in it: the label of topics; empty for the whole bank or one
	// question asked by ID (Next then draws from the whole bank).
	topic string
	// topics are the canonical topics asked for, if any.
	topics []string
}

// selectQuestions resolves an ask/quiz argument: nothing (the whole bank),
// a question ID, or topic words, several meaning any of them ("ask pv
// pvc"). Words are read as typed on any keyboard. ok is false, with a
// reply, when a word names nothing known: an ID-shaped word is told that
// no question has that ID, any other gets the closest topics.
func (s *Service) selectQuestions(l Lang, req Request, args []string) (selection, Response, bool) {
	if len(args) == 0 {
		return selection{questions: s.bank.Questions()}, Response{}, true
	}
	if len(args) == 1 {
		if q, ok := s.bank.ByID(args[0]); ok {
			return selection{questions: []*bank.Question{q}, label: q.ID}, Response{}, true
		}
	}
	topics, unknown := s.bank.ResolveAll(args)
	if len(unknown) > 0 {
		word := clip(unknown[0], 40)
		if s.bank.LooksLikeID(unknown[0]) {
			return selection{}, s.invalid(l, msgUnknownID, word, req.Prefix), false
		}
		suggest := s.bank.Suggest(unknown[0], 3)
		return selection{}, s.invalid(l, msgUnknownTopic, word, strings.Join(suggest, ", "), req.Prefix), false
	}
	label := clip(textnorm.Fold(strings.Join(args, " ")), 40)
	return selection{questions: s.bank.Matching(topics), label: label, topic: label, topics: topics}, Response{}, true
}
