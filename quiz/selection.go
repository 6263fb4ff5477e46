package quiz

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

const (
	// msgUnknownID answers an ID that names no question.
	msgUnknownID msgKey = "unknownID"
	// msgIDWithOthers answers a question's ID given with other words: an
	// ID is given alone.
	msgIDWithOthers msgKey = "idWithOthers"
	// msgNearID answers an ID one edit from a question's, given to a
	// command: how to type that command with the question's ID.
	msgNearID msgKey = "nearID"
	// msgTopicOfTerm answers a word that is no topic but a term questions
	// mention: the topics they are under, and the search that lists them.
	msgTopicOfTerm msgKey = "topicOfTerm"
	// msgUnknownTopicFar answers a word near no topic; msgUnknownTopicInText
	// one near no topic that questions mention: the search that lists them.
	msgUnknownTopicFar    msgKey = "unknownTopicFar"
	msgUnknownTopicInText msgKey = "unknownTopicInText"
)

func init() {
	register(map[msgKey]Text{
		msgUnknownID: {"没有编号为「%s」的题目。用「%s搜索 <关键词>」查找题目和它们的编号。",
			"No question has the ID \"%s\". Find questions and their IDs with %ssearch <words>."},
		msgIDWithOthers: {"「%s」是一道题的编号：编号要单独给出（%s%s %s）；主题可以一起给（%s%s pv 探针）。",
			"\"%s\" is a question's ID: give an ID alone (%s%s %s); topics can go together (%s%s pv probe)."},
		msgNearID: {"没有编号为「%s」的题目。你是不是要找 %s（%s）？输入 %s%s %s。",
			"No question has the ID \"%s\". Did you mean %s (%s)? Type %s%s %s."},
		msgTopicOfTerm: {"没有主题「%s」，不过有 %d 道题讲到它（主题：%s）。用「%s搜索 %s」列出这些题。",
			"There is no topic \"%s\", but %d {question mentions|questions mention} it (topics: %s). List them with %ssearch %s."},
		msgUnknownTopicFar: {"没有主题「%s」。输入「%s主题」查看全部主题。",
			"There is no topic \"%s\". Type %stopics for all of them."},
		msgUnknownTopicInText: {"没有主题「%s」，不过有 %d 道题提到它：用「%s搜索 %s」列出这些题；输入「%s主题」查看全部主题。",
			"There is no topic \"%s\", but %d {question mentions|questions mention} it: list them with %ssearch %s. Type %stopics for all the topics."},
	})
}

// termTopics is how many topics a reply to a term that is no topic names.
const termTopics = 3

// selection is what a topic-or-ID argument picked from the bank.
type selection struct {
	questions []*bank.Question
	// about is how many of questions, first, have titles naming the
	// topics asked for: drawn before those only tagged from their answers
	// (see bank.TitleNames).
	about int
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

// selectQuestions resolves the argument of command (ask, quiz): nothing
// (the whole bank), a question ID, or topic words, several meaning any of
// them ("ask pv pvc"). Words are read as typed on any keyboard. ok is
// false, with a reply, when a question's ID comes with other words (an ID
// is given alone) or a word names nothing known: an ID-shaped word
// is told that no question has that ID (and how to type command with the
// one it is one edit from), any other gets the closest topics.
func (s *Service) selectQuestions(l Lang, req Request, command string, args []string) (selection, Response, bool) {
	args = s.topicWords(terms(args))
	if len(args) == 0 {
		return selection{questions: s.bank.Questions()}, Response{}, true
	}
	if len(args) == 1 {
		if q, ok := s.bank.ByID(args[0]); ok {
			return selection{questions: []*bank.Question{q}, label: q.ID}, Response{}, true
		}
	}
	command = nameIn(l, command)
	topics, unknown := s.bank.ResolveAll(args)
	for _, w := range unknown {
		if q, ok := s.bank.ByID(w); ok {
			return selection{}, s.invalid(l, msgIDWithOthers, q.ID, req.Prefix, command, q.ID, req.Prefix, command), false
		}
	}
	if len(unknown) > 0 {
		word := clip(unknown[0], 40)
		if q, ok := s.bank.NearestID(unknown[0]); ok {
			return selection{}, s.invalid(l, msgNearID, word, q.ID, titleInline(q.Title), req.Prefix, command, q.ID), false
		}
		if s.bank.LooksLikeID(unknown[0]) {
			return selection{}, s.invalid(l, msgUnknownID, word, req.Prefix), false
		}
		return selection{}, s.unknownTopic(l, req, unknown[0]), false
	}
	topic := clip(textnorm.Fold(strings.Join(args, " ")), 40)
	label := clip(textnorm.Fold(s.list(l, s.bank.TopicPhrases(args))), 40) // "on pv, pvc", "on init container"
	matching := s.bank.Matching(topics)
	about := slices.DeleteFunc(slices.Clone(matching), func(q *bank.Question) bool { return !bank.TitleNames(q, topics) })
	rest := slices.DeleteFunc(slices.Clone(matching), func(q *bank.Question) bool { return bank.TitleNames(q, topics) })
	return selection{questions: append(about, rest...), about: len(about), label: label, topic: topic, topics: topics}, Response{}, true
}

// unknownTopic answers a word that names no topic. When questions mention
// it as a term ("liveness": the probes' questions, whose topic is probe),
// it names the topics they are under, most of them first, and the search
// that lists them; otherwise the topics close to it in spelling, if any,
// or else the search that lists the questions that mention it, if any do,
// and the list of topics.
func (s *Service) unknownTopic(l Lang, req Request, typed string) Response {
	word := clip(typed, 40)
	found := s.bank.Search([]string{typed}, assess.Synonyms)
	var topics []string
	count := map[string]int{}
	for _, q := range found {
		if !isTerm(typed) {
			break
		}
		for _, t := range q.Topics {
			if count[t] == 0 {
				topics = append(topics, t)
			}
			count[t]++
		}
	}
	if len(topics) > 0 {
		slices.SortStableFunc(topics, func(a, b string) int { return count[b] - count[a] })
		topics = topics[:min(termTopics, len(topics))]
		return s.invalid(l, msgTopicOfTerm, word, len(found), s.list(l, topics), req.Prefix, word)
	}
	if near := s.bank.Suggest(typed, termTopics); len(near) > 0 {
		return s.invalid(l, msgUnknownTopic, word, s.list(l, near), req.Prefix)
	}
	if len(found) > 0 {
		return s.invalid(l, msgUnknownTopicInText, word, len(found), req.Prefix, word, req.Prefix)
	}
	return s.invalid(l, msgUnknownTopicFar, word, req.Prefix)
}

// unknownIDShape reports whether a typed word that names no question is
// written as an ID is (six ASCII letters and digits) while no question
// mentions it and it is no term the scorer knows: in the place of an ID
// (answer zzzzzz …), a mistyped or forgotten one, not a word of an answer
// ("secret"). Where a topic may stand too (ask zzzzzz), such a word is
// told it is no topic.
func (s *Service) unknownIDShape(typed string) bool {
	w := textnorm.Fold(typed)
	return bank.IDShaped(w) && len(assess.Synonyms(w)) <= 1 &&
		len(s.bank.Search([]string{w}, assess.Synonyms)) == 0
}

// terms are typed words read as a list of terms (textnorm.Terms): split
// at commas and enumeration commas as at spaces ("ask pv，pvc"), without
// the punctuation and quotes around them ("ask pv？").
func terms(words []string) []string { return textnorm.Terms(strings.Join(words, " ")) }

// noLetterOrDigit reports whether a typed word is punctuation alone ("&").
func noLetterOrDigit(w string) bool {
	return !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) })
}

