package assess_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/data"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// accessModes is a question of its own, so that tests do not depend on how
// the shipped bank splits its key points.
var accessModes = assess.Question{
	ID:    "modes",
	Title: "PV 的访问模式有哪几种？",
	Points: []assess.Point{
		{Text: "ReadWriteOnce（RWO）：只允许单个节点以读写方式挂载"},
		{Text: "ReadOnlyMany（ROX）：可以被多个节点以只读方式挂载"},
		{Text: "ReadWriteMany（RWX）：可以被多个节点以读写方式挂载"},
	},
}

// reclaimPolicies is the PV reclaim policy question, its points named by
// the values and glossed in a word each (Delete：删除).
var reclaimPolicies = assess.Question{ID: "reclaim", Title: "pv的回收策略有哪几种", Points: points(
	"Retain：保留，该策略允许手动回收资源，当删除PVC时，PV仍然存在，PV被视为已释放，管理员可以手动回收卷。",
	"Delete：删除，如果Volume插件支持，删除PVC时会同时删除PV，动态卷默认为Delete，目前支持Delete的存储后端包括AWS EBS，GCE PD，Azure Disk，OpenStack Cinder等。",
	"Recycle：回收，如果Volume插件支持，Recycle策略会对卷执行rm -rf清理该PV，并使其可用于下一个新的PVC，但是本策略将来会被弃用。",
)}

func newScorer(t *testing.T, qs ...assess.Question) *assess.Scorer {
	t.Helper()
	s, err := assess.New(qs)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func score(t *testing.T, s *assess.Scorer, id, answer string) assess.Result {
	t.Helper()
	res, err := s.Score(id, answer)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// points are key points of these texts, with no keywords of their authors.
func points(texts ...string) []assess.Point {
	out := make([]assess.Point, len(texts))
	for i, text := range texts {
		out[i] = assess.Point{Text: text}
	}
	return out
}

// coverCase is an answer to a question and the points it should cover.
type coverCase struct {
	id, answer string
	covered    []bool
}

// checkCovered scores each case's answer and checks the points it covers.
func checkCovered(t *testing.T, s *assess.Scorer, cases []coverCase) {
	t.Helper()
	for _, tc := range cases {
		if res := score(t, s, tc.id, tc.answer); !reflect.DeepEqual(covered(res), tc.covered) {
			t.Errorf("%q: covered %v, want %v (%+v)", tc.answer, covered(res), tc.covered, res.Points)
		}
	}
}

func covered(res assess.Result) []bool {
	out := make([]bool, len(res.Points))
	for i, p := range res.Points {
		out[i] = p.Covered
	}
	return out
}

func TestScoreGrades(t *testing.T) {
	s := newScorer(t, accessModes)
	for _, tc := range []struct {
		name, answer string
		covered      []bool
		grade        srs.Grade
	}{
		{"all three explained", "ReadWriteOnce 只能被单个节点读写挂载；ReadOnlyMany 可以被多个节点只读挂载；ReadWriteMany 可以被多个节点读写挂载。",
			[]bool{true, true, true}, srs.Good},
		{"two of three", "RWO 表示只有一个节点能以读写方式挂载；RWX 表示很多节点都能同时读写挂载。",
			[]bool{true, false, true}, srs.Hard},
		{"one of three", "RWO 就是只能一个节点读写挂载。", []bool{true, false, false}, srs.Again},
		{"names without meaning", "有 RWO、ROX 和 RWX 三种模式。", []bool{false, false, false}, srs.Again},
		{"meanings swapped between clauses", "RWO 是多个节点只读，ROX 是单个节点读写。", []bool{false, false, false}, srs.Again},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := score(t, s, "modes", tc.answer)
			if !reflect.DeepEqual(covered(res), tc.covered) || res.Grade != tc.grade {
				t.Errorf("covered %v, grade %v; want %v, %v", covered(res), res.Grade, tc.covered, tc.grade)
			}
			if want := countTrue(tc.covered); res.Scored != 3 || res.Covered != want {
				t.Errorf("k/n = %d/%d, want %d/3", res.Covered, res.Scored, want)
			}
		})
	}
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// TestSynonyms: English, Chinese, abbreviated and full-width forms of a
// term are one keyword, and the evidence shows the form the answer used.
func TestSynonyms(t *testing.T) {
	s := newScorer(t, accessModes)
	for _, answer := range []string{
		"ReadWriteOnce: a single node can mount it read-write.",
		"RWO means one node mounts the volume read write.",
		"read-write-once：只能单节点读写挂载。",
		"ＲＷＯ：只能被一个节点以读写方式挂上。",
		"单节点读写，只有一个节点能挂载。",
	} {
		res := score(t, s, "modes", answer)
		if !res.Points[0].Covered {
			t.Errorf("%q does not cover RWO: %+v", answer, res.Points[0])
		}
		if len(res.Points[0].Evidence) == 0 || !strings.Contains(textOf(answer), res.Points[0].Evidence[0].Found) {
			t.Errorf("%q: evidence %+v is not in the answer", answer, res.Points[0].Evidence)
		}
	}
	res := score(t, s, "modes", "ＲＷＯ：只能被一个节点以读写方式挂上。")
	if ev := res.Points[0].Evidence[0]; ev.Keyword != "ReadWriteOnce" || ev.Found != "RWO" {
		t.Errorf("evidence %+v, want ReadWriteOnce found as RWO", ev)
	}
}

// textOf is an answer as the scorer normalises it (full-width forms read as
// ASCII).
func textOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'Ａ' && r <= 'Ｚ' {
			return r - 'Ａ' + 'A'
		}
		return r
	}, s)
}

// TestWholeWords: Latin terms match as whole words only, so "ipvs" names no
// PV and "prwo" no RWO.
func TestWholeWords(t *testing.T) {
	s := newScorer(t, assess.Question{ID: "pv", Title: "什么是持久化存储？", Points: []assess.Point{
		{Text: "PV 是集群管理员提供的一块存储"},
	}})
	res := score(t, s, "pv", "ipvs 和 ipv 是 prwo 存储")
	if len(res.Points[0].Evidence) != 1 || res.Points[0].Evidence[0].Keyword != "存储" {
		t.Errorf("evidence %+v, want only 存储", res.Points[0].Evidence)
	}
	res = score(t, s, "pv", "PVs 是 admins 提供的存储")
	if res.Covered != 1 || len(res.Points[0].Evidence) != 3 {
		t.Errorf("plural forms: %+v", res.Points[0])
	}
}

func TestAuthorKeywords(t *testing.T) {
	s := newScorer(t,
		assess.Question{ID: "bare", Title: "什么是 PV？", Points: []assess.Point{{Text: "PV 是一种资源"}}},
		assess.Question{ID: "authored", Title: "什么是 PV？", Points: []assess.Point{
			{Text: "PV 是一种资源", Keywords: []string{"抽象", "RWO", "zettabyte-store"}},
		}},
	)
	if res := score(t, s, "bare", "PV 是对底层存储的抽象"); res.Scored != 0 || !res.Flags.Has(assess.Unscorable) {
		t.Errorf("a point with only the title's keyword is scored: %d/%d %v", res.Covered, res.Scored, res.Flags)
	}
	for _, answer := range []string{
		"PV 是对底层存储的抽象，可以 ReadWriteOnce 挂载",
		"it is an abstraction over a zettabyte store, mounted read-write-once",
	} {
		res := score(t, s, "authored", answer)
		if res.Covered != 1 {
			t.Errorf("%q: %d/%d %+v", answer, res.Covered, res.Scored, res.Points[0])
		}
	}
}

// TestAuthorKeywordsAddToTheText: an author's keyword adds to the
// concepts of its point's text, never takes away from them: a keyword
// that the text says ("未调度", "kubectl scale", "pod的IP") is a term of
// its own, and its words still say what they say, so an answer that says
// the point in those words alone covers it, in the sense the text says
// them ("未调度" says scheduling negated, as "还没有被调度" does).
func TestAuthorKeywordsAddToTheText(t *testing.T) {
	s := newScorer(t,
		assess.Question{ID: "sched", Title: "创建 Pod 之后发生了什么？", Points: []assess.Point{
			{Text: "scheduler 监听到未调度的 pod，为它选择节点", Keywords: []string{"未调度"}},
		}},
		assess.Question{ID: "scale", Title: "deployment 怎么扩容？", Points: []assess.Point{
			{Text: "用 kubectl scale 修改副本数", Keywords: []string{"kubectl scale"}},
		}},
		assess.Question{ID: "dns", Title: "pod 的域名", Points: []assess.Point{
			{Text: "pod 的域名由 pod的IP 组成", Keywords: []string{"pod的IP"}},
		}},
	)
	checkCovered(t, s, []coverCase{
		{"sched", "scheduler 发现还没有被调度的 pod", []bool{true}},
		{"scale", "用 kubectl 命令扩容", []bool{true}},
		{"dns", "pod 的域名就是它的 IP 换成横线", []bool{true}},
	})
	for id, list := range map[string]string{"sched": "scheduler 未调度", "scale": "kubectl scale 副本数", "dns": "域名、pod的IP"} {
		if res := score(t, s, id, list); res.Grade != srs.Again {
			t.Errorf("%s %q, the keywords alone: %v %d/%d %v", id, list, res.Grade, res.Covered, res.Scored, res.Flags)
		}
	}
}

