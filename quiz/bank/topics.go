package bank

import (
	"sort"
	"strings"
)

// topic is one canonical topic with the words that name it in a bank's text.
type topic struct {
	name string
	// words are matched as whole words, ignoring case (a plural "s" too);
	// hanzi are matched as substrings.
	words []string
	hanzi []string
}

// topicTable lists the topics questions are tagged with. A question gets a
// topic when its title names it, or when its answer names it at least
// bodyMentions times: a passing mention does not make a question "about" it.
var topicTable = []topic{
	{name: "pod", words: []string{"pod"}},
	{name: "pv", words: []string{"pv", "persistentvolume", "persistent volume"}},
	{name: "pvc", words: []string{"pvc", "persistentvolumeclaim", "persistent volume claim"}},
	{name: "volume", words: []string{"volume", "emptydir", "hostpath"}, hanzi: []string{"存储卷", "数据卷", "持久化"}},
	{name: "csi", words: []string{"csi"}},
	{name: "cni", words: []string{"cni"}},
	{name: "cri", words: []string{"cri"}},
	{name: "etcd", words: []string{"etcd"}},
	{name: "raft", words: []string{"raft"}},
	{name: "apiserver", words: []string{"apiserver", "api-server", "kube-apiserver", "api server", "proxy api"}},
	{name: "kubectl", words: []string{"kubectl"}},
	{name: "kubelet", words: []string{"kubelet"}},
	{name: "kube-proxy", words: []string{"kube-proxy", "kubeproxy"}},
	{name: "ipvs", words: []string{"ipvs"}},
	{name: "iptables", words: []string{"iptables"}},
	{name: "service", words: []string{"service", "svc", "clusterip", "nodeport", "loadbalancer"}},
	{name: "endpoint", words: []string{"endpoint", "endpoints"}},
	{name: "dns", words: []string{"dns", "coredns", "kubedns"}, hanzi: []string{"域名", "服务发现"}},
	{name: "deployment", words: []string{"deployment"}, hanzi: []string{"滚动更新", "回滚"}},
	{name: "replicaset", words: []string{"replicaset"}},
	{name: "daemonset", words: []string{"daemonset"}},
	{name: "statefulset", words: []string{"statefulset"}, hanzi: []string{"有状态"}},
	{name: "hpa", words: []string{"hpa", "autoscaler"}, hanzi: []string{"自动扩容", "自动扩缩容"}},
	{name: "qos", words: []string{"qos", "besteffort", "burstable", "guaranteed"}},
	{name: "resources", words: []string{"limitrange", "resourcequota", "requests", "limits"}, hanzi: []string{"资源限制", "资源配额"}},
	{name: "scheduler", words: []string{"scheduler", "kube-scheduler"}, hanzi: []string{"调度"}},
	{name: "controller", words: []string{"controller", "controller-manager", "informer"}, hanzi: []string{"控制器"}},
	{name: "admission", words: []string{"admission"}, hanzi: []string{"准入"}},
	{name: "probe", words: []string{"probe", "livenessprobe", "readinessprobe", "startupprobe"}, hanzi: []string{"探针", "健康检查", "健康监测"}},
	{name: "namespace", words: []string{"namespace"}, hanzi: []string{"命名空间"}},
	{name: "label", words: []string{"label", "selector"}, hanzi: []string{"标签"}},
	{name: "image", words: []string{"image", "imagepullpolicy"}, hanzi: []string{"镜像"}},
	{name: "init-container", words: []string{"init container", "init-container", "initcontainer"}, hanzi: []string{"初始化容器"}},
	{name: "pause", words: []string{"pause"}, hanzi: []string{"根容器"}},
	{name: "lifecycle", words: []string{"lifecycle", "pending", "terminating"}, hanzi: []string{"生命周期", "终止过程"}},
	{name: "restart-policy", words: []string{"restartpolicy", "restart policy"}, hanzi: []string{"重启策略"}},
	{name: "network", words: []string{"network", "overlay"}, hanzi: []string{"网络模型", "容器网络"}},
	{name: "node", words: []string{"node", "drain", "cordon"}, hanzi: []string{"停机维护"}},
	{name: "metrics", words: []string{"metrics server", "metrics-server", "cadvisor"}, hanzi: []string{"资源监控"}},
}

