package console

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

func answerOf(t *testing.T, title string) []rich.Block {
	t.Helper()
	return testkit.Question(t, title).Answer
}

// TestCodeRendersAsIndentedBlocks is issue 11's item 7: reference answers
// show no raw Markdown: code is an indented block without fences, inline
// code has no backticks, and colour is for a terminal only.
func TestCodeRendersAsIndentedBlocks(t *testing.T) {
	cases := []struct {
		title string
		want  string
	}{
		{"deployment的回滚使用什么命令", "    kubectl rollout history deployment/deployment-nginx\n    kubectl rollout undo deployment/deployment-nginx --to-revision=2\n"},
		{"deployment怎么扩容或缩容？", "直接修改pod副本数即可，可以通过下面的方式来修改pod副本数：\n\n    kubectl scale --replicas=5 deployment/deployment-name\n"},
	}
	for _, c := range cases {
		t.Run(c.title, func(t *testing.T) {
			got := style{}.renderBlocks(answerOf(t, c.title))
			if !strings.Contains(got, c.want) {
				t.Errorf("rendered:\n%s\nwant it to contain:\n%s", got, c.want)
			}
			if strings.Contains(got, "```") || strings.Contains(got, "\x1b") {
				t.Errorf("piped output has fences or escapes:\n%s", got)
			}
		})
	}
	for _, q := range testkit.ShippedBank(t).Questions() {
		if got := (style{}).renderBlocks(q.Answer); strings.Contains(got, "```") || strings.Contains(got, "`") {
			t.Errorf("%s renders Markdown marks:\n%s", q.ID, got)
		}
	}
	code := []rich.Block{
		rich.Para(rich.Span{Text: "run "}, rich.Span{Text: "kubectl get pods", Style: rich.InlineCode}),
		{Kind: rich.Code, Lang: "Bash", Text: "a\nb"},
	}
	if got, want := (style{}).renderBlocks(code), "run kubectl get pods\n\n    a\n    b\n"; got != want {
		t.Errorf("piped:\n%q\nwant\n%q", got, want)
	}
	want := "run \x1b[36mkubectl get pods\x1b[0m\n\n    \x1b[36ma\x1b[0m\n    \x1b[36mb\x1b[0m\n"
	if got := (style{ansi: true}).renderBlocks(code); got != want {
		t.Errorf("on a terminal:\n%q\nwant\n%q", got, want)
	}
}

func TestNestedListsIndentByDepth(t *testing.T) {
	got := style{}.renderBlocks(answerOf(t, "service的域名解析格式、pod的域名解析格式"))
	wantLines := []string{
		"• service的DNS域名表示格式为<servicename>.<namespace>.svc.<clusterdomain>，servicename是service的名称，namespace是service所处的命名空间，clusterdomain是k8s集群设置的域名后缀，一般默认为 cluster.local",
		"• pod的DNS域名格式为：<pod-ip>.<namespace>.pod.<clusterdomain> ，其中，pod-ip需要使用-将ip之间的点替换掉，namespace为pod所在的命名空间，clusterdomain是k8s集群设置的域名后缀，一般默认为 cluster.local ，",
		"  • 演示如下：10-244-1-223.default.pod.cluster.local",
		"  • 对于被 service 选中的pod，还可以通过<pod-ip>.<service-name>.<namespace>.svc.<clusterdomain> 这样的域名访问。",
	}
	lines := strings.Split(got, "\n")
	for i, want := range wantLines {
		if i >= len(lines) || lines[i] != want {
			t.Fatalf("line %d:\n got %q\nwant %q\nwhole:\n%s", i+1, at(lines, i), want, got)
		}
	}
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(none)"
}

func TestQuotesAndOrderedListsAndStyles(t *testing.T) {
	blocks := []rich.Block{
		rich.Para(rich.Span{Text: "bold", Style: rich.Bold}, rich.Span{Text: " and "}, rich.Span{Text: "kubectl get", Style: rich.InlineCode}),
		{Kind: rich.List, Ordered: true, Start: 3, Items: [][]rich.Block{{rich.Text("three")}, {rich.Text("four"), {Kind: rich.Code, Text: "x\ny"}}}},
		{Kind: rich.Quote, Children: []rich.Block{rich.Text("quoted\nline")}},
		rich.Para(rich.Span{Text: "docs", URL: "https://kubernetes.io"}),
	}
	want := "bold and kubectl get\n\n3. three\n4. four\n       x\n       y\n\n│ quoted\n│ line\n\ndocs (https://kubernetes.io)\n"
	if got := (style{}).renderBlocks(blocks); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got := (style{ansi: true}).renderBlocks(blocks[:1]); !strings.Contains(got, "\x1b[1mbold\x1b[0m") {
		t.Errorf("a terminal shows bold in ANSI: %q", got)
	}
}
