package mcq_test

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/data"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// seeds is how many seeds each shipped question is tried with.
const seeds = 40

func rng(a, b uint64) *rand.Rand { return rand.New(rand.NewPCG(a, b)) }

func TestShippedQuestions(t *testing.T) {
	b := testkit.ShippedBank(t)
	g := mcq.NewGenerator(b)

	t.Run("every generated question is well formed for every shipped question and seed", func(t *testing.T) {
		produced := 0
		for i, q := range b.Questions() {
			for s := range uint64(seeds) {
				mq, err := g.Generate(q, rng(s, uint64(i)))
				if err != nil {
					if len(g.Formats(q)) != 0 || !errors.Is(err, mcq.ErrNoQuestion) {
						t.Errorf("%q seed %d: %v (formats %q)", q.Title, s, err, g.Formats(q))
					}
					continue
				}
				produced++
				for _, problem := range check(b, g, q, mq) {
					t.Errorf("%q seed %d (%s): %s", q.Title, s, mq.Format, problem)
				}
			}
		}
		if produced < 52*seeds*9/10 {
			t.Errorf("only %d questions generated from %d tries", produced, 52*seeds)
		}
	})

	t.Run("every shipped question yields a quiz", func(t *testing.T) {
		for _, q := range b.Questions() {
			if len(g.Formats(q)) == 0 {
				t.Errorf("%q yields no format", q.Title)
			}
		}
	})

	t.Run("a which-question prompt does not name DaemonSet for the DaemonSet question", func(t *testing.T) {
		q := testkit.QuestionIn(t, b, "DaemonSet资源对象的特性？")
		if !slices.Contains(g.Formats(q), mcq.WhichQuestion) {
			t.Fatalf("formats = %q", g.Formats(q))
		}
		seen, logs := 0, 0
		for s := range uint64(seeds) {
			mq, err := g.Generate(q, rng(s, 7))
			if err != nil || mq.Format != mcq.WhichQuestion {
				continue
			}
			seen++
			if strings.Contains(strings.ToLower(mq.Prompt), "daemonset") {
				t.Errorf("prompt = %q", mq.Prompt)
			}
			if strings.Contains(mq.Prompt, "日志收集") {
				logs++
			}
		}
		if seen == 0 || logs == 0 {
			t.Errorf("%d which-questions generated, %d of them on log collection", seen, logs)
		}
	})

	t.Run("a pv question's distractors are storage questions", func(t *testing.T) {
		q := testkit.QuestionIn(t, b, "pv的访问模式有哪几种")
		storage := []string{"pv", "pvc", "volume", "csi"}
		seen := 0
		for s := range uint64(seeds) {
			mq, err := g.Generate(q, rng(s, 1))
			if err != nil || mq.Format != mcq.WhichQuestion {
				continue
			}
			seen++
			for _, c := range mq.Choices {
				if !slices.ContainsFunc(testkit.QuestionIn(t, b, c).Topics, func(t string) bool { return slices.Contains(storage, t) }) {
					t.Errorf("choices %q: %q is not on storage", mq.Choices, c)
				}
			}
		}
		if seen == 0 {
			t.Error("no which-question generated")
		}
	})

	t.Run("questions whose answers overlap are never offered against each other", func(t *testing.T) {
		for _, pair := range [][2]string{
			{"存储卷分类，作用分别是什么?", "k8s数据持久化的方式有哪些？"},
			{"kube-proxy原理?", "简述kube-proxy ipvs和iptables的异同?"},
		} {
			for i, title := range pair {
				q, other := testkit.QuestionIn(t, b, title), pair[1-i]
				for j, it := range g.Items(q) {
					for s := range uint64(20) {
						mq, err := g.GenerateItem(q, it.Key, rng(s, uint64(j)))
						if err != nil {
							t.Fatal(err)
						}
						if slices.Contains(mq.Choices, other) {
							t.Errorf("%q offered against %q: %q", title, other, mq.Prompt)
						}
					}
				}
			}
		}
	})

	t.Run("no quiz shows a note to the reader or an author's directive", func(t *testing.T) {
		notes := 0
		for i, q := range b.Questions() {
			if strings.Contains(rich.Plain(q.Answer), "注：") {
				notes++
			}
			for j, it := range g.Items(q) {
				mq, err := g.GenerateItem(q, it.Key, rng(uint64(i), uint64(j)))
				if err != nil {
					t.Fatal(err)
				}
				for _, aside := range []string{"注：", "<!--", "keywords:", "point:"} {
					if strings.Contains(mq.Prompt, aside) || slices.ContainsFunc(mq.Choices, func(c string) bool { return strings.Contains(c, aside) }) {
						t.Errorf("%q shows %q: %q %q", q.Title, aside, mq.Prompt, mq.Choices)
					}
				}
			}
		}
		if notes < 5 {
			t.Errorf("only %d shipped answers hold a note: the test tests nothing", notes)
		}
	})

	t.Run("a phase defined like another once its gloss is hidden is not offered against it", func(t *testing.T) {
		// "Succeeded（成功）：Pod内所有容器均已退出，且不会再重启": without
		// "成功", Failed's "Pod内所有容器均已退出，且至少有一个……" fits too.
		q := testkit.QuestionIn(t, b, "pod的生命周期有哪几种？")
		seen := 0
		for j, it := range g.Items(q) {
			for s := range uint64(20) {
				mq, err := g.GenerateItem(q, it.Key, rng(s, uint64(j)))
				if err != nil {
					t.Fatal(err)
				}
				if mq.Format != mcq.FillBlank || mq.Choices[mq.Correct] != "Succeeded" {
					continue
				}
				seen++
				if slices.Contains(mq.Choices, "Failed") {
					t.Errorf("%q offered against Failed: %q", mq.Prompt, mq.Choices)
				}
			}
		}
		if seen == 0 {
			t.Error("no blank for Succeeded")
		}
	})

	t.Run("a kind of three terms gives three options", func(t *testing.T) {
		q := testkit.QuestionIn(t, b, "pod的重启策略有哪些？")
		for j, it := range g.Items(q) {
			if it.Format != mcq.FillBlank {
				continue
			}
			mq, err := g.GenerateItem(q, it.Key, rng(1, uint64(j)))
			if err != nil || len(mq.Choices) != 3 {
				t.Errorf("%+v, %v: want the three restart policies", mq, err)
			}
		}
	})

	blanks := []struct {
		name    string
		title   string
		answers []string // the terms that may be blanked
		choices []string // when set, exactly these four choices
		within  []string // else, these must be among the choices
	}{
		{
			name:    "the access-mode question blanks a mode among the four access modes",
			title:   "pv的访问模式有哪几种",
			answers: []string{"ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"},
			choices: []string{"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"},
		},
		{
			name:    "the etcd sync question blanks Raft among consensus algorithms",
			title:   "etcd集群节点之间是怎么同步数据的？",
			answers: []string{"Raft"},
			choices: []string{"Gossip", "Paxos", "Raft", "ZAB"},
		},
		{
			name:    "the restart-policy question blanks a policy with the other policies offered",
			title:   "pod的重启策略有哪些？",
			answers: []string{"Always", "OnFailure", "Never"},
			within:  []string{"Always", "OnFailure", "Never"},
		},
		{
			name:    "the image-pull question blanks a pull policy with the other pull policies offered",
			title:   "K8s中镜像的下载策略是什么？",
			answers: []string{"Always", "Never", "IfNotPresent"},
			within:  []string{"Always", "Never", "IfNotPresent"},
		},
		{
			name:    "the service-type question blanks a type among the four service types",
			title:   "service的类型有哪几种",
			answers: []string{"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"},
			choices: []string{"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"},
		},
	}
	for _, bt := range blanks {
		t.Run(bt.name, func(t *testing.T) {
			q := testkit.QuestionIn(t, b, bt.title)
			blanked := map[string]bool{}
			for s := range uint64(seeds * 2) {
				mq, err := g.Generate(q, rng(s, 99))
				if err != nil || mq.Format != mcq.FillBlank {
					continue
				}
				right := mq.Choices[mq.Correct]
				blanked[right] = true
				if !slices.Contains(bt.answers, right) {
					t.Errorf("blanked %q, want one of %q", right, bt.answers)
				}
				got := slices.Clone(mq.Choices)
				sort.Strings(got)
				if bt.choices != nil && !slices.Equal(got, bt.choices) {
					t.Errorf("choices = %q, want %q", got, bt.choices)
				}
				for _, w := range bt.within {
					if !slices.Contains(got, w) {
						t.Errorf("choices %q lack %q", got, w)
					}
				}
			}
			if len(blanked) < 2 && len(bt.answers) > 1 || len(blanked) == 0 {
				t.Errorf("over %d seeds only %v were blanked", seeds*2, blanked)
			}
		})
	}

	t.Run("the OnFailure blank is in its own sentence, after the question for context", func(t *testing.T) {
		q := testkit.QuestionIn(t, b, "pod的重启策略有哪些？")
		for s := range uint64(seeds * 2) {
			mq, err := g.Generate(q, rng(s, 5))
			if err == nil && mq.Format == mcq.FillBlank && mq.Choices[mq.Correct] == "OnFailure" {
				if want := "【pod的重启策略有哪些？】" + mcq.Blank + ": 当容器异常退出，退出状态码非0时，才重启容器。"; mq.Prompt != want {
					t.Errorf("prompt = %q, want %q", mq.Prompt, want)
				}
				return
			}
		}
		t.Error("OnFailure was never blanked")
	})

	t.Run("the right answer is not always in the same place", func(t *testing.T) {
		var at [mcq.Options]int
		total := 0
		for i, q := range b.Questions() {
			for s := range uint64(10) {
				if mq, err := g.Generate(q, rng(s, uint64(i)+1000)); err == nil {
					at[mq.Correct]++
					total++
				}
			}
		}
		for i, n := range at {
			if n < total/mcq.Options/2 {
				t.Errorf("the right answer is at %d only %d times of %d: %v", i, n, total, at)
			}
		}
	})
}

