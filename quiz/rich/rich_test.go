package rich_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

func TestSpansText(t *testing.T) {
	tests := []struct {
		name  string
		spans []rich.Span
		want  string
	}{
		{"no spans give an empty string", nil, ""},
		{"one span gives its text", []rich.Span{{Text: "pod"}}, "pod"},
		{
			"styled spans and links are joined without markup",
			[]rich.Span{
				{Text: "使用 "},
				{Text: "kubectl", Style: rich.InlineCode},
				{Text: " 和 "},
				{Text: "重点", Style: rich.Bold | rich.Italic},
				{Text: " docs", URL: "https://kubernetes.io"},
			},
			"使用 kubectl 和 重点 docs",
		},
		{"white space inside spans is kept", []rich.Span{{Text: " a "}, {Text: "\tb\n"}}, " a \tb\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rich.SpansText(tt.spans); got != tt.want {
				t.Errorf("SpansText = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPlain(t *testing.T) {
	nested := rich.Block{Kind: rich.List, Items: [][]rich.Block{
		{rich.Text("service 格式")},
		{
			rich.Text("pod 格式"),
			{Kind: rich.List, Items: [][]rich.Block{
				{rich.Text("演示：10-244-1-223.default.pod.cluster.local")},
				{rich.Text("deployment 创建的 pod")},
			}},
		},
	}}
	tests := []struct {
		name   string
		blocks []rich.Block
		want   string
	}{
		{"no blocks give an empty string", nil, ""},
		{"a paragraph gives its spans' text", []rich.Block{rich.Para(rich.Span{Text: "a "}, rich.Span{Text: "b", Style: rich.Bold})}, "a b"},
		{"paragraphs go on their own lines", []rich.Block{rich.Text("one"), rich.Text("two")}, "one\ntwo"},
		{"line breaks inside a paragraph are kept", []rich.Block{rich.Text("one\ntwo")}, "one\ntwo"},
		{
			"every list item, nested ones too, goes on its own line in order",
			[]rich.Block{nested},
			"service 格式\npod 格式\n演示：10-244-1-223.default.pod.cluster.local\ndeployment 创建的 pod",
		},
		{
			"an ordered list reads like an unordered one, without numbers",
			[]rich.Block{{Kind: rich.List, Ordered: true, Start: 3, Items: [][]rich.Block{{rich.Text("x")}, {rich.Text("y")}}}},
			"x\ny",
		},
		{
			"code is verbatim, indentation and inner lines included",
			[]rich.Block{rich.Text("run:"), {Kind: rich.Code, Lang: "Bash", Text: "kubectl get pods\n  -o wide"}, rich.Text("done")},
			"run:\nkubectl get pods\n  -o wide\ndone",
		},
		{
			"a quote gives the text of the blocks inside it, nested quotes too",
			[]rich.Block{{Kind: rich.Quote, Children: []rich.Block{
				rich.Text("outer"),
				{Kind: rich.Quote, Children: []rich.Block{rich.Text("inner")}},
			}}},
			"outer\ninner",
		},
		{
			"a list inside a quote is read too",
			[]rich.Block{{Kind: rich.Quote, Children: []rich.Block{{Kind: rich.List, Items: [][]rich.Block{{rich.Text("a")}, {rich.Text("b")}}}}}},
			"a\nb",
		},
		{"leading and trailing white space is trimmed", []rich.Block{rich.Text("  \n"), rich.Text(" x "), {Kind: rich.Code, Text: "\n"}}, "x"},
		{"an empty list gives nothing", []rich.Block{{Kind: rich.List}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rich.Plain(tt.blocks); got != tt.want {
				t.Errorf("Plain =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestLen(t *testing.T) {
	tests := []struct {
		name   string
		blocks []rich.Block
		want   int
	}{
		{"no blocks have length 0", nil, 0},
		{"ASCII text counts one per byte", []rich.Block{rich.Text("kubectl")}, 7},
		{"Chinese text counts characters, not bytes", []rich.Block{rich.Text("存储卷")}, 3},
		{"the line break between blocks counts once", []rich.Block{rich.Text("ab"), rich.Text("cd")}, 5},
		{"markup does not count", []rich.Block{rich.Para(rich.Span{Text: "ab", Style: rich.Bold, URL: "https://example.com/long/url"})}, 2},
		{"nested lists, code and quotes all count", []rich.Block{
			{Kind: rich.List, Items: [][]rich.Block{{rich.Text("a"), {Kind: rich.List, Items: [][]rich.Block{{rich.Text("b")}}}}}},
			{Kind: rich.Code, Text: "c"},
			{Kind: rich.Quote, Children: []rich.Block{rich.Text("d")}},
		}, len("a\nb\nc\nd")},
		{"trimmed white space does not count", []rich.Block{rich.Text("  x  ")}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rich.Len(tt.blocks); got != tt.want {
				t.Errorf("Len = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestConstructors(t *testing.T) {
	t.Run("Text is an unstyled paragraph of one span", func(t *testing.T) {
		b := rich.Text("hello")
		if b.Kind != rich.Paragraph || len(b.Spans) != 1 || b.Spans[0] != (rich.Span{Text: "hello"}) {
			t.Errorf("Text(\"hello\") = %+v", b)
		}
	})
	t.Run("Para keeps its spans in order", func(t *testing.T) {
		spans := []rich.Span{{Text: "a", Style: rich.Bold}, {Text: "b", URL: "u"}}
		b := rich.Para(spans...)
		if b.Kind != rich.Paragraph || len(b.Spans) != 2 || b.Spans[0] != spans[0] || b.Spans[1] != spans[1] {
			t.Errorf("Para = %+v", b)
		}
	})
	t.Run("styles combine as distinct bit flags", func(t *testing.T) {
		all := rich.Bold | rich.Italic | rich.InlineCode
		for _, s := range []rich.Style{rich.Bold, rich.Italic, rich.InlineCode} {
			if s == 0 || all&s != s {
				t.Errorf("style %d is not a flag of %d", s, all)
			}
		}
		if rich.Bold&rich.Italic != 0 || rich.Bold&rich.InlineCode != 0 || rich.Italic&rich.InlineCode != 0 {
			t.Error("styles overlap")
		}
	})
}

func TestUTF16LenCountsAsSlackAndTelegramDo(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"ascii text", 10},
		{"长行", 2},
		{"a😀b", 4},        // outside the BMP: a surrogate pair
		{"ok\xff\xfe", 4}, // an invalid byte counts one
		{strings.Repeat("k", 100) + "é", 101},
	} {
		if got := rich.UTF16Len(tc.in); got != tc.want {
			t.Errorf("UTF16Len(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
