// Package mcq generates auto-graded multiple-choice questions from a free-text
// question bank, in two formats: "which question?" (an excerpt of an answer
// and question titles to choose from) and "fill the blank" (a sentence of an
// answer with one technical term blanked, and terms of the same kind).
//
// Each question yields a fixed set of items (an excerpt, a blankable
// sentence), all computed once by NewGenerator; a quiz is an item with
// distractors and an order drawn at random. Generation leaves only knowledge
// to go on: what names the answer is masked, distractors are of the answer's
// kind and area but never also right, notes to the reader ("（注：…）") are
// never shown, and Cues measures how far guessers that know no Kubernetes
// get.
package mcq

import (
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/kubequiz/kubequiz/quiz/bank"
)

// Format is a kind of generated question.
type Format string

// The formats.
const (
	WhichQuestion Format = "which"
	FillBlank     Format = "blank"
)

// Options is the most choices a quiz has. A quiz has three when its item has
// only two good distractors (a kind of three terms, say).
const Options = 4

// Blank replaces the hidden term in a fill-the-blank prompt, and what names
// the answer in an excerpt.
const Blank = "____"

// Question is one generated multiple-choice question about a bank question.
type Question struct {
	Format Format
	// QuestionID is the bank question it tests.
	QuestionID string
	// Item is the key of the item it was made from (see Generator.Items).
	Item string
	// Prompt is the excerpt or the blanked sentence.
	Prompt string
	// Choices are the options in display order (three or four); Correct
	// indexes the right one.
	Choices []string
	Correct int
}

// Item is one thing a question can be quizzed on: an excerpt of its answer
// for "which question?", a sentence with a term to blank for "fill the
// blank". Quizzes made from one item differ only in distractors and order,
// so a caller avoiding repeats tracks items.
type Item struct {
	// Key identifies the item across restarts: it is derived from the
	// question's ID and the item's own text, so edits elsewhere in the bank
	// leave it unchanged.
	Key    string
	Format Format
}

// Errors of Generate and GenerateItem.
var (
	// ErrNoQuestion means a question yields no multiple-choice quiz.
	ErrNoQuestion = errors.New("this question yields no multiple-choice quiz")
	// ErrNoItem means a question has no item of the given key.
	ErrNoItem = errors.New("this question has no such quiz item")
)

// Generator makes multiple-choice questions from one bank. Everything that
// does not depend on chance is computed once, by NewGenerator; a Generator
// is safe for concurrent use (with a rand.Rand per goroutine).
type Generator struct {
	bank    *bank.Bank
	entries map[string]*entry // by question ID
}

// entry is what a question yields.
type entry struct {
	formats []Format
	items   []Item
	// about lists, for each item, the question's topics its passage names.
	about    [][]string
	excerpts []excerpt
	blanks   []blank
}

// NewGenerator indexes a bank for generation.
func NewGenerator(b *bank.Bank) *Generator {
	g := &Generator{bank: b, entries: make(map[string]*entry, b.Len())}
	ix := newTextIndex(b)
	for _, q := range b.Questions() {
		e := &entry{blanks: findBlanks(ix, q)}
		if b.Len() >= minOptions {
			e.excerpts = findExcerpts(ix, q)
		}
		if len(e.excerpts) > 0 {
			e.formats = append(e.formats, WhichQuestion)
		}
		if len(e.blanks) > 0 {
			e.formats = append(e.formats, FillBlank)
		}
		for _, x := range e.excerpts {
			e.items = append(e.items, Item{Key: x.key, Format: WhichQuestion})
			e.about = append(e.about, topicsNamed(q, x.prompt))
		}
		for _, bl := range e.blanks {
			e.items = append(e.items, Item{Key: bl.key, Format: FillBlank})
			e.about = append(e.about, topicsNamed(q, bl.prompt+" "+bl.term))
		}
		g.entries[q.ID] = e
	}
	return g
}

// minOptions is the fewest choices a quiz has.
const minOptions = 3

// Formats lists the formats a question yields. The slice must not be
// modified.
func (g *Generator) Formats(q *bank.Question) []Format {
	if e := g.entries[q.ID]; e != nil {
		return slices.Clip(e.formats)
	}
	return nil
}

