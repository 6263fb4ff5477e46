package quiz

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
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
	return &history{DailyHistory{Used: map[string]int64{}, Repeats: map[string]bool{}, Missed: map[string]bool{}, Accuracy: map[string]TopicScore{}}}
}

// daily picks the next daily of qs with r and records it as the store
// does once it is sent, with whether the channel missed it; it returns the
// question.
func (h *history) daily(qs []*bank.Question, r *rand.Rand, missed func(*bank.Question) bool) *bank.Question {
	q, u := pickDaily(qs, h.DailyHistory, r)
	miss := missed(q)
	h.Uses++
	h.Used[q.ID] = h.Uses
	h.CycleStart, h.CycleKept = u.CycleStart, true
	h.Repeats[q.ID] = u.Repeat
	h.Missed[q.ID] = miss
	for _, t := range q.Topics {
		sc := h.Accuracy[t]
		sc.Tries += 2
		if !miss {
			sc.Right += 2
		}
		h.Accuracy[t] = sc
	}
	return q
}

// never is a channel that misses no daily.
func never(*bank.Question) bool { return false }

func TestPickDailyDoesNotRepeatUntilTheBankIsUsedUp(t *testing.T) {
	qs := questions([]string{"pod"}, []string{"pv"}, []string{"etcd"}, nil)
	h := newHistory()
	for round := 1; round <= 3; round++ {
		seen := map[string]bool{}
		for day := range qs {
			q := h.daily(qs, rand.New(rand.NewPCG(uint64(round*10+day), 1)), never)
			if seen[q.ID] {
				t.Fatalf("round %d repeated %s before every question was used", round, q.ID)
			}
			seen[q.ID] = true
		}
	}
}

// TestPickDailyAfterAnUpgradeShowsTheQuestionsNeverShownFirst picks from
// a history an earlier version kept, with no cycle start: its cycle counts
// from the first daily, so the question that the old count of cycles (a
// cycle every len(bank) uses) let a comeback displace comes first.
func TestPickDailyAfterAnUpgradeShowsTheQuestionsNeverShownFirst(t *testing.T) {
	qs := questions([]string{"pod"}, []string{"pod"}, []string{"pod"}, []string{"pod"})
	// Six uses, two of them comebacks: d was never shown.
	h := DailyHistory{Used: map[string]int64{"a": 5, "b": 6, "c": 4}, Uses: 6, Accuracy: map[string]TopicScore{}}
	for seed := range uint64(20) {
		if q, u := pickDaily(qs, h, rand.New(rand.NewPCG(seed, 1))); q.ID != "d" || u != (DailyUse{QuestionID: "d"}) {
			t.Fatalf("seed %d picked %s (%+v), want d, never shown, in the cycle begun with the first daily", seed, q.ID, u)
		}
	}
}

