package mcq

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// TestExcerptBlanksAreFewAndDistinctive: across the shipped bank, every
// "which question?" excerpt holds four blanks at most, and no blank hides
// a word the bank says in more than a fifth of its questions ("容器",
// "Kubernetes", "service"), but the one thing a title asks about ("pod" of
// "pod的原理是什么？"): such blanks made a cloze of filler words ("____用于
// 在应用____启动之前做一些____处理", nine blanks in all), with nothing
// left to recognise. The log gives the figures.
func TestExcerptBlanksAreFewAndDistinctive(t *testing.T) {
	b := testkit.ShippedBank(t)
	ix := newTextIndex(b)
	excerpts, blanks, widespread := 0, 0, 0
	byCount := map[int]int{}
	for _, q := range b.Questions() {
		for _, x := range findExcerpts(ix, q) {
			words := hiddenWords(excerptText(ix, q, x), x.prompt)
			excerpts++
			blanks += len(words)
			byCount[len(words)]++
			if len(words) > 4 {
				t.Errorf("%q: %d blanks in %q", q.Title, len(words), x.prompt)
			}
			for _, w := range words {
				if share := documentShare(b, w); 5*share > 1 {
					widespread++
					if textnorm.Fold(w) != soleSubject(q.Title) {
						t.Errorf("%q: a blank hides %q, which %.0f %% of the questions say: %q", q.Title, w, 100*share, x.prompt)
					}
				}
			}
		}
	}
	var hist strings.Builder
	for _, n := range slices.Sorted(maps.Keys(byCount)) {
		fmt.Fprintf(&hist, " %d:%d", n, byCount[n])
	}
	t.Logf("%d excerpts, %d blanks (%.2f each), %d of them hiding a word over a fifth of the questions say; excerpts by blanks:%s",
		excerpts, blanks, float64(blanks)/float64(excerpts), widespread, hist.String())
	if excerpts < 95 || blanks == 0 {
		t.Errorf("%d excerpts, %d blanks: want 95 excerpts at least, and some blanks", excerpts, blanks)
	}
}

// TestJoinedKeyPointsHoldTwoBlanksAtMost: key points joined into one
// excerpt hold two blanks at most between them: two points of two blanks
// each read as a cloze ("通过Raft协议进行____间的____；保证____间的____一致性",
// "以滚动____的方式逐步____pod；每____一次____，都会创建新的replicaset"); a
// point alone may hold more (a name it repeats), and no question loses
// its "which question?" quiz for it.
func TestJoinedKeyPointsHoldTwoBlanksAtMost(t *testing.T) {
	b := testkit.ShippedBank(t)
	ix := newTextIndex(b)
	joined, without := 0, 0
	for _, q := range b.Questions() {
		xs := findExcerpts(ix, q)
		if len(xs) == 0 {
			without++
		}
		for _, x := range xs {
			if pointsIn(q, excerptText(ix, q, x)) < 2 {
				continue
			}
			joined++
			if n := strings.Count(x.prompt, Blank); n > 2 {
				t.Errorf("%q: %d blanks in an excerpt of joined key points: %q", q.Title, n, x.prompt)
			}
		}
	}
	t.Logf("%d excerpts of joined key points; %d questions without an excerpt", joined, without)
	if joined == 0 {
		t.Error("no excerpt joins key points")
	}
	// The shipped bank's count: wh5dmb, f3kqcu, uyjxcq, and sqasth since its
	// answer was corrected (the kubelet's cAdvisor collects, Metrics Server
	// pulls from the kubelets: every passage names what its title asks
	// about); each keeps its fill-in-the-blank quizzes. Since crowded
	// excerpts are refused (see crowded), also bctqeu ("通过Raft协议进行____
	// 间的____"), rc2ds6 (four blanks of pv), cd4vyt ("重建____：这种____策略")
	// and dd4i5s ("每____一次____"), the last without any quiz.
	if without > 7 {
		t.Errorf("%d questions have no \"which question?\" excerpt, want 7 at most (the shipped bank's count)", without)
	}
}

// pointsIn is how many of q's key points text holds.
func pointsIn(q *bank.Question, text string) int {
	n := 0
	for _, kp := range q.KeyPoints {
		if p := strings.TrimRight(strings.TrimSpace(textnorm.WithoutNotes(kp.Text)), " ->→；;"); p != "" && strings.Contains(text, p) {
			n++
		}
	}
	return n
}

// hiddenWords are the pieces of text that prompt, text masked, shows as
// blanks, in order: the text between the prompt's literal pieces, both
// read without bracketed glosses (masking drops some beside a blank).
func hiddenWords(text, prompt string) []string {
	text, prompt = withoutBrackets(text), withoutBrackets(prompt)
	parts := strings.Split(strings.TrimSuffix(prompt, "…"), Blank)
	pos := strings.Index(text, parts[0])
	if pos < 0 {
		return nil
	}
	pos += len(parts[0])
	var out []string
	for _, p := range parts[1:] {
		next := len(text)
		if i := strings.Index(text[pos:], p); p != "" && i >= 0 {
			next = pos + i
		}
		out = append(out, strings.TrimSpace(text[pos:next]))
		pos = min(next+len(p), len(text))
	}
	return out
}

// withoutBrackets is s without its bracketed parts.
func withoutBrackets(s string) string {
	return regexp.MustCompile(`[（(][^（()）]*[)）]`).ReplaceAllString(s, "")
}

// documentShare is the share of the bank's questions whose title or answer
// says w (ignoring ASCII case).
func documentShare(b *bank.Bank, w string) float64 {
	n := 0
	lw := toLowerASCII(w)
	for _, q := range b.Questions() {
		if strings.Contains(toLowerASCII(q.Title+"\n"+rich.Plain(q.Answer)), lw) {
			n++
		}
	}
	return float64(n) / float64(b.Len())
}

// excerptText is the unmasked text of q's excerpt x.
func excerptText(ix *textIndex, q *bank.Question, x excerpt) string {
	for _, c := range excerptChunks(ix, q) {
		if itemKey(q, WhichQuestion, c.text) == x.key {
			return c.text
		}
	}
	return ""
}

func TestHiddenWords(t *testing.T) {
	text := "Init container用于在应用容器（包括 side car）启动之前做一些初始化处理。"
	prompt := "____用于在应用____启动之前做一些____处理。"
	if got, want := hiddenWords(text, prompt), []string{"Init container", "容器", "初始化"}; !slices.Equal(got, want) {
		t.Errorf("hiddenWords = %q, want %q", got, want)
	}
}

func TestSoleSubject(t *testing.T) {
	for title, want := range map[string]string{
		"pod是什么？":                   "pod",
		"pod的原理是什么？":                "pod",
		"pod有什么特点":                  "pod",
		"简述ETCD及其特点?":               "etcd",
		"kube-proxy原理?":             "kube-proxy",
		"pod的重启策略有哪些？":              "",
		"pause容器作用是什么？":             "pause容器",
		"简述Kubernetes CSI模型?":       "",
		"service的域名解析格式、pod的域名解析格式": "",
	} {
		if got := soleSubject(title); got != want {
			t.Errorf("soleSubject(%q) = %q, want %q", title, got, want)
		}
	}
}
