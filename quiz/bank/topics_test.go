package bank_test

import (
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
)

// pvTitles are the shipped questions whose titles name pv (not pvc).
var pvTitles = []string{
	"pv的访问模式有哪几种",
	"pv的回收策略有哪几种",
	"在pv的生命周期中，一般有几种状态",
	"简述Kubernetes PV和PVC?",
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}

func TestShippedTopics(t *testing.T) {
	b := testkit.ShippedBank(t)

	t.Run("the pv topic is the questions whose titles name pv, and the one listing PersistentVolume as a way to persist data", func(t *testing.T) {
		// pv as a word of its own: not inside pvc or ipvs.
		pvWord := regexp.MustCompile(`(?i)(^|[^a-z])pv([^a-z]|$)`)
		var byTitle []string
		for _, q := range b.Questions() {
			if pvWord.MatchString(q.Title) {
				byTitle = append(byTitle, q.Title)
			}
		}
		if !slices.Equal(byTitle, pvTitles) {
			t.Fatalf("the bank's pv titles are %q; the test's list %q is stale", byTitle, pvTitles)
		}
		want := sorted(append(slices.Clone(pvTitles), "k8s数据持久化的方式有哪些？"))
		if got := sorted(titles(b.ByTopic("pv"))); !slices.Equal(got, want) {
			t.Errorf("ByTopic(pv) = %q, want %q", got, want)
		}
		if got := sorted(titles(b.Matching(b.Resolve("pv")))); !slices.Equal(got, want) {
			t.Errorf("Matching(Resolve(pv)) = %q, want %q", got, want)
		}
	})

	resolves := []struct {
		name  string
		words []string
		want  []string
	}{
		{"pv resolves to pv in any case and width", []string{"pv", "PV", "Pv", " pv ", "ＰＶ", "ｐｖ"}, []string{"pv"}},
		{"pvc resolves to pvc only", []string{"pvc", "PVC"}, []string{"pvc"}},
		{"storage and 存储 resolve to pv, pvc, csi and volume", []string{"存储", "storage", "Storage", "STORAGE"}, []string{"csi", "pv", "pvc", "volume"}},
		{"探针 and probe resolve to probe", []string{"探针", "probe", "Probe", "probes"}, []string{"probe"}},
		{"调度 and scheduler resolve to scheduler", []string{"调度", "scheduler", "SCHEDULER", "kube-scheduler"}, []string{"scheduler"}},
		{"a plural resolves like the singular", []string{"pods", "Pods"}, []string{"pod"}},
		{"a topic's own Chinese word resolves to it", []string{"命名空间", "namespace"}, []string{"namespace"}},
		{"init container resolves with or without a hyphen", []string{"init container", "init-container", "Init-Container"}, []string{"init-container"}},
	}
	for _, r := range resolves {
		t.Run(r.name, func(t *testing.T) {
			for _, w := range r.words {
				if got := sorted(b.Resolve(w)); !slices.Equal(got, r.want) {
					t.Errorf("Resolve(%q) = %q, want %q", w, got, r.want)
				}
			}
		})
	}

	t.Run("网络 and network both cover cni, service and kube-proxy", func(t *testing.T) {
		zh, en := sorted(b.Resolve("网络")), sorted(b.Resolve("network"))
		if !slices.Equal(zh, en) {
			t.Errorf("Resolve(网络) = %q, Resolve(network) = %q; want the same", zh, en)
		}
		for _, want := range []string{"cni", "service", "kube-proxy"} {
			if !slices.Contains(zh, want) {
				t.Errorf("Resolve(网络) = %q lacks %q", zh, want)
			}
		}
		qs := titles(b.Matching(zh))
		for _, want := range []string{"简述Kubernetes CNI模型?", "service的类型有哪几种", "kube-proxy原理?"} {
			if !slices.Contains(qs, want) {
				t.Errorf("Matching(Resolve(网络)) lacks %q", want)
			}
		}
	})

	t.Run("storage questions include a pv, a pvc, the csi and a volume question", func(t *testing.T) {
		qs := titles(b.Matching(b.Resolve("存储")))
		for _, want := range []string{"pv的访问模式有哪几种", "简述Kubernetes PV和PVC?", "简述Kubernetes CSI模型?", "存储卷分类，作用分别是什么?"} {
			if !slices.Contains(qs, want) {
				t.Errorf("Matching(Resolve(存储)) lacks %q", want)
			}
		}
		if got := titles(b.Matching(b.Resolve("storage"))); !slices.Equal(got, qs) {
			t.Errorf("storage and 存储 find different questions")
		}
	})

	t.Run("probe and scheduler questions are found by topic", func(t *testing.T) {
		for word, want := range map[string][]string{
			"探针":        {"探针执行方式", "k8s针对pod资源对象的健康监测机制?", "就绪探针（ReadinessProbe探针）与存活探针（livenessProbe探针）区别是什么？"},
			"scheduler": {"简述Kubernetes Scheduler作用及实现原理?", "简述Kubernetes Scheduler使用哪两种算法将Pod绑定到worker节点"},
		} {
			got := titles(b.Matching(b.Resolve(word)))
			for _, w := range want {
				if !slices.Contains(got, w) {
					t.Errorf("Matching(Resolve(%q)) = %q lacks %q", word, got, w)
				}
			}
		}
	})

	t.Run("pvc does not match the pv-only questions", func(t *testing.T) {
		got := titles(b.Matching(b.Resolve("pvc")))
		if slices.Contains(got, "pv的访问模式有哪几种") {
			t.Errorf("Matching(Resolve(pvc)) = %q includes the pv access-mode question", got)
		}
		if !slices.Contains(got, "简述Kubernetes PV和PVC?") {
			t.Errorf("Matching(Resolve(pvc)) = %q lacks the PV-and-PVC question", got)
		}
	})

	t.Run("the spec's topic terms all have questions", func(t *testing.T) {
		for _, topic := range []string{"pod", "pv", "pvc", "etcd", "service", "deployment", "kubelet", "kube-proxy", "ipvs",
			"iptables", "qos", "hpa", "cni", "csi", "scheduler", "probe", "namespace", "daemonset", "init-container", "label", "image"} {
			if len(b.ByTopic(topic)) == 0 {
				t.Errorf("no question on %q", topic)
			}
		}
	})

	t.Run("a topic named in the title tags the question", func(t *testing.T) {
		for title, topic := range map[string]string{
			"DaemonSet资源对象的特性？":                  "daemonset",
			"简述Kubernetes初始化容器（init container）?": "init-container",
			"K8S 资源限制 QoS？":                      "qos",
			"简述kube-proxy ipvs和iptables的异同?":     "ipvs",
			"k8s中命名空间的作用是什么？":                    "namespace",
		} {
			if q := testkit.QuestionIn(t, b, title); !slices.Contains(q.Topics, topic) {
				t.Errorf("%q has topics %q, want %q among them", title, q.Topics, topic)
			}
		}
	})

	t.Run("an unknown word resolves to nothing", func(t *testing.T) {
		for _, w := range []string{"pvv", "etc", "kafka", "", "   ", "不存在的主题"} {
			if got := b.Resolve(w); len(got) != 0 {
				t.Errorf("Resolve(%q) = %q, want none", w, got)
			}
		}
		if got := b.Matching(nil); len(got) != 0 {
			t.Errorf("Matching(nil) = %d questions", len(got))
		}
	})

	t.Run("a topic with no questions resolves to nothing", func(t *testing.T) {
		if got := b.Resolve("cri"); len(got) != 0 {
			t.Errorf("Resolve(cri) = %q: no shipped question is about the CRI", got)
		}
	})

	suggests := []struct{ word, first string }{
		{"pvv", "pv"},
		{"etc", "etcd"},
		{"ETC", "etcd"},
		{"schedular", "scheduler"},
		{"kubeproxy", "kube-proxy"},
		{"daemonsets", "daemonset"},
	}
	for _, s := range suggests {
		t.Run(s.word+" suggests "+s.first+" first", func(t *testing.T) {
			got := b.Suggest(s.word, 3)
			if len(got) == 0 || got[0] != s.first {
				t.Errorf("Suggest(%q, 3) = %q, want topics starting with %q", s.word, got, s.first)
			}
		})
	}

	t.Run("a word near no topic gets no suggestion", func(t *testing.T) {
		for _, w := range []string{"xyz", "qqqq", "", "集群", "污点", "3题", "kubernetes"} {
			if got := b.Suggest(w, 3); len(got) != 0 {
				t.Errorf("Suggest(%q, 3) = %q, want none: no topic is near it", w, got)
			}
		}
	})

	t.Run("a Chinese word is compared with the topics' Chinese names", func(t *testing.T) {
		if got := b.Suggest("容器", 3); !slices.Contains(got, "pod") {
			t.Errorf("Suggest(容器, 3) = %q, want pod (容器组) among them", got)
		}
	})

	t.Run("suggestions are known topics, at most n, the same every time", func(t *testing.T) {
		for _, w := range []string{"pvv", "sevice", "网络x", "滚动发布"} {
			first := b.Suggest(w, 4)
			if len(first) == 0 || len(first) > 4 {
				t.Errorf("Suggest(%q, 4) = %q, want one to four", w, first)
			}
			for _, topic := range first {
				if len(b.ByTopic(topic)) == 0 {
					t.Errorf("Suggest(%q) offered %q, which has no questions", w, topic)
				}
			}
			for range 30 {
				if again := b.Suggest(w, 4); !slices.Equal(again, first) {
					t.Fatalf("Suggest(%q, 4) gave %q, then %q", w, first, again)
				}
			}
		}
		if got := b.Suggest("pv", 0); len(got) != 0 {
			t.Errorf("Suggest(pv, 0) = %q", got)
		}
	})

	t.Run("topic counts agree with ByTopic and run from most questions down", func(t *testing.T) {
		counts := b.TopicCounts()
		if len(counts) == 0 {
			t.Fatal("no topic counts")
		}
		for i, c := range counts {
			if n := len(b.ByTopic(c.Topic)); n != c.Count || n == 0 {
				t.Errorf("%q: count %d, ByTopic has %d", c.Topic, c.Count, n)
			}
			if i > 0 {
				p := counts[i-1]
				if p.Count < c.Count || p.Count == c.Count && p.Topic > c.Topic {
					t.Errorf("%+v comes before %+v", p, c)
				}
			}
		}
		if counts[0].Topic != "pod" {
			t.Errorf("the biggest topic is %q; pod is named in most titles", counts[0].Topic)
		}
	})

	t.Run("each question's topics are sorted and list it under each topic", func(t *testing.T) {
		for _, q := range b.Questions() {
			if !slices.IsSorted(q.Topics) {
				t.Errorf("%q topics %q are not sorted", q.Title, q.Topics)
			}
			for _, topic := range q.Topics {
				if !slices.Contains(b.ByTopic(topic), q) {
					t.Errorf("ByTopic(%q) lacks %q", topic, q.Title)
				}
			}
		}
	})

	t.Run("slices returned to two callers do not share room to append into", func(t *testing.T) {
		// Two readers appending to what they were given must not write into
		// the same spare capacity of the bank's own slice: that is a data race.
		for name, get := range map[string]func() []*bank.Question{
			"Questions":       b.Questions,
			"ByTopic(pod)":    func() []*bank.Question { return b.ByTopic("pod") },
			"Matching([pod])": func() []*bank.Question { return b.Matching([]string{"pod"}) },
		} {
			one, two := &bank.Question{Title: "one"}, &bank.Question{Title: "two"}
			a := append(get(), one)
			_ = append(get(), two)
			if a[len(a)-1] != one {
				t.Errorf("%s: an append by one caller was overwritten by another's", name)
			}
		}
		if b.Len() != 52 || len(b.ByTopic("pv")) != len(pvTitles)+1 {
			t.Errorf("the bank changed: Len() = %d, ByTopic(pv) = %d", b.Len(), len(b.ByTopic("pv")))
		}
	})
}