func TestFormats(t *testing.T) {
	b := testkit.ShippedBank(t)
	g := mcq.NewGenerator(b)

	t.Run("Generate makes every listed format and no other", func(t *testing.T) {
		for i, q := range b.Questions() {
			formats := g.Formats(q)
			made := map[mcq.Format]bool{}
			for s := range uint64(64) {
				if mq, err := g.Generate(q, rng(s, uint64(i)+77)); err == nil {
					made[mq.Format] = true
				}
			}
			for _, f := range formats {
				if !made[f] {
					t.Errorf("%q lists %q, never made in 64 seeds", q.Title, f)
				}
			}
			for f := range made {
				if !slices.Contains(formats, f) {
					t.Errorf("%q made %q, not among %q", q.Title, f, formats)
				}
			}
		}
	})

	t.Run("both formats are used across the shipped bank", func(t *testing.T) {
		count := map[mcq.Format]int{}
		for _, q := range b.Questions() {
			for _, f := range g.Formats(q) {
				count[f]++
			}
		}
		if count[mcq.WhichQuestion] < 40 || count[mcq.FillBlank] < 25 {
			t.Errorf("formats per question: %v", count)
		}
	})

	t.Run("an answer that is only code has no blank to fill", func(t *testing.T) {
		q := testkit.QuestionIn(t, b, "deployment的回滚使用什么命令")
		if slices.Contains(g.Formats(q), mcq.FillBlank) {
			t.Errorf("formats = %q", g.Formats(q))
		}
	})
}

