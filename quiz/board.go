package quiz

import (
	"context"
	"fmt"
	"time"

	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// BoardSize is how many places `top` shows.
const BoardSize = 10

// boardPeriod reads top's word: weekly for this week's board, not for the
// all-time one; ok is false for a word that names neither.
func boardPeriod(word string) (weekly, ok bool) {
	switch textnorm.Fold(word) {
	case "week", "w", "本周", "周":
		return true, true
	case "all", "a", "total", "全部", "总":
		return false, true
	}
	return false, false
}

// top shows a leaderboard with the caller's own place. In a conversation
// others read, the same board asked for again within boardRepeat of its
// last post there is not posted again: it is shown to the caller alone,
// or, where the platform cannot show a message to one person (Shared),
// a line points at the last one.
func (s *Service) top(ctx context.Context, req Request, args []string) Response {
	r := s.board(ctx, req, args)
	if len(r.Messages) != 1 || r.Messages[0].Private || req.inDirectChat() || req.Terminal {
		return r
	}
	period := "week"
	if len(args) > 0 {
		if weekly, _ := boardPeriod(args[0]); !weekly {
			period = "all"
		}
	}
	if !s.boards.repeat(req.Scope+"\x00"+req.Channel+"\x00"+period, s.now()) {
		return r
	}
	if req.Shared {
		return Response{Notice: s.t(s.langOf(ctx, req), msgBoardJustPosted)}
	}
	r.Messages[0].Private = true
	return r
}

// board is the leaderboard top shows.
func (s *Service) board(ctx context.Context, req Request, args []string) Response {
	weekly := true
	if len(args) > 0 {
		var ok bool
		if weekly, ok = boardPeriod(args[0]); !ok {
			return s.invalid(s.langOf(ctx, req), msgTopUsage, req.Prefix)
		}
	}
	q := BoardQuery{Scope: req.Scope, User: req.User, Limit: BoardSize}
	var week localDay
	var loc *time.Location
	if weekly {
		now := s.now()
		z, err := s.scopeZone(ctx, req.Scope, now)
		if err != nil {
			s.storeFailed(ctx, "reading the scope's zone", err)
			return s.unavailable(s.langUnread(req), msgScoresUnavailable)
		}
		week, loc = z.dayWeek(now), z.loc
		q.Week = week.week
	}
	b, err := s.store.Leaderboard(ctx, q)
	if err != nil {
		s.storeFailed(ctx, "reading leaderboard", err)
		return s.unavailable(s.langUnread(req), msgScoresUnavailable)
	}
	l := s.pickLang(b.Lang, req)
	title := s.t(l, msgBoardAll)
	if q.Week != "" {
		title = s.t(l, msgBoardWeek, s.weekDays(l, week.weekStart, loc))
	}
	blocks := []rich.Block{rich.Para(rich.Span{Text: "🏆 " + title, Style: rich.Bold})}
	if len(b.Entries) == 0 {
		blocks = append(blocks, rich.Text(s.t(l, msgBoardEmpty, req.Prefix)))
		return Response{Messages: []Message{{Blocks: blocks}}}
	}
	// In a conversation others read, no row stands out, and the caller's
	// own line names them: "You" would read as whoever is reading.
	direct := req.inDirectChat()
	me := ""
	if direct {
		me = req.User
	}
	blocks = append(blocks, boardList(l, s, b.Entries, me))
	name := req.UserName
	if name == "" {
		name = req.User
	}
	switch {
	case b.Me == nil && direct:
		blocks = append(blocks, rich.Text(s.t(l, msgBoardNotOnIt, req.Prefix)))
	case b.Me == nil:
		blocks = append(blocks, rich.Text(s.t(l, msgBoardNamedOff, name, req.Prefix)))
	case b.Me.Rank <= int64(len(b.Entries)) && onBoard(b.Entries, req.User):
		// The caller's row is on the list.
	case direct:
		blocks = append(blocks, rich.Text(s.t(l, msgBoardYou, b.Me.Rank, b.Players, b.Me.Points)))
	default:
		blocks = append(blocks, rich.Text(s.t(l, msgBoardNamed, name, b.Me.Rank, b.Players, b.Me.Points)))
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

// boardList is the numbered list of places; me's, if me is not empty, is
// in bold and says it is theirs.
func boardList(l Lang, s *Service, entries []BoardEntry, me string) rich.Block {
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
		if me != "" && e.User == me {
			line, style = s.t(l, msgBoardMe, line), rich.Bold
		}
		items = append(items, []rich.Block{rich.Para(rich.Span{Text: line, Style: style})})
	}
	return rich.Block{Kind: rich.List, Items: items}
}

// weekDays names a week by its first and last day, as people do ("Mon Nov
// 30 – Sun Dec 6", "11月30日–12月6日"), not by its ISO key (2026-W49).
func (s *Service) weekDays(l Lang, monday time.Time, loc *time.Location) string {
	sunday := monday.AddDate(0, 0, 6)
	if l == LangEN {
		return s.dateIn(l, monday, loc) + " – " + s.dateIn(l, sunday, loc)
	}
	return s.dateIn(l, monday, loc) + "–" + s.dateIn(l, sunday, loc)
}
