package quiz

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// greetings, thanks and questionPleas are whole lines, folded and without
// their punctuation, that talk to the bot rather than name a command.
var (
	greetings = []string{"hi", "hello", "hey", "hiya", "yo", "good morning", "good afternoon", "good evening",
		"hi there", "hello there", "你好", "您好", "嗨", "哈喽", "早", "早上好", "下午好", "晚上好", "在吗", "在不在"}
	thanks = []string{"thanks", "thank you", "thx", "ty", "thanks a lot", "thank you very much", "cheers",
		"谢谢", "谢谢你", "多谢", "感谢", "谢啦", "谢了"}
	questionPleas = []string{"give me a question", "ask me a question", "ask me something", "quiz me",
		"a question please", "question please", "one more question", "another question", "next question",
		"来一道题", "来一题", "来道题", "来个题", "来一道", "出题", "出一道题", "出道题", "给我一道题", "给我出一道题",
		"再来一道", "再来一题", "再来一道题", "随便来一道题", "考考我", "考我"}
)

// isChatPhrase reports whether said, a line folded and without its
// punctuation, is one that chatLine answers as talk to the bot.
func isChatPhrase(said string) bool {
	return slices.Contains(greetings, said) || slices.Contains(thanks, said) || slices.Contains(questionPleas, said)
}

// questionOpeners begin a question typed to the bot ("what is a pod");
// questionParts mark a Chinese one wherever they are (pod是什么).
var (
	questionOpeners = []string{"what", "what's", "whats", "how", "why", "when", "where", "which", "who",
		"is", "are", "can", "could", "does", "do", "should", "explain", "describe", "tell"}
	questionParts = []string{"什么", "怎么", "如何", "为什么", "哪些", "哪个", "请问", "区别", "吗", "呢"}
)

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
	if _, unknown := s.bank.ResolveAll(s.topicWords(words)); len(unknown) == 0 {
		lead = s.t(l, msgQuestionAsk, p, query, p, query)
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
