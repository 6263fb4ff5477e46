package mcq

import (
	"slices"
	"strings"
)

// termKind is a set of technical terms of one kind, such as the values of
// one field: a blanked term's distractors are its kind's other members, so
// that every option fits the sentence's grammar and only knowledge tells
// them apart.
type termKind struct {
	name string
	// family groups kinds whose terms are easily confused (restart and pull
	// policies share Always and Never): a sentence naming a term of the
	// family besides the blanked one gives too much away to be blanked.
	family string
	terms  []string
	// entity marks kinds whose terms are things with many properties in
	// common (workloads, components): most sentences about one fit several,
	// so one is blanked only where it is the sentence's subject ("kube-proxy
	// 运行在…", "CNI仅关注…").
	entity bool
	// topics, when set, are the question topics the kind belongs to: a term
	// is taken as of this kind only in a question on one of them, or in an
	// answer naming another term of the kind (gRPC is a probe handler in a
	// probe question, not in an etcd one).
	topics []string
	// alike are the kind's terms that each fit a statement saying one of
	// a set of words: a failing startup probe restarts the container as a
	// failing liveness probe does, so neither is offered as wrong beside
	// the other in a sentence saying so.
	alike []alikeTerms
	// obsolete are terms the bank still names but Kubernetes no longer
	// uses (Predicates, now Filter): never blanked, only offered as
	// distractors.
	obsolete []string
}

// alikeTerms are terms of one kind that share what a sentence saying one of
// says says of them.
type alikeTerms struct {
	terms, says []string
}

// fitsToo reports whether other, a term of k, fits prompt, the sentence
// with term blanked, as well as term: both are alike in what the sentence
// says.
func (k *termKind) fitsToo(term, other, prompt string) bool {
	lower := toLowerASCII(prompt)
	return slices.ContainsFunc(k.alike, func(a alikeTerms) bool {
		return slices.ContainsFunc(a.terms, func(t string) bool { return strings.EqualFold(t, term) }) &&
			slices.ContainsFunc(a.terms, func(t string) bool { return strings.EqualFold(t, other) }) &&
			slices.ContainsFunc(a.says, func(w string) bool { return strings.Contains(lower, toLowerASCII(w)) })
	})
}

// restarting are the words of a sentence saying that a failing probe has
// the container restarted, which liveness and startup probes both do.
var restarting = []string{"重启", "杀死", "杀掉", "restart", "kill"}

// glosses are the Chinese words that translate a term: a blank beside its
// own translation ("pv状态就会变成已释放" for Released, "早年还有 ____ 回收"
// for Recycle) gives the answer away.
var glosses = map[string][]string{
	"Recycle": {"回收"}, "Retain": {"保留"},
	"Available": {"可用"}, "Bound": {"已绑定"}, "Released": {"释放"},
}

// glossedAway reports whether prompt says a gloss of term (see glosses)
// and none of a distractor's, which would point to the answer.
func glossedAway(prompt, term string, others []string) bool {
	says := func(t string) bool {
		return slices.ContainsFunc(glosses[t], func(g string) bool { return strings.Contains(prompt, g) })
	}
	return says(term) && !slices.ContainsFunc(others, says)
}

