// Package mcq generates auto-graded multiple-choice questions from a free-text
// question bank, in two formats: "which question?" (an excerpt of an answer
// and four question titles) and "fill the blank" (a sentence of an answer with
// one technical term blanked, and four terms of the same kind).
package mcq

import (
	"errors"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// Format is a kind of generated question.
type Format string

// The formats.
const (
	WhichQuestion Format = "which"
	FillBlank     Format = "blank"
)

// Options is how many choices every question has.
const Options = 4

// Blank replaces the hidden term in a fill-the-blank prompt, and the masked
// title words in an excerpt.
const Blank = "____"

// Limits that keep a question usable on every platform, notably as a
// Telegram quiz poll: prompts of at most 300 and options of at most 100
// characters where they can be.
const (
	maxExcerptRunes  = 160
	minExcerptRunes  = 12
	minSentenceRunes = 10
	maxSentenceRunes = 220
)

// Question is one generated multiple-choice question about a bank question.
type Question struct {
	Format Format
	// QuestionID is the bank question it tests.
	QuestionID string
	// Prompt is the excerpt or the blanked sentence.
	Prompt string
	// Choices are the options in display order; Correct indexes the right one.
	Choices []string
	Correct int
}

// ErrNoQuestion means a question yields no quiz of any format.
var ErrNoQuestion = errors.New("this question yields no multiple-choice quiz")

// Generator makes multiple-choice questions from one bank.
type Generator struct {
	bank *bank.Bank
	// blanks holds, per bank question, the sentences that have a term to blank.
	blanks map[string][]blankable
}

type blankable struct {
	sentence string
	term     string
	kind     *termKind
}

// NewGenerator indexes a bank for generation.
func NewGenerator(b *bank.Bank) *Generator {
	g := &Generator{bank: b, blanks: map[string][]blankable{}}
	for _, q := range b.Questions() {
		g.blanks[q.ID] = findBlankables(q.Answer)
	}
	return g
}

// Formats lists the formats a question yields.
func (g *Generator) Formats(q *bank.Question) []Format {
	var out []Format
	if g.bank.Len() >= Options && excerpt(q) != "" {
		out = append(out, WhichQuestion)
	}
	if len(g.blanks[q.ID]) > 0 {
		out = append(out, FillBlank)
	}
	return out
}

// Generate makes one question about q in a format it yields, picked at random.
func (g *Generator) Generate(q *bank.Question, rnd *rand.Rand) (Question, error) {
	formats := g.Formats(q)
	if len(formats) == 0 {
		return Question{}, ErrNoQuestion
	}
	switch formats[rnd.IntN(len(formats))] {
	case FillBlank:
		return g.fillBlank(q, rnd), nil
	default:
		return g.whichQuestion(q, rnd), nil
	}
}

func (g *Generator) whichQuestion(q *bank.Question, rnd *rand.Rand) Question {
	// Distractors: questions sharing the most topics first, at random among
	// equals; then any other question.
	type cand struct {
		q      *bank.Question
		shared int
		tie    int
	}
	var cands []cand
	for _, o := range g.bank.Questions() {
		if o.ID == q.ID {
			continue
		}
		shared := 0
		for _, t := range o.Topics {
			if slices.Contains(q.Topics, t) {
				shared++
			}
		}
		cands = append(cands, cand{o, shared, rnd.Int()})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].shared != cands[j].shared {
			return cands[i].shared > cands[j].shared
		}
		return cands[i].tie < cands[j].tie
	})
	choices := []string{q.Title}
	for _, c := range cands {
		if len(choices) == Options {
			break
		}
		choices = append(choices, c.q.Title)
	}
	return shuffled(Question{Format: WhichQuestion, QuestionID: q.ID, Prompt: excerpt(q)}, choices, rnd)
}

func (g *Generator) fillBlank(q *bank.Question, rnd *rand.Rand) Question {
	cands := g.blanks[q.ID]
	return g.fillBlankWith(q, cands[rnd.IntN(len(cands))], rnd)
}

