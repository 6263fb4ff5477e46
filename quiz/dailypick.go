package quiz

import (
	"hash/fnv"
	"math/rand/v2"
	"sort"

	"github.com/kubequiz/kubequiz/quiz/bank"
)

// dailySeed makes a channel's picks for a date deterministic.
func dailySeed(scope, channel, date string) (uint64, uint64) {
	h := fnv.New64a()
	h.Write([]byte(scope + "\x00" + channel + "\x00" + date))
	a := h.Sum64()
	h.Write([]byte("\x00second"))
	return a, h.Sum64()
}

// pickDaily chooses a channel's daily question. It does not repeat a
// question until the bank is used up, then goes round again oldest first.
// Among unused questions it prefers the topic the channel answers worst
// (smoothed: (right+1)/(tries+2), so an untried topic counts as 50 %),
// and among equals it picks with r, which is seeded by channel and date.
func pickDaily(questions []*bank.Question, used map[string]int64, acc map[string]TopicScore, r *rand.Rand) *bank.Question {
	var unused []*bank.Question
	for _, q := range questions {
		if _, ok := used[q.ID]; !ok {
			unused = append(unused, q)
		}
	}
	if len(unused) == 0 {
		oldest := questions[0]
		for _, q := range questions[1:] {
			if used[q.ID] < used[oldest.ID] {
				oldest = q
			}
		}
		return oldest
	}
	weakness := func(q *bank.Question) float64 {
		if len(q.Topics) == 0 {
			return 0.5
		}
		w := 1.0
		for _, t := range q.Topics {
			sc := acc[t]
			if a := float64(sc.Right+1) / float64(sc.Tries+2); a < w {
				w = a
			}
		}
		return w
	}
	sort.SliceStable(unused, func(i, j int) bool { return weakness(unused[i]) < weakness(unused[j]) })
	weakest := weakness(unused[0])
	n := 1
	for n < len(unused) && weakness(unused[n]) == weakest {
		n++
	}
	return unused[r.IntN(n)]
}