// glossary lists the terms a fill-the-blank quiz may blank. Terms are
// matched as whole words, ignoring case, and shown as spelled here. A kind
// of three terms gives three options; the others, four.
var glossary = []termKind{
	{name: "access-mode", family: "storage", terms: []string{"ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"}},
	{name: "reclaim-policy", family: "reclaim", terms: []string{"Retain", "Delete", "Recycle"}, topics: []string{"pv", "pvc", "volume"}},
	{name: "pv-phase", family: "pv-phase", terms: []string{"Available", "Bound", "Released", "Failed", "Pending"}, topics: []string{"pv", "pvc"}},
	{name: "pod-phase", family: "pod-phase", terms: []string{"Pending", "Running", "Succeeded", "Failed", "Unknown", "Ready"}},
	{name: "restart-policy", family: "pod-policy", terms: []string{"Always", "OnFailure", "Never"}},
	{name: "pull-policy", family: "pod-policy", terms: []string{"Always", "IfNotPresent", "Never"}},
	{name: "update-strategy", family: "update", terms: []string{"Recreate", "RollingUpdate", "OnDelete"}},
	{name: "rolling-parameter", family: "update", terms: []string{"maxUnavailable", "maxSurge", "minReadySeconds", "progressDeadlineSeconds"}},
	{name: "qos-class", family: "qos", terms: []string{"BestEffort", "Burstable", "Guaranteed"}},
	{name: "service-type", family: "service", terms: []string{"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"}},
	{name: "probe", family: "probe", terms: []string{"LivenessProbe", "ReadinessProbe", "StartupProbe"},
		alike: []alikeTerms{{terms: []string{"LivenessProbe", "StartupProbe"}, says: restarting}}},
	{name: "probe-zh", family: "probe", terms: []string{"存活探针", "就绪探针", "启动探针"},
		alike: []alikeTerms{{terms: []string{"存活探针", "启动探针"}, says: restarting}}},
	{name: "probe-handler", family: "probe", terms: []string{"httpGet", "exec", "TCPSocket", "gRPC"}, topics: []string{"probe"}},
	{name: "volume-type", family: "storage", terms: []string{"emptyDir", "hostPath", "PersistentVolume", "configMap", "secret", "nfs"}, entity: true},
	{name: "admission-plugin", family: "admission", terms: []string{"AlwaysAdmit", "AlwaysDeny", "ServiceAccount", "LimitRanger", "ResourceQuota", "NamespaceExists", "SecurityContextDeny", "Priority", "PodSecurity"}, topics: []string{"admission"}},
	{name: "linux-namespace", family: "linux", terms: []string{"PID", "IPC", "UTS", "Mount", "User"}, topics: []string{"namespace", "pause"}},
	{name: "component", family: "component", terms: []string{"kubelet", "kube-proxy", "kube-scheduler", "kube-apiserver", "kube-controller-manager", "etcd", "CoreDNS"}, entity: true},
	{name: "consensus", family: "consensus", terms: []string{"Raft", "Paxos", "ZAB", "Gossip"}},
	{name: "proxy-mode", family: "proxy-mode", terms: []string{"iptables", "IPVS", "userspace", "nftables", "kernelspace"}, entity: true},
	{name: "plugin-interface", family: "interface", terms: []string{"CRI", "CNI", "CSI", "OCI"}},
	{name: "workload", family: "workload", terms: []string{"Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job", "CronJob"}, entity: true},
	{name: "scheduling-phase", family: "scheduling", terms: []string{"Predicates", "Priorities", "Preemption"}, obsolete: []string{"Predicates", "Priorities"}},
	{name: "session-policy", family: "session", terms: []string{"RoundRobin", "SessionAffinity", "LeastConnection", "Random"}},
	{name: "autoscaler", family: "autoscaler", terms: []string{"HPA", "VPA", "Cluster Autoscaler"}, entity: true},
}

// topicFamilies group a bank's canonical topics into areas: a "which
// question?" quiz's distractors come from the right question's area, so
// that every title offered is a plausible answer. A topic of no family of
// its own ("") is one every area has (kubectl, the tool for all of them).
var topicFamilies = map[string]string{
	"pv": "storage", "pvc": "storage", "volume": "storage", "csi": "storage",
	"cni": "network", "service": "network", "endpoint": "network", "dns": "network",
	"kube-proxy": "network", "ipvs": "network", "iptables": "network", "network": "network", "headless": "network",
	"deployment": "workload", "replicaset": "workload", "daemonset": "workload",
	"statefulset": "workload", "hpa": "workload", "rollout": "workload", "scaling": "workload",
	"pod": "pod", "lifecycle": "pod", "restart-policy": "pod", "probe": "pod",
	"init-container": "pod", "pause": "pod", "image": "pod", "label": "pod", "qos": "pod",
	"apiserver": "control-plane", "etcd": "control-plane", "raft": "control-plane",
	"scheduler": "control-plane", "controller": "control-plane", "admission": "control-plane",
	"security": "control-plane", "namespace": "control-plane", "resources": "control-plane", "kubectl": "",
	"kubelet": "node", "node": "node", "metrics": "node", "cri": "node",
}