func (g *Generator) fillBlankWith(q *bank.Question, b blankable, rnd *rand.Rand) Question {
	choices := append([]string{b.term}, b.distractors(rnd)[:Options-1]...)
	prompt := maskWords(b.sentence, []string{b.term + "s", b.term})
	return shuffled(Question{Format: FillBlank, QuestionID: q.ID, Prompt: prompt}, choices, rnd)
}

// shuffled sets the choices in random order; the first choice is the right one.
func shuffled(mq Question, choices []string, rnd *rand.Rand) Question {
	order := rnd.Perm(len(choices))
	mq.Choices = make([]string, len(choices))
	for i, from := range order {
		mq.Choices[i] = choices[from]
		if from == 0 {
			mq.Correct = i
		}
	}
	return mq
}

// excerpt is the start of the answer with the title's own words masked, or
// "" when too little of it is left to go on.
func excerpt(q *bank.Question) string {
	text := ""
	for _, s := range bank.Sentences(rich.Plain(q.Answer)) {
		if text != "" && utf8.RuneCountInString(text)+utf8.RuneCountInString(s) > maxExcerptRunes {
			break
		}
		if text != "" {
			text += " "
		}
		text += s
	}
	// Mask before cutting, so that a cut cannot leave part of a title word
	// ("DaemonS…"), and again after, in case the cut made a word one.
	words := titleWords(q.Title)
	text = bank.Truncate(maskWords(text, words), maxExcerptRunes)
	text = maskWords(text, words)
	if utf8.RuneCountInString(strings.ReplaceAll(text, Blank, "")) < minExcerptRunes {
		return ""
	}
	return text
}

// titleWords are the words of a title an excerpt must not show: its Latin
// words (pod, etcd, DaemonSet…) with their plural or singular form ("pods",
// "kube-proxy" for "kube-proxys"), longest first.
func titleWords(title string) []string {
	var out []string
	add := func(w string) {
		if len(w) >= 2 && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, w) }) {
			out = append(out, w)
		}
	}
	for _, w := range strings.FieldsFunc(title, func(r rune) bool {
		return !(r < utf8.RuneSelf && (isWordByte(byte(r)) || r == '-'))
	}) {
		w = strings.Trim(w, "-")
		if len(w) < 2 {
			continue
		}
		add(w)
		add(w + "s")
		if s, ok := strings.CutSuffix(asciiLower(w), "s"); ok && len(s) >= 3 {
			add(w[:len(s)])
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// maskWords replaces every whole-word occurrence of words in s with Blank.
func maskWords(s string, words []string) string {
	for _, w := range words {
		s = replaceWord(s, w, Blank)
	}
	return s
}

// findBlankables lists the answer's sentences that name exactly one glossary
// term and none of that term's distractors, so the blank has one right answer.
//
// A term of several kinds (Always is a restart and an image pull policy) is
// taken as the kind whose other terms the whole answer names most, so that
// its distractors are of the kind the answer is about.
func findBlankables(answer []rich.Block) []blankable {
	var out []blankable
	text := rich.Plain(withoutCode(answer))
	kindMentions := func(b blankable) int {
		n := 0
		for _, t := range b.kind.terms {
			if !strings.EqualFold(t, b.term) && countForms(text, t) > 0 {
				n++
			}
		}
		return n
	}
	for _, s := range bank.Sentences(text) {
		n := utf8.RuneCountInString(s)
		if n < minSentenceRunes || n > maxSentenceRunes || strings.Contains(s, Blank) {
			continue
		}
		var found []blankable
		for i := range glossary {
			k := &glossary[i]
			for _, t := range k.terms {
				if countWord(s, t) > 0 {
					found = append(found, blankable{sentence: s, term: t, kind: k})
				}
			}
		}
		best := map[string]int{} // lower-case term → most mentions of a kind's other terms
		for _, b := range found {
			key := strings.ToLower(b.term)
			if m, ok := best[key]; !ok || kindMentions(b) > m {
				best[key] = kindMentions(b)
			}
		}
		for _, b := range found {
			if kindMentions(b) < best[strings.ToLower(b.term)] {
				continue
			}
			rest := utf8.RuneCountInString(s) - utf8.RuneCountInString(b.term)*countForms(s, b.term)
			if rest < minSentenceRunes || len(b.distractors(nil)) < Options-1 || namesRelatedTerm(s, b.term) {
				continue
			}
			out = append(out, b)
		}
	}
	return out
}

// distractors are the other terms of the blank's kind, then of its family,
// each group in random order when rnd is not nil.
func (b blankable) distractors(rnd *rand.Rand) []string {
	var out []string
	add := func(group []string) {
		var fresh []string
		for _, t := range group {
			if !strings.EqualFold(t, b.term) && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, t) }) &&
				!slices.ContainsFunc(fresh, func(o string) bool { return strings.EqualFold(o, t) }) {
				fresh = append(fresh, t)
			}
		}
		if rnd != nil {
			rnd.Shuffle(len(fresh), func(i, j int) { fresh[i], fresh[j] = fresh[j], fresh[i] })
		}
		out = append(out, fresh...)
	}
	add(b.kind.terms)
	if len(out) < Options-1 {
		var family []string
		for _, k := range glossary {
			if k.family == b.kind.family && k.name != b.kind.name {
				family = append(family, k.terms...)
			}
		}
		add(family)
	}
	return out
}

