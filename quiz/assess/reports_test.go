package assess_test

import (
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// reportCase is a typed answer a tester reported, against the shipped bank,
// with the verdict it should get: its grade, how many points it covers, and
// the points (by index) it must not cover.
type reportCase struct {
	id, answer string
	grade      srs.Grade
	covered    int
	notCovered []int
}

// TestTesterReports: answers a tester typed in the console, each given a
// verdict it should not have had (credit for a wrong claim, a right answer
// marked down).
func TestTesterReports(t *testing.T) {
	s := assess.FromBank(testkit.ShippedBank(t))
	for _, c := range []reportCase{
		// The kubelet's built-in cAdvisor collects; Metrics Server pulls
		// from the kubelets (the reference answer led with Metrics Server).
		{id: "sqasth", answer: "cAdvisor, which is built into the kubelet; metrics-server then collects from the kubelet", grade: srs.Good, covered: 2},
		{id: "sqasth", answer: "kubelet 内置的 cAdvisor 采集节点和容器的资源使用，metrics server 从各个 kubelet 拉取指标", grade: srs.Good, covered: 2},
	} {
		res := score(t, s, c.id, c.answer)
		wrong := res.Grade != c.grade || res.Covered != c.covered
		for _, i := range c.notCovered {
			wrong = wrong || res.Points[i].Covered
		}
		if wrong {
			t.Errorf("%s %q: %v %d/%d, want %v %d with points %v not covered", c.id, c.answer, res.Grade, res.Covered, res.Scored, c.grade, c.covered, c.notCovered)
			for _, p := range res.Points {
				t.Logf("    covered=%v %v: %s", p.Covered, p.Evidence, p.Text)
			}
		}
	}
}