// bodyMentions is how often an answer must name a topic it is tagged with
// when the title does not.
const bodyMentions = 3

// aliases maps what users type to canonical topics, beyond each topic's own
// words: broad areas in English and Chinese.
var aliases = map[string][]string{
	"storage": {"pv", "pvc", "csi", "volume"}, "存储": {"pv", "pvc", "csi", "volume"},
	"network": {"cni", "service", "kube-proxy", "network", "dns"}, "networking": {"cni", "service", "kube-proxy", "network", "dns"},
	"网络":         {"cni", "service", "kube-proxy", "network", "dns"},
	"probes":     {"probe"},
	"探针":         {"probe"},
	"调度":         {"scheduler"},
	"scheduling": {"scheduler"},
	"服务":         {"service"},
	"存储卷":        {"volume"},
	"卷":          {"volume"},
	"持久化":        {"volume", "pv", "pvc"},
	"命名空间":       {"namespace"},
	"ns":         {"namespace"},
	"标签":         {"label"},
	"labels":     {"label"},
	"镜像":         {"image"},
	"images":     {"image"},
	"初始化容器":      {"init-container"},
	"init":       {"init-container"},
	"准入":         {"admission"},
	"扩容":         {"hpa", "deployment"}, "扩缩容": {"hpa", "deployment"}, "scaling": {"hpa", "deployment"}, "autoscaling": {"hpa"},
	"deploy": {"deployment"},
	"控制器":    {"controller"},
	"健康检查":   {"probe"},
	"生命周期":   {"lifecycle"},
	"重启":     {"restart-policy"},
	"资源":     {"resources", "qos"},
	"节点":     {"node"},
	"nodes":  {"node"},
	"pods":   {"pod"},
	"容器组":    {"pod"},
	"域名":     {"dns"},
	"服务发现":   {"dns", "service"},
	"调度器":    {"scheduler"},
	"监控":     {"metrics"},
	"一致性":    {"raft", "etcd"},
}

// resolveAlias returns the canonical topics a typed word names, before
// checking which have questions.
func resolveAlias(word string) []string {
	w := strings.ToLower(strings.TrimSpace(word))
	if w == "" {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, t := range topicTable {
		if t.name == w {
			add(t.name)
		}
		for _, f := range t.words {
			if f == w || f+"s" == w {
				add(t.name)
			}
		}
		for _, h := range t.hanzi {
			if h == w {
				add(t.name)
			}
		}
	}
	for _, t := range aliases[w] {
		add(t)
	}
	return out
}

// deriveTopics tags a question with the topics its title names, and those its
// answer names at least bodyMentions times.
func deriveTopics(title, answer string) []string {
	title, answer = strings.ToLower(title), strings.ToLower(answer)
	var out []string
	for _, t := range topicTable {
		if t.mentions(title) > 0 || t.mentions(answer) >= bodyMentions {
			out = append(out, t.name)
		}
	}
	sort.Strings(out)
	return out
}

// mentions counts how often lower-case text names the topic.
func (t topic) mentions(text string) int {
	n := 0
	for _, w := range t.words {
		n += countWord(text, w)
	}
	for _, h := range t.hanzi {
		n += strings.Count(text, h)
	}
	return n
}

// countWord counts whole-word occurrences of w (or w+"s") in lower-case text.
// Word characters are ASCII letters and digits: text in other scripts, such
// as Chinese, bounds a word, so "pv的" names pv but "pvc" does not.
func countWord(text, w string) int {
	n := 0
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return n
		}
		start, end := i+j, i+j+len(w)
		if end < len(text) && text[end] == 's' {
			end++
		}
		if (start == 0 || !isWordByte(text[start-1])) && (end == len(text) || !isWordByte(text[end])) {
			n++
		}
		i = i + j + len(w)
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'
}
