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

// FuzzPoints: any key point text and author keyword, notes and names
// included, builds a scorer that scores any answer without a panic.
func FuzzPoints(f *testing.F) {
	for _, seed := range [][3]string{
		{"Delete：删除 PVC 时同时删除 PV。（注：in-tree 插件已移除（v1.26））", "rollout undo", "Delete 连着后端存储一起删掉"},
		{"注：预选和优选是老版本的说法", "--to-revision", "预选过滤，优选打分"},
		{"（注：（（", "", "（注："},
		{":：(注:", "注：", "\xff"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, text, keyword, answer string) {
		s, err := assess.New([]assess.Question{{ID: "q", Title: "什么是 PV？", Points: []assess.Point{
			{Text: text, Keywords: []string{keyword}}, {Text: "PV 是存储"},
		}}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Score("q", answer)
		if err != nil || res.Covered > res.Scored || len(res.Points) != 2 {
			t.Errorf("%v: %d/%d of %d points", err, res.Covered, res.Scored, len(res.Points))
		}
		s.Gaps()
	})
}