// smallBank builds a bank of n questions, each answering with a sentence
// that names one glossary term; titles grow in length, as a which-question
// needs titles both shorter and longer than the right one.
func smallBank(t *testing.T, n int) *bank.Bank {
	t.Helper()
	answers := []string{
		"通过 Raft 协议在节点之间同步数据，保证一致性。",
		"默认的重启策略是 Always，容器退出后总会重启。",
		"只允许单个节点以读写方式挂载时用 ReadWriteOnce 模式。",
		"集群内部访问服务时使用 ClusterIP 类型的地址。",
		"滚动更新时用 maxSurge 控制最多多出来的副本数量。",
	}
	var src strings.Builder
	for i := range n {
		src.WriteString("# 问题" + strings.Repeat("长", i) + string(rune('A'+i)) + "\n\n" + answers[i%len(answers)] + "\n\n")
	}
	return testkit.ParseBank(t, src.String())
}

func TestSmallBanks(t *testing.T) {
	t.Run("a bank of fewer than three questions yields no which-question", func(t *testing.T) {
		for n := 1; n < 3; n++ {
			b := smallBank(t, n)
			g := mcq.NewGenerator(b)
			for _, q := range b.Questions() {
				if f := g.Formats(q); !slices.Equal(f, []mcq.Format{mcq.FillBlank}) {
					t.Errorf("bank of %d: %q formats = %q, want only fill the blank", n, q.Title, f)
				}
				for s := range uint64(20) {
					mq, err := g.Generate(q, rng(s, 0))
					if err != nil || mq.Format != mcq.FillBlank {
						t.Errorf("bank of %d: Generate = %v, %v", n, mq.Format, err)
					}
				}
			}
		}
	})

	t.Run("a bank of five questions yields which-questions where titles are both shorter and longer", func(t *testing.T) {
		b := smallBank(t, 5)
		g := mcq.NewGenerator(b)
		which := 0
		for i, q := range b.Questions() {
			// The shortest and the longest title would always stand out.
			if slices.Contains(g.Formats(q), mcq.WhichQuestion) {
				which++
				if i == 0 || i == 4 {
					t.Errorf("%q formats = %q", q.Title, g.Formats(q))
				}
			}
			if len(g.Formats(q)) == 0 {
				continue
			}
			for s := range uint64(20) {
				mq, err := g.Generate(q, rng(s, 1))
				if err != nil {
					t.Fatal(err)
				}
				for _, problem := range check(b, g, q, mq) {
					t.Errorf("%q: %s", q.Title, problem)
				}
			}
		}
		if which == 0 {
			t.Error("no question yields a which-question")
		}
	})

	t.Run("a question with no term and too little text yields ErrNoQuestion", func(t *testing.T) {
		b := testkit.ParseBank(t, "# 问题 A\n\n是的。\n\n# 问题 B\n\n通过 Raft 协议在节点之间同步数据。\n\n# 问题 C\n\n不是。\n\n# 问题 D\n\n可以。\n")
		g := mcq.NewGenerator(b)
		q := testkit.QuestionIn(t, b, "问题 A")
		if f := g.Formats(q); len(f) != 0 {
			t.Errorf("formats = %q, want none", f)
		}
		if _, err := g.Generate(q, rng(1, 2)); !errors.Is(err, mcq.ErrNoQuestion) {
			t.Errorf("Generate error = %v, want ErrNoQuestion", err)
		}
	})

	t.Run("a one-question bank without terms yields ErrNoQuestion", func(t *testing.T) {
		b := testkit.ParseBank(t, "# 唯一的问题\n\n这是一个足够长的回答，但没有任何术语可以挖空。\n")
		g := mcq.NewGenerator(b)
		if _, err := g.Generate(b.Questions()[0], rng(1, 2)); !errors.Is(err, mcq.ErrNoQuestion) {
			t.Errorf("Generate error = %v, want ErrNoQuestion", err)
		}
	})

	t.Run("a question of another bank yields nothing", func(t *testing.T) {
		g := mcq.NewGenerator(smallBank(t, 2))
		other := testkit.Question(t, "pod的重启策略有哪些？")
		if f, items := g.Formats(other), g.Items(other); len(f) != 0 || len(items) != 0 {
			t.Errorf("formats %q, items %v", f, items)
		}
		if _, err := g.Generate(other, rng(1, 2)); !errors.Is(err, mcq.ErrNoQuestion) {
			t.Errorf("Generate error = %v, want ErrNoQuestion", err)
		}
	})
}

