package assess

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Misspelt terms: people type fast, and "Nevr", "OnFailre" or
// "ReadWriteOncePdo" name the term they misspell. A word of an answer that
// no form spells, one edit (a letter left out, added, changed, or two
// swapped) from a spelling of one term of the question, and of no other
// term the lexicon knows, names that term. Terms spelt with fewer than
// minTypoRunes letters are matched only as written: one edit from "RWO"
// or "pod" is another word.
const minTypoRunes = 5

// addSpelling records form as a spelling of concept c: a Latin form of one
// word is one a misspelling may be of (see respell).
func (v *vocabulary) addSpelling(form string, c int) {
	lower := strings.ToLower(form)
	if !isLatin(lower) || strings.ContainsFunc(lower, func(r rune) bool { return !isWordRune(r) }) {
		return
	}
	if v.spelt == nil {
		v.spelt, v.spellings = map[string]bool{}, map[int][]string{}
	}
	v.spelt[lower] = true
	if v.concepts[c].kind == term && utf8.RuneCountInString(lower) >= minTypoRunes && !slices.Contains(v.spellings[c], lower) {
		v.spellings[c] = append(v.spellings[c], lower)
	}
}

// respell reads the words of r that misspell one of q's terms as that
// term: each replaces the mention of its word alone, if any, and is
// matched as written, so that "Alway" is the value Always, not the adverb.
func (s *Scorer) respell(q *prepared, r *reading) {
	covered := make([]int, len(r.toks)) // 1 + the mention that covers a token, or 0
	for mi, m := range r.mentions {
		for i := m.first; i <= m.last; i++ {
			covered[i] = mi + 1
		}
	}
	for i, t := range r.toks {
		if t.han {
			continue
		}
		mi := covered[i] - 1
		if mi >= 0 && (r.mentions[mi].first != r.mentions[mi].last ||
			slices.ContainsFunc(r.mentions[mi].concepts, func(c int) bool { return s.lex.concepts[c].kind == term })) {
			continue
		}
		c, ok := s.lex.misspelt(strings.ToLower(r.text[t.start:t.end]))
		if !ok || !q.own[c] {
			continue
		}
		if mi >= 0 {
			r.mentions[mi].concepts = []int{c}
			continue
		}
		at, _ := slices.BinarySearchFunc(r.mentions, i, func(m mention, i int) int { return m.first - i })
		r.mentions = slices.Insert(r.mentions, at, mention{first: i, last: i, concepts: []int{c}})
	}
}

// misspelt is the one term whose spelling the word misspells by one edit,
// if there is one: a word that is a spelling of its own, a stopword, or
// one edit from two terms names none.
func (v *vocabulary) misspelt(word string) (int, bool) {
	if v.spelt[word] || stopwords[word] || utf8.RuneCountInString(word) < minTypoRunes-1 {
		return 0, false
	}
	found := -1
	for c, sps := range v.spellings {
		if c == found || !slices.ContainsFunc(sps, func(sp string) bool { return oneEdit(word, sp) }) {
			continue
		}
		if found >= 0 {
			return 0, false
		}
		found = c
	}
	return found, found >= 0
}

// oneEdit reports whether a and b differ by one edit: a letter left out,
// added or changed, or two next to each other swapped.
func oneEdit(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(y)-len(x) > 1 {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	if i == len(y) {
		return false // the same
	}
	if len(x) < len(y) {
		return string(x[i:]) == string(y[i+1:])
	}
	if string(x[i+1:]) == string(y[i+1:]) {
		return true
	}
	return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && string(x[i+2:]) == string(y[i+2:])
}
