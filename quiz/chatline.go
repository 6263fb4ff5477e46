package quiz

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// isChatPhrase reports whether said, a line folded and without its
// punctuation, is one that chatLine answers as talk to the bot.
func isChatPhrase(said string) bool {
	return slices.Contains(greetings, said) || slices.Contains(thanks, said) || slices.Contains(questionPleas, said)
}

// chatLine answers a line that is no command but speaks to the bot: a
// greeting or thanks gets a short welcome with how to start, a plea for
// a question ("来一道题") draws a flashcard, and a question ("what is a
// pod?") the bank's questions on its words, with the search and ask that
// find them. ok is false for any other line.
func (s *Service) chatLine(ctx context.Context, req Request, l Lang) (r Response, name string, ok bool) {
	line := withoutSlashCommand(req.Text)
	said := textnorm.Fold(strings.Join(strings.FieldsFunc(line, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	}), " "))
	p := req.Prefix
	switch {
	case said == "":
		return Response{}, "", false
	case slices.Contains(greetings, said):
		return s.private(l, msgHello, p, p, p), "hello", true
	case slices.Contains(thanks, said):
		return s.private(l, msgThanks, p, p), "hello", true
	case slices.Contains(questionPleas, said):
		return s.ask(ctx, req, nil), "ask", true
	}
	if !isQuestion(line) {
		return Response{}, "", false
	}
	typed := strings.Fields(line)
	words := slices.DeleteFunc(searchWords(terms(typed)), noLetterOrDigit)
	if len(words) == 0 || !slices.ContainsFunc(words, func(w string) bool { return !isSearchFiller(w) }) {
		return Response{}, "", false // "what?": no word to look for
	}
	query := clip(strings.Join(words, " "), 60)
	lead := s.t(l, msgQuestionSearch, p, query)
	// Words that name topics, not none: "what is a question?" names none.
	if named := s.topicWords(words); len(named) > 0 {
		if _, unknown := s.bank.ResolveAll(named); len(unknown) == 0 {
			lead = s.t(l, msgQuestionAsk, p, query, p, query)
		}
	}
	return withLead(s.search(ctx, req, typed), lead), "search", true // the search of the line as typed
}

// isQuestion reports whether a typed line reads as a question: it ends
// with a question mark, begins with a question word, or, in Chinese,
// holds one.
func isQuestion(line string) bool {
	line = strings.TrimSpace(line)
	if strings.HasSuffix(line, "?") || strings.HasSuffix(line, "？") {
		return true
	}
	first, _, _ := strings.Cut(textnorm.Fold(line), " ")
	if slices.Contains(questionOpeners, first) {
		return true
	}
	return slices.ContainsFunc(questionParts, func(part string) bool { return strings.Contains(line, part) })
}
