package bank

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// Error is a problem that makes a bank unusable, located at a file and line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// md is shared: a goldmark parser is safe for concurrent use.
var md = goldmark.New()

// Parse reads one bank file: every level-1 heading is a question and
// everything up to the next level-1 heading is its reference answer. A doctoc
// table of contents (wherever it is), and anything before the first question,
// is skipped.
// name is used in error messages and as the questions' Source.
//
// Text that is not valid UTF-8, and NUL bytes, read as U+FFFD: every title
// and answer is valid UTF-8, as chat platforms require.
func Parse(name string, src []byte) ([]*Question, error) {
	if !utf8.Valid(src) || bytes.IndexByte(src, 0) >= 0 {
		src = bytes.ReplaceAll(bytes.ToValidUTF8(src, []byte("\uFFFD")), []byte{0}, []byte("\uFFFD"))
	}
	doc := md.Parser().Parse(text.NewReader(src))
	lines := newLineIndex(src)

	var (
		out     []*Question
		current *Question
		body    []ast.Node
	)
	finish := func() error {
		if current == nil {
			return nil
		}
		blocks := convertBlocks(body, src)
		if strings.TrimSpace(rich.Plain(blocks)) == "" {
			return &Error{File: name, Line: current.Line, Msg: fmt.Sprintf("question %q has an empty answer", current.Title)}
		}
		current.Answer = blocks
		out = append(out, current)
		return nil
	}
	toc := doctocRegion(doc, src)
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			if err := finish(); err != nil {
				return nil, err
			}
			line := lines.lineOf(blockStart(h))
			title := strings.TrimSpace(inlineText(h, src))
			if title == "" {
				return nil, &Error{File: name, Line: line, Msg: "a level-1 heading has no text: every `# ` heading is a question"}
			}
			current = &Question{Title: title, Source: name, Line: line}
			body = body[:0]
			continue
		}
		if current != nil && !toc[n] {
			body = append(body, n)
		}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, &Error{File: name, Msg: "no questions: every question is a level-1 heading (`# title`) followed by its answer"}
	}
	return out, nil
}

// doctocRegion returns the top-level blocks of a doctoc table of contents:
// those between a "START doctoc" and the next "END doctoc" comment, markers
// included. Level-1 headings are never part of it (every one is a question),
// and a START marker with no END marker skips nothing.
func doctocRegion(doc ast.Node, src []byte) map[ast.Node]bool {
	var region map[ast.Node]bool
	var open []ast.Node
	inside := false
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		text := ""
		if hb, ok := n.(*ast.HTMLBlock); ok && hb.HTMLBlockType == ast.HTMLBlockType2 {
			text = htmlBlockText(hb, src)
		}
		switch {
		case !inside && strings.Contains(text, "START doctoc"):
			inside, open = true, []ast.Node{n}
		case inside && strings.Contains(text, "END doctoc"):
			if region == nil {
				region = map[ast.Node]bool{}
			}
			for _, o := range append(open, n) {
				region[o] = true
			}
			inside, open = false, nil
		case inside:
			if h, ok := n.(*ast.Heading); !ok || h.Level != 1 {
				open = append(open, n)
			}
		}
	}
	return region
}

// htmlBlockText is the verbatim text of an HTML block, closing line included.
func htmlBlockText(n *ast.HTMLBlock, src []byte) string {
	var b bytes.Buffer
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		b.Write(seg.Value(src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(src))
	}
	return strings.TrimRight(crlf.Replace(b.String()), "\n")
}

// blockStart is the byte offset where a block node starts.
func blockStart(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	return 0
}

type lineIndex []int // byte offsets at which lines start

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) lineOf(offset int) int {
	lo, hi := 0, len(l)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if l[mid] <= offset {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

func convertBlocks(nodes []ast.Node, src []byte) []rich.Block {
	var out []rich.Block
	for _, n := range nodes {
		out = append(out, convertBlock(n, src)...)
	}
	return out
}

func convertChildren(n ast.Node, src []byte) []rich.Block {
	var nodes []ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		nodes = append(nodes, c)
	}
	return convertBlocks(nodes, src)
}

func convertBlock(n ast.Node, src []byte) []rich.Block {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		spans := convertInlines(n, src, 0)
		if strings.TrimSpace(rich.SpansText(spans)) == "" {
			return nil
		}
		return []rich.Block{{Kind: rich.Paragraph, Spans: spans}}
	case *ast.List:
		b := rich.Block{Kind: rich.List, Ordered: n.IsOrdered(), Start: n.Start}
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			b.Items = append(b.Items, convertChildren(item, src))
		}
		return []rich.Block{b}
	case *ast.FencedCodeBlock:
		return []rich.Block{{Kind: rich.Code, Lang: string(n.Language(src)), Text: linesText(n, src)}}
	case *ast.CodeBlock:
		return []rich.Block{{Kind: rich.Code, Text: linesText(n, src)}}
	case *ast.Blockquote:
		return []rich.Block{{Kind: rich.Quote, Children: convertChildren(n, src)}}
	case *ast.HTMLBlock:
		// Comments (such as doctoc markers) carry no answer text. Any other
		// raw HTML block, such as a line holding only <clusterdomain> or an
		// HTML table, is kept as literal text: nothing is silently dropped.
		if n.HTMLBlockType == ast.HTMLBlockType2 {
			return nil
		}
		t := strings.TrimSpace(htmlBlockText(n, src))
		if t == "" {
			return nil
		}
		return []rich.Block{rich.Text(t)}
	case *ast.ThematicBreak:
		return nil
	default:
		return convertChildren(n, src)
	}
}

