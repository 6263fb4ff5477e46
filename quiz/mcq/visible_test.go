package mcq

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// TestNoVisibleTitleWordGivesTheAnswer: across the shipped bank, in every
// set of distractors a "which question?" item's picker may draw, each word
// of the right title that the excerpt shows (see echoedWords) is named by
// every distractor too: else the right option would echo the excerpt more
// than the others, found by matching words ("pause" beside the pause
// container's excerpt, named by no other option). A word the bank says in
// many questions ("容器") or what is asked of a subject ("作用") is left
// shown and to the cue gate (see TestExcerptBlanksAreFewAndDistinctive).
func TestNoVisibleTitleWordGivesTheAnswer(t *testing.T) {
	b := testkit.ShippedBank(t)
	g, ix := NewGenerator(b), newTextIndex(b)
	items, echoed := 0, 0
	for _, q := range b.Questions() {
		for _, x := range g.entries[q.ID].excerpts {
			items++
			words := echoedWords(q.Title, x.prompt)
			echoed += len(words)
			words = slices.DeleteFunc(words, func(w string) bool { return ix.widespread(w) || isGeneric(w) })
			for _, set := range x.distractors.sets {
				for _, w := range words {
					if i := slices.IndexFunc(set, func(m uint8) bool { return !namesWord(x.distractors.candidates[m], w) }); i >= 0 {
						t.Errorf("%q names %q, shown in\n%s\nand distractor %q does not", q.Title, w, x.prompt, x.distractors.candidates[set[i]])
					}
				}
			}
		}
	}
	if items < 50 || echoed == 0 {
		t.Errorf("%d which-question items showing %d title words: want 50 items at least, and some words", items, echoed)
	}
}

// echoedWords are the words of title that prompt shows: its Latin words,
// and the longest runs of two Chinese characters or more it shares with
// title, from left to right, but for words that ask ("什么").
func echoedWords(title, prompt string) []string {
	var out []string
	for _, w := range latinWords(title) {
		if len(w) >= 2 && textnorm.ContainsWord(prompt, w) {
			out = append(out, w)
		}
	}
	r := []rune(prompt)
	for i := 0; i < len(r); {
		j := i
		for j < len(r) && isHan(r[j]) && strings.Contains(title, string(r[i:j+1])) {
			j++
		}
		if run := string(r[i:j]); j-i >= 2 && !slices.Contains(questionWords, run) && !slices.Contains(out, run) {
			out = append(out, run)
			i = j
			continue
		}
		i++
	}
	return out
}

// namesWord reports whether title names w: holds it, as a whole word if
// Latin, in its singular or plural form.
func namesWord(title, w string) bool {
	if r, _ := utf8.DecodeRuneInString(w); isHan(r) {
		return strings.Contains(title, w)
	}
	stem, _ := strings.CutSuffix(w, "s")
	return textnorm.ContainsWord(title, stem) || textnorm.ContainsWord(title, stem+"s")
}
