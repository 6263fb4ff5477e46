package quiz

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// stats shows the caller's figures.
func (s *Service) stats(ctx context.Context, req Request) Response {
	now := s.now()
	var st Stats
	z, err := s.scopeZone(ctx, req.Scope, now)
	if err == nil {
		st, err = s.store.Stats(ctx, req.Scope, req.User, z.week(now))
	}
	if err != nil {
		s.storeFailed(ctx, "reading stats", err)
		return s.unavailable(s.langUnread(req), msgScoresUnavailable)
	}
	l := s.pickLang(st.Lang, req)
	s.deriveStats(&st)
	rank := func(r int64) string {
		if r == 0 {
			return s.t(l, msgUnranked)
		}
		return s.t(l, msgRank, r)
	}
	quizzes := s.t(l, msgStatsNoQuizzes)
	if st.Answered > 0 {
		quizzes = s.t(l, msgStatsQuizzes, st.Answered, fmt.Sprintf("%d%%", percent(st.Correct, st.Answered)))
	}
	cards := s.withAttempts(z, st.Cards, st.Attempts)
	due := 0
	for _, c := range cards {
		if !c.Due.After(now) {
			due++
		}
	}
	streak := st.Streak
	if today := z.day(now); st.LastDay < today-1 {
		streak = 0 // the run ended before yesterday
	}
	reviews := s.t(l, msgStatsNoReviews, req.Prefix)
	if st.Reviews > 0 || len(cards) > 0 {
		reviews = s.t(l, msgStatsReviews, st.Reviews, due, len(cards))
	}
	streaks := s.t(l, msgStatsNoStreak)
	switch {
	case st.Best > 0 && streak > 0:
		streaks = s.t(l, msgStatsStreak, streak, st.Best)
	case st.Best > 0: // the run is broken: its best is still worth telling
		streaks = s.t(l, msgStatsStreakBroken, st.Best)
	}
	lines := []string{
		s.t(l, msgStatsPoints, st.WeekPoints, rank(st.WeekRank), st.Points, rank(st.Rank)),
		quizzes,
		reviews,
		streaks,
	}
	if weak := weakestTopics(st.Topics, 3, 2); len(weak) > 0 {
		lines = append(lines, s.t(l, msgStatsWeakest, s.list(l, weak)))
	}
	lines = append(lines, s.typedStatsLines(l, req, st.Typed)...)
	blocks := []rich.Block{
		rich.Para(rich.Span{Text: "📊 " + s.t(l, msgStatsTitle), Style: rich.Bold}),
		rich.Text(strings.Join(lines, "\n")),
	}
	return Response{Messages: []Message{{Private: true, Blocks: blocks}}}
}

// deriveStats adds the per-question counts to the topics (the store keeps
// counts per question; a question's topics are the bank's): quiz answers
// and right ones, reviews and those recalled (Good, Easy), and those
// graded Hard, half recalled.
func (s *Service) deriveStats(st *Stats) {
	if st.Topics == nil {
		st.Topics = map[string]TopicScore{}
	}
	for id, qs := range st.Questions {
		q, ok := s.bank.ByID(id)
		if !ok {
			continue // a question no longer in the bank
		}
		for _, t := range q.Topics {
			ts := st.Topics[t]
			ts.Tries += qs.QuizTries + qs.Reviews
			ts.Right += qs.QuizRight + qs.Recalled
			ts.Half += qs.Hard
			st.Topics[t] = ts
		}
	}
}

