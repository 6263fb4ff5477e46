package mcq

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

func TestBlankOut(t *testing.T) {
	for _, c := range []struct {
		sentence, term, want string
	}{
		{"Pending（挂起）：API server已经创建pod", "Pending", "____：API server已经创建pod"},
		{"startupProbe （启动探针）: 启动检查机制，应用一些启动缓慢的业务", "StartupProbe", "____: 启动检查机制，应用一些启动缓慢的业务"},
		{"ReadWriteOnce，简写：RWO 表示，只仅允许单个节点以读写方式挂载", "ReadWriteOnce", "____ 表示，只仅允许单个节点以读写方式挂载"},
		{"从V1.8版本开始，用IPVS（IP Virtual Server）模式，用于路由规则的配置", "IPVS", "从V1.8版本开始，用____模式，用于路由规则的配置"},
		{"Recreate 重建更新：这种更新策略会杀掉所有正在运行的pod", "Recreate", "____：这种更新策略会杀掉所有正在运行的pod"},
		{"Retain：保留，该策略允许手动回收资源，删除PVC时PV仍然存在", "Retain", "____：该策略允许手动回收资源，删除PVC时PV仍然存在"},
		{"预选（Predicates）：输入是所有节点，输出是满足条件的节点", "Predicates", "____：输入是所有节点，输出是满足条件的节点"},
		{"Kubernetes使用Horizontal Pod Autoscaler（HPA）的控制器实现自动扩缩容", "HPA", "Kubernetes使用____的控制器实现自动扩缩容"},
		{"Always: 当容器终止退出后，总是重启容器，默认策略就是Always。", "Always", "____: 当容器终止退出后，总是重启容器，默认策略就是____。"},
		{"IPVS 模式的默认算法是轮询（RoundRobin），还可以改用最少连接等算法", "RoundRobin", "IPVS 模式的默认算法是____，还可以改用最少连接等算法"},
		{"过滤（Filtering，旧称预选（Predicates））：输入是所有节点", "Predicates", "过滤（Filtering，旧称____）：输入是所有节点"},
	} {
		got, _, ok := blankOut(c.sentence, c.term)
		if !ok || got != c.want {
			t.Errorf("blankOut(%q, %q) = %q, %v; want %q", c.sentence, c.term, got, ok, c.want)
		}
	}

	for _, c := range []struct{ sentence, term string }{
		{"kubectl rollout history deployment/deployment-nginx", "Deployment"},
		{"在定义service时将 service.spec.clusterIP：None", "ClusterIP"},
		{"CRI 与 pause 容器", "CRI"},
	} {
		if got, _, ok := blankOut(c.sentence, c.term); ok {
			t.Errorf("blankOut(%q, %q) = %q, want no blank (mangled or too little left)", c.sentence, c.term, got)
		}
	}
}

func TestReadable(t *testing.T) {
	for _, prompt := range []string{
		"通过Raft协议进行____间的____",
		"service的DNS____表示____为<servicename>.<namespace>.svc.<clusterdomain>，servicename是service的名称",
		"由 kube-proxy 把请求____到____各个Pod上，分发算法取决于代理模式，iptables 模式（默认）随机选择后端Pod",
		"同时为每个Pod都设置一个IP地址的____使得同一个Pod内的不同容器会共享同一个____命名空间，也就是同一个Linux____协议栈。",
	} {
		if readable(prompt, prompt, masking{}) {
			t.Errorf("readable(%q) = true, want false: blanks too close or too many", prompt)
		}
	}
	for _, prompt := range []string{
		"IfNotPresent：仅当本地没有对应____时，才从目标仓库中____",
		"____会监听api-server中从而获取service和____的变化情况，创建并维护路由规则以提供服务IP和负载均衡功能。",
		"通过Raft协议进行节点间的数据同步",
	} {
		if !readable(prompt, prompt, masking{}) {
			t.Errorf("readable(%q) = false, want true", prompt)
		}
	}
}

