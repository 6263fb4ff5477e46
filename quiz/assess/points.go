// Reading a key point's text: the notes it carries and the name it opens
// with.

package assess

import (
	"strings"
	"unicode/utf8"
)

// maxNameRunes is the longest name a key point opens with.
const maxNameRunes = 24

// pointGloss is what a key point says its name means, the clause right
// after the name's colon ("Delete：删除，……" glosses Delete as 删除), or ""
// when it has no name.
func pointGloss(text string) string {
	name := pointName(text)
	if name == "" {
		return ""
	}
	rest := strings.TrimLeft(text[len(name):], ":：")
	if i := strings.IndexAny(rest, "，。；,;、:：(（"); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// pointName is the name a key point opens with, the words before its
// colon ("Delete：删除，……" is named Delete; "过滤（Filtering，旧称预选
// Predicates）：……" is named by all its bracket holds), or "" when it
// opens with a sentence rather than a name.
func pointName(text string) string {
	i := strings.IndexAny(text, ":：")
	if i < 0 {
		return ""
	}
	name := text[:i]
	if bare := unbracketed(name); strings.ContainsAny(bare, "，。；,;、") || utf8.RuneCountInString(bare) > maxNameRunes {
		return ""
	}
	return name
}

// unbracketed is s without what its brackets hold.
func unbracketed(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '（':
			depth++
		case (r == ')' || r == '）') && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// firstClause is the first clause of a text, normalised (see tokenize).
func firstClause(text string) string {
	norm := normalise(text)
	end := 0
	for _, t := range tokenize(norm) {
		if t.clause > 0 {
			break
		}
		end = t.end
	}
	return norm[:end]
}
