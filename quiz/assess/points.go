// Reading a key point's text: the notes it carries and the name it opens
// with.

package assess

import (
	"strings"
	"unicode/utf8"
)

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
