package slack

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// referenceMrkdwn is the renderer mrkdwnWriter replaced, which built each
// block's lines as strings and joined them: the tests check the writer
// gives exactly its text, trailing line breaks included.
func referenceMrkdwn(blocks []rich.Block) string {
	var out []string
	for i, bl := range blocks {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, referenceLines(bl, 0, false)...)
	}
	return strings.Join(out, "\n")
}

// referenceLines are bl's lines, nested depth lists deep, within a quote
// when quoted: Slack nests no quotes, so a quote in one adds no marker.
func referenceLines(bl rich.Block, depth int, quoted bool) []string {
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
				inner = append(inner, referenceLines(child, depth+1, quoted)...)
			}
			out = append(out, referencePrefixed(inner, marker, indentStep)...)
		}
		return out
	case rich.Code:
		code := escape(strings.ReplaceAll(bl.Text, "```", "`"+zwsp+"``"))
		return append(append([]string{"```"}, strings.Split(code, "\n")...), "```")
	case rich.Quote:
		var inner []string
		for _, child := range bl.Children {
			inner = append(inner, referenceLines(child, depth, true)...)
		}
		if quoted {
			return inner
		}
		return referencePrefixed(inner, "> ", "> ")
	default:
		var b strings.Builder
		for _, s := range bl.Spans {
			for i, line := range strings.Split(s.Text, "\n") {
				if i > 0 {
					b.WriteByte('\n')
				}
				b.WriteString(referenceSpan(line, s.Style, s.URL))
			}
		}
		return strings.Split(b.String(), "\n")
	}
}

func referencePrefixed(lines []string, first, rest string) []string {
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

func referenceSpan(text string, style rich.Style, link string) string {
	core := strings.TrimSpace(text)
	if core == "" {
		return text
	}
	start := strings.Index(text, core)
	trailing := text[start+len(core):]
	u, linked := safeURL(link)
	if linked {
		style &^= rich.InlineCode
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
	return text[:start] + out + trailing
}

// checkMrkdwnMatchesReference checks mrkdwn and mrkdwnLen against the
// renderer they replaced.
func checkMrkdwnMatchesReference(t *testing.T, blocks []rich.Block) {
	t.Helper()
	want := referenceMrkdwn(blocks)
	if got := mrkdwn(blocks); got != strings.TrimRight(want, "\n") {
		t.Fatalf("mrkdwn differs from the reference:\n got %q\nwant %q\nblocks %#v", got, want, blocks)
	}
	// Invalid UTF-8 is counted piece by piece, where two halves of a
	// character may count two: more than in the whole text, never less.
	if got := mrkdwnLen(blocks); got != textLen(want) && (utf8.ValidString(want) || got < textLen(want)) {
		t.Fatalf("mrkdwnLen is %d, the reference's length %d: %#v", got, textLen(want), blocks)
	}
}

func TestMrkdwnMatchesTheRendererItReplaced(t *testing.T) {
	for _, blocks := range testkit.RenderSamples(t, 3000) {
		checkMrkdwnMatchesReference(t, blocks)
	}
}

func FuzzMrkdwnMatchesTheRendererItReplaced(f *testing.F) {
	f.Add("a*b_c`d\n```\ncode", "https://x|<!here>", uint8(7))
	f.Add("  长文本 \n\n *x* ", "mailto:a@b.c", uint8(0x1f))
	f.Fuzz(func(t *testing.T, text, url string, shape uint8) {
		span := rich.Span{Text: text, Style: rich.Style(shape & 7), URL: url}
		para := rich.Para(span, rich.Span{Text: text, Style: rich.Style(shape >> 3 & 7)})
		blocks := []rich.Block{para, {Kind: rich.Code, Text: text}}
		if shape&0x40 != 0 {
			blocks = []rich.Block{{Kind: rich.List, Ordered: shape&8 != 0, Start: int(shape), Items: [][]rich.Block{blocks, {{Kind: rich.Quote, Children: blocks}}, nil}}}
		}
		if shape&0x80 != 0 {
			blocks = []rich.Block{{Kind: rich.Quote, Children: append(blocks, rich.Block{Kind: rich.List, Items: [][]rich.Block{blocks}})}, para}
		}
		checkMrkdwnMatchesReference(t, blocks)
	})
}
