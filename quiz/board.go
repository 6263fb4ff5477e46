package quiz

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// BoardSize is how many places `top` shows.
const BoardSize = 10

// top shows a leaderboard with the caller's own place.
func (s *Service) top(ctx context.Context, req Request, args []string) Response {
	period := "week"
	if len(args) > 0 {
		period = strings.ToLower(args[0])
	}
	q := BoardQuery{Scope: req.Scope, User: req.User, Limit: BoardSize}
	switch period {
	case "week", "w", "本周", "周":
		q.Week = s.week(s.now())
	case "all", "a", "total", "全部", "总":
	default:
		return s.invalid(s.langOf(ctx, req), msgTopUsage, req.Prefix)
	}
	b, err := s.store.Leaderboard(ctx, q)
	if err != nil {
		s.storeFailed(ctx, "reading leaderboard", err)
		return s.unavailable(s.pickLang("", req), msgScoresUnavailable)
	}
	l := s.pickLang(b.Lang, req)
	title := s.t(l, msgBoardAll)
	if q.Week != "" {
		title = s.t(l, msgBoardWeek, q.Week)
	}
	blocks := []rich.Block{rich.Para(rich.Span{Text: "🏆 " + title, Style: rich.Bold})}
	if len(b.Entries) == 0 {
		blocks = append(blocks, rich.Text(s.t(l, msgBoardEmpty, req.Prefix)))
		return Response{Messages: []Message{{Blocks: blocks}}}
	}
	blocks = append(blocks, boardList(l, s, b.Entries, req.User))
	if b.Me == nil {
		blocks = append(blocks, rich.Text(s.t(l, msgBoardNotOnIt, req.Prefix)))
	} else if b.Me.Rank > int64(len(b.Entries)) || !onBoard(b.Entries, req.User) {
		blocks = append(blocks, rich.Text(s.t(l, msgBoardYou, b.Me.Rank, b.Players, b.Me.Points)))
	}
	return Response{Messages: []Message{{Blocks: blocks}}}
}

func onBoard(entries []BoardEntry, user string) bool {
	for _, e := range entries {
		if e.User == user {
			return true
		}
	}
	return false
}

// boardList is the numbered list of places; the caller's is in bold.
func boardList(l Lang, s *Service, entries []BoardEntry, user string) rich.Block {
	medals := []string{"🥇", "🥈", "🥉"}
	var items [][]rich.Block
	for _, e := range entries {
		place := fmt.Sprintf("%d.", e.Rank)
		if e.Rank <= 3 {
			place = medals[e.Rank-1]
		}
		name := e.Name
		if name == "" {
			name = e.User
		}
		line := fmt.Sprintf("%s %s — %s", place, name, s.t(l, msgPoints, e.Points))
		style := rich.Style(0)
		if e.User == user {
			style = rich.Bold
		}
		items = append(items, []rich.Block{rich.Para(rich.Span{Text: line, Style: style})})
	}
	return rich.Block{Kind: rich.List, Items: items}
}

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
	if weak := weakestTopics(st.Topics, 3); len(weak) > 0 {
		lines = append(lines, s.t(l, msgStatsWeakest, strings.Join(weak, " · ")))
	}
	blocks := []rich.Block{
		rich.Para(rich.Span{Text: "📊 " + s.t(l, msgStatsTitle), Style: rich.Bold}),
		rich.Text(strings.Join(lines, "\n")),
	}
	return Response{Messages: []Message{{Private: true, Blocks: blocks}}}
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
