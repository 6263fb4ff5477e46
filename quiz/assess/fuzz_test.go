package assess_test

import (
	"testing"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// FuzzScore: any text, as an answer to any shipped question, gets a valid
// verdict: never a panic, never Easy, k ≤ n, evidence only on scored
// points and in valid UTF-8.
func FuzzScore(f *testing.F) {
	for _, seed := range []string{
		"", "RWO 单节点读写", "ReadWriteOnce, ReadOnlyMany；ReadWriteMany。", "\xff\xfe", "ＲＷＯ：：：、、、",
		"kube-proxy kube-proxy- -kube proxy", "a.b.c. d. e", "存活探针失败会重启容器，就绪探针失败会从 endpoint 移除",
	} {
		f.Add(uint8(0), seed)
	}
	b := testkit.ShippedBank(f)
	s := assess.FromBank(b)
	qs := b.Questions()
	f.Fuzz(func(t *testing.T, pick uint8, answer string) {
		q := qs[int(pick)%len(qs)]
		res, err := s.Score(q.ID, answer)
		if err != nil {
			t.Fatal(err)
		}
		if res.Grade < srs.Again || res.Grade > srs.Good {
			t.Errorf("grade %v", res.Grade)
		}
		if res.Covered < 0 || res.Covered > res.Scored || res.Scored > len(res.Points) || len(res.Points) != len(q.KeyPoints) {
			t.Errorf("%d/%d of %d points", res.Covered, res.Scored, len(res.Points))
		}
		for _, p := range res.Points {
			if p.Covered && (!p.Scored || len(p.Evidence) == 0) {
				t.Errorf("covered without evidence: %+v", p)
			}
			if !utf8.ValidString(p.Excerpt) {
				t.Errorf("excerpt %q", p.Excerpt)
			}
			for _, e := range p.Evidence {
				if e.Found == "" || !utf8.ValidString(e.Found) {
					t.Errorf("evidence %+v", e)
				}
			}
		}
	})
}