// TestDescriptiveAuthorKeywords: an author's keyword that the table reads
// as descriptors alone (单一节点读写, 退出重启) is a phrase of them, no
// term of its own: said with the point's term it explains it, even a term
// the table knows no meaning of.
func TestDescriptiveAuthorKeywords(t *testing.T) {
	restart := assess.Question{ID: "restart", Title: "Pod 的重启策略有哪些？", Points: []assess.Point{
		{Text: "Always：容器退出时总是重启", Keywords: []string{"退出重启"}},
		{Text: "OnFailure：容器异常退出时才重启", Keywords: []string{"失败重启"}},
	}}
	modes := assess.Question{ID: "authored", Title: accessModes.Title, Points: slices.Clone(accessModes.Points)}
	for i, phrase := range []string{"单一节点读写", "多台只读", "多台读写"} {
		modes.Points[i].Keywords = []string{phrase}
	}
	s := newScorer(t, modes, restart)
	for id, answer := range map[string]string{
		"authored": "RWO 单一节点读写，ROX 多台只读，RWX 多台读写",
		"restart":  "Always 退出重启，OnFailure 失败重启",
	} {
		res := score(t, s, id, answer)
		if res.Flags.Has(assess.KeywordList) || res.Grade != srs.Good {
			t.Errorf("%s %q: %v %v %d/%d", id, answer, res.Flags, res.Grade, res.Covered, res.Scored)
		}
	}
	if res := score(t, s, "restart", "Always，OnFailure，退出重启，失败重启"); !res.Flags.Has(assess.KeywordList) || res.Grade != srs.Again {
		t.Errorf("the terms and the author's phrases listed apart: %v %v", res.Flags, res.Grade)
	}
}

