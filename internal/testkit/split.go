package testkit

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

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
//   - a block measures at least what a first part of it does: a
//     paragraph or code block its first lines, a list its first items, a
//     quote its first children;
//   - every chunk Split makes with it, for limits up to max, measures at
//     most the limit as sent (sent is the length of what the adapter
//     sends), unless it holds a single character.
func CheckSplitMeasure(t *testing.T, size, sent func([]rich.Block) int, max int) {
	t.Helper()
	samples := append([][]rich.Block{edgeBlocks()}, shippedAnswers(t)...)
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
		for _, b := range blocks {
			whole := measure(b)
			for _, first := range firstParts(b) {
				if n := measure(first); n > whole {
					t.Errorf("a first part of a block measures %d, more than the whole %d:\n%+v\n%+v", n, whole, first, b)
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

// firstParts are the first parts of b: the paragraphs or code blocks of
// its text before each of its first 50 line breaks, the lists of its first
// items, the quotes of its first children.
func firstParts(b rich.Block) []rich.Block {
	var out []rich.Block
	for k := 1; k < len(b.Items); k++ { // a list's
		out = append(out, rich.Block{Kind: b.Kind, Items: b.Items[:k], Ordered: b.Ordered, Start: b.Start})
	}
	for k := 1; k < len(b.Children); k++ { // a quote's
		out = append(out, rich.Block{Kind: b.Kind, Children: b.Children[:k]})
	}
	switch b.Kind {
	case rich.Code:
		for _, end := range lineBreaks(b.Text, 50) {
			first := b
			first.Text = b.Text[:end]
			out = append(out, first)
		}
	case rich.Paragraph:
		for i, s := range b.Spans {
			for _, end := range lineBreaks(s.Text, 50-len(out)) {
				last := s
				last.Text = s.Text[:end]
				out = append(out, rich.Para(append(b.Spans[:i:i], last)...))
			}
		}
	}
	return out
}

// lineBreaks are where the first n line breaks of s are.
func lineBreaks(s string, n int) []int {
	var out []int
	for at := 0; len(out) < n; at++ {
		next := strings.IndexByte(s[at:], '\n')
		if next < 0 {
			break
		}
		at += next
		out = append(out, at)
	}
	return out
}

// edgeBlocks are blocks at the edges of markup: styles across line
// breaks, links, escapes, control characters, blank and trailing lines,
// code with a language, quotes, a long paragraph.
func edgeBlocks() []rich.Block {
	return []rich.Block{
		rich.Para(rich.Span{Text: "bold\nacross <lines>", Style: rich.Bold | rich.Italic}, rich.Span{Text: "\n\n"}, rich.Span{Text: "a & b", URL: "https://kubernetes.io/"}),
		rich.Para(rich.Span{Text: "`code`\x01 ", Style: rich.InlineCode}, rich.Span{Text: "tail\n"}),
		{Kind: rich.Code, Lang: "yaml", Text: "a: <b>\n\n  c: d\n"},
		{Kind: rich.Quote, Children: []rich.Block{rich.Text("quoted\nlines"), {Kind: rich.List, Items: [][]rich.Block{{rich.Text("item")}}}}},
		rich.Text(strings.Repeat("长行", 300) + "\n" + strings.Repeat("line\n", 200)),
	}
}

// shippedAnswers are the answers of the shipped bank.
func shippedAnswers(tb testing.TB) [][]rich.Block {
	var out [][]rich.Block
	for _, q := range ShippedBank(tb).Questions() {
		out = append(out, q.Answer)
	}
	return out
}

// RenderSamples are answers to check a renderer on: the shipped bank's,
// blocks at the edges of markup, and n random trees of paragraphs, lists,
// code and quotes, nested up to three deep, of text holding markup
// characters, escapes, line breaks and blank lines, spaces at the edges,
// wide and control characters, invalid UTF-8 and links good and bad.
func RenderSamples(tb testing.TB, n int) [][]rich.Block {
	samples := append([][]rich.Block{edgeBlocks()}, shippedAnswers(tb)...)
	r := rand.New(rand.NewPCG(13, uint64(n)))
	for range n {
		samples = append(samples, randomBlocks(r, 0))
	}
	return samples
}

// randomBlocks is a random tree of up to four blocks, depth levels deep.
func randomBlocks(r *rand.Rand, depth int) []rich.Block {
	var out []rich.Block
	for range r.IntN(4) + 1 {
		kind := rich.BlockKind(r.IntN(4))
		if depth > 2 {
			kind = rich.Paragraph
		}
		switch kind {
		case rich.Paragraph:
			var spans []rich.Span
			for range r.IntN(5) {
				s := rich.Span{Text: randomText(r), Style: rich.Style(r.IntN(8))}
				if r.IntN(4) == 0 {
					s.URL = []string{"https://kubernetes.io/docs?a=1&b=<2>|x", "mailto:a@b.c", "javascript:alert(1)", "http:// bad", " https://k8s.io/\n"}[r.IntN(5)]
				}
				spans = append(spans, s)
			}
			out = append(out, rich.Para(spans...))
		case rich.Code:
			out = append(out, rich.Block{Kind: rich.Code, Lang: []string{"", "yaml", "bad lang\""}[r.IntN(3)], Text: randomText(r) + randomText(r)})
		case rich.List:
			var items [][]rich.Block
			for range r.IntN(4) {
				items = append(items, randomBlocks(r, depth+1))
			}
			out = append(out, rich.Block{Kind: rich.List, Ordered: r.IntN(2) == 0, Start: r.IntN(12), Items: items})
		case rich.Quote:
			out = append(out, rich.Block{Kind: rich.Quote, Children: randomBlocks(r, depth+1)})
		}
	}
	return out
}

// randomText is a random run of words, markup and awkward characters.
func randomText(r *rand.Rand) string {
	pieces := []string{"word", " ", "  ", "\t", "\n", "\n\n", "字符", "😀", "*", "_", "~", "`", "```", "*bold*", "a_b", "&<>", "&amp;", "\x01", "\x7f", "\xff", "\u00a0", "\u0085", "", "kubectl get pods", "https://x|<!here>", strings.Repeat("x", 90)}
	var b strings.Builder
	for range r.IntN(12) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// BenchmarkSplit splits answers of the given size in bytes as an adapter
// does, with its measure and limit: one paragraph of 80-character lines,
// of short lines, and a single line. The cost must be linear in the
// answer's length, whatever its lines: twice the bytes, twice the time.
func BenchmarkSplit(b *testing.B, size func([]rich.Block) int, limit, bytes int) {
	for _, shape := range []struct {
		name    string
		lineLen int
	}{{"80-char lines", 80}, {"short lines", 8}, {"one line", bytes}} {
		answer := longAnswer(shape.lineLen, bytes)
		b.Run(shape.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rich.Split(answer, limit, size)
			}
		})
	}
}

// longAnswer is an answer of the given size in bytes: one paragraph of
// numbered lines of lineLen characters (at least 7).
func longAnswer(lineLen, bytes int) []rich.Block {
	filler := strings.Repeat("k", max(lineLen-6, 1))
	var b strings.Builder
	for i := 0; b.Len() < bytes; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%05d %s", i%100_000, filler)
	}
	return []rich.Block{rich.Text(b.String())}
}

// CheckLongLinesAreCutAtEdges checks how an adapter cuts a line too long
// for one message or section: chunks renders blocks as the texts it
// sends. A paragraph of 8,000 characters of Chinese and English sentences
// is cut after sentences, never inside a word; lines of emoji families,
// flags and accented letters are cut between grapheme clusters, never
// inside one.
func CheckLongLinesAreCutAtEdges(t testing.TB, chunks func([]rich.Block) []string) {
	t.Helper()
	parts := chunks([]rich.Block{rich.Text(Sentences(8000))})
	if len(parts) < 2 {
		t.Fatalf("8,000 characters were sent as %d texts", len(parts))
	}
	for i, p := range parts[:len(parts)-1] {
		end := []rune(strings.TrimRightFunc(p, unicode.IsSpace))
		if len(end) == 0 {
			t.Errorf("text %d is %q: empty or only white space", i, p)
			continue
		}
		if !strings.ContainsRune("。；.", end[len(end)-1]) {
			next := []rune(parts[i+1])
			t.Errorf("text %d ends %q, not after a sentence; the next starts %q", i, string(end[max(0, len(end)-12):]), string(next[:min(12, len(next))]))
		}
	}
	family := "👨\u200d👩\u200d👧\u200d👦"
	for _, line := range []string{strings.Repeat(family, 1200), "中" + strings.Repeat("🇨🇳", 2000), strings.Repeat("e\u0301", 5000)} {
		clusters := 0
		for _, p := range chunks([]rich.Block{rich.Text(line)}) {
			clusters += uniseg.GraphemeClusterCount(p)
		}
		if want := uniseg.GraphemeClusterCount(line); clusters != want {
			t.Errorf("a line of %q… was sent in texts of %d grapheme clusters in all, want %d: one was cut", string([]rune(line)[:4]), clusters, want)
		}
	}
}

// Sentences is a line of at least n characters of Chinese and English
// sentences, ended by 。；. and with spaces and commas inside, as a long
// paragraph of an answer is.
func Sentences(n int) string {
	sentences := []string{
		"kubelet 与 apiserver 通信，定期上报节点状态；",
		"kube-proxy 维护 Service 的转发规则，把流量送到后端 Pod。",
		"The scheduler picks a node for every pending Pod, weighing requests, affinity and taints. ",
	}
	var text strings.Builder
	for i := 0; utf8.RuneCountInString(text.String()) < n; i++ {
		text.WriteString(sentences[i%len(sentences)])
	}
	return text.String()
}
