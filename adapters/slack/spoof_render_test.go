package slack

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

func TestNamesWithFormattingCharactersStayPlain(t *testing.T) {
	z := zwsp
	line := func(spans ...rich.Span) []rich.Block { return []rich.Block{rich.Para(spans...)} }
	tests := []struct {
		name   string
		blocks []rich.Block
		want   string
	}{
		{"bold, italic, strike and code markers at a word's edges", line(rich.Span{Text: "🥇 *Bob* _Al_ ~Cy~ `Di` — 10 pts"}),
			"🥇 ∗Bob∗ ˍAlˍ ∼Cy∼ ˋDiˋ — 10 pts"},
		{"markers inside a word cannot format and are kept", line(rich.Span{Text: "snake_case 2*3 a~b"}),
			"snake_case 2*3 a~b"},
		{"a name on the caller's bold line", line(rich.Span{Text: "1. *Eve* — 5 pts", Style: rich.Bold}),
			z + "*1. ∗Eve∗ — 5 pts*" + z},
		{"a blank before a Chinese character is all look-alikes", line(rich.Span{Text: "kubelet 就会通过____插件"}),
			"kubelet 就会通过ˍˍˍˍ插件"},
		{"blanks between words on one line", line(rich.Span{Text: "____是，当____检查失败，____确保了service"}),
			"ˍˍˍˍ是，当ˍˍˍˍ检查失败，ˍˍˍˍ确保了service"},
		{"a blank between Latin words", line(rich.Span{Text: "the ____ plugin and a__b"}),
			"the ˍˍˍˍ plugin and aˍˍb"},
		{"code shows what it holds", line(rich.Span{Text: "*.yaml", Style: rich.InlineCode}),
			z + "`*.yaml`" + z},
		{"code with backticks at its edges shows look-alikes", line(rich.Span{Text: "`x`", Style: rich.InlineCode}),
			z + "`ˋxˋ`" + z},
		{"a link's text", line(rich.Span{Text: "_docs_", URL: "https://k8s.io"}),
			"<https://k8s.io|ˍdocsˍ>"},
		{"an isolated right-to-left name is kept as the core made it", line(rich.Span{Text: "🥈 \u2068דוד\u2069 — 5 pts"}),
			"🥈 \u2068דוד\u2069 — 5 pts"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := mrkdwn(tc.blocks); got != tc.want {
				t.Errorf("got  %+q\nwant %+q", got, tc.want)
			}
		})
	}
}

func TestNotificationTextIsPlainToo(t *testing.T) {
	if got := fallbackText([]rich.Block{rich.Text("*Bob* is first")}); strings.Contains(got, "*Bob*") {
		t.Errorf("the notification text formats a name: %q", got)
	}
}
