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
	s.deriveStats(&st)
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
	cards := s.withAttempts(st.Cards, st.Attempts)
	due := 0
	for _, c := range cards {
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
		s.t(l, msgStatsReviews, st.Reviews, due, len(cards)),
		s.t(l, msgStatsStreak, streak, st.Best),
	}
	if weak := weakestTopics(st.Topics, 3); len(weak) > 0 {
		lines = append(lines, s.t(l, msgStatsWeakest, strings.Join(weak, " · ")))
	}
	blocks := []rich.Block{
		rich.Para(rich.Span{Text: "📊 " + s.t(l, msgStatsTitle), Style: rich.Bold}),
		rich.Text(strings.Join(lines, "\n")),
	}
	return Response{Messages: []Message{{Private: true, Blocks: blocks}}}
}

// deriveStats adds the per-question counts to the topics (the store keeps
// counts per question; a question's topics are the bank's).
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
			st.Topics[t] = ts
		}
	}
}

// weakestTopics lists up to n topics with the lowest share right, as
// "pv 33%", among topics tried at least twice.
func weakestTopics(topics map[string]TopicScore, n int) []string {
	type ts struct {
		name string
		TopicScore
	}
	var list []ts
	for name, sc := range topics {
		if sc.Tries >= 2 {
			list = append(list, ts{name, sc})
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
	var out []string
	for i := 0; i < len(list) && i < n; i++ {
		out = append(out, fmt.Sprintf("%s %d%%", list[i].name, list[i].Right*100/list[i].Tries))
	}
	return out
}