// namesRelatedTerm reports whether sentence s names, besides term, another
// term of any kind or family term belongs to: blanking one of a list of
// related terms would give the others away or make two options right.
func namesRelatedTerm(s, term string) bool {
	families := map[string]bool{}
	for _, k := range glossary {
		if slices.ContainsFunc(k.terms, func(t string) bool { return strings.EqualFold(t, term) }) {
			families[k.family] = true
		}
	}
	for _, k := range glossary {
		if !families[k.family] {
			continue
		}
		for _, t := range k.terms {
			if !strings.EqualFold(t, term) && countForms(s, t) > 0 {
				return true
			}
		}
	}
	return false
}

// countForms counts whole-word occurrences of w and of its plural w+"s":
// "daemonsets" names DaemonSet.
func countForms(s, w string) int {
	return countWord(s, w) + countWord(s, w+"s")
}

func withoutCode(blocks []rich.Block) []rich.Block {
	var out []rich.Block
	for _, b := range blocks {
		switch b.Kind {
		case rich.Code:
		case rich.List:
			nb := b
			nb.Items = nil
			for _, item := range b.Items {
				nb.Items = append(nb.Items, withoutCode(item))
			}
			out = append(out, nb)
		case rich.Quote:
			nb := b
			nb.Children = withoutCode(b.Children)
			out = append(out, nb)
		default:
			out = append(out, b)
		}
	}
	return out
}

// countWord counts whole-word, case-insensitive occurrences of w in s; a word
// is bounded by anything but an ASCII letter or digit.
func countWord(s, w string) int {
	ls, lw := asciiLower(s), asciiLower(w)
	n := 0
	for i := 0; ; {
		j := strings.Index(ls[i:], lw)
		if j < 0 {
			return n
		}
		start, end := i+j, i+j+len(lw)
		if (start == 0 || !isWordByte(ls[start-1])) && (end == len(ls) || !isWordByte(ls[end])) {
			n++
		}
		i = end
	}
}

// replaceWord replaces whole-word, case-insensitive occurrences of w in s.
func replaceWord(s, w, with string) string {
	ls, lw := asciiLower(s), asciiLower(w)
	var b strings.Builder
	last := 0
	for i := 0; ; {
		j := strings.Index(ls[i:], lw)
		if j < 0 {
			break
		}
		start, end := i+j, i+j+len(lw)
		if (start == 0 || !isWordByte(ls[start-1])) && (end == len(ls) || !isWordByte(ls[end])) {
			b.WriteString(s[last:start])
			b.WriteString(with)
			last = end
		}
		i = end
	}
	b.WriteString(s[last:])
	return b.String()
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay valid in
// the original string whatever else it holds.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
