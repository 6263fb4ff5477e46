package bank_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
)

var idPattern = regexp.MustCompile(`^[a-z2-7]{6}$`)

// idsByTitle parses a bank and maps each title to its ID.
func idsByTitle(t *testing.T, src string) map[string]string {
	t.Helper()
	b := testkit.ParseBank(t, src)
	out := map[string]string{}
	for _, q := range b.Questions() {
		out[q.Title] = q.ID
	}
	return out
}

func TestQuestionIDs(t *testing.T) {
	b := testkit.ShippedBank(t)
	src := string(shippedSource(t))
	original := idsByTitle(t, src)
	preamble, sections, _ := splitBank(src)

	t.Run("every ID is 6 characters of lower-case letters and 2-7", func(t *testing.T) {
		if bank.IDLength != 6 {
			t.Errorf("IDLength = %d", bank.IDLength)
		}
		for _, q := range b.Questions() {
			if !idPattern.MatchString(q.ID) {
				t.Errorf("%q has ID %q", q.Title, q.ID)
			}
		}
	})

	t.Run("all 52 IDs are distinct and each finds its question", func(t *testing.T) {
		seen := map[string]string{}
		for _, q := range b.Questions() {
			if prev, ok := seen[q.ID]; ok {
				t.Errorf("%q and %q share ID %q", prev, q.Title, q.ID)
			}
			seen[q.ID] = q.Title
			if got, ok := b.ByID(q.ID); !ok || got != q {
				t.Errorf("ByID(%q) = %v, %v", q.ID, got, ok)
			}
			if got, ok := b.ByID(strings.ToUpper(q.ID)); !ok || got != q {
				t.Errorf("ByID(%q) does not ignore case", strings.ToUpper(q.ID))
			}
		}
		if len(seen) != 52 {
			t.Errorf("%d distinct IDs, want 52", len(seen))
		}
		if _, ok := b.ByID("zzzzzz"); ok {
			t.Error("ByID found a question for an unknown ID")
		}
	})

	t.Run("an ID is what QuestionID gives for the title", func(t *testing.T) {
		for _, q := range b.Questions() {
			if id := bank.QuestionID(q.Title); id != q.ID {
				t.Errorf("QuestionID(%q) = %q, question has %q", q.Title, id, q.ID)
			}
		}
	})

	sameIDs := func(t *testing.T, got map[string]string, skip ...string) {
		t.Helper()
		for title, id := range original {
			if slices.Contains(skip, title) {
				continue
			}
			if got[title] != id {
				t.Errorf("%q: ID %q became %q", title, id, got[title])
			}
		}
	}

	t.Run("reordering the questions changes no ID", func(t *testing.T) {
		reversed := slices.Clone(sections)
		slices.Reverse(reversed)
		// The last section has no final line end; keep every answer apart.
		for i := range reversed {
			reversed[i].body = append(slices.Clone(reversed[i].body), "")
		}
		got := idsByTitle(t, joinBank(preamble, reversed))
		if len(got) != 52 {
			t.Fatalf("reordered bank has %d questions", len(got))
		}
		sameIDs(t, got)
	})

	t.Run("editing another question's answer changes no ID", func(t *testing.T) {
		edited := slices.Clone(sections)
		edited[8].body = []string{"", "完全不同的答案。", ""}
		edited[20].body = append(slices.Clone(edited[20].body), "补充一段。", "")
		sameIDs(t, idsByTitle(t, joinBank(preamble, edited)))
	})

	t.Run("editing another question's title changes only that question's ID", func(t *testing.T) {
		edited := slices.Clone(sections)
		oldTitle := strings.TrimPrefix(edited[8].heading, "# ")
		edited[8].heading = "# pod的重启策略（restartPolicy）有哪些？"
		got := idsByTitle(t, joinBank(preamble, edited))
		sameIDs(t, got, oldTitle)
		if got["pod的重启策略（restartPolicy）有哪些？"] == original[oldTitle] {
			t.Error("a reworded title kept its old ID")
		}
	})

	t.Run("white space and case in a question's own title do not change its ID", func(t *testing.T) {
		edited := slices.Clone(sections)
		edited[0].heading = "#    KUBECTL   创建 pod\t背后到底发生了什么？   "
		edited[36].heading = "# k8s 资源限制 qos？"
		got := testkit.ParseBank(t, joinBank(preamble, edited))
		for i, want := range map[int]string{0: "kubectl 创建 Pod 背后到底发生了什么？", 36: "K8S 资源限制 QoS？"} {
			if q := got.Questions()[i]; q.ID != original[want] {
				t.Errorf("%q has ID %q, want %q as for %q", q.Title, q.ID, original[want], want)
			}
		}
		sameIDs(t, idsByTitle(t, joinBank(preamble, edited)), "kubectl 创建 Pod 背后到底发生了什么？", "K8S 资源限制 QoS？")
	})
}

