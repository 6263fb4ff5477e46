package bank

import (
	"bytes"
	"fmt"
	"strings"

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
// table of contents, and anything else before the first question, is skipped.
// name is used in error messages and as the questions' Source.
func Parse(name string, src []byte) ([]*Question, error) {
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
		if current != nil {
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
		// Raw HTML blocks (comments such as doctoc markers) carry no answer text.
		return nil
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
	return strings.TrimRight(b.String(), "\n")
}

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
			if c.SoftLineBreak() || c.HardLineBreak() {
				s += "\n"
			}
			add(rich.Span{Text: s, Style: style})
		case *ast.String:
			add(rich.Span{Text: string(c.Value), Style: style})
		case *ast.CodeSpan:
			add(rich.Span{Text: inlineText(c, src), Style: style | rich.InlineCode})
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

// inlineText is the plain text of an inline container such as a heading.
func inlineText(n ast.Node, src []byte) string {
	return rich.SpansText(convertInlines(n, src, 0))
}
