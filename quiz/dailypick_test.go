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

func TestPickDailyDoesNotRepeatUntilTheBankIsUsedUp(t *testing.T) {
	qs := questions([]string{"pod"}, []string{"pv"}, []string{"etcd"}, nil)
	used := map[string]int64{} // as the store keeps it: each question's latest use
	var order int64
	for round := 1; round <= 3; round++ {
		seen := map[string]bool{}
		for day := range qs {
			q := pickDaily(qs, used, nil, rand.New(rand.NewPCG(uint64(round*10+day), 1)))
			if seen[q.ID] {
				t.Fatalf("round %d repeated %s before every question was used", round, q.ID)
			}
			seen[q.ID] = true
			order++
			used[q.ID] = order
		}
	}
}

func TestPickDailyGoesRoundAgainOldestFirst(t *testing.T) {
	qs := questions([]string{"pod"}, []string{"pv"}, []string{"etcd"})
	used := map[string]int64{"a": 5, "b": 2, "c": 9}
	if q := pickDaily(qs, used, nil, rand.New(rand.NewPCG(1, 1))); q.ID != "b" {
		t.Errorf("picked %s, want the oldest used, b", q.ID)
	}
}

func TestPickDailyPrefersTheChannelsWeakestTopic(t *testing.T) {
	qs := questions([]string{"pod"}, []string{"pv"}, []string{"etcd"}, []string{"pv", "pvc"})
	acc := map[string]TopicScore{"pod": {Tries: 10, Right: 9}, "pv": {Tries: 10, Right: 2}, "etcd": {Tries: 4, Right: 2}}
	for seed := range uint64(20) {
		q := pickDaily(qs, map[string]int64{}, acc, rand.New(rand.NewPCG(seed, 1)))
		if q.ID != "b" && q.ID != "d" {
			t.Fatalf("seed %d picked %s %v, want a pv question", seed, q.ID, q.Topics)
		}
	}
	used := map[string]int64{"b": 1, "d": 2}
	if q := pickDaily(qs, used, acc, rand.New(rand.NewPCG(1, 1))); q.ID != "c" {
		t.Errorf("with the pv questions used, picked %s, want etcd (50%%) over pod (90%%)", q.ID)
	}
}

func TestPickDailyIsDeterministicForAChannelAndDate(t *testing.T) {
	qs := questions([]string{"a"}, []string{"b"}, []string{"c"}, []string{"d"}, []string{"e"})
	pick := func(channel, date string) string {
		return pickDaily(qs, nil, nil, rand.New(rand.NewPCG(dailySeed("s", channel, date)))).ID
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
