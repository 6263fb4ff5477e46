package bank

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// topic is one canonical topic with the words that name it in a bank's text.
type topic struct {
	name string
	// words are matched as whole words, ignoring case (a plural "s" too);
	// hanzi are matched as substrings. Both count in titles and answers.
	words []string
	hanzi []string
	// titleWords count in titles only: pod and node are named by nearly
	// every answer, so naming them does not make a question about them.
	titleWords []string
	// notLinuxNamespaces drops the kernel's namespaces before counting:
	// "PID 命名空间" is a Linux namespace, not a Kubernetes one.
	notLinuxNamespaces bool
	// actor marks a component or object that acts in other topics' stories
	// ("the kubelet injects…", "removed from the Service's endpoints"):
	// an answer must name it more often to be about it.
	actor bool
}

// linuxNamespaces are the kernel's namespaces in folded text, which
// Kubernetes namespaces are not.
var linuxNamespaces = regexp.MustCompile(`(pid|ipc|uts|mnt|mount|user|cgroup|net|network|网络|linux)\s*(网络)?\s*(命名空间|namespaces?)`)

// withoutLinuxNamespaces blanks the Linux namespaces out of folded text.
func withoutLinuxNamespaces(text string) string {
	if !strings.Contains(text, "命名空间") && !strings.Contains(text, "namespace") {
		return text
	}
	return linuxNamespaces.ReplaceAllString(text, " ")
}

// topicTable lists the topics questions are tagged with: see deriveTopics.
var topicTable = []topic{
	{name: "pod", titleWords: []string{"pod"}, hanzi: []string{"容器组"}},
	{name: "pv", words: []string{"pv", "persistentvolume", "persistent volume"}},
	{name: "pvc", words: []string{"pvc", "persistentvolumeclaim", "persistent volume claim"}},
	{name: "volume", words: []string{"volume", "emptydir", "hostpath"}, hanzi: []string{"存储卷", "数据卷", "持久化"}, actor: true},
	{name: "csi", words: []string{"csi"}},
	{name: "cni", words: []string{"cni"}},
	{name: "cri", words: []string{"cri"}},
	{name: "etcd", words: []string{"etcd"}, actor: true},
	{name: "raft", words: []string{"raft"}},
	{name: "apiserver", words: []string{"apiserver", "api-server", "kube-apiserver", "api server", "proxy api"}, actor: true},
	{name: "kubectl", words: []string{"kubectl"}},
	{name: "kubelet", words: []string{"kubelet"}, actor: true},
	{name: "kube-proxy", words: []string{"kube-proxy", "kubeproxy"}, actor: true},
	{name: "ipvs", words: []string{"ipvs"}},
	{name: "iptables", words: []string{"iptables"}},
	{name: "service", words: []string{"service", "svc", "clusterip", "nodeport", "loadbalancer", "externalname"}, actor: true},
	{name: "endpoint", words: []string{"endpoint", "endpointslice"}, actor: true},
	{name: "dns", words: []string{"dns", "coredns", "kubedns"}, hanzi: []string{"域名", "服务发现"}},
	{name: "deployment", words: []string{"deployment"}, actor: true},
	{name: "replicaset", words: []string{"replicaset"}},
	{name: "daemonset", words: []string{"daemonset"}, actor: true},
	{name: "statefulset", words: []string{"statefulset"}, hanzi: []string{"有状态"}},
	{name: "headless", words: []string{"headless"}, hanzi: []string{"无头"}},
	{name: "rollout", words: []string{"rollout", "rollback", "rollingupdate", "rolling update"}, hanzi: []string{"滚动更新", "滚动升级", "回滚", "升级策略", "更新策略", "更新过程"}},
	{name: "scaling", words: []string{"scale", "scaling", "autoscaling", "replicas"}, hanzi: []string{"扩容", "缩容", "扩缩容", "副本数"}},
	{name: "hpa", words: []string{"hpa", "autoscaler", "horizontal pod autoscaler"}},
	{name: "qos", words: []string{"qos", "besteffort", "burstable", "guaranteed"}},
	{name: "resources", words: []string{"limitrange", "limitranger", "resourcequota", "quota", "requests", "limits"}, hanzi: []string{"资源限制", "资源配额"}},
	{name: "scheduler", words: []string{"scheduler", "kube-scheduler"}, hanzi: []string{"调度"}, actor: true},
	{name: "controller", words: []string{"controller", "controller-manager", "informer"}, hanzi: []string{"控制器"}, actor: true},
	{name: "admission", words: []string{"admission"}, hanzi: []string{"准入"}},
	{name: "security", words: []string{"rbac", "authentication", "authorization", "authn", "authz"}, hanzi: []string{"认证", "授权", "鉴权", "安全"}},
	{name: "probe", words: []string{"probe", "livenessprobe", "readinessprobe", "startupprobe"}, hanzi: []string{"探针", "健康检查", "健康监测"}},
	{name: "namespace", words: []string{"namespace"}, hanzi: []string{"命名空间"}, notLinuxNamespaces: true, actor: true},
	{name: "label", words: []string{"label", "selector"}, hanzi: []string{"标签"}},
	{name: "image", words: []string{"image", "imagepullpolicy"}, hanzi: []string{"镜像"}},
	{name: "init-container", words: []string{"init container", "init-container", "initcontainer"}, hanzi: []string{"初始化容器"}},
	{name: "pause", words: []string{"pause"}, hanzi: []string{"根容器"}},
	{name: "lifecycle", words: []string{"lifecycle", "pending", "terminating"}, hanzi: []string{"生命周期", "终止过程"}, actor: true},
	{name: "restart-policy", words: []string{"restartpolicy", "restart policy"}, hanzi: []string{"重启策略"}},
	{name: "network", words: []string{"network", "overlay"}, hanzi: []string{"网络模型", "容器网络"}, notLinuxNamespaces: true},
	{name: "node", titleWords: []string{"node"}, words: []string{"drain", "cordon"}, hanzi: []string{"停机维护"}},
	{name: "metrics", words: []string{"metrics server", "metrics-server", "cadvisor"}, hanzi: []string{"资源监控"}},
}

