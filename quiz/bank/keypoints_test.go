package bank_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"Chinese full stops end sentences", "第一句话。第二句话。", []string{"第一句话。", "第二句话。"}},
		{"semicolons end sentences and are dropped", "节点管理功能；容器管理功能;", []string{"节点管理功能", "容器管理功能"}},
		{"question and exclamation marks end sentences", "这是为什么？因为如此！Really? Yes indeed!", []string{"这是为什么？", "因为如此！", "Really?", "Yes indeed!"}},
		{"line ends end sentences", "first line\nsecond line", []string{"first line", "second line"}},
		{"a Latin full stop before a space ends a sentence", "Pods are small. They share a network.", []string{"Pods are small.", "They share a network."}},
		{"a full stop inside a name or version does not", "默认为 cluster.local，从V1.8版本开始", []string{"默认为 cluster.local，从V1.8版本开始"}},
		{"fragments shorter than four characters are dropped", "是。不是的，这样。ok; fine.", []string{"不是的，这样。", "fine."}},
		{"trailing commas and enumeration commas are trimmed", "第一点内容，\n第二点内容、", []string{"第一点内容", "第二点内容"}},
		{"surrounding spaces are trimmed", "   text here   ", []string{"text here"}},
		{"empty text has no sentences", "", nil},
		{"a bracketed note stays with the sentence it follows", "第一句话。（注：补充一句。）第二句话。", []string{"第一句话。（注：补充一句。）", "第二句话。"}},
		{"a full stop inside brackets ends nothing", "用法（见下。）仍是一句；另外的一句", []string{"用法（见下。）仍是一句", "另外的一句"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bank.Sentences(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		name string
		s    string
		n    int
		want string
	}{
		{"a short string is unchanged", "pod", 5, "pod"},
		{"a string of exactly n characters is unchanged", "存储卷", 3, "存储卷"},
		{"a long string is cut to n characters ending in an ellipsis", "abcdefgh", 5, "abcd…"},
		{"Chinese is cut by characters, not bytes", "持久化存储卷", 4, "持久化…"},
		{"a space before the ellipsis is trimmed", "ab  cdefg", 4, "ab…"},
		{"n of one leaves only the ellipsis", "abc", 1, "…"},
		{"n of zero gives an empty string", "abc", 0, ""},
		{"a negative n gives an empty string", "abc", -3, ""},
		{"an empty string stays empty", "", 0, ""},
		{"a Latin word is cut before, not inside", "列表中删除到此endpoint的service", 22, "列表中删除到此endpoint的…"},
		{"a hyphenated name is one word", "运行在node上的kube-proxy", 18, "运行在node上的…"},
		{"a word that is all there is is cut inside", "ReadWriteOncePod", 6, "ReadW…"},
		{"a cut at the end of a word keeps it", "存储 ab cdef", 6, "存储 ab…"},
		{"an emoji sequence at the cut is left out whole", "家庭👨\u200d👩\u200d👧\u200d👦成员", 5, "家庭…"},
		{"a flag at the cut is left out whole", "国旗🇨🇳🇯🇵", 4, "国旗…"},
		{"a flag before the cut is kept whole", "国旗🇨🇳🇯🇵", 5, "国旗🇨🇳…"},
		{"a letter is not parted from its accent", "成员e\u0301更多", 4, "成员…"},
		{"a Latin word after an emoji is cut before", "👨\u200d👩\u200d👧\u200d👦 kube-proxy", 12, "👨\u200d👩\u200d👧\u200d👦…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := bank.Truncate(tt.s, tt.n)
			if got != tt.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
			}
			if tt.n >= 0 && utf8.RuneCountInString(got) > tt.n {
				t.Errorf("Truncate(%q, %d) = %q is longer than %d", tt.s, tt.n, got, tt.n)
			}
		})
	}
}

