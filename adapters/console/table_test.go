package console

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
)

// A table in an answer is shown as lines of text: the header, then a row
// a line, with no pipes nor the line under the header.
func TestTablesRenderAsLines(t *testing.T) {
	q := testkit.QuestionIn(t, testkit.ParseBank(t, testkit.TableBank), testkit.TableTitle)
	got := style{}.renderBlocks(q.Answer)
	want := "访问模式如下：\n\n模式 — 简写 — 说明\n" + strings.Join(testkit.TableRows, "\n") + "\n"
	if got != want {
		t.Errorf("rendered:\n%s\nwant:\n%s", got, want)
	}
	if bold := (style{ansi: true}).renderBlocks(q.Answer); !strings.Contains(bold, "\x1b[1m模式") {
		t.Errorf("on a terminal the header is not bold:\n%q", bold)
	}
}
