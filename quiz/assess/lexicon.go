package assess

// kind says how a concept counts in an answer.
type kind uint8

const (
	// generic concepts are the nouns every Kubernetes answer uses (pod,
	// container, node, cluster): never a key point's keyword, and never
	// foreign to a question.
	generic kind = iota
	// word concepts describe (restart, read-write, single node, default):
	// they are keywords, and explanation where a clause says them of a
	// term they mean (see meanings).
	word
	// term concepts name things (ReadWriteOnce, kube-proxy, Raft,
	// 存活探针): keywords whose presence alone explains nothing, and
	// whose presence in a question not about them is counted as foreign.
	term
)

// entry is one concept of the lexicon: its forms, English and Chinese, full
// and abbreviated, the first of which names it. Latin forms match as whole
// words, whatever their case, hyphens or spaces ("kube-proxy", "kube
// proxy"), their English inflections (see stem), and, for a camel-case
// identifier, as separate words too ("ReadWriteOnce", "read write once");
// Chinese forms match as they are written.
type entry struct {
	kind  kind
	forms []string
	// asWritten: the Latin forms match only as written or in capitals
	// (see tv).
	asWritten bool
	// asSubject: the Latin forms match in lower case too where they head
	// their clause (see tp).
	asSubject bool
}

func g(forms ...string) entry { return entry{kind: generic, forms: forms} }
func w(forms ...string) entry { return entry{kind: word, forms: forms} }
func t(forms ...string) entry { return entry{kind: term, forms: forms} }

// tv is a term that is a common English word too, a value Kubernetes
// spells capitalised (Available, Delete): its Latin forms match only as
// written, or in capitals, and in lower case the word is the common one,
// which says what the value means ("Delete removes the volume").
func tv(forms ...string) entry { return entry{kind: term, forms: forms, asWritten: true} }

// tp is a policy value that is an English adverb too (Always, Never): its
// Latin forms match as written or in capitals, and in lower case where
// they head their clause, as its subject ("never: does not restart",
// "always restarts it"); elsewhere in lower case the word is the adverb,
// said in another value's clause ("OnFailure always restarts", "Always is
// never the default"), and at the head of its clause the value names it
// before any longer form ("Never restarts once" says Never restarts).
func tp(forms ...string) entry {
	return entry{kind: term, forms: forms, asWritten: true, asSubject: true}
}