func TestKeyPoints(t *testing.T) {
	long := strings.Repeat("很长的要点文字", 10) // 70 characters, no colon
	tests := []struct {
		name       string
		answer     string
		wantTexts  []string
		wantLabels []string
	}{
		{
			name:       "top-level bullets are the key points, labelled by the part before a colon",
			answer:     "intro\n\n- Always: 总是重启\n- OnFailure：失败时重启\n- Never: 从不重启\n",
			wantTexts:  []string{"Always: 总是重启", "OnFailure：失败时重启", "Never: 从不重启"},
			wantLabels: []string{"Always", "OnFailure", "Never"},
		},
		{
			name:       "a numbered list counts as bullets",
			answer:     "1. first point here\n2. second point here\n",
			wantTexts:  []string{"first point here", "second point here"},
			wantLabels: []string{"first point here", "second point here"},
		},
		{
			name:       "a bullet keeps its later lines and nested bullets, which are no points of their own",
			answer:     "- top one\n  continued line\n  - nested\n- top two\n",
			wantTexts:  []string{"top one\ncontinued line\nnested", "top two"},
			wantLabels: []string{"top one", "top two"},
		},
		{
			name:       "bullets of several lists all count; the paragraph leading into a list is none",
			answer:     "- a point\n\ntext leading in:\n\n- b point\n",
			wantTexts:  []string{"a point", "b point"},
			wantLabels: []string{"a point", "b point"},
		},
		{
			name:       "a paragraph after a list is a point of its own, not part of the last bullet",
			answer:     "- a point\n- b point\n\nSome closing paragraph.\n",
			wantTexts:  []string{"a point", "b point", "Some closing paragraph."},
			wantLabels: []string{"a point", "b point", "Some closing paragraph."},
		},
		{
			name:       "each paragraph after a list is a point, and the code one introduces is part of it",
			answer:     "- 先将节点设置成不可调度状态\n- 驱逐节点上的pod\n\n维护完成后恢复调度。\n\n驱逐用 kubectl drain 命令：\n\n```sh\nkubectl drain node-1\n```\n",
			wantTexts:  []string{"先将节点设置成不可调度状态", "驱逐节点上的pod", "维护完成后恢复调度。", "驱逐用 kubectl drain 命令：\nkubectl drain node-1"},
			wantLabels: []string{"先将节点设置成不可调度状态", "驱逐节点上的pod", "维护完成后恢复调度", "驱逐用 kubectl drain 命令"},
		},
		{
			name:       "code right after a list belongs to its last bullet",
			answer:     "- 先将节点设置成不可调度状态\n- 驱逐节点上的pod，用 drain\n\n```sh\nkubectl drain node-1\n```\n",
			wantTexts:  []string{"先将节点设置成不可调度状态", "驱逐节点上的pod，用 drain\nkubectl drain node-1"},
			wantLabels: []string{"先将节点设置成不可调度状态", "驱逐节点上的pod，用 drain"},
		},
		{
			name:       "a paragraph that leads into the next list is no point",
			answer:     "- a point\n- b point\n\nIn the second place:\n\n- c point\n",
			wantTexts:  []string{"a point", "b point", "c point"},
			wantLabels: []string{"a point", "b point", "c point"},
		},
		{
			name:       "a block quote after a list is a point of its own",
			answer:     "- service：接入点\n- endpoint：地址列表\n\n> kube-proxy 监听两者的变化。\n",
			wantTexts:  []string{"service：接入点", "endpoint：地址列表", "kube-proxy 监听两者的变化。"},
			wantLabels: []string{"service", "endpoint", "kube-proxy 监听两者的变化"},
		},
		{
			name:       "a note to the reader after a list, quoted or not, is no point nor part of one",
			answer:     "- 过滤：去掉不合适的节点\n- 打分：给节点排名\n\n> 注：预选和优选是老版本的说法。\n\n注：v1.23 移除了 Policy。\n",
			wantTexts:  []string{"过滤：去掉不合适的节点", "打分：给节点排名"},
			wantLabels: []string{"过滤", "打分"},
		},
		{
			name:       "a bullet that is a note is no point",
			answer:     "- Retain：保留\n- Delete：删除\n- 注：Recycle 已废弃\n",
			wantTexts:  []string{"Retain：保留", "Delete：删除"},
			wantLabels: []string{"Retain", "Delete"},
		},
		{
			name:       "without bullets, a note paragraph gives no sentence points",
			answer:     "第一点说明。第二点说明。\n\n注：第一句话。第二句话。\n",
			wantTexts:  []string{"第一点说明。", "第二点说明。"},
			wantLabels: []string{"第一点说明", "第二点说明"},
		},
		{
			name:       "a bullet that is only a head and a colon is dropped",
			answer:     "- 控制循环：\n- Informers：Controller 通过 Informer 访问资源\n- pod同步:\n- 容器启动\n",
			wantTexts:  []string{"Informers：Controller 通过 Informer 访问资源", "容器启动"},
			wantLabels: []string{"Informers", "容器启动"},
		},
		{
			name:       "a head that leads into its content is no label",
			answer:     "- pod的DNS域名格式为：<pod-ip>.<namespace>.pod\n- CSI包括CSI Controller：管理存储卷\n",
			wantTexts:  []string{"pod的DNS域名格式为：<pod-ip>.<namespace>.pod", "CSI包括CSI Controller：管理存储卷"},
			wantLabels: []string{"pod的DNS域名格式为：<pod-ip>.<namespace>.pod", "CSI包括CSI Controller：管理存储卷"},
		},
		{
			name:       "a clause before a colon is no label",
			answer:     "- ReadWriteOnce，简写：RWO 表示，仅允许单个节点以读写方式挂载；\n- b point\n",
			wantTexts:  []string{"ReadWriteOnce，简写：RWO 表示，仅允许单个节点以读写方式挂载；", "b point"},
			wantLabels: []string{"ReadWriteOnce，简写：RWO 表示，仅允许单个节点以读写方式挂载", "b point"},
		},
		{
			name:       "without bullets, the sentences of paragraphs are the key points",
			answer:     "Pods are the smallest unit. They share one network namespace.\n\n容器共享存储；容器共享网络。",
			wantTexts:  []string{"Pods are the smallest unit.", "They share one network namespace.", "容器共享存储", "容器共享网络。"},
			wantLabels: []string{"Pods are the smallest unit.", "They share one network namespace.", "容器共享存储", "容器共享网络"},
		},
		{
			name:       "numbered paragraphs are a point each, labelled without their number; their lead-in is none",
			answer:     "主要有两种类别：\n\n1）BestEffort：什么都不设置。也最先被驱逐；\n\n2）Guaranteed：request 和 limit 相等；\n",
			wantTexts:  []string{"1）BestEffort：什么都不设置。也最先被驱逐；", "2）Guaranteed：request 和 limit 相等；"},
			wantLabels: []string{"BestEffort", "Guaranteed"},
		},
		{
			name:       "without bullets, a code block and a quote are points of their own",
			answer:     "直接修改副本数即可。\n\n```sh\nkubectl scale --replicas=5 deployment/web\n```\n\n> a quoted remark.\n",
			wantTexts:  []string{"直接修改副本数即可。", "kubectl scale --replicas=5 deployment/web", "a quoted remark."},
			wantLabels: []string{"直接修改副本数即可", "kubectl scale --replicas=5 deployment/web", "a quoted remark."},
		},
		{
			name:       "code that a paragraph leads into belongs to its last sentence",
			answer:     "副本数决定规模。可以这样修改：\n\n```sh\nkubectl scale --replicas=5 deployment/web\n```\n",
			wantTexts:  []string{"副本数决定规模。", "可以这样修改：\nkubectl scale --replicas=5 deployment/web"},
			wantLabels: []string{"副本数决定规模", "可以这样修改"},
		},
		{
			name:       "a long point without a short head is cut to 48 characters",
			answer:     "- " + long + "\n- short: x\n",
			wantTexts:  []string{long, "short: x"},
			wantLabels: []string{string([]rune(long)[:47]) + "…", "short"},
		},
		{
			name:       "a head before a colon longer than 48 characters is not a label",
			answer:     "- " + long + "：细节\n- ab\n",
			wantTexts:  []string{long + "：细节", "ab"},
			wantLabels: []string{string([]rune(long)[:47]) + "…", "ab"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := testkit.ParseBank(t, "# q\n\n"+tt.answer).Questions()[0]
			var texts, labels []string
			for _, k := range q.KeyPoints {
				texts = append(texts, k.Text)
				labels = append(labels, k.Label)
				if got := rich.Plain(k.Content); got != k.Text {
					t.Errorf("key point %q: its content reads %q", k.Text, got)
				}
			}
			if !slices.Equal(texts, tt.wantTexts) {
				t.Errorf("texts = %q, want %q", texts, tt.wantTexts)
			}
			if !slices.Equal(labels, tt.wantLabels) {
				t.Errorf("labels = %q, want %q", labels, tt.wantLabels)
			}
		})
	}

	t.Run("a bullet's content keeps its blocks and styles", func(t *testing.T) {
		q := testkit.ParseBank(t, "# q\n\n- run `kubectl drain`:\n  ```sh\n  kubectl drain n1\n  ```\n- b point\n").Questions()[0]
		c := q.KeyPoints[0].Content
		if len(c) != 2 || c[0].Kind != rich.Paragraph || c[1].Kind != rich.Code || c[1].Text != "kubectl drain n1" {
			t.Fatalf("content = %#v", c)
		}
		if s := c[0].Spans; len(s) != 3 || s[1].Text != "kubectl drain" || s[1].Style != rich.InlineCode {
			t.Errorf("spans = %#v", s)
		}
	})

	t.Run("a sentence's content keeps the styles of its part of the paragraph", func(t *testing.T) {
		q := testkit.ParseBank(t, "# q\n\n先用 `kubectl cordon` 停止调度。再用 **drain** 驱逐。\n").Questions()[0]
		if len(q.KeyPoints) != 2 {
			t.Fatalf("key points = %+v", q.KeyPoints)
		}
		first, second := q.KeyPoints[0].Content[0].Spans, q.KeyPoints[1].Content[0].Spans
		if len(first) != 3 || first[1] != (rich.Span{Text: "kubectl cordon", Style: rich.InlineCode}) || first[2].Text != " 停止调度。" {
			t.Errorf("first sentence spans = %#v", first)
		}
		if len(second) != 3 || second[0].Text != "再用 " || second[1] != (rich.Span{Text: "drain", Style: rich.Bold}) {
			t.Errorf("second sentence spans = %#v", second)
		}
	})

	t.Run("no more than MaxKeyPoints are kept, the first ones, with a warning", func(t *testing.T) {
		var b strings.Builder
		for i := range bank.MaxKeyPoints + 5 {
			b.WriteString("- point number " + strings.Repeat("x", i+1) + "\n")
		}
		src := "# q\n\n" + b.String()
		kp := testkit.ParseBank(t, src).Questions()[0].KeyPoints
		if len(kp) != bank.MaxKeyPoints {
			t.Fatalf("%d key points, want %d", len(kp), bank.MaxKeyPoints)
		}
		if kp[0].Text != "point number x" {
			t.Errorf("first key point = %q", kp[0].Text)
		}
		_, problems := bank.ParseFileForTest("q.md", []byte(src))
		want := fmt.Sprintf(`q.md:1: warning: question "q" has %d key points: only the first %d are kept, and from "point number %s" on`,
			bank.MaxKeyPoints+5, bank.MaxKeyPoints, strings.Repeat("x", bank.MaxKeyPoints+1))
		if len(problems) != 1 || !strings.HasPrefix(problems[0].Error(), want) || !problems[0].Warning {
			t.Errorf("problems %v, want one warning starting %q", problems, want)
		}
	})
}
