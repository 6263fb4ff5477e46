package assess_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// ownWordsCase is an answer a tester typed in their own words, with the
// verdict the key points call for.
type ownWordsCase struct {
	id, answer string
	grade      srs.Grade
	covered    int
}

// checkOwnWords scores each case against the shipped bank and reports
// those whose grade or count differ, point by point.
func checkOwnWords(t *testing.T, cases []ownWordsCase) {
	t.Helper()
	s := assess.FromBank(testkit.ShippedBank(t))
	for _, c := range cases {
		res, err := s.Score(c.id, c.answer)
		if err != nil {
			t.Fatal(err)
		}
		if res.Grade != c.grade || res.Covered != c.covered {
			t.Errorf("%s %q: %v %d/%d, want %v %d", c.id, c.answer, res.Grade, res.Covered, res.Scored, c.grade, c.covered)
			for _, p := range res.Points {
				t.Logf("    covered=%v wrong=%v %v: %s", p.Covered, p.Wrong, p.Evidence, p.Text)
			}
		}
	}
}

// TestOwnWordsVerdicts: a clause about a rival term, its subject after
// an adjective ("a failing liveness probe") or going on after a comma
// ("Recreate 是逐个替换，通过 maxSurge 控制"), is no evidence for the other
// point (findings 4 and 5); where a point is a step that follows
// another's (scoring takes the nodes filtering passed), an answer that
// says the later step comes first has both wrong, one in the right order,
// or that names them without an order, does not (finding 2).
func TestOwnWordsVerdicts(t *testing.T) {
	checkOwnWords(t, []ownWordsCase{
		{"wh5dmb", "A failing readiness probe makes the kubelet kill and restart the container; a failing liveness probe just removes the pod from the Service endpoints without restarting it.", srs.Again, 0},
		{"wh5dmb", "A failing liveness probe makes the kubelet kill and restart the container; a failing readiness probe just removes the pod from the Service endpoints without restarting it.", srs.Good, 2},
		{"cd4vyt", "Recreate 是逐个替换 pod，通过 maxSurge 和 maxUnavailable 控制；RollingUpdate 会先杀掉所有旧 pod 再创建新的", srs.Again, 0},
		{"cd4vyt", "Recreate 会先杀掉所有旧 pod 再创建新的；RollingUpdate 是逐个替换 pod，通过 maxSurge 和 maxUnavailable 控制", srs.Good, 2},
		{"uyjxcq", "先打分给所有节点排名，然后再过滤掉分数低的节点，过滤阶段会选出得分最高的节点", srs.Again, 0},
		{"uyjxcq", "Scoring first ranks every node, then filtering picks the one with the highest score.", srs.Again, 0},
		{"uyjxcq", "先过滤掉不满足条件的节点，然后打分，选出得分最高的节点", srs.Good, 2},
		{"uyjxcq", "过滤阶段去掉不满足条件的节点；打分阶段给剩下的节点打分，选得分最高的", srs.Good, 2},
	})
	s := assess.FromBank(testkit.ShippedBank(t))
	res, _ := s.Score("uyjxcq", "Scoring first ranks every node, then filtering picks the one with the highest score.")
	for _, p := range res.Points {
		if !p.Wrong {
			t.Errorf("steps swapped: %q not shown wrong", p.Text)
		}
	}
}

// TestContraryOfTheOwnTerm: a clause that says the point's own step need
// not be done (不用先设置不可调度), or claims what the point denies after
// a negator and a verb (没有 cluster ip, said 有 cluster ip), is no
// evidence for the point and shows it wrong (finding 6).
func TestContraryOfTheOwnTerm(t *testing.T) {
	checkOwnWords(t, []ownWordsCase{
		{"6m2ng7", "直接 kubectl delete node 把节点删了，pod 会自动跑到别的节点上，不用先设置不可调度", srs.Again, 0},
		{"6m2ng7", "There is no need to cordon the node, just delete it and the pods move elsewhere", srs.Again, 0},
		{"6m2ng7", "先设置不可调度（cordon），再 kubectl drain 驱逐节点上的 pod，daemonset 除外", srs.Hard, 2},
	})
	s := assess.FromBank(testkit.ShippedBank(t))
	res, err := s.Score("pol5ie", "无头 service 有 cluster ip，会做负载均衡，适合无状态的 web 应用")
	if err != nil {
		t.Fatal(err)
	}
	if p := res.Points[0]; p.Covered || !p.Wrong {
		t.Errorf("无头 service 有 cluster ip: covered=%v wrong=%v, want shown wrong", p.Covered, p.Wrong)
	}
	for _, right := range []string{"无头 service 没有 cluster ip，clusterIP 设为 None", "A headless service has no cluster IP: its clusterIP is None"} {
		if res, _ := s.Score("pol5ie", right); !res.Points[0].Covered {
			t.Errorf("%q: the cluster IP point not covered", right)
		}
	}
}

// TestWrongNamesTheWords: a point shown wrong carries the clause judged
// wrong, and a keyword list, which says nothing of what it names, shows
// no point wrong (finding 12: ⛔ Always for "Always OnFailure Never
// restartPolicy 默认 重启", and ⛔ that never said which words).
func TestWrongNamesTheWords(t *testing.T) {
	s := assess.FromBank(testkit.ShippedBank(t))
	for _, c := range []struct{ id, answer, point, excerpt string }{
		{"cd4vyt", "Recreate 是逐个替换 pod；RollingUpdate 会先杀掉所有旧 pod 再创建新的", "Recreate", "Recreate 是逐个替换 pod"},
		{"6m2ng7", "直接删节点，不用先设置不可调度", "先将节点", "不用先设置不可调度"},
		{"uyjxcq", "Scoring first ranks every node, then filtering picks the one with the highest score.", "打分", "Scoring first ranks every node"},
	} {
		res, err := s.Score(c.id, c.answer)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range res.Points {
			if strings.HasPrefix(p.Text, c.point) {
				found = true
				if !p.Wrong || p.WrongExcerpt != c.excerpt {
					t.Errorf("%s %q: %q wrong=%v with %q, want wrong with %q", c.id, c.answer, c.point, p.Wrong, p.WrongExcerpt, c.excerpt)
				}
			}
		}
		if !found {
			t.Errorf("%s has no point %q", c.id, c.point)
		}
	}
	for _, list := range []string{"Always OnFailure Never restartPolicy 默认 重启", "过滤 打分 预选 优选 Filter Score 插件"} {
		for _, id := range []string{"eg5jaa", "uyjxcq"} {
			res, _ := s.Score(id, list)
			for _, p := range res.Points {
				if p.Wrong && res.Flags.Has(assess.KeywordList) {
					t.Errorf("%s %q, a keyword list: %q shown wrong", id, list, p.Text)
				}
			}
		}
	}
}