// TestPickDailyAfterAnUpgradeKeepsTheLastDaysOut: a history an earlier
// version kept, which used every question, counts its cycle as that
// version did (a bank's worth of uses): the questions of its last days do
// not come back at once, as they would were the history one cycle from
// its first daily, ended.
func TestPickDailyAfterAnUpgradeKeepsTheLastDaysOut(t *testing.T) {
	qs := questions([]string{"pod"}, []string{"pv"}, []string{"etcd"}, []string{"dns"})
	// Six uses: a b c d, then c and a in the second cycle.
	h := DailyHistory{Used: map[string]int64{"a": 6, "b": 2, "c": 5, "d": 4}, Uses: 6, Accuracy: map[string]TopicScore{}}
	for seed := range uint64(20) {
		q, u := pickDaily(qs, h, rand.New(rand.NewPCG(seed, 1)))
		if q.ID != "b" && q.ID != "d" || u.CycleStart != 4 {
			t.Fatalf("seed %d picked %s (%+v), want b or d, not yet used in the cycle begun at the fifth daily", seed, q.ID, u)
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
		q := h.daily(qs, rand.New(rand.NewPCG(uint64(day), 7)), func(q *bank.Question) bool { return q.Topics[0] == "pv" })
		picks = append(picks, q)
	}
	for i := 2; i < len(picks); i++ {
		if a, b, c := picks[i-2].Topics[0], picks[i-1].Topics[0], picks[i].Topics[0]; a == b && b == c {
			t.Errorf("days %d–%d all had %s", i-2, i, a)
		}
	}
	backEarly := 0
	cycles := dailyCycles(picks, len(qs))
	for _, c := range cycles {
		for i := c.first; i < c.end; i++ {
			q := picks[i]
			for j := i - 1; j >= c.first; j-- {
				if picks[j].ID == q.ID { // twice in one cycle: a missed question back
					if q.Topics[0] != "pv" || i-j < missedGap {
						t.Errorf("%s (%s) came back after %d days in one cycle", q.ID, q.Topics[0], i-j)
					}
					backEarly++
					break
				}
			}
		}
	}
	if backEarly == 0 {
		t.Error("no missed question came back before its cycle would bring it")
	}
	if first2 := picks[cycles[1].first].Topics[0]; first2 != "pv" {
		t.Errorf("the second cycle opened with %s, want the weakest topic, pv", first2)
	}
}

func TestPickDailyPrefersTheChannelsWeakestTopic(t *testing.T) {
	qs := questions([]string{"pod"}, []string{"pv"}, []string{"etcd"}, []string{"pv", "pvc"})
	acc := map[string]TopicScore{"pod": {Tries: 10, Right: 9}, "pv": {Tries: 10, Right: 2}, "etcd": {Tries: 4, Right: 2}}
	for seed := range uint64(20) {
		q, _ := pickDaily(qs, DailyHistory{Accuracy: acc}, rand.New(rand.NewPCG(seed, 1)))
		if q.ID != "b" && q.ID != "d" {
			t.Fatalf("seed %d picked %s %v, want a pv question", seed, q.ID, q.Topics)
		}
	}
	used := DailyHistory{Used: map[string]int64{"b": 1, "d": 2}, Uses: 2, Accuracy: acc}
	if q, _ := pickDaily(qs, used, rand.New(rand.NewPCG(1, 1))); q.ID != "c" {
		t.Errorf("with the pv questions used, picked %s, want etcd (50%%) over pod (90%%)", q.ID)
	}
}

func TestPickDailyIsDeterministicForAChannelAndDate(t *testing.T) {
	qs := questions([]string{"a"}, []string{"b"}, []string{"c"}, []string{"d"}, []string{"e"})
	pick := func(channel, date string) string {
		q, _ := pickDaily(qs, DailyHistory{}, rand.New(rand.NewPCG(dailySeed("s", channel, date))))
		return q.ID
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

// simulateDailies picks days dailies of qs for a channel that misses each
// daily with probability missRate, recording each as the store does; it
// returns the questions posted, in order, and which of them were missed.
func simulateDailies(qs []*bank.Question, days int, missRate float64, seed uint64) ([]*bank.Question, []bool) {
	misses := rand.New(rand.NewPCG(seed, 99))
	h := newHistory()
	var posted []*bank.Question
	var missed []bool
	for day := range days {
		q := h.daily(qs, rand.New(rand.NewPCG(seed, uint64(day))), func(*bank.Question) bool {
			missed = append(missed, misses.Float64() < missRate)
			return missed[day]
		})
		posted = append(posted, q)
	}
	return posted, missed
}

// dailyCycle is one cycle of a run of dailies: the posts from first up to
// and including the one that completed the bank (or the run's end).
type dailyCycle struct{ first, end int }

// dailyCycles splits posts into cycles as the SPEC counts them: a cycle
// ends when every question of the bank has been posted in it.
func dailyCycles(posted []*bank.Question, bankSize int) []dailyCycle {
	var cycles []dailyCycle
	seen := map[string]bool{}
	first := 0
	for i, q := range posted {
		seen[q.ID] = true
		if len(seen) == bankSize {
			cycles = append(cycles, dailyCycle{first, i + 1})
			seen, first = map[string]bool{}, i+1
		}
	}
	if first < len(posted) {
		cycles = append(cycles, dailyCycle{first, len(posted)})
	}
	return cycles
}

// shownCounts counts, among the first days posts, the bank's questions never
// shown and those shown twice or more.
func shownCounts(qs []*bank.Question, posted []*bank.Question, days int) (never, twice int) {
	shown := map[string]int{}
	for _, q := range posted[:days] {
		shown[q.ID]++
	}
	for _, q := range qs {
		switch {
		case shown[q.ID] == 0:
			never++
		case shown[q.ID] >= 2:
			twice++
		}
	}
	return never, twice
}

// comebackWithin is how soon, at most, the simulations expect a missed
// question back: its gap, and a wait behind the others due back.
const comebackWithin = 4 * missedGap

// TestPickDailyUsesTheWholeBankDespiteMissedQuestions simulates two
// banks' worth of dailies over the shipped bank, for channels that miss
// 10 % and 40 % of their dailies (failing on a cycle counted in posts,
// which starved the questions a comeback displaced), and logs how many
// questions were never shown, or shown twice.
func TestPickDailyUsesTheWholeBankDespiteMissedQuestions(t *testing.T) {
	qs := testkit.ShippedBank(t).Questions()
	n := len(qs)
	for _, rate := range []float64{0.1, 0.4} {
		var never1, twice1, never2, twice2 int
		const channels = 10
		for seed := range uint64(channels) {
			posted, missed := simulateDailies(qs, 2*n, rate, seed)
			checkDailyRun(t, fmt.Sprintf("%.0f %% missed, channel %d", rate*100, seed), posted, missed, n)
			a, b := shownCounts(qs, posted, n)
			c, d := shownCounts(qs, posted, 2*n)
			never1, twice1, never2, twice2 = never1+a, twice1+b, never2+c, twice2+d
		}
		t.Logf("%.0f %% missed, mean of %d channels: after %d dailies %.1f never shown, %.1f shown twice or more; after %d, %.1f never shown, %.1f twice or more",
			rate*100, channels, n, float64(never1)/channels, float64(twice1)/channels, 2*n, float64(never2)/channels, float64(twice2)/channels)
	}
}

// checkDailyRun checks a run of dailies over a bank of n questions: no
// question is posted a third time before every question was posted once,
// and every question is posted; a question comes back within a cycle only
// after the channel missed it there, and once at most; a missed question
// waits missedGap dailies or more, and one missed on its first post in a
// cycle is back within comebackWithin.
func checkDailyRun(t *testing.T, run string, posted []*bank.Question, missed []bool, n int) {
	t.Helper()
	shown := map[string]int{}
	for i, q := range posted {
		if shown[q.ID]++; shown[q.ID] == 3 && len(shown) < n {
			t.Errorf("%s: %s posted a third time on day %d, while %d questions were never posted", run, q.ID, i+1, n-len(shown))
		}
	}
	if len(shown) < n {
		t.Errorf("%s: %d questions never shown in %d dailies", run, n-len(shown), len(posted))
	}
	for _, c := range dailyCycles(posted, n) {
		last := map[string]int{} // each question's latest post in the cycle
		backs := map[string]int{}
		for i := c.first; i < c.end; i++ {
			id := posted[i].ID
			j, again := last[id]
			if again {
				backs[id]++
				if !missed[j] || backs[id] > 1 {
					t.Errorf("%s: %s came back on day %d after day %d (missed: %v), its comeback %d in the cycle", run, id, i+1, j+1, missed[j], backs[id])
				}
			}
			last[id] = i
			if !missed[i] {
				continue
			}
			later := slices.IndexFunc(posted[i+1:], func(q *bank.Question) bool { return q.ID == id }) + 1 // 0: not again in the run
			switch {
			case later > 0 && later < missedGap:
				t.Errorf("%s: %s, missed on day %d, came back %d days later", run, id, i+1, later)
			case !again && (later > comebackWithin || later == 0 && i+comebackWithin < len(posted)):
				t.Errorf("%s: %s, missed on day %d, first in its cycle, was not back within %d days", run, id, i+1, comebackWithin)
			}
		}
	}
}