// TestFromBankKeywords: the keywords a bank's author gives a point reach
// the scorer, so a point its text alone cannot score is scored.
func TestFromBankKeywords(t *testing.T) {
	src := "# 什么是 PV？\n<!--\npoint: PV 是一种资源\nkeywords: 抽象, zettabyte-store\n-->\n\nPV 是一种资源。\n"
	b, err := bank.Load(fstest.MapFS{"pv.md": {Data: []byte(src)}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	q := b.Questions()[0]
	res := score(t, assess.FromBank(b), q.ID, "PV 是对 zettabyte store 的抽象")
	if res.Scored != 1 || res.Covered != 1 || res.Flags.Has(assess.Unscorable) {
		t.Errorf("%d/%d %v %+v", res.Covered, res.Scored, res.Flags, res.Points)
	}
}

// TestNotes: a note to the reader in a key point, "（注：…）" or a whole
// point that opens with 注：, says what changed since; an answer need not
// say it, and saying it alone covers nothing.
func TestNotes(t *testing.T) {
	s := newScorer(t,
		assess.Question{ID: "reclaim", Title: "PV 的回收策略有哪些？", Points: []assess.Point{
			{Text: "Delete：删除 PVC 时会同时删除 PV 和后端存储，动态卷默认为 Delete。（注：这些云盘的 in-tree 插件已在 v1.26 到 v1.28 间移除（改由 CSI 驱动提供），GA 的 Filter 插件。）"},
			{Text: "注：Recycle 已经废弃，由动态供应取代。"},
		}},
		assess.Question{ID: "sparse", Title: "什么是 PV？", Points: []assess.Point{
			{Text: "PV（注：旧版（v1.0）的说法，后由 Initializers 取代）是存储"},
			{Text: "注：PVC 是用户对存储的申请"},
		}},
	)
	res := score(t, s, "reclaim", "Delete 会在删除 PVC 时把 PV 和后端存储一起删掉，动态创建的卷默认就是 Delete。")
	if res.Scored != 1 || res.Covered != 1 || res.Grade != srs.Good || res.Points[1].Scored {
		t.Errorf("an answer without the notes: %d/%d %v %+v", res.Covered, res.Scored, res.Grade, res.Points)
	}
	res = score(t, s, "reclaim", "in-tree 插件在 v1.26 到 v1.28 间移除了，改由 CSI 驱动提供，GA 的 Filter 插件。")
	if res.Covered != 0 {
		t.Errorf("the note alone covers %d/%d: %+v", res.Covered, res.Scored, res.Points)
	}
	gaps := s.Gaps()
	if len(gaps) != 1 || gaps[0].ID != "sparse" || len(gaps[0].Sparse) != 1 {
		t.Fatalf("gaps %+v, want only the sparse question's first point", gaps)
	}
	if kws := gaps[0].Sparse[0].Keywords; !reflect.DeepEqual(kws, []string{"PV", "存储"}) {
		t.Errorf("the sparse point's keywords are %v, want [PV 存储]: a nested note is a note to its end", kws)
	}
}

// TestPointName: a point's name, before its colon, weighs as much as any
// distinctive keyword in its point, though another point mentions it in
// passing (the Retain point deletes a PVC too).
func TestPointName(t *testing.T) {
	s := newScorer(t, assess.Question{ID: "reclaim", Title: "PV 的回收策略有哪些？", Points: []assess.Point{
		{Text: "Retain：保留，当删除PVC时，PV仍然存在，管理员可以手动回收卷。"},
		{Text: "Delete：删除，如果Volume插件支持，删除PVC时会同时删除PV，动态卷默认为Delete，支持Delete的存储后端包括AWS EBS，GCE PD等。"},
	}})
	res := score(t, s, "reclaim", "Retain 就是删掉 PVC 以后 PV 保留着，要手动回收；Delete 就是连着后端存储一起删掉。")
	if !reflect.DeepEqual(covered(res), []bool{true, true}) {
		t.Errorf("covered %v: %+v", covered(res), res.Points)
	}
}

// TestValuesAsWritten: a value spelt as Kubernetes spells it (Available,
// Delete) names the value, and the common word it also is (available,
// delete) says what it means: "Available means the PV is ready to use"
// names the phase and says what it is, as "Delete removes the volume with
// the PVC" does the policy.
func TestValuesAsWritten(t *testing.T) {
	s := newScorer(t,
		assess.Question{ID: "phases", Title: "在pv的生命周期中，一般有几种状态", Points: points(
			"Available，表示pv已经创建正常，处于可用状态；",
			"Released，表示pvc被删除了，pv状态就会变成已释放；",
		)},
		reclaimPolicies,
		assess.Question{ID: "probes", Title: "就绪探针（ReadinessProbe探针）与存活探针（livenessProbe探针）区别是什么？", Points: points(
			"存活探针是将检查失败的容器杀死，创建新的启动容器来保持pod正常工作；",
			"就绪探针是，当就绪探针检查失败，并不重启容器，而是将pod移出endpoint，就绪探针确保了service中的pod都是可用的。",
		)},
	)
	checkCovered(t, s, []coverCase{
		// In a question that has no such value, a capitalised word is the
		// common one: not the PV's phase nor its reclaim policy.
		{"probes", "Liveness: kill and restart the container. Readiness: not Available, Delete from endpoints.", []bool{true, true}},
		{"phases", "Available means the PV is ready to use; Released means the PVC was deleted", []bool{true, true}},
		{"phases", "Available 表示 PV 可以用了，还没被绑定；Released 表示 PVC 被删了", []bool{true, true}},
		{"phases", "Released means the PVC was deleted; the PV is not available", []bool{false, true}},
		{"reclaim", "Retain keeps the PV after the PVC is deleted so an admin reclaims it by hand, Delete removes the volume with the PVC, Recycle wipes it with rm -rf", []bool{true, true, true}},
		{"reclaim", "Delete 会在删除 PVC 时把 PV 也删掉", []bool{false, true, false}},
		// A value in lower case that opens a clause ended by a colon names
		// the value, as a heading does; in running text it is the word.
		{"phases", "available: pv可用", []bool{true, false}},
		{"phases", "available: the pv is free, not bound yet; released: the claim was deleted", []bool{true, true}},
		{"phases", "released: the pvc was deleted, the pv is not available", []bool{false, true}},
		{"probes", "liveness: kill and restart the container. readiness: the pod is not available, delete: from endpoints", []bool{true, true}},
	})
	for _, list := range []string{"Available, Bound, Released, Failed", "可用、已绑定、已释放、失败"} {
		if res := score(t, s, "phases", list); res.Grade != srs.Again {
			t.Errorf("%q: %v %v %d/%d", list, res.Flags, res.Grade, res.Covered, res.Scored)
		}
	}
	if res := score(t, s, "reclaim", "Retain, Delete, Recycle"); !res.Flags.Has(assess.KeywordList) || res.Grade != srs.Again {
		t.Errorf("the policies listed: %v %v", res.Flags, res.Grade)
	}
}

// TestSwappedMeanings: what one term means said of another covers
// neither, whether the two terms' points share the words of the meaning
// (Retain's point says what happens when the PVC is deleted too) or the
// words that say it follow the other term in the same sentence, and a
// value is a term of its own apart from what it does (SessionAffinity,
// 会话保持).
func TestSwappedMeanings(t *testing.T) {
	s := newScorer(t, reclaimPolicies, assess.Question{ID: "spread", Title: "简述Kubernetes Service分发后端的策略?", Points: points(
		"1）RoundRobin：默认为轮询模式，即轮询将请求转发到后端的各个Pod上；",
		"2）SessionAffinity：基于客户端IP地址进行会话保持的模式，即第1次将某个客户端发起的请求转发到后端的某个Pod上，之后从相同的客户端发起的请求都将被转发到后端相同的Pod上；",
	)})
	checkCovered(t, s, []coverCase{
		{"spread", "SessionAffinity 轮询转发到后端 pod，RoundRobin 根据客户端 IP 做会话保持", []bool{false, false}},
		{"spread", "默认 RoundRobin 轮询转发到各个后端 pod；SessionAffinity 按客户端 IP 会话保持", []bool{true, true}},
		{"reclaim", "Retain deletes the volume with the PVC, Delete keeps the data for manual cleanup", []bool{false, false, false}},
		{"reclaim", "Retain 删除 PVC 时把 PV 也删掉，Delete 保留 PV 要手动回收", []bool{false, false, false}},
		{"reclaim", "Retain：删除 PVC 以后 PV 还在，要管理员手动回收；Delete 会把 PV 和后端存储一起删掉", []bool{true, true, false}},
		{"reclaim", "Retain keeps the PV after the PVC is deleted and an admin reclaims it by hand; Delete removes the PV with its backing storage", []bool{true, true, false}},
	})
	// What follows Delete in its sentence is said of Delete, not of
	// Retain, though it names no term; and that the PV stays, for an
	// admin to clean up, is Retain, no Delete either.
	answer := "Retain 会把 PV 和后端存储一起删掉；Delete 是删了 PVC 以后 PV 还在，要管理员手动清理"
	if res := score(t, s, "reclaim", answer); res.Points[0].Covered || res.Points[1].Covered {
		t.Errorf("%q covers Retain or Delete: %+v", answer, res.Points)
	}
}

// TestRivalsMeaning: a term said with a descriptor it shares with a rival
// and one that only the rival means is the rival described, and covers
// nothing: "RWX 是多节点只读" is ROX (many nodes, read-only), "Always 只有
// 失败才重启" is OnFailure; said with what only it means, it covers its
// point.
func TestRivalsMeaning(t *testing.T) {
	s := newScorer(t, accessModes, restartPolicies)
	checkCovered(t, s, []coverCase{
		{"modes", "RWO是多节点读写，ROX是单节点读写，RWX是多节点只读", []bool{false, false, false}},
		{"modes", "RWX 可以被多个节点只读挂载", []bool{false, false, false}},
		{"modes", "RWO 单节点读写，ROX 多节点只读，RWX 多节点读写", []bool{true, true, true}},
		{"restart", "Always只有失败才重启，OnFailure从不重启，Never总是重启", []bool{false, false, false}},
		{"restart", "Always 容器不管正常退出还是异常退出都重启，是默认值", []bool{true, false, false}},
	})
}

// TestCompoundSynonyms: a compound is read in its parts' synonyms too
// ("永不重启" as "从不重启", "一个节点读写" as "单节点读写"), "只允许" is
// no keyword of its own, and an item of an enumeration is no part of the
// one before it.
func TestCompoundSynonyms(t *testing.T) {
	s := newScorer(t, accessModes, restartPolicies)
	checkCovered(t, s, []coverCase{
		{"modes", "一个节点可以读写；很多节点只能读；很多节点都能读写", []bool{true, true, true}},
		{"modes", "RWO 一个节点读写，ROX 多台只读，RWX 多台读写", []bool{true, true, true}},
		{"restart", "总是重启（默认）、失败时重启（退出码不为0）、永不重启", []bool{true, true, true}},
		// Exiting abnormally (异常退出) is how OnFailure's container exits:
		// its exit is no evidence against it (a tester's report).
		{"restart", "三种策略：总是重启（默认）、异常退出时重启、从不重启", []bool{true, true, true}},
		{"restart", "Always 总是重启，Never 绝不重新启动", []bool{true, false, true}},
	})
}

// restartPolicies is the restart policy question.
var restartPolicies = assess.Question{ID: "restart", Title: "pod的重启策略有哪些？", Points: points(
	"Always: 当容器终止退出后，总是重启容器，默认策略就是Always。",
	"OnFailure: 当容器异常退出，退出状态码非0时，才重启容器。",
	"Never: 当容器终止退出，不管退出状态码是什么，从不重启容器。",
)}

// TestStepsGoOn: a clause that goes on from one about another point's
// subject is said of that subject only for a point about a subject of its
// own; a step of a process, about none, may follow one after a comma.
func TestStepsGoOn(t *testing.T) {
	s := newScorer(t, assess.Question{ID: "stop", Title: "pod的终止过程", Points: points(
		"endpoint控制器监控到pod对象的关闭行为时将其从所有匹配到此endpoint的service资源endpoint列表中删除；",
		"如果当前pod对象定义了preStop钩子处理器，则在其被标记为terminating后会以同步的方式启动执行；",
		"宽限期结束后，若pod中还存在运行的进程，那么pod对象会收到立即终止的信号；",
	)})
	for _, answer := range []string{
		"the preStop hook runs if defined, and after the grace period any process still running is killed",
		"有 preStop 钩子就执行，宽限期过了还有进程就强制杀掉",
	} {
		res := score(t, s, "stop", answer)
		if !res.Points[2].Covered {
			t.Errorf("%q does not cover the grace period: %+v", answer, res.Points[2])
		}
		// A hook runs (执行): what the preStop point says of it.
		if !res.Points[1].Covered {
			t.Errorf("%q does not cover the preStop hook: %+v", answer, res.Points[1])
		}
	}
}

// TestAStepNamesItsTermsLater: a point without a name is about the first
// term its first clause names; one that opens with when or whether
// ("宽限期结束后，……kubelet 发送 SIGKILL") is a step of the process the
// title names, about no term of its own, however many it names later,
// and what goes on from a clause about another step may say it. Killing
// forcibly is killing (强制终止, 强制杀掉).
func TestAStepNamesItsTermsLater(t *testing.T) {
	s := newScorer(t, assess.Question{ID: "stop", Title: "pod的终止过程", Points: points(
		"endpoint控制器把pod从所有匹配它的service的endpoint列表中删除，不再转发新的流量；",
		"如果当前pod对象定义了preStop钩子处理器，则在其被标记为terminating后会以同步的方式启动执行；",
		"接着，kubelet向每个容器的主进程发送SIGTERM信号，通知应用开始退出；",
		"宽限期（terminationGracePeriodSeconds，默认30秒）结束后，若pod中还存在运行的进程，kubelet会发送SIGKILL信号将其强制杀死。",
	)})
	for _, answer := range []string{
		"the preStop hook runs if defined, and after the grace period any process still running is killed",
		"有 preStop 钩子就执行，宽限期过了还有进程就强制杀掉",
		"有 preStop 钩子就执行，宽限期过了还在运行的进程会被强制终止",
	} {
		res := score(t, s, "stop", answer)
		if !res.Points[3].Covered || !res.Points[1].Covered {
			t.Errorf("%q covers preStop %v, the grace period %v, want both: %+v", answer, res.Points[1].Covered, res.Points[3].Covered, res.Points)
		}
		if res.Points[2].Covered {
			t.Errorf("%q covers SIGTERM, which it does not say: %+v", answer, res.Points[2])
		}
	}
	for _, answer := range []string{"宽限期一过就强制终止", "宽限期一过就强制杀掉", "after the grace period it is force killed"} {
		if res := score(t, s, "stop", answer); !res.Points[3].Covered {
			t.Errorf("%q does not cover the grace period: %+v", answer, res.Points[3])
		}
	}
}

// TestPolicyValueMeanings: a value means what its policy makes it mean.
// Always restarts a container under the restart policy and pulls an image
// under the image pull policy: said with its meaning it is explained under
// its own policy, and covers nothing under the other.
func TestPolicyValueMeanings(t *testing.T) {
	s := newScorer(t, restartPolicies,
		assess.Question{ID: "pull", Title: "K8s中镜像的下载策略是什么？", Points: points(
			"Always：镜像标签为latest时，总是从指定的仓库中获取镜像；",
			"Never：禁止从仓库中下载镜像，也就是说只能使用本地镜像；",
			"IfNotPresent：仅当本地没有对应镜像时，才从目标仓库中下载；",
		)},
	)
	for _, tc := range []struct {
		id, answer string
		grade      srs.Grade
		covered    int
	}{
		{"restart", "Always 总是重启，Never 从不重启", srs.Hard, 2},
		{"restart", "Always 总是重启，OnFailure 失败才重启，Never 从不重启", srs.Good, 3},
		{"restart", "Always restarts, OnFailure restarts on a non-zero exit, Never doesn't restart", srs.Good, 3},
		// "失败时", "on failure": OnFailure's meaning in words, not its name again.
		{"restart", "Always 总是重启；OnFailure 失败时才重启；Never 从不重启", srs.Good, 3},
		{"restart", "Always restarts it every time; OnFailure restarts it only on failure; Never does not restart it", srs.Good, 3},
		{"pull", "Always 总是重启，Never 从不重启", srs.Again, 0},
		{"pull", "Always 每次都去仓库拉镜像，Never 只用本地镜像，IfNotPresent 本地没有才拉", srs.Good, 3},
		{"pull", "Never 禁止从仓库拉镜像，只用本地的；IfNotPresent 本地没有才去仓库拉；Always 每次都去仓库拉", srs.Good, 3},
		// Pulling from the registry is what Always means here, not
		// Never, though Never's point says it forbids that.
		{"pull", "Always 只用本地镜像，Never 每次都从仓库拉取，IfNotPresent 本地没有才拉", srs.Again, 1},
		{"pull", "Always only uses the local image, Never pulls from the registry every time, IfNotPresent pulls when missing", srs.Again, 1},
		// Every time (每次都) is what Always does, not Always named again:
		// said of Always it explains it, said of Never it makes Never
		// Always (a tester's reports).
		{"pull", "Always 每次都拉取；IfNotPresent 本地没有才拉取；Never 从不拉取，只用本地镜像。", srs.Good, 3},
		{"pull", "Always 从不拉取；Never 每次都拉取镜像。", srs.Again, 0},
	} {
		res := score(t, s, tc.id, tc.answer)
		if res.Grade != tc.grade || res.Covered != tc.covered || res.Flags.Has(assess.KeywordList) && tc.grade != srs.Again {
			t.Errorf("%s %q: %v %v %d/%d, want %v %d", tc.id, tc.answer, res.Flags, res.Grade, res.Covered, res.Scored, tc.grade, tc.covered)
		}
	}
	for _, l := range []struct{ id, list string }{
		{"restart", "Always, OnFailure, Never"}, {"restart", "always, on failure, never"}, {"pull", "Always、Never、IfNotPresent"},
	} {
		if res := score(t, s, l.id, l.list); !res.Flags.Has(assess.KeywordList) || res.Grade != srs.Again {
			t.Errorf("%s %q: %v %v", l.id, l.list, res.Flags, res.Grade)
		}
	}
}

// TestTitleSubject: a point that names no term of the title's its own
// is about what the title names, and a clause that opens with one of the
// title's terms may be about it ("IPVS 支持更多负载均衡算法"); a point
// that has a term of the title's its own is about that term, and the
// others' are its rivals (liveness and readiness swapped cover neither).
func TestTitleSubject(t *testing.T) {
	s := newScorer(t,
		assess.Question{ID: "modes", Title: "简述kube-proxy ipvs和iptables的异同?", Points: points(
			"iptables是为防火墙而设计的",
			"IPVS则专门用于高性能负载均衡，并使用更高效的数据结构（Hash表）",
			"支持比iptables更复杂的负载均衡算法（最小负载、最少连接、加权等）",
		)},
		assess.Question{ID: "probes", Title: "就绪探针与存活探针区别是什么？", Points: points(
			"存活探针是将检查失败的容器杀死，创建新的启动容器",
			"就绪探针检查失败，并不重启容器，而是将pod移出endpoint",
		)},
	)
	checkCovered(t, s, []coverCase{
		{"modes", "iptables 是为防火墙设计的；IPVS 专门做负载均衡，用哈希表；IPVS 支持更复杂的负载均衡算法，比如最少连接、加权", []bool{true, true, true}},
		{"probes", "就绪探针失败会杀死容器再创建新的；存活探针失败不重启而是把 pod 移出 endpoint", []bool{false, false}},
		// Failing is what sets off either probe.
		{"probes", "存活探针失败就杀掉容器再创建新的；就绪探针失败就不再接收流量", []bool{true, true}},
	})
}

// TestNothingSet: saying that no request or limit is set, in any of the
// ways people say it, is what BestEffort means.
func TestNothingSet(t *testing.T) {
	s := newScorer(t, assess.Question{ID: "qos", Title: "K8S 资源限制 QoS？", Points: points(
		"BestEffort：什么都不设置（CPU or Memory），佛系申请资源；",
		"Burstable：Pod 中的容器至少一个设置了CPU 或者 Memory 的请求；",
		"Guaranteed：Pod 中的所有容器必须设置 CPU 和 Memory，并且 request 和 limit 值相等；",
	)})
	checkCovered(t, s, []coverCase{
		{"qos", "BestEffort means no requests or limits are set", []bool{true, false, false}},
		{"qos", "BestEffort sets nothing", []bool{true, false, false}},
		{"qos", "BestEffort 不设 request 和 limit", []bool{true, false, false}},
		{"qos", "Guaranteed sets nothing, BestEffort has requests equal to limits in every container", []bool{false, false, false}},
	})
}

// TestEverydayWords: the words people use for what a point says cover
// it: rejecting is forbidding, letting through is allowing, and the
// smallest unit may be written with 的.
func TestEverydayWords(t *testing.T) {
	s := newScorer(t,
		assess.Question{ID: "admission", Title: "简述Kubernetes准入机制?", Points: points(
			"AlwaysAdmit：允许所有请求（v1.13 起弃用）",
			"AlwaysDeny：禁止所有请求，多用于测试环境（v1.13 起弃用）",
		)},
		assess.Question{ID: "etcd", Title: "简述ETCD及其特点?", Points: points(
			"1）完全复制：集群中的每个节点都可以使用完整的存档；",
			"5）安全：实现了带有可选的客户端证书身份验证的自动化TLS；",
		)},
		assess.Question{ID: "pod", Title: "pod是什么？", Points: points(
			"pod是k8s中可以创建和管理的最小单元，是资源对象模型中由用户创建或部署的最小资源对象模型。",
		)},
	)
	checkCovered(t, s, []coverCase{
		{"admission", "AlwaysAdmit lets every request through, AlwaysDeny rejects every request", []bool{true, true}},
		{"admission", "AlwaysAdmit 放行所有请求，AlwaysDeny 拒绝所有请求", []bool{true, true}},
		{"pod", "pod 就是一组容器，是 k8s 里最小的部署单元", []bool{true}},
		{"etcd", "every node keeps a full copy of the data; it uses TLS with client certs for authentication", []bool{true, true}},
	})
}

// TestProxy: calling kube-proxy a proxy repeats its name; a network proxy
// describes it.
func TestProxy(t *testing.T) {
	s := newScorer(t, assess.Question{ID: "proxy", Title: "service 和 kube-proxy 的关系是什么？", Points: []assess.Point{
		{Text: "service：为一组功能相同的pod提供单一不变的接入点的资源。"},
		{Text: "kube-proxy：kube-proxy运行在node节点上，在Node节点上实现Pod网络代理，维护网络规则和四层负载均衡工作"},
	}})
	for answer, want := range map[string]bool{
		"kube-proxy 是 apiserver 的代理，把 kubectl 请求转发给 apiserver":                   false,
		"kube-proxy is a proxy that forwards kubectl requests to the API server": false,
		"kube-proxy 是每个节点上的网络代理，实现四层转发":                                          true,
		"kube-proxy is the network proxy on every node, with its rules":          true,
	} {
		if res := score(t, s, "proxy", answer); res.Points[1].Covered != want {
			t.Errorf("%q covers the kube-proxy point: %v, want %v (%+v)", answer, res.Points[1].Covered, want, res.Points[1])
		}
	}
}

// TestTitleEcho: a point whose keywords are the title's but one is covered
// by that one; the learner need not echo the title.
func TestTitleEcho(t *testing.T) {
	s := newScorer(t, assess.Question{ID: "scale", Title: "deployment怎么扩容？", Points: []assess.Point{
		{Text: "扩容就是修改deployment的pod副本数"},
	}})
	for answer, want := range map[string]int{"改副本数就行。": 1, "扩容就是给 deployment 加 CPU。": 0} {
		if res := score(t, s, "scale", answer); res.Covered != want {
			t.Errorf("%q covers %d/%d, want %d", answer, res.Covered, res.Scored, want)
		}
	}
}

// TestCommands: the rollback command is a term of its own, not the word
// rollback the title gives away.
func TestCommands(t *testing.T) {
	s := newScorer(t, assess.Question{ID: "undo", Title: "deployment的回滚使用什么命令", Points: []assess.Point{
		{Text: "kubectl rollout history 查看deployment的历史版本", Keywords: []string{"rollout history"}},
		{Text: "kubectl rollout undo 回滚，--to-revision 指定回滚到哪个版本", Keywords: []string{"rollout undo", "--to-revision"}},
	}})
	for answer, want := range map[string][]bool{
		"先 kubectl rollout history 看历史版本，再 kubectl rollout undo 回滚，--to-revision 指定版本。": {true, true},
		"kubectl rollout undo deployment/web 就回滚到上一个版本了。":                               {false, true},
		"把 deployment 删掉重新 apply 一遍，就回滚了。":                                              {false, false},
		// Each command said with what its point says of it, in one clause.
		"kubectl rollout history shows the revisions and kubectl rollout undo rolls back, --to-revision picks which one": {true, true},
		// Spaces for commas, next to words that are no keywords (加, 先用).
		"用 kubectl rollout undo 回滚 加 --to-revision 指定版本 先用 rollout history 看历史版本": {true, true},
	} {
		if res := score(t, s, "undo", answer); !reflect.DeepEqual(covered(res), want) {
			t.Errorf("%q: covered %v, want %v", answer, covered(res), want)
		}
	}
}

func TestEdgeCases(t *testing.T) {
	s := newScorer(t, accessModes)
	for _, answer := range []string{"", "   \n\t", "。，；!?…—", "\xff\xfe\xfd"} {
		res := score(t, s, "modes", answer)
		if !res.Flags.Has(assess.Empty) || res.Grade != srs.Again || res.Covered != 0 {
			t.Errorf("%q: %v %v %d/%d", answer, res.Flags, res.Grade, res.Covered, res.Scored)
		}
	}
	if _, err := s.Score("nope", "RWO"); !errors.Is(err, assess.ErrUnknownQuestion) {
		t.Errorf("unknown ID: %v", err)
	}
	good := "ReadWriteOnce 只能被单个节点读写挂载；ReadOnlyMany 可以被多个节点只读挂载；ReadWriteMany 可以被多个节点读写挂载。"
	long := good + strings.Repeat("很长的解释。", assess.MaxAnswerRunes)
	res := score(t, s, "modes", long)
	if !res.Flags.Has(assess.Truncated) || res.Grade != srs.Good {
		t.Errorf("a long answer: %v %v", res.Flags, res.Grade)
	}
	for _, p := range res.Points {
		if !utf8.ValidString(p.Excerpt) || utf8.RuneCountInString(p.Excerpt) > 160 {
			t.Errorf("excerpt %q", p.Excerpt)
		}
	}
}

// TestStuffing: naming the terms of every question covers nothing, whether
// listed or wrapped in a sentence; an answer that names a few neighbouring
// terms is not stuffing.
func TestStuffing(t *testing.T) {
	s := newScorer(t, accessModes)
	for _, answer := range []string{
		"RWO 单节点读写，ROX 多节点只读，RWX 多节点读写，还有 etcd Raft kube-proxy IPVS iptables HPA ClusterIP NodePort Retain Recycle BestEffort Guaranteed livenessProbe readinessProbe drain cordon",
		"这题和 etcd 的 Raft、Service 的 ClusterIP 与 NodePort、kube-proxy 的 IPVS、HPA、QoS 的 BestEffort、存活探针、就绪探针、预选和优选都有关，RWO 单节点读写。",
	} {
		res := score(t, s, "modes", answer)
		if !res.Flags.Has(assess.Stuffing) || res.Covered != 0 || res.Grade != srs.Again {
			t.Errorf("%q: %v %d/%d %v", answer, res.Flags, res.Covered, res.Scored, res.Grade)
		}
	}
	res := score(t, s, "modes", "RWO 只能被单个节点读写挂载，适合 StatefulSet 里每个 Pod 一块盘；ROX 可以被多个节点只读挂载；RWX 可以被多个节点读写挂载，要 NFS 或 CephFS 这种存储，云盘一般只支持 RWO。")
	if res.Flags.Has(assess.Stuffing) || res.Grade != srs.Good {
		t.Errorf("an answer with neighbouring terms: %v %v", res.Flags, res.Grade)
	}
}

// TestKeywordList: a list of the question's own terms and descriptors is
// flagged and gets Again, even when it names every keyword; the same
// content said in clauses is an answer, and so is a clause that says what
// its one term means in descriptors alone, in either language.
func TestKeywordList(t *testing.T) {
	s := newScorer(t, accessModes)
	checkVerdicts(t, s, "modes", srs.Again, true,
		"RWO 单个节点 读写 挂载 ROX 多个节点 只读 RWX",
		"ReadWriteOnce、ReadOnlyMany、ReadWriteMany、单节点、多节点、只读、读写、挂载",
		"RWO, ROX, RWX",
		"ReadWriteOnce ReadOnlyMany ReadWriteMany",
		"RWO，ROX，RWX，单节点，多节点，读写，只读",
	)
	checkVerdicts(t, s, "modes", srs.Good, false,
		"RWO 是只有单个节点能读写挂载，ROX 是多个节点能只读挂载，RWX 是多个节点都能读写挂载",
		"RWO one node read write, ROX many nodes read only, RWX many nodes read write",
		"RWO 单节点读写，ROX 多节点只读，RWX 多节点读写",
		"ReadWriteOnce 单个节点 读写；ReadOnlyMany 多个节点 只读；ReadWriteMany 多个节点 读写",
		"RWO: one node, read-write. ROX: many nodes, read-only. RWX: many nodes, read-write.",
		"RWO：单个节点读写；ROX：多个节点只读；RWX：多个节点读写",
	)
	// A point whose subject a list names is named, not explained; one
	// about a subject the answer does not name, or covered, is not.
	for _, tc := range []struct {
		answer string
		named  []bool
	}{
		{"ReadWriteOnce ReadOnlyMany", []bool{true, true, false}},
		// ROX said to be what RWO is: explained wrongly, not named alone.
		{"RWO 单节点读写，ROX 单节点读写", []bool{false, false, false}},
		{"不知道", []bool{false, false, false}},
	} {
		res := score(t, s, "modes", tc.answer)
		var named []bool
		for _, p := range res.Points {
			named = append(named, p.Named)
		}
		if !reflect.DeepEqual(named, tc.named) {
			t.Errorf("%q: named %v, want %v", tc.answer, named, tc.named)
		}
	}
}

// checkVerdicts scores each answer to the question and checks that it
// gets grade, flagged as a keyword list or not as list says.
func checkVerdicts(t *testing.T, s *assess.Scorer, id string, grade srs.Grade, list bool, answers ...string) {
	t.Helper()
	for _, answer := range answers {
		res := score(t, s, id, answer)
		if res.Flags.Has(assess.KeywordList) != list || res.Grade != grade {
			t.Errorf("%q: %v %v %d/%d, want %v, keyword list %v", answer, res.Flags, res.Grade, res.Covered, res.Scored, grade, list)
		}
	}
}

// TestUnpunctuatedTerms: an answer typed without punctuation that says
// each term with what it means reads as if a comma came before each
// term; terms listed bare, or with Chinese words set apart by spaces,
// stay a list, and meanings swapped cover neither.
func TestUnpunctuatedTerms(t *testing.T) {
	s := newScorer(t, accessModes)
	checkVerdicts(t, s, "modes", srs.Good, false,
		"RWO one node read write ROX many nodes read only RWX many nodes read write",
		"RWO 单节点读写 ROX 多节点只读 RWX 多节点读写",
		"the modes are RWO one node read write ROX many nodes read only RWX many nodes read write",
	)
	checkVerdicts(t, s, "modes", srs.Again, true,
		"RWO ROX RWX",
		"ReadWriteOnce ReadOnlyMany ReadWriteMany",
		"ReadWriteOnce RWO ReadOnlyMany ROX ReadWriteMany RWX",
		"RWO 单个节点 读写 挂载 ROX 多个节点 只读 RWX",
		"RWO one node read write ROX RWX",
		"RWO 单个节点 读写 挂载 ROX 多个节点 只读 挂载 RWX 多个节点 读写 挂载",
	)
	checkCovered(t, s, []coverCase{
		{"modes", "RWO many nodes read only ROX one node read write", []bool{false, false, false}},
		{"modes", "RWO 多个节点只读 ROX 单个节点读写", []bool{false, false, false}},
	})
}

// TestHeadingsSwapped: what follows a term's colon is said of that term,
// so meanings swapped between terms written "term：meaning" cover none of
// them, as they do written without the colon; said right, they cover
// each (a tester's report: the description after ROX's colon was credited
// to RWO).
func TestHeadingsSwapped(t *testing.T) {
	s := newScorer(t, accessModes, restartPolicies)
	checkCovered(t, s, []coverCase{
		{"modes", "RWO：多节点读写；ROX：单节点读写；RWX：多节点只读", []bool{false, false, false}},
		{"modes", "RWO：多个节点可以读写挂载；ROX：单个节点读写挂载；RWX：多个节点只读挂载", []bool{false, false, false}},
		{"modes", "RWO: many nodes read-write; ROX: one node read-write; RWX: many nodes read-only", []bool{false, false, false}},
		{"modes", "RWO：单节点读写；ROX：多节点只读；RWX：多节点读写", []bool{true, true, true}},
		{"modes", "RWO: one node read-write; ROX: many nodes read-only; RWX: many nodes read-write", []bool{true, true, true}},
		{"restart", "默认是Never；Always：只在失败时重启；OnFailure：总是重启", []bool{false, false, false}},
		{"restart", "The default is Never; Always: restarts only on failure; OnFailure: always restarts", []bool{false, false, false}},
		{"restart", "Always：总是重启，是默认的；OnFailure：失败时才重启；Never：从不重启", []bool{true, true, true}},
	})
}

// TestWrongMeaningsAreNotNamed: a point whose subject the answer says
// something wrong of is missed, not named without explanation, in either
// language; one the answer names alone, or in a list, is named (a
// tester's report: each swapped restart policy was shown "only named").
func TestWrongMeaningsAreNotNamed(t *testing.T) {
	s := newScorer(t, accessModes, restartPolicies)
	for _, tc := range []struct {
		id, answer string
		named      []bool
	}{
		{"restart", "默认是Never；Always 只在失败时重启；OnFailure 总是重启", []bool{false, false, false}},
		{"restart", "The default is Never; Always restarts only on failure; OnFailure always restarts", []bool{false, false, false}},
		{"restart", "Always，OnFailure", []bool{true, true, false}},
		{"restart", "Always 总是重启，OnFailure", []bool{false, true, false}},
		{"modes", "RWO：多节点只读；ROX：单节点读写；RWX", []bool{false, false, true}},
		{"modes", "RWO ROX RWX", []bool{true, true, true}},
	} {
		res := score(t, s, tc.id, tc.answer)
		var named []bool
		for _, p := range res.Points {
			named = append(named, p.Named)
			if p.Named && p.Wrong {
				t.Errorf("%q: %q both named and wrong", tc.answer, p.Text)
			}
		}
		if !reflect.DeepEqual(named, tc.named) {
			t.Errorf("%q: named %v, want %v", tc.answer, named, tc.named)
		}
	}
}

// marks are an answer's verdicts on the points: ✅ covered, 🔸 named,
// ⛔ wrong, ❌ missed.
func marks(res assess.Result) string {
	var b strings.Builder
	for _, p := range res.Points {
		switch {
		case p.Covered:
			b.WriteString("✅")
		case p.Named:
			b.WriteString("🔸")
		case p.Wrong:
			b.WriteString("⛔")
		default:
			b.WriteString("❌")
		}
	}
	return b.String()
}

// markCase is an answer to a shipped question and the marks it should
// get (see marks).
type markCase struct{ id, answer, want string }

// checkMarks scores each case's answer with the shipped bank and checks
// its marks.
func checkMarks(t *testing.T, cases []markCase) {
	t.Helper()
	s := assess.FromBank(testkit.ShippedBank(t))
	for _, tc := range cases {
		if got := marks(score(t, s, tc.id, tc.answer)); got != tc.want {
			t.Errorf("%s %q: %s, want %s", tc.id, tc.answer, got, tc.want)
		}
	}
}

// TestWrongApartFromNamed: a point whose subject the answer explains in
// words the scorer does not recognise is named, not missed; one whose
// subject is said to be what another point's is, or the contrary of its
// point, is wrong, apart from both (a tester: "Delete：删除" and a
// reversed answer were both shown missed).
func TestWrongApartFromNamed(t *testing.T) {
	checkMarks(t, []markCase{
		{"547ifb", "Delete：删除", "❌🔸"},
		{"547ifb", "Retain 保留，Delete 删除", "🔸🔸"},
		// 保留 names Retain: "Delete 保留" reads as a list of the two.
		{"547ifb", "Retain 删除，Delete 保留", "⛔🔸"},
		{"547ifb", "Retain：删除PVC时PV也删除", "⛔❌"},
		{"gzrv43", "RWOP：专门给它用", "❌❌❌🔸"},
		// 多节点只读 names ROX, with nothing wrong said of it.
		{"gzrv43", "RWO：多节点只读", "⛔🔸❌❌"},
		{"gswu4o", "Never 每次都拉取", "❌⛔❌"},
		{"eg5jaa", "Always：从不重启；OnFailure：总是重启；Never：失败时才重启", "⛔⛔⛔"},
		{"eg5jaa", "Always restarts only on failure", "⛔❌❌"},
	})
}

// TestEverydayChinese: correct answers in everyday words are read as the
// point's (a tester: 一个Pod, 总是拉取, 从不拉取 and 写入 etcd went
// unrecognised).
func TestEverydayChinese(t *testing.T) {
	checkMarks(t, []markCase{
		{"gzrv43", "RWOP：只有一个Pod能读写", "❌❌❌✅"},
		{"gzrv43", "RWOP：一个 pod 读写", "❌❌❌✅"},
		{"gswu4o", "Always：总是拉取镜像", "✅❌❌"},
		{"gswu4o", "Never：从不拉取镜像", "❌✅❌"},
		{"gswu4o", "Always 总是拉取，IfNotPresent 本地没有才拉，Never 从不拉取", "✅✅✅"},
	})
}

// TestOverlappingForms: a term spelt out in words gives way to the
// descriptors it overlaps, "read only many nodes" being read only and
// many nodes; said alone, it is the term.
func TestOverlappingForms(t *testing.T) {
	s := newScorer(t, accessModes)
	checkVerdicts(t, s, "modes", srs.Good, false,
		"RWO read write one node, ROX read only many nodes, RWX read write many nodes",
		"RWO read write one node ROX read only many nodes RWX read write many nodes",
	)
	checkCovered(t, s, []coverCase{
		{"modes", "read write once means one node mounts it read write, read only many means many nodes mount it read only", []bool{true, true, false}},
	})
}

func TestDeterministic(t *testing.T) {
	b := testkit.ShippedBank(t)
	s1, s2 := assess.FromBank(b), assess.FromBank(b)
	for _, q := range b.Questions() {
		answer := q.Title + "：" + plainAnswer(q)
		r1, err1 := s1.Score(q.ID, answer)
		r2, err2 := s2.Score(q.ID, answer)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(r1, r2) {
			t.Fatalf("%s: two scorers disagree: %+v %v / %+v %v", q.ID, r1, err1, r2, err2)
		}
	}
}

// TestReferenceAnswersPass: each shipped question's own reference answer,
// typed back, covers every scored point.
func TestReferenceAnswersPass(t *testing.T) {
	b := testkit.ShippedBank(t)
	s := assess.FromBank(b)
	for _, q := range b.Questions() {
		res := score(t, s, q.ID, plainAnswer(q))
		if res.Scored > 0 && res.Covered != res.Scored {
			t.Errorf("%s %s: its reference answer covers %d/%d", q.ID, q.Title, res.Covered, res.Scored)
		}
	}
}

func plainAnswer(q *bank.Question) string {
	var b strings.Builder
	for _, kp := range q.KeyPoints {
		b.WriteString(kp.Text)
		b.WriteString("\n")
	}
	return b.String()
}

func TestNewRejects(t *testing.T) {
	for name, qs := range map[string][]assess.Question{
		"no ID":        {{Title: "t"}},
		"duplicate ID": {{ID: "a", Title: "t"}, {ID: "a", Title: "u"}},
	} {
		if _, err := assess.New(qs); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestGaps(t *testing.T) {
	b := testkit.ShippedBank(t)
	gaps := assess.FromBank(b).Gaps()
	byID := map[string]assess.Gap{}
	for _, g := range gaps {
		byID[g.ID] = g
		// Every shipped question has key points, one at least scorable:
		// the rollback question, whose answer is code alone, has stated
		// points now.
		if g.NoKeyPoints || g.Unscorable {
			t.Errorf("%s %s: no key points %v, unscorable %v", g.ID, g.Title, g.NoKeyPoints, g.Unscorable)
		}
	}
	// The rollback question's stated points and the access-mode
	// question's bullets have keywords enough. The scheduler question's
	// last point is a note, which is never sparse.
	for _, title := range []string{
		"deployment的回滚使用什么命令",
		"pv的访问模式有哪几种",
		"简述Kubernetes Scheduler使用哪两种算法将Pod绑定到worker节点",
	} {
		if g, ok := byID[bank.QuestionID(title)]; ok {
			t.Errorf("%s is listed: %+v", title, g)
		}
	}
	// The scaling question's first point names one keyword beyond the
	// title's deployment and scaling: the replicas.
	g := byID[bank.QuestionID("deployment怎么扩容或缩容？")]
	if len(g.Sparse) != 1 || g.Sparse[0].Index != 0 || !slices.Contains(g.Sparse[0].Keywords, "副本") {
		t.Errorf("the scaling question: %+v", g)
	}
	for _, g := range gaps {
		for _, p := range g.Sparse {
			q, _ := b.ByID(g.ID)
			if p.Index < 0 || p.Index >= len(q.KeyPoints) || q.KeyPoints[p.Index].Text != p.Text {
				t.Errorf("%s: sparse point %+v is not its point", g.ID, p)
			}
		}
	}
}

func TestFlagString(t *testing.T) {
	if got := (assess.Empty | assess.Stuffing).String(); got != "empty,stuffing" {
		t.Errorf("got %q", got)
	}
	if got := assess.Flag(0).String(); got != "none" {
		t.Errorf("got %q", got)
	}
}

// TestConcurrentScore: one scorer serves many goroutines (run with -race).
func TestConcurrentScore(t *testing.T) {
	b := testkit.ShippedBank(t)
	s := assess.FromBank(b)
	qs := b.Questions()
	want := make([]assess.Result, len(qs))
	for i, q := range qs {
		want[i] = score(t, s, q.ID, plainAnswer(q))
	}
	done := make(chan error, 4)
	for range 4 {
		go func() {
			for i, q := range qs {
				if got, err := s.Score(q.ID, plainAnswer(q)); err != nil || !reflect.DeepEqual(got, want[i]) {
					done <- errors.New(q.ID + ": a concurrent score differs")
					return
				}
			}
			done <- nil
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestPhasesWithTheirMeanings: the question on PV's phases asks for a
// list, and its points say each phase with what it means: each phase said
// with that word covers its point, in the reply's count, its ticks and
// its grade alike; the names alone, or the words alone, are a keyword
// list (a tester's report: Bound 已绑定 was shown missed, 2/4 and Again).
func TestPhasesWithTheirMeanings(t *testing.T) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		t.Fatal(err)
	}
	s := assess.FromBank(bk)
	id := bank.QuestionID("在pv的生命周期中，一般有几种状态")
	for _, answer := range []string{
		"PV 的状态有：Available 可用、Bound 已绑定、Released 已释放、Failed 回收失败",
		"Available（可用）、Bound（已绑定）、Released（已释放）、Failed（失败）",
		"Available: usable; Bound: bound to a claim; Released: its claim was deleted; Failed: reclaim failed",
	} {
		res := score(t, s, id, answer)
		if res.Covered != res.Scored || res.Grade != srs.Good || res.Flags != 0 {
			t.Errorf("%q: %v %d/%d [%v] %+v", answer, res.Grade, res.Covered, res.Scored, res.Flags, res.Points)
		}
	}
	for _, answer := range []string{"Available, Bound, Released, Failed", "可用、已绑定、已释放、失败"} {
		if res := score(t, s, id, answer); res.Covered != 0 || res.Grade != srs.Again || !res.Flags.Has(assess.KeywordList) {
			t.Errorf("%q: %v %d/%d [%v]", answer, res.Grade, res.Covered, res.Scored, res.Flags)
		}
	}
}

// TestChineseNamesAndFirstContainer: the access modes' usual Chinese
// names (读写一次, 只读多次, 读写多次) name the modes, so listed they are
// named, not missed, and a keyword list as the English names are; the
// pause container started first in the pod is the root container its
// point describes (a tester's report).
func TestChineseNamesAndFirstContainer(t *testing.T) {
	s := newScorer(t, accessModes, assess.Question{ID: "pause", Title: "pause容器作用是什么？", Points: points(
		"每个pod里运行着一个特殊的被称之为pause的容器，也称根容器，而其他容器则称为业务容器",
		"创建pause容器主要是为了为业务容器提供 Linux命名空间，共享基础：包括 net、ipc、uts 等",
	)})
	res := score(t, s, "modes", "读写一次、只读多次、读写多次")
	if !res.Flags.Has(assess.KeywordList) || res.Grade != srs.Again {
		t.Errorf("the Chinese names listed: %v %v", res.Flags, res.Grade)
	}
	for i, p := range res.Points {
		if !p.Named {
			t.Errorf("point %d is not named by its Chinese name: %+v", i+1, p)
		}
	}
	checkCovered(t, s, []coverCase{
		{"modes", "读写一次就是只能被单个节点读写挂载", []bool{true, false, false}},
		{"pause", "pause容器是pod里第一个启动的容器", []bool{true, false}},
		{"pause", "the pause container is the first to start in a pod", []bool{true, false}},
	})
}

// TestATitlesSubjectNamesNoPoint: saying only what the question's title
// gives (pv, of the question on PV's phases) names none of its points:
// none is marked named but not explained.
func TestATitlesSubjectNamesNoPoint(t *testing.T) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		t.Fatal(err)
	}
	s := assess.FromBank(bk)
	id := bank.QuestionID("在pv的生命周期中，一般有几种状态")
	res := score(t, s, id, "pv 有几种状态，我不记得了")
	for i, p := range res.Points {
		if p.Named {
			t.Errorf("point %d is marked named by an answer that says only the title's pv", i+1)
		}
	}
	if res := score(t, s, id, "Available Bound Released Failed"); !slices.ContainsFunc(res.Points, func(p assess.PointResult) bool { return p.Named }) {
		t.Errorf("a list of the phases names none of the points about them: %+v", res.Points)
	}
}

// TestANegatedAnswerSaysTheOpposite: an answer that negates what a point
// says ("不会杀死" of "会杀死", "cannot be mounted read-write by many
// nodes") covers no point by the words it negates, while one that negates
// where the point does ("不会重启", "不为0") covers it as before.
func TestANegatedAnswerSaysTheOpposite(t *testing.T) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		t.Fatal(err)
	}
	s := assess.FromBank(bk)
	for _, c := range []struct {
		id, answer string
		covered    int
	}{
		{"wh5dmb", "存活探针失败不会杀死容器；就绪探针失败会重启容器，不会把pod移出endpoint。", 1},
		{"gzrv43", "It cannot be mounted read-write by many nodes, nor read-only by a single node.", 0},
		{"wh5dmb", "存活探针失败会杀死容器重新创建；就绪探针失败不会重启容器，而是把pod从endpoint移出。", 2},
		{"eg5jaa", "Always 总是重启，Never 从不重启，OnFailure 退出码不为0时重启", 3},
		{"gzrv43", "RWO: one node reads and writes; ROX: many nodes read only; RWX: many nodes read and write", 3},
		// A negation reaches four tokens, within its clause, to no "but":
		// a condition's says nothing of the main verb after it, and a
		// mention's own (不健康, 不通过) negates nothing.
		{"wh5dmb", "存活探针失败会杀死容器并重启；就绪探针失败不会重启容器，而是把pod从endpoint移出", 2},
		{"wh5dmb", "存活探针失败就杀死容器重建；就绪探针没有通过时就把pod移出endpoint", 2},
		{"wh5dmb", "Liveness: if the check fails kubelet kills the container and restarts it. Readiness: if it does not pass the pod is removed from the endpoints", 2},
		{"wh5dmb", "存活探针在容器不健康时会杀死容器并重建；就绪探针失败把pod移出endpoint", 2},
		{"wh5dmb", "存活探针检查不通过时kubelet会杀死容器并重建；就绪探针失败把pod移出endpoint", 2},
		{"eg5jaa", "Always：不论怎么退出都会重启容器；OnFailure：退出码非0时才重启；Never：从不重启", 3},
		{"3d7yhx", "endpoint 控制器把 pod 从 service 的 endpoint 列表删除；如果定义了 preStop 钩子会先执行；宽限期结束后还没有退出的进程会收到立即终止的信号", 3},
		// A negator before the subject negates the condition, not the point.
		{"wh5dmb", "When the app does not respond the liveness probe fails and kubelet kills the container and restarts it; when readiness fails the pod is removed from the endpoints.", 2},
		{"wh5dmb", "If it isnt healthy the liveness probe kills the container and restarts it; when readiness fails the pod is removed from the endpoints.", 2},
		{"wh5dmb", "No doubt a failed liveness probe kills the container and restarts it; when readiness fails the pod is removed from the endpoints.", 2},
	} {
		if res := score(t, s, c.id, c.answer); res.Covered != c.covered {
			t.Errorf("%s %q: %d of %d points covered, want %d", c.id, c.answer, res.Covered, res.Scored, c.covered)
		}
	}
	// 无法 (cannot) negates as 不 does, though 无 alone negates the one
	// word after it: the many nodes are no evidence.
	res := score(t, s, "gzrv43", "RWX 无法被多个节点读写挂载")
	for _, p := range res.Points {
		for _, ev := range p.Evidence {
			if strings.Contains(ev.Found, "多个节点") {
				t.Errorf("RWX 无法被多个节点读写挂载: %q is evidence of %q", ev.Found, p.Text)
			}
		}
	}
	// 只 (only) and 而 (but) end what 不会 negates: the removal is
	// evidence.
	for _, answer := range []string{"就绪探针失败不会重启容器只会把pod移出", "就绪探针失败不会重启容器而是把pod移出"} {
		res := score(t, s, "wh5dmb", answer)
		if !slices.ContainsFunc(res.Points, func(p assess.PointResult) bool {
			return slices.ContainsFunc(p.Evidence, func(ev assess.Evidence) bool { return ev.Found == "移出" })
		}) {
			t.Errorf("%s: the removal is taken as negated: %+v", answer, res.Points)
		}
	}
}

// TestAnAnswerToAnotherQuestionIsOffTopic: an answer about the subjects of
// another question's points (the reclaim policies, given to the question
// on PV's phases) covers nothing there, though it says PV, PVC and
// deleted; the same answer to its own question covers its points.
func TestAnAnswerToAnotherQuestionIsOffTopic(t *testing.T) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		t.Fatal(err)
	}
	s := assess.FromBank(bk)
	const policies = "Retain keeps the PV after the PVC is deleted for manual reclaim; Delete removes the volume with the PVC; Recycle wipes it with rm -rf and is deprecated"
	phases := bank.QuestionID("在pv的生命周期中，一般有几种状态")
	if res := score(t, s, phases, policies); !res.Flags.Has(assess.OffTopic) || res.Covered != 0 || res.Grade != srs.Again {
		t.Errorf("the reclaim policies for PV's phases: %v, %d of %d covered, %v; want off-topic, none, Again", res.Flags, res.Covered, res.Scored, res.Grade)
	}
	reclaim := bank.QuestionID("pv的回收策略有哪几种")
	if res := score(t, s, reclaim, policies); res.Flags.Has(assess.OffTopic) || res.Covered == 0 {
		t.Errorf("the reclaim policies for their own question: %v, %d of %d covered", res.Flags, res.Covered, res.Scored)
	}
}

