package bank_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

func TestDirectives(t *testing.T) {
	t.Run("topics: under the heading states the question's topics", func(t *testing.T) {
		q := testkit.ParseBank(t, "# 存储怎么选\n<!-- topics: PV, ｐｖｃ，csi -->\n\n看场景，etcd 不适合存大文件。\n").Questions()[0]
		if !slices.Equal(q.Topics, []string{"csi", "pv", "pvc"}) {
			t.Errorf("topics = %q", q.Topics)
		}
	})

	t.Run("the stated topics find the question", func(t *testing.T) {
		b := testkit.ParseBank(t, "# 存储怎么选\n<!-- topics: pv -->\n\n看场景。\n\n# other\n\ntext here\n")
		if got := titles(b.ByTopic("pv")); !slices.Equal(got, []string{"存储怎么选"}) {
			t.Errorf("ByTopic(pv) = %q", got)
		}
	})

	t.Run("point: directives state the key points, with their labels and keywords", func(t *testing.T) {
		q := parseOne(t, "# etcd怎么同步数据\n"+
			"<!--\npoint: 通过 Raft 协议同步数据\nlabel: Raft\nkeywords: Raft, 共识\n-->\n"+
			"<!-- point: 保证数据一致性 -->\n<!-- keywords: 一致性，consistency -->\n\n"+
			"通过Raft协议进行节点之间数据同步，保证节点之间的数据一致性\n")
		kp := q.KeyPoints
		if len(kp) != 2 {
			t.Fatalf("key points = %+v", kp)
		}
		if kp[0].Text != "通过 Raft 协议同步数据" || kp[0].Label != "Raft" || !slices.Equal(kp[0].Keywords, []string{"Raft", "共识"}) {
			t.Errorf("first = %+v", kp[0])
		}
		if kp[1].Label != "保证数据一致性" || !slices.Equal(kp[1].Keywords, []string{"一致性", "consistency"}) {
			t.Errorf("second = %+v", kp[1])
		}
		if rich.Plain(kp[1].Content) != "保证数据一致性" {
			t.Errorf("content = %#v", kp[1].Content)
		}
		if got := rich.Plain(q.Answer); strings.Contains(got, "point") || strings.Contains(got, "Raft 协议同步数据") {
			t.Errorf("directives leaked into the answer: %q", got)
		}
	})

	t.Run("keywords and a label in a bullet, at its end or right after it, are that point's", func(t *testing.T) {
		q := parseOne(t, "# 访问模式\n\n"+
			"- ReadWriteOnce：单节点读写 <!-- keywords: RWO -->\n"+
			"- ReadOnlyMany：多节点只读\n  <!--\n  label: ROX\n  keywords: ROX, 多节点只读\n  -->\n"+
			"- ReadWriteMany：多节点读写\n<!-- keywords: RWX -->\n<!-- keywords: 多节点读写 -->\n")
		kp := q.KeyPoints
		if len(kp) != 3 {
			t.Fatalf("key points = %+v", kp)
		}
		want := [][]string{{"RWO"}, {"ROX", "多节点只读"}, {"RWX", "多节点读写"}}
		for i, w := range want {
			if !slices.Equal(kp[i].Keywords, w) {
				t.Errorf("point %d keywords = %q, want %q", i, kp[i].Keywords, w)
			}
		}
		if kp[0].Label != "ReadWriteOnce" || kp[1].Label != "ROX" {
			t.Errorf("labels = %q, %q", kp[0].Label, kp[1].Label)
		}
		if kp[0].Text != "ReadWriteOnce：单节点读写" {
			t.Errorf("an inline directive shows in the point: %q", kp[0].Text)
		}
	})

	t.Run("keywords right after a paragraph that follows a list are the paragraph's, not the last bullet's", func(t *testing.T) {
		q := parseOne(t, "# 停机维护\n\n- 设置不可调度 <!-- keywords: cordon -->\n- 驱逐pod\n<!-- keywords: drain -->\n\n维护完成后恢复调度。\n<!-- keywords: uncordon -->\n")
		kp := q.KeyPoints
		if len(kp) != 3 {
			t.Fatalf("key points = %+v", kp)
		}
		want := [][]string{{"cordon"}, {"drain"}, {"uncordon"}}
		for i, w := range want {
			if !slices.Equal(kp[i].Keywords, w) {
				t.Errorf("point %d (%q) keywords = %q, want %q", i, kp[i].Text, kp[i].Keywords, w)
			}
		}
	})

	t.Run("ordinary comments are no directives", func(t *testing.T) {
		q := parseOne(t, "# q\n<!-- TODO: 补充 -->\n\n- a point <!-- 注意：这里要改 -->\n- b point\n\n<!-- note: later -->\n")
		if len(q.KeyPoints) != 2 || q.KeyPoints[0].Keywords != nil || q.KeyPoints[0].Text != "a point" {
			t.Errorf("key points = %+v", q.KeyPoints)
		}
	})

	refused := []struct {
		name string
		src  string
		line int
		msg  string
	}{
		{"an unknown topic", "# q\n<!-- topics: pv, kafka -->\n\nanswer\n", 2, `"kafka" is not a known topic`},
		{"no topics", "# q\n<!-- topics: -->\n\nanswer\n", 2, "empty topic"},
		{"topics after the answer began", "# q\n\nanswer\n\n<!-- topics: pv -->\n", 5, "right under the question's heading"},
		{"topics twice", "# q\n<!-- topics: pv -->\n<!-- topics: pvc -->\n\nanswer\n", 3, "twice"},
		{"topics in a bullet", "# q\n\n- a point\n  <!-- topics: pv -->\n", 4, "not in a bullet"},
		{"topics with a point in one comment", "# q\n<!--\ntopics: pv\npoint: x\n-->\n\nanswer\n", 3, "comment of its own"},
		{"a directive without its colon", "# q\n\n- a point\n  <!-- keywords RWO -->\n", 4, "no colon"},
		{"a misspelt directive", "# q\n\n- a point\n  <!-- keyword: RWO -->\n", 4, `did you mean "keywords"`},
		{"a line a directive does not know", "# q\n<!--\npoint: x\nweight: 2\n-->\n\nanswer\n", 4, "not understood"},
		{"an empty keyword", "# q\n\n- a point\n  <!-- keywords: RWO,, ROX -->\n", 4, "empty keyword"},
		{"a label too long", "# q\n\n- a point\n  <!-- label: " + strings.Repeat("长", 49) + " -->\n", 4, "more than 48"},
		{"a point in a bullet", "# q\n\n- a point\n  <!-- point: x -->\n", 4, "not in a bullet"},
		{"keywords before any point", "# q\n<!-- keywords: x -->\n\n- a point\n", 2, "follows no key point"},
		{"keywords on an empty bullet", "# q\n\n- 控制循环：\n  <!-- keywords: x -->\n- a point\n", 4, "empty"},
		{"keywords in a bullet of a question that states its points", "# q\n<!-- point: x -->\n\n- a point\n  <!-- keywords: y -->\n", 5, "states its key points"},
		{"a directive in a block quote", "# q\n\n> quoted\n> <!-- keywords: x -->\n", 4, "not inside a blockquote"},
		{"a directive before the first question", "<!-- topics: pv -->\n\n# q\n\nanswer\n", 1, "before the first question"},
		{"a comment in a title", "# q <!-- topics: pv -->\n\nanswer\n", 1, "comment in a question's title"},
	}
	for _, tt := range refused {
		t.Run(tt.name+" is refused at its line", func(t *testing.T) {
			qs, err := bank.Parse("bank.md", []byte(tt.src))
			if qs != nil {
				t.Errorf("questions %q returned", titles(qs))
			}
			be := asBankError(t, err)
			if be.File != "bank.md" || be.Line != tt.line || !strings.Contains(be.Msg, tt.msg) {
				t.Errorf("error = %v, want one at bank.md:%d about %q", err, tt.line, tt.msg)
			}
		})
	}
}

func TestTheREADMEExampleIsABank(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "**Authoring directives**")
	if !ok {
		t.Fatal("the README has no authoring directives")
	}
	_, block, ok := strings.Cut(after, "```markdown\n")
	block, _, ok2 := strings.Cut(block, "```\n")
	if !ok || !ok2 {
		t.Fatal("the README's directives have no example")
	}
	qs := testkit.ParseBank(t, block).Questions()
	if len(qs) != 2 || !slices.Equal(qs[0].Topics, []string{"pv", "pvc"}) {
		t.Fatalf("questions = %+v", qs)
	}
	if kp := qs[0].KeyPoints; len(kp) != 2 || kp[0].Label != "ReadWriteOnce（RWO）" || !slices.Equal(kp[1].Keywords, []string{"ROX"}) {
		t.Errorf("key points = %+v", kp)
	}
	if kp := qs[1].KeyPoints; len(kp) != 2 || !slices.Equal(kp[1].Keywords, []string{"一致性", "consistency"}) {
		t.Errorf("key points = %+v", kp)
	}
}
