package mcq

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/bank"
)

// Guesser is a way of answering a quiz that knows no Kubernetes, only what
// the quiz looks like. A quiz that such a guesser answers much better than
// chance tests surface cues, not knowledge.
type Guesser string

// The guessers the quality gate runs.
const (
	// GuessPromptPairs picks the option sharing the most character pairs
	// with the prompt.
	GuessPromptPairs Guesser = "prompt-pairs"
	// GuessVisiblePairs picks the option sharing the most character pairs with
	// everything else the quiz shows: the prompt and the other options.
	GuessVisiblePairs Guesser = "visible-pairs"
	// GuessLongest picks the longest option.
	GuessLongest Guesser = "longest"
	// GuessShortest picks the shortest option.
	GuessShortest Guesser = "shortest"
	// GuessPosition always picks the same position (the best one, in hindsight).
	GuessPosition Guesser = "position"
)

// Guessers lists every guesser, in report order.
var Guessers = []Guesser{GuessPromptPairs, GuessVisiblePairs, GuessLongest, GuessShortest, GuessPosition}

// The quality gate: no guesser may do better than this over a format's
// quizzes (chance is 25 % with four options), nor on any single question.
const (
	MaxCueRate         = 0.30
	MaxQuestionCueRate = 0.50
)

// How many quizzes the gate generates: every question yielding "which
// question?" cueSeedsPerQuestion times (each time an excerpt at random),
// and every blankable sentence cueSeedsPerBlank times.
const (
	cueSeedsPerQuestion = 200
	cueSeedsPerBlank    = 40
)

// CueRates are the guessers' rates over one format's quizzes.
type CueRates struct {
	Format Format
	// Quizzes is how many quizzes were generated.
	Quizzes int
	// Overall is each guesser's share of right answers over all quizzes.
	Overall map[Guesser]float64
	// Questions are the rates per bank question yielding the format, in bank
	// order.
	Questions []QuestionCueRates
}

// QuestionCueRates are the guessers' rates over one question's quizzes.
type QuestionCueRates struct {
	QuestionID string
	Title      string
	Quizzes    int
	Rates      map[Guesser]float64
}

// maxOptions is the most options a quiz may have on any platform.
const maxOptions = 10

// tally adds up guessers' expected scores over quizzes.
type tally struct {
	quizzes int
	score   map[Guesser]float64
	// at counts the right answers at each position, for GuessPosition.
	at [maxOptions]int
	// pairs holds the bigrams of the texts seen, shared between tallies:
	// the same titles, excerpts and terms come back in quiz after quiz.
	pairs pairCache
}

// pairCache holds the bigrams of texts, by text. The zero value works.
type pairCache map[string][]uint64

// of is the bigrams of s, worked out on its first request. The slice must
// not be modified.
func (c pairCache) of(s string) []uint64 {
	p, ok := c[s]
	if !ok {
		p = bigrams(s)
		if c != nil {
			c[s] = p
		}
	}
	return p
}

// add scores every guesser on mq.
func (t *tally) add(mq Question) {
	if t.score == nil {
		t.score = map[Guesser]float64{}
	}
	t.quizzes++
	if mq.Correct < 0 || mq.Correct >= len(mq.Choices) || len(mq.Choices) > maxOptions {
		return
	}
	t.at[mq.Correct]++
	prompt := t.pairs.of(mq.Prompt)
	options := make([][]uint64, len(mq.Choices))
	for i, c := range mq.Choices {
		options[i] = t.pairs.of(c)
	}
	scores := make([]int, len(mq.Choices))
	for _, gs := range Guessers {
		for i, c := range mq.Choices {
			switch gs {
			case GuessPromptPairs:
				scores[i] = 0
				for _, bg := range options[i] {
					if has(prompt, bg) {
						scores[i]++
					}
				}
			case GuessVisiblePairs:
				scores[i] = 0
				for _, bg := range options[i] {
					visible := has(prompt, bg)
					for j := range options {
						visible = visible || j != i && has(options[j], bg)
					}
					if visible {
						scores[i]++
					}
				}
			case GuessLongest:
				scores[i] = utf8.RuneCountInString(c)
			case GuessShortest:
				scores[i] = -utf8.RuneCountInString(c)
			}
		}
		if gs != GuessPosition {
			t.score[gs] += credit(scores, mq.Correct)
		}
	}
}

