package bank_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

func TestShippedBank(t *testing.T) {
	b := testkit.ShippedBank(t)
	src := shippedSource(t)
	_, _, headings := splitBank(string(src))

	t.Run("it has exactly 52 questions", func(t *testing.T) {
		if b.Len() != 52 || len(b.Questions()) != 52 {
			t.Fatalf("Len() = %d, len(Questions()) = %d, want 52", b.Len(), len(b.Questions()))
		}
	})

	t.Run("every level-1 heading of the file is a question, in file order, at its line", func(t *testing.T) {
		if len(headings) != 52 {
			t.Fatalf("the file has %d level-1 headings by a line scan, want 52", len(headings))
		}
		qs := b.Questions()
		for i, h := range headings {
			if i >= len(qs) {
				break
			}
			if qs[i].Title != h.title || qs[i].Line != h.line {
				t.Errorf("question %d = %q at line %d, want %q at line %d", i, qs[i].Title, qs[i].Line, h.title, h.line)
			}
			if qs[i].Source != shippedFile {
				t.Errorf("question %d Source = %q, want %q", i, qs[i].Source, shippedFile)
			}
		}
	})

	pinned := []struct {
		index int
		title string
	}{
		{0, "kubectl 创建 Pod 背后到底发生了什么？"},
		{1, "pod的终止过程"},
		{8, "pod的重启策略有哪些？"},
		{25, "deployment的回滚使用什么命令"},
		{27, "pv的访问模式有哪几种"},
		{30, "DaemonSet资源对象的特性？"},
		{36, "K8S 资源限制 QoS？"},
		{50, "简述Kubernetes PV和PVC?"},
		{51, "简述Kubernetes CSI模型?"},
	}
	for _, p := range pinned {
		t.Run("question "+p.title+" is at its place in the file", func(t *testing.T) {
			if got := b.Questions()[p.index].Title; got != p.title {
				t.Errorf("question %d = %q, want %q", p.index, got, p.title)
			}
		})
	}

	answers := []struct {
		name, title string
		contains    []string
	}{
		{"the restart-policy answer names OnFailure", "pod的重启策略有哪些？", []string{"restartPolicy", "Always", "OnFailure", "Never"}},
		{"the etcd sync answer names Raft", "etcd集群节点之间是怎么同步数据的？", []string{"Raft协议"}},
		{"the QoS answer keeps its numbered lines", "K8S 资源限制 QoS？", []string{"1）BestEffort", "2）Burstable", "3）Guaranteed"}},
		{"the last answer keeps the file's last line, which has no line end", "简述Kubernetes CSI模型?", []string{"Node的主要功能是对主机（Node）上的Volume进行管理和操作；"}},
		{"the kubelet answer keeps the heads of its bullets", "kubelet的功能、作用是什么？（重点，经常会问）", []string{"节点管理", "资源监控", "cAdvisor"}},
	}
	for _, a := range answers {
		t.Run(a.name, func(t *testing.T) {
			plain := rich.Plain(testkit.QuestionIn(t, b, a.title).Answer)
			for _, want := range a.contains {
				if !strings.Contains(plain, want) {
					t.Errorf("answer of %q does not contain %q:\n%s", a.title, want, plain)
				}
			}
		})
	}

	t.Run("the PV access-mode answer lists the four modes in a list", func(t *testing.T) {
		q := testkit.QuestionIn(t, b, "pv的访问模式有哪几种")
		list, ok := findBlock(q.Answer, func(bl rich.Block) bool { return bl.Kind == rich.List })
		if !ok {
			t.Fatalf("no list in %#v", q.Answer)
		}
		want := []string{"ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"}
		if len(list.Items) != len(want) {
			t.Fatalf("list has %d items, want %d", len(list.Items), len(want))
		}
		for i, w := range want {
			if got := rich.Plain(list.Items[i]); !strings.HasPrefix(got, w+"，") {
				t.Errorf("item %d = %q, want it to start with %q", i, got, w)
			}
		}
	})

	t.Run("the doctoc table of contents yields no question and no answer text", func(t *testing.T) {
		if !strings.Contains(string(src), "START doctoc") || !strings.Contains(string(src), "**Table of Contents**") {
			t.Fatal("the shipped bank has no doctoc table of contents any more; this test checks nothing")
		}
		for _, q := range b.Questions() {
			plain := rich.Plain(q.Answer)
			for _, toc := range []string{"Table of Contents", "doctoc", "DocToc", "%E5", "](#"} {
				if strings.Contains(q.Title, toc) || strings.Contains(plain, toc) {
					t.Errorf("question %q carries table-of-contents text %q", q.Title, toc)
				}
			}
		}
		if first := b.Questions()[0]; first.Line <= 1 || !strings.HasPrefix(rich.Plain(first.Answer), "kubectl\n") {
			t.Errorf("the first question (line %d) does not start with its own answer: %q", first.Line, rich.Plain(first.Answer))
		}
	})

	t.Run("every question has a title, an answer and a location", func(t *testing.T) {
		lines := strings.Count(string(src), "\n") + 1
		for _, q := range b.Questions() {
			if strings.TrimSpace(q.Title) == "" || rich.Plain(q.Answer) == "" {
				t.Errorf("question at line %d has title %q and answer %q", q.Line, q.Title, rich.Plain(q.Answer))
			}
			if q.Line < 1 || q.Line > lines {
				t.Errorf("question %q has line %d outside 1..%d", q.Title, q.Line, lines)
			}
		}
	})
}

