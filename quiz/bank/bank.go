// Package bank turns Markdown question banks into questions: stable IDs,
// topics, the answer as a rich-text tree and its key points. A bank is parsed
// once, at start, and read concurrently afterwards.
package bank

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// Question is one interview question with its reference answer.
type Question struct {
	// ID is short, URL- and callback-safe, and derived from the title alone,
	// so it survives reordering and edits to other questions.
	ID    string
	Title string
	// Answer is the reference answer as a rich-text tree.
	Answer []rich.Block
	// Topics are canonical topic names, sorted: those the bank's author
	// stated (a topics: directive), else those derived from the text.
	Topics []string
	// KeyPoints are what the self-grading checklist lists: the points the
	// author stated (point: directives), else the answer's top-level
	// bullets, or its sentences when it has none.
	KeyPoints []KeyPoint
	// Source and Line locate the question's heading.
	Source string
	Line   int

	topicsStated bool
	// title, and plain, the title, answer and key points with their
	// author's keywords (ENTRYPOINT, which the answer does not say), folded
	// for search.
	title, plain string
}

// KeyPoint is one point a good answer covers.
type KeyPoint struct {
	// Text is the whole point as plain text, all of its content.
	Text string
	// Label is a short form for a toggle or button, at most 48 characters:
	// the author's (a label: directive), the name before a colon, or the
	// text cut short.
	Label string
	// Content is the point as rich text, to show it whole: a bullet with
	// its nested lists and the code or paragraphs that follow it.
	Content []rich.Block
	// Keywords are the words the bank's author gave for recognising the
	// point in a typed answer (keywords: directives), as written.
	Keywords []string
}

// pointWords are q's key points and their author's keywords: an author's
// point need not be in the answer's text.
func (q *Question) pointWords() []string {
	var out []string
	for _, kp := range q.KeyPoints {
		out = append(out, kp.Text)
		out = append(out, kp.Keywords...)
	}
	return out
}

// Bank is an immutable, indexed set of questions from one or more files.
type Bank struct {
	questions []*Question
	byID      map[string]*Question
	byTopic   map[string][]*Question
}