func linesText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return strings.TrimRight(crlf.Replace(b.String()), "\n")
}

// crlf turns Windows line ends into "\n": a bank saved with CRLF line ends
// reads the same as one saved with LF.
var crlf = strings.NewReplacer("\r\n", "\n")

// convertInlines flattens the inline children of n into spans with styles.
func convertInlines(n ast.Node, src []byte, style rich.Style) []rich.Span {
	var out []rich.Span
	add := func(s rich.Span) {
		if s.Text == "" {
			return
		}
		if k := len(out) - 1; k >= 0 && out[k].Style == s.Style && out[k].URL == s.URL {
			out[k].Text += s.Text
			return
		}
		out = append(out, s)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			s := string(c.Segment.Value(src))
			if !c.IsRaw() {
				s = unescape(s)
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				s += "\n"
			}
			add(rich.Span{Text: s, Style: style})
		case *ast.String:
			add(rich.Span{Text: string(c.Value), Style: style})
		case *ast.CodeSpan:
			add(rich.Span{Text: codeSpanText(c, src), Style: style | rich.InlineCode})
		case *ast.Emphasis:
			st := style | rich.Italic
			if c.Level >= 2 {
				st = style | rich.Bold
			}
			for _, s := range convertInlines(c, src, st) {
				add(s)
			}
		case *ast.Link:
			for _, s := range convertInlines(c, src, style) {
				s.URL = string(c.Destination)
				add(s)
			}
		case *ast.AutoLink:
			url := string(c.URL(src))
			add(rich.Span{Text: string(c.Label(src)), Style: style, URL: url})
		case *ast.RawHTML:
			// Text like <servicename> parses as inline HTML; it is literal text here.
			add(rich.Span{Text: string(c.Segments.Value(src)), Style: style})
		case *ast.Image:
			for _, s := range convertInlines(c, src, style) {
				add(s)
			}
		default:
			for _, s := range convertInlines(c, src, style) {
				add(s)
			}
		}
	}
	// A trailing line break inside a paragraph carries nothing.
	if k := len(out) - 1; k >= 0 {
		out[k].Text = strings.TrimRight(out[k].Text, "\n")
		if out[k].Text == "" {
			out = out[:k]
		}
	}
	return out
}

// codeSpanText is the verbatim text of a code span: no escapes apply inside
// one, and a line ending in it is a space.
func codeSpanText(n *ast.CodeSpan, src []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			v := string(t.Segment.Value(src))
			if s, ok := strings.CutSuffix(v, "\n"); ok {
				v = strings.TrimSuffix(s, "\r") + " "
			}
			b.WriteString(v)
		}
	}
	return b.String()
}

// unescape turns Markdown text source into the text it stands for: a
// backslash before ASCII punctuation is dropped, entity and numeric character
// references (&amp; &lt; &#65; &#x41;) are resolved, as CommonMark specifies.
func unescape(s string) string {
	if !strings.ContainsAny(s, "\\&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i += 2
			continue
		case c == '&':
			if n := entityLen(s[i:]); n > 0 {
				b.WriteString(html.UnescapeString(s[i : i+n]))
				i += n
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// entityLen is the length of the character reference s starts with, or 0:
// &name; with an alphanumeric name, &#digits; (up to 7) or &#xhex; (up to 6).
func entityLen(s string) int {
	semi := strings.IndexByte(s, ';')
	if semi < 2 || semi > 33 {
		return 0
	}
	body := s[1:semi]
	digits, limit := body, 32
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	ok := func(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	switch {
	case len(body) > 1 && body[0] == '#' && (body[1] == 'x' || body[1] == 'X'):
		digits, limit = body[2:], 6
		ok = func(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
	case body[0] == '#':
		digits, limit, ok = body[1:], 7, isDigit
	case !(body[0] >= 'a' && body[0] <= 'z' || body[0] >= 'A' && body[0] <= 'Z'):
		return 0
	}
	if len(digits) == 0 || len(digits) > limit {
		return 0
	}
	for i := range len(digits) {
		if !ok(digits[i]) {
			return 0
		}
	}
	if body[0] != '#' {
		// Only a whole, known name is a reference: html.UnescapeString also
		// takes legacy prefixes ("&notanentity;" → "¬anentity;"), which
		// leave the semicolon unconsumed.
		if res := html.UnescapeString(s[:semi+1]); res == s[:semi+1] || strings.HasSuffix(res, ";") && res != ";" {
			return 0
		}
	}
	return semi + 1
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// inlineText is the plain text of an inline container such as a heading.
func inlineText(n ast.Node, src []byte) string {
	return rich.SpansText(convertInlines(n, src, 0))
}