func TestDeterminism(t *testing.T) {
	// Two banks loaded apart, so that the two generators share nothing.
	b1 := testkit.ShippedBank(t)
	b2, err := bank.Load(data.Banks, data.Dir)
	if err != nil {
		t.Fatal(err)
	}
	g1, g2 := mcq.NewGenerator(b1), mcq.NewGenerator(b2)

	t.Run("the same seed gives the same question", func(t *testing.T) {
		for i := range b1.Questions() {
			q1, q2 := b1.Questions()[i], b2.Questions()[i]
			for s := range uint64(5) {
				m1, err1 := g1.Generate(q1, rng(s, 42))
				m2, err2 := g2.Generate(q2, rng(s, 42))
				if !reflect.DeepEqual(m1, m2) || !errors.Is(err1, err2) {
					t.Errorf("%q seed %d: %+v then %+v", q1.Title, s, m1, m2)
				}
			}
		}
	})

	t.Run("a sequence from one generator repeats with the same seed", func(t *testing.T) {
		run := func() []mcq.Question {
			r := rng(2024, 6)
			var out []mcq.Question
			for _, q := range b1.Questions() {
				if mq, err := g1.Generate(q, r); err == nil {
					out = append(out, mq)
				}
			}
			return out
		}
		if a, b := run(), run(); !reflect.DeepEqual(a, b) {
			t.Error("two runs with the same seed differ")
		}
	})

	t.Run("different seeds give different questions", func(t *testing.T) {
		q := testkit.QuestionIn(t, b1, "pod的重启策略有哪些？")
		distinct := map[string]bool{}
		for s := range uint64(seeds) {
			mq, err := g1.Generate(q, rng(s, 3))
			if err != nil {
				t.Fatal(err)
			}
			distinct[string(mq.Format)+mq.Prompt+strings.Join(mq.Choices, "|")] = true
		}
		if len(distinct) < 5 {
			t.Errorf("only %d distinct questions over %d seeds", len(distinct), seeds)
		}
	})

	t.Run("a generator is safe for concurrent use with separate sources", func(t *testing.T) {
		done := make(chan struct{})
		for w := range 4 {
			go func() {
				defer func() { done <- struct{}{} }()
				r := rng(uint64(w), 0)
				for _, q := range b1.Questions() {
					_, _ = g1.Generate(q, r)
				}
			}()
		}
		for range 4 {
			<-done
		}
	})
}