// aliases maps what users type to canonical topics, beyond each topic's own
// words: broad areas in English and Chinese.
var aliases = map[string][]string{
	"storage": {"pv", "pvc", "csi", "volume"}, "存储": {"pv", "pvc", "csi", "volume"}, "储存": {"pv", "pvc", "csi", "volume"},
	"network": {"cni", "service", "kube-proxy", "network", "dns"}, "networking": {"cni", "service", "kube-proxy", "network", "dns"},
	"网络":     {"cni", "service", "kube-proxy", "network", "dns"},
	"probes": {"probe"}, "探针": {"probe"}, "健康检查": {"probe"},
	"liveness": {"probe"}, "readiness": {"probe"}, "startup": {"probe"}, "存活探针": {"probe"}, "就绪探针": {"probe"}, "启动探针": {"probe"},
	"存活": {"probe"}, "就绪": {"probe"},
	"调度": {"scheduler"}, "scheduling": {"scheduler"}, "调度器": {"scheduler"},
	"服务":  {"service"},
	"存储卷": {"volume"}, "卷": {"volume"}, "持久化": {"volume", "pv", "pvc"},
	"命名空间": {"namespace"}, "ns": {"namespace"},
	"标签": {"label"}, "labels": {"label"},
	"镜像": {"image"}, "images": {"image"},
	"初始化容器": {"init-container"}, "init": {"init-container"},
	"准入": {"admission"},
	"扩容": {"scaling", "hpa"}, "缩容": {"scaling", "hpa"}, "扩缩容": {"scaling", "hpa"}, "伸缩": {"scaling", "hpa"},
	"autoscaling": {"hpa"}, "自动扩容": {"hpa"}, "自动扩缩容": {"hpa"},
	"rollouts": {"rollout"}, "update": {"rollout"}, "升级": {"rollout"}, "更新": {"rollout"}, "发布": {"rollout"},
	"deploy": {"deployment"}, "部署": {"deployment"}, "deployments": {"deployment"},
	"持久卷": {"pv"}, "持久卷声明": {"pvc"},
	"副本集": {"replicaset"}, "守护进程集": {"daemonset"}, "守护进程": {"daemonset"}, "有状态集": {"statefulset"},
	"控制器":  {"controller"},
	"生命周期": {"lifecycle"},
	"重启":   {"restart-policy"},
	"资源":   {"resources", "qos"}, "配额": {"resources"}, "限额": {"resources"},
	"节点": {"node"}, "nodes": {"node"},
	"pods": {"pod"},
	"域名":   {"dns"}, "服务发现": {"dns", "service"},
	"监控":       {"metrics"},
	"一致性":      {"raft", "etcd"},
	"security": {"security", "admission"}, "安全": {"security", "admission"},
	"auth": {"security"}, "认证": {"security"}, "授权": {"security"}, "鉴权": {"security"},
	"headless service": {"headless"}, "无头服务": {"headless"},
	"有状态": {"statefulset", "headless"}, "statefulsets": {"statefulset", "headless"},
	"storageclass": {"pv", "pvc", "csi"}, "storage class": {"pv", "pvc", "csi"}, "存储类": {"pv", "pvc", "csi"},
}

