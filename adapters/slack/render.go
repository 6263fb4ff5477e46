package slack

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"

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
func textLen(s string) int { return rich.UTF16Len(s) }

// mrkdwn renders rich text as Slack mrkdwn: bold *…*, italic _…_, code `…`
// and ```…```, bullets and numbers indented by depth, quotes marked with >,
// links as <url|text>; every piece of text escaped. Top-level blocks are
// separated by blank lines.
func mrkdwn(blocks []rich.Block) string {
	var b strings.Builder
	w := mrkdwnWriter{out: &b}
	w.blocks(blocks)
	return strings.TrimRight(b.String(), "\n")
}

// mrkdwnLen measures blocks as rich.Split needs, adding up over blocks and
// lines: the length of their mrkdwn before trailing line breaks are
// trimmed, never less than the length of what is sent. It renders without
// keeping the text, so measuring allocates next to nothing. Pieces are
// counted as written: in invalid UTF-8, two halves of a character written
// apart count two, one more than in the text, never less.
func mrkdwnLen(blocks []rich.Block) int {
	var w mrkdwnWriter
	w.blocks(blocks)
	return w.n
}

// mrkdwnWriter writes mrkdwn line by line, each line led by the prefixes
// of the lists and quotes it is in. It keeps the text in out or, when out
// is nil, only its length, in UTF-16 code units, in n.
type mrkdwnWriter struct {
	out *strings.Builder
	n   int
	// started is set once the first line is begun.
	started bool
	// prefixes lead each line, outermost first.
	prefixes []linePrefix
	// quoted is set inside a quote.
	quoted bool
}

// linePrefix leads the lines inside a list item or a quote: first leads
// the first of them (once used is set), rest every other.
type linePrefix struct {
	first, rest string
	used        bool
}

// write adds s, which holds no line break, to the current line: to the
// text when rendering, to the length when measuring.
func (w *mrkdwnWriter) write(s string) {
	if w.out != nil {
		w.out.WriteString(s)
		return
	}
	w.n += textLen(s)
}

// line begins a line, after a line break unless it is the first, with the
// prefixes it is in.
func (w *mrkdwnWriter) line() {
	if w.started {
		w.write("\n")
	}
	w.started = true
	for i := range w.prefixes {
		p := &w.prefixes[i]
		if p.used {
			w.write(p.rest)
		} else {
			w.write(p.first)
			p.used = true
		}
	}
}

// within writes the lines blocks makes inside a list item or quote: the
// first led by first, the others by rest.
func (w *mrkdwnWriter) within(first, rest string, blocks func()) {
	w.prefixes = append(w.prefixes, linePrefix{first: first, rest: rest})
	blocks()
	w.prefixes = w.prefixes[:len(w.prefixes)-1]
}

// blocks writes top-level blocks, a blank line between two.
func (w *mrkdwnWriter) blocks(blocks []rich.Block) {
	for i, bl := range blocks {
		if i > 0 {
			w.line()
		}
		w.block(bl, 0)
	}
}

// indentStep indents a nested list or the continuation of an item.
const indentStep = "    "

// bullets mark unordered list items by depth.
var bullets = []string{"•", "◦", "▪"}

// block writes one block, nested depth lists deep, as lines.
func (w *mrkdwnWriter) block(bl rich.Block, depth int) {
	switch bl.Kind {
	case rich.List:
		for n, item := range bl.Items {
			marker := bullets[depth%len(bullets)] + " "
			if bl.Ordered {
				marker = strconv.Itoa(bl.Start+n) + ". "
			}
			w.within(marker, indentStep, func() {
				for _, child := range item {
					w.block(child, depth+1)
				}
			})
		}
	case rich.Code:
		w.line()
		w.write("```")
		code := escape(strings.ReplaceAll(bl.Text, "```", "`"+zwsp+"``"))
		for {
			line, rest, more := strings.Cut(code, "\n")
			w.line()
			w.write(line)
			if !more {
				break
			}
			code = rest
		}
		w.line()
		w.write("```")
	case rich.Quote:
		// Slack has no nested quotes: a quote inside one is part of it.
		quote := func() {
			for _, child := range bl.Children {
				w.block(child, depth)
			}
		}
		if w.quoted {
			quote()
			return
		}
		w.quoted = true
		w.within("> ", "> ", quote)
		w.quoted = false
	default:
		w.spans(bl.Spans)
	}
}