// TestUnhealthyIsNoHealth: "unhealthy" (不健康) is a failure, not health:
// it is no evidence of a point's 正常, and a prefix negator (非0) negates
// only the word it stands before.
func TestUnhealthyIsNoHealth(t *testing.T) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		t.Fatal(err)
	}
	s := assess.FromBank(bk)
	res := score(t, s, "f3kqcu", "exec runs a command and exit code 0 means unhealthy")
	for _, p := range res.Points {
		for _, ev := range p.Evidence {
			if ev.Found == "unhealthy" && ev.Keyword == "正常" {
				t.Errorf("unhealthy taken for 正常 in %q", p.Text)
			}
		}
	}
	good := score(t, s, "f3kqcu", "exec: exit code 0 means healthy, non-zero means unhealthy")
	if !slices.ContainsFunc(good.Points, func(p assess.PointResult) bool {
		return slices.ContainsFunc(p.Evidence, func(ev assess.Evidence) bool { return ev.Found == "unhealthy" })
	}) {
		t.Errorf("non-zero means unhealthy says nothing of the exec point: %+v", good.Points)
	}
}

// TestConditionsNotMet: a key point that negates before a term ("不满足预选
// 策略的条件") says its keyword unclearly, not plainly, so an answer that
// says the nodes do not meet the conditions ("不满足条件", "don't fit")
// explains the predicates (a tester's reports: both were named, not
// explained).
func TestConditionsNotMet(t *testing.T) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		t.Fatal(err)
	}
	s := assess.FromBank(bk)
	for _, answer := range []string{
		"Two phases: filtering (predicates) removes nodes that don't fit, then scoring (priorities) ranks the remaining nodes and the pod goes to the highest.",
		"先预选，过滤掉不满足条件的节点；再优选，给剩下的节点打分，选分最高的。",
	} {
		if res := score(t, s, "uyjxcq", answer); res.Covered != 2 || res.Grade != srs.Good {
			t.Errorf("%q: %v %d/%d %+v", answer, res.Grade, res.Covered, res.Scored, res.Points)
		}
	}
}

