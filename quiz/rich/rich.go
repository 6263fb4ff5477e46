// Package rich is the small, platform-neutral rich-text tree that question
// answers are parsed into once, at load. Each adapter renders it in its own
// markup (Slack mrkdwn, Telegram HTML, console text); nothing converts markup
// with regular expressions at send time.
package rich

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// BlockKind says what a Block is.
type BlockKind int

// The kinds of block.
const (
	// Paragraph is a run of inline spans.
	Paragraph BlockKind = iota
	// List is a bulleted or numbered list; each item is a slice of blocks.
	List
	// Code is a fenced or indented code block, kept verbatim.
	Code
	// Quote is a block quote holding other blocks.
	Quote
	// Table is a table: Header holds its header cells, Rows its body
	// rows. Its Spans hold it as readable text, made by NewTable (see
	// there), which a renderer shows as it shows a paragraph's: no
	// platform draws tables, and none has to know their shape.
	Table
)

// Block is one block of rich text.
type Block struct {
	Kind BlockKind
	// Spans hold the text of a Paragraph.
	Spans []Span
	// Items hold the items of a List; each item is itself a sequence of blocks.
	Items [][]Block
	// Ordered marks a numbered List; Start is its first number.
	Ordered bool
	Start   int
	// Lang and Text hold a Code block's language and verbatim text (no final newline).
	Lang string
	Text string
	// Children hold the blocks inside a Quote.
	Children []Block
	// Header holds a Table's header cells (none when all are empty), and
	// Rows its body rows that hold text; a cell is a run of spans.
	Header [][]Span
	Rows   [][][]Span
}

// Style is the formatting of a Span.
type Style uint8

// The span styles; they combine as bit flags.
const (
	// Bold text.
	Bold Style = 1 << iota
	// Italic text.
	Italic
	// InlineCode is code inside a sentence.
	InlineCode
)

// Span is a run of text with one style, optionally a link.
type Span struct {
	Text  string
	Style Style
	// URL makes the span a link when not empty.
	URL string
}

// Text is a plain paragraph holding s.
func Text(s string) Block {
	return Block{Kind: Paragraph, Spans: []Span{{Text: s}}}
}

// Para is a paragraph of the given spans.
func Para(spans ...Span) Block {
	return Block{Kind: Paragraph, Spans: spans}
}

// CellSep joins the cells of a table row written as a line.
const CellSep = " — "

// NewTable is the Table of header cells and body rows, written as readable
// text in its Spans: the header in bold on a line (left out when its cells
// are all empty), then each row on a line of its own, its cells joined by
// CellSep ("ReadWriteOnce — RWO — 单节点读写"). Empty cells are left out
// of a line; a row whose cells are all empty is dropped.
func NewTable(header [][]Span, rows [][][]Span) Block {
	b := Block{Kind: Table}
	if head := RowSpans(header); len(head) > 0 {
		b.Header = header
		for _, s := range head {
			s.Style |= Bold
			b.Spans = appendSpan(b.Spans, s)
		}
	}
	for _, row := range rows {
		line := RowSpans(row)
		if len(line) == 0 {
			continue
		}
		b.Rows = append(b.Rows, row)
		if len(b.Spans) > 0 {
			b.Spans = appendSpan(b.Spans, Span{Text: "\n"})
		}
		for _, s := range line {
			b.Spans = appendSpan(b.Spans, s)
		}
	}
	return b
}

// RowSpans is a table row as one line of spans, its cells that hold text
// joined by CellSep; none when no cell holds any.
func RowSpans(cells [][]Span) []Span {
	var out []Span
	for _, cell := range cells {
		if strings.TrimSpace(SpansText(cell)) == "" {
			continue
		}
		if len(out) > 0 {
			out = appendSpan(out, Span{Text: CellSep})
		}
		for _, s := range cell {
			out = appendSpan(out, s)
		}
	}
	return out
}

// appendSpan appends s to spans, joined to the last when they are alike
// (one style, one link): a renderer marks each span, and "<b>a</b><b>
// — </b>" is noise.
func appendSpan(spans []Span, s Span) []Span {
	if k := len(spans) - 1; k >= 0 && spans[k].Style == s.Style && spans[k].URL == s.URL {
		spans[k].Text += s.Text
		return spans
	}
	return append(spans, s)
}

// Plain returns the text of blocks without any markup: paragraphs and list
// items on their own lines, code verbatim, a table as NewTable writes it. It is what search, key points and
// quiz generation read.
func Plain(blocks []Block) string {
	var b strings.Builder
	writePlain(&b, blocks)
	return strings.TrimSpace(b.String())
}

func writePlain(b *strings.Builder, blocks []Block) {
	for _, bl := range blocks {
		switch bl.Kind {
		case Paragraph, Table:
			b.WriteString(SpansText(bl.Spans))
			b.WriteByte('\n')
		case List:
			for _, item := range bl.Items {
				writePlain(b, item)
			}
		case Code:
			b.WriteString(bl.Text)
			b.WriteByte('\n')
		case Quote:
			writePlain(b, bl.Children)
		}
	}
}

// SpansText joins the text of spans.
func SpansText(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

// Len is the number of characters (runes) of plain text in blocks, a measure
// adapters use to decide whether an answer needs splitting.
func Len(blocks []Block) int {
	return len([]rune(Plain(blocks)))
}

// UTF16Len is the length of s in UTF-16 code units, as Slack and Telegram
// count their limits; an invalid byte counts one.
func UTF16Len(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			n := i
			for _, r := range s[i:] {
				n += utf16.RuneLen(r)
			}
			return n
		}
	}
	return len(s) // ASCII: a unit a byte
}
