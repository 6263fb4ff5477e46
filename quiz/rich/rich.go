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

// Plain returns the text of blocks without any markup: paragraphs and list
// items on their own lines, code verbatim. It is what search, key points and
// quiz generation read.
func Plain(blocks []Block) string {
	var b strings.Builder
	writePlain(&b, blocks)
	return strings.TrimSpace(b.String())
}

func writePlain(b *strings.Builder, blocks []Block) {
	for _, bl := range blocks {
		switch bl.Kind {
		case Paragraph:
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
