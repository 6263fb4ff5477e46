package assess_test

import (
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/assess"
)

// ownAnswer is an answer typed in the learner's own words to a shipped
// question, and what the scorer must make of one of its points.
type ownAnswer struct {
	id, answer string
	point      int // index of the point judged
	// covered, wrong: the verdict on that point.
	covered, wrong bool
	// list: the answer is flagged a keyword list.
	list bool
}

// checkOwnAnswers scores each case with the shipped bank's scorer.
func checkOwnAnswers(t *testing.T, cases []ownAnswer) {
	t.Helper()
	s := assess.FromBank(testkit.ShippedBank(t))
	for _, c := range cases {
		res := score(t, s, c.id, c.answer)
		if c.point >= len(res.Points) {
			t.Fatalf("%s has no point %d", c.id, c.point)
		}
		p := res.Points[c.point]
		if p.Covered != c.covered || p.Wrong != c.wrong || res.Flags.Has(assess.KeywordList) != c.list {
			t.Errorf("%s %q: point %d covered=%v wrong=%v list=%v, want covered=%v wrong=%v list=%v (%v %d/%d %v)",
				c.id, c.answer, c.point, p.Covered, p.Wrong, res.Flags.Has(assess.KeywordList), c.covered, c.wrong, c.list,
				res.Grade, res.Covered, res.Scored, p.Evidence)
		}
	}
}

// TestOwnWordsHeadingThenAdverb: a lower-case adverb right after a
// heading's colon is said of the heading, not a subject of its own:
// "Never: never restarts" is Never said never to restart.
func TestOwnWordsHeadingThenAdverb(t *testing.T) {
	checkOwnAnswers(t, []ownAnswer{
		{id: "eg5jaa", answer: "Never: never restarts.", point: 2, covered: true},
		{id: "eg5jaa", answer: "Always: restarts always, default. OnFailure: restarts only when exit code is non-zero. Never: never restarts.", point: 2, covered: true},
		{id: "eg5jaa", answer: "Never：从不重启", point: 2, covered: true},
		{id: "eg5jaa", answer: "Never: restarts every time, the default.", point: 2, wrong: true},
	})
}

// TestOwnWordsPodPhases: the Running and Unknown phases explained in
// other words than the bank's are covered, and what another phase is is
// not.
func TestOwnWordsPodPhases(t *testing.T) {
	checkOwnAnswers(t, []ownAnswer{
		{id: "qyrlyz", answer: "Unknown 拿不到 pod 状态，一般是和节点通信出问题。", point: 4, covered: true},
		{id: "qyrlyz", answer: "Unknown: the apiserver can't get the pod's state, usually the node is unreachable", point: 4, covered: true},
		// A Chinese word between English ones joins them: no list.
		{id: "qyrlyz", answer: "Unknown 表示 pod 运行成功", point: 4, wrong: true},
		{id: "qyrlyz", answer: "Running 已经调度到节点，至少一个容器在运行", point: 1, covered: true},
		{id: "qyrlyz", answer: "Running: at least one container is running", point: 1, covered: true},
		{id: "qyrlyz", answer: "Running 表示所有容器都已退出", point: 1},
		// The node's running state a DaemonSet watches is no pod phase.
		{id: "ndequz", answer: "DaemonSet 会在每个节点上跑一个 pod，比如 fluentd 收集日志。", point: 1},
	})
}

// TestOwnWordsKeywordLists: keywords set apart by spaces are a list, with
// the words among them the scorer does not know, and get the warning; the
// same terms explained are not.
func TestOwnWordsKeywordLists(t *testing.T) {
	checkOwnAnswers(t, []ownAnswer{
		{id: "vzlhv7", answer: "replicas kubectl scale --replicas 副本数", point: 1, list: true},
		{id: "vzlhv7", answer: "用 kubectl scale --replicas=5 修改副本数", point: 1, covered: true},
		{id: "bctqeu", answer: "Raft 一致性 leader follower 日志复制", point: 0, list: true},
		{id: "bctqeu", answer: "Raft 通过选举产生 leader，leader 把日志复制到 follower，过半确认后提交", point: 0, covered: true},
		{id: "ntqydn", answer: "PV PVC 存储 抽象 申请 资源", point: 0, list: true},
		{id: "pol5ie", answer: "无头 service 没有 cluster ip，clusterIP 设为 None", point: 0, covered: true},
		{id: "ntqydn", answer: "PV 是管理员创建的存储资源，PVC 是用户对存储的申请", point: 0, covered: true},
		// English prose is no list for its words being unknown.
		{id: "smzjw3", answer: "HPA automatically adds more pods when CPU usage gets high", point: 0, covered: true},
	})
}