// typedStatsLines say how the user answers in words: how many answers, the
// average coverage of key points, and the best and weakest topics (with at
// least minTypedPoints key points scored): a topic with no key point
// covered is never called best, nor one with every key point covered
// weakest.
func (s *Service) typedStatsLines(l Lang, req Request, t TypedStats) []string {
	covered, scored := 0, 0
	topics := map[string]TopicScore{}
	for id, c := range t.Questions {
		covered, scored = covered+c.Covered, scored+c.Scored
		if q, ok := s.bank.ByID(id); ok {
			for _, name := range q.Topics {
				ts := topics[name]
				ts.Tries, ts.Right = ts.Tries+c.Scored, ts.Right+c.Covered
				topics[name] = ts
			}
		}
	}
	if t.Answers == 0 || scored == 0 {
		return []string{s.t(l, msgStatsTypedNone, req.Prefix)}
	}
	lines := []string{s.t(l, msgStatsTyped, t.Answers, percent(covered, scored))}
	ranked := rankTopics(topics, minTypedPoints)
	if len(ranked) < 2 {
		return lines
	}
	n := min(2, len(ranked)/2) // best and weakest never overlap
	lowest, highest := ranked[0], ranked[len(ranked)-1]
	var best []string
	for i := len(ranked) - 1; i >= len(ranked)-n; i-- {
		// A topic with nothing covered is no best, nor one short of full
		// marks no better than the weakest (the topics of one answer
		// share its score: one is not best and the other weakest).
		if t := ranked[i]; t.Right > 0 && (t.Right == t.Tries || lowest.below(t)) {
			best = append(best, ranked[i].String())
		}
	}
	var weak []string
	for _, t := range ranked[:n] {
		if t.Right < t.Tries && t.below(highest) { // a topic fully covered is no weakness
			weak = append(weak, t.String())
		}
	}
	switch {
	case len(best) > 0 && len(weak) > 0:
		lines = append(lines, s.t(l, msgStatsTypedTopics, s.list(l, best), s.list(l, weak)))
	case len(best) > 0:
		lines = append(lines, s.t(l, msgStatsTypedBest, s.list(l, best)))
	case len(weak) > 0:
		lines = append(lines, s.t(l, msgStatsTypedWeakest, s.list(l, weak)))
	}
	return lines
}

// minTypedPoints is the fewest key points scored on a topic for it to be
// called best or weakest in words.
const minTypedPoints = 2

// rankedTopic is a topic with its results.
type rankedTopic struct {
	name string
	TopicScore
}

// credit is a topic's share right as a fraction in halves: two for each
// right, one for each half right, of two for each try.
func (t TopicScore) credit() (part, whole int) { return 2*t.Right + t.Half, 2 * t.Tries }

// accuracy is a topic's share right, 0 to 1; Tries must be positive.
func (t TopicScore) accuracy() float64 {
	part, whole := t.credit()
	return float64(part) / float64(whole)
}

// String is "pv 33%".
func (t rankedTopic) String() string {
	return fmt.Sprintf("%s %d%%", t.name, percent(t.credit()))
}

// below reports whether t has a lower share right than u.
func (t rankedTopic) below(u rankedTopic) bool {
	tp, tw := t.credit()
	up, uw := u.credit()
	return tp*uw < up*tw
}

// rankTopics orders the topics tried at least minTries times from the
// lowest share right to the highest.
func rankTopics(topics map[string]TopicScore, minTries int) []rankedTopic {
	var list []rankedTopic
	for name, sc := range topics {
		if sc.Tries >= minTries && sc.Tries > 0 {
			list = append(list, rankedTopic{name, sc})
		}
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.below(b) || b.below(a) {
			return a.below(b)
		}
		if a.Tries != b.Tries {
			return a.Tries > b.Tries
		}
		return a.name < b.name
	})
	return list
}

// weakestTopics lists up to n topics with the lowest share right, as
// "pv 33%", among topics tried at least minTries times and not always
// answered right: a topic at 100% is no weakness.
func weakestTopics(topics map[string]TopicScore, n, minTries int) []string {
	var out []string
	for _, t := range rankTopics(topics, minTries) {
		if part, whole := t.credit(); len(out) == n || part >= whole {
			break // ranked weakest first: the rest are all right too
		}
		out = append(out, t.String())
	}
	return out
}

// percent is part of whole in percent, rounded to the nearest, but never
// 100 short of the whole nor 0 above nothing: 2 of 3 is 67%, 199 of 200
// 99%, 1 of 300 1%. whole must be positive.
func percent(part, whole int) int {
	p := (part*200 + whole) / (2 * whole)
	switch {
	case p == 100 && part < whole:
		return 99
	case p == 0 && part > 0:
		return 1
	}
	return p
}