// TestEvidenceOfItsOwn: a point's evidence leaves out, where it can, a
// clause about another point's subject that names the point's keywords
// in passing: the priorities point takes "the nodes that passed the
// predicates", but "filtering (predicates) removes …" is the predicates'
// (a tester's report: the priorities point was credited with filtering
// and predicates).
func TestEvidenceOfItsOwn(t *testing.T) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		t.Fatal(err)
	}
	s := assess.FromBank(bk)
	res := score(t, s, "uyjxcq", "Two phases: filtering (predicates) removes nodes that don't fit, then scoring (priorities) ranks the remaining nodes and the pod goes to the highest.")
	for _, ev := range res.Points[1].Evidence {
		if ev.Keyword == "Predicates" || ev.Keyword == "过滤" {
			t.Errorf("the priorities point's evidence has %+v: %+v", ev, res.Points[1])
		}
	}
	if !res.Points[1].Covered || !strings.HasPrefix(res.Points[1].Excerpt, "then scoring") {
		t.Errorf("the priorities point: %+v", res.Points[1])
	}
}

// TestAPropertyOfTheTitlesSubject: a point about no subject of its own, a
// property or a step of what the title names, is covered by what a clause
// about another point's term says of it: Raft keeping the data consistent
// says the data is consistent, kubectl scale changing the replicas says
// scaling is changing them (a tester's reports: each missed that point).
func TestAPropertyOfTheTitlesSubject(t *testing.T) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		t.Fatal(err)
	}
	s := assess.FromBank(bk)
	for _, c := range []struct{ id, answer string }{
		{"bctqeu", "Raft protocol keeps data consistent across members"},
		{"bctqeu", "Raft protocol keeps data consistent across nodes"},
		{"bctqeu", "etcd 用 Raft 协议同步数据，保证数据一致性"},
		{"vzlhv7", "用 kubectl scale 修改副本数"},
	} {
		if res := score(t, s, c.id, c.answer); res.Covered != res.Scored || res.Grade != srs.Good {
			t.Errorf("%s %q: %v %d/%d %+v", c.id, c.answer, res.Grade, res.Covered, res.Scored, res.Points)
		}
	}
}