// TestOwnWordsMisspeltTerms: a term misspelt by one letter names the term,
// as its words then explain it and no other; a misspelling said wrongly
// is still wrong, and a short term is never guessed.
func TestOwnWordsMisspeltTerms(t *testing.T) {
	checkOwnAnswers(t, []ownAnswer{
		{id: "gswu4o", answer: "Alway 每次都去仓库拉镜像，IfNotPresent 本地没有才去拉，Nevr 只用本地镜像，不去仓库拉", point: 0, covered: true},
		{id: "gswu4o", answer: "Alway 每次都去仓库拉镜像，IfNotPresent 本地没有才去拉，Nevr 只用本地镜像，不去仓库拉", point: 1, covered: true},
		{id: "gswu4o", answer: "Nevr 每次都去仓库拉镜像", point: 1, wrong: true},
		{id: "eg5jaa", answer: "有三种：Alwasy 总是重启容器（默认），OnFailre 异常退出码非零才重启，Nevr 从不重启", point: 1, covered: true},
		// Always is not credited with what is said of OnFailre.
		{id: "eg5jaa", answer: "Alwasy，OnFailre 异常退出码非零才重启", point: 0},
		{id: "gzrv43", answer: "ReadWriteOncePdo 单个pod读写", point: 3, covered: true},
		{id: "gzrv43", answer: "ReadWriteOnse 多个节点只读", point: 0, wrong: true},
		{id: "f7r2ss", answer: "LoadBalance 云上用，需要云厂商支持", point: 2, covered: true},
		{id: "f7r2ss", answer: "LoadBalance 是一种存储卷", point: 2},
	})
}

// TestOneEditIsNoTypoOfShortTerms: a word one edit from a short term
// ("RWX" for "RWO") is another word, not a misspelling.
func TestOneEditIsNoTypoOfShortTerms(t *testing.T) {
	checkOwnAnswers(t, []ownAnswer{
		{id: "gzrv43", answer: "RWX 单个节点读写", point: 0},
	})
}

// TestOwnWordsCopyOfTheTitle: a copy of a question whose title is all
// keywords lists none of the answer's terms: no keyword-list warning,
// while its classes listed are one.
func TestOwnWordsCopyOfTheTitle(t *testing.T) {
	checkOwnAnswers(t, []ownAnswer{
		{id: "vxzt4d", answer: "K8S 资源限制 QoS？", point: 0},
		{id: "vxzt4d", answer: "QoS BestEffort Burstable Guaranteed", point: 0, list: true},
	})
}

// TestOwnWordsCommandAlone: a command named after its act, typed in full
// and alone, says what it does; the bare word, or the command said to do
// another's work, does not. Undo said to view the revisions (查看历史版本)
// is said to do what rollout history does: wrong, though the undo point
// names the revisions too (--to-revision); the same after a comma is a
// command and two of the question's keywords, a list.
func TestOwnWordsCommandAlone(t *testing.T) {
	checkOwnAnswers(t, []ownAnswer{
		{id: "6m2ng7", answer: "kubectl drain", point: 1, covered: true},
		{id: "mn4i5u", answer: "kubectl rollout undo", point: 1, covered: true},
		{id: "mn4i5u", answer: "undo", point: 1},
		{id: "mn4i5u", answer: "用 kubectl rollout undo 查看历史版本", point: 1, wrong: true},
		{id: "mn4i5u", answer: "kubectl rollout undo，查看历史版本", point: 1, list: true},
		{id: "6m2ng7", answer: "kubectl drain 把节点删掉", point: 1},
	})
}