// joiners are the characters that join two topics typed without a space
// ("pv和pvc", "存储与网络").
const joiners = "和与及或跟"

// topicWords are words typed for topics as they are read: one that names no
// topic but joins topics without spaces ("pv和pvc") as those topics (one
// whose parts do not all name topics, "和谐", as typed), and without those
// that ask for a question on no topic ("ask me a question", 问我一个问题,
// 问我etcd: askPleas), or of punctuation alone ("pv & etcd") or that only
// say "about" (quiz about etcd, 关于etcd) when there are others. None is
// left of a line that only asks for a question (quiz me).
func (s *Service) topicWords(words []string) []string {
	if named := slices.DeleteFunc(slices.Clone(words), noLetterOrDigit); len(named) > 0 {
		words = named
	}
	words = slices.DeleteFunc(slices.Clone(words), func(w string) bool { return s.unglued(w) == "" })
	if named := slices.DeleteFunc(slices.Clone(words), isTopicFiller); len(named) > 0 {
		words = named
	}
	var out []string
	for _, w := range words {
		w = s.unglued(w)
		parts := strings.FieldsFunc(w, func(r rune) bool { return strings.ContainsRune(joiners, r) })
		if len(parts) < 2 || len(s.bank.Resolve(w)) > 0 || slices.ContainsFunc(parts, func(p string) bool { return len(s.bank.Resolve(p)) == 0 }) {
			out = append(out, w)
			continue
		}
		out = append(out, parts...)
	}
	return out
}

// unglued is a word typed for topics without the Chinese askPleas and
// gluedFillers run into its start (我etcd, 关于etcd, 我关于etcd), when what
// is left names a topic; "" for a word that is only askPleas (me,
// 我一个问题). A word that names a topic is kept whole.
func (s *Service) unglued(w string) string {
	if len(s.bank.Resolve(w)) > 0 {
		return w
	}
	if slices.Contains(askPleas, textnorm.Fold(w)) {
		return ""
	}
	for _, f := range gluedPrefixes {
		rest, ok := strings.CutPrefix(w, f)
		if !ok || rest == "" || f[0] < utf8.RuneSelf {
			continue
		}
		if r := s.unglued(rest); r == "" || len(s.bank.Resolve(r)) > 0 {
			return r
		}
	}
	return w
}

// isTopicFiller reports whether a typed word is one of topicFillers.
func isTopicFiller(w string) bool { return slices.Contains(topicFillers, textnorm.Fold(w)) }

// titleInline is a question's title to quote inside a sentence: clipped,
// without the question mark it may end with.
func titleInline(title string) string {
	return clip(strings.TrimRight(title, "?？ "), 60)
}

// isTerm reports whether a word a user typed may name a term: one the
// synonym table knows (liveness, 存活探针), or a Latin word of two
// letters or more (an identifier: ENTRYPOINT). A Chinese word the table
// does not know is more likely a common one (什么, in many answers), and
// a number is no term.
func isTerm(word string) bool {
	if len(assess.Synonyms(word)) > 1 {
		return true
	}
	letters := 0
	for _, r := range textnorm.Fold(word) {
		switch {
		case r >= 'a' && r <= 'z':
			letters++
		case r >= '0' && r <= '9', r == '-', r == '_', r == '.':
		default:
			return false
		}
	}
	return letters >= 2
}
