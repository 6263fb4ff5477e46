package bank_test

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

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
	b := shipped(t)

	t.Run("the pv topic is exactly the four questions whose titles name pv", func(t *testing.T) {
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
		if got := titles(b.ByTopic("pv")); !slices.Equal(got, pvTitles) {
			t.Errorf("ByTopic(pv) = %q, want %q", got, pvTitles)
		}
		if got := titles(b.Matching(b.Resolve("pv"))); !slices.Equal(got, pvTitles) {
			t.Errorf("Matching(Resolve(pv)) = %q, want %q", got, pvTitles)
		}
	})

	resolves := []struct {
		name  string
		words []string
		want  []string
	}{
		{"pv resolves to pv in any case", []string{"pv", "PV", "Pv", " pv "}, []string{"pv"}},
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
			if q := question(t, b, title); !slices.Contains(q.Topics, topic) {
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

	t.Run("an alias whose topics have no questions resolves to nothing", func(t *testing.T) {
		if got := b.Resolve("raft"); len(got) != 0 {
			t.Errorf("Resolve(raft) = %q: no shipped question is about raft", got)
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
			if len(got) != 3 || got[0] != s.first {
				t.Errorf("Suggest(%q, 3) = %q, want 3 topics starting with %q", s.word, got, s.first)
			}
		})
	}

	t.Run("suggestions are known topics, at most n, the same every time", func(t *testing.T) {
		for _, w := range []string{"xyz", "qqqq", "", "网络x"} {
			first := b.Suggest(w, 4)
			if len(first) != 4 {
				t.Errorf("Suggest(%q, 4) = %q, want 4", w, first)
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
		if b.Len() != 52 || len(b.ByTopic("pv")) != 4 {
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
			name: "a term named in the answer fewer than three times is not", title: "分布式存储", answer: "例如 etcd 和 etcd 集群。",
			wantNotIn: []string{"etcd"},
		},
		{
			name: "a term named in the answer three times is", title: "分布式存储", answer: "etcd 存数据；etcd 用 Raft；etcd 要奇数个节点。",
			want: []string{"etcd"},
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
			b := mustBank(t, "# "+tt.title+"\n\n"+tt.answer+"\n")
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
	b := shipped(t)
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := titles(b.Search(tt.words))
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
		got := b.Search([]string{"KUBELET"})
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

	t.Run("each question is found once", func(t *testing.T) {
		got := b.Search([]string{"pod"})
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
	b := shipped(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				_ = b.Search([]string{"pod", "IP"})
				_ = b.Matching(b.Resolve("存储"))
				_ = b.Suggest("pvv", 3)
				_ = b.TopicCounts()
				_, _ = b.ByID(b.Questions()[i].ID)
			}
		}()
	}
	wg.Wait()
}
