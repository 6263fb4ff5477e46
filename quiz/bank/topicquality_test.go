package bank_test

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
)

// labelledTopics reads testdata/topics.txt: the hand-labelled topics of every
// shipped question, by ID.
func labelledTopics(t *testing.T) map[string][]string {
	t.Helper()
	f, err := os.Open("testdata/topics.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		id := fields[0]
		if _, dup := out[id]; dup {
			t.Fatalf("topics.txt:%d: %s is labelled twice", n, id)
		}
		var topics []string
		for _, tp := range strings.Split(strings.Join(fields[1:], ""), ",") {
			if tp == "" {
				continue
			}
			if !bank.IsTopic(tp) {
				t.Errorf("topics.txt:%d: %q is not a topic", n, tp)
			}
			topics = append(topics, tp)
		}
		if len(topics) == 0 {
			t.Fatalf("topics.txt:%d: %s has no topics", n, id)
		}
		out[id] = topics
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// minTopicQuality is the least precision and recall the automatic tagging
// of the shipped bank may have.
const minTopicQuality = 0.95

// TestTopicPrecisionAndRecall measures the automatic tagging of the shipped
// bank (topics stated by directives aside) against the hand-labelled topics:
// precision is the share of the (question, topic) pairs it gives that are
// right, recall the share of the right pairs it gives. Run it with -v to see
// the figures and every disagreement.
func TestTopicPrecisionAndRecall(t *testing.T) {
	b := testkit.ShippedBank(t)
	labels := labelledTopics(t)
	if len(labels) != b.Len() {
		t.Errorf("%d questions labelled, the bank has %d", len(labels), b.Len())
	}
	var tagged, right, wanted int
	for _, q := range b.Questions() {
		want, ok := labels[q.ID]
		if !ok {
			t.Errorf("%s %q is not labelled", q.ID, q.Title)
			continue
		}
		got := bank.AutoTopics(q)
		wanted += len(want)
		tagged += len(got)
		for _, tp := range got {
			if slices.Contains(want, tp) {
				right++
			} else {
				t.Logf("wrong:  %s %-8s %s", q.ID, tp, q.Title)
			}
		}
		for _, tp := range want {
			if !slices.Contains(got, tp) {
				t.Logf("missed: %s %-8s %s", q.ID, tp, q.Title)
			}
		}
	}
	precision, recall := float64(right)/float64(max(tagged, 1)), float64(right)/float64(max(wanted, 1))
	t.Logf("topic precision %.1f %% (%d of %d tags right), recall %.1f %% (%d of %d labels found)",
		100*precision, right, tagged, 100*recall, right, wanted)
	if precision < minTopicQuality || recall < minTopicQuality {
		t.Errorf("topic precision %.1f %% and recall %.1f %%: both must be at least %.0f %%", 100*precision, 100*recall, 100*minTopicQuality)
	}
}