// Items lists the items a question yields, "which question?" ones first.
// Given the topics a quiz was asked for, it leaves out the blanks whose
// answer is the topic's own name (CNI for a quiz on cni), and, of a
// question on other topics too (kubelet's, on kubelet, metrics and probe),
// the items whose passage names none of those asked for, when any names
// one: a quiz on probes asks about the kubelet's probes, not its
// registration. The slice must not be modified.
func (g *Generator) Items(q *bank.Question, topics ...string) []Item {
	e := g.entries[q.ID]
	if e == nil {
		return nil
	}
	if len(topics) == 0 {
		return slices.Clip(e.items)
	}
	out := make([]Item, 0, len(e.items))
	var on []Item
	for i, it := range e.items {
		if e.namesTopic(it.Key, topics) {
			continue
		}
		out = append(out, it)
		if slices.ContainsFunc(e.about[i], func(t string) bool { return slices.Contains(topics, t) }) {
			on = append(on, it)
		}
	}
	if len(on) > 0 && slices.ContainsFunc(q.Topics, func(t string) bool { return !slices.Contains(topics, t) }) {
		return on
	}
	return out
}

// Alike names what the item of this key asks, alike for items that ask
// the same: every fill-in whose answer is one term (the Raft of three
// etcd questions, the emptyDir of two storage questions) asks for that
// term; an excerpt asks only itself. A key of no item is its own.
func (g *Generator) Alike(key string) string {
	id, _, _ := strings.Cut(key, ".")
	if e := g.entries[id]; e != nil {
		for _, bl := range e.blanks {
			if bl.key == key {
				return string(FillBlank) + ":" + bl.term
			}
		}
	}
	return key
}

// topicsNamed lists q's topics that a passage of its answer names.
func topicsNamed(q *bank.Question, passage string) []string {
	var out []string
	for _, t := range q.Topics {
		if bank.MentionsTopic(t, passage) {
			out = append(out, t)
		}
	}
	return out
}

// namesTopic reports whether the item of this key blanks a term naming one
// of topics.
func (e *entry) namesTopic(key string, topics []string) bool {
	for _, bl := range e.blanks {
		if bl.key != key {
			continue
		}
		for _, t := range topics {
			for _, named := range bl.names {
				if named == t {
					return true
				}
			}
		}
	}
	return false
}

// Generate makes one question about q: a format it yields picked at random,
// then an item of that format.
func (g *Generator) Generate(q *bank.Question, rnd *rand.Rand) (Question, error) {
	e := g.entries[q.ID]
	if e == nil || len(e.formats) == 0 {
		return Question{}, ErrNoQuestion
	}
	if e.formats[rnd.IntN(len(e.formats))] == FillBlank {
		return e.blanks[rnd.IntN(len(e.blanks))].quiz(q, rnd), nil
	}
	return e.excerpts[rnd.IntN(len(e.excerpts))].quiz(q, rnd), nil
}

// GenerateItem makes a question about q from its item of this key, with
// distractors and order drawn from rnd.
func (g *Generator) GenerateItem(q *bank.Question, key string, rnd *rand.Rand) (Question, error) {
	e := g.entries[q.ID]
	if e == nil {
		return Question{}, ErrNoItem
	}
	for i := range e.excerpts {
		if e.excerpts[i].key == key {
			return e.excerpts[i].quiz(q, rnd), nil
		}
	}
	for i := range e.blanks {
		if e.blanks[i].key == key {
			return e.blanks[i].quiz(q, rnd), nil
		}
	}
	return Question{}, ErrNoItem
}

// itemKey is an item's key: the question's ID, the format's initial and a
// digest of what the item is made of.
func itemKey(q *bank.Question, f Format, parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	digest := base32.StdEncoding.EncodeToString(h.Sum(nil))[:6]
	return q.ID + "." + string(f[0]) + toLowerASCII(digest)
}

// shuffled is mq with choices in random order; the first choice is the
// right one.
func shuffled(mq Question, choices []string, rnd *rand.Rand) Question {
	mq.Choices = make([]string, len(choices))
	mq.Correct = rnd.IntN(len(choices))
	rest := choices[1:]
	order := rnd.Perm(len(rest))
	for i, j := 0, 0; i < len(choices); i++ {
		if i == mq.Correct {
			mq.Choices[i] = choices[0]
			continue
		}
		mq.Choices[i] = rest[order[j]]
		j++
	}
	return mq
}

// toLowerASCII lower-cases ASCII letters only, so that byte offsets stay
// valid whatever else s holds.
func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
