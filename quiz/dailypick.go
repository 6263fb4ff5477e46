package quiz

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
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

// missedGap is how many dailies after a missed question it may come back.
const missedGap = 7

// topicRun is how many days in a row one topic may have the daily.
const topicRun = 2

// pickDaily chooses a channel's daily question, in cycles: a cycle ends
// once every question of the bank was used in it, and no question is used
// twice in a cycle, except that a question the channel missed comes back,
// once a cycle, when missedGap dailies have passed (a comeback missed again
// waits for the next cycle). A missed question waits its gap even into the
// next cycle, while another is left. Every cycle, it prefers missed
// questions due back, then the topic the channel answers worst (smoothed:
// (right+1)/(tries+2), so an untried topic counts as 50 %), and no topic
// more than topicRun days in a row while another is left. Among equals it
// picks with r, which is seeded by channel and date. It returns the
// question and its use, to record once it is sent.
func pickDaily(questions []*bank.Question, h DailyHistory, r *rand.Rand) (*bank.Question, DailyUse) {
	start := h.CycleStart
	if !h.CycleKept && !slices.ContainsFunc(questions, func(q *bank.Question) bool { _, ok := h.Used[q.ID]; return !ok }) {
		start = h.Uses / int64(len(questions)) * int64(len(questions)) // an earlier version's history (DailyHistory)
	}
	inCycle := func(q *bank.Question) bool { o, ok := h.Used[q.ID]; return ok && o > start }
	if !slices.ContainsFunc(questions, func(q *bank.Question) bool { return !inCycle(q) }) {
		start = h.Uses // every question was used in this cycle: this daily begins the next
	}
	byOrder := map[int64]*bank.Question{}
	for _, q := range questions {
		if o, ok := h.Used[q.ID]; ok {
			byOrder[o] = q
		}
	}
	type cand struct {
		q        *bank.Question
		repeat   bool // used in this cycle already
		back     bool // a missed question due back
		early    bool // a missed question not due back yet
		weakness float64
	}
	var cands []cand
	for _, q := range questions {
		o, used := h.Used[q.ID]
		repeat := inCycle(q)
		mayReturn := used && h.Missed[q.ID] && !(repeat && h.Repeats[q.ID])
		due := h.Uses+1-o >= missedGap // dailies since, this one counted
		if repeat && !(mayReturn && due) {
			continue
		}
		cands = append(cands, cand{q: q, repeat: repeat, back: mayReturn && due, early: mayReturn && !due, weakness: weakness(q, h.Accuracy)})
	}
	// prefer keeps the candidates that drop does not name, if any.
	prefer := func(drop func(c cand) bool) {
		if other := slices.DeleteFunc(slices.Clone(cands), drop); len(other) > 0 {
			cands = other
		}
	}
	// A missed question waits its gap, even into the next cycle, while
	// another is left; and no topic runs more than topicRun days in a row.
	prefer(func(c cand) bool { return c.early })
	if run := runningTopics(byOrder, h.Uses); len(run) > 0 {
		prefer(func(c cand) bool { return slices.ContainsFunc(c.q.Topics, func(t string) bool { return run[t] }) })
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].back != cands[j].back {
			return cands[i].back
		}
		return cands[i].weakness < cands[j].weakness
	})
	top := 1
	for top < len(cands) && cands[top].back == cands[0].back && cands[top].weakness == cands[0].weakness {
		top++
	}
	c := cands[r.IntN(top)]
	return c.q, DailyUse{QuestionID: c.q.ID, CycleStart: start, Repeat: c.repeat}
}

// weakness is the channel's smoothed accuracy on a question's weakest
// topic: the lower, the weaker.
func weakness(q *bank.Question, acc map[string]TopicScore) float64 {
	if len(q.Topics) == 0 {
		return 0.5
	}
	w := 1.0
	for _, t := range q.Topics {
		sc := acc[t]
		w = min(w, float64(sc.Right+1)/float64(sc.Tries+2))
	}
	return w
}

// runningTopics are the topics every one of the last topicRun dailies had.
func runningTopics(byOrder map[int64]*bank.Question, uses int64) map[string]bool {
	var run map[string]bool
	for o := uses; o > uses-topicRun; o-- {
		q, ok := byOrder[o]
		if !ok {
			return nil
		}
		ts := map[string]bool{}
		for _, t := range q.Topics {
			if run == nil || run[t] {
				ts[t] = true
			}
		}
		run = ts
	}
	return run
}