// lexicon is the synonym table: one entry per concept of the shipped bank
// and of the answers people give to it. A form belongs to one entry; a
// form that names several concepts at once is a compound.
var lexicon = []entry{
	// Nouns every answer uses.
	g("pod", "pods", "容器组"),
	g("容器", "container", "containers", "业务容器", "应用容器"),
	g("k8s", "kubernetes", "kubernets", "kube"),
	g("集群", "cluster", "clusters"),
	g("节点", "node", "nodes", "worker", "worker节点", "宿主机", "主机", "host", "机器", "machine", "member", "members", "成员"),
	g("资源", "resource", "resources", "资源对象"),
	g("对象", "object", "objects"),
	g("服务", "application", "应用", "应用程序", "app", "apps", "业务"),
	g("数据", "data"),
	g("组件", "component", "components", "模块", "module"),
	g("策略", "policy", "policies", "strategy", "strategies"),
	g("类型", "type", "types", "种类", "类别", "class", "classes", "kind"),
	g("模式", "mode", "modes", "模型", "model"),
	g("功能", "function", "feature", "features", "作用"),
	g("机制", "mechanism"),
	g("方式", "方法", "way", "ways", "method"),
	g("系统", "system"),
	g("用户", "user", "users", "客户端", "client", "clients"),

	// The control plane and the path of a request.
	t("kubectl"),
	t("kube-apiserver", "apiserver", "api-server", "api server", "API服务器", "api 服务"),
	t("etcd"),
	t("kube-scheduler", "scheduler", "调度器"),
	t("kube-controller-manager", "controller manager", "控制器管理器"),
	t("kubelet"),
	t("kube-proxy", "kubeproxy"),
	t("controller", "controllers", "控制器", "控制循环", "control loop", "reconcile"),
	t("Informer", "informers", "infomer"),
	t("admission", "准入控制", "准入控制器", "准入控制链", "准入", "准入机制", "admission controller", "admission controllers", "admission control"),
	t("Initializers", "initializer"),
	t("kubeconfig"),
	t("generator", "生成器", "generators"),
	w("认证", "身份认证", "身份验证", "authentication", "authenticate", "authn"),
	w("授权", "鉴权", "authorization", "authorize", "authz", "rbac", "权限", "permission", "permissions"),
	w("验证", "校验", "validate", "validation", "验证资源"),
	w("序列化", "反序列化", "serialize", "deserialize", "serialization", "封装请求"),
	w("HTTP", "https", "rest", "rest请求", "rest接口", "http请求"),
	// Written to a store is persisted ("apiserver 把 pod 对象写入 etcd");
	// 保存 is no form, as what an object holds is no store ("endpoint 保存
	// 着 pod 的 ip").
	w("持久化", "persist", "persisted", "persistence", "持久化存储", "写入", "存入", "写进", "written to", "stored in"),
	w("缓存", "cache", "cached", "本地缓存"),
	w("控制平面", "control plane", "master", "master节点", "主节点"),
	t("CRI", "container runtime interface", "容器运行时接口"),
	w("容器运行时", "container runtime", "runtime", "docker", "containerd", "运行时"),
	t("CNI", "container network interface", "容器网络接口"),
	t("CSI", "container storage interface", "容器存储接口"),
	t("pause", "pause容器", "pause container", "根容器", "root container", "infra container", "info容器", "sandbox"),
	t("overlay", "overlay网络", "overlay network"),
	t("Metrics Server", "metrics-server"),
	t("cAdvisor"),
	t("gRPC"),
	t("TLS", "证书", "certificate", "certificates", "cert", "certs"),

	// Pod phases and termination.
	t("Pending", "挂起", "等待中"),
	tv("Running", "运行中"),
	t("Succeeded"),
	t("Unknown", "未知"),
	// Not knowing a thing's state is failing to get it: "拿不到 pod 状态"
	// says what "无法获取该pod的状态" does, its negator the phrase's own.
	w("无法获取", "拿不到", "获取不到", "取不到", "得不到", "无法获得", "无法得到", "cannot get", "can't get", "unable to get", "cannot obtain", "unable to obtain", "cannot retrieve", "unable to retrieve"),
	t("终止中", "terminating state"),
	t("preStop", "pre stop", "prestop钩子", "prestop hook"),
	w("宽限期", "grace period", "terminationgraceperiodseconds", "优雅退出", "graceful"),
	w("驱逐", "被驱逐", "evict", "evicts", "evicted", "eviction", "赶走", "驱赶"),
	w("生命周期", "lifecycle", "life cycle"),
	w("执行", "运行", "run", "runs", "ran", "running", "execute", "executes", "executed", "execution", "跑"),
	w("钩子", "hook", "hooks"),
	w("进程", "process", "processes", "子进程", "守护进程", "daemon", "僵尸进程", "zombie"),

	// Restart policy.
	t("restartPolicy", "重启策略", "restart policy"),
	tp("Always", "总是"),
	// Every time is what Always does to an image (pulls it every time),
	// not its name: "Always 每次都拉取" says what Always is, and "Never
	// 每次都拉取" says Never is Always.
	w("每次", "每次都", "every time", "each time", "whenever", "每一次"),
	// Always as an adverb, in running text (see tp): what Always does to
	// a container ("OnFailure always restarts" says OnFailure is Always).
	w("始终", "always"),
	t("OnFailure"),
	tp("Never", "从不", "从来不", "永不", "绝不"),
	w("重启", "restart", "restarts", "restarted", "restarting", "重新启动", "拉起", "拉起来", "重新拉起", "重新拉起来"),
	// Never restarting, said as an adverb, is not restarting, of whatever
	// value's clause it is in; Never is named by its value (see tp).
	w("不重启", "并不重启", "不会重启", "不会被重启", "没有重启", "never restart", "never restarted", "not restart", "not restarted", "doesn't restart", "does not restart", "don't restart", "without restarting", "no restart", "nothing restarts", "not restart anything", "not restart any"),
	w("退出", "终止", "exit", "exits", "exited", "terminate", "terminates", "terminated", "termination", "挂了", "挂掉", "crash", "crashes", "crashed", "dies", "die", "停止", "stop", "stops", "stopped"),
	// "on failure" is what OnFailure means, said in words, not its name
	// (which spelling the camel case out would make it).
	w("失败", "fail", "fails", "failed", "failure", "failing", "on failure", "异常", "abnormal", "abnormally", "出错", "error", "errors", "出问题", "没过", "不通过", "不健康", "unhealthy"),
	w("退出码", "退出状态码", "状态码", "exit code", "exit codes", "exit status", "status code", "status codes", "return code", "返回码"),
	w("非0", "不为0", "不是0", "非零", "non-zero", "nonzero", "not zero", "other than 0", "other than zero"),
	// An exit code of zero, success: what OnFailure does not restart on
	// (see opposites).
	w("0", "零", "zero", "为0", "为零", "是0", "等于0"),
	w("默认", "缺省", "default", "defaults", "默认值", "默认策略"),
	w("正常", "normal", "normally", "successfully", "正常工作", "健康", "healthy", "health"),
	w("成功", "success", "successful", "succeed", "succeeds", "passes", "pass"),

	// Image pull policy.
	t("imagePullPolicy", "镜像拉取策略", "拉取策略", "镜像下载策略", "下载策略", "pull policy", "image pull policy"),
	t("IfNotPresent"),
	t("latest", "latest标签"),
	w("镜像", "image", "images", "容器镜像", "container image"),
	w("镜像标签", "image tag", "tag", "tags"),
	w("拉取", "拉", "下载", "pull", "pulls", "pulled", "download", "downloads", "fetch", "fetches", "重新拉取", "拉镜像"),
	w("仓库", "镜像仓库", "目标仓库", "registry", "registries", "repository", "repo", "hub"),
	w("本地", "locally", "local", "本机", "本地镜像", "already on the node", "already has", "already have", "present"),
	w("没有", "不存在", "absent", "missing", "not present", "isn't present", "is not present", "doesn't have", "does not have", "doesn't already have", "has no", "have no", "with no"),
	w("禁止", "forbid", "forbids", "forbidden", "not allowed", "不拉", "拒绝", "reject", "rejects", "rejected", "deny", "denies", "denied"),
	w("允许", "放行", "allow", "allows", "allowed", "admit", "admits", "admitted", "let through", "lets through"),
	g("只", "只能", "仅", "仅当", "只有", "只允许", "仅允许", "only", "just"),

	// Probes and health checks.
	w("探针", "probe", "probes", "探测", "probing", "检测", "检查", "check", "checks", "checked", "checking", "探测结果"),
	w("健康检查", "健康监测", "健康检测", "health check", "health checks", "healthcheck", "健康监测机制"),
	t("livenessProbe", "liveness", "liveness probe", "存活探针", "存活性探针", "存活检测", "存活检查"),
	t("readinessProbe", "readiness", "readiness probe", "就绪探针", "就绪性探针", "就绪检测", "就绪检查"),
	t("startupProbe", "startup probe", "startup", "启动探针", "启动检查"),
	w("存活", "活着", "alive", "still alive", "是否存活"),
	w("就绪", "ready", "准备好", "准备就绪", "可用", "可以用", "可以使用", "能用", "available", "usable", "availability", "可用性"),
	w("启动", "start", "starts", "started", "starting", "boot", "启动完", "起来", "起新的"),
	w("慢", "缓慢", "slow", "slowly", "比较慢", "启动慢", "slow-starting"),
	w("杀死", "杀掉", "杀", "kill", "kills", "killed", "干掉", "全干掉", "强制杀掉", "强制终止", "强行终止", "强制停止", "force kill", "force killed"),
	w("创建", "新建", "create", "creates", "created", "creation", "新的", "new", "创建新的", "重新创建"),
	t("httpGet", "http get", "http请求探测"),
	t("exec", "执行命令"),
	// A command is what exec runs, said of it ("exec runs a shell
	// command"), not its name.
	w("命令", "command", "commands", "shell命令", "shell command", "shell commands"),
	t("tcpSocket", "tcp socket", "tcp连接"),

	// Services and networking.
	t("service", "services", "svc", "服务对象"),
	t("ClusterIP", "cluster ip", "集群ip", "集群 ip"),
	t("NodePort"),
	t("LoadBalancer"),
	t("ExternalName", "external name"),
	t("headless", "无头service", "无头", "headless service"),
	t("endpoint", "endpoints", "端点", "endpoint列表", "endpointslice", "endpointslices"),
	t("iptables"),
	t("IPVS", "ip virtual server"),
	t("ipset"),
	t("CoreDNS", "kubedns", "kube-dns"),
	w("负载均衡", "负载均衡器", "均衡负载", "load balancing", "load balance", "load balanced", "load balancer", "load-balances", "lb", "均衡负载器"),
	w("虚拟ip", "virtual ip", "vip"),
	w("IP", "ips", "ip地址", "ip address", "ip addresses", "地址", "address", "addresses"),
	w("端口", "port", "ports", "端口范围"),
	w("内部", "集群内部", "集群内", "internal", "inside the cluster", "within the cluster", "in-cluster", "仅供集群内部", "cluster-internal"),
	w("外部", "外面", "集群外部", "external", "externally", "outside", "对外", "外网", "outside the cluster", "外部服务"),
	w("每个节点", "每个node", "任意节点", "所有节点", "每一个节点", "每台", "every node", "each node", "all nodes", "any node", "any node's", "per node", "每个 node 上"),
	w("暴露", "expose", "exposes", "exposed", "开放", "opens", "open", "开个", "开一个"),
	w("云厂商", "公有云", "云平台", "云服务商", "cloud", "cloud provider", "云", "云环境"),
	w("公网ip", "公网ip地址", "public ip", "external ip", "公网"),
	w("域名", "dns", "domain", "domain name", "dns name", "cname", "域名解析", "dns record", "record"),
	w("映射", "引入", "引进来", "map", "maps", "mapped", "alias"),
	w("访问", "access", "accessed", "reach", "reachable", "访问地址", "connect", "connects", "connection", "connections", "连上", "连接"),
	w("接入点", "入口", "访问入口", "entry point", "access point", "统一入口", "单一入口"),
	w("不变", "固定", "稳定", "stable", "fixed", "doesn't change", "does not change", "unchanging", "不变的", "固定不变"),
	w("一组", "a set of", "set of", "a group of", "group of", "一批", "identical", "功能相同"),
	w("列表", "list", "lists", "资源列表"),
	w("关联", "associated", "associate", "corresponding", "匹配", "match", "matches", "matching"),
	w("后端", "backend", "backends", "backing", "后端pod"),
	w("维护", "maintain", "maintains", "maintained", "keeps", "up to date", "更新列表", "program", "programs", "生成"),
	// A proxy alone is what kube-proxy's name says: only a network proxy
	// describes it.
	w("网络代理", "network proxy", "透明代理", "transparent proxy"),
	w("代理", "proxy", "proxies"),
	w("规则", "rules", "rule", "网络规则", "路由规则", "转发规则"),
	w("四层", "4层", "layer 4", "l4", "tcp/udp"),
	w("监听", "监控", "监视", "监测", "watch", "watches", "watching", "watched", "monitor", "monitors", "monitoring", "观察", "observe"),
	w("变化", "变更", "改变", "change", "changes", "changed", "变动"),
	w("转发", "forward", "forwards", "forwarded", "route", "routes", "路由", "routing", "分发", "dispatch", "转"),
	w("网络", "network", "networks", "networking", "容器网络"),
	w("请求", "request", "requests", "流量", "traffic", "接流量"),
	w("标签", "label", "labels"),
	w("标签选择器", "选择器", "selector", "selectors", "label selector", "label selectors", "nodeselector"),
	w("键值对", "key-value", "key/value", "键值", "key value"),
	w("会话保持", "session affinity", "sticky"),
	t("RoundRobin", "轮询", "round robin", "round-robin"),
	// The value, apart from what it does (会话保持): RoundRobin's rival.
	t("SessionAffinity"),

	// Workloads, updates and scaling.
	t("Deployment", "deployments"),
	t("ReplicaSet", "replicasets", "replica set"),
	t("DaemonSet", "daemonsets", "守护进程集"),
	t("StatefulSet", "statefulsets", "有状态", "stateful"),
	// What a thing is for, its use case: "无头service一般用于有状态的应用场景".
	w("用于", "适合", "适用于", "适用", "常用于", "一般用于", "用在", "used for", "used by", "used in", "suits", "suited to", "suited for", "suitable for", "use case", "use cases"),
	w("相互通信", "互相通信", "彼此通信", "相互访问", "talk to each other", "talk to one another", "communicate with each other", "reach each other"),
	t("Job", "jobs", "cronjob"),
	t("Recreate", "重建更新", "重建"),
	t("RollingUpdate", "rolling update", "rolling updates", "滚动更新", "滚动升级", "rolling upgrade", "rolling"),
	t("maxSurge"),
	t("maxUnavailable"),
	w("逐个", "逐步", "一个一个", "一批一批", "分批", "gradually", "one by one", "in batches", "step by step", "incrementally", "逐渐", "逐一"),
	w("全部", "所有", "全都", "all", "一次性"),
	w("更新", "升级", "update", "updates", "updated", "upgrade", "upgrades", "rollout"),
	w("替换", "replace", "replaces", "replaced", "换掉"),
	w("中断", "停机", "downtime", "interruption", "interrupted", "服务中断"),
	w("不可用", "unavailable", "不能用"),
	w("副本", "副本数", "副本数量", "replicas", "replica", "replica count", "number of replicas", "实例数"),
	w("扩容", "缩容", "扩缩容", "扩缩", "scale", "scales", "scaled", "scaling", "伸缩", "scale out", "scale up", "scale in", "scale down", "autoscaling"),
	w("自动", "automatically", "automatic", "auto", "自动化"),
	w("回滚", "rollback", "roll back"),
	t("rollout undo", "kubectl rollout undo", "undo"),
	t("rollout history", "kubectl rollout history"),
	w("历史版本", "版本历史", "历史记录", "history", "revision", "revisions", "revision history"),
	w("查看", "view", "views", "viewed", "显示", "列出", "show", "shows", "shown"),
	t("HPA", "horizontal pod autoscaler", "autoscaler", "pod autoscaler", "水平自动扩缩容", "水平扩缩容", "水平自动扩缩"),
	t("VPA", "vertical pod autoscaler", "垂直扩容", "垂直扩缩容", "vertical scaling", "scale vertically", "scales vertically", "scaling vertically", "scaled vertically"),
	t("CPU", "cpus"),
	w("内存", "memory", "mem"),
	w("使用率", "使用量", "使用情况", "利用率", "utilization", "utilisation", "usage", "占用", "资源使用"),
	w("指标", "metrics", "metric", "性能指标", "custom metrics", "自定义指标", "资源性能指标"),
	w("采集", "收集", "collect", "collects", "collected", "collecting", "gather", "gathers", "scrape", "scrapes", "scraped"),
	w("内置", "内置的", "自带", "built-in", "built into", "builtin", "embedded", "集成在"),
	w("周期性", "周期性地", "定期", "定时", "periodically", "periodic", "regularly", "每隔", "every 15 seconds", "周期"),
	w("目标值", "目标", "target", "targets", "阈值", "threshold", "设定值", "设定的目标值"),
	w("对比", "比较", "compare", "compares", "compared", "comparison", "跟设定的"),
	w("调整", "adjust", "adjusts", "adjusted", "增加", "减少", "增减", "增加或减少", "raise", "raises", "lower", "lowers", "increase", "decrease", "reduce", "加副本", "减副本", "add", "adds", "more pods"),
	w("条件", "condition", "conditions", "满足条件", "requirement", "requirements", "fit", "fits", "fitting", "satisfy", "satisfies", "satisfied", "feasible"),
	w("minReplicas", "maxReplicas"),

	// Storage.
	t("PV", "pvs", "persistentVolume", "persistent volume", "持久卷", "持久化卷"),
	t("PVC", "pvcs", "persistentVolumeClaim", "persistent volume claim", "claim", "claims", "持久卷声明", "存储声明"),
	t("StorageClass", "storage class", "存储类"),
	w("卷", "volume", "volumes", "存储卷", "数据卷", "共享存储卷", "动态卷"),
	w("pod级别", "pod level", "pod-level", "pod 层面", "pod层面"),
	w("消息队列", "message queue", "message queues", "mq"),
	w("存储", "storage", "存储资源", "共享存储", "网络共享存储"),
	t("访问模式", "access mode", "access modes", "accessModes"),
	t("ReadWriteOnce", "rwo", "读写一次", "一次读写", "单次读写"),
	t("ReadOnlyMany", "rox", "只读多次", "多次只读"),
	t("ReadWriteMany", "rwx", "读写多次", "多次读写"),
	t("ReadWriteOncePod", "rwop"),
	w("第一个启动", "最先启动", "第一个被启动", "首先启动", "第一个起来", "最先起来", "最早启动", "first to start", "starts first", "started first", "the first container", "first container"),
	w("单个节点", "单节点", "一个节点", "单一节点", "single node", "one node", "a single node", "单台"),
	// ReadWriteOncePod's one pod, apart from one pod per node in general.
	w("单个Pod", "单个 pod", "单一pod", "单一 pod", "single pod", "a single pod", "一个pod", "一个 pod"),
	w("多个节点", "多节点", "许多节点", "多台", "many nodes", "multiple nodes", "several nodes", "多个node", "多个 node"),
	w("读写", "read-write", "read write", "rw", "可读写", "读和写", "读写方式"),
	w("只读", "read-only", "readonly", "ro", "只能读", "只能读取", "只读方式"),
	w("挂载", "挂", "mount", "mounts", "mounted", "mounting", "挂上", "挂载到", "attach", "attached"),
	t("回收策略", "reclaim policy", "persistentVolumeReclaimPolicy", "reclaimPolicy"),
	t("Retain", "保留", "留着"),
	tv("Delete"),
	w("删除", "删掉", "删", "delete", "deletes", "deleted", "deletion", "remove", "removes", "removed", "移除", "移出", "摘掉", "摘除", "踢掉", "踢出", "去掉", "taken out", "take out", "删了", "一删"),
	t("Recycle", "recycled"),
	w("一起", "连同", "一并", "同时", "连着", "跟着", "together", "together with", "along with", "as well"),
	w("回收", "reclaim", "reclaimed", "reclaiming", "reclamation", "回收资源", "自动回收", "收割", "reap", "reaps", "reaping"),
	w("手动", "手工", "manually", "manual", "by hand", "人工", "手动清理"),
	w("管理员", "administrator", "administrators", "admin", "admins", "cluster admin", "运维"),
	tv("Available"),
	tv("Bound"),
	tv("Released"),
	tv("Failed"),
	w("已释放", "released", "释放", "release"),
	w("仍然存在", "还在", "still exists", "仍存在", "still there", "保留着"),
	w("已绑定", "bound", "绑定", "bind", "binds", "binding"),
	w("后端存储", "存储后端", "底层存储", "storage backend", "backing storage", "storage asset", "存储设备", "underlying storage", "底层的存储", "云盘", "cloud disk", "disk", "aws ebs", "ebs", "gce pd", "azure disk", "cinder", "openstack cinder"),
	w("动态", "dynamic", "dynamically", "动态供应", "dynamic provisioning", "provisioned", "动态创建"),
	w("插件", "plugin", "plugins", "volume plugin"),
	w("清理", "清空", "清除", "rm -rf", "scrub", "wipe", "wipes", "清掉", "基础清除"),
	w("废弃", "弃用", "deprecated", "淘汰", "obsolete", "已经废弃"),
	t("NFS"),
	t("hostPath", "host path"),
	t("emptyDir", "empty dir", "空目录"),
	w("临时", "temporary", "ephemeral", "临时数据"),
	w("目录", "directory", "directories", "文件", "file", "files"),

	// Namespaces and isolation.
	t("namespace", "namespaces", "命名空间", "名称空间", "ns"),
	t("网络命名空间", "network namespace", "net namespace", "netns", "network命名空间", "net", "共享网络", "share network", "share the network", "shared network"),
	t("PID", "pid命名空间", "pid namespace"),
	t("IPC", "ipc命名空间", "ipc namespace"),
	t("UTS", "uts命名空间", "uts namespace"),
	w("隔离", "isolation", "isolate", "isolated", "isolates", "separate", "separates", "split", "splits", "划分", "虚拟集群", "virtual cluster", "virtual clusters"),
	w("多租户", "租户", "tenant", "tenants", "multi-tenant", "multi-tenancy", "teams", "team"),
	t("ResourceQuota", "resource quota", "资源配额", "配额", "quota", "quotas", "resourcequate"),
	t("LimitRange", "limit range"),
	t("LimitRanger"),
	t("SecurityContextDeny"),
	t("AlwaysAdmit"),
	t("AlwaysDeny"),
	t("ServiceAccount", "service account"),
	t("NamespaceExists"),
	w("环境", "environment", "environments", "多套环境"),
	w("共享", "share", "shares", "shared", "sharing"),
	w("主机名", "hostname"),
	t("localhost"),
	w("最小单元", "最小单位", "smallest unit", "smallest deployable unit", "最小部署单元", "最小资源对象", "最小的单元", "最小的单位", "最小的部署单元", "最小的调度单位", "最小调度单位", "smallest schedulable unit"),

	// Scheduling and node maintenance.
	w("调度", "schedule", "schedules", "scheduled", "scheduling", "调度到", "rescheduled", "重新调度", "place", "places", "placed", "placing", "placement"),
	t("Predicates", "predicate", "预选", "预选策略"),
	t("Priorities", "priority", "优选", "优选策略", "优先策略"),
	w("过滤", "筛选", "filter", "filters", "filtering", "过滤掉", "drop", "drops", "排除"),
	w("打分", "评分", "得分", "score", "scores", "scoring", "rank", "ranks", "ranking", "排名", "排序", "分最高", "highest-scoring"),
	w("最高", "highest", "最好", "best"),
	w("选择", "选出", "挑选", "select", "selects", "selected", "choose", "chooses", "chosen", "pick", "picks", "选", "挑", "挑一个"),
	w("资源不足", "资源不够", "资源紧张", "insufficient resources", "lack resources", "not enough resources", "resource pressure", "memory pressure", "cpu不足", "内存不足", "cpu不够", "内存不够", "not enough cpu", "not enough memory", "insufficient cpu", "insufficient memory", "run out of", "runs out of"),
	w("负载", "load"),
	w("空闲", "剩余", "free", "idle", "remaining", "富裕", "资源越富裕", "资源剩余"),
	// What the scheduler matches a pod to nodes by, named things (a
	// node's taints, a pod's tolerations and affinity), apart from a
	// Service's session affinity (会话保持).
	t("污点", "taint", "taints", "容忍度", "toleration", "tolerations"),
	t("亲和性", "亲和", "反亲和", "反亲和性", "affinity", "affinities", "anti-affinity", "node affinity", "nodeaffinity", "pod affinity", "podaffinity", "pod anti-affinity"),
	t("cordon", "不可调度", "unschedulable", "禁止调度", "不能调度", "停止调度", "kubectl cordon"),
	t("uncordon"),
	t("drain", "kubectl drain"),
	t("PodDisruptionBudget", "pdb"),
	w("除外", "除了", "except", "excluding", "excluded", "skip", "skips", "skipped", "跳过", "ignore", "ignored", "不管"),
	w("停机维护", "maintenance", "维护窗口"),

	// etcd and consensus.
	t("Raft", "raft协议", "raft算法"),
	// Other consensus and membership protocols: what etcd does not use
	// (see opposites).
	t("Paxos", "paxos协议", "paxos算法"),
	t("gossip", "gossip协议", "gossip protocol"),
	t("leader", "领导者"),
	w("选举", "选主", "election", "elect", "elected", "electing", "选leader", "选出leader", "选不出leader", "投票", "vote", "votes"),
	w("脑裂", "split brain", "split-brain"),
	w("奇数", "基数", "odd", "odd number"),
	w("偶数", "even", "even number"),
	w("过半", "半数", "过半数", "超过半数", "多数", "大多数", "majority", "quorum", "法定人数", "more than half"),
	w("容错", "容忍", "tolerate", "tolerates", "fault tolerance", "fault-tolerant", "故障"),
	w("不建议", "不推荐", "没必要", "not recommended", "shouldn't", "should not", "不要", "不应该", "avoid"),
	w("不能", "不可以", "cannot", "can't", "can not", "不行"),
	w("网络分区", "分区", "partition", "network partition", "partitions"),
	w("一致性", "一致", "consistency", "consistent", "强一致", "strong consistency"),
	w("最终一致", "最终一致性", "eventually consistent", "eventual consistency", "弱一致", "弱一致性", "weak consistency", "weakly consistent"),
	w("同步", "sync", "synchronize", "synchronise", "synchronization", "复制", "replicate", "replication", "replicated", "copy", "copies", "copied", "副本数据"),
	w("高可用", "高可用性", "high availability", "highly available", "ha"),
	w("键值存储", "key-value store", "kv store", "分布式键值存储", "distributed key-value store"),

	// The kubelet.
	w("节点管理", "node management"),
	w("pod管理", "pod management"),
	w("资源监控", "resource monitoring"),
	w("注册", "register", "registers", "registration"),
	w("汇报", "上报", "report", "reports", "reported", "报告"),
	w("状态", "status", "state", "states", "节点状态", "信息状态", "运行状态"),
	w("失联", "失去联系", "unreachable", "lost", "掉线", "offline"),
	w("文件系统", "filesystem", "file system", "磁盘"),
	w("代理程序", "agent"),
	w("日志", "日志收集", "log", "logs", "logging", "log collection", "log collector"),

	// Others of the bank.
	t("init container", "init containers", "initContainers", "初始化容器", "init容器"),
	w("顺序", "按顺序", "in order", "order", "sequentially", "sequence", "one after another"),
	w("先于", "之前", "before", "first", "提前", "in advance", "ahead of"),
	// After is no keyword: "之后从相同的客户端发起的请求" says nothing a
	// learner must say. It is read for what it contradicts (see
	// opposites).
	g("之后", "after", "以后", "afterwards"),
	w("并行", "并发", "parallel", "in parallel", "concurrently", "at the same time", "simultaneously", "同时运行", "同时执行", "同时启动", "一起运行", "一起启动"),
	w("初始化", "初始化处理", "initialise", "initialize", "initialisation", "initialization", "准备", "准备工作", "prepare", "prepares", "preparation", "setup", "set up", "setup work"),
	t("ConfigMap"),
	t("Secret", "secrets"),
	t("QoS", "quality of service", "服务质量", "服务质量等级"),
	t("BestEffort", "best effort"),
	t("Burstable"),
	t("Guaranteed"),
	w("限制", "limit", "limits", "上限", "资源限制"),
	g("设置", "指定", "set", "sets", "specify", "specifies", "specified", "配置", "configure", "configured", "定义", "define", "defined", "设了"),
	w("不设置", "没有设置", "没设", "啥也没设", "都不设", "什么都不设置", "什么都不设", "not set", "doesn't set", "unset", "no container sets", "sets no", "none", "不设", "sets nothing", "set nothing", "nothing set", "nothing is set"),
	w("相等", "等于", "equal", "equals", "一样", "same", "相同"),
	w("至少一个", "至少有一个", "at least one"),
	w("每个容器", "所有容器", "所有的容器", "every container", "all containers", "each container", "all the containers"),
	w("优先级", "优先"),
	w("环境变量", "environment variable", "environment variables", "env", "env vars"),
	w("服务发现", "service discovery", "discovery"),
	w("最小负载", "最少连接", "加权", "least connection", "least connections", "weighted"),
	w("算法", "algorithm", "algorithms"),
	w("哈希表", "hash表", "hash table", "哈希", "hash"),
	w("防火墙", "firewall"),
	w("性能", "performance", "扩展性", "scalability", "可扩展性", "高性能", "scale better"),
	w("参数", "argument", "arguments", "参数列表"),
	// The field of a container's arguments, apart from arguments in
	// general: command and args are a question's two points.
	t("args"),
	t("Dockerfile"),
	t("ENTRYPOINT", "entrypoint指令", "entrypoint instruction"),
	t("CMD", "cmd指令", "cmd instruction"),
	t("启动命令", "start command", "startup command", "launch command"),
}

