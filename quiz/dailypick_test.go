package quiz

import (
	"math/rand/v2"
	"testing"

	"github.com/kubequiz/kubequiz/quiz/bank"
)

func questions(topics ...[]string) []*bank.Question {
	var out []*bank.Question
	for i, ts := range topics {
		out = append(out, &bank.Question{ID: string(rune('a' + i)), Topics: ts})
	}
	return out
}

// history is a channel's dailies as the store keeps them, for the tests.
type history struct{ DailyHistory }

func newHistory() *history {
	return &history{DailyHistory{Used: map[string]int64{}, Missed: map[string]bool{}, Accuracy: map[string]TopicScore{}}}
}

// use records q as the next daily, and how the channel did on it.
func (h *history) use(q *bank.Question, missed bool) {
	h.Uses++
	h.Used[q.ID] = h.Uses
	h.Missed[q.ID] = missed
	for _, t := range q.Topics {
		sc := h.Accuracy[t]
		sc.Tries += 2
		if !missed {
			sc.Right += 2
		}
		h.Accuracy[t] = sc
	}
}

func TestPickDailyDoesNotRepeatUntilTheBankIsUsedUp(t *testing.T) {
	qs := questions([]string{"pod"}, []string{"pv"}, []string{"etcd"}, nil)
	h := newHistory()
	for round := 1; round <= 3; round++ {
		seen := map[string]bool{}
		for day := range qs {
			q := pickDaily(qs, h.DailyHistory, rand.New(rand.NewPCG(uint64(round*10+day), 1)))
			if seen[q.ID] {
				t.Fatalf("round %d repeated %s before every question was used", round, q.ID)
			}
			seen[q.ID] = true
			h.use(q, false)
		}
	}
}

// TestPickDailyAdaptsInEveryCycle runs 60 dailies over a bank of 12, where
// the channel always misses the storage questions: every cycle starts with
// the weakest topic (the second does not replay the first's order), no
// topic has more than two days in a row while another is left, and a missed
// question comes back, after a gap, before its cycle would bring it.
func TestPickDailyAdaptsInEveryCycle(t *testing.T) {
	var topics [][]string
	for range 4 {
		topics = append(topics, []string{"pv"}, []string{"pod"}, []string{"etcd"})
	}
	qs := questions(topics...)
	h := newHistory()
	var picks []*bank.Question
	for day := range 60 {
		q := pickDaily(qs, h.DailyHistory, rand.New(rand.NewPCG(uint64(day), 7)))
		picks = append(picks, q)
		h.use(q, q.Topics[0] == "pv")
	}
	for i := 2; i < len(picks); i++ {
		if a, b, c := picks[i-2].Topics[0], picks[i-1].Topics[0], picks[i].Topics[0]; a == b && b == c {
			t.Errorf("days %d–%d all had %s", i-2, i, a)
		}
	}
	backEarly := 0
	for i, q := range picks {
		for j := i - 1; j >= 0 && j/len(qs) == i/len(qs); j-- {
			if picks[j].ID == q.ID { // twice in one cycle: a missed question back
				if q.Topics[0] != "pv" || i-j < missedGap {
					t.Errorf("%s (%s) came back after %d days in one cycle", q.ID, q.Topics[0], i-j)
				}
				backEarly++
				break
			}
		}
	}
	if backEarly == 0 {
		t.Error("no missed question came back before its cycle would bring it")
	}
	if first2 := picks[12].Topics[0]; first2 != "pv" {
		t.Errorf("the second cycle opened with %s, want the weakest topic, pv", first2)
	}
}

func TestPickDailyPrefersTheChannelsWeakestTopic(t *testing.T) {
	qs := questions([]string{"pod"}, []string{"pv"}, []string{"etcd"}, []string{"pv", "pvc"})
	acc := map[string]TopicScore{"pod": {Tries: 10, Right: 9}, "pv": {Tries: 10, Right: 2}, "etcd": {Tries: 4, Right: 2}}
	for seed := range uint64(20) {
		q := pickDaily(qs, DailyHistory{Accuracy: acc}, rand.New(rand.NewPCG(seed, 1)))
		if q.ID != "b" && q.ID != "d" {
			t.Fatalf("seed %d picked %s %v, want a pv question", seed, q.ID, q.Topics)
		}
	}
	used := DailyHistory{Used: map[string]int64{"b": 1, "d": 2}, Uses: 2, Accuracy: acc}
	if q := pickDaily(qs, used, rand.New(rand.NewPCG(1, 1))); q.ID != "c" {
		t.Errorf("with the pv questions used, picked %s, want etcd (50%%) over pod (90%%)", q.ID)
	}
}

func TestPickDailyIsDeterministicForAChannelAndDate(t *testing.T) {
	qs := questions([]string{"a"}, []string{"b"}, []string{"c"}, []string{"d"}, []string{"e"})
	pick := func(channel, date string) string {
		return pickDaily(qs, DailyHistory{}, rand.New(rand.NewPCG(dailySeed("s", channel, date)))).ID
	}
	first := pick("c1", "2026-12-01")
	for range 5 {
		if again := pick("c1", "2026-12-01"); again != first {
			t.Fatalf("the same channel and date picked %s, then %s", first, again)
		}
	}
	differs := false
	for d := 1; d <= 9; d++ {
		if pick("c1", "2026-12-0"+string(rune('0'+d))) != pick("c1", "2026-12-01") {
			differs = true
		}
	}
	if !differs {
		t.Error("nine dates all picked the same question")
	}
}