func TestQuestionID(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"case does not matter", "Pod是什么？", "POD是什么？", true},
		{"leading and trailing spaces do not matter", "  pod是什么？ ", "pod是什么？", true},
		{"runs of spaces and tabs count as one space", "kube-proxy \t 原理?", "kube-proxy 原理?", true},
		{"a full-width space counts as a space", "kube-proxy\u3000原理?", "kube-proxy 原理?", true},
		{"different words give different IDs", "pv的访问模式有哪几种", "pv的回收策略有哪几种", false},
		{"a space between words is not nothing", "kube proxy", "kubeproxy", false},
		{"a full-width question mark is a question mark", "kube-proxy原理？", "kube-proxy原理?", true},
		{"full-width brackets and commas are half-width ones", "kubelet的功能、作用是什么？（重点，经常会问）", "kubelet的功能、作用是什么?(重点,经常会问)", true},
		{"full-width letters are letters", "ＰＯＤ是什么", "pod是什么", true},
		{"different punctuation still differs", "pod是什么?", "pod是什么!", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ia, ib := bank.QuestionID(tt.a), bank.QuestionID(tt.b)
			if !idPattern.MatchString(ia) || !idPattern.MatchString(ib) {
				t.Fatalf("IDs %q, %q are malformed", ia, ib)
			}
			if (ia == ib) != tt.same {
				t.Errorf("QuestionID(%q) = %q, QuestionID(%q) = %q; same = %v, want %v", tt.a, ia, tt.b, ib, ia == ib, tt.same)
			}
		})
	}
}

// shippedIDs pins the ID of every shipped question, as it was before titles
// were NFKC-normalised: progress in Redis is keyed by them.
var shippedIDs = map[string]string{
	"7zfbrl": "kubectl 创建 Pod 背后到底发生了什么？",
	"3d7yhx": "pod的终止过程",
	"etct4v": "kubelet的功能、作用是什么？（重点，经常会问）",
	"6vsuds": "k8s中命名空间的作用是什么？",
	"vfrah2": "Kubernetes Proxy API作用",
	"tm32lf": "pod是什么？",
	"fb5wb7": "pod的原理是什么？",
	"qgwjok": "pod有什么特点",
	"eg5jaa": "pod的重启策略有哪些？",
	"qyrlyz": "pod的生命周期有哪几种？",
	"dnvema": "pod一直处于pending状态一般有哪些情况，怎么排查？",
	"t5acpt": "k8s针对pod资源对象的健康监测机制?",
	"gnwbad": "pod的共享资源？",
	"2ttgpg": "pause容器作用是什么？",
	"t6jswa": "pod的定义中有个command和args参数",
	"dbbtvx": "标签及标签选择器是什么，如何使用？",
	"wh5dmb": "就绪探针（ReadinessProbe探针）与存活探针（livenessProbe探针）区别是什么？",
	"f3kqcu": "探针执行方式",
	"v4nchm": "service的域名解析格式、pod的域名解析格式",
	"f7r2ss": "service的类型有哪几种",
	"jjt7uv": "service、endpoint、kube-proxys三种的关系是什么？",
	"pol5ie": "无头service和普通的service有什么区别，无头service使用场景是什么？",
	"vzlhv7": "deployment怎么扩容或缩容？",
	"cd4vyt": "deployment的更新升级策略有哪些？",
	"dd4i5s": "简述一下deployment的更新过程?",
	"mn4i5u": "deployment的回滚使用什么命令",
	"anvw3q": "存储卷分类，作用分别是什么?",
	"gzrv43": "pv的访问模式有哪几种",
	"547ifb": "pv的回收策略有哪几种",
	"rc2ds6": "在pv的生命周期中，一般有几种状态",
	"ndequz": "DaemonSet资源对象的特性？",
	"6m2ng7": "如何停机维护又不能影响业务应用",
	"6yurox": "etcd集群节点可以设置为偶数个吗，为什么要设置为奇数个呢？",
	"bctqeu": "etcd集群节点之间是怎么同步数据的？",
	"nf2xhi": "kube-proxy原理?",
	"bujlqv": "简述kube-proxy ipvs和iptables的异同?",
	"vxzt4d": "K8S 资源限制 QoS？",
	"2eevxp": "k8s数据持久化的方式有哪些？",
	"gswu4o": "K8s中镜像的下载策略是什么？",
	"sqasth": "kubelet 监控 Node 节点资源使用是通过什么组件来实现的？",
	"2z7hg6": "kubernetes服务发现？",
	"3ln5ji": "简述ETCD及其特点?",
	"2qtxkp": "简述Kubernetes初始化容器（init container）?",
	"smzjw3": "简述Kubernetes自动扩容HPA机制?",
	"br34gb": "简述Kubernetes Service分发后端的策略?",
	"b6o7hm": "简述Kubernetes Scheduler作用及实现原理?",
	"uyjxcq": "简述Kubernetes Scheduler使用哪两种算法将Pod绑定到worker节点",
	"brsqb5": "简述Kubernetes准入机制?",
	"k7vk4r": "简述Kubernetes网络模型?",
	"q32toc": "简述Kubernetes CNI模型?",
	"ntqydn": "简述Kubernetes PV和PVC?",
	"p4ajua": "简述Kubernetes CSI模型?",
}

