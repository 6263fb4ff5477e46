package mcq_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kubequiz/kubequiz/data"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
)

// FuzzGenerate builds a bank from arbitrary Markdown and checks that every
// question generated from it is well formed.
func FuzzGenerate(f *testing.F) {
	src, err := fs.ReadFile(data.Banks, "k8s-interview-zh.md")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(src, uint64(1))
	for i, s := range []string{
		"# A\n\n通过 Raft 协议同步数据，保证一致性。\n\n# B\n\n默认的重启策略是 Always，总会重启。\n\n# C\n\n只允许单个节点读写时用 ReadWriteOnce 模式。\n\n# D\n\n集群内部访问时使用 ClusterIP 类型。\n",
		"# Pod 是什么\n\nPods 是最小单元。\n\n# kube-proxys\n\nkube-proxy 运行在节点上，维护网络规则。\n\n# x\n\nyyyyyyyyyyyyyyyy\n\n# y\n\nzzzzzzzzzzzzzzzzzz\n",
		"# q\n\nDeployments 和 Deployment 以及 daemonsets 都是控制器的一种。\n",
		"# q\n\n____ Raft ____ 已经有空格的句子，足够长。\n",
		"# a-b\n\na-b a-b-c ab-ab ____ ReadWriteOnce-x RWO.\n\n# ab\n\nab abs a b\n\n# s\n\nss sss s\n\n# kk\n\nk kk kks\n",
		"# DaemonSet特性\n\n" + strings.Repeat("守", 155) + "DaemonSet的特点很多，这里不一一列举。\n\n# 2\n\n22222222222222\n\n# 3\n\n33333333333333\n\n# 4\n\n4444444444444444\n",
		"# q\n\n```sh\nRaft\n```\n\n> quoted Always restart policy here\n\n- ReadWriteOnce item in a list\n  - nested Bound item here\n",
		"# \xff\n\n\xfe Raft \x00 invalid bytes around a term\n",
	} {
		f.Add([]byte(s), uint64(i))
	}
	f.Fuzz(func(t *testing.T, src []byte, seed uint64) {
		b, err := bank.Load(fstest.MapFS{"fuzz.md": {Data: src}}, "fuzz.md")
		if err != nil {
			return
		}
		g := mcq.NewGenerator(b)
		for i, q := range b.Questions() {
			if i == 60 {
				break
			}
			mq, err := g.Generate(q, rng(seed, uint64(i)))
			if err != nil {
				if !errors.Is(err, mcq.ErrNoQuestion) || len(g.Formats(q)) != 0 {
					t.Fatalf("%q: %v with formats %q", q.Title, err, g.Formats(q))
				}
				continue
			}
			for _, problem := range check(b, g, q, mq) {
				t.Errorf("%q (%s): %s\nprompt %q\nchoices %q", q.Title, mq.Format, problem, mq.Prompt, mq.Choices)
			}
		}
	})
}