func TestMaskTitle(t *testing.T) {
	ix := newTextIndex(testkit.ShippedBank(t))
	for _, c := range []struct {
		title, text, want string
		shown             []string
	}{
		{"简述Kubernetes初始化容器（init container）?", "Init container用于side car做一些初始化处理。", "____用于side car做一些____处理。", nil},
		{"K8S 资源限制 QoS？", "Quality of Service（Qos）", "____", nil},
		{"pv的回收策略有哪几种", "主要有3种回收策略：retain 保留、delete 删除", "主要有3种____：retain 保留、delete 删除", nil},
		{"kube-proxy原理?", "kube-proxy通过监听集群状态变更，并对本机iptables做修改", "____通过监听集群状态变更，并对本机iptables做修改", nil},
		{"deployment的回滚使用什么命令", "kubectl rollout undo deployment/deployment-nginx", "kubectl rollout undo deployment/deployment-nginx", []string{"deployment"}},
		// What is asked of a subject (作用, 原理) and the words of the
		// trade (容器, 节点) stay; the rarest word (更新, 标签 with 标签选择器)
		// goes, the others while at most maxBlanks blanks are left.
		{"k8s中命名空间的作用是什么？", "namespace的主要作用是用来实现多套环境的资源隔离", "____的主要作用是用来实现多套环境的资源隔离", nil},
		{"pause容器作用是什么？", "每个pod里运行着一个特殊的被称之为pause的容器，也称根容器，而其他容器则称为业务容器",
			"每个pod里运行着一个特殊的被称之为____的容器，也称根容器，而其他容器则称为业务容器", nil},
		{"pod的原理是什么？", "将它们作为一个单元进行管理，这就是k8s中pod的背后原理", "将它们作为一个单元进行管理，这就是k8s中pod的背后原理", nil},
		{"etcd集群节点之间是怎么同步数据的？", "通过Raft协议进行节点间的数据同步；保证节点间的数据一致性", "通过Raft协议进行节点间的____；保证节点间的____一致性", nil},
		{"deployment的更新升级策略有哪些？", "rollingUpdate 滚动更新：这种更新策略，deployment会以滚动更新的方式来逐个更新pod，同时通过设置滚动更新的两个参数来控制更新的过程。",
			"rollingUpdate 滚动____：这种____策略，____会以滚动____的方式来逐个____pod，同时通过设置滚动____的两个参数来控制____的过程。", nil},
		{"标签及标签选择器是什么，如何使用？", "在pod模板中定义pod的标签，然后在deployment定义标签选择器",
			"在pod模板中定义pod的____，然后在deployment定义____", nil},
	} {
		got, shown := ix.maskTitle(testkit.Question(t, c.title), c.text, masking{})
		if got != c.want || !slices.Equal(shown, c.shown) {
			t.Errorf("maskTitle(%q, %q) = %q, %q; want %q, %q", c.title, c.text, got, shown, c.want, c.shown)
		}
	}
}

// TestMaskUncapped: strict, maskTitle masks the words many titles share,
// and past maxBlanks the words holding an echo it is told to uncap
// ("更新"), leaving no such word for the options to echo; never a word the
// bank says in many questions ("容器") nor what is asked of a subject
// ("策略"), uncapped or not.
func TestMaskUncapped(t *testing.T) {
	ix := newTextIndex(testkit.ShippedBank(t))
	for _, c := range []struct {
		title, text string
		uncapped    []string
		want        string
	}{
		{"deployment的更新升级策略有哪些？", "rollingUpdate 滚动更新：这种更新策略，deployment会以滚动更新的方式来逐个更新pod", nil,
			"rollingUpdate 滚动____：这种____策略，____会以滚动____的方式来逐个____pod"},
		{"pause容器作用是什么？", "每个pod里运行着一个特殊的被称之为pause的容器，也称根容器，而其他容器则称为业务容器", []string{"容器"},
			"每个pod里运行着一个特殊的被称之为____的容器，也称根容器，而其他容器则称为业务容器"},
		{"deployment的更新升级策略有哪些？", "rollingUpdate 滚动更新：这种更新策略，deployment会以滚动更新的方式来逐个更新pod", []string{"策略"},
			"rollingUpdate 滚动____：这种____策略，____会以滚动____的方式来逐个____pod"},
	} {
		got, _ := ix.maskTitle(testkit.Question(t, c.title), c.text, masking{strict: true, uncapped: c.uncapped})
		if got != c.want {
			t.Errorf("maskTitle(%q, %q, uncapping %q) = %q; want %q", c.title, c.text, c.uncapped, got, c.want)
		}
	}
}

