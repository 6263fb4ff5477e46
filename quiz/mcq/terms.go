package mcq

// termKind is a set of technical terms of one kind: a blanked term's
// distractors are its kind's other members. family groups small kinds so
// every kind can offer three distractors.
type termKind struct {
	name   string
	family string
	terms  []string
}

// glossary lists the terms a fill-the-blank quiz may blank. Terms are
// matched as whole words, ignoring case, and shown as spelled here.
var glossary = []termKind{
	{name: "access-mode", family: "storage", terms: []string{"ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"}},
	{name: "reclaim-policy", family: "policy", terms: []string{"Retain", "Delete", "Recycle"}},
	{name: "pv-phase", family: "phase", terms: []string{"Available", "Bound", "Released", "Failed"}},
	{name: "pod-phase", family: "phase", terms: []string{"Pending", "Running", "Succeeded", "Failed", "Unknown"}},
	{name: "restart-policy", family: "policy", terms: []string{"Always", "OnFailure", "Never"}},
	{name: "pull-policy", family: "policy", terms: []string{"Always", "IfNotPresent", "Never"}},
	{name: "update-strategy", family: "policy", terms: []string{"Recreate", "RollingUpdate"}},
	{name: "rolling-parameter", family: "field", terms: []string{"maxUnavailable", "maxSurge", "minReadySeconds", "progressDeadlineSeconds"}},
	{name: "qos-class", family: "class", terms: []string{"BestEffort", "Burstable", "Guaranteed"}},
	{name: "service-type", family: "service", terms: []string{"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"}},
	{name: "probe", family: "probe", terms: []string{"LivenessProbe", "ReadinessProbe", "StartupProbe"}},
	{name: "probe-handler", family: "probe", terms: []string{"httpGet", "exec", "TCPSocket", "gRPC"}},
	{name: "volume-type", family: "storage", terms: []string{"emptyDir", "hostPath", "PersistentVolume", "configMap", "secret", "nfs"}},
	{name: "admission-plugin", family: "admission", terms: []string{"AlwaysAdmit", "AlwaysDeny", "ServiceAccount", "LimitRanger", "ResourceQuota", "NamespaceExists", "SecurityContextDeny"}},
	{name: "linux-namespace", family: "linux", terms: []string{"PID", "IPC", "UTS", "Mount", "User"}},
	{name: "component", family: "component", terms: []string{"kubelet", "kube-proxy", "kube-scheduler", "kube-apiserver", "kube-controller-manager", "etcd", "CoreDNS"}},
	{name: "consensus", family: "algorithm", terms: []string{"Raft", "Paxos", "ZAB", "Gossip"}},
	{name: "proxy-mode", family: "network", terms: []string{"iptables", "IPVS", "userspace", "nftables"}},
	{name: "plugin-interface", family: "interface", terms: []string{"CRI", "CNI", "CSI", "OCI"}},
	{name: "workload", family: "workload", terms: []string{"Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job", "CronJob"}},
	{name: "scheduling-phase", family: "algorithm", terms: []string{"Predicates", "Priorities"}},
	{name: "session-policy", family: "network", terms: []string{"RoundRobin", "SessionAffinity"}},
	{name: "metrics-source", family: "component", terms: []string{"cAdvisor", "Metrics Server", "Heapster", "Prometheus"}},
	{name: "autoscaler", family: "workload", terms: []string{"HPA", "VPA", "Cluster Autoscaler"}},
}
