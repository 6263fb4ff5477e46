package mcq

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// shownText is the plain text of an answer's blocks that a quiz may show:
// without notes to the reader and, unless withCode, without code blocks.
//
// A note ("（注：Initializers 已在 v1.14 移除……）", a paragraph opening with
// "注：") says what changed since the answer was written: context for the
// learner once the answer is shown, not what the answer says. An excerpt
// carrying one would grow with words of other questions (CoreDNS, CSI) and
// say when rather than what; a blank inside one would test release history
// instead of the answer. The text index still reads notes, so that an
// answer whose note names what an excerpt says is still taken as answering
// it.
func shownText(blocks []rich.Block, withCode bool) string {
	return withoutNotes(rich.Plain(shownBlocks(blocks, withCode)))
}

// shownBlocks is blocks without the paragraphs that are notes and, unless
// withCode, without code blocks, at any depth.
func shownBlocks(blocks []rich.Block, withCode bool) []rich.Block {
	var out []rich.Block
	for _, b := range blocks {
		switch b.Kind {
		case rich.Code:
			if !withCode {
				continue
			}
		case rich.Paragraph:
			if isNote(rich.SpansText(b.Spans)) {
				continue
			}
		case rich.List:
			nb := b
			nb.Items = nil
			for _, item := range b.Items {
				nb.Items = append(nb.Items, shownBlocks(item, withCode))
			}
			b = nb
		case rich.Quote:
			b.Children = shownBlocks(b.Children, withCode)
		}
		out = append(out, b)
	}
	return out
}

// withoutNotes is text without its notes: the parentheses, in either width,
// that open with 注 and a colon (nested ones included; an unclosed note
// runs to the end), and the whole text when it opens with one.
func withoutNotes(text string) string {
	if isNote(text) {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if strings.ContainsRune(openers, r) && isNote(text[i+n:]) {
			i = closingParen(text, i)
			continue
		}
		b.WriteString(text[i : i+n])
		i += n
	}
	return b.String()
}

// isNote reports whether s opens with 注 and a colon, spaces allowed.
func isNote(s string) bool {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	rest, ok := strings.CutPrefix(s, "注")
	rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
	return ok && (strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":"))
}

// closingParen is the offset just past the parenthesis that closes the one
// at open in s, or len(s) when none does.
func closingParen(s string, open int) int {
	depth := 0
	for i, r := range s[open:] {
		switch {
		case strings.ContainsRune(openers, r):
			depth++
		case strings.ContainsRune(closers, r):
			if depth--; depth == 0 {
				return open + i + utf8.RuneLen(r)
			}
		}
	}
	return len(s)
}