// compounds are forms that name several concepts at once: "单节点读写" is
// ReadWriteOnce described, and covers its single node and read-write too.
// Each lists the first forms of its concepts. A Chinese compound made of
// the lexicon's forms is spelt with their synonyms too ("一个节点读写",
// "永不重启"; see vocabulary.respelt).
var compounds = map[string][]string{
	"单节点读写": {"readWriteOnce", "单个节点", "读写"},
	"多节点只读": {"readOnlyMany", "多个节点", "只读"},
	"多节点读写": {"readWriteMany", "多个节点", "读写"},
	"从不重启":  {"never", "不重启"},
	"从来不重启": {"never", "不重启"},
	// Never pulling is Never's forbidding the pull, Always pulling its
	// pulling every time: 从不 and 总是 name the values, and would leave
	// the pull said plainly of Never otherwise.
	"从不拉取":        {"never", "禁止"},
	"总是拉取":        {"always", "每次", "拉取"},
	"异常退出":        {"失败", "退出"},
	"获取镜像":        {"拉取", "镜像"},
	"选分最高":        {"选择", "打分", "最高"},
	"资源使用状态":      {"使用率", "状态"},
	"cpu使用率":      {"cpu", "使用率"},
	"不再转发请求":      {"转发", "请求"},
	"不设置请求":       {"不设置", "请求"},
	"no requests": {"不设置", "请求"},
	"no limits":   {"不设置", "限制"},
}