// TestFailingIsNotDoing: failing to do a thing is not doing it, so an
// answer that negates what a point says fails ("the scheduler cannot
// schedule it" for 调度器调度失败), or says fails what a point negates
// ("动态创建失败" for 无法动态创建), says what the point says (a tester's
// report: "the scheduler cannot place it" was named, not explained).
func TestFailingIsNotDoing(t *testing.T) {
	s := newScorer(t, assess.Question{ID: "pending", Title: "pod一直处于pending状态一般有哪些情况？", Points: points(
		"调度器调度失败。",
		"pvc、pv无法动态创建。",
	)})
	checkCovered(t, s, []coverCase{
		{"pending", "the scheduler cannot schedule it", []bool{true, false}},
		{"pending", "调度器无法调度", []bool{true, false}},
		{"pending", "the scheduler failed to schedule it", []bool{true, false}},
		{"pending", "PVC 动态创建失败", []bool{false, true}},
		{"pending", "PVC 无法动态创建", []bool{false, true}},
	})
}

// TestPendingCauses: the everyday words for why a pod stays Pending are
// the points' (a tester's reports: the English answer got 2/5, the
// Chinese one was a keyword list): a scheduler that cannot place a pod
// fails to schedule it, not enough CPU is too few resources, and a claim
// is bound to a volume or is not. The answer says how to troubleshoot
// (kubectl describe pod, its events) and no longer counts a ResourceQuota
// or LimitRange as a cause: they refuse the pod at its creation.
func TestPendingCauses(t *testing.T) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		t.Fatal(err)
	}
	s := assess.FromBank(bk)
	// The four causes and how to find which: kubectl describe pod, its
	// events (FailedScheduling).
	for _, answer := range []string{
		"A pod stays Pending when the scheduler cannot place it: not enough CPU or memory on nodes, a PVC that cannot bind, or the image is still being pulled. kubectl describe pod shows why in its events.",
		"调度失败、节点资源不足、PVC绑定不了、镜像还在拉取；用 kubectl describe pod 看 Events",
		"调度器无法调度，镜像正在拉取，PVC 动态创建失败，节点资源不够；排查用 kubectl describe pod 看事件里的 FailedScheduling，或者 kubectl get events",
	} {
		if res := score(t, s, "dnvema", answer); res.Covered != 5 || res.Grade != srs.Good {
			t.Errorf("%q: %v %d/%d %v %+v", answer, res.Grade, res.Covered, res.Scored, res.Flags, res.Points)
		}
	}
	// The causes without how to troubleshoot, which the title asks too,
	// are not the whole answer; a ResourceQuota or LimitRange refuses the
	// pod at its creation and keeps none Pending: naming them counts for
	// nothing.
	for _, answer := range []string{
		"A pod stays Pending when the scheduler cannot place it: not enough CPU or memory on nodes, a PVC that cannot bind, the image is still being pulled, or a ResourceQuota/LimitRange blocks it.",
		"调度失败、节点资源不足、PVC绑定不了、镜像还在拉取、ResourceQuota限制",
		"调度器无法调度，镜像正在拉取，PVC 动态创建失败，节点资源不够，ResourceQuota 或 LimitRange 限制",
	} {
		res := score(t, s, "dnvema", answer)
		if res.Covered != 4 || res.Points[4].Covered || res.Grade != srs.Hard {
			t.Errorf("%q: %v %d/%d %v %+v", answer, res.Grade, res.Covered, res.Scored, res.Flags, res.Points)
		}
	}
	for _, answer := range []string{"ResourceQuota、LimitRange", "超出了 ResourceQuota 或者 LimitRange 的限制", "A ResourceQuota or a LimitRange blocks it."} {
		if res := score(t, s, "dnvema", answer); res.Covered != 0 {
			t.Errorf("%q: %v %d/%d %+v", answer, res.Grade, res.Covered, res.Scored, res.Points)
		}
	}
	// Taints or affinity that no node matches are the scheduler failing
	// to place the pod (a tester's report: 2/5, the scheduler's point
	// missed), though said after the PVC's clause, in the same sentence.
	for _, answer := range []string{
		"not enough CPU or memory on the nodes, a PVC that cannot bind, node taints or affinity that no node matches; check kubectl describe pod events",
		"节点CPU或内存不够，PVC绑定不了，节点有污点或者亲和性没有节点满足；用 kubectl describe pod 看 events",
	} {
		res := score(t, s, "dnvema", answer)
		if res.Covered != 4 || !res.Points[0].Covered || !res.Points[4].Covered || res.Grade != srs.Hard {
			t.Errorf("%q: %v %d/%d %+v", answer, res.Grade, res.Covered, res.Scored, res.Points)
		}
	}
	// Too little of something else is no shortage of the node's resources.
	for _, answer := range []string{"权限不足", "Permission is insufficient for the user.", "There are not enough replicas", "副本不够", "we lack permission to pull from the registry"} {
		for _, p := range score(t, s, "dnvema", answer).Points {
			if p.Text == "节点资源不够" && p.Covered {
				t.Errorf("%q covers the node's resources: %+v", answer, p.Evidence)
			}
		}
	}
}

