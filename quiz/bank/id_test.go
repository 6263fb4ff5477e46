package bank_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz/bank"
)

var idPattern = regexp.MustCompile(`^[a-z2-7]{6}$`)

// idsByTitle parses a bank and maps each title to its ID.
func idsByTitle(t *testing.T, src string) map[string]string {
	t.Helper()
	b := mustBank(t, src)
	out := map[string]string{}
	for _, q := range b.Questions() {
		out[q.Title] = q.ID
	}
	return out
}

func TestQuestionIDs(t *testing.T) {
	b := shipped(t)
	src := string(shippedSource(t))
	original := idsByTitle(t, src)
	preamble, sections, _ := splitBank(src)

	t.Run("every ID is 6 characters of lower-case letters and 2-7", func(t *testing.T) {
		if bank.IDLength != 6 {
			t.Errorf("IDLength = %d", bank.IDLength)
		}
		for _, q := range b.Questions() {
			if !idPattern.MatchString(q.ID) {
				t.Errorf("%q has ID %q", q.Title, q.ID)
			}
		}
	})

	t.Run("all 52 IDs are distinct and each finds its question", func(t *testing.T) {
		seen := map[string]string{}
		for _, q := range b.Questions() {
			if prev, ok := seen[q.ID]; ok {
				t.Errorf("%q and %q share ID %q", prev, q.Title, q.ID)
			}
			seen[q.ID] = q.Title
			if got, ok := b.ByID(q.ID); !ok || got != q {
				t.Errorf("ByID(%q) = %v, %v", q.ID, got, ok)
			}
			if got, ok := b.ByID(strings.ToUpper(q.ID)); !ok || got != q {
				t.Errorf("ByID(%q) does not ignore case", strings.ToUpper(q.ID))
			}
		}
		if len(seen) != 52 {
			t.Errorf("%d distinct IDs, want 52", len(seen))
		}
		if _, ok := b.ByID("zzzzzz"); ok {
			t.Error("ByID found a question for an unknown ID")
		}
	})

	t.Run("an ID is what QuestionID gives for the title", func(t *testing.T) {
		for _, q := range b.Questions() {
			if id := bank.QuestionID(q.Title); id != q.ID {
				t.Errorf("QuestionID(%q) = %q, question has %q", q.Title, id, q.ID)
			}
		}
	})

	sameIDs := func(t *testing.T, got map[string]string, skip ...string) {
		t.Helper()
		for title, id := range original {
			if slices.Contains(skip, title) {
				continue
			}
			if got[title] != id {
				t.Errorf("%q: ID %q became %q", title, id, got[title])
			}
		}
	}

	t.Run("reordering the questions changes no ID", func(t *testing.T) {
		reversed := slices.Clone(sections)
		slices.Reverse(reversed)
		// The last section has no final line end; keep every answer apart.
		for i := range reversed {
			reversed[i].body = append(slices.Clone(reversed[i].body), "")
		}
		got := idsByTitle(t, joinBank(preamble, reversed))
		if len(got) != 52 {
			t.Fatalf("reordered bank has %d questions", len(got))
		}
		sameIDs(t, got)
	})

	t.Run("editing another question's answer changes no ID", func(t *testing.T) {
		edited := slices.Clone(sections)
		edited[8].body = []string{"", "完全不同的答案。", ""}
		edited[20].body = append(slices.Clone(edited[20].body), "补充一段。", "")
		sameIDs(t, idsByTitle(t, joinBank(preamble, edited)))
	})

	t.Run("editing another question's title changes only that question's ID", func(t *testing.T) {
		edited := slices.Clone(sections)
		oldTitle := strings.TrimPrefix(edited[8].heading, "# ")
		edited[8].heading = "# pod的重启策略（restartPolicy）有哪些？"
		got := idsByTitle(t, joinBank(preamble, edited))
		sameIDs(t, got, oldTitle)
		if got["pod的重启策略（restartPolicy）有哪些？"] == original[oldTitle] {
			t.Error("a reworded title kept its old ID")
		}
	})

	t.Run("white space and case in a question's own title do not change its ID", func(t *testing.T) {
		edited := slices.Clone(sections)
		edited[0].heading = "#    KUBECTL   创建 pod\t背后到底发生了什么？   "
		edited[36].heading = "# k8s 资源限制 qos？"
		got := mustBank(t, joinBank(preamble, edited))
		for i, want := range map[int]string{0: "kubectl 创建 Pod 背后到底发生了什么？", 36: "K8S 资源限制 QoS？"} {
			if q := got.Questions()[i]; q.ID != original[want] {
				t.Errorf("%q has ID %q, want %q as for %q", q.Title, q.ID, original[want], want)
			}
		}
		sameIDs(t, idsByTitle(t, joinBank(preamble, edited)), "kubectl 创建 Pod 背后到底发生了什么？", "K8S 资源限制 QoS？")
	})
}

func TestQuestionID(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"case does not matter", "Pod是什么？", "POD是什么？", true},
		{"leading and trailing spaces do not matter", "  pod是什么？ ", "pod是什么？", true},
		{"runs of spaces and tabs count as one space", "kube-proxy \t 原理?", "kube-proxy 原理?", true},
		{"a full-width space counts as a space", "kube-proxy\u3000原理?", "kube-proxy 原理?", true},
		{"different words give different IDs", "pv的访问模式有哪几种", "pv的回收策略有哪几种", false},
		{"a space between words is not nothing", "kube proxy", "kubeproxy", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ia, ib := bank.QuestionID(tt.a), bank.QuestionID(tt.b)
			if !idPattern.MatchString(ia) || !idPattern.MatchString(ib) {
				t.Fatalf("IDs %q, %q are malformed", ia, ib)
			}
			if (ia == ib) != tt.same {
				t.Errorf("QuestionID(%q) = %q, QuestionID(%q) = %q; same = %v, want %v", tt.a, ia, tt.b, ib, ia == ib, tt.same)
			}
		})
	}
}