// commands are what a command does, in descriptors, for the commands named
// after their act: "kubectl drain" evicts the pods, "kubectl rollout undo"
// rolls back. Typed in full, with kubectl, and with nothing said of it, a
// command says what it does (see Scorer.commandsAlone); the bare word
// ("drain", "undo") is only a name. Each maps a first form to first forms.
var commands = map[string][]string{
	"drain":        {"驱逐"},
	"rollout undo": {"回滚"},
}

// meanings are what the main terms of the bank mean, in descriptors: said
// together with the term, they are evidence for a point that names it,
// even where the point's own text says it otherwise (a liveness probe's
// failure restarts the container). They count when an answer says them
// and are never required. Said of their term, they are explanation, not
// a list of keywords (see listLike). Each maps a first form to first
// forms.
var meanings = map[string][]string{
	"livenessProbe":    {"重启", "杀死", "存活", "失败"},
	"readinessProbe":   {"endpoint", "删除", "请求", "就绪", "不重启", "失败"}, // failing sets off either probe
	"startupProbe":     {"启动", "慢"},
	"readWriteOnce":    {"单个节点", "读写", "挂载"},
	"readOnlyMany":     {"多个节点", "只读", "挂载"},
	"readWriteMany":    {"多个节点", "读写", "挂载"},
	"readWriteOncePod": {"单个Pod", "读写", "挂载"},
	"rollout history":  {"查看"},
	"retain":           {"手动", "仍然存在", "已释放"},
	"recycle":          {"清理", "废弃"},
	"clusterIP":        {"内部", "虚拟ip", "默认"},
	"nodePort":         {"每个节点", "端口", "外部"},
	"loadBalancer":     {"云厂商", "负载均衡", "外部", "公网ip"},
	"externalName":     {"域名", "外部", "映射"},
	"recreate":         {"杀死", "删除", "中断", "创建"},
	"rollingUpdate":    {"逐个", "替换", "maxSurge", "maxUnavailable"},
	"bestEffort":       {"不设置", "驱逐"},
	"burstable":        {"至少一个", "请求", "限制"},
	"guaranteed":       {"相等", "限制", "请求"},
	"ifNotPresent":     {"本地", "没有", "拉取"},
	"available":        {"创建", "空闲"},
	"bound":            {"已绑定", "pvc"},
	"released":         {"已释放", "删除"},
	"failed":           {"失败", "回收"},
	"delete":           {"后端存储", "动态"},
	"entrypoint":       {"启动", "默认"},
	"cordon":           {"调度"},
	"drain":            {"驱逐"},
	"predicates":       {"过滤", "条件"},
	"priorities":       {"打分", "最高"},
	"hpa":              {"副本", "扩容", "指标", "cpu"},
	"pvc":              {"已绑定"}, // a claim is bound to a PV, or is not
	"raft":             {"选举", "leader", "过半", "一致性"},
	"endpoint":         {"ip", "端口", "列表"},
	"tcpSocket":        {"访问", "端口"},
	"httpGet":          {"HTTP", "请求", "退出码"},
	"exec":             {"执行", "命令", "退出码"},
	"kube-proxy":       {"iptables", "ipvs", "规则", "负载均衡", "转发"},
	"pause":            {"第一个启动"},
	"running":          {"执行"},
	"unknown":          {"无法获取", "失联", "网络"},
}