// TestContraries: a clause that says the contrary of a point's keyword
// (after or at the same time for before, in parallel for in order,
// eventually consistent for consistent, Paxos for Raft, exit code 0 for
// non-zero), not negated and without the keyword,
// contradicts the point and is no evidence for it (a tester's reports:
// each opposite got Hard 1/2). After contradicts before only said of the
// same things: the app containers starting after the init containers
// is right.
func TestContraries(t *testing.T) {
	bk, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		t.Fatal(err)
	}
	s := assess.FromBank(bk)
	for _, c := range []struct {
		id, answer string
		covered    int
	}{
		{"2qtxkp", "初始化容器在应用容器启动之后运行，多个时并行执行。", 0},
		{"2qtxkp", "Init containers run after the app containers start, several of them in parallel.", 0},
		{"bctqeu", "etcd uses Paxos and gossip; the data is eventually consistent.", 0},
		{"2qtxkp", "初始化容器在应用容器启动之前做初始化工作，多个 init 容器都成功之后，应用容器才启动。多个时按顺序一个个执行，不是并行的。", 2},
		{"2qtxkp", "Init containers run before the app containers start and do setup work; the app containers start after all init containers succeed. Several run one at a time in order, not in parallel.", 2},
		{"2qtxkp", "应用容器在初始化容器之后启动；初始化容器做准备工作；多个 init 容器按顺序逐个执行", 2},
		{"bctqeu", "etcd uses Raft, not Paxos, to replicate data and keep it strongly consistent", 2},
		// Started together, in parallel, the init containers are not
		// before the app containers (a tester's report: 1/2, before
		// credited); several init containers in parallel say nothing of it.
		{"2qtxkp", "初始化容器和应用容器同时并行启动", 0},
		{"2qtxkp", "Init containers and app containers start at the same time", 0},
		{"2qtxkp", "初始化容器在应用容器启动之前做初始化，多个 init 容器并行执行", 1},
		// An exit code of 0 is the contrary of OnFailure's non-zero one
		// (a tester's report: OnFailure credited).
		{"eg5jaa", "OnFailure restarts the container even when it exits with code 0", 0},
		{"eg5jaa", "OnFailure 退出码为0也会重启", 0},
		{"eg5jaa", "OnFailure：退出码非0才重启，退出码为0就不重启", 1},
		{"eg5jaa", "OnFailure restarts it only when the exit code is not 0", 1},
	} {
		if res := score(t, s, c.id, c.answer); res.Covered != c.covered {
			t.Errorf("%s %q: %v %d/%d, want %d covered %+v", c.id, c.answer, res.Grade, res.Covered, res.Scored, c.covered, res.Points)
		}
	}
}

