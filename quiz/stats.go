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
	st, err := s.store.Stats(ctx, req.Scope, req.User, s.week(now))
	if err != nil {
		s.storeFailed(ctx, "reading stats", err)
		return s.unavailable(s.pickLang("", req), msgScoresUnavailable)
	}
	l := s.pickLang(st.Lang, req)
	rank := func(r int64) string {
		if r == 0 {
			return s.t(l, msgUnranked)
		}
		return s.t(l, msgRank, r)
	}
	accuracy := "—"
	if st.Answered > 0 {
		accuracy = fmt.Sprintf("%d%%", st.Correct*100/st.Answered)
	}
	due := 0
	for _, c := range st.Cards {
		if !c.Due.After(now) {
			due++
		}
	}
	streak := st.Streak
	if today := s.day(now); st.LastDay < today-1 {
		streak = 0 // the run ended before yesterday
	}
	lines := []string{
		s.t(l, msgStatsPoints, st.WeekPoints, rank(st.WeekRank), st.Points, rank(st.Rank)),
		s.t(l, msgStatsQuizzes, st.Answered, accuracy),
		s.t(l, msgStatsReviews, st.Reviews, due, len(st.Cards)),
		s.t(l, msgStatsStreak, streak, st.Best),
	}
	if weak := weakestTopics(st.Topics, 3, 2); len(weak) > 0 {
		lines = append(lines, s.t(l, msgStatsWeakest, strings.Join(weak, " · ")))
	}
	lines = append(lines, s.typedStatsLines(l, req, st.Typed)...)
	blocks := []rich.Block{
		rich.Para(rich.Span{Text: "📊 " + s.t(l, msgStatsTitle), Style: rich.Bold}),
		rich.Text(strings.Join(lines, "\n")),
	}
	return Response{Messages: []Message{{Private: true, Blocks: blocks}}}
}

// typedStatsLines say how the user answers in words: how many answers, the
// average coverage of key points, and the best and weakest topics (with at
// least minTypedPoints key points scored).
func (s *Service) typedStatsLines(l Lang, req Request, t TypedStats) []string {
	if t.Answers == 0 || t.Scored == 0 {
		return []string{s.t(l, msgStatsTypedNone, req.Prefix)}
	}
	lines := []string{s.t(l, msgStatsTyped, t.Answers, t.Covered*100/t.Scored)}
	topics := map[string]TopicScore{}
	for name, c := range t.Topics {
		topics[name] = TopicScore{Tries: c.Scored, Right: c.Covered}
	}
	ranked := rankTopics(topics, minTypedPoints)
	if len(ranked) < 2 {
		return lines
	}
	n := min(2, len(ranked)/2) // best and weakest never overlap
	var best []string
	for i := len(ranked) - 1; i >= len(ranked)-n; i-- {
		best = append(best, ranked[i].String())
	}
	var weak []string
	for _, t := range ranked[:n] {
		weak = append(weak, t.String())
	}
	return append(lines, s.t(l, msgStatsTypedTopics, strings.Join(best, " · "), strings.Join(weak, " · ")))
}

// minTypedPoints is the fewest key points scored on a topic for it to be
// called best or weakest in words.
const minTypedPoints = 2

// rankedTopic is a topic with its results.
type rankedTopic struct {
	name string
	TopicScore
}

// String is "pv 33%".
func (t rankedTopic) String() string {
	return fmt.Sprintf("%s %d%%", t.name, t.Right*100/t.Tries)
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
		// a.Right/a.Tries < b.Right/b.Tries, without division.
		if x, y := a.Right*b.Tries, b.Right*a.Tries; x != y {
			return x < y
		}
		if a.Tries != b.Tries {
			return a.Tries > b.Tries
		}
		return a.name < b.name
	})
	return list
}

// weakestTopics lists up to n topics with the lowest share right, as
// "pv 33%", among topics tried at least minTries times.
func weakestTopics(topics map[string]TopicScore, n, minTries int) []string {
	var out []string
	for _, t := range rankTopics(topics, minTries) {
		if len(out) == n {
			break
		}
		out = append(out, t.String())
	}
	return out
}