// spans writes a paragraph's spans; styles apply line by line, since
// Slack's do not cross line breaks.
func (w *mrkdwnWriter) spans(spans []rich.Span) {
	w.line()
	for _, s := range spans {
		text := s.Text
		for {
			end := strings.IndexByte(text, '\n')
			if end < 0 {
				w.span(text, s.Style, s.URL)
				break
			}
			w.span(text[:end], s.Style, s.URL)
			w.line()
			text = text[end+1:]
		}
	}
}

// markers are the style markers in the order they nest, outermost first.
var markers = []struct {
	style  rich.Style
	marker string
}{{rich.Bold, "*"}, {rich.Italic, "_"}, {rich.InlineCode, "`"}}

// span writes one line of a span: white space outside the markers (Slack
// ignores a marker next to a space), a marker dropped when the text holds
// it (mrkdwn cannot escape one), and text that is not code kept plain (see
// unformatted).
func (w *mrkdwnWriter) span(text string, style rich.Style, link string) {
	if text == "" {
		return // as around the "\n" span between two lines Split cuts
	}
	if style == 0 && link == "" {
		// Plain text: no markers, so white space needs no moving.
		w.write(escape(unformatted(text)))
		return
	}
	core := strings.TrimSpace(text)
	if core == "" {
		w.write(text)
		return
	}
	var trailing string
	if core != text {
		start := len(text) - len(strings.TrimLeftFunc(text, unicode.IsSpace))
		trailing = text[start+len(core):]
		w.write(text[:start])
	}
	u, linked := safeURL(link)
	if linked {
		style &^= rich.InlineCode // a link inside code is not a link
	}
	if style&rich.InlineCode == 0 || strings.Contains(core, "`") {
		core = unformatted(core)
	}
	// The markers the text does not hold.
	var marked [3]bool
	styled := false
	for i, m := range markers {
		marked[i] = style&m.style != 0 && !strings.Contains(core, m.marker)
		styled = styled || marked[i]
	}
	if styled {
		w.write(zwsp)
	}
	for i, m := range markers {
		if marked[i] {
			w.write(m.marker)
		}
	}
	if linked {
		w.write("<")
		w.write(u)
		w.write("|")
	}
	w.write(escape(core))
	if linked {
		w.write(">")
	}
	for i := len(markers) - 1; i >= 0; i-- {
		if marked[i] {
			w.write(markers[i].marker)
		}
	}
	if styled {
		w.write(zwsp)
	}
	w.write(trailing)
}

// lookalikes stand in for the characters Slack's mrkdwn formats with
// (bold, italic, strike, code), which it cannot escape.
var lookalikes = map[rune]rune{'*': '∗', '_': 'ˍ', '~': '∼', '`': 'ˋ'}

// unformatted is text that Slack shows as it is: a formatting character
// at the edge of a word, where it could open or close a style (a user
// named *Bob*), is replaced with its look-alike; one inside a word
// (snake_case, 2*3) formats nothing and is kept. The edges are those of
// the text as given: a run of markers (a blank's ____) is replaced whole,
// since a look-alike put in for one of them is no letter to the next.
func unformatted(s string) string {
	if !hasFormatting(s) {
		return s
	}
	in := []rune(s)
	out := make([]rune, len(in))
	for i, r := range in {
		out[i] = r
		if l, ok := lookalikes[r]; ok && !(i > 0 && i < len(in)-1 && inWord(in[i-1]) && inWord(in[i+1])) {
			out[i] = l
		}
	}
	return string(out)
}

// hasFormatting reports whether s holds a character mrkdwn formats with (a
// key of lookalikes): a byte loop, as ContainsAny is slow on short lines.
func hasFormatting(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '_', '~', '`':
			return true
		}
	}
	return false
}

// inWord reports whether r is part of a word: a letter or a digit, but
// not a look-alike (ˍ and ˋ are modifier letters), which stands for a
// marker at a word's edge.
func inWord(r rune) bool {
	if isLookalike(r) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isLookalike reports whether r is one of lookalikes' values.
func isLookalike(r rune) bool {
	for _, l := range lookalikes {
		if l == r {
			return true
		}
	}
	return false
}

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