// TestATermOfOneQuestionIsItsSubject: a term that only one question names
// (Recycle, which the reclaim policies' answer names as a policy no longer
// used, in no key point) is what that question is about, so an answer
// about it and another of its subjects, given to another question, is
// off-topic there.
func TestATermOfOneQuestionIsItsSubject(t *testing.T) {
	s, err := assess.New([]assess.Question{
		{ID: "reclaim", Title: "pv的回收策略", Reference: "回收策略有2种。Recycle 已废弃。", Points: points(
			"Retain：删除PVC后PV仍然存在，需要管理员手动回收",
			"Delete：删除PVC时会同时删除PV",
		)},
		{ID: "phases", Title: "pv的状态", Points: points(
			"Available：pv可用",
			"Released：pvc被删除，pv已释放",
			"Failed：pv的自动回收失败",
		)},
	})
	if err != nil {
		t.Fatal(err)
	}
	const answer = "Retain keeps the PV after the PVC is deleted; Recycle wipes it with rm -rf"
	if res := score(t, s, "phases", answer); !res.Flags.Has(assess.OffTopic) || res.Grade != srs.Again {
		t.Errorf("the reclaim policies for the phases: %v, %d of %d covered, %v; want off-topic, Again", res.Flags, res.Covered, res.Scored, res.Grade)
	}
	if res := score(t, s, "reclaim", answer); res.Flags.Has(assess.OffTopic) {
		t.Errorf("the reclaim policies for their own question: %v", res.Flags)
	}
}

// TestReadWriteOncePodIsOnePod: ReadWriteOncePod said with its meaning, a
// single pod reading and writing, covers its point among the four access
// modes of the shipped bank, in either language; ReadWriteOnce's single
// node is no single pod.
func TestReadWriteOncePodIsOnePod(t *testing.T) {
	s, err := assess.New([]assess.Question{{ID: "modes", Title: "pv的访问模式有哪几种", Points: []assess.Point{
		{Text: "ReadWriteOnce，简写：RWO 表示，仅允许单个节点以读写方式挂载；", Keywords: []string{"RWO", "ReadWriteOnce", "单节点读写"}},
		{Text: "ReadOnlyMany，简写：ROX 表示，可以被许多节点以只读方式挂载；", Keywords: []string{"ROX", "ReadOnlyMany", "多节点只读"}},
		{Text: "ReadWriteMany，简写：RWX 表示，可以被多个节点以读写方式挂载；", Keywords: []string{"RWX", "ReadWriteMany", "多节点读写"}},
		{Text: "ReadWriteOncePod，简写：RWOP 表示，仅允许单个 Pod 以读写方式挂载，同一节点上的其他 Pod 也不能再挂载；", Keywords: []string{"RWOP", "ReadWriteOncePod", "单个Pod读写"}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		answer  string
		covered []bool
	}{
		{"RWOP is read-write for a single pod", []bool{false, false, false, true}},
		{"RWOP 只允许单个 Pod 读写", []bool{false, false, false, true}},
		{"RWOP 单个Pod读写，RWO 单节点读写", []bool{true, false, false, true}},
		{"RWOP is read-write on a single node", []bool{false, false, false, false}},
	} {
		res := score(t, s, "modes", tc.answer)
		for i, want := range tc.covered {
			if res.Points[i].Covered != want {
				t.Errorf("%q: point %d covered %v, want %v: %+v", tc.answer, i, res.Points[i].Covered, want, res.Points)
			}
		}
	}
}

// TestAComparisonThePointDeniesIsNoEvidence: a point that denies a
// comparison ("偶数个节点并不比少一个的奇数个节点更能容错") is not covered
// by an answer that makes it, and is marked wrong; one that denies it too,
// or says the keyword plainly and rightly without comparing, covers it (a
// tester: "偶数个比奇数个更能容错" was credited), in English too ("4 nodes
// tolerate more failures than 3").
func TestAComparisonThePointDeniesIsNoEvidence(t *testing.T) {
	checkMarks(t, []markCase{
		{"6yurox", "可以设置偶数个，偶数个比奇数个更能容错", "⛔❌"},
		{"6yurox", "可以，但不建议：偶数个并不比少一个的奇数个更能容错", "✅❌"},
		{"6yurox", "可以，但不建议：4 个节点和 3 个节点都只能容忍 1 个节点故障", "✅❌"},
		// In English, than after the keyword makes the comparison, and a
		// negator between them denies it.
		{"6yurox", "You can: 4 nodes tolerate more failures than 3", "⛔❌"},
		{"6yurox", "You can: an even cluster is more fault tolerant than an odd one", "⛔❌"},
		{"6yurox", "You can, but it's not recommended: 4 nodes tolerate no more failures than 3", "✅❌"},
		{"6yurox", "It can be even, but 4 members don't tolerate more failures than 3", "✅❌"},
	})
}