// rates are the guessers' shares of right answers.
func (t *tally) rates() map[Guesser]float64 {
	out := map[Guesser]float64{}
	if t.quizzes == 0 {
		return out
	}
	for gs, s := range t.score {
		out[gs] = s / float64(t.quizzes)
	}
	out[GuessPosition] = float64(slices.Max(t.at[:])) / float64(t.quizzes)
	return out
}

// credit is a guesser's expected score given its liking of each option: 1/k
// when the right option is among the k it likes equally best, else 0.
func credit(scores []int, right int) float64 {
	best := slices.Max(scores)
	if scores[right] != best {
		return 0
	}
	tied := 0
	for _, s := range scores {
		if s == best {
			tied++
		}
	}
	return 1 / float64(tied)
}

// Cues runs the guessers over every quiz the generator makes from its bank:
// each question cueSeedsPerQuestion times for "which question?", each
// blankable sentence cueSeedsPerBlank times for "fill the blank".
func (g *Generator) Cues() []CueRates {
	var out []CueRates
	pairs := pairCache{}
	for _, f := range []Format{WhichQuestion, FillBlank} {
		all := tally{pairs: pairs}
		rates := CueRates{Format: f}
		for i, q := range g.bank.Questions() {
			if !g.yields(q, f) {
				continue
			}
			per := tally{pairs: pairs}
			for _, mq := range g.auditQuizzes(q, f, uint64(i)) {
				per.add(mq)
				all.add(mq)
			}
			rates.Questions = append(rates.Questions, QuestionCueRates{QuestionID: q.ID, Title: q.Title, Quizzes: per.quizzes, Rates: per.rates()})
		}
		rates.Quizzes, rates.Overall = all.quizzes, all.rates()
		out = append(out, rates)
	}
	return out
}

// yields reports whether q yields format f.
func (g *Generator) yields(q *bank.Question, f Format) bool {
	return slices.Contains(g.Formats(q), f)
}

// auditQuizzes are the quizzes of format f the gate generates about q, the
// i-th question, with fixed seeds.
func (g *Generator) auditQuizzes(q *bank.Question, f Format, i uint64) []Question {
	e := g.entries[q.ID]
	var out []Question
	switch f {
	case WhichQuestion:
		for s := range uint64(cueSeedsPerQuestion) {
			rnd := rand.New(rand.NewPCG(i, s))
			out = append(out, e.excerpts[rnd.IntN(len(e.excerpts))].quiz(q, rnd))
		}
	case FillBlank:
		for j := range e.blanks {
			for s := range uint64(cueSeedsPerBlank) {
				out = append(out, e.blanks[j].quiz(q, rand.New(rand.NewPCG(i<<16|uint64(j), s))))
			}
		}
	}
	return out
}

// WriteCues prints, for bot lint, the guessers' rates over every quiz the
// generator makes, per format, against the gate, and the questions on which
// a guesser does better than MaxQuestionCueRate.
func WriteCues(w io.Writer, g *Generator) {
	fmt.Fprintf(w, "\nSurface-cue guessers (gate: ≤ %.0f %% per format, ≤ %.0f %% per question; chance 25 %% with four options):\n",
		MaxCueRate*100, MaxQuestionCueRate*100)
	for _, r := range g.Cues() {
		fmt.Fprintf(w, "  %-5s %6d quizzes:", r.Format, r.Quizzes)
		for _, gs := range Guessers {
			mark := ""
			if r.Overall[gs] > MaxCueRate {
				mark = " (over)"
			}
			fmt.Fprintf(w, "  %s %.1f %%%s", gs, r.Overall[gs]*100, mark)
		}
		fmt.Fprintln(w)
		var over []string
		for _, qr := range r.Questions {
			for _, gs := range Guessers {
				if qr.Rates[gs] > MaxQuestionCueRate {
					over = append(over, fmt.Sprintf("    %s  %s %.0f %% of %d  %s", qr.QuestionID, gs, qr.Rates[gs]*100, qr.Quizzes, qr.Title))
				}
			}
		}
		if len(over) == 0 {
			fmt.Fprintf(w, "    no question over %.0f %%\n", MaxQuestionCueRate*100)
		}
		sort.Strings(over)
		for _, line := range over {
			fmt.Fprintln(w, line)
		}
	}
}
