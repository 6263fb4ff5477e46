package slack

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// escaper escapes the three characters Slack's text formats give meaning
// to, so that no text, from the bank or a user, can mention (<!channel>,
// <@U…>) or link.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escape makes s safe to place in any Slack text field.
func escape(s string) string { return escaper.Replace(s) }

// unescaper reverses Slack's escaping of what users type.
var unescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// zwsp (a zero-width space) lets a style marker work next to a letter, as
// in Chinese text, where Slack otherwise leaves the marker as typed.
const zwsp = "\u200b"

// textLen is the length Slack's limits count, in UTF-16 code units; it is
// never less than the number of characters.
func textLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// mrkdwn renders rich text as Slack mrkdwn: bold *…*, italic _…_, code `…`
// and ```…```, bullets and numbers indented by depth, quotes marked with >,
// links as <url|text>; every piece of text escaped. Top-level blocks are
// separated by blank lines.
func mrkdwn(blocks []rich.Block) string {
	return strings.TrimRight(untrimmedMrkdwn(blocks), "\n")
}

// untrimmedMrkdwn is mrkdwn before its trailing line breaks are trimmed.
func untrimmedMrkdwn(blocks []rich.Block) string {
	var out []string
	for i, bl := range blocks {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, blockLines(bl, 0)...)
	}
	return strings.Join(out, "\n")
}

// mrkdwnLen measures blocks as rich.Split needs, adding up over blocks and
// lines: the length of their mrkdwn before trailing line breaks are
// trimmed, never less than the length of what is sent.
func mrkdwnLen(blocks []rich.Block) int { return textLen(untrimmedMrkdwn(blocks)) }

// indentStep indents a nested list or the continuation of an item.
const indentStep = "    "

// bullets mark unordered list items by depth.
var bullets = []string{"•", "◦", "▪"}

// blockLines renders one block, nested depth lists deep, as lines.
func blockLines(bl rich.Block, depth int) []string {
	switch bl.Kind {
	case rich.List:
		var out []string
		for n, item := range bl.Items {
			marker := bullets[depth%len(bullets)] + " "
			if bl.Ordered {
				marker = strconv.Itoa(bl.Start+n) + ". "
			}
			var inner []string
			for _, child := range item {
				inner = append(inner, blockLines(child, depth+1)...)
			}
			out = append(out, prefixed(inner, marker, indentStep)...)
		}
		return out
	case rich.Code:
		code := escape(strings.ReplaceAll(bl.Text, "```", "`"+zwsp+"``"))
		return append(append([]string{"```"}, strings.Split(code, "\n")...), "```")
	case rich.Quote:
		var inner []string
		for _, child := range bl.Children {
			inner = append(inner, blockLines(child, depth)...)
		}
		return prefixed(inner, "> ", "> ")
	default:
		return strings.Split(spansText(bl.Spans), "\n")
	}
}

// prefixed puts first before the first line and rest before the others.
func prefixed(lines []string, first, rest string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		p := rest
		if i == 0 {
			p = first
		}
		out[i] = p + l
	}
	return out
}

// spansText renders a paragraph's spans; styles apply line by line, since
// Slack's do not cross line breaks.
func spansText(spans []rich.Span) string {
	var b strings.Builder
	for _, s := range spans {
		for i, line := range strings.Split(s.Text, "\n") {
			if i > 0 {
				b.WriteByte('\n')
			}
			writeSpan(&b, line, s.Style, s.URL)
		}
	}
	return b.String()
}

// writeSpan writes one line of a span: white space outside the markers
// (Slack ignores a marker next to a space), a marker dropped when the text
// holds it (mrkdwn cannot escape one), and text that is not code kept
// plain (see unformatted).
func writeSpan(b *strings.Builder, text string, style rich.Style, link string) {
	core := strings.TrimSpace(text)
	if core == "" {
		b.WriteString(text)
		return
	}
	start := strings.Index(text, core)
	b.WriteString(text[:start])
	trailing := text[start+len(core):]
	u, linked := safeURL(link)
	if linked {
		style &^= rich.InlineCode // a link inside code is not a link
	}
	if style&rich.InlineCode == 0 || strings.Contains(core, "`") {
		core = unformatted(core)
	}
	out := escape(core)
	if linked {
		out = "<" + u + "|" + out + ">"
	}
	styled := false
	for _, m := range []struct {
		style  rich.Style
		marker string
	}{{rich.InlineCode, "`"}, {rich.Italic, "_"}, {rich.Bold, "*"}} {
		if style&m.style != 0 && !strings.Contains(core, m.marker) {
			out = m.marker + out + m.marker
			styled = true
		}
	}
	if styled {
		out = zwsp + out + zwsp
	}
	b.WriteString(out)
	b.WriteString(trailing)
}

// lookalikes stand in for the characters Slack's mrkdwn formats with
// (bold, italic, strike, code), which it cannot escape.
var lookalikes = map[rune]rune{'*': '∗', '_': 'ˍ', '~': '∼', '`': 'ˋ'}

// unformatted is text that Slack shows as it is: a formatting character
// at the edge of a word, where it could open or close a style (a user
// named *Bob*), is replaced with its look-alike; one inside a word
// (snake_case, 2*3) formats nothing and is kept.
func unformatted(s string) string {
	if !strings.ContainsAny(s, "*_~`") {
		return s
	}
	rs := []rune(s)
	for i, r := range rs {
		l, ok := lookalikes[r]
		if ok && !(i > 0 && i < len(rs)-1 && inWord(rs[i-1]) && inWord(rs[i+1])) {
			rs[i] = l
		}
	}
	return string(rs)
}

// inWord reports whether r is part of a word: a letter or a digit.
func inWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// safeURL escapes a link target for <url|text>, keeping only web and mail
// links: anything else is shown as plain text.
func safeURL(raw string) (string, bool) {
	if raw == "" {
		return "", false // most spans: no link to parse
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" || u.Opaque != "" {
			return "", false
		}
	case "mailto":
		if u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	s := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return -1
		}
		return r
	}, u.String())
	return escape(strings.ReplaceAll(s, "|", "%7C")), true
}
