// Reading a key point's text: the notes it carries and the name it opens
// with.

package assess

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// withoutNotes is a key point's text without its notes to the reader: a
// parenthesis that opens with 注： ("（注：Initializers 已在 v1.14 移除……）")
// and, when the point itself opens with 注：, the whole point. A note says
// what changed since the answer was written (a feature removed, a newer
// API): context for the learner, not what an answer must say, so its words
// are none of the point's keywords. Parentheses nest, in either width; an
// unclosed note runs to the end of the text.
func withoutNotes(text string) string {
	if isNote([]rune(strings.TrimSpace(text))) {
		return ""
	}
	r := []rune(text)
	var b strings.Builder
	for i := 0; i < len(r); i++ {
		if (r[i] == '（' || r[i] == '(') && isNote(r[i+1:]) {
			i = closing(r, i)
			continue
		}
		b.WriteRune(r[i])
	}
	return b.String()
}

// isNote reports whether r opens with 注 and a colon, spaces allowed.
func isNote(r []rune) bool {
	r = trimSpaceLeft(r)
	if len(r) == 0 || r[0] != '注' {
		return false
	}
	r = trimSpaceLeft(r[1:])
	return len(r) > 0 && (r[0] == '：' || r[0] == ':')
}

func trimSpaceLeft(r []rune) []rune {
	for len(r) > 0 && unicode.IsSpace(r[0]) {
		r = r[1:]
	}
	return r
}

// closing is the index of the parenthesis that closes the one at open, or
// the last index when none does.
func closing(r []rune, open int) int {
	depth := 0
	for i := open; i < len(r); i++ {
		switch r[i] {
		case '（', '(':
			depth++
		case '）', ')':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return len(r) - 1
}

// maxNameRunes is the longest name a key point opens with.
const maxNameRunes = 24

// pointName is the name a key point opens with, the words before its
// colon ("Delete：删除，……" is named Delete), or "" when it opens with a
// sentence rather than a name.
func pointName(text string) string {
	i := strings.IndexAny(text, ":：")
	if i < 0 {
		return ""
	}
	name := text[:i]
	if strings.ContainsAny(name, "，。；,;、") || utf8.RuneCountInString(name) > maxNameRunes {
		return ""
	}
	return name
}