func TestShippedStructure(t *testing.T) {
	b := testkit.ShippedBank(t)

	t.Run("the rollback answer is a Bash code block with both kubectl lines verbatim", func(t *testing.T) {
		q := testkit.QuestionIn(t, b, "deployment的回滚使用什么命令")
		want := "kubectl rollout history deployment/deployment-nginx\nkubectl rollout undo deployment/deployment-nginx --to-revision=2"
		if len(q.Answer) != 1 || q.Answer[0].Kind != rich.Code {
			t.Fatalf("answer = %#v, want one code block", q.Answer)
		}
		if c := q.Answer[0]; c.Lang != "Bash" || c.Text != want {
			t.Errorf("code block = lang %q text %q, want lang %q text %q", c.Lang, c.Text, "Bash", want)
		}
	})

	t.Run("the scaling answer has a Bash code block after its paragraph", func(t *testing.T) {
		q := testkit.QuestionIn(t, b, "deployment怎么扩容或缩容？")
		if len(q.Answer) != 2 || q.Answer[0].Kind != rich.Paragraph || q.Answer[1].Kind != rich.Code {
			t.Fatalf("answer = %#v, want a paragraph and a code block", q.Answer)
		}
		if c := q.Answer[1]; c.Lang != "Bash" || c.Text != "kubectl scale --replicas=5 deployment/deployment-name" {
			t.Errorf("code block = lang %q text %q", c.Lang, c.Text)
		}
	})

	t.Run("the DNS answer nests a list inside its second item", func(t *testing.T) {
		q := testkit.QuestionIn(t, b, "service的域名解析格式、pod的域名解析格式")
		if len(q.Answer) != 1 || q.Answer[0].Kind != rich.List || len(q.Answer[0].Items) != 2 {
			t.Fatalf("answer = %#v, want one list of two items", q.Answer)
		}
		second := q.Answer[0].Items[1]
		nested, ok := findBlock(second, func(bl rich.Block) bool { return bl.Kind == rich.List })
		if !ok || len(nested.Items) != 2 {
			t.Fatalf("second item = %#v, want a nested list of two items", second)
		}
		if got := rich.Plain(nested.Items[0]); !strings.Contains(got, "10-244-1-223.default.pod.cluster.local") {
			t.Errorf("first nested item = %q", got)
		}
		if top := rich.Plain(q.Answer[0].Items[0]); strings.Contains(top, "10-244-1-223") {
			t.Errorf("the nested example leaked into the first item: %q", top)
		}
	})

	t.Run("angle-bracket placeholders that look like HTML stay literal text", func(t *testing.T) {
		plain := rich.Plain(testkit.QuestionIn(t, b, "service的域名解析格式、pod的域名解析格式").Answer)
		for _, want := range []string{
			"<servicename>.<namespace>.svc.<clusterdomain>",
			"<pod-ip>.<namespace>.pod.<clusterdomain>",
			"<pod-ip>.<service-name>.<namespace>.svc.<clusterdomain>",
		} {
			if !strings.Contains(plain, want) {
				t.Errorf("answer lost %q:\n%s", want, plain)
			}
		}
	})

	t.Run("the kubectl-creates-a-pod answer ends with a block quote", func(t *testing.T) {
		q := testkit.QuestionIn(t, b, "kubectl 创建 Pod 背后到底发生了什么？")
		last := q.Answer[len(q.Answer)-1]
		if last.Kind != rich.Quote {
			t.Fatalf("last block = %#v, want a quote", last)
		}
		want := "验证资源 -> 封装请求 -> apiserver认证、鉴权 -> 资源准入控制 -> etcd存储 -> controller -> schedule -> kubelet"
		if got := rich.Plain(last.Children); got != want {
			t.Errorf("quote = %q, want %q", got, want)
		}
	})

	t.Run("inline code becomes an InlineCode span", func(t *testing.T) {
		q := testkit.QuestionIn(t, b, "kubectl 创建 Pod 背后到底发生了什么？")
		code := testkit.Styled(q.Answer, rich.InlineCode)
		want := []string{"PodSecurity", "ResourceQuota", "LimitRanger", "SecurityContextDeny", "PodSecurity"}
		if !slices.Equal(code, want) {
			t.Errorf("inline code spans = %q, want %q", code, want)
		}
	})

	t.Run("a paragraph before a list stays a paragraph of its own", func(t *testing.T) {
		q := testkit.QuestionIn(t, b, "pod的终止过程")
		if q.Answer[0].Kind != rich.Paragraph || !strings.HasPrefix(rich.Plain(q.Answer[:1]), "验证资源 -> 封装请求") {
			t.Errorf("first block = %#v", q.Answer[0])
		}
	})
}

