package bank_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// A Markdown table is read as a table: its text is its cells, a row a
// line, never its pipes nor the |---| line under the header; its key
// points are its body rows, the header none of them.
func TestTablesAreReadAsRows(t *testing.T) {
	q := testkit.QuestionIn(t, testkit.ParseBank(t, testkit.TableBank), testkit.TableTitle)
	var points []string
	for _, kp := range q.KeyPoints {
		points = append(points, kp.Text)
		if strings.ContainsAny(kp.Label, "|") || strings.Contains(kp.Label, "---") {
			t.Errorf("a key point labelled %q", kp.Label)
		}
	}
	if !slices.Equal(points, testkit.TableRows) {
		t.Errorf("key points %q, want the table's body rows %q", points, testkit.TableRows)
	}
	plain := rich.Plain(q.Answer)
	if strings.Contains(plain, "|") || strings.Contains(plain, "---") {
		t.Errorf("the answer's text holds the table's Markdown:\n%s", plain)
	}
	for _, want := range append([]string{"访问模式如下：", "模式 — 简写 — 说明"}, testkit.TableRows...) {
		if !strings.Contains(plain, want+"\n") && !strings.HasSuffix(plain, want) {
			t.Errorf("the answer's text lacks the line %q:\n%s", want, plain)
		}
	}
}

// A table among other blocks is a list of points too: the paragraph
// leading into it is no point, one after it is; a row with no text, and a
// header with none, are nothing; inline styles and escaped pipes in cells
// are kept.
func TestTablePointsBesideOtherBlocks(t *testing.T) {
	src := "# 说说 Service 的类型\n\n" +
		"常见类型：\n\n" +
		"| | |\n|--|--|\n| `ClusterIP` | 集群内部访问 |\n|  |  |\n| **NodePort** | 节点端口 a \\| b |\n\n" +
		"另外还有 ExternalName 类型，返回 CNAME 记录。\n"
	qs, err := bank.Parse("t.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	q := qs[0]
	var points []string
	for _, kp := range q.KeyPoints {
		points = append(points, kp.Text)
	}
	want := []string{"ClusterIP — 集群内部访问", "NodePort — 节点端口 a | b", "另外还有 ExternalName 类型，返回 CNAME 记录。"}
	if !slices.Equal(points, want) {
		t.Errorf("key points %q, want %q", points, want)
	}
	i := slices.IndexFunc(q.Answer, func(b rich.Block) bool { return b.Kind == rich.Table })
	if i < 0 {
		t.Fatalf("no table in %+v", q.Answer)
	}
	table := q.Answer[i]
	if len(table.Header) != 0 || len(table.Rows) != 2 {
		t.Errorf("header %v and %d rows, want no header and 2 rows", table.Header, len(table.Rows))
	}
	if table.Spans[0].Text != "ClusterIP" || table.Spans[0].Style != rich.InlineCode {
		t.Errorf("the first cell reads %+v, want ClusterIP as code", table.Spans[0])
	}
}