// TestDistractorsShareTheAnswersArea: of the titles a "which question?"
// quiz offers beside the right one, over every quiz of every item of the
// shipped bank (every set of distractors its picker may draw), one at most
// is of a question sharing neither a topic nor a topic family with the
// right one. A title from another area ("pv的访问模式有哪几种" beside an
// excerpt on kube-proxy) is ruled out at a glance: two would leave a guess
// between two options.
func TestDistractorsShareTheAnswersArea(t *testing.T) {
	b := testkit.ShippedBank(t)
	g := NewGenerator(b)
	ix := newTextIndex(b)
	quizzes, withForeign := 0, 0
	for _, q := range b.Questions() {
		ranked, n := ix.rivals(q)
		for _, x := range g.entries[q.ID].excerpts {
			p := &x.distractors
			for _, set := range p.sets {
				var foreign []string
				for _, m := range set {
					if c := p.candidates[m]; !slices.ContainsFunc(ranked[:n], func(r *bank.Question) bool { return r.Title == c }) {
						foreign = append(foreign, c)
					}
				}
				quizzes++
				if len(foreign) > 0 {
					withForeign++
				}
				if len(foreign) > 1 {
					t.Errorf("%q (%v) may be offered %q, all of other areas, beside\n%s", q.Title, q.Topics, foreign, x.prompt)
				}
			}
		}
	}
	t.Logf("%d of %d sets of distractors hold a title of another area", withForeign, quizzes)
	if quizzes == 0 {
		t.Error("no quiz")
	}
}

// TestNoDistractorAlsoAnswers: a reviewer's list of titles that would be
// right too beside an excerpt of another question's answer (their answers
// say the same in other words) is never offered beside it.
func TestNoDistractorAlsoAnswers(t *testing.T) {
	b := testkit.ShippedBank(t)
	g := NewGenerator(b)
	for _, c := range []struct{ title, excerpt, alsoRight string }{
		// "每一个pod都有一个特殊的被称为"根容器"的pause容器…跑业务相关组件的应用容器"
		{"pause容器作用是什么？", "根", "pod有什么特点"},
		// "kube-proxy会监听api-server中从而获取service和endpoint的变化情况…"
		{"service、endpoint、kube-proxys三种的关系是什么？", "会监听api-server", "kube-proxy原理?"},
		// "kube-proxy通过监听集群状态变更，并对本机iptables做修改"
		{"kube-proxy原理?", "本机iptables", "service、endpoint、kube-proxys三种的关系是什么？"},
		// Both ways round: "集群中每个Node上都会运行一个kube-proxy服务进程，它是
		// Service的透明代理兼负载均衡器" is what the service, endpoint and
		// kube-proxy question says of kube-proxy, in its own words.
		{"kube-proxy原理?", "透明代理兼负载均衡器", "service、endpoint、kube-proxys三种的关系是什么？"},
		// "调度完成后，目标Node上的kubelet接管后续工作" is the kubelet step of
		// creating a Pod; that step, "该节点上的 kubelet 监听到调度给它的
		// Pod…", is what the scheduler question says of the kubelet.
		{"简述Kubernetes Scheduler作用及实现原理?", "kubelet接管后续工作", "kubectl 创建 Pod 背后到底发生了什么？"},
		{"kubectl 创建 Pod 背后到底发生了什么？", "监听到调度给它的", "简述Kubernetes Scheduler作用及实现原理?"},
		// "Scheduler负责Pod调度…为新Pod选择目标Node": what the scheduler's
		// algorithms question says too.
		{"简述Kubernetes Scheduler作用及实现原理?", "负责Pod调度", "简述Kubernetes Scheduler使用哪两种算法将Pod绑定到worker节点"},
		// "一个容器会被设计为运行一个进程…": what pod is, as pod是什么 says
		{"pod的原理是什么？", "一个容器会被设计为运行一个进程", "pod是什么？"},
		{"pod的原理是什么？", "一个容器会被设计为运行一个进程", "pod有什么特点"},
	} {
		q := testkit.QuestionIn(t, b, c.title)
		seen := false
		for _, x := range g.entries[q.ID].excerpts {
			if !strings.Contains(x.prompt, c.excerpt) {
				continue
			}
			seen = true
			if slices.Contains(x.distractors.candidates, c.alsoRight) {
				t.Errorf("%q may be offered beside %q, whose answer says it too:\n%s", c.alsoRight, c.title, x.prompt)
			}
		}
		if !seen {
			t.Errorf("%q has no excerpt holding %q", c.title, c.excerpt)
		}
	}
}