func TestShippedKeyPoints(t *testing.T) {
	b := testkit.ShippedBank(t)

	t.Run("the restart-policy answer's three bullets are its key points", func(t *testing.T) {
		kp := testkit.QuestionIn(t, b, "pod的重启策略有哪些？").KeyPoints
		want := []string{"Always", "OnFailure", "Never"}
		if len(kp) != len(want) {
			t.Fatalf("key points = %+v, want %d", kp, len(want))
		}
		for i, w := range want {
			if kp[i].Label != w || !strings.HasPrefix(kp[i].Text, w+":") {
				t.Errorf("key point %d = %+v, want label %q", i, kp[i], w)
			}
		}
	})

	t.Run("an answer without bullets has its sentences as key points", func(t *testing.T) {
		kp := testkit.QuestionIn(t, b, "pod是什么？").KeyPoints
		want := []string{
			"k8s并不直接处理容器，而是使用多个容器共存的理念，这组容器就叫做pod。",
			"pod是k8s中可以创建和管理的最小单元，是资源对象模型中由用户创建或部署的最小资源对象模型。",
		}
		if len(kp) != len(want) {
			t.Fatalf("key points = %+v, want %d", kp, len(want))
		}
		for i, w := range want {
			if kp[i].Text != w {
				t.Errorf("key point %d = %q, want %q", i, kp[i].Text, w)
			}
		}
	})

	t.Run("an answer with bullets and paragraphs has only the bullets", func(t *testing.T) {
		kp := testkit.QuestionIn(t, b, "pod的终止过程").KeyPoints
		if len(kp) != 4 || !strings.HasPrefix(kp[0].Text, "endpoint控制器") || !strings.HasPrefix(kp[3].Text, "宽限期（terminationGracePeriodSeconds") {
			t.Errorf("key points = %+v, want the four bullets", kp)
		}
	})

	t.Run("a nested list adds no key point of its own", func(t *testing.T) {
		kp := testkit.QuestionIn(t, b, "service的域名解析格式、pod的域名解析格式").KeyPoints
		if len(kp) != 2 {
			t.Errorf("key points = %+v, want the two top-level bullets", kp)
		}
	})

	t.Run("a label is the part before a colon when that is short", func(t *testing.T) {
		kp := testkit.QuestionIn(t, b, "kubelet的功能、作用是什么？（重点，经常会问）").KeyPoints
		want := []string{"节点管理", "pod管理", "容器健康检查", "资源监控"}
		var got []string
		for _, k := range kp {
			got = append(got, k.Label)
		}
		if !slices.Equal(got, want) {
			t.Errorf("labels = %q, want %q", got, want)
		}
	})

	t.Run("every key point has text, a short label and no more than the maximum", func(t *testing.T) {
		for _, q := range b.Questions() {
			if len(q.KeyPoints) > bank.MaxKeyPoints {
				t.Errorf("%q has %d key points", q.Title, len(q.KeyPoints))
			}
			for _, k := range q.KeyPoints {
				if n := utf8.RuneCountInString(k.Label); k.Text == "" || n == 0 || n > 48 {
					t.Errorf("%q: key point %+v has a label of %d runes", q.Title, k, n)
				}
			}
		}
	})

	t.Run("the rollback answer, only code, states its two key points", func(t *testing.T) {
		kp := testkit.QuestionIn(t, b, "deployment的回滚使用什么命令").KeyPoints
		if len(kp) != 2 || !strings.HasPrefix(kp[0].Text, "kubectl rollout history") || !strings.HasPrefix(kp[1].Text, "kubectl rollout undo") {
			t.Fatalf("key points = %+v", kp)
		}
		if !slices.Equal(kp[1].Keywords, []string{"rollout undo", "--to-revision"}) {
			t.Errorf("keywords = %q", kp[1].Keywords)
		}
	})

	t.Run("every question has a checklist of at least two points", func(t *testing.T) {
		for _, q := range b.Questions() {
			if len(q.KeyPoints) < 2 {
				t.Errorf("%s %q has %d key points: %+v", q.ID, q.Title, len(q.KeyPoints), q.KeyPoints)
			}
		}
	})

	t.Run("no key point is empty or only a head", func(t *testing.T) {
		for _, q := range b.Questions() {
			for _, k := range q.KeyPoints {
				if text := strings.TrimSpace(k.Text); text == "" || strings.HasSuffix(text, "：") || strings.HasSuffix(text, ":") {
					t.Errorf("%q has the empty key point %q", q.Title, k.Text)
				}
				if rich.Plain(k.Content) != k.Text {
					t.Errorf("%q: key point %q shows %q", q.Title, k.Text, rich.Plain(k.Content))
				}
			}
		}
	})

	t.Run("no label is cut before its content", func(t *testing.T) {
		for _, q := range b.Questions() {
			for _, k := range q.KeyPoints {
				for _, leadIn := range []string{"为", "如下", "包括", "简写"} {
					if strings.HasSuffix(k.Label, leadIn) {
						t.Errorf("%q: label %q of %q stops before its content", q.Title, k.Label, k.Text)
					}
				}
			}
		}
		kp := testkit.QuestionIn(t, b, "service的域名解析格式、pod的域名解析格式").KeyPoints
		if !strings.HasPrefix(kp[1].Label, "pod的DNS域名格式为：<pod-ip>") {
			t.Errorf("label = %q", kp[1].Label)
		}
	})

	t.Run("the maintenance checklist is cordon, drain, a PodDisruptionBudget and uncordon", func(t *testing.T) {
		kp := testkit.QuestionIn(t, b, "如何停机维护又不能影响业务应用").KeyPoints
		want := []string{"kubectl cordon", "kubectl drain", "PodDisruptionBudget", "kubectl uncordon"}
		if len(kp) != len(want) {
			t.Fatalf("key points = %+v, want %d", kp, len(want))
		}
		for i, w := range want {
			if !strings.Contains(kp[i].Text, w) {
				t.Errorf("key point %d = %q, want it to say %s", i, kp[i].Text, w)
			}
		}
	})

	// A tester: a complete summary of the path got 4/16, its points
	// including bare headings and a scheduler that picked no node.
	t.Run("the kubectl-create key points are the steps of the path, each saying something", func(t *testing.T) {
		q := testkit.QuestionIn(t, b, "kubectl 创建 Pod 背后到底发生了什么？")
		var scheduler bool
		for _, k := range q.KeyPoints {
			if utf8.RuneCountInString(k.Text) < 2*utf8.RuneCountInString(k.Label) {
				t.Errorf("%q: %q says little beyond its label", k.Label, k.Text)
			}
			scheduler = scheduler || strings.Contains(k.Text, "scheduler") && strings.Contains(k.Text, "选择") && strings.Contains(k.Text, "绑定")
		}
		if len(q.KeyPoints) != 5 || !scheduler {
			t.Errorf("key points = %+v; want the five steps, the scheduler's choosing a node and binding the pod", q.KeyPoints)
		}
		for _, heading := range []string{"CRI 与 pause 容器：", "CNI 和 Pod 网络：", "容器启动："} {
			if !strings.Contains(rich.Plain(q.Answer), heading) {
				t.Errorf("the answer's %q is a bare heading", heading)
			}
		}
	})

	t.Run("no key point is a note to the reader", func(t *testing.T) {
		for _, q := range b.Questions() {
			for _, k := range q.KeyPoints {
				if textnorm.WithoutNotes(k.Text) == "" {
					t.Errorf("%s %q has the note %q as a key point", q.ID, q.Title, k.Text)
				}
			}
		}
	})

	t.Run("the admission controllers the scorer's table does not know carry their authors' keywords", func(t *testing.T) {
		kp := testkit.QuestionIn(t, b, "简述Kubernetes准入机制?").KeyPoints
		if len(kp) != 7 || !slices.Contains(kp[4].Keywords, "PodSecurity") ||
			!slices.Equal(kp[5].Keywords, []string{"webhook", "MutatingAdmissionWebhook", "ValidatingAdmissionWebhook", "Mutating"}) ||
			!slices.Equal(kp[6].Keywords, []string{"ValidatingAdmissionPolicy", "CEL"}) {
			t.Errorf("key points = %+v", kp)
		}
	})

	t.Run("the access modes carry their authors' keywords and a label", func(t *testing.T) {
		kp := testkit.QuestionIn(t, b, "pv的访问模式有哪几种").KeyPoints
		if len(kp) != 4 || kp[0].Label != "ReadWriteOnce（RWO）" || !slices.Equal(kp[0].Keywords, []string{"RWO", "ReadWriteOnce", "单节点读写"}) ||
			kp[3].Label != "ReadWriteOncePod（RWOP）" || !slices.Equal(kp[3].Keywords, []string{"RWOP", "ReadWriteOncePod", "单个Pod读写"}) {
			t.Errorf("key points = %+v", kp)
		}
	})
}