// New indexes questions parsed from one or more files. Questions with the
// same title (or, astronomically rarely, the same ID) are refused, each
// with both locations.
func New(questions []*Question) (*Bank, error) {
	b := &Bank{byID: make(map[string]*Question, len(questions)), byTopic: map[string][]*Question{}}
	var problems Errors
	for _, q := range questions {
		q.ID = QuestionID(q.Title)
		if prev, ok := b.byID[q.ID]; ok {
			msg := fmt.Sprintf("duplicate question %q (first at %s:%d)", q.Title, prev.Source, prev.Line)
			if titleKey(prev.Title) != titleKey(q.Title) {
				msg = fmt.Sprintf("question %q has the same ID %s as %q at %s:%d; reword one title", q.Title, q.ID, prev.Title, prev.Source, prev.Line)
			}
			problems = append(problems, &Error{File: q.Source, Line: q.Line, Msg: msg})
			continue
		}
		if !q.topicsStated {
			q.Topics = deriveTopics(q.Title, topicUnits(q.Answer))
		}
		q.title = textnorm.Fold(q.Title)
		q.plain = textnorm.Fold(q.Title + "\n" + rich.Plain(q.Answer) + "\n" + strings.Join(q.pointWords(), "\n"))
		b.byID[q.ID] = q
		b.questions = append(b.questions, q)
		for _, t := range q.Topics {
			b.byTopic[t] = append(b.byTopic[t], q)
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	if len(b.questions) == 0 {
		return nil, &Error{File: "bank", Msg: "no questions"}
	}
	return b, nil
}

// Load reads the bank files of dir in fsys (see Read) into one bank; its
// error, when the banks cannot be used, is an Errors listing every problem
// (see Check).
func Load(fsys fs.FS, dir string) (*Bank, error) {
	qs, problems, err := Read(fsys, dir)
	if err != nil {
		return nil, err
	}
	b, problems := Check(qs, problems)
	if b == nil {
		return nil, problems.Err()
	}
	return b, nil
}

// Check indexes the questions read from banks (Read) into one bank, and
// returns it with every problem: those met reading the files, and the
// duplicates among the questions read, in file and line order. The bank is
// nil when a problem makes it unusable; the problems are all there, so that
// a bank's author sees them at once rather than one fix at a time.
func Check(questions []*Question, problems Errors) (*Bank, Errors) {
	problems = slices.Clone(problems)
	b, err := New(questions)
	var dups Errors
	var one *Error
	switch {
	case errors.As(err, &dups):
		problems = append(problems, dups...)
	case errors.As(err, &one) && problems.Err() == nil:
		problems = append(problems, one) // no questions: said only when nothing else is wrong
	}
	sortProblems(problems)
	if problems.Err() != nil {
		return nil, problems
	}
	return b, problems
}

// Read parses name in fsys, a bank file or every *.md file directly in a
// directory (a directory with no bank file is a problem), in name order.
// It returns the questions that parse and every problem found, warnings
// included, in file and line order; Check then makes them a bank, or finds
// what else is wrong among them. err is a failure to read.
func Read(fsys fs.FS, name string) (questions []*Question, problems Errors, err error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, nil, fmt.Errorf("reading bank: %w", err)
	}
	files := []string{name}
	if info.IsDir() {
		entries, err := fs.ReadDir(fsys, name)
		if err != nil {
			return nil, nil, fmt.Errorf("reading bank directory: %w", err)
		}
		files = files[:0]
		for _, e := range entries {
			if !e.IsDir() && strings.EqualFold(path.Ext(e.Name()), ".md") {
				files = append(files, path.Join(name, e.Name()))
			}
		}
		if len(files) == 0 {
			return nil, Errors{{File: name, Msg: "no bank files (*.md) in this directory"}}, nil
		}
	}
	for _, f := range files {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, nil, fmt.Errorf("reading bank: %w", err)
		}
		qs, ps := parseFile(f, src)
		questions = append(questions, qs...)
		problems = append(problems, ps...)
	}
	return questions, problems, nil
}

// Questions returns every question in bank order. The slice must not be
// modified; appending to it does not touch the bank.
func (b *Bank) Questions() []*Question { return slices.Clip(b.questions) }

// Len is the number of questions.
func (b *Bank) Len() int { return len(b.questions) }

// ByID finds a question by its ID as typed on any keyboard: case, width
// (NFKC) and surrounding spaces are ignored.
func (b *Bank) ByID(id string) (*Question, bool) {
	q, ok := b.byID[textnorm.Fold(id)]
	return q, ok
}

// NearestID is the question whose ID is one edit from what a user typed
// (a letter missed, added or mistyped: "gzrv4" for gzrv43), when exactly
// one is; what is an ID itself, or no ID's neighbour, has none.
func (b *Bank) NearestID(s string) (*Question, bool) {
	s = textnorm.Fold(s)
	if n := len(s); n < IDLength-1 || n > IDLength+1 || !idChars(s) {
		return nil, false
	}
	if _, exact := b.byID[s]; exact {
		return nil, false
	}
	var near *Question
	for _, q := range b.questions {
		if EditDistance(s, q.ID) == 1 {
			if near != nil {
				return nil, false
			}
			near = q
		}
	}
	return near, near != nil
}

// idChars reports whether folded s is written in the characters of an
// ID alone: lower-case ASCII letters and digits.
func idChars(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
}

// IDShaped reports whether what a user typed is written as a question ID
// is: six ASCII letters and digits, in any case or width.
func IDShaped(s string) bool {
	s = textnorm.Fold(s)
	return len(s) == IDLength && idChars(s)
}

// LooksLikeID reports whether what a user typed is shaped like a question
// ID (six letters and digits, with a digit or one edit from a real ID)
// rather than a topic, so that "no question has that ID" can be told from
// "no such topic".
func (b *Bank) LooksLikeID(s string) bool {
	if !IDShaped(s) {
		return false
	}
	s = textnorm.Fold(s)
	if strings.ContainsAny(s, "0123456789") {
		return true
	}
	for id := range b.byID {
		if EditDistance(s, id) <= 1 {
			return true
		}
	}
	return false
}