// relatedTopics are Kubernetes words the bank has no topic for, each with
// the topics nearest it in meaning: what an unknown topic's reply suggests
// when no topic's name is close to it (ingress is no mistyping of any,
// but its questions would be service's and network's).
var relatedTopics = map[string][]string{
	"ingress": {"service", "network", "dns"}, "gateway": {"service", "network"}, "入口": {"service", "network"},
	"configmap": {"volume", "pod"}, "secret": {"volume", "security"}, "配置": {"volume", "pod"}, "密钥": {"volume", "security"},
	"networkpolicy": {"network", "cni", "security"}, "网络策略": {"network", "cni", "security"},
	"job": {"controller", "pod"}, "cronjob": {"controller", "pod"}, "任务": {"controller", "pod"},
	"taint": {"scheduler", "node"}, "toleration": {"scheduler", "node"}, "affinity": {"scheduler", "node"},
	"容忍": {"scheduler", "node"}, "亲和性": {"scheduler", "node"},
	"serviceaccount": {"security"}, "role": {"security"}, "rolebinding": {"security"},
	"crd": {"apiserver", "controller"}, "operator": {"controller"}, "helm": {"deployment"},
}

// related are the topics nearest in meaning to a folded word that names
// no topic (relatedTopics), the word typed in the plural (secrets) or in
// words (config map) too.
func related(word string) []string {
	w := strings.ReplaceAll(word, " ", "")
	if t, ok := relatedTopics[w]; ok {
		return t
	}
	return relatedTopics[strings.TrimSuffix(w, "s")]
}

// isTopic reports whether t is a canonical topic name.
func isTopic(t string) bool {
	return slices.ContainsFunc(topicTable, func(tp topic) bool { return tp.name == t })
}

// closestTopics are up to n canonical topic names close to a folded word
// (see nearTopics).
func closestTopics(word string, n int) []string {
	return nearTopics(word, n, func(string) int { return 0 })
}

// nearTopics are up to n canonical topics that a folded word may be a
// mistyping of, closest first, then those weight puts first (a negative
// weight leaves a topic out), then by name. A topic is near when a word
// that names it (its name, its words, its Chinese names, an alias) is
// within a distance of the word relative to the word's length (a third of
// its runes), or starts with it or it with the word (a Latin
// word: "daemonsets") or contains it or it the word (a word with Chinese:
// 容器 in 容器组); the two kinds are not compared with each other. A word near
// none (部署, 3题) has none: a topic far from it is no suggestion.
func nearTopics(word string, n int, weight func(topic string) int) []string {
	if word == "" || n <= 0 {
		return nil
	}
	best := map[string]int{} // topic → its nearest name's distance
	consider := func(name string, topics ...string) {
		if d, ok := nearness(word, name); ok {
			for _, t := range topics {
				if old, seen := best[t]; (!seen || d < old) && weight(t) >= 0 {
					best[t] = d
				}
			}
		}
	}
	for _, t := range topicTable {
		for _, name := range slices.Concat([]string{t.name}, t.words, t.titleWords, t.hanzi) {
			consider(name, t.name)
		}
	}
	for alias, topics := range aliases {
		consider(alias, topics...)
	}
	out := make([]string, 0, len(best))
	for t := range best {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if best[a] != best[b] {
			return best[a] < best[b]
		}
		if weight(a) != weight(b) {
			return weight(a) > weight(b)
		}
		return a < b
	})
	return out[:min(n, len(out))]
}

// isASCII reports whether s is written in ASCII alone.
func isASCII(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf })
}

// nearness is how far a folded word is from a name of a topic, and
// whether it is near enough to suggest the topic (see nearTopics).
func nearness(word, name string) (int, bool) {
	latin := isASCII(word)
	if latin != isASCII(name) {
		return 0, false
	}
	d := EditDistance(word, name)
	short, long := word, name
	if len([]rune(short)) > len([]rune(long)) {
		short, long = long, short
	}
	if len([]rune(short)) >= 2 && (latin && strings.HasPrefix(long, short) || !latin && strings.Contains(long, short)) {
		return min(d, 1), true
	}
	return d, d <= len([]rune(word))/3
}

// TopicNames are the names of the topics a typed word stands for (a
// topic's name, one of its words, an alias, English or Chinese: 无头服务
// stands for headless), each with its Chinese names, so that a search for
// the word finds what names its topics; none for a word that names no
// topic.
func TopicNames(word string) []string {
	var out []string
	for _, name := range resolveAlias(word) {
		out = append(out, name)
		for _, t := range topicTable {
			if t.name == name {
				out = append(out, t.hanzi...)
			}
		}
	}
	return out
}

