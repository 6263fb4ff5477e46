package mcq_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
)

func TestItems(t *testing.T) {
	b := testkit.ShippedBank(t)
	g := mcq.NewGenerator(b)

	t.Run("every item has a key of its own, and makes a well-formed quiz of its format", func(t *testing.T) {
		seen := map[string]bool{}
		for i, q := range b.Questions() {
			items := g.Items(q)
			var formats []mcq.Format
			for j, it := range items {
				if seen[it.Key] || !strings.HasPrefix(it.Key, q.ID+".") {
					t.Errorf("%q: key %q repeats or does not start with the question's ID", q.Title, it.Key)
				}
				seen[it.Key] = true
				if !slices.Contains(formats, it.Format) {
					formats = append(formats, it.Format)
				}
				mq, err := g.GenerateItem(q, it.Key, rng(uint64(i), uint64(j)))
				if err != nil || mq.Item != it.Key || mq.Format != it.Format {
					t.Errorf("%q: GenerateItem(%q) = %+v, %v", q.Title, it.Key, mq, err)
					continue
				}
				for _, problem := range check(b, g, q, mq) {
					t.Errorf("%q item %s: %s", q.Title, it.Key, problem)
				}
			}
			if !slices.Equal(formats, g.Formats(q)) {
				t.Errorf("%q: items of formats %q, Formats = %q", q.Title, formats, g.Formats(q))
			}
		}
		if len(seen) < 150 {
			t.Errorf("only %d items in the shipped bank", len(seen))
		}
	})

	t.Run("an unknown key yields ErrNoItem", func(t *testing.T) {
		q := testkit.Question(t, "pod的重启策略有哪些？")
		for _, key := range []string{"", "nope", g.Items(testkit.Question(t, "pv的访问模式有哪几种"))[0].Key} {
			if _, err := g.GenerateItem(q, key, rng(1, 1)); !errors.Is(err, mcq.ErrNoItem) {
				t.Errorf("GenerateItem(%q) error = %v, want ErrNoItem", key, err)
			}
		}
	})

	t.Run("a quiz on a topic does not blank the topic's own name", func(t *testing.T) {
		q := testkit.Question(t, "简述Kubernetes CNI模型?")
		blanks := func(items []mcq.Item) int {
			n := 0
			for _, it := range items {
				if it.Format == mcq.FillBlank {
					n++
				}
			}
			return n
		}
		if blanks(g.Items(q)) == 0 {
			t.Fatal("the CNI question has no blank to leave out")
		}
		if items := g.Items(q, "cni"); blanks(items) != 0 || len(items) == 0 {
			t.Errorf("Items(cni) = %v, want its which-question items only", items)
		}
		if got, want := g.Items(q, "pod"), g.Items(q); !slices.Equal(got, want) {
			t.Errorf("Items(pod) = %v, want every item %v", got, want)
		}
	})

	t.Run("a quiz on one of a question's topics asks about that topic", func(t *testing.T) {
		q := testkit.Question(t, "kubelet的功能、作用是什么？（重点，经常会问）") // kubelet, metrics, probe
		all, onProbes := g.Items(q), g.Items(q, "probe")
		if len(onProbes) == 0 || len(onProbes) >= len(all) {
			t.Fatalf("%d items on probe of %d: want some, not all", len(onProbes), len(all))
		}
		for _, it := range onProbes {
			mq, err := g.GenerateItem(q, it.Key, rng(1, 2))
			if err != nil {
				t.Fatal(err)
			}
			if !bank.MentionsTopic("probe", mq.Prompt+" "+mq.Choices[mq.Correct]) {
				t.Errorf("a quiz on probe asks:\n%s", mq.Prompt)
			}
		}
		if got := g.Items(q, "kubelet", "probe"); len(got) < len(onProbes) {
			t.Errorf("%d items on kubelet or probe, fewer than on probe alone (%d)", len(got), len(onProbes))
		}
	})

	t.Run("Generate draws among the items", func(t *testing.T) {
		q := testkit.Question(t, "pod的生命周期有哪几种？")
		made := map[string]bool{}
		for s := range uint64(400) {
			mq, err := g.Generate(q, rng(s, 9))
			if err != nil {
				t.Fatal(err)
			}
			made[mq.Item] = true
		}
		for _, it := range g.Items(q) {
			if !made[it.Key] {
				t.Errorf("item %s (%s) never drawn in 400 quizzes", it.Key, it.Format)
			}
		}
	})
}

func TestItemKeysAreStable(t *testing.T) {
	const one = "# pod的重启策略有哪些？\n\n- Always: 当容器终止退出后，总是重启容器，默认策略就是Always。\n- OnFailure: 当容器异常退出，退出状态码非0时，才重启容器。\n- Never: 当容器终止退出，不管退出状态码是什么，从不重启容器。\n\n"
	const other = "# etcd集群节点之间是怎么同步数据的？\n\n通过Raft协议进行节点之间数据同步，保证节点之间的数据一致性。\n\n"
	keys := func(src string) []string {
		b := testkit.ParseBank(t, src)
		g := mcq.NewGenerator(b)
		var out []string
		for _, it := range g.Items(testkit.QuestionIn(t, b, "pod的重启策略有哪些？")) {
			out = append(out, it.Key)
		}
		return out
	}
	before := keys(one + other)
	if len(before) == 0 {
		t.Fatal("no items")
	}
	for name, src := range map[string]string{
		"parsed again":               one + other,
		"another answer edited":      one + strings.Replace(other, "保证", "以保证", 1),
		"another question added":     one + other + "# 新问题\n\n默认的镜像下载策略是 IfNotPresent，本地没有时才下载。\n",
		"the questions in new order": other + one,
	} {
		// A bank grown to three questions adds which-question items.
		if after := keys(src); len(after) < len(before) || !slices.Equal(after[len(after)-len(before):], before) {
			t.Errorf("%s: keys %q, were %q", name, after, before)
		}
	}
	if after := keys(strings.Replace(one, "总是重启容器", "总会重启容器", 1) + other); slices.Equal(after, before) {
		t.Error("editing the item's own sentence kept its key")
	}
}

// TestGenerateKeepsWorkingOnAnyBank is Generate's contract with the core:
// a question yielding a format always yields a quiz.
func TestGenerateKeepsWorkingOnAnyBank(t *testing.T) {
	for _, b := range []*bank.Bank{testkit.ShippedBank(t), smallBank(t, 3)} {
		g := mcq.NewGenerator(b)
		for i, q := range b.Questions() {
			if len(g.Formats(q)) == 0 {
				continue
			}
			for s := range uint64(20) {
				if _, err := g.Generate(q, rng(s, uint64(i))); err != nil {
					t.Errorf("%q: %v", q.Title, err)
				}
			}
		}
	}
}
