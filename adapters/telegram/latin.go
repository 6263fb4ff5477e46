package telegram

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz"
)

// Telegram makes a command tappable only when its name is Latin letters,
// digits and underscores: "/提问 pv" reads as text. So what the bot says
// names each command by its Latin name, in Chinese too ("/ask pv"), as the
// command menu lists it; a command typed by its Chinese name still works.

// latinCommands is s with every command named after "/" by a name in other
// letters ("/提问", "/每日一题 状态") named by its Latin name instead. A
// name run into more letters or digits ("/问题") is no command's, and stays.
func latinCommands(s string) string {
	if !strings.Contains(s, "/") {
		return s
	}
	var b strings.Builder
	rest := s
	for {
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			break
		}
		b.WriteString(rest[:i+1])
		rest = rest[i+1:]
		for _, n := range latinNames() {
			after, ok := strings.CutPrefix(rest, n.from)
			if r, _ := utf8.DecodeRuneInString(after); ok && !unicode.IsLetter(r) && !unicode.IsNumber(r) {
				b.WriteString(n.to)
				rest = after
				break
			}
		}
	}
	b.WriteString(rest)
	return b.String()
}

// latinName is a command's name in other letters, and its Latin name.
type latinName struct{ from, to string }

// latinNames are the commands' names in other letters, longer ones first,
// so that a name that starts another is tried after it.
var latinNames = sync.OnceValue(func() []latinName {
	var out []latinName
	for _, c := range quiz.Commands() {
		for _, a := range c.Aliases {
			if r, _ := utf8.DecodeRuneInString(a); r >= utf8.RuneSelf {
				out = append(out, latinName{a, c.Name})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b latinName) int { return cmp.Compare(len(b.from), len(a.from)) })
	return out
})