func TestTopicsFromText(t *testing.T) {
	tests := []struct {
		name      string
		title     string
		answer    string
		want      []string
		wantNotIn []string
	}{
		{
			name: "a term named in the title is a topic", title: "etcd 是什么", answer: "一个键值存储。",
			want: []string{"etcd"},
		},
		{
			name: "a term named once in one of many points is not", title: "分布式存储", answer: "- 数据分片存放\n- 副本跨机房\n- 元数据用 Raft 同步\n- 读写分离\n- 定期备份\n- 冷热分层\n",
			wantNotIn: []string{"raft"},
		},
		{
			name: "a term named twice in a fifth of the points is", title: "分布式存储", answer: "- 数据分片存放\n- 副本跨机房\n- 元数据用 Raft 同步，Raft 要奇数个节点\n- 读写分离\n- 定期备份\n",
			want: []string{"raft"},
		},
		{
			name: "a component needs three mentions in a fifth of the points", title: "分布式存储", answer: "- 数据分片存放\n- 副本跨机房\n- 元数据放在 etcd 里，etcd 要奇数个节点，etcd 要备份\n- 读写分离\n- 定期备份\n",
			want: []string{"etcd"},
		},
		{
			name: "a term named in half of the points is", title: "分布式存储", answer: "通过 Raft 协议同步数据。保证数据一致性。",
			want: []string{"raft"},
		},
		{
			name: "a component named in passing in half of the points is not", title: "调度器的作用", answer: "Scheduler 负责调度新建的 pod。调度完成后由 kubelet 接管。",
			want: []string{"scheduler"}, wantNotIn: []string{"kubelet"},
		},
		{
			name: "pod and node in an answer do not make it about pods or nodes", title: "Service 的作用", answer: "Service 把请求转发到 pod；pod 跑在 node 上；node 上的 kube-proxy 维护规则。",
			want: []string{"service"}, wantNotIn: []string{"pod", "node"},
		},
		{
			name: "a Linux namespace is not a Kubernetes namespace", title: "容器共享什么", answer: "- PID 命名空间：进程\n- 网络命名空间：IP\n- IPC namespace: 消息队列\n",
			wantNotIn: []string{"namespace"},
		},
		{
			name: "a bracketed note and a placeholder name no topic", title: "域名格式", answer: "- 格式为 <deployment-name>.svc（注：旧版用 kube-dns，见 deployment 文档）\n- 默认后缀 cluster.local\n",
			wantNotIn: []string{"deployment"},
		},
		{
			name: "a list's lead-in counts for each of its bullets", title: "kube-proxy 原理", answer: "从 v1.8 开始可用 IPVS 模式，主要优势是：\n\n1）扩展性更好；\n\n2）算法更多；\n\n3）支持健康检查；\n",
			want: []string{"ipvs"},
		},
		{
			name: "words are matched ignoring case", title: "What is a PersistentVolume", answer: "storage.",
			want: []string{"pv"},
		},
		{
			name: "a plural names the topic", title: "Pods and Services", answer: "x",
			want: []string{"pod", "service"},
		},
		{
			name: "a longer word does not name a shorter topic", title: "pvc 与 podman", answer: "x",
			want: []string{"pvc"}, wantNotIn: []string{"pv", "pod"},
		},
		{
			name: "Chinese text around a Latin word bounds it", title: "pv的回收", answer: "x",
			want: []string{"pv"},
		},
		{
			name: "a Chinese term is matched inside a sentence", title: "如何配置健康检查", answer: "x",
			want: []string{"probe"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := testkit.ParseBank(t, "# "+tt.title+"\n\n"+tt.answer+"\n")
			q := b.Questions()[0]
			for _, w := range tt.want {
				if !slices.Contains(q.Topics, w) {
					t.Errorf("topics %q lack %q", q.Topics, w)
				}
			}
			for _, w := range tt.wantNotIn {
				if slices.Contains(q.Topics, w) {
					t.Errorf("topics %q include %q", q.Topics, w)
				}
			}
		})
	}
}

