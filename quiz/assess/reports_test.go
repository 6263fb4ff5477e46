package assess_test

import (
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// reportCase is a typed answer a tester reported, against the shipped bank,
// with the verdict it should get: its grade, how many points it covers,
// the points (by index) it must not cover, those it must show as named but
// not explained, and those it must show missed (neither covered nor named).
type reportCase struct {
	id, answer string
	grade      srs.Grade
	covered    int
	notCovered []int
	named      []int
	missed     []int
}

// TestTesterReports: answers a tester typed in the console, each given a
// verdict it should not have had (credit for a wrong claim, a right answer
// marked down).
func TestTesterReports(t *testing.T) {
	checkReports(t, assess.FromBank(testkit.ShippedBank(t)), []reportCase{
		// The kubelet's built-in cAdvisor collects; Metrics Server pulls
		// from the kubelets (the reference answer led with Metrics Server).
		{id: "sqasth", answer: "cAdvisor, which is built into the kubelet; metrics-server then collects from the kubelet", grade: srs.Good, covered: 2},
		{id: "sqasth", answer: "kubelet 内置的 cAdvisor 采集节点和容器的资源使用，metrics server 从各个 kubelet 拉取指标", grade: srs.Good, covered: 2},
		// PID is shared only with shareProcessNamespace: an answer that says
		// it is shared by default says the opposite of the point.
		{id: "gnwbad", answer: "容器默认共享 PID 命名空间，能看到彼此的进程", grade: srs.Again, covered: 0, notCovered: []int{0}, missed: []int{0}},
		{id: "gnwbad", answer: "they share the PID namespace by default, and the filesystem", grade: srs.Again, covered: 0, notCovered: []int{0}, missed: []int{0}},
		{id: "gnwbad", answer: "PID is not shared unless shareProcessNamespace is true; they share the network namespace, one IP and port range; IPC, SystemV IPC or POSIX message queues; UTS, so one hostname and volumes defined at the pod level", grade: srs.Good, covered: 5},
		{id: "gnwbad", answer: "PID 命名空间默认不共享，设置 shareProcessNamespace: true 后容器共享 PID 命名空间，能看到彼此的进程", grade: srs.Again, covered: 1},
		{id: "gnwbad", answer: "the PID namespace is shared only with shareProcessNamespace: true, then containers see each other's processes", grade: srs.Again, covered: 1},
		{id: "gnwbad", answer: "PID is not shared by default, only with shareProcessNamespace: true can containers see each other's processes; they share the network namespace, so one IP and port space; IPC, so they can talk over SystemV IPC or POSIX message queues; UTS, so one hostname; and volumes defined at the pod level", grade: srs.Good, covered: 5},
		{id: "f3kqcu", answer: "httpGet sends an HTTP request to the container's port and path, a status from 200 to 399 is success; exec runs a command in the container, exit code 0 is healthy; tcpSocket opens a TCP connection to the port, success if it connects; grpc calls the gRPC health checking protocol, SERVING is healthy", grade: srs.Good, covered: 4},
		{id: "f3kqcu", answer: "httpGet：向容器的 IP、端口和路径发 HTTP 请求，返回码 200 到 399 算成功；exec：在容器里执行命令，退出码为 0 表示健康；tcpSocket：和容器端口建立 TCP 连接，能连上就成功；grpc：按 gRPC 健康检查协议调用，返回 SERVING 表示成功", grade: srs.Good, covered: 4},
		// A TCP connection is what tcpSocket opens (the point said 链接,
		// a typo, and the table knew no connection).
		{id: "f3kqcu", answer: "tcpSocket opens a TCP connection to the port; exec runs a command, exit 0 is healthy", grade: srs.Hard, covered: 2},
		{id: "f3kqcu", answer: "Four: httpGet makes an HTTP request and checks the status code; exec runs a command and checks the exit code is 0; tcpSocket checks whether the port accepts a TCP connection; grpc calls the gRPC health check", grade: srs.Good, covered: 4},
		{id: "f3kqcu", answer: "四种：httpGet 发 HTTP 请求看状态码；exec 执行命令看退出码是否为 0；tcpSocket 看端口能不能连上；grpc 调用健康检查接口", grade: srs.Good, covered: 4},
		// Recycle is no default: Delete's point says dynamic volumes default
		// to it, and Recycle, which the reference names outside its points,
		// is what "which is the default" is said of.
		{id: "547ifb", answer: "Retain, Delete, and Recycle which is the default", grade: srs.Again, covered: 0, notCovered: []int{1}},
		{id: "547ifb", answer: "Retain 保留，Delete 删除，Recycle 是默认的", grade: srs.Again, covered: 0, notCovered: []int{1}},
		{id: "547ifb", answer: "Retain keeps the PV for manual cleanup; Delete deletes the volume with the PVC and is the default for dynamic volumes; Recycle is deprecated", grade: srs.Good, covered: 2},
		// The shared namespaces and volumes, named in a list, are each
		// named and none explained, volumes too (said alone, volumes
		// covered its point, but not after UTS and); a bare list of names
		// gets Again, as the labelled sets have it.
		{id: "gnwbad", answer: "they share network, IPC, UTS and volumes", grade: srs.Again, covered: 0, named: []int{1, 2, 3, 4}},
		{id: "gnwbad", answer: "共享网络、IPC、UTS 和存储卷", grade: srs.Again, covered: 0, named: []int{1, 2, 3, 4}},
		{id: "gnwbad", answer: "network and volumes", grade: srs.Again, covered: 0, named: []int{4}},
		// Said with what each shares, every point is covered, volumes after
		// an "and" too.
		{id: "gnwbad", answer: "PID is not shared by default, only with shareProcessNamespace: true; containers share the network namespace, so one IP and port range; the IPC namespace, so they can use SystemV IPC or POSIX message queues; the UTS namespace, so one hostname, and volumes defined at the pod level", grade: srs.Good, covered: 5},
		{id: "gnwbad", answer: "PID 命名空间默认不共享，设置 shareProcessNamespace: true 后才能看到彼此的进程；共享网络命名空间，同一个 IP 和端口范围；IPC 命名空间可以用消息队列通信；UTS 命名空间共享主机名，和 Pod 级别定义的存储卷", grade: srs.Good, covered: 5},
		// The corrected scheduler points are named by all their bracket
		// holds (过滤（Filtering，旧称预选 Predicates）): filtering is the
		// first point's name, not a word two points share.
		{id: "uyjxcq", answer: "filtering removes the nodes that do not fit, then scoring ranks the remaining nodes and picks the highest", grade: srs.Good, covered: 2},
		{id: "uyjxcq", answer: "Filter and Score", grade: srs.Again, covered: 0, named: []int{0, 1}},
	})
}

// TestEnglishTesterReports: answers an English-speaking tester typed in
// the console (BOT_LANG=en), and their Chinese counterparts, each given a
// verdict it should not have had.
func TestEnglishTesterReports(t *testing.T) {
	checkReports(t, assess.FromBank(testkit.ShippedBank(t)), []reportCase{
		// A headless service has no cluster IP whichever way it is said,
		// and is used for stateful apps, StatefulSets, whose pods talk to
		// each other: "has no" says 没有 as "does not have" does.
		{id: "pol5ie", answer: "A headless service has no cluster IP; it is used for stateful apps like Kafka or Redis clusters.", grade: srs.Good, covered: 2},
		{id: "pol5ie", answer: "A headless service does not have a cluster IP; it is used for stateful apps like Kafka or Redis clusters.", grade: srs.Good, covered: 2},
		{id: "pol5ie", answer: "A headless service has no ClusterIP; it is used by StatefulSets.", grade: srs.Good, covered: 2},
		{id: "pol5ie", answer: "A headless service has no cluster IP; it is used for stateful applications where pods talk to each other directly", grade: srs.Good, covered: 2},
		{id: "pol5ie", answer: "无头服务没有clusterIP。适合有状态服务", grade: srs.Good, covered: 2},
		{id: "pol5ie", answer: "无头服务没有clusterIP。常用于statefulset", grade: srs.Good, covered: 2},
		// Said of no headless service, a cluster IP is no answer.
		{id: "pol5ie", answer: "A headless service has a cluster IP and load-balances", grade: srs.Again, covered: 0, notCovered: []int{0}},
		// A probe's mechanism said with what it does is covered, as the
		// reference says it (exec：在容器内执行shell命令): a command is
		// what exec runs, an HTTP request what httpGet sends.
		{id: "f3kqcu", answer: "exec runs a shell command inside the container.", grade: srs.Again, covered: 1},
		{id: "f3kqcu", answer: "exec executes a command in the container", grade: srs.Again, covered: 1},
		{id: "f3kqcu", answer: "httpGet sends an HTTP GET request to the pod", grade: srs.Again, covered: 1},
		{id: "f3kqcu", answer: "exec runs a command in the container, httpGet sends an HTTP GET request to the pod, tcpSocket opens a TCP connection to the port", grade: srs.Hard, covered: 3, missed: []int{3}},
		{id: "f3kqcu", answer: "exec、httpGet、tcpSocket", grade: srs.Again, covered: 0, named: []int{0, 1, 2}},
		// always and never are adverbs in running lower case, said in
		// another policy's clause or negating it: the policies Always and
		// Never only capitalised or heading their clause.
		{id: "eg5jaa", answer: "OnFailure is the default and always restarts.", grade: srs.Again, covered: 0, notCovered: []int{0}},
		{id: "eg5jaa", answer: "Always is never the default; OnFailure is the default.", grade: srs.Again, covered: 0, notCovered: []int{0}, missed: []int{2}},
		{id: "eg5jaa", answer: "Always restarts only on failure; OnFailure is the default and always restarts; Never restarts once.", grade: srs.Again, covered: 0},
		{id: "eg5jaa", answer: "OnFailure restarts always, even after success.", grade: srs.Again, covered: 0, notCovered: []int{0}, missed: []int{0}},
		{id: "eg5jaa", answer: "Always: the container is always restarted when it exits, the default. OnFailure: restarted only on a non-zero exit code. Never: it is never restarted.", grade: srs.Good, covered: 3},
		{id: "eg5jaa", answer: "always restarts the container whenever it exits and is the default; onfailure restarts it on a non-zero exit code; never does not restart it", grade: srs.Good, covered: 3},
	})
}

// TestKeywordListsAgreeWithTheirPoints: an answer flagged as a keyword
// list covers no point, so that its count, its points and its grade say
// the same; short answers that say something of each term they name,
// rightly or wrongly, are no lists, and lists typed as keywords are, one
// term among them or not (a tester: ✅ on points of an answer graded
// Again as a list; ⚠️ "只罗列术语" on meanings swapped, 0/4).
func TestKeywordListsAgreeWithTheirPoints(t *testing.T) {
	s := assess.FromBank(testkit.ShippedBank(t))
	for _, c := range []struct {
		id, answer string
		list       bool
		grade      srs.Grade
		covered    int
	}{
		{"gzrv43", "RWO 多节点读写；ROX 单节点读写；RWX 多节点只读；RWOP 多个Pod只读", false, srs.Again, 0},
		{"gzrv43", "RWO：多节点读写；ROX：单节点读写；RWX：多节点只读", false, srs.Again, 0},
		{"rc2ds6", "available: pv可用", false, srs.Again, 1},
		{"pol5ie", "无头服务没有clusterIP。适合有状态服务", false, srs.Good, 2},
		{"ndequz", "DaemonSet 每个节点 日志收集 监控", true, srs.Again, 0},
		{"vzlhv7", "kubectl scale replicas 副本数 扩容 缩容", true, srs.Again, 0},
		{"2qtxkp", "init container 初始化容器 顺序 先于 成功", true, srs.Again, 0},
		{"jjt7uv", "Service Endpoint kube-proxy Pod IP 端口 iptables 负载均衡 接入点 网络代理", true, srs.Again, 0},
		{"vzlhv7", "扩容 Deployment 副本 kubectl scale 副本 Deployment", true, srs.Again, 0},
		// A point's gloss of its name is the name again; another's is
		// said wrongly of it.
		{"547ifb", "Retain 保留，Delete 删除", true, srs.Again, 0},
		{"547ifb", "Retain 删除，Delete 保留", false, srs.Again, 0},
		// A sentence with an adverb in it, not a list of policies.
		{"eg5jaa", "OnFailure restarts always, even after success.", false, srs.Again, 0},
	} {
		res := score(t, s, c.id, c.answer)
		if res.Flags.Has(assess.KeywordList) != c.list || res.Grade != c.grade || res.Covered != c.covered {
			t.Errorf("%s %q: %v %d/%d [%v], want %v %d, keyword list %v", c.id, c.answer, res.Grade, res.Covered, res.Scored, res.Flags, c.grade, c.covered, c.list)
		}
	}
}

// checkReports scores each case's answer and checks its verdict.
func checkReports(t *testing.T, s *assess.Scorer, cases []reportCase) {
	t.Helper()
	for _, c := range cases {
		res := score(t, s, c.id, c.answer)
		wrong := res.Grade != c.grade || res.Covered != c.covered
		for _, i := range c.notCovered {
			wrong = wrong || res.Points[i].Covered
		}
		for _, i := range c.named {
			wrong = wrong || res.Points[i].Covered || !res.Points[i].Named
		}
		for _, i := range c.missed {
			wrong = wrong || res.Points[i].Covered || res.Points[i].Named
		}
		if wrong {
			t.Errorf("%s %q: %v %d/%d, want %v %d with points %v not covered, %v named and %v missed", c.id, c.answer, res.Grade, res.Covered, res.Scored, c.grade, c.covered, c.notCovered, c.named, c.missed)
			for _, p := range res.Points {
				t.Logf("    covered=%v %v: %s", p.Covered, p.Evidence, p.Text)
			}
		}
	}
}
