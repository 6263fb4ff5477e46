package textnorm_test

import (
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/data"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
	"golang.org/x/text/unicode/norm"
)

func TestInputReadsWhatAChineseKeyboardTypes(t *testing.T) {
	cases := map[string]string{
		"ａｓｋ　ＰＶ":          "ask PV",
		"１":               "1",
		"daily on 09：30":  "daily on 09:30",
		"  search   pv  ": "search pv",
		"探针？":             "探针?",
		"":                "",
	}
	for in, want := range cases {
		if got := textnorm.Input(in); got != want {
			t.Errorf("Input(%q) = %q, want %q", in, got, want)
		}
	}
	if got := textnorm.Fold("ＡＳＫ Pv"); got != "ask pv" {
		t.Errorf("Fold = %q", got)
	}
}

func TestWholeWords(t *testing.T) {
	cases := []struct {
		s, w string
		n    int
	}{
		{"pv的回收策略", "pv", 1},
		{"ipvs and kube-proxy", "pv", 0},
		{"PV, pvc and pv", "pv", 2},
		{"pvc", "pv", 0},
		{"使用探针检查", "探针", 1},
		{"kube-proxy", "proxy", 1},
		{"", "pv", 0},
		{"pv", "", 0},
	}
	for _, c := range cases {
		if got := textnorm.CountWord(c.s, c.w); got != c.n {
			t.Errorf("CountWord(%q, %q) = %d, want %d", c.s, c.w, got, c.n)
		}
		if folded := textnorm.Fold(c.s); textnorm.HasWord(folded, textnorm.Fold(c.w)) != (c.n > 0) {
			t.Errorf("HasWord(%q, %q) = %v, want %v", folded, c.w, !(c.n > 0), c.n > 0)
		}
	}
	if !textnorm.HasWord("ipvs, then pv", "pv") {
		t.Error("HasWord stopped at a part of a word before the whole one")
	}
	if !textnorm.HasLatin("使用pv") || textnorm.HasLatin("使用探针") {
		t.Error("HasLatin")
	}
}

func TestNotesAreLeftOut(t *testing.T) {
	cases := map[string]string{
		"emptyDir（注：v1.30 起改名）是临时卷":  "emptyDir是临时卷",
		"a (注: one (nested) note) b": "a  b",
		"注：整段都是注释":                   "",
		"（注：没有闭合":                    "",
		"没有注释（但有括号）":                 "没有注释（但有括号）",
		"注意：这不是注释":                   "注意：这不是注释",
	}
	for in, want := range cases {
		if got := textnorm.WithoutNotes(in); got != want {
			t.Errorf("WithoutNotes(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTermDropsThePunctuationAroundIt(t *testing.T) {
	cases := map[string]string{
		"pv？":        "pv",
		"pv。":        "pv",
		"etcd!":      "etcd",
		"“pv”":       "pv",
		"「探针」":       "探针",
		"\"pv\"":     "pv",
		"：探针":        "探针",
		"kube-proxy": "kube-proxy",
		".svc":       ".svc",
		"gzrv43，":    "gzrv43",
		"？":          "",
		"pv?!":       "pv",
	}
	for in, want := range cases {
		if got := textnorm.Term(in); got != want {
			t.Errorf("Term(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTermsSplitAtCommas(t *testing.T) {
	cases := map[string]string{
		"pv，pvc":       "pv|pvc",
		"存储、网络":        "存储|网络",
		"pv, pvc 。":    "pv|pvc",
		" “pv”，“pvc” ": "pv|pvc",
		"pv":           "pv",
		"，":            "",
	}
	for in, want := range cases {
		if got := strings.Join(textnorm.Terms(in), "|"); got != want {
			t.Errorf("Terms(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTraditionalCharactersAreReadAsSimplified: a learner on a traditional
// keyboard types 網絡 for the bank's 网络; simplified text is left as it is
// (the shipped bank, every character of it).
func TestTraditionalCharactersAreReadAsSimplified(t *testing.T) {
	for in, want := range map[string]string{"網絡": "网络", "調度 節點": "调度 节点", "模擬面試 存儲 兩題": "模拟面试 存储 两题", "並行": "并行"} {
		if got := textnorm.Input(in); got != want {
			t.Errorf("Input(%q) = %q, want %q", in, got, want)
		}
	}
	bank, err := fs.ReadFile(data.Banks, path.Join(data.Dir, "k8s-interview-zh.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(bank), "\n") {
		if got, want := textnorm.Input(line), strings.Join(strings.Fields(norm.NFKC.String(line)), " "); got != want {
			t.Errorf("a line of the shipped bank changed:\n%s\n%s", want, got)
		}
	}
}

func TestWithoutAccentsTakesOffLatinAccentsOnly(t *testing.T) {
	for in, want := range map[string]string{
		"são paulo":      "sao paulo",
		"Zürich":         "Zurich",
		"côte d'ivoire":  "cote d'ivoire",
		"e\u0301":        "e", // the accent already apart
		"上海":             "上海",
		"서울":             "서울", // Hangul comes back composed
		"america/bogotá": "america/bogota",
	} {
		if got := textnorm.WithoutAccents(in); got != want {
			t.Errorf("WithoutAccents(%+q) = %+q, want %+q", in, got, want)
		}
	}
}