func TestSearch(t *testing.T) {
	b := testkit.ShippedBank(t)
	tests := []struct {
		name     string
		words    []string
		want     []string // must be found
		wantNot  []string // must not be found
		wantNone bool
	}{
		{"a word in a title finds the question", []string{"回滚"}, []string{"deployment的回滚使用什么命令"}, nil, false},
		{"a word only in an answer finds the question", []string{"OnFailure"}, []string{"pod的重启策略有哪些？"}, nil, false},
		{"case is ignored in the words and the text", []string{"onfailure"}, []string{"pod的重启策略有哪些？"}, nil, false},
		{"case is ignored in titles too", []string{"DAEMONSET资源"}, []string{"DaemonSet资源对象的特性？"}, nil, false},
		{"code in an answer is searched", []string{"--to-revision=2"}, []string{"deployment的回滚使用什么命令"}, nil, false},
		{"every word is required", []string{"pv", "回收"}, []string{"pv的回收策略有哪几种"}, []string{"pv的访问模式有哪几种"}, false},
		{"a word found nowhere finds nothing", []string{"OnFailure", "没有这个词"}, nil, nil, true},
		{"a Latin term is a whole word: pv is not in ipvs", []string{"pv"}, pvTitles, []string{"kube-proxy原理?", "简述kube-proxy ipvs和iptables的异同?"}, false},
		{"pv 状态 finds the pv states, not kube-proxy", []string{"pv", "状态"}, []string{"在pv的生命周期中，一般有几种状态"}, []string{"kube-proxy原理?"}, false},
		{"words typed on a Chinese keyboard", []string{"ＯｎＦａｉｌｕｒｅ"}, []string{"pod的重启策略有哪些？"}, nil, false},
		{"a plural finds the singular and back", []string{"probes"}, []string{"k8s针对pod资源对象的健康监测机制?"}, nil, false},
		{"Chinese matches inside words", []string{"副本"}, []string{"deployment怎么扩容或缩容？"}, nil, false},
		{"an author's keyword the answer does not say", []string{"ENTRYPOINT"}, []string{"pod的定义中有个command和args参数"}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := titles(b.Search(tt.words, nil))
			if tt.wantNone && len(got) != 0 {
				t.Errorf("Search(%q) = %q, want nothing", tt.words, got)
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("Search(%q) = %q lacks %q", tt.words, got, w)
				}
			}
			for _, w := range tt.wantNot {
				if slices.Contains(got, w) {
					t.Errorf("Search(%q) = %q includes %q", tt.words, got, w)
				}
			}
		})
	}

	t.Run("title matches come before answer matches", func(t *testing.T) {
		got := b.Search([]string{"KUBELET"}, nil)
		if len(got) < 4 {
			t.Fatalf("Search(KUBELET) = %q", titles(got))
		}
		inBody := false
		for _, q := range got {
			inTitle := strings.Contains(strings.ToLower(q.Title), "kubelet")
			if inBody && inTitle {
				t.Errorf("title match %q comes after an answer-only match: %q", q.Title, titles(got))
			}
			inBody = inBody || !inTitle
		}
		if !inBody {
			t.Error("expected some answer-only matches too")
		}
	})

	t.Run("a word's other forms find what it does not", func(t *testing.T) {
		alike := func(w string) []string {
			if w == "liveness" {
				return []string{w, "存活探针"}
			}
			return []string{w}
		}
		if got := b.Search([]string{"liveness"}, nil); len(got) != 0 {
			t.Fatalf("the bank has the whole word liveness now (%q): pick another for this test", titles(got))
		}
		got := titles(b.Search([]string{"liveness"}, alike))
		if len(got) == 0 || got[0] != "就绪探针（ReadinessProbe探针）与存活探针（livenessProbe探针）区别是什么？" {
			t.Errorf("Search(liveness) with its forms = %q, want the probes' question first (its title has one)", got)
		}
		if both := titles(b.Search([]string{"liveness", "没有这个词"}, alike)); len(both) != 0 {
			t.Errorf("a form stands for its word only, every word still required: %q", both)
		}
	})

	t.Run("a word typed again counts once, and alike's forms add to the word", func(t *testing.T) {
		once := titles(b.Search([]string{"pv"}, nil))
		if again := titles(b.Search(strings.Fields(strings.Repeat("pv ", 200)), nil)); !slices.Equal(again, once) {
			t.Errorf("pv 200 times = %q, pv once = %q", again, once)
		}
		if none := titles(b.Search([]string{"pv"}, func(string) []string { return nil })); !slices.Equal(none, once) {
			t.Errorf("with no other forms pv finds %q, want %q", none, once)
		}
	})

	t.Run("each question is found once", func(t *testing.T) {
		got := b.Search([]string{"pod"}, nil)
		seen := map[string]bool{}
		for _, q := range got {
			if seen[q.ID] {
				t.Errorf("%q found twice", q.Title)
			}
			seen[q.ID] = true
		}
	})
}

