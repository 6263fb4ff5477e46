package quiz

import (
	"context"
	"math/bits"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// ask shows one flashcard: due first, then unseen, then least recently seen.
func (s *Service) ask(ctx context.Context, req Request, args []string) Response {
	p, err := s.store.Practice(ctx, req.Scope, req.User)
	storeUp := err == nil
	if !storeUp {
		// Serve from the bank alone: a random question, nothing recorded.
		s.storeFailed(ctx, "loading practice", err)
		p = Practice{}
	}
	l := s.pickLang(p.Lang, req)
	sel, reply, ok := s.selectQuestions(l, req, args)
	if !ok {
		return reply
	}
	now := s.now()
	var q *bank.Question
	s.withRand(func(r *rand.Rand) { q = pickCard(sel.questions, p, now, r) })
	if storeUp {
		if err := s.store.MarkSeen(ctx, req.Scope, req.User, q.ID, now); err != nil {
			s.storeFailed(ctx, "marking seen", err)
		}
	}
	_, due := p.Cards[q.ID]
	due = due && !p.Cards[q.ID].Due.After(now)
	return Response{Messages: []Message{s.cardMessage(l, q, sel.label, due)}}
}

// pickCard chooses among candidates: cards due for review (most overdue
// first) that were not shown since their last review, then questions never
// shown (at random), then the least recently shown.
func pickCard(cands []*bank.Question, p Practice, now time.Time, r *rand.Rand) *bank.Question {
	var due, unseen, rest []*bank.Question
	for _, q := range cands {
		card, graded := p.Cards[q.ID]
		seen, shown := p.Seen[q.ID]
		switch {
		case graded && !card.Due.After(now) && !seen.After(card.LastReview):
			due = append(due, q)
		case !graded && !shown:
			unseen = append(unseen, q)
		default:
			rest = append(rest, q)
		}
	}
	if len(due) > 0 {
		sort.SliceStable(due, func(i, j int) bool { return p.Cards[due[i].ID].Due.Before(p.Cards[due[j].ID].Due) })
		return due[0]
	}
	if len(unseen) > 0 {
		return unseen[r.IntN(len(unseen))]
	}
	lastShown := func(q *bank.Question) time.Time {
		if t, ok := p.Seen[q.ID]; ok {
			return t
		}
		return p.Cards[q.ID].LastReview
	}
	sort.SliceStable(rest, func(i, j int) bool { return lastShown(rest[i]).Before(lastShown(rest[j])) })
	return rest[0]
}

// cardMessage is a flashcard: the question, its topics and ID, and the
// buttons to reveal the answer or draw another.
func (s *Service) cardMessage(l Lang, q *bank.Question, topic string, due bool) Message {
	meta := s.t(l, msgCardMeta, strings.Join(q.Topics, ", "), q.ID)
	if len(q.Topics) == 0 {
		meta = s.t(l, msgCardMetaNoTopic, q.ID)
	}
	if due {
		meta += " · " + s.t(l, msgDueForReview)
	}
	return Message{
		Private: true,
		Blocks: []rich.Block{
			rich.Para(rich.Span{Text: "📝 " + q.Title, Style: rich.Bold}),
			rich.Para(rich.Span{Text: meta, Style: rich.Italic}),
		},
		Buttons: [][]Button{{
			{Label: s.t(l, msgButtonShow), Payload: encodeShow(q.ID), Primary: true},
			{Label: s.t(l, msgButtonAnother), Payload: encodeNext(topic)},
			{Label: s.t(l, msgButtonAnswerIt), Payload: encodeWrite(q.ID)},
		}},
	}
}

// question finds a question a button names; a question dropped from the
// bank since the button was sent gets a clear reply.
func (s *Service) question(l Lang, id string) (*bank.Question, Response, bool) {
	q, ok := s.bank.ByID(id)
	if !ok {
		return nil, s.invalidNotice(l, msgQuestionGone), false
	}
	return q, Response{}, true
}

// showAnswer reveals the reference answer and offers self-grading.
func (s *Service) showAnswer(ctx context.Context, req Request, id string) Response {
	l := s.langOf(ctx, req)
	q, reply, ok := s.question(l, id)
	if !ok {
		return reply
	}
	blocks := []rich.Block{rich.Para(rich.Span{Text: "💡 " + q.Title, Style: rich.Bold})}
	blocks = append(blocks, q.Answer...)
	blocks = append(blocks, rich.Para(rich.Span{Text: s.t(l, msgHowDidYouDo), Style: rich.Italic}))
	grades := []Button{}
	for g := srs.Again; g <= srs.Easy; g++ {
		grades = append(grades, Button{Label: s.gradeLabel(l, g), Payload: encodeGrade(q.ID, g)})
	}
	buttons := [][]Button{grades}
	if len(q.KeyPoints) >= 2 {
		buttons = append(buttons, []Button{{Label: s.t(l, msgButtonChecklist, len(q.KeyPoints)), Payload: encodeChecklist(q.ID)}})
	}
	return Response{Messages: []Message{{Private: true, Blocks: blocks, Buttons: buttons}}}
}

// coverage is how many of a question's key points a checklist ticked.
type coverage struct{ covered, total int }

// grade stores a self-grade in the user's review schedule. Self-grades earn
// no points: only auto-graded answers do. A grade from a checklist (cov set)
// also closes the checklist.
func (s *Service) grade(ctx context.Context, req Request, id string, g srs.Grade, cov coverage) Response {
	cs, err := s.store.Card(ctx, req.Scope, req.User, id)
	if err != nil {
		s.storeFailed(ctx, "loading card", err)
		l := s.pickLang("", req)
		return s.unavailable(l, msgGradeNotSaved)
	}
	l := s.pickLang(cs.Lang, req)
	q, reply, ok := s.question(l, id)
	if !ok {
		return reply
	}
	now := s.now()
	card := s.sched.Review(cs.Card, g, now)
	act, err := s.store.SaveReview(ctx, Review{
		Scope: req.Scope, User: req.User, QuestionID: q.ID, Card: card,
		Recalled: g >= srs.Good, Topics: q.Topics, Day: s.day(now),
	})
	if err != nil {
		s.storeFailed(ctx, "saving review", err)
		return s.unavailable(l, msgGradeNotSaved)
	}
	var lines []rich.Block
	var done *Message
	if cov.total > 0 {
		lead := rich.Text(s.t(l, msgCovered, cov.covered, cov.total, cov.covered*100/cov.total))
		lines = append(lines, lead)
		done = &Message{Private: true, Blocks: []rich.Block{rich.Para(rich.Span{Text: "✔ " + q.Title, Style: rich.Bold}), lead}}
	}
	lines = append(lines,
		rich.Text(s.t(l, msgGraded, s.gradeLabel(l, g), s.humanDuration(l, card.Due.Sub(now)), s.localDate(l, card.Due))),
		rich.Text(s.t(l, msgStreak, act.Streak, act.Best)),
	)
	return Response{
		Update: done,
		Notice: s.t(l, msgGradedShort, s.gradeLabel(l, g)),
		Messages: []Message{{
			Private: true,
			Blocks:  lines,
			Buttons: [][]Button{{{Label: s.t(l, msgButtonNext), Payload: encodeNext(""), Primary: true}}},
		}},
	}
}

// openChecklist shows (or, after a toggle, redraws) the key-point checklist.
func (s *Service) openChecklist(ctx context.Context, req Request, id string, mask uint32, toggled bool) Response {
	l := s.langOf(ctx, req)
	q, reply, ok := s.question(l, id)
	if !ok {
		return reply
	}
	if len(q.KeyPoints) < 2 || mask>>uint(len(q.KeyPoints)) != 0 {
		return s.badButton(l)
	}
	msg := s.checklistMessage(l, q, mask)
	if toggled {
		return Response{Update: &msg}
	}
	return Response{Messages: []Message{msg}}
}

func (s *Service) checklistMessage(l Lang, q *bank.Question, mask uint32) Message {
	c := &Checklist{QuestionID: q.ID, Checked: mask, SubmitLabel: s.t(l, msgButtonSubmit)}
	for _, kp := range q.KeyPoints {
		c.Points = append(c.Points, kp.Label)
	}
	return Message{
		Private: true,
		Blocks: []rich.Block{
			rich.Para(rich.Span{Text: "✔ " + q.Title, Style: rich.Bold}),
			rich.Text(s.t(l, msgChecklistIntro)),
		},
		Checklist: c,
	}
}

// submitChecklist maps the share of key points covered to a grade.
func (s *Service) submitChecklist(ctx context.Context, req Request, id string, mask uint32) Response {
	q, ok := s.bank.ByID(id)
	if !ok || len(q.KeyPoints) < 2 || mask>>uint(len(q.KeyPoints)) != 0 {
		l := s.langOf(ctx, req)
		if !ok {
			_, reply, _ := s.question(l, id)
			return reply
		}
		return s.badButton(l)
	}
	covered, total := bits.OnesCount32(mask), len(q.KeyPoints)
	return s.grade(ctx, req, id, GradeForCoverage(covered, total), coverage{covered, total})
}

// GradeForCoverage maps the share of key points a user covered to a grade:
// under 40 % Again, under 70 % Hard, under 90 % Good, else Easy.
func GradeForCoverage(covered, total int) srs.Grade {
	switch {
	case total <= 0 || covered*10 < total*4:
		return srs.Again
	case covered*10 < total*7:
		return srs.Hard
	case covered*10 < total*9:
		return srs.Good
	default:
		return srs.Easy
	}
}
