package testkit

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// CheckSplitMeasure checks an adapter's measure for rich.Split on the
// shipped bank's answers and on blocks at the edges of markup (styles
// across line breaks, links, escapes, control characters, blank and
// trailing lines, code with a language, quotes, a long paragraph):
//
//   - it adds up as Split assumes: two blocks measure together what each
//     does alone plus a constant, and so do two lines of a paragraph or of
//     a code block;
//   - every chunk Split makes with it, for limits up to max, measures at
//     most the limit as sent (sent is the length of what the adapter
//     sends), unless it holds a single character.
func CheckSplitMeasure(t *testing.T, size, sent func([]rich.Block) int, max int) {
	t.Helper()
	samples := [][]rich.Block{{
		rich.Para(rich.Span{Text: "bold\nacross <lines>", Style: rich.Bold | rich.Italic}, rich.Span{Text: "\n\n"}, rich.Span{Text: "a & b", URL: "https://kubernetes.io/"}),
		rich.Para(rich.Span{Text: "`code`\x01 ", Style: rich.InlineCode}, rich.Span{Text: "tail\n"}),
		{Kind: rich.Code, Lang: "yaml", Text: "a: <b>\n\n  c: d\n"},
		{Kind: rich.Quote, Children: []rich.Block{rich.Text("quoted\nlines"), {Kind: rich.List, Items: [][]rich.Block{{rich.Text("item")}}}}},
		rich.Text(strings.Repeat("长行", 300) + "\n" + strings.Repeat("line\n", 200)),
	}}
	for _, q := range ShippedBank(t).Questions() {
		samples = append(samples, q.Answer)
	}

	measure := func(b ...rich.Block) int { return size(b) }
	a, b := rich.Text("a"), rich.Text("b")
	between := measure(a, b) - measure(a) - measure(b)
	lineBreak := rich.Span{Text: "\n"}
	lineJoin := measure(rich.Para(a.Spans[0], lineBreak, b.Spans[0])) - measure(a) - measure(b)
	for _, blocks := range samples {
		for i := 1; i < len(blocks); i++ {
			x, y := blocks[i-1], blocks[i]
			if got, want := measure(x, y), measure(x)+measure(y)+between; got != want {
				t.Errorf("two blocks measure %d, want %d:\n%+v\n%+v", got, want, x, y)
			}
			if x.Kind == rich.Paragraph && y.Kind == rich.Paragraph {
				joined := rich.Para(append(append(append([]rich.Span(nil), x.Spans...), lineBreak), y.Spans...)...)
				if got, want := measure(joined), measure(x)+measure(y)+lineJoin; got != want {
					t.Errorf("two lines measure %d, want %d:\n%+v\n%+v", got, want, x, y)
				}
			}
			if x.Kind == rich.Code {
				code := func(s string) rich.Block { return rich.Block{Kind: rich.Code, Lang: x.Lang, Text: s} }
				join := measure(code("a\nb")) - measure(code("a")) - measure(code("b"))
				if got, want := measure(code(x.Text+"\n"+y.Text)), measure(x)+measure(code(y.Text))+join; got != want {
					t.Errorf("two lines of code measure %d, want %d", got, want)
				}
			}
		}
		for _, limit := range []int{60, 200, 700, max} {
			for _, chunk := range rich.Split(blocks, limit, size) {
				if n := sent(chunk); n > limit && utf8.RuneCountInString(rich.Plain(chunk)) > 1 {
					t.Errorf("a chunk is sent as %d characters, over the limit %d: %+v", n, limit, chunk)
				}
			}
		}
	}
}

// BenchmarkSplit splits 200 KB answers as an adapter does, with its
// measure and limit: one paragraph of 80-character lines, of short lines,
// and a single line. The cost must be linear in the answer's length,
// whatever its lines.
func BenchmarkSplit(b *testing.B, size func([]rich.Block) int, limit int) {
	for _, shape := range []struct {
		name    string
		lineLen int
	}{{"80-char lines", 80}, {"short lines", 8}, {"one line", 200_000}} {
		answer := longAnswer(shape.lineLen)
		b.Run(shape.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rich.Split(answer, limit, size)
			}
		})
	}
}

// longAnswer is an answer of 200 KB: one paragraph of numbered lines of
// lineLen characters (at least 7).
func longAnswer(lineLen int) []rich.Block {
	filler := strings.Repeat("k", max(lineLen-6, 1))
	var b strings.Builder
	for i := 0; b.Len() < 200_000; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%05d %s", i%100_000, filler)
	}
	return []rich.Block{rich.Text(b.String())}
}
