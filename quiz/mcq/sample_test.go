package mcq_test

import (
	"cmp"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
)

var update = flag.Bool("update", false, "rewrite "+sampleFile+", keeping the verdicts of the quizzes that did not change")

// The reviewed sample: samplePerFormat quizzes of each format from the
// shipped bank, drawn with fixed seeds, each with a reviewer's verdict.
const (
	sampleFile      = "testdata/sample.txt"
	samplePerFormat = 50
)

const sampleHeader = `# A reviewed sample of the quizzes the shipped bank yields: 50 of each format,
# drawn with fixed seeds (TestReviewedSample). Each quiz was read as an
# interviewer would, in Chinese, and given a verdict:
#   good   — only knowledge of Kubernetes answers it;
#   weak   — answerable and right, but easier or clumsier than it should be;
#   broken — wrong, ambiguous, unreadable or given away. None may stay.
# The right option is marked with *. When generation changes, run
#   go test ./quiz/mcq -run TestReviewedSample -update
# which keeps the verdicts of unchanged quizzes and marks the others
# "unreviewed"; review those by hand.
`

// sampleBlocks renders the sample drawn from the shipped bank, one block
// per quiz, without verdicts.
func sampleBlocks(t *testing.T) []string {
	t.Helper()
	b := testkit.ShippedBank(t)
	g := mcq.NewGenerator(b)
	var blocks []string
	for f, format := range []mcq.Format{mcq.WhichQuestion, mcq.FillBlank} {
		type pick struct {
			q   *bank.Question
			key string
		}
		var all []pick
		for _, q := range b.Questions() {
			for _, it := range g.Items(q) {
				if it.Format == format {
					all = append(all, pick{q, it.Key})
				}
			}
		}
		// In an order of their keys' own, so that an item coming or going
		// leaves the rest of the sample as it was.
		slices.SortFunc(all, func(a, b pick) int { return cmp.Compare(keyHash(a.key), keyHash(b.key)) })
		for _, p := range all[:min(samplePerFormat, len(all))] {
			mq, err := g.GenerateItem(p.q, p.key, rng(keyHash(p.key), uint64(f)))
			if err != nil {
				t.Fatal(err)
			}
			var sb strings.Builder
			fmt.Fprintf(&sb, "## %s · %s · %s\n> %s\n", format, p.key, p.q.Title, mq.Prompt)
			for i, c := range mq.Choices {
				mark := ""
				if i == mq.Correct {
					mark = " *"
				}
				fmt.Fprintf(&sb, "%c. %s%s\n", 'A'+i, c, mark)
			}
			blocks = append(blocks, sb.String())
		}
	}
	return blocks
}

// keyHash is a number of an item's key, to order and seed the sample by.
func keyHash(key string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(key))
	return h.Sum64()
}

// reviewed reads the sample file: each quiz's block with its verdict line.
func reviewed(t *testing.T) (blocks, verdicts []string) {
	t.Helper()
	src, err := os.ReadFile(sampleFile)
	if err != nil {
		if os.IsNotExist(err) && *update {
			return nil, nil
		}
		t.Fatal(err)
	}
	for _, part := range strings.Split(string(src), "\n## ")[1:] {
		body, verdict, _ := strings.Cut("## "+part, "verdict: ")
		blocks = append(blocks, body)
		verdicts = append(verdicts, strings.TrimSpace(verdict))
	}
	return blocks, verdicts
}

// TestReviewedSample regenerates the reviewed sample: it fails when
// generation drifted from what was reviewed, or when a quiz is unreviewed
// or broken.
func TestReviewedSample(t *testing.T) {
	want := sampleBlocks(t)
	blocks, verdicts := reviewed(t)
	if *update {
		kept := map[string]string{}
		for i, b := range blocks {
			kept[b] = verdicts[i]
		}
		var out strings.Builder
		out.WriteString(sampleHeader)
		for _, b := range want {
			v, ok := kept[b]
			if !ok {
				v = "unreviewed"
			}
			out.WriteString("\n" + b + "verdict: " + v + "\n")
		}
		if err := os.WriteFile(sampleFile, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		blocks, verdicts = reviewed(t)
	}
	if len(blocks) != len(want) {
		t.Fatalf("%s holds %d quizzes, generation gives %d: run with -update and review", sampleFile, len(blocks), len(want))
	}
	count := map[string]int{}
	for i, b := range want {
		if blocks[i] != b {
			t.Errorf("quiz %d drifted from the review: run with -update and review\nreviewed:\n%s\nnow:\n%s", i+1, blocks[i], b)
			continue
		}
		kind, why, _ := strings.Cut(verdicts[i], " — ")
		count[kind]++
		switch {
		case kind == "broken":
			t.Errorf("quiz %d is broken: %s\n%s", i+1, why, b)
		case kind != "good" && kind != "weak" || strings.TrimSpace(why) == "":
			t.Errorf("quiz %d has no verdict (good, weak or broken — and why): %q\n%s", i+1, verdicts[i], b)
		}
	}
	t.Logf("verdicts: %v", count)
}
