package bank_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/bank"
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
			name:       "nested bullets and later lines of a bullet are not points of their own",
			answer:     "- top one\n  continued line\n  - nested\n- top two\n",
			wantTexts:  []string{"top one", "top two"},
			wantLabels: []string{"top one", "top two"},
		},
		{
			name:       "bullets of several lists all count",
			answer:     "- a point\n\ntext\n\n- b point\n",
			wantTexts:  []string{"a point", "b point"},
			wantLabels: []string{"a point", "b point"},
		},
		{
			name:       "without bullets, the sentences of paragraphs are the key points",
			answer:     "Pods are the smallest unit. They share one network namespace.\n\n容器共享存储；容器共享网络。",
			wantTexts:  []string{"Pods are the smallest unit.", "They share one network namespace.", "容器共享存储", "容器共享网络。"},
			wantLabels: []string{"Pods are the smallest unit.", "They share one network namespace.", "容器共享存储", "容器共享网络。"},
		},
		{
			name:       "code and quotes give no key points",
			answer:     "```sh\nkubectl get pods\n```\n\n> a quoted remark.\n",
			wantTexts:  nil,
			wantLabels: nil,
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
			q := mustBank(t, "# q\n\n"+tt.answer).Questions()[0]
			var texts, labels []string
			for _, k := range q.KeyPoints {
				texts = append(texts, k.Text)
				labels = append(labels, k.Label)
			}
			if !slices.Equal(texts, tt.wantTexts) {
				t.Errorf("texts = %q, want %q", texts, tt.wantTexts)
			}
			if !slices.Equal(labels, tt.wantLabels) {
				t.Errorf("labels = %q, want %q", labels, tt.wantLabels)
			}
		})
	}

	t.Run("no more than MaxKeyPoints are kept, the first ones", func(t *testing.T) {
		var b strings.Builder
		for i := range bank.MaxKeyPoints + 5 {
			b.WriteString("- point number " + strings.Repeat("x", i+1) + "\n")
		}
		kp := mustBank(t, "# q\n\n"+b.String()).Questions()[0].KeyPoints
		if len(kp) != bank.MaxKeyPoints {
			t.Fatalf("%d key points, want %d", len(kp), bank.MaxKeyPoints)
		}
		if kp[0].Text != "point number x" {
			t.Errorf("first key point = %q", kp[0].Text)
		}
	})
}