func TestShippedCorrections(t *testing.T) {
	src := string(shippedSource(t))
	for _, typo := range []string{"icp", "ResourceQuate", "基数个", "Kaka", "用用于", "Infomer", "Kubernets", "info容器", "某于", "启动括", "复制均衡", "的的", "还还", "不在需要", "会意同步", "server资源", "只仅", "Succeed（", "直接的点", "```Go"} {
		if strings.Contains(src, typo) {
			t.Errorf("the shipped bank still has %q", typo)
		}
	}
	b := testkit.ShippedBank(t)
	notes := []struct{ title, want string }{
		{"kubectl 创建 Pod 背后到底发生了什么？", "v1.30 移除"},
		{"kubectl 创建 Pod 背后到底发生了什么？", "v1.14 移除"},
		{"简述Kubernetes Scheduler使用哪两种算法将Pod绑定到worker节点", "Filter 插件和 Score 插件"},
		{"简述Kubernetes Scheduler使用哪两种算法将Pod绑定到worker节点", "v1.23 移除"},
		{"kube-proxy原理?", "v1.35 弃用"},
		{"简述kube-proxy ipvs和iptables的异同?", "v1.35 弃用"},
		{"简述kube-proxy ipvs和iptables的异同?", "nftables"},
		{"简述Kubernetes Service分发后端的策略?", "nftables"},
		{"简述Kubernetes准入机制?", "AlwaysAdmit"},
		{"kubernetes服务发现？", "CoreDNS"},
		{"service、endpoint、kube-proxys三种的关系是什么？", "EndpointSlice"},
		{"简述Kubernetes准入机制?", "NamespaceLifecycle"},
		{"存储卷分类，作用分别是什么?", "随着pod的删除"},
	}
	for _, n := range notes {
		if plain := rich.Plain(testkit.QuestionIn(t, b, n.title).Answer); !strings.Contains(plain, n.want) {
			t.Errorf("%q lacks the note %q", n.title, n.want)
		}
	}
}