func TestShippedIDs(t *testing.T) {
	b := testkit.ShippedBank(t)
	t.Run("every shipped question keeps its ID", func(t *testing.T) {
		if len(shippedIDs) != 52 {
			t.Fatalf("%d pinned IDs", len(shippedIDs))
		}
		for id, title := range shippedIDs {
			q, ok := b.ByID(id)
			if !ok || q.Title != title {
				t.Errorf("ByID(%s) = %v, want %q", id, q, title)
			}
		}
	})
	t.Run("a shipped title typed with the other width of punctuation finds the same ID", func(t *testing.T) {
		for id, title := range shippedIDs {
			swapped := strings.NewReplacer("？", "?", "?", "？", "（", "(", "）", ")", "，", ",").Replace(title)
			if got := bank.QuestionID(swapped); got != id {
				t.Errorf("QuestionID(%q) = %s, want %s as for %q", swapped, got, id, title)
			}
		}
	})
	t.Run("the title corrected from 基数个 keeps its ID, and so does the old one", func(t *testing.T) {
		for _, title := range []string{"etcd集群节点可以设置为偶数个吗，为什么要设置为奇数个呢？", "etcd集群节点可以设置为偶数个吗，为什么要设置为基数个呢？"} {
			if got := bank.QuestionID(title); got != "6yurox" {
				t.Errorf("QuestionID(%q) = %s", title, got)
			}
		}
	})
	t.Run("two titles that differ only in punctuation width are one question twice", func(t *testing.T) {
		qs, err := bank.Parse("dup.md", []byte("# pod是什么？\n\na\n\n# pod是什么?\n\nb\n"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = bank.New(qs)
		if be := asBankError(t, err); be.Line != 5 || !strings.Contains(be.Msg, "duplicate question") {
			t.Errorf("error = %v", err)
		}
	})
}

func TestByID(t *testing.T) {
	b := testkit.ShippedBank(t)
	want, _ := b.ByID("tm32lf")
	for _, typed := range []string{"tm32lf", "TM32LF", " tm32lf ", "ｔｍ３２ｌｆ", "ＴＭ３２ＬＦ"} {
		if q, ok := b.ByID(typed); !ok || q != want {
			t.Errorf("ByID(%q) = %v, %v", typed, q, ok)
		}
	}
	for _, typed := range []string{"", "tm32l", "tm32lff", "pv"} {
		if q, ok := b.ByID(typed); ok {
			t.Errorf("ByID(%q) = %q", typed, q.Title)
		}
	}
}

func TestLooksLikeID(t *testing.T) {
	b := testkit.ShippedBank(t)
	for s, want := range map[string]bool{
		"1ixqdg": true,  // six letters and digits: a mistyped or stale ID
		"tm32lf": true,  // a real one
		"TM32LF": true,  // in capitals
		"bctqeo": true,  // one letter from bctqeu
		"ｂｃｔｑｅｕ": true,  // full width
		"deploy": false, // a word: a topic, or a typo of one
		"probes": false,
		"pv":     false,
		"存储":     false,
		"tm32l":  false,
		"tm-32l": false,
		"":       false,
	} {
		if got := b.LooksLikeID(s); got != want {
			t.Errorf("LooksLikeID(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNearestID(t *testing.T) {
	b := testkit.ShippedBank(t)
	checkNearestID(t, b, map[string]string{
		"gzrv4":   "gzrv43", // a character missed
		"gzrv433": "gzrv43", // one added
		"gzrv42":  "gzrv43", // one mistyped
		"ＧＺＲＶ4":   "gzrv43", // on a Chinese keyboard
		"gzrv43":  "",       // the ID itself
		"gzr":     "",       // too far
		"deploy":  "",       // a word no ID is near
		"存储":      "",
		"":        "",
	})
}

// TestNearestIDIsNoneWhenTwoAreAsNear: what is one edit from two IDs
// names neither; a guess would correct a typo to the wrong question.
func TestNearestIDIsNoneWhenTwoAreAsNear(t *testing.T) {
	qs, err := bank.Parse("near.md", []byte("# What does a pod do, part 1266?\n\na\n\n# What does a pod do, part 462?\n\nb\n"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := bank.New(qs)
	if err != nil {
		t.Fatal(err)
	}
	a, c := qs[0].ID, qs[1].ID
	if a != "wvaw4m" || c != "wvawpw" {
		t.Fatalf("the two titles' IDs are %s and %s, want wvaw4m and wvawpw (two edits apart)", a, c)
	}
	checkNearestID(t, b, map[string]string{
		"wvawpm": "",       // one edit from each
		"wvaw4":  "wvaw4m", // one edit from wvaw4m only
		"wvawp":  "wvawpw",
	})
}

// checkNearestID checks the question NearestID finds for each typed word
// ("": none).
func checkNearestID(t *testing.T, b *bank.Bank, want map[string]string) {
	t.Helper()
	for typed, id := range want {
		got := ""
		if q, ok := b.NearestID(typed); ok {
			got = q.ID
		}
		if got != id {
			t.Errorf("NearestID(%q) = %q, want %q", typed, got, id)
		}
	}
}
