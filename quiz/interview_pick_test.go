package quiz

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

var pickNow = time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)

func questionIDs(qs []*bank.Question) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.ID)
	}
	return out
}

func TestAnInterviewSpreadsOverTopics(t *testing.T) {
	b := testkit.ShippedBank(t)
	for seed := range uint64(20) {
		picked := pickInterview(b.Questions(), Stats{}, pickNow, 5, rand.New(rand.NewPCG(seed, 1)))
		if len(picked) != 5 {
			t.Fatalf("picked %d", len(picked))
		}
		seen := map[string]string{}
		for _, q := range picked {
			for _, topic := range q.Topics {
				if other, dup := seen[topic]; dup {
					t.Errorf("seed %d: %s and %s share the topic %s: %v", seed, other, q.ID, topic, questionIDs(picked))
				}
				seen[topic] = q.ID
			}
		}
	}
}

func TestAnInterviewAsksDueCardsThenTheWeakestTopicFirst(t *testing.T) {
	b := testkit.ShippedBank(t)
	probes := b.Matching([]string{"probe"})
	due, known := probes[0], probes[1]
	st := Stats{
		Cards: map[string]srs.Card{
			due.ID:   {Due: pickNow.Add(-time.Hour), Reps: 2},
			known.ID: {Due: pickNow.Add(72 * time.Hour), Reps: 2},
		},
	}
	for seed := range uint64(10) {
		picked := pickInterview(probes, st, pickNow, len(probes), rand.New(rand.NewPCG(seed, 2)))
		if picked[0] != due || picked[len(picked)-1] != known {
			t.Errorf("seed %d: want the due card %s first and the known one %s last, got %v", seed, due.ID, known.ID, questionIDs(picked))
		}
	}
	// With nothing due: the weakest topic first.
	weak := Stats{Topics: map[string]TopicScore{"pv": {Tries: 4, Right: 1}, "probe": {Tries: 4, Right: 4}}}
	cands := append(slices.Clone(probes), b.Matching([]string{"pv"})...)
	for seed := range uint64(10) {
		picked := pickInterview(cands, weak, pickNow, 1, rand.New(rand.NewPCG(seed, 3)))
		if !slices.Contains(picked[0].Topics, "pv") {
			t.Errorf("seed %d: want a question on the weak topic pv first, got %s %v", seed, picked[0].ID, picked[0].Topics)
		}
	}
}

func TestAnInterviewAsksNoMoreThanThereAre(t *testing.T) {
	b := testkit.ShippedBank(t)
	pv := b.Matching([]string{"pv"})
	picked := pickInterview(pv, Stats{}, pickNow, 10, rand.New(rand.NewPCG(1, 1)))
	if len(picked) != len(pv) {
		t.Errorf("picked %d of %d", len(picked), len(pv))
	}
	seen := map[*bank.Question]bool{}
	for _, q := range picked {
		if seen[q] {
			t.Errorf("%s was picked twice", q.ID)
		}
		seen[q] = true
	}
}

func TestParseLimit(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"5m": 5 * time.Minute, "90s": 90 * time.Second, "2m30s": 150 * time.Second, "5min": 5 * time.Minute,
		"5分钟": 5 * time.Minute, "30秒": 30 * time.Second, "1h": time.Hour,
	} {
		if got, ok := parseLimit(in); !ok || got != want {
			t.Errorf("parseLimit(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"pv", "m", "", "-5m", "5", "五分钟"} {
		if _, ok := parseLimit(in); ok {
			t.Errorf("parseLimit(%q) accepted", in)
		}
	}
}