// TestShippedCurrentFacts: the answers teach what is true of Kubernetes
// today (v1.31 and later) in their own words, outside the notes that say
// what changed: what an answer says out of a note is what a learner
// takes away and what a typed answer is scored against.
func TestShippedCurrentFacts(t *testing.T) {
	b := testkit.ShippedBank(t)
	facts := []struct {
		title       string
		says, never []string
	}{
		{"kubectl 创建 Pod 背后到底发生了什么？", []string{"PodSecurity", "watch"}, []string{"使用生成器", "SecurityContextDeny"}},
		{"kubelet的功能、作用是什么？（重点，经常会问）", []string{"cAdvisor", "从各节点的 kubelet 拉取"}, []string{"通过Metrics Server获取"}},
		{"kubelet 监控 Node 节点资源使用是通过什么组件来实现的？", []string{"内置了 cAdvisor", "从各节点的 kubelet 拉取"}, []string{"用Metrics Server提供核心指标"}},
		{"pod的共享资源？", []string{"shareProcessNamespace"}, nil},
		{"pause容器作用是什么？", []string{"shareProcessNamespace"}, []string{"包括 pid、ipc、net"}},
		{"探针执行方式", []string{"4种", "grpc"}, []string{"3种"}},
		{"service的域名解析格式、pod的域名解析格式", []string{"<service-name>"}, []string{"<deployment-name>"}},
		{"pv的访问模式有哪几种", []string{"4种", "ReadWriteOncePod"}, []string{"3种"}},
		{"pv的回收策略有哪几种", []string{"2种", "已废弃"}, []string{"3种"}},
		{"kubernetes服务发现？", []string{"同一命名空间", "CoreDNS"}, []string{"集群内所有Service"}},
		{"简述Kubernetes自动扩容HPA机制?", []string{"autoscaling/v2", "自定义指标"}, nil},
		{"简述Kubernetes Service分发后端的策略?", []string{"随机", "IPVS"}, []string{"默认为轮询"}},
		{"简述Kubernetes Scheduler使用哪两种算法将Pod绑定到worker节点", []string{"Filter 插件", "Score 插件"}, nil},
		{"简述Kubernetes CNI模型?", []string{"containerd"}, []string{"rkt", "Docker或"}},
		// Always reaches the registry whatever the tag; latest only makes
		// it the default when imagePullPolicy is unset.
		{"K8s中镜像的下载策略是什么？", []string{"每次创建容器", "不管镜像标签是什么", "默认为 Always", "默认为 IfNotPresent"}, []string{"镜像标签为latest时，总是"}},
		{"简述kube-proxy ipvs和iptables的异同?", nil, []string{"几乎无限"}},
		{"简述Kubernetes Service分发后端的策略?", []string{"IPVS 模式（v1.35 起弃用）"}, nil},
		{"简述Kubernetes准入机制?", []string{"NamespaceLifecycle", "PodSecurity", "MutatingAdmissionWebhook", "ValidatingAdmissionWebhook", "ValidatingAdmissionPolicy"}, []string{"AlwaysAdmit", "AlwaysDeny", "NamespaceExists"}},
		{"pod的生命周期有哪几种？", []string{"等待调度"}, []string{"容器的镜像没有创建"}},
		{"k8s针对pod资源对象的健康监测机制?", []string{"杀死容器并重启", "另外两类探针都不会执行"}, []string{"处于Running状态", "被上面两类探针kill"}},
		// Readiness is whether a container can serve traffic, not its
		// health; internal load balancers have no public IP; the cloud
		// disks' Delete is said without 目前支持, which read as current once
		// the note is stripped from a quiz.
		{"k8s针对pod资源对象的健康监测机制?", []string{"准备好接收流量"}, []string{"判断pod是否健康"}},
		{"service的类型有哪几种", []string{"内部负载均衡器"}, []string{"需要有一个公网IP地址"}},
		{"pv的回收策略有哪几种", []string{"都支持Delete"}, []string{"目前支持"}},
		// command is the image's ENTRYPOINT, args its CMD, and command
		// alone drops the CMD; kube-proxy uses no IPVS health checks or
		// connection retries; emptyDir lives as long as its pod; the
		// scheduler watches for pods without a node, whoever made them.
		{"pod的定义中有个command和args参数", []string{"覆盖Dockerfile中的ENTRYPOINT", "覆盖Dockerfile中的CMD", "只设置command时，Dockerfile中的ENTRYPOINT和CMD都被忽略"}, nil},
		{"kube-proxy原理?", nil, []string{"健康检查", "连接重试"}},
		{"简述kube-proxy ipvs和iptables的异同?", nil, []string{"健康检查", "连接重试"}},
		{"k8s数据持久化的方式有哪些？", []string{"生命周期与 pod 相同", "不算真正的持久化"}, nil},
		{"简述Kubernetes Scheduler作用及实现原理?", []string{"监听尚未调度（spec.nodeName为空）的新Pod", "先过滤", "绑定（binding）"}, []string{"接收Controller Manager创建的新Pod"}},
		// A ResourceQuota or LimitRange refuses the pod at its creation, it
		// keeps none Pending; the title asks how to troubleshoot too.
		{"pod一直处于pending状态一般有哪些情况，怎么排查？", []string{"根本不会被创建", "FailedCreate", "kubectl describe pod", "FailedScheduling"}, []string{"- ResourceQuota"}},
		// Only a change of the pod template makes a new ReplicaSet; a
		// rollback scales an old one back up. Each PV phase is said by
		// what it means, not by its translation.
		{"简述一下deployment的更新过程?", []string{"只有修改了pod模板", "不会创建新的replicaset", "并不新建replicaset"}, []string{"每更新一次deployment"}},
		{"在pv的生命周期中，一般有几种状态", []string{"还没有被任何pvc绑定", "卷上的数据还在"}, []string{"处于可用状态", "变成已释放"}},
		// What an interviewer asks after "no cluster IP": the name
		// resolves to the pods, and a StatefulSet's pods get their own.
		{"无头service和普通的service有什么区别，无头service使用场景是什么？", []string{"直接解析出所有就绪的后端pod的IP", "<pod-name>.<service-name>.<namespace>.svc.cluster.local"}, nil},
		{"存储卷分类，作用分别是什么?", []string{"configMap、secret、downwardAPI", "projected", "persistentVolumeClaim", "csi、ephemeral"}, nil},
		{"DaemonSet资源对象的特性？", []string{"新节点加入时会自动在上面创建pod", "nodeSelector", "容忍度（tolerations）", "RollingUpdate", "OnDelete"}, nil},
		// Maintenance: cordon, drain leaving DaemonSet pods alone (it refuses
		// without the flag), evictions a PodDisruptionBudget holds back, and
		// uncordon; emptyDir data goes with its flag's current name.
		// Termination: Terminating and out of the endpoints, preStop,
		// SIGTERM, and SIGKILL once the grace period (30 s by default) is
		// over, not a vague "signal to stop at once".
		{"pod的终止过程", []string{"Terminating", "endpoint列表中删除", "preStop", "SIGTERM", "terminationGracePeriodSeconds，默认30秒", "SIGKILL"}, []string{"立即终止的信号"}},
		{"如何停机维护又不能影响业务应用", []string{"kubectl cordon", "--ignore-daemonsets", "pods/eviction", "PodDisruptionBudget", "minAvailable", "kubectl uncordon", "--delete-emptydir-data"}, []string{"--delete-local-data"}},
	}
	for _, f := range facts {
		text := textnorm.WithoutNotes(rich.Plain(testkit.QuestionIn(t, b, f.title).Answer))
		for _, want := range f.says {
			if !strings.Contains(text, want) {
				t.Errorf("%q does not say %q outside its notes:\n%s", f.title, want, text)
			}
		}
		for _, old := range f.never {
			if strings.Contains(text, old) {
				t.Errorf("%q still says %q outside its notes:\n%s", f.title, old, text)
			}
		}
	}
	labels := []struct {
		title string
		want  []string
	}{
		{"pv的回收策略有哪几种", []string{"Retain", "Delete"}},
		{"探针执行方式", []string{"httpGet", "exec", "TCPSocket", "grpc"}},
		{"简述Kubernetes Scheduler使用哪两种算法将Pod绑定到worker节点", []string{"过滤（Filtering，旧称预选）", "打分（Scoring，旧称优选）"}},
		{"简述Kubernetes Service分发后端的策略?", []string{"默认不保持会话", "SessionAffinity"}},
		{"K8s中镜像的下载策略是什么？", []string{"Always", "Never", "IfNotPresent"}},
		{"简述Kubernetes准入机制?", []string{"NamespaceLifecycle", "ServiceAccount", "LimitRanger", "ResourceQuota", "PodSecurity", "准入 Webhook（Mutating/Validating）", "ValidatingAdmissionPolicy"}},
		{"pod一直处于pending状态一般有哪些情况，怎么排查？", []string{"调度器调度失败", "正在拉取镜像", "pvc、pv无法动态创建", "节点资源不够", "排查：kubectl describe pod 看 Events"}},
	}
	for _, l := range labels {
		var got []string
		for _, k := range testkit.QuestionIn(t, b, l.title).KeyPoints {
			if textnorm.WithoutNotes(k.Text) != "" {
				got = append(got, k.Label)
			}
		}
		if !slices.Equal(got, l.want) {
			t.Errorf("%q: key points %q, want %q", l.title, got, l.want)
		}
	}
	// The lifecycle question's key points are point: directives, not its
	// paragraphs: Pending's must say what its paragraph says.
	pending := testkit.QuestionIn(t, b, "pod的生命周期有哪几种？").KeyPoints[0]
	if !strings.HasPrefix(pending.Text, "Pending") || !strings.Contains(pending.Text, "等待调度") {
		t.Errorf("Pending's key point %q does not count a pod waiting to be scheduled", pending.Text)
	}
}
