// Package bank turns Markdown question banks into questions: stable IDs,
// topics, the answer as a rich-text tree and its key points. A bank is parsed
// once, at start, and read concurrently afterwards.
package bank

import (
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// Question is one interview question with its reference answer.
type Question struct {
	// ID is short, URL- and callback-safe, and derived from the title alone,
	// so it survives reordering and edits to other questions.
	ID    string
	Title string
	// Answer is the reference answer as a rich-text tree.
	Answer []rich.Block
	// Topics are canonical topic names (see Topics), sorted.
	Topics []string
	// KeyPoints are the answer's top-level bullets, or its sentences when it
	// has none: what the self-grading checklist lists.
	KeyPoints []KeyPoint
	// Source and Line locate the question's heading.
	Source string
	Line   int

	plain string // title and answer in lower case, for search
}

// KeyPoint is one point a good answer covers.
type KeyPoint struct {
	// Text is the whole point; Label is a short form for a toggle or button.
	Text  string
	Label string
}

// Bank is an immutable, indexed set of questions from one or more files.
type Bank struct {
	questions []*Question
	byID      map[string]*Question
	byTopic   map[string][]*Question
}

// idEncoding is lower-case base32 without padding: letters and digits only.
var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// IDLength is the number of characters of a question ID.
const IDLength = 6

// QuestionID derives the stable ID of a question from its title: case, and
// runs of white space, do not change it.
func QuestionID(title string) string {
	sum := sha256.Sum256([]byte(normalizeTitle(title)))
	return idEncoding.EncodeToString(sum[:])[:IDLength]
}

func normalizeTitle(title string) string {
	return strings.ToLower(strings.Join(strings.Fields(title), " "))
}

// New indexes questions parsed from one or more files. Two questions with the
// same title (or, astronomically rarely, the same ID) are refused with both
// locations.
func New(questions []*Question) (*Bank, error) {
	b := &Bank{byID: make(map[string]*Question, len(questions)), byTopic: map[string][]*Question{}}
	for _, q := range questions {
		q.ID = QuestionID(q.Title)
		if prev, ok := b.byID[q.ID]; ok {
			msg := fmt.Sprintf("duplicate question %q (first at %s:%d)", q.Title, prev.Source, prev.Line)
			if normalizeTitle(prev.Title) != normalizeTitle(q.Title) {
				msg = fmt.Sprintf("question %q has the same ID %s as %q at %s:%d; reword one title", q.Title, q.ID, prev.Title, prev.Source, prev.Line)
			}
			return nil, &Error{File: q.Source, Line: q.Line, Msg: msg}
		}
		q.Topics = deriveTopics(q.Title, rich.Plain(q.Answer))
		q.KeyPoints = keyPoints(q.Answer)
		q.plain = strings.ToLower(q.Title + "\n" + rich.Plain(q.Answer))
		b.byID[q.ID] = q
		b.questions = append(b.questions, q)
		for _, t := range q.Topics {
			b.byTopic[t] = append(b.byTopic[t], q)
		}
	}
	if len(b.questions) == 0 {
		return nil, &Error{File: "bank", Msg: "no questions"}
	}
	return b, nil
}

// Load parses every *.md file directly in fsys's directory dir, in name
// order, into one bank.
func Load(fsys fs.FS, dir string) (*Bank, error) {
	qs, err := ParseDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	return New(qs)
}

// ParseDir parses every *.md file in dir, in name order. A directory with no
// bank file is an error.
func ParseDir(fsys fs.FS, dir string) ([]*Question, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("reading bank directory: %w", err)
	}
	var all []*Question
	files := 0
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(path.Ext(e.Name()), ".md") {
			continue
		}
		name := path.Join(dir, e.Name())
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("reading bank: %w", err)
		}
		qs, err := Parse(name, src)
		if err != nil {
			return nil, err
		}
		all = append(all, qs...)
		files++
	}
	if files == 0 {
		return nil, &Error{File: dir, Msg: "no bank files (*.md) in this directory"}
	}
	return all, nil
}

// Questions returns every question in bank order. The slice must not be
// modified; appending to it does not touch the bank.
func (b *Bank) Questions() []*Question { return slices.Clip(b.questions) }

// Len is the number of questions.
func (b *Bank) Len() int { return len(b.questions) }

// ByID finds a question by its ID, ignoring case.
func (b *Bank) ByID(id string) (*Question, bool) {
	q, ok := b.byID[strings.ToLower(id)]
	return q, ok
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
// Chinese alias, any case) into the canonical topics it stands for that have
// questions in this bank.
func (b *Bank) Resolve(word string) []string {
	var out []string
	for _, t := range resolveAlias(word) {
		if len(b.byTopic[t]) > 0 {
			out = append(out, t)
		}
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

// Suggest returns up to n known topics closest to what a user typed, for an
// "unknown topic" reply.
func (b *Bank) Suggest(word string, n int) []string {
	word = strings.ToLower(strings.TrimSpace(word))
	type cand struct {
		topic string
		dist  int
	}
	var cands []cand
	for t := range b.byTopic {
		d := EditDistance(word, t)
		if strings.HasPrefix(t, word) || strings.HasPrefix(word, t) {
			d = min(d, 1)
		}
		cands = append(cands, cand{t, d})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].dist != cands[j].dist {
			return cands[i].dist < cands[j].dist
		}
		if ci, cj := len(b.byTopic[cands[i].topic]), len(b.byTopic[cands[j].topic]); ci != cj {
			return ci > cj
		}
		return cands[i].topic < cands[j].topic
	})
	var out []string
	for _, c := range cands {
		if len(out) == n {
			break
		}
		out = append(out, c.topic)
	}
	return out
}

// Search returns the questions whose title or answer contains every word,
// ignoring case, titles matches first.
func (b *Bank) Search(words []string) []*Question {
	var inTitle, inBody []*Question
	for _, q := range b.questions {
		all, title := true, true
		for _, w := range words {
			w = strings.ToLower(w)
			if !strings.Contains(q.plain, w) {
				all = false
				break
			}
			if !strings.Contains(strings.ToLower(q.Title), w) {
				title = false
			}
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