// TestRivalsOnOtherSidesStay: a rival about the same things as an excerpt
// that says other things of them is still offered (see aboutAlike): what
// a PV and a PVC are is not what the access modes question says.
func TestRivalsOnOtherSidesStay(t *testing.T) {
	b := testkit.ShippedBank(t)
	g := NewGenerator(b)
	q := testkit.QuestionIn(t, b, "简述Kubernetes PV和PVC?")
	seen := false
	for _, x := range g.entries[q.ID].excerpts {
		if strings.Contains(x.prompt, "共享存储的抽象") {
			seen = true
			if !slices.Contains(x.distractors.candidates, "pv的访问模式有哪几种") {
				t.Errorf("%q lacks the access modes question: %q", x.prompt, x.distractors.candidates)
			}
		}
	}
	if !seen {
		t.Error("no excerpt says what a PV is")
	}
}

// TestNoDistractorSaysTheExcerpt: across the shipped bank, no excerpt
// is offered with a distractor that says what it says of a name it masks
// (see alsoSays), and some rivals are kept out so.
func TestNoDistractorSaysTheExcerpt(t *testing.T) {
	b := testkit.ShippedBank(t)
	g, ix := NewGenerator(b), newTextIndex(b)
	byTitle := map[string]*bank.Question{}
	for _, q := range b.Questions() {
		byTitle[q.Title] = q
	}
	checked, keptOut := 0, 0
	for _, q := range b.Questions() {
		rivals, _ := ix.rivals(q)
		for _, c := range excerptChunks(ix, q) {
			said := ix.saying(c.text, units(q.Title))
			for _, r := range rivals {
				if ix.alsoSays(q, r, c.text, said) {
					keptOut++
				}
			}
			key := itemKey(q, WhichQuestion, c.text)
			for _, x := range g.entries[q.ID].excerpts {
				if x.key != key {
					continue
				}
				checked++
				for _, title := range x.distractors.candidates {
					if r := byTitle[title]; ix.alsoSays(q, r, c.text, said) {
						t.Errorf("%q may be offered beside %q, whose excerpt it says too (%.2f):\n%s", title, q.Title, ix.saysShare(r.ID, said), x.prompt)
					}
				}
			}
		}
	}
	if checked == 0 || keptOut == 0 {
		t.Errorf("%d excerpts checked, %d rivals kept out: want some of each", checked, keptOut)
	}
}

// TestPickerOffersOneForeignAtMost: no set of distractors holds two
// candidates of another area, unless too few are of the right one's.
func TestPickerOffersOneForeignAtMost(t *testing.T) {
	p := newPicker("abcd", "prompt", []string{"a", "ab", "abc", "abcde", "abcdef", "abcdefg"}, 4, Options, bigrams)
	drawn := 0
	for _, set := range p.sets {
		foreign := 0
		for _, m := range set {
			if m >= 4 {
				foreign++
			}
		}
		if foreign > 1 {
			t.Errorf("set %v holds %d foreign candidates", set, foreign)
		}
		drawn += foreign
	}
	if drawn == 0 {
		t.Errorf("no set holds a foreign candidate: %v", p.sets)
	}
	if p := newPicker("abcd", "prompt", []string{"a", "abcdef", "abcdefg"}, 1, Options, bigrams); len(p.sets) != 1 {
		t.Errorf("one candidate of the area of three: sets %v, want the one of all three", p.sets)
	}
}

// TestFamiliesOf: a question is of the topic family its topics weigh most
// in, not of one a topic it touches on is in; kubectl, the tool of every
// area, makes it of none.
func TestFamiliesOf(t *testing.T) {
	b := testkit.ShippedBank(t)
	ix := newTextIndex(b)
	for _, c := range []struct {
		title string
		want  []string
	}{
		{"在pv的生命周期中，一般有几种状态", []string{"storage"}},    // lifecycle is pod's too
		{"pod的终止过程", []string{"pod"}},                 // it leaves the endpoints
		{"deployment的回滚使用什么命令", []string{"workload"}}, // with kubectl
		{"如何停机维护又不能影响业务应用", []string{"node"}},
		{"无头service和普通的service有什么区别，无头service使用场景是什么？", []string{"network"}},
		{"简述Kubernetes准入机制?", []string{"control-plane"}},                            // namespaces and quotas are the API's
		{"简述Kubernetes Scheduler使用哪两种算法将Pod绑定到worker节点", []string{"control-plane"}}, // the pod is every area's
	} {
		q := testkit.QuestionIn(t, b, c.title)
		if got := ix.titles[q.ID].families; !slices.Equal(got, c.want) {
			t.Errorf("familiesOf(%q, topics %v) = %v, want %v", c.title, q.Topics, got, c.want)
		}
	}
}

