package console

import (
	"strconv"
	"strings"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// style decides how text styles look: ANSI on a terminal, plain text when
// piped.
type style struct{ ansi bool }

// codeColour is the ANSI colour of code, inline or in blocks (cyan).
const codeColour = "\x1b[36m"

// codeIndent sets code blocks off from the text around them.
const codeIndent = "    "

func (st style) span(s rich.Span) string {
	t := s.Text
	if st.ansi && s.Style&rich.InlineCode != 0 {
		t = codeColour + t + "\x1b[0m"
	}
	if st.ansi && s.Style&rich.Bold != 0 {
		t = "\x1b[1m" + t + "\x1b[0m"
	}
	if st.ansi && s.Style&rich.Italic != 0 {
		t = "\x1b[2m" + t + "\x1b[0m"
	}
	if s.URL != "" && s.URL != s.Text {
		t += " (" + s.URL + ")"
	}
	return t
}

// renderBlocks writes blocks as terminal text: paragraphs separated by blank
// lines, lists indented by depth, code verbatim in an indented block
// (coloured on a terminal), quotes marked.
func (st style) renderBlocks(blocks []rich.Block) string {
	var b strings.Builder
	st.writeBlocks(&b, blocks, "", "")
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// writeBlocks writes blocks; first prefixes the first line, indent the others.
func (st style) writeBlocks(b *strings.Builder, blocks []rich.Block, first, indent string) {
	for i, bl := range blocks {
		p := indent
		if i == 0 {
			p = first
		}
		switch bl.Kind {
		case rich.Paragraph, rich.Table: // a table is written as lines (see rich.NewTable)
			var t strings.Builder
			for _, s := range bl.Spans {
				t.WriteString(st.span(s))
			}
			writeLines(b, t.String(), p, indent)
			if indent == "" {
				b.WriteByte('\n')
			}
		case rich.List:
			for n, item := range bl.Items {
				marker := "• "
				if bl.Ordered {
					marker = strconv.Itoa(bl.Start+n) + ". "
				}
				if n > 0 {
					p = indent
				}
				st.writeBlocks(b, item, p+marker, indent+strings.Repeat(" ", len([]rune(marker))))
			}
			if indent == "" {
				b.WriteByte('\n')
			}
		case rich.Code:
			if i == 0 && p != indent {
				b.WriteString(strings.TrimRight(p, " ") + "\n") // a list item that opens with code
			}
			code := bl.Text
			if st.ansi {
				code = codeColour + strings.ReplaceAll(code, "\n", "\x1b[0m\n"+codeColour) + "\x1b[0m"
			}
			writeLines(b, code, indent+codeIndent, indent+codeIndent)
			if indent == "" {
				b.WriteByte('\n')
			}
		case rich.Quote:
			st.writeBlocks(b, bl.Children, p+"│ ", indent+"│ ")
			if indent == "" {
				b.WriteByte('\n')
			}
		}
	}
}

// writeLines writes text line by line, the first with prefix first and the
// rest with indent.
func writeLines(b *strings.Builder, text, first, indent string) {
	for i, line := range strings.Split(text, "\n") {
		if i == 0 {
			b.WriteString(first)
		} else {
			b.WriteString(indent)
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
}