// ByTopic returns the questions of one canonical topic, in bank order.
func (b *Bank) ByTopic(topic string) []*Question { return slices.Clip(b.byTopic[topic]) }

// TopicCount is a topic with the number of questions on it.
type TopicCount struct {
	Topic string
	Count int
}

// TopicCounts lists the topics that have questions, most questions first,
// then by name.
func (b *Bank) TopicCounts() []TopicCount {
	out := make([]TopicCount, 0, len(b.byTopic))
	for t, qs := range b.byTopic {
		out = append(out, TopicCount{Topic: t, Count: len(qs)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Topic < out[j].Topic
	})
	return out
}

// Resolve turns what a user typed as a topic (a canonical name, an English or
// Chinese alias, any case or width) into the canonical topics it stands for
// that have questions in this bank.
func (b *Bank) Resolve(word string) []string {
	var out []string
	for _, t := range resolveAlias(word) {
		if len(b.byTopic[t]) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// ResolveAll resolves several words typed at once ("ask pv pvc", "ask 存储
// 网络"): they mean any of the topics they stand for. Words that name one
// topic together ("init container", "metrics server") are read together.
// unknown lists the words that stand for no topic with questions.
func (b *Bank) ResolveAll(words []string) (topics, unknown []string) {
	for _, g := range b.resolveGroups(words) {
		if len(g.topics) == 0 {
			unknown = append(unknown, g.phrase)
			continue
		}
		for _, t := range g.topics {
			if !slices.Contains(topics, t) {
				topics = append(topics, t)
			}
		}
	}
	return topics, unknown
}

// TopicPhrases are the words that name topics as ResolveAll reads them,
// those read together joined ("init container", "pv"), for a reply to
// name what was asked.
func (b *Bank) TopicPhrases(words []string) []string {
	var out []string
	for _, g := range b.resolveGroups(words) {
		if len(g.topics) > 0 {
			out = append(out, g.phrase)
		}
	}
	return out
}

// wordGroup is words read together as one phrase, and the topics it names
// (none: a word that names no topic).
type wordGroup struct {
	phrase string
	topics []string
}

// resolveGroups reads words as ResolveAll does: the longest run of words
// that names a topic first.
func (b *Bank) resolveGroups(words []string) []wordGroup {
	var out []wordGroup
	for i := 0; i < len(words); {
		j := len(words)
		var found []string
		for ; j > i; j-- {
			if found = b.Resolve(strings.Join(words[i:j], " ")); len(found) > 0 {
				break
			}
		}
		if j == i {
			if strings.TrimSpace(words[i]) != "" {
				out = append(out, wordGroup{phrase: words[i]})
			}
			i++
			continue
		}
		out = append(out, wordGroup{phrase: strings.Join(words[i:j], " "), topics: found})
		i = j
	}
	return out
}

// Matching returns the questions on any of topics, in bank order, each once.
func (b *Bank) Matching(topics []string) []*Question {
	if len(topics) == 1 {
		return b.ByTopic(topics[0])
	}
	var out []*Question
	for _, q := range b.questions {
		for _, t := range topics {
			if slices.Contains(q.Topics, t) {
				out = append(out, q)
				break
			}
		}
	}
	return out
}

// Suggest returns up to n topics with questions that what a user typed may
// be a mistyping of, for an "unknown topic" reply: closest first, then
// those with more questions (see nearTopics); for a word close to no
// topic, those nearest it in meaning, if it is a Kubernetes word the bank
// knows of (ingress: service, network). Any other word has none.
func (b *Bank) Suggest(word string, n int) []string {
	folded := textnorm.Fold(word)
	near := nearTopics(folded, n, func(t string) int {
		if len(b.byTopic[t]) == 0 {
			return -1
		}
		return len(b.byTopic[t])
	})
	if len(near) > 0 {
		return near
	}
	for _, t := range related(folded) {
		if len(b.byTopic[t]) > 0 && len(near) < n {
			near = append(near, t)
		}
	}
	return near
}

// Search returns the questions whose title, answer or key points (with
// their author's keywords) contain every word, title matches first. Words
// are read as typed on any keyboard (NFKC, any case); a Latin term matches
// as a whole word, singular or plural ("pv" is not in "ipvs"), Chinese
// text as it appears. alike, when not nil, gives a word's other forms
// (synonyms, translations), any of which matches for it as the word does.
// A word typed twice counts once, and only the first maxSearchWords
// distinct words are read: a query is a few words, and each costs a pass
// over the bank.
func (b *Bank) Search(words []string, alike func(word string) []string) []*Question {
	forms := searchForms(words, alike)
	var inTitle, inBody []*Question
	for _, q := range b.questions {
		all, title := true, true
		for _, fs := range forms {
			if !slices.ContainsFunc(fs, func(f string) bool { return containsTerm(q.plain, f) }) {
				all = false
				break
			}
			title = title && slices.ContainsFunc(fs, func(f string) bool { return containsTerm(q.title, f) })
		}
		switch {
		case all && title:
			inTitle = append(inTitle, q)
		case all:
			inBody = append(inBody, q)
		}
	}
	return append(inTitle, inBody...)
}

// SearchMost returns the questions that contain the most of words, as
// Search reads them, and how many of the distinct words that is: for a
// query no question has all the words of, those that have most of them,
// those with more of them in their title first. None has any: nil, 0.
func (b *Bank) SearchMost(words []string, alike func(word string) []string) ([]*Question, int) {
	forms := searchForms(words, alike)
	type hit struct {
		q           *Question
		body, title int
	}
	var hits []hit
	most := 1
	for _, q := range b.questions {
		h := hit{q: q}
		for _, fs := range forms {
			if slices.ContainsFunc(fs, func(f string) bool { return containsTerm(q.plain, f) }) {
				h.body++
			}
			if slices.ContainsFunc(fs, func(f string) bool { return containsTerm(q.title, f) }) {
				h.title++
			}
		}
		if h.body >= most {
			most = h.body
			hits = append(hits, h)
		}
	}
	hits = slices.DeleteFunc(hits, func(h hit) bool { return h.body < most })
	slices.SortStableFunc(hits, func(x, y hit) int { return y.title - x.title })
	var out []*Question
	for _, h := range hits {
		out = append(out, h.q)
	}
	if len(out) == 0 {
		return nil, 0
	}
	return out, most
}

// searchForms are, per distinct word (up to maxSearchWords), its
// distinct folded forms, the word first.
func searchForms(words []string, alike func(word string) []string) [][]string {
	var forms [][]string
	for _, w := range SearchTerms(words) {
		fs := []string{textnorm.Fold(w)}
		if alike != nil {
			for _, f := range alike(w) {
				if f = textnorm.Fold(f); f != "" && !slices.Contains(fs, f) {
					fs = append(fs, f)
				}
			}
		}
		forms = append(forms, fs)
	}
	return forms
}

// SearchTerms are the words Search and SearchMost read of words, each
// once, as typed (the first of those typed alike), as many as they count.
func SearchTerms(words []string) []string {
	var out, seen []string
	for _, w := range words {
		folded := textnorm.Fold(w)
		if slices.Contains(seen, folded) {
			continue
		}
		if len(seen) == maxSearchWords {
			break
		}
		seen, out = append(seen, folded), append(out, w)
	}
	return out
}

// maxSearchWords is the most distinct words Search reads of a query.
const maxSearchWords = 8

// containsTerm reports whether folded text holds the folded term, or a
// Latin term's plural or singular ("pod" finds "pods", "pods" finds "pod").
func containsTerm(text, term string) bool {
	if textnorm.HasWord(text, term) {
		return true
	}
	if !textnorm.HasLatin(term) {
		return false
	}
	singular, plural := strings.CutSuffix(term, "s")
	return textnorm.HasWord(text, term+"s") || plural && len(singular) > 2 && textnorm.HasWord(text, singular)
}

// EditDistance is the Levenshtein distance between two strings, in runes,
// ignoring case.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if unicode.ToLower(ra[i-1]) == unicode.ToLower(rb[j-1]) {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
