package bank

import (
	"crypto/sha256"
	"encoding/base32"

	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// idEncoding is lower-case base32 without padding: letters and digits only.
var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// IDLength is the number of characters of a question ID.
const IDLength = 6

// QuestionID derives the stable ID of a question from its title. The title
// is read as typed on any keyboard (NFKC, case and runs of white space
// ignored), so "pod是什么？" and "POD是什么?" have one ID.
func QuestionID(title string) string {
	key := titleKey(title)
	if id, ok := legacyIDs[key]; ok {
		return id
	}
	sum := sha256.Sum256([]byte(key))
	return idEncoding.EncodeToString(sum[:])[:IDLength]
}

// titleKey is the form of a title its ID is derived from, and duplicates
// are found by.
func titleKey(title string) string { return textnorm.Fold(title) }

// legacyIDs keeps the IDs of the shipped bank's questions, by title key.
// Before titles were NFKC-normalised, an ID hashed the title with only case
// and spaces folded, so "？" and "?" gave different IDs. No normalisation can
// keep every shipped ID and make the two agree: the shipped titles use both
// ("pod是什么？", "kube-proxy原理?"), so whichever form "？" and "?" fold to,
// the titles written with the other would change ID, and progress in Redis
// is keyed by them. The shipped titles whose ID the new key changes keep
// their old one here (the normalisation still makes "pod是什么?" find
// "pod是什么？"). The last entry keeps the ID of the title corrected from
// "基数个" to "奇数个". TestShippedIDs pins all 52.
var legacyIDs = map[string]string{
	"kubectl 创建 pod 背后到底发生了什么?":     "7zfbrl",
	"kubelet的功能、作用是什么?(重点,经常会问)":    "etct4v",
	"k8s中命名空间的作用是什么?":               "6vsuds",
	"pod是什么?":                       "tm32lf",
	"pod的原理是什么?":                    "fb5wb7",
	"pod的重启策略有哪些?":                  "eg5jaa",
	"pod的生命周期有哪几种?":                 "qyrlyz",
	"pod一直处于pending状态一般有哪些情况,怎么排查?": "dnvema",
	"pod的共享资源?":                     "gnwbad",
	"pause容器作用是什么?":                 "2ttgpg",
	"标签及标签选择器是什么,如何使用?":             "dbbtvx",
	"就绪探针(readinessprobe探针)与存活探针(livenessprobe探针)区别是什么?": "wh5dmb",
	"service、endpoint、kube-proxys三种的关系是什么?":              "jjt7uv",
	"无头service和普通的service有什么区别,无头service使用场景是什么?":        "pol5ie",
	"deployment怎么扩容或缩容?":                                 "vzlhv7",
	"deployment的更新升级策略有哪些?":                              "cd4vyt",
	"存储卷分类,作用分别是什么?":                                     "anvw3q",
	"在pv的生命周期中,一般有几种状态":                                  "rc2ds6",
	"daemonset资源对象的特性?":                                  "ndequz",
	"etcd集群节点可以设置为偶数个吗,为什么要设置为基数个呢?":                     "6yurox",
	"etcd集群节点之间是怎么同步数据的?":                                "bctqeu",
	"k8s 资源限制 qos?":                                      "vxzt4d",
	"k8s数据持久化的方式有哪些?":                                    "2eevxp",
	"k8s中镜像的下载策略是什么?":                                    "gswu4o",
	"kubelet 监控 node 节点资源使用是通过什么组件来实现的?":                 "sqasth",
	"kubernetes服务发现?":                                    "2z7hg6",
	"简述kubernetes初始化容器(init container)?":                 "2qtxkp",
	"etcd集群节点可以设置为偶数个吗,为什么要设置为奇数个呢?":                     "6yurox",
}