// TitleNames reports whether q's title names one of topics: q is about
// it, where a question tagged from its answer alone only touches on it
// ("pod的共享资源？" on volume).
func TitleNames(q *Question, topics []string) bool {
	title := textnorm.Fold(q.Title)
	return slices.ContainsFunc(topicTable, func(t topic) bool { return slices.Contains(topics, t.name) && t.mentions(title, true) > 0 })
}

// MentionsTopic reports whether text names the topic by one of its words
// or Chinese names ("探针", "readinessProbe" for probe). Words a topic
// counts in titles only (pod, node) do not count: nearly every text names
// them.
func MentionsTopic(topic, text string) bool {
	for _, t := range topicTable {
		if t.name == topic {
			return t.mentions(textnorm.Fold(text), false) > 0
		}
	}
	return false
}

// resolveAlias returns the canonical topics a typed word names, before
// checking which have questions. The word is read as typed on any keyboard:
// NFKC, any case, any spacing; words as one word too ("kube proxy").
func resolveAlias(word string) []string {
	w := textnorm.Fold(word)
	if w == "" {
		return nil
	}
	if strings.Contains(w, " ") {
		// A name typed in words ("kube proxy", "init container", "rolling
		// update"): also as one hyphenated word, or one word.
		out := resolveOne(w)
		for _, joined := range []string{strings.ReplaceAll(w, " ", "-"), strings.ReplaceAll(w, " ", "")} {
			for _, t := range resolveOne(joined) {
				if !slices.Contains(out, t) {
					out = append(out, t)
				}
			}
		}
		return out
	}
	return resolveOne(w)
}

// resolveOne is resolveAlias of one folded spelling.
func resolveOne(w string) []string {
	var out []string
	add := func(t string) {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	for _, t := range topicTable {
		if t.name == w {
			add(t.name)
		}
		for _, f := range slices.Concat(t.words, t.titleWords) {
			if f == w || f+"s" == w {
				add(t.name)
			}
		}
		if slices.Contains(t.hanzi, w) {
			add(t.name)
		}
	}
	for _, t := range aliases[w] {
		add(t)
	}
	return out
}

// A question is tagged with a topic its title names, or one that a good part
// of its answer is about: named in at least a fifth of the answer's units
// (its automatic key points, each read with the lead-in of its list) and at
// least twice, or in at least half of them. An actor topic needs three
// mentions in a fifth of the units, or two in half of them. A passing
// mention does not make a question "about" a topic.
func aboutTopic(t topic, naming, mentions, units int) bool {
	fifth, half := naming > 0 && naming*5 >= units, naming > 0 && naming*2 >= units
	if t.actor {
		return fifth && mentions >= 3 || half && mentions >= 2
	}
	return fifth && mentions >= 2 || half
}

// deriveTopics tags a question from its title and its answer's units.
func deriveTopics(title string, units []string) []string {
	title = textnorm.Fold(title)
	folded := make([]string, len(units))
	for i, u := range units {
		folded[i] = placeholders.ReplaceAllString(textnorm.WithoutNotes(textnorm.Fold(u)), " ")
	}
	var out []string
	for _, t := range topicTable {
		if t.mentions(title, true) > 0 {
			out = append(out, t.name)
			continue
		}
		naming, mentions := 0, 0
		for _, u := range folded {
			if m := t.mentions(u, false); m > 0 {
				naming++
				mentions += m
			}
		}
		if aboutTopic(t, naming, mentions, len(folded)) {
			out = append(out, t.name)
		}
	}
	sort.Strings(out)
	return out
}

// placeholders are the variables of a format ("<namespace>" in
// "<servicename>.<namespace>.svc"): they name no topic.
var placeholders = regexp.MustCompile(`<[a-z][a-z0-9-]*>`)

// mentions counts how often folded text names the topic; title-only words
// count when inTitle.
func (t topic) mentions(text string, inTitle bool) int {
	if t.notLinuxNamespaces {
		text = withoutLinuxNamespaces(text)
	}
	n := 0
	count := func(words []string) {
		for _, w := range words {
			// Text and words are folded already: a substring test first
			// spares most whole-word counts.
			if strings.Contains(text, w) {
				n += textnorm.CountWord(text, w) + textnorm.CountWord(text, w+"s")
			}
		}
	}
	count(t.words)
	if inTitle {
		count(t.titleWords)
	}
	for _, h := range t.hanzi {
		n += strings.Count(text, h)
	}
	return n
}
