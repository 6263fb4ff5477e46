package quiz

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// dailyDate is a channel's local date of t.
func dailyDate(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01-02") }

// dailyAt is when a channel's daily is due on a local date.
func dailyAt(d DailySettings, date string, loc *time.Location) time.Time {
	day, _ := time.ParseInLocation("2006-01-02", date, loc)
	return time.Date(day.Year(), day.Month(), day.Day(), d.Hour, d.Minute, 0, 0, loc)
}

// errNoDailyQuestion means the bank yields no quiz at all.
var errNoDailyQuestion = errors.New("no question of the bank yields a quiz")

// madeDaily is a daily made and not yet sent: the post to record once it
// is sent, the message to send, and the question's use, recorded only once
// the platform may have shown it (publish).
type madeDaily struct {
	post DailyPost
	msg  Message
	use  DailyUse
}

// makeDaily picks and stores a channel's daily quiz, named as its claim
// took it (DailyPost.Date).
func (s *Service) makeDaily(ctx context.Context, d DailySettings, name string, loc *time.Location) (madeDaily, error) {
	hist, err := s.dailies.DailyHistory(ctx, d.Scope, d.Channel)
	if err != nil {
		return madeDaily{}, err
	}
	var cands []*bank.Question
	for _, q := range s.bank.Questions() {
		if len(s.gen.Formats(q)) > 0 {
			cands = append(cands, q)
		}
	}
	if len(cands) == 0 {
		return madeDaily{}, errNoDailyQuestion
	}
	r := rand.New(rand.NewPCG(dailySeed(d.Scope, d.Channel, name)))
	q, use := pickDaily(cands, hist, r)
	mq, err := s.gen.Generate(q, r)
	if err != nil {
		return madeDaily{}, err
	}
	var id string
	s.withRand(func(r *rand.Rand) { id = randomID(r, quizIDLength) })
	now := s.now()
	l := ParseLang(d.Lang)
	date := postDay(name)
	reveal := now.Add(s.revealAfter)
	stored := Quiz{
		ID: id, Scope: d.Scope, Channel: d.Channel, Lang: string(l), Prefix: d.Prefix,
		QuestionID: q.ID, Topics: q.Topics, Format: string(mq.Format),
		Prompt: mq.Prompt, Choices: mq.Choices, Correct: mq.Correct,
		Points: DailyPoints, Bonus: DailyFirstBonus, Daily: true,
		Note:    s.t(l, msgDailyNote, s.postLabel(l, name), s.revealTime(l, reveal, loc, date), zoneLabel(d.Zone), DailyPoints, DailyFirstBonus),
		Created: now, Closes: reveal, TTL: s.revealAfter + AnswerPeriod,
	}
	if err := s.store.CreateQuiz(ctx, stored); err != nil {
		return madeDaily{}, err
	}
	s.quizzes.put(&stored)
	post := DailyPost{
		Platform: d.Platform, Scope: d.Scope, Channel: d.Channel, Date: name,
		QuizID: id, QuestionID: q.ID, PostedAt: now, RevealAt: reveal, Lang: string(l),
	}
	use.Post = id
	return madeDaily{post: post, msg: s.quizMessage(stored, 0), use: use}, nil
}

// Reveal limits.
const (
	revealNames = 10
	revealTop   = 5
)

// reveal is a daily's reveal to post, its quiz as it reads closed, and
// how many answered it.
type reveal struct {
	message, closed Message
	answered        int
}

// revealDaily closes a daily's answers and makes the reveal: the right
// option, the full reference answer, how many answered, who was right (the
// first ten) and the top five of the week it was posted in.
func (s *Service) revealDaily(ctx context.Context, p DailyPost) (reveal, error) {
	now := s.now()
	if now.Before(p.RevealAt) {
		if err := s.dailies.CloseQuiz(ctx, p.Scope, p.QuizID, now); err != nil {
			return reveal{}, err
		}
	}
	q := s.quizzes.get(p.Scope, p.QuizID)
	if q == nil {
		stored, ok, err := s.dailies.LoadQuiz(ctx, p.Scope, p.QuizID)
		if err != nil {
			return reveal{}, err
		}
		if !ok {
			return reveal{}, fmt.Errorf("daily quiz %s of %s has expired", p.QuizID, p.Date)
		}
		q = &stored
	}
	// The top five are of the week the daily was posted in, which a reveal
	// on the next Monday has just ended: a week of the scope's zone.
	z, err := s.scopeZone(ctx, p.Scope, now)
	if err != nil {
		return reveal{}, err
	}
	week := z.week(p.PostedAt)
	res, err := s.dailies.DailyResults(ctx, p, week, revealNames, revealTop)
	if err != nil {
		return reveal{}, err
	}
	if res.Answered > 0 {
		// Most of the channel got it wrong: the question comes back later.
		if err := s.dailies.SetMissed(ctx, p.Scope, p.Channel, p.QuestionID, res.RightCount*2 < res.Answered); err != nil {
			return reveal{}, err
		}
	}
	l := ParseLang(p.Lang)
	blocks := []rich.Block{
		rich.Para(rich.Span{Text: "📅 " + s.t(l, msgRevealTitle, s.postLabel(l, p.Date)), Style: rich.Bold}),
		{Kind: rich.Quote, Children: []rich.Block{rich.Text(q.Prompt)}},
		rich.Para(rich.Span{Text: s.t(l, msgCorrectOption, ChoiceLabel(q.Correct, q.Choices[q.Correct])), Style: rich.Bold}),
	}
	if bq, ok := s.bank.ByID(p.QuestionID); ok {
		blocks = append(blocks, rich.Para(rich.Span{Text: "💡 " + bq.Title, Style: rich.Bold}))
		blocks = append(blocks, bq.Answer...)
	}
	summary := []rich.Span{{Text: s.t(l, msgRevealCounts, res.Answered, res.RightCount)}}
	if len(res.Right) > 0 {
		// Each name in bold, apart from the separators between them: a name
		// such as "Ann, Bob and 37 more" reads as the one name it is.
		summary = append(summary, rich.Span{Text: "\n" + s.t(l, msgRevealRight)})
		for i, name := range res.Right {
			if i > 0 {
				summary = append(summary, rich.Span{Text: s.t(l, msgListSeparator)})
			}
			summary = append(summary, rich.Span{Text: name, Style: rich.Bold})
		}
		if res.RightCount > len(res.Right) {
			summary = append(summary, rich.Span{Text: s.t(l, msgRevealMore, res.RightCount-len(res.Right))})
		}
	}
	blocks = append(blocks, rich.Para(summary...))
	if len(res.Top) > 0 {
		title := msgRevealTop
		if week != z.week(now) {
			title = msgRevealTopOfPostWeek
		}
		blocks = append(blocks, rich.Para(rich.Span{Text: s.t(l, title), Style: rich.Bold}), boardList(l, s, res.Top, ""))
	}
	return reveal{message: Message{Blocks: blocks}, closed: s.closedQuizMessage(*q, res.Answered), answered: res.Answered}, nil
}
