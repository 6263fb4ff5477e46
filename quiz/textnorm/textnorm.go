// Package textnorm is the one place text that people type or that a bank
// holds is normalised before it is matched: full-width forms typed on a
// Chinese keyboard (１, ＰＶ, ：, a full-width space) read as their ASCII
// forms (Unicode NFKC), case is folded, and Latin terms are matched as
// whole words, so that "pv" names PersistentVolumes but not "ipvs".
package textnorm

import (
	"slices"
	"strings"
	"unicode"

	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Input is s as the bot reads it: NFKC-normalised (full-width letters,
// digits, punctuation and spaces become their ASCII forms), in simplified
// characters (網絡 is 网络: see simplified), every run of white space one
// space, trimmed. Case is kept.
func Input(s string) string {
	return strings.Join(strings.Fields(simplified(norm.NFKC.String(s))), " ")
}

// Fold is Input in lower case: the form two strings are compared in.
func Fold(s string) string { return strings.ToLower(Input(s)) }

// WithoutAccents is s with the accents of its letters taken off (the
// combining marks of its canonical decomposition), as the zone database
// writes its cities ("são paulo" is sao paulo, "zürich" zurich); what has
// no accent, Chinese or Korean, is left as it was.
func WithoutAccents(s string) string {
	return norm.NFC.String(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(s)))
}

// IsWordByte reports whether c is part of a Latin word: an ASCII letter or
// digit. Anything else, Chinese text included, bounds a word.
func IsWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// HasLatin reports whether s holds an ASCII letter or digit.
func HasLatin(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < unicode.MaxASCII && IsWordByte(byte(r)) }) >= 0
}

// asciiLower lower-cases ASCII letters only, so that byte offsets stay
// valid in the original string whatever else it holds.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// wordAt reports whether s[start:end] is bounded as a whole word.
func wordAt(s string, start, end int) bool {
	return (start == 0 || !IsWordByte(s[start-1])) && (end == len(s) || !IsWordByte(s[end]))
}

// wordIndex is where the first whole-word occurrence of w in s at or after
// from starts, or -1; s and w are in one case. A w that is not bounded by
// word bytes itself (a Chinese term, say) is found as a plain substring.
func wordIndex(s, w string, from int) int {
	bounded := !IsWordByte(w[0]) && !IsWordByte(w[len(w)-1])
	for i := from; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return -1
		}
		start, end := i+j, i+j+len(w)
		if bounded || wordAt(s, start, end) {
			return start
		}
		i = end
	}
}

// CountWord counts the whole-word, ASCII-case-insensitive occurrences of w
// in s. A w that is not bounded by word bytes itself (a Chinese term, say)
// is counted as a plain substring.
func CountWord(s, w string) int {
	if w == "" {
		return 0
	}
	ls, lw := asciiLower(s), asciiLower(w)
	n := 0
	for i := wordIndex(ls, lw, 0); i >= 0; i = wordIndex(ls, lw, i+len(lw)) {
		n++
	}
	return n
}

// ContainsWord reports whether s names w as a whole word (see CountWord).
func ContainsWord(s, w string) bool { return HasWord(asciiLower(s), asciiLower(w)) }

// HasWord is ContainsWord of s and w already folded (Fold): it copies
// nothing and stops at the first occurrence, for searching many texts.
func HasWord(s, w string) bool { return w != "" && wordIndex(s, w, 0) >= 0 }

// The parentheses notes are written in, in either width.
const (
	openParens  = "(（"
	closeParens = ")）"
)

// IsNote reports whether s is a note to the reader: it opens with 注 and a
// colon, in either width, spaces allowed ("注：v1.30 起已移除").
func IsNote(s string) bool {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	rest, ok := strings.CutPrefix(s, "注")
	rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
	return ok && (strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":"))
}

// WithoutNotes is text without its notes to the reader: a parenthesis, in
// either width, that opens with 注 and a colon ("（注：Initializers 已在
// v1.14 移除……）"; nested parentheses included, an unclosed one running
// to the end) is dropped, and the whole text when it opens with one. A
// note says what changed since an answer was written: context for the
// reader, not what the answer says, so it names no topic, keyword or quiz.
func WithoutNotes(text string) string {
	if IsNote(text) {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if strings.ContainsRune(openParens, r) && IsNote(text[i+n:]) {
			i = closingParen(text, i)
			continue
		}
		b.WriteString(text[i : i+n])
		i += n
	}
	return b.String()
}

// closingParen is the offset just past the parenthesis that closes the one
// at open in s, or len(s) when none does.
func closingParen(s string, open int) int {
	depth := 0
	for i, r := range s[open:] {
		switch {
		case strings.ContainsRune(openParens, r):
			depth++
		case strings.ContainsRune(closeParens, r):
			if depth--; depth == 0 {
				return open + i + utf8.RuneLen(r)
			}
		}
	}
	return len(s)
}

// termPunct is the punctuation and quotes that may cling to a typed term
// on either side ("pv？", "“pv”", "search：探针"), as Input leaves them:
// NFKC has made full-width forms ASCII, but not the ideographic full
// stop, the enumeration comma, curly quotes or corner brackets. A full
// stop clings at the end only: ".svc" starts with one.
const (
	termPunct     = `?!,;:"'、。…“”‘’「」『』《》#`
	termPunctTail = termPunct + "."
)

// Term is a word typed as a term (a topic, an ID, a search word) as the
// bot reads it: Input, without the sentence punctuation and quotes around
// it. A word that is punctuation alone is "".
func Term(s string) string {
	s = strings.TrimLeft(Input(s), termPunct)
	return strings.TrimRightFunc(s, func(r rune) bool { return strings.ContainsRune(termPunctTail, r) })
}

// Terms are the terms of a typed list ("pv，pvc", "存储、网络", "pv pvc",
// "pv/pvc", "pv and pvc"): Input split at white space, commas, enumeration
// commas (、) and slashes, each a Term, none empty. The words that join a
// list's items (and, or, 和, 或者…) are no terms when others are given.
func Terms(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(Input(s), func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",、/", r) }) {
		if t := Term(f); t != "" {
			out = append(out, t)
		}
	}
	if kept := slices.DeleteFunc(slices.Clone(out), isConjunction); len(kept) > 0 {
		return kept
	}
	return out
}

// conjunctions are the words that join the items of a typed list.
var conjunctions = []string{"and", "or", "vs", "versus", "和", "与", "及", "以及", "或", "或者", "还有", "跟", "同"}

// isConjunction reports whether a word joins the items of a list ("and",
// 和), in any case or width.
func isConjunction(word string) bool { return slices.Contains(conjunctions, Fold(word)) }
