package quiz

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// searchWords are the words of a search as the bank is searched for them:
// a word of Chinese and Latin written together, as Chinese users type
// terms ("service类型", "pv访问模式"), split where the scripts meet; the
// words that only make a question of the query ("what is etcd", 什么是)
// left out when others are given.
func searchWords(words []string) []string {
	var out []string
	for _, w := range words {
		out = append(out, splitScripts(w)...)
	}
	if kept := slices.DeleteFunc(slices.Clone(out), isSearchFiller); len(kept) > 0 {
		return kept
	}
	return out
}

// isSearchFiller reports whether a word is one of searchFillers, in any
// case or width.
func isSearchFiller(w string) bool { return slices.Contains(searchFillers, textnorm.Fold(w)) }

// script is the kind of writing a rune is in, for splitScripts.
type script int

const (
	scriptOther script = iota // punctuation, a hyphen: belongs to either side
	scriptHan
	scriptLatin // ASCII letters and digits
)

// scriptOf is the script of a rune.
func scriptOf(r rune) script {
	switch {
	case unicode.Is(unicode.Han, r):
		return scriptHan
	case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
		return scriptLatin
	}
	return scriptOther
}

// splitScripts splits a word where Chinese characters meet Latin letters
// or digits: "pod终止" is pod and 终止; "kube-proxy" is one word.
func splitScripts(word string) []string {
	var out []string
	start, last := 0, scriptOther
	for i, r := range word {
		sc := scriptOf(r)
		if sc == scriptOther {
			continue
		}
		if last != scriptOther && sc != last && i > start {
			out = append(out, word[start:i])
			start = i
		}
		last = sc
	}
	return append(out, word[start:])
}

// segmented is Chinese words written together split into the terms the
// search knows (searchForms gives them other forms: 服务 is service) and
// what is between them ("服务类型": 服务, 类型), longest terms first; other
// words as they are.
func segmented(words []string) []string {
	var out []string
	for _, w := range words {
		rs := []rune(w)
		if len(rs) < 3 || slices.ContainsFunc(rs, func(r rune) bool { return scriptOf(r) != scriptHan }) {
			out = append(out, w)
			continue
		}
		rest := 0 // where the runes no term was found in start
		for i := 0; i < len(rs); {
			j := len(rs)
			for ; j > i+1; j-- {
				if len(searchForms(string(rs[i:j]))) > 1 {
					break
				}
			}
			if j == i+1 {
				i++
				continue
			}
			if rest < i {
				out = append(out, string(rs[rest:i]))
			}
			out = append(out, string(rs[i:j]))
			i, rest = j, j
		}
		if rest < len(rs) {
			out = append(out, string(rs[rest:]))
		}
	}
	return out
}

// minCompoundPart is the fewest letters of each word a compound is split
// into (compoundForms).
const minCompoundPart = 3

// compoundForms are the ways a word of Latin letters alone may be written
// as two ("sidecar": "side car", "side-car"; "daemonset": "daemon set"),
// each part of minCompoundPart letters or more; none for other words. A
// text writes a compound either way, and a search for one finds both.
func compoundForms(word string) []string {
	if len(word) < 2*minCompoundPart || strings.IndexFunc(word, func(r rune) bool { return !isASCIILetter(r) }) >= 0 {
		return nil
	}
	var out []string
	for i := minCompoundPart; i <= len(word)-minCompoundPart; i++ {
		out = append(out, word[:i]+" "+word[i:], word[:i]+"-"+word[i:])
	}
	return out
}

// isASCIILetter reports whether r is a letter of the English alphabet.
func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