func TestMasking(t *testing.T) {
	b := testkit.ShippedBank(t)
	g := mcq.NewGenerator(b)

	// whichPrompts are the prompts of every which-question item of a
	// shipped question.
	whichPrompts := func(t *testing.T, title string) []mcq.Question {
		t.Helper()
		q := testkit.QuestionIn(t, b, title)
		var out []mcq.Question
		for i, it := range g.Items(q) {
			if it.Format != mcq.WhichQuestion {
				continue
			}
			mq, err := g.GenerateItem(q, it.Key, rng(uint64(i), 0))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, mq)
		}
		if len(out) == 0 {
			t.Fatalf("%q yields no which-question", title)
		}
		return out
	}

	for _, c := range []struct {
		name, title string
		hidden      []string // never shown
		shown       []string // shown in some excerpt
	}{
		{"Chinese words of the title are masked", "pv的回收策略有哪几种", []string{"回收策略"}, nil},
		{"a title word is masked whatever its case", "DaemonSet资源对象的特性？", []string{"daemonset", "DaemonSet"}, []string{"日志收集"}},
		{"an abbreviation's expansion beside it is masked", "K8S 资源限制 QoS？", []string{"Quality of Service", "Qos"}, []string{"BestEffort"}},
		{"a hyphenated name holding a title word is masked whole", "kube-proxy原理?", []string{"kube-", "proxy"}, nil},
		{"a phrase of title words is one blank", "简述Kubernetes初始化容器（init container）?", []string{"init", "container", "初始化"}, nil},
		{"words of other titles are not masked", "kubelet的功能、作用是什么？（重点，经常会问）", []string{"kubelet"}, []string{"Metrics Server"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var all string
			for _, mq := range whichPrompts(t, c.title) {
				for _, h := range c.hidden {
					if strings.Contains(mq.Prompt, h) {
						t.Errorf("prompt shows %q: %q", h, mq.Prompt)
					}
				}
				all += mq.Prompt
			}
			for _, s := range c.shown {
				if !strings.Contains(all, s) {
					t.Errorf("no prompt shows %q", s)
				}
			}
		})
	}

	t.Run("a title word inside a command is shown unmangled, and every option names it", func(t *testing.T) {
		// The shipped rollback question states its points in words; as it
		// was before, its answer is the commands alone.
		src, err := fs.ReadFile(data.Banks, "k8s-interview-zh.md")
		if err != nil {
			t.Fatal(err)
		}
		const title = "# deployment的回滚使用什么命令\n"
		head, rest, ok := strings.Cut(string(src), title)
		_, code, found := strings.Cut(rest, "```Bash")
		if !ok || !found {
			t.Fatal("the shipped bank no longer holds the rollback question's commands")
		}
		b := testkit.ParseBank(t, head+title+"\n```Bash"+code)
		g := mcq.NewGenerator(b)
		q := testkit.QuestionIn(t, b, strings.TrimSpace(strings.TrimPrefix(title, "# ")))
		seen := 0
		for i, it := range g.Items(q) {
			mq, err := g.GenerateItem(q, it.Key, rng(uint64(i), 0))
			if err != nil || mq.Format != mcq.WhichQuestion {
				continue
			}
			seen++
			if !strings.Contains(mq.Prompt, "deployment/deployment-nginx") {
				t.Errorf("prompt = %q", mq.Prompt)
			}
			for _, c := range mq.Choices {
				if !hasWord(c, "deployment") {
					t.Errorf("option %q does not name deployment: %q", c, mq.Choices)
				}
			}
		}
		if seen == 0 {
			t.Error("no which-question generated")
		}
	})

	t.Run("excerpts come from every part of the answer, not only its start", func(t *testing.T) {
		var all string
		for _, mq := range whichPrompts(t, "pod的生命周期有哪几种？") {
			all += mq.Prompt
		}
		for _, phase := range []string{"Pending", "Running", "Failed", "Unknown"} { // the last of its key points too
			if !strings.Contains(all, phase) {
				t.Errorf("no excerpt shows %q", phase)
			}
		}
	})

	fillPrompts := func(t *testing.T, answer string) []mcq.Question {
		t.Helper()
		b := testkit.ParseBank(t, "# 问题\n\n"+answer+"\n")
		g := mcq.NewGenerator(b)
		q := b.Questions()[0]
		var out []mcq.Question
		for s := range uint64(20) {
			mq, err := g.Generate(q, rng(s, 0))
			if err != nil {
				continue
			}
			for _, problem := range check(b, g, q, mq) {
				t.Error(problem)
			}
			out = append(out, mq)
		}
		return out
	}

	t.Run("a blanked term's plural is blanked too", func(t *testing.T) {
		qs := fillPrompts(t, "Deployments 是最常用的控制器，每个 Deployment 负责管理一组无状态的副本。")
		if len(qs) == 0 {
			t.Fatal("no fill-the-blank question")
		}
		for _, mq := range qs {
			if strings.Contains(strings.ToLower(mq.Prompt), "deployment") {
				t.Errorf("prompt = %q", mq.Prompt)
			}
		}
	})

	t.Run("a thing like others is blanked only as the sentence's subject", func(t *testing.T) {
		if qs := fillPrompts(t, "在 Deployment 中，在 pod 模板中定义 pod 的标签，然后定义标签选择器。"); len(qs) != 0 {
			t.Errorf("generated %+v", qs[0])
		}
	})

	t.Run("a sentence naming a distractor in the plural is not blanked", func(t *testing.T) {
		if qs := fillPrompts(t, "对于 deployment、daemonsets 等控制器创建的 pod，可以通过域名直接访问。"); len(qs) != 0 {
			t.Errorf("generated %+v", qs[0])
		}
	})

	t.Run("a sentence naming two terms of a kind is not blanked", func(t *testing.T) {
		if qs := fillPrompts(t, "pv 的访问模式有 ReadWriteOnce 和 ReadOnlyMany 两种常见的取值。"); len(qs) != 0 {
			t.Errorf("generated %+v", qs[0])
		}
	})

	t.Run("a sentence already holding a blank is not used", func(t *testing.T) {
		if qs := fillPrompts(t, "请填空：____ 是 etcd 使用的 Raft 一致性算法的实现细节。"); len(qs) != 0 {
			t.Errorf("generated %+v", qs[0])
		}
	})

	t.Run("code is never blanked", func(t *testing.T) {
		if qs := fillPrompts(t, "```sh\nkubectl get pods # the Raft consensus in etcd keeps data safe\n```"); len(qs) != 0 {
			t.Errorf("generated %+v", qs[0])
		}
	})

	t.Run("a term is matched ignoring case and shown as the glossary spells it", func(t *testing.T) {
		qs := fillPrompts(t, "集群节点之间通过 raft 协议同步数据，保证一致性。")
		if len(qs) == 0 {
			t.Fatal("no fill-the-blank question")
		}
		for _, mq := range qs {
			if mq.Choices[mq.Correct] != "Raft" || mq.Prompt != "【问题】集群节点之间通过 "+mcq.Blank+" 协议同步数据，保证一致性。" {
				t.Errorf("question = %+v", mq)
			}
		}
	})

	// blankedAs are the quizzes of qs whose right answer is term.
	blankedAs := func(qs []mcq.Question, term string) []mcq.Question {
		return slices.DeleteFunc(slices.Clone(qs), func(mq mcq.Question) bool { return mq.Choices[mq.Correct] != term })
	}

	t.Run("a probe is not offered as wrong where it would do what the sentence says too", func(t *testing.T) {
		// A failing startup probe also has the container killed and
		// restarted; only the readiness probe is wrong there.
		qs := fillPrompts(t, "存活探针检查失败时会将容器杀死，再按重启策略创建新的容器。\n\n存活探针用来判断容器是否还在正常运行，它周期性地执行检查。")
		live := blankedAs(qs, "存活探针")
		if len(live) == 0 {
			t.Fatal("no blank for 存活探针: the test tests nothing")
		}
		for _, mq := range live {
			if strings.Contains(mq.Prompt, "杀死") {
				t.Errorf("%q blanked with choices %q", mq.Prompt, mq.Choices)
			}
		}
	})

	t.Run("a term is not blanked beside its own translation", func(t *testing.T) {
		qs := fillPrompts(t, "Released：表示pvc被删除了，pv状态就会变成已释放。\n\nAvailable：表示pv已经创建正常，还没有被任何pvc绑定过。\n\n"+
			"Bound：表示pv已经被某个pvc占用，其他pvc不能再与该pv关联。\n\nFailed：表示pv的自动清理出错，需要管理员手动处理。")
		if len(qs) == 0 {
			t.Fatal("no blank: the test tests nothing")
		}
		for _, mq := range blankedAs(qs, "Released") {
			t.Errorf("%q gives its answer away", mq.Prompt)
		}
	})

	t.Run("an obsolete name is not what a quiz asks for", func(t *testing.T) {
		qs := fillPrompts(t, "过滤阶段旧称 Predicates，输入是所有节点，输出是满足条件的节点。\n\nPreemption 阶段在没有节点满足条件时驱逐低优先级的Pod。")
		if len(blankedAs(qs, "Preemption")) == 0 {
			t.Fatal("no blank for Preemption: the test tests nothing")
		}
		for _, mq := range blankedAs(qs, "Predicates") {
			t.Errorf("%q asks for the obsolete Predicates", mq.Prompt)
		}
	})

	t.Run("a term inside a longer word or an identifier is not a term", func(t *testing.T) {
		if qs := fillPrompts(t, "这个 Raftsman、ReadWriteOnceX 和 spec.clusterIP 都不是可以挖空的术语。"); len(qs) != 0 {
			t.Errorf("generated %+v", qs[0])
		}
	})
}

// TestAlike: fill-ins of two questions asking for one term are alike (the
// emptyDir of the storage volume and persistence questions); an excerpt
// is alike only itself.
func TestAlike(t *testing.T) {
	b := testkit.ShippedBank(t)
	g := mcq.NewGenerator(b)
	byAlike := map[string][]string{}
	for _, title := range []string{"存储卷分类，作用分别是什么?", "k8s数据持久化的方式有哪些？"} {
		q := testkit.QuestionIn(t, b, title)
		for _, it := range g.Items(q) {
			alike := g.Alike(it.Key)
			if it.Format == mcq.WhichQuestion && alike != it.Key {
				t.Errorf("excerpt %s is alike %q", it.Key, alike)
			}
			byAlike[alike] = append(byAlike[alike], q.ID)
		}
	}
	if ids := byAlike["blank:emptyDir"]; len(ids) < 2 || ids[0] == ids[len(ids)-1] {
		t.Errorf("the emptyDir fill-ins are of %q, want both questions' alike", ids)
	}
	if alike := g.Alike("nosuch.bxxxxxx"); alike != "nosuch.bxxxxxx" {
		t.Errorf("a key of no item is alike %q", alike)
	}
}
