package slack_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
)

// A table in a user's bank reaches Slack as lines of text, in the answer,
// the checklist and the result of a typed answer: never its pipes, nor
// the |---| line under its header as a key point.
func TestTablesReachSlackAsLines(t *testing.T) {
	for _, tr := range transports {
		t.Run(string(tr), func(t *testing.T) {
			t.Parallel()
			b := testBank(t, testkit.TableBank)
			id := testkit.QuestionIn(t, b, testkit.TableTitle).ID
			e := newEnv(t, tr, options{bank: b})
			noMarkdown := func(what, text string) {
				t.Helper()
				if strings.Contains(text, "|") || strings.Contains(text, "---") {
					t.Errorf("%s shows the table's Markdown:\n%s", what, text)
				}
			}
			card := e.ask("U1", "C1", "ask "+id, 1)[0]
			answer := e.press("U1", "C1", card, card.Button(t, "s:"), 1)[0]
			shown := answer.Sections()
			noMarkdown("the answer", shown)
			if want := "*模式 — 简写 — 说明*\n" + strings.Join(testkit.TableRows, "\n"); !strings.Contains(strings.ReplaceAll(shown, "\u200b", ""), want) {
				t.Errorf("the answer:\n%s\nwant it to hold:\n%s", shown, want)
			}
			list := e.press("U1", "C1", answer, answer.Button(t, "c:"), 1)[0]
			var options []string
			for _, bl := range list.Blocks {
				for _, el := range bl.Elements {
					for _, o := range el.Options {
						noMarkdown("a checklist option", o.Text.Text)
						options = append(options, o.Text.Text)
					}
				}
			}
			if strings.Join(options, "\n") != strings.Join(testkit.TableRows, "\n") {
				t.Errorf("the checklist offers %q, want the table's rows %q", options, testkit.TableRows)
			}
			result := e.ask("U1", "C1", "answer "+id+" ReadWriteOnce 即 RWO，单节点读写", 1)[0].Sections()
			noMarkdown("the result of a typed answer", result)
			if !strings.Contains(result, "1/4 key points covered") {
				t.Errorf("the result of a typed answer covering one row:\n%s", result)
			}
		})
	}
}
