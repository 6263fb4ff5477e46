package telegram

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

func TestRenderHTML(t *testing.T) {
	item := func(s string) []rich.Block { return []rich.Block{rich.Text(s)} }
	for _, tc := range []struct {
		name   string
		blocks []rich.Block
		want   string
	}{
		{"escapes <, > and & in text", []rich.Block{rich.Text(`a < b && c > d "q"`)}, `a &lt; b &amp;&amp; c &gt; d "q"`},
		{"styles spans with b, i and code", []rich.Block{rich.Para(
			rich.Span{Text: "bold", Style: rich.Bold}, rich.Span{Text: " "},
			rich.Span{Text: "both", Style: rich.Bold | rich.Italic}, rich.Span{Text: " "},
			rich.Span{Text: "<pod>", Style: rich.InlineCode | rich.Bold})},
			"<b>bold</b> <b><i>both</i></b> <code>&lt;pod&gt;</code>"},
		{"links http URLs with an escaped href", []rich.Block{rich.Para(rich.Span{Text: "docs", URL: `https://k8s.io/?a=1&b="2"`, Style: rich.InlineCode})},
			`<a href="https://k8s.io/?a=1&amp;b=&quot;2&quot;">docs</a>`},
		{"drops links Telegram would refuse", []rich.Block{rich.Para(rich.Span{Text: "x", URL: "javascript:alert(1)"})}, "x"},
		{"separates paragraphs by a blank line", []rich.Block{rich.Text("one"), rich.Text("two")}, "one\n\ntwo"},
		{"fences code with its language", []rich.Block{{Kind: rich.Code, Lang: "yaml", Text: "a: <b>"}},
			`<pre><code class="language-yaml">a: &lt;b&gt;</code></pre>`},
		{"leaves out a language that is not a plain name", []rich.Block{{Kind: rich.Code, Lang: `x"><b>`, Text: "ls"}}, "<pre>ls</pre>"},
		{"draws bullets and indents nested lists", []rich.Block{{Kind: rich.List, Items: [][]rich.Block{
			{rich.Text("pod"), {Kind: rich.List, Items: [][]rich.Block{item("init"), item("app")}}},
			item("node"),
		}}}, "• pod\n  • init\n  • app\n• node"},
		{"numbers ordered lists from their start", []rich.Block{{Kind: rich.List, Ordered: true, Start: 9, Items: [][]rich.Block{item("a"), item("b\nc")}}},
			"9. a\n10. b\n    c"},
		{"quotes in a blockquote, not nested", []rich.Block{{Kind: rich.Quote, Children: []rich.Block{
			rich.Text("outer"), {Kind: rich.Quote, Children: []rich.Block{rich.Text("inner")}},
		}}}, "<blockquote>outer\ninner</blockquote>"},
		{"removes control characters and repairs UTF-8", []rich.Block{rich.Text("a\x00b\x1b\xffc")}, "ab\uFFFDc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := renderHTML(tc.blocks)
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			checkHTML(t, got)
		})
	}
}

func TestLongTextIsSplitIntoMessagesThatFit(t *testing.T) {
	line := strings.Repeat("<&>", 50) + "\n" // escaping makes it 5 times longer
	para := rich.Para(rich.Span{Text: strings.Repeat(line, 60), Style: rich.Bold})
	code := rich.Block{Kind: rich.Code, Lang: "go", Text: strings.Repeat("x := a<b\n", 900)}
	chunks := htmlChunks([]rich.Block{para, code})
	if len(chunks) < 3 {
		t.Fatalf("%d messages, want the text split", len(chunks))
	}
	var all strings.Builder
	for _, c := range chunks {
		all.WriteString(checkHTML(t, c))
	}
	for _, want := range []string{strings.Repeat(line, 60), strings.Repeat("x := a<b\n", 899) + "x := a<b"} {
		if got := strings.ReplaceAll(all.String(), "\n", ""); !strings.Contains(got, strings.ReplaceAll(want, "\n", "")) {
			t.Fatalf("the messages lost text")
		}
	}
}

func TestEveryShippedAnswerRendersAsMessagesTelegramTakes(t *testing.T) {
	for _, q := range testkit.ShippedBank(t).Questions() {
		for _, c := range htmlChunks(q.Answer) {
			checkHTML(t, c)
		}
	}
}

func TestClipTextCutsToTheLimitWithoutBreakingCharacters(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		n        int
		want     string
	}{
		{"keeps text that fits", "short", 200, "short"},
		{"ends a cut with an ellipsis", "abcdef", 4, "abc…"},
		{"counts characters outside the BMP as two", "😀😀😀", 5, "😀😀…"},
		{"leaves out a family at the cut whole", "ab👨\u200d👩\u200d👧\u200d👦cd", 12, "ab…"},
		{"keeps a family before the cut", "ab👨\u200d👩\u200d👧\u200d👦cd", 14, "ab👨\u200d👩\u200d👧\u200d👦…"},
		{"leaves out a flag at the cut whole", "🇨🇳🇯🇵🇩🇪", 8, "🇨🇳…"},
		{"keeps a letter with its accent", "cafe\u0301s", 5, "caf…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := clipText(tc.in, tc.n); got != tc.want || textLen(got) > tc.n {
				t.Errorf("clipText(%q, %d) = %q", tc.in, tc.n, got)
			}
		})
	}
}

func TestEscapeTextCleansAndEscapesAnyText(t *testing.T) {
	for _, s := range []string{"", "plain text\tand\nlines", "a < b && c > d", "\x01ctrl\x7f", "caf\xc3\xa9 长", "bad \xff utf8", "\u0085 next line"} {
		if got, want := escapeText(s), htmlEscaper.Replace(cleanText(s)); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", s, got, want)
		}
	}
}
