package quiz_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// pointMarks are the marks of the key points a typed answer's result counts.
var pointMarks = []string{"✅ ", "🔸 ", "⛔ ", "❌ "}

// pointLineKinds are the result's point lines in order, each "counted"
// (a point the k/n count counts) or "unchecked" (➖).
func pointLineKinds(got string) []string {
	var kinds []string
	for _, line := range strings.Split(got, "\n") {
		switch {
		case strings.HasPrefix(line, "➖ "):
			kinds = append(kinds, "unchecked")
		default:
			for _, m := range pointMarks {
				if strings.HasPrefix(line, m) {
					kinds = append(kinds, "counted")
				}
			}
		}
	}
	return kinds
}

// TestAPointNotCheckedComesAfterTheCountedOnes: the k/n count sits over
// the n points it counts; a point that cannot be checked is shown after
// them, not among them.
func TestAPointNotCheckedComesAfterTheCountedOnes(t *testing.T) {
	e := newEnv(t)
	for _, lang := range []string{"zh", "en"} {
		user := "unchecked-" + lang
		e.cmd(user, "lang "+lang)
		got := text(e.cmd(user, "answer tm32lf pod 是 k8s 中最小的调度单元，里面可以有多个容器"))
		kinds := pointLineKinds(got)
		if strings.Join(kinds, ",") != "counted,unchecked" {
			t.Errorf("%s: point lines %v, want the counted point then the unchecked one:\n%s", lang, kinds, got)
		}
	}
}

// TestTheQoSQuestionCountsItsThreeClasses: the QoS question's heading is
// its introduction, not a point that cannot be checked.
func TestTheQoSQuestionCountsItsThreeClasses(t *testing.T) {
	e := newEnv(t)
	got := text(e.cmd("qos-classes", "answer vxzt4d Guaranteed 是每个容器都设置了 CPU 和内存的 request 和 limit 且相等；Burstable 是至少一个容器设置了 request；BestEffort 是什么都不设置"))
	if kinds := pointLineKinds(got); strings.Join(kinds, ",") != "counted,counted,counted" || !strings.Contains(got, "3/3") {
		t.Errorf("point lines %v, want three counted points, 3/3:\n%s", kinds, got)
	}
}

// shownIDAnyLang finds the ID a question is shown with, in English or
// Chinese.
var shownIDAnyLang = regexp.MustCompile(`(?:ID|编号) ([a-z0-9]{6})`)

// TestAnInterviewAnswerShowsThePointsNotCovered: each answer in words in
// an interview shows which key points it did not cover, and the report
// calls them not covered, as true of a point named but not explained as
// of one left out.
func TestAnInterviewAnswerShowsThePointsNotCovered(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ lang, notCovered, leftOut string }{
		{"en", "Not covered: ", "Missed: "},
		{"zh", "未覆盖：", "漏掉："},
	} {
		user := "iv-not-covered-" + c.lang
		e.cmd(user, "lang "+c.lang)
		start := text(e.cmd(user, "interview pv 1"))
		m := shownIDAnyLang.FindStringSubmatch(start)
		if m == nil {
			t.Fatalf("no question in:\n%s", start)
		}
		id := m[1]
		q, _ := shippedBank(t).ByID(id)
		if len(q.KeyPoints) < 2 {
			t.Fatalf("%s has %d key points", id, len(q.KeyPoints))
		}
		last := q.KeyPoints[len(q.KeyPoints)-1].Label
		r := e.cmd(user, "answer "+q.KeyPoints[0].Label)
		step := rich.Plain(r.Messages[0].Blocks)
		if !strings.Contains(step, c.notCovered) || !strings.Contains(step, last) {
			t.Errorf("%s: the step does not say %q and %q:\n%s", c.lang, c.notCovered, last, step)
		}
		if got := text(r); !strings.Contains(got, c.notCovered) || strings.Contains(got, c.leftOut) {
			t.Errorf("%s: the report does not say %q, or says %q:\n%s", c.lang, c.notCovered, c.leftOut, got)
		}
	}
}