// TestOwnWordsSynonyms: right answers in other words than the bank's are
// covered, and wrong ones with the same terms are not.
func TestOwnWordsSynonyms(t *testing.T) {
	checkOwnAnswers(t, []ownAnswer{
		// pause: first started, reaps zombies; not the business logic.
		{id: "2ttgpg", answer: "pause 容器是每个 pod 里第一个起来的容器，它持有 pod 的网络、IPC、UTS 这些命名空间，业务容器加入它的命名空间，还负责回收僵尸进程。", point: 0, covered: true},
		{id: "2ttgpg", answer: "pause 容器是每个 pod 里第一个起来的容器，它持有 pod 的网络、IPC、UTS 这些命名空间，业务容器加入它的命名空间，还负责回收僵尸进程。", point: 1, covered: true},
		{id: "2ttgpg", answer: "The pause (infra) container is the first container started in every pod; it holds the network, IPC and UTS namespaces the app containers join, and reaps zombie processes.", point: 0, covered: true},
		{id: "2ttgpg", answer: "pause 容器负责处理用户请求", point: 0},
		// Volumes mounted by every container of the pod; not one each.
		{id: "gnwbad", answer: "同一个 pod 里的容器共享网络命名空间；可以挂同一个volume共享文件", point: 4, covered: true},
		{id: "gnwbad", answer: "每个容器有自己的 volume，互相看不到", point: 4},
		// HPA: a sentence of keywords with few words between is explained.
		{id: "smzjw3", answer: "HPA 控制器根据 CPU 利用率自动增减 pod 副本数", point: 0, covered: true},
		{id: "smzjw3", answer: "HPA 控制器根据 CPU 利用率自动增减 pod 副本数", point: 1, covered: true},
		{id: "smzjw3", answer: "HPA CPU 利用率 自动 副本数", point: 0, list: true},
	})
}

// TestOwnWordsVerticalScaling: HPA said to scale vertically, and said not
// to change the replicas, is the vertical autoscaler described, not HPA:
// neither point is covered, while the replicas said plainly still cover.
func TestOwnWordsVerticalScaling(t *testing.T) {
	checkOwnAnswers(t, []ownAnswer{
		{id: "smzjw3", answer: "HPA scales vertically by raising each pod's CPU and memory requests.", point: 0},
		{id: "smzjw3", answer: "HPA scales vertically by raising each pod's CPU and memory requests.", point: 1},
		{id: "smzjw3", answer: "HPA scales vertically by raising each pod's CPU and memory requests; it never changes the number of replicas.", point: 0},
		{id: "smzjw3", answer: "HPA scales vertically by raising each pod's CPU and memory requests; it never changes the number of replicas.", point: 1},
		{id: "smzjw3", answer: "HPA 给每个 pod 增加 CPU 和内存，不会改变副本数", point: 0},
		{id: "smzjw3", answer: "HPA scales the number of replicas up and down based on CPU usage", point: 0, covered: true},
		{id: "smzjw3", answer: "HPA 根据 CPU 使用率自动扩缩容，调整副本数", point: 0, covered: true},
	})
}

// TestOwnWordsStepAfterAnAside: a clause that names a point's name begins
// what is said of that point, though it follows an aside about another
// in the same sentence ("(…, taints it does not tolerate), then scoring
// ranks …"); and steps said in the wrong order are both shown wrong,
// though nothing more is said of them ("先打分，然后过滤").
func TestOwnWordsStepAfterAnAside(t *testing.T) {
	checkMarks(t, []markCase{
		{"uyjxcq", "First filtering removes nodes that can't run the pod (not enough resources, taints it does not tolerate), then scoring ranks the remaining nodes and the highest score wins.", "✅✅"},
		{"uyjxcq", "先过滤掉不能运行的节点（资源不足、污点不容忍），然后打分给剩下的节点排名，选分最高的", "✅✅"},
		{"uyjxcq", "先打分，然后过滤", "⛔⛔"},
		{"uyjxcq", "Scoring comes first, then filtering.", "⛔⛔"},
	})
}