func TestConcurrentReads(t *testing.T) {
	b := testkit.ShippedBank(t)
	// reads are the bank's reads of one goroutine, i: the same, read
	// alone first, and then by eight goroutines at once.
	reads := func(i int) []any {
		q, ok := b.ByID(b.Questions()[i].ID)
		return []any{b.Search([]string{"pod", "IP"}, nil), b.Matching(b.Resolve("存储")), b.Suggest("pvv", 3), b.TopicCounts(), q, ok}
	}
	want := make([][]any, 8)
	for i := range want {
		want[i] = reads(i)
		if !want[i][5].(bool) || len(want[i][0].([]*bank.Question)) == 0 {
			t.Fatalf("goroutine %d's reads find nothing: %v", i, want[i])
		}
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 50 {
				if got := reads(i); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("goroutine %d read %v while others read, %v alone", i, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestTopicsTheIssueNamed(t *testing.T) {
	b := testkit.ShippedBank(t)
	has := func(t *testing.T, title, topic string, want bool) {
		t.Helper()
		if q := testkit.QuestionIn(t, b, title); slices.Contains(q.Topics, topic) != want {
			t.Errorf("%q has topics %q; %s among them: %v, want %v", title, q.Topics, topic, !want, want)
		}
	}
	t.Run("pod is not on Service, HPA or update-strategy questions", func(t *testing.T) {
		for _, title := range []string{"service、endpoint、kube-proxys三种的关系是什么？", "简述Kubernetes Service分发后端的策略?",
			"简述Kubernetes自动扩容HPA机制?", "deployment的更新升级策略有哪些？", "简述Kubernetes网络模型?", "简述Kubernetes Scheduler作用及实现原理?"} {
			has(t, title, "pod", false)
		}
		if n := len(b.ByTopic("pod")); n > 16 {
			t.Errorf("pod is on %d questions", n)
		}
	})
	t.Run("namespace is not on the Linux namespaces a pod shares", func(t *testing.T) {
		has(t, "pod的共享资源？", "namespace", false)
		has(t, "pause容器作用是什么？", "namespace", false)
		has(t, "k8s中命名空间的作用是什么？", "namespace", true)
	})
	t.Run("etcd is not on the kubectl-create flow", func(t *testing.T) {
		has(t, "kubectl 创建 Pod 背后到底发生了什么？", "etcd", false)
	})
	t.Run("raft is on the etcd questions that are about Raft", func(t *testing.T) {
		has(t, "etcd集群节点之间是怎么同步数据的？", "raft", true)
		has(t, "etcd集群节点可以设置为偶数个吗，为什么要设置为奇数个呢？", "raft", true)
	})
	t.Run("kubectl is on scale, rollout undo and drain", func(t *testing.T) {
		for _, title := range []string{"deployment怎么扩容或缩容？", "deployment的回滚使用什么命令", "如何停机维护又不能影响业务应用"} {
			has(t, title, "kubectl", true)
		}
	})
}

func TestTopicAliases(t *testing.T) {
	b := testkit.ShippedBank(t)
	finds := func(t *testing.T, word string, want, wantNot []string) {
		t.Helper()
		got := titles(b.Matching(b.Resolve(word)))
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("%q finds %q, lacking %q", word, got, w)
			}
		}
		for _, w := range wantNot {
			if slices.Contains(got, w) {
				t.Errorf("%q finds %q, including %q", word, got, w)
			}
		}
	}
	create, admission := "kubectl 创建 Pod 背后到底发生了什么？", "简述Kubernetes准入机制?"
	for _, w := range []string{"security", "Security", "ＳＥＣＵＲＩＴＹ", "安全", "认证", "rbac", "RBAC", "授权", "鉴权"} {
		t.Run(w+" finds the authentication and authorisation questions", func(t *testing.T) {
			finds(t, w, []string{create}, nil)
		})
	}
	t.Run("security and 安全 find admission control too", func(t *testing.T) {
		finds(t, "security", []string{admission}, nil)
		finds(t, "安全", []string{admission}, nil)
	})
	headless := "无头service和普通的service有什么区别，无头service使用场景是什么？"
	for _, w := range []string{"headless", "Headless", "无头", "statefulset", "StatefulSet", "有状态"} {
		t.Run(w+" finds the headless-service question", func(t *testing.T) {
			finds(t, w, []string{headless}, []string{"service的类型有哪几种"})
		})
	}
	rollout := []string{"deployment的更新升级策略有哪些？", "简述一下deployment的更新过程?", "deployment的回滚使用什么命令"}
	for _, w := range []string{"rollout", "Rollout", "回滚", "滚动更新"} {
		t.Run(w+" finds the update and rollback questions", func(t *testing.T) {
			finds(t, w, rollout, []string{"deployment怎么扩容或缩容？"})
		})
	}
	for _, w := range []string{"扩容", "缩容", "scaling", "scale"} {
		t.Run(w+" finds scaling, not rollback", func(t *testing.T) {
			finds(t, w, []string{"deployment怎么扩容或缩容？", "简述Kubernetes自动扩容HPA机制?"}, rollout)
		})
	}
	for _, w := range []string{"资源", "quota", "ResourceQuota", "limitrange", "配额"} {
		t.Run(w+" finds ResourceQuota and LimitRange", func(t *testing.T) {
			finds(t, w, []string{"pod一直处于pending状态一般有哪些情况，怎么排查？", admission, "k8s中命名空间的作用是什么？"}, nil)
		})
	}
	t.Run("资源 finds QoS too", func(t *testing.T) {
		finds(t, "资源", []string{"K8S 资源限制 QoS？"}, nil)
	})
}

func TestResolveAll(t *testing.T) {
	b := testkit.ShippedBank(t)
	tests := []struct {
		name    string
		words   []string
		want    []string
		unknown []string
	}{
		{"several topics mean any of them", []string{"pv", "pvc"}, []string{"pv", "pvc"}, nil},
		{"aliases add up without repeats", []string{"存储", "网络"}, []string{"cni", "csi", "dns", "kube-proxy", "network", "pv", "pvc", "service", "volume"}, nil},
		{"words that name one topic together are read together", []string{"init", "container"}, []string{"init-container"}, nil},
		{"a multi-word name among other words", []string{"pv", "metrics", "server"}, []string{"metrics", "pv"}, nil},
		{"typed on a Chinese keyboard", []string{"ＰＶ", "ＰＶＣ"}, []string{"pv", "pvc"}, nil},
		{"unknown words are reported, known ones still resolve", []string{"pv", "kafka", "网络x"}, []string{"pv"}, []string{"kafka", "网络x"}},
		{"nothing resolves nothing", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			topics, unknown := b.ResolveAll(tt.words)
			if got := sorted(topics); !slices.Equal(got, tt.want) {
				t.Errorf("topics = %q, want %q", got, tt.want)
			}
			if !slices.Equal(unknown, tt.unknown) {
				t.Errorf("unknown = %q, want %q", unknown, tt.unknown)
			}
		})
	}
	t.Run("ask pv pvc finds the pv and the pvc questions", func(t *testing.T) {
		topics, _ := b.ResolveAll([]string{"pv", "pvc"})
		got := titles(b.Matching(topics))
		for _, w := range append(slices.Clone(pvTitles), "简述Kubernetes PV和PVC?") {
			if !slices.Contains(got, w) {
				t.Errorf("Matching = %q lacks %q", got, w)
			}
		}
	})
}

// TestSearchTerms: the words a search counts are each distinct word once,
// as first typed, up to the most Search reads.
func TestSearchTerms(t *testing.T) {
	if got := bank.SearchTerms([]string{"Pod", "pod", "ＰＯＤ", "etcd"}); !slices.Equal(got, []string{"Pod", "etcd"}) {
		t.Errorf("SearchTerms = %q, want [Pod etcd]", got)
	}
	many := strings.Fields("a b c d e f g h i j")
	if got := bank.SearchTerms(many); !slices.Equal(got, many[:8]) {
		t.Errorf("SearchTerms of 10 words = %q, want the first 8", got)
	}
}