// opposite is a concept and the one that says the contrary of it.
type opposite struct {
	concept, contrary string
	// relational: the two relate a thing to another (before, after), and
	// contradict each other only said of the same things in the same
	// roles: "初始化容器在应用容器启动之后运行" contradicts "init container
	// 在应用容器启动之前", but "init 容器都成功之后，应用容器才启动" does
	// not.
	relational bool
}

// opposites are what a clause may say instead of what a point says: a
// clause that says the contrary of a point's keyword, not negated, and
// not the keyword too, contradicts the point and is no evidence for it,
// unless the point says the contrary itself. Each names first forms.
var opposites = []opposite{
	{"先于", "之后", true},
	// Started together, in parallel, one thing is not before the other:
	// "初始化容器和应用容器同时并行启动" contradicts "init container 在应用
	// 容器启动之前", but "多个 init 容器并行执行" says nothing of it.
	{"先于", "并行", true},
	{"顺序", "并行", false},
	{"一致性", "最终一致", false},
	{"raft", "paxos", false},
	{"非0", "0", false},
	{"raft", "gossip", false},
	// One node is no many: "ROX: read-only by a single node" says ROX is
	// not what its point says.
	{"单个节点", "多个节点", false},
}

// singular are the descriptors that hold of one thing of its kind alone:
// one restart policy is the default. Said of another point's subject than
// the one whose point says it, such a descriptor is wrong of that subject
// (see preparedPoint.claimsRivals). Each names a first form.
var singular = []string{"默认"}

// valueMeaning is what a value means under one policy.
type valueMeaning struct {
	policy, value string
	means         []string
}

// valueMeanings are what the values of a policy mean in a question that
// names the policy (in its title, reference answer or points): Always
// restarts a container under restartPolicy and pulls an image under
// imagePullPolicy, so neither is evidence for the other's point. They
// count as meanings do. Each names first forms.
var valueMeanings = []valueMeaning{
	{"restartPolicy", "always", []string{"重启", "退出", "默认", "始终"}},
	{"restartPolicy", "onFailure", []string{"失败", "退出", "非0", "退出码", "重启"}},
	{"restartPolicy", "never", []string{"不重启", "退出"}},
	{"imagePullPolicy", "always", []string{"拉取", "仓库", "latest", "每次"}},
	{"imagePullPolicy", "never", []string{"本地", "禁止"}},
}