func TestPickerBalancesLength(t *testing.T) {
	// Candidates both shorter and longer: the right option should be the
	// longest about one time in four, like any option.
	p := newPicker("abcd", "prompt", []string{"a", "ab", "abc", "abcde", "abcdef", "abcdefg"}, 6, Options, bigrams)
	longest, shortest := 0, 0
	const draws = 4000
	r := rand.New(rand.NewPCG(1, 2))
	for range draws {
		set := p.pick(r)
		if !slices.ContainsFunc(set, func(s string) bool { return utf8.RuneCountInString(s) > 4 }) {
			longest++
		}
		if !slices.ContainsFunc(set, func(s string) bool { return utf8.RuneCountInString(s) < 4 }) {
			shortest++
		}
	}
	for name, n := range map[string]int{"longest": longest, "shortest": shortest} {
		if share := float64(n) / draws; share < 0.2 || share > 0.3 {
			t.Errorf("the right option is the %s in %.2f of draws, want about 0.25", name, share)
		}
	}
	if p.exposure() > 0.3 {
		t.Errorf("exposure = %.2f", p.exposure())
	}

	// All candidates shorter: nothing can hide the right one's length.
	if p := newPicker("abcdefgh", "prompt", []string{"a", "ab", "abc", "abcd"}, 4, Options, bigrams); p.exposure() < 0.99 {
		t.Errorf("exposure = %.2f, want 1 when the right option is always the longest", p.exposure())
	}
}

func TestGuessersScoreWhatTheyLike(t *testing.T) {
	quizzes := []Question{
		// The right option is the longest and echoes the prompt.
		{Prompt: "通过 Raft 协议同步", Choices: []string{"Raft 协议", "ZAB", "Gossip"}, Correct: 0},
		// Two options tie for the longest; the right one shares nothing.
		{Prompt: "xyz", Choices: []string{"abcd", "efgh", "ij"}, Correct: 1},
		// The right option is the shortest.
		{Prompt: "xyz", Choices: []string{"abcd", "efgh", "ij"}, Correct: 2},
		// The right option is the longest and shares most pairs with the
		// others; where nothing is shared, all options tie.
		{Prompt: "xyz", Choices: []string{"abcdef", "abc", "def"}, Correct: 0},
	}
	var tl tally
	for _, mq := range quizzes {
		tl.add(mq)
	}
	want := map[Guesser]float64{
		GuessLongest:      (1 + 0.5 + 0 + 1) / 4.0,
		GuessShortest:     (0 + 0 + 1 + 0) / 4.0,
		GuessPromptPairs:  (1 + 1.0/3 + 1.0/3 + 1.0/3) / 4,
		GuessVisiblePairs: (1 + 1.0/3 + 1.0/3 + 1) / 4,
		GuessPosition:     2 / 4.0,
	}
	got := tl.rates()
	for gs, w := range want {
		if d := got[gs] - w; d > 1e-9 || d < -1e-9 {
			t.Errorf("%s = %.3f, want %.3f", gs, got[gs], w)
		}
	}
}

func TestOverlap(t *testing.T) {
	ix := newTextIndex(testkit.ShippedBank(t))
	for _, c := range []struct {
		a, b string
		want bool
	}{
		// The same things listed in other words, one answer saying more.
		{"存储卷分类，作用分别是什么?", "k8s数据持久化的方式有哪些？", true},
		{"kube-proxy原理?", "简述kube-proxy ipvs和iptables的异同?", true},
		// Commands on the same object, about different things.
		{"deployment怎么扩容或缩容？", "deployment的回滚使用什么命令", false},
		// The same values (Always, Never) of different fields.
		{"pod的重启策略有哪些？", "K8s中镜像的下载策略是什么？", false},
	} {
		a, b := testkit.Question(t, c.a), testkit.Question(t, c.b)
		if got := ix.overlap(a, b); got != c.want || ix.overlap(b, a) != got {
			t.Errorf("overlap(%q, %q) = %v, want %v both ways", c.a, c.b, got, c.want)
		}
	}
}

func TestIsSubject(t *testing.T) {
	for _, c := range []struct {
		sentence, term string
		want           bool
	}{
		{"Failed（失败）：Pod内所有容器均已退出", "Failed", true},
		{"pod管理：kubelet负责维护node节点上pod的生命周期", "kubelet", true},
		{"2）kube-proxy运行在node节点上", "kube-proxy", true},
		{"DaemonSets 一般作为守护进程", "DaemonSet", true},
		{"在 Deployment 中，在 pod 模板中定义 pod 的标签", "Deployment", false},
		{"一个很长很长的标签超过了十二个字符：kubelet负责", "kubelet", false},
	} {
		if got := isSubject(c.sentence, c.term); got != c.want {
			t.Errorf("isSubject(%q, %q) = %v, want %v", c.sentence, c.term, got, c.want)
		}
	}
}

func TestDefinedAlike(t *testing.T) {
	sentences := []string{
		"Running（运行中）：Pod内所有的容器已经创建，且至少有一个容器处于运行状态",
		"Succeeded（成功）：Pod内所有容器均已退出，且不会再重启",
		"Failed（失败）：Pod内所有容器均已退出，且至少有一个容器为退出失败状态",
	}
	prompt, glossed, ok := blankOut(sentences[1], "Succeeded")
	if !ok || !glossed {
		t.Fatalf("blankOut = %q, %v, %v; want a prompt with its gloss hidden", prompt, glossed, ok)
	}
	for term, want := range map[string]bool{"Failed": true, "Running": false, "Unknown": false} {
		if got := definedAlike(sentences, prompt, term); got != want {
			t.Errorf("definedAlike(%q, %s) = %v, want %v", prompt, term, got, want)
		}
	}

	// A lead-in shared by longer definitions does not make them alike.
	sentences = []string{
		"Delete：删除，如果Volume插件支持，删除PVC时会同时删除PV，动态卷默认为Delete",
		"Recycle：回收，如果Volume插件支持，Recycle策略会对卷执行rm -rf清理该PV",
	}
	prompt, _, _ = blankOut(sentences[0], "Delete")
	if definedAlike(sentences, prompt, "Recycle") {
		t.Errorf("definedAlike(%q, Recycle) = true, want false", prompt)
	}
}

func TestWithinGate(t *testing.T) {
	at := func(rate, spread float64) blank {
		var p picker
		for g := range gateGuessers {
			p.guessed[g], p.spread[g] = 0.25, 0
		}
		p.guessed[0], p.spread[0] = rate, spread
		return blank{distractors: p}
	}
	// A blank at the gate whatever is drawn passes it.
	if got := withinGate([]blank{at(0.5, 0)}); len(got) != 1 {
		t.Errorf("a blank always at the gate was left out")
	}
	// At the gate on average only, it fails or passes by chance.
	if got := withinGate([]blank{at(0.5, 0.25)}); len(got) != 0 {
		t.Errorf("a blank at the gate on average was kept")
	}
	// Beside a blank well under the gate, the worst one is kept.
	if got := withinGate([]blank{at(0.5, 0.25), at(0.1, 0.09)}); len(got) != 2 {
		t.Errorf("kept %d of 2 blanks averaging well under the gate", len(got))
	}
}

func TestCut(t *testing.T) {
	long := strings.Repeat("长", 120)
	for _, c := range []struct{ text, want string }{
		{"短句。", "短句。"},
		{long + "，一句结束。" + strings.Repeat("后", 60), long + "，一句结束。"},
		{long + "，一行结束 ，\n演示如下：" + strings.Repeat("后", 60), long + "，一行结束"},
		{strings.Repeat("无", 200), strings.Repeat("无", maxExcerptRunes-1) + "…"},
	} {
		if got := cut(c.text); got != c.want {
			t.Errorf("cut(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestBigramsReadTextAsFoldDoes: the pairs similar texts are compared by
// are those of textnorm.Fold, traditional characters and full-width
// forms included, so that 網絡 and ＰＶ pair as 网络 and pv do.
func TestBigramsReadTextAsFoldDoes(t *testing.T) {
	for traditional, simplified := range map[string]string{
		"網絡策略 ＰＶ":    "网络策略 pv",
		"節點調度":       "节点调度",
		"Ｓｅｒｖｉｃｅ 帳號": "service 帳号",
	} {
		if got, want := bigrams(traditional), bigrams(simplified); !slices.Equal(got, want) {
			t.Errorf("bigrams(%q) = %v, want those of %q, %v", traditional, got, simplified, want)
		}
		if got, want := bigrams(traditional), bigrams(textnorm.Fold(traditional)); !slices.Equal(got, want) {
			t.Errorf("bigrams(%q) differs from the bigrams of its Fold", traditional)
		}
	}
}
