package quiz

import (
	"context"
	"math/bits"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// The messages of grading once per reveal.
const (
	msgGradedAlready msgKey = "gradedAlready"
	msgNotRevealed   msgKey = "notRevealed"
)

func init() {
	register(map[msgKey]Text{
		msgGradedAlready: {"这次已经自评过了；再练一次请用「显示答案」。", "You graded this one already; show the answer again to practise it once more."},
		msgNotRevealed:   {"先显示答案再自评：%s提问 %s", "Show the answer first, then grade it: %sask %s"},
	})
}

// ask shows one flashcard: due first, then unseen, then least recently seen.
func (s *Service) ask(ctx context.Context, req Request, args []string) Response {
	p, err := s.store.Practice(ctx, req.Scope, req.User)
	storeUp := err == nil
	z := s.zone
	if !storeUp {
		// Serve from the bank alone: a random question, nothing recorded.
		s.storeFailed(ctx, "loading practice", err)
		p = Practice{}
	} else {
		z = s.keepScopeZone(ctx, req.Scope, p.Zone, s.now()).zone
	}
	p.Cards = s.withAttempts(z, p.Cards, p.Attempts)
	l := s.pickLang(p.Lang, req)
	sel, reply, ok := s.selectQuestions(l, req, "ask", args)
	if !ok {
		return reply
	}
	now := s.now()
	q, fresh := s.drawnFor(req, p)
	if q == nil {
		s.withRand(func(r *rand.Rand) { q, fresh = pickCard(sel.questions, sel.about, p, now, r) })
		if storeUp {
			d := Draw{Scope: req.Scope, User: req.User, QuestionID: q.ID, At: now, Topic: sel.topic, Delivery: req.Delivery, Stale: !fresh}
			if err := s.store.MarkSeen(ctx, d); err != nil {
				s.storeFailed(ctx, "marking seen", err)
			}
		}
	}
	_, due := p.Cards[q.ID]
	due = due && !p.Cards[q.ID].Due.After(now)
	card := s.cardMessage(l, q, sel.topic, due)
	if !fresh && storeUp && sel.topic != "" {
		if note := s.nothingNewText(l, sel, p, now, z.loc); note != "" {
			card.Blocks = append(card.Blocks, rich.Para(rich.Span{Text: note, Style: rich.Italic}))
		}
	}
	return Response{Messages: []Message{card}}
}

// drawnFor is the card req's delivery drew when it was handled before
// (the user drew nothing since), and whether it was due or new; nil when
// it drew none.
func (s *Service) drawnFor(req Request, p Practice) (*bank.Question, bool) {
	last := p.Last
	if req.Delivery == "" || last.Drew != DrewCard || last.Delivery != req.Delivery {
		return nil, false
	}
	q, ok := s.bank.ByID(last.Question)
	if !ok { // dropped from the bank since
		return nil, false
	}
	return q, !last.Stale
}

// nothingNewText says, under a card drawn again from topics whose every
// question was seen and none is due, that this is so (the same card again
// is not a mistake) and when the first is due; "" when one is due (one
// passed over with Another comes back in skipRespite).
func (s *Service) nothingNewText(l Lang, sel selection, p Practice, now time.Time, loc *time.Location) string {
	if len(sel.questions) == 1 {
		return s.t(l, msgOnlyQuestion, sel.label)
	}
	var next time.Time
	for _, q := range sel.questions {
		c, ok := p.Cards[q.ID]
		switch {
		case !ok:
		case !c.Due.After(now):
			return ""
		case next.IsZero() || c.Due.Before(next):
			next = c.Due
		}
	}
	text := s.t(l, msgNothingNew, len(sel.questions), sel.label)
	if !next.IsZero() {
		text += " " + s.t(l, msgNextDue, s.dueText(l, next, now, loc))
	}
	return text
}

// skipRespite is how long a due card shown and passed over (Another, or
// left ungraded) waits before it is due first again.
const skipRespite = 10 * time.Minute

// pickCard chooses among candidates: cards due for review (most overdue
// first) that were not shown since their last review, or were passed over
// skipRespite ago or more, then questions never shown (at random, of the
// first about candidates if any is unseen: those about the topic asked
// for), then the least recently shown; fresh is false for the last, a
// card neither due nor new.
func pickCard(cands []*bank.Question, about int, p Practice, now time.Time, r *rand.Rand) (q *bank.Question, fresh bool) {
	var due, unseen, rest []*bank.Question
	unseenAbout := 0
	for i, q := range cands {
		card, graded := p.Cards[q.ID]
		seen, shown := p.Seen[q.ID]
		switch {
		case graded && !card.Due.After(now) && (!seen.After(card.LastReview) || now.Sub(seen) >= skipRespite):
			due = append(due, q)
		case !graded && !shown:
			unseen = append(unseen, q)
			if i < about {
				unseenAbout++
			}
		default:
			rest = append(rest, q)
		}
	}
	if len(due) > 0 {
		sort.SliceStable(due, func(i, j int) bool { return p.Cards[due[i].ID].Due.Before(p.Cards[due[j].ID].Due) })
		return due[0], true
	}
	if unseenAbout > 0 {
		return unseen[r.IntN(unseenAbout)], true
	}
	if len(unseen) > 0 {
		return unseen[r.IntN(len(unseen))], true
	}
	lastShown := func(q *bank.Question) time.Time {
		if t, ok := p.Seen[q.ID]; ok {
			return t
		}
		return p.Cards[q.ID].LastReview
	}
	sort.SliceStable(rest, func(i, j int) bool { return lastShown(rest[i]).Before(lastShown(rest[j])) })
	return rest[0], false
}

// cardMessage is a flashcard: the question, its topics and ID, and the
// buttons to reveal the answer or draw another.
func (s *Service) cardMessage(l Lang, q *bank.Question, topic string, due bool) Message {
	meta := s.t(l, msgCardMeta, s.list(l, q.Topics), q.ID)
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
			{Label: s.t(l, msgButtonShow), Payload: encodeShow(q.ID, topic), Primary: true},
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

// showAnswer reveals the reference answer and offers self-grading: the
// grade buttons carry this reveal's token, which the store keeps, so that
// the reveal is graded once, and the session's topic, for Next.
func (s *Service) showAnswer(ctx context.Context, req Request, id, topic string) Response {
	q, known := s.bank.ByID(id)
	// The same delivery handled again reveals with the same token: the
	// grade buttons of either message grade this reveal, once.
	token := deliveryID(req.Scope, req.Delivery, revealTokenLength)
	if req.Delivery == "" {
		s.withRand(func(r *rand.Rand) { token = randomID(r, revealTokenLength) })
	}
	stored := ""
	if known {
		lang, err := s.store.Reveal(ctx, req.Scope, req.User, q.ID, token)
		if err != nil {
			s.storeFailed(ctx, "recording a reveal", err)
		}
		stored = lang
	}
	l := s.pickLang(stored, req)
	q, reply, ok := s.question(l, id)
	if !ok {
		return reply
	}
	blocks := append(answerBlocks(q), rich.Para(rich.Span{Text: s.t(l, msgHowDidYouDo), Style: rich.Italic}))
	grades := []Button{}
	for g := srs.Again; g <= srs.Easy; g++ {
		grades = append(grades, Button{Label: s.gradeLabel(l, g), Payload: encodeGrade(q.ID, g, token, topic)})
	}
	buttons := [][]Button{grades}
	if len(q.KeyPoints) >= 2 {
		buttons = append(buttons, []Button{{Label: s.t(l, msgButtonChecklist, len(q.KeyPoints)), Payload: encodeChecklist(q.ID, token, topic)}})
	}
	return Response{Messages: []Message{{Private: true, Blocks: blocks, Buttons: buttons}}}
}

// showReference shows a question's reference answer with nothing to
// grade: the Full answer of an answer in words, which is graded already
// (its own buttons change that grade).
func (s *Service) showReference(ctx context.Context, req Request, id string) Response {
	q, reply, ok := s.question(s.langOf(ctx, req), id)
	if !ok {
		return reply
	}
	return Response{Messages: []Message{{Private: true, Blocks: answerBlocks(q)}}}
}

// answerBlocks are a question's title and reference answer.
func answerBlocks(q *bank.Question) []rich.Block {
	return append([]rich.Block{rich.Para(rich.Span{Text: "💡 " + q.Title, Style: rich.Bold})}, q.Answer...)
}

// coverage is how many of a question's key points a checklist ticked.
type coverage struct{ covered, total int }

// grade stores a self-grade in the user's review schedule, once per
// reveal. Self-grades earn no points: only auto-graded answers do. A grade
// from a checklist (cov set) also closes the checklist. Next stays in the
// session's topic.
func (s *Service) grade(ctx context.Context, req Request, id, token string, g srs.Grade, cov coverage, topic string) Response {
	cs, err := s.store.Card(ctx, req.Scope, req.User, id)
	if err != nil {
		s.storeFailed(ctx, "loading card", err)
		return s.inDoubt(req, s.langUnread(req), msgGradeNotSaved)
	}
	l := s.pickLang(cs.Lang, req)
	q, reply, ok := s.question(l, id)
	if !ok {
		return reply
	}
	now := s.now()
	card := s.sched.Review(s.withAttempt(cs.Card, cs.Attempt), g, now)
	z, err := s.scopeZone(ctx, req.Scope, now)
	var res ReviewResult
	if err == nil {
		res, err = s.store.SaveReview(ctx, Review{
			Scope: req.Scope, User: req.User, QuestionID: q.ID, Card: card,
			Grade: g, Day: z.day(now), RevealToken: token, Delivery: s.deliveryOf(req),
		})
	}
	if err != nil {
		s.storeFailed(ctx, "saving review", err)
		return s.inDoubt(req, l, msgGradeNotSaved)
	}
	switch res.Status {
	case ReviewGradedAlready:
		return s.invalidNotice(l, msgGradedAlready)
	case ReviewNotRevealed:
		return s.invalidNotice(l, msgNotRevealed, req.Prefix, q.ID)
	}
	act := res.Activity
	var lines []rich.Block
	var done *Message
	if cov.total > 0 {
		lead := rich.Text(s.t(l, msgCovered, cov.covered, cov.total, percent(cov.covered, cov.total)))
		lines = append(lines, lead)
		done = &Message{Private: true, Blocks: []rich.Block{rich.Para(rich.Span{Text: "✔ " + q.Title, Style: rich.Bold}), lead}}
	}
	lines = append(lines,
		rich.Text(s.t(l, msgGraded, s.gradeLabel(l, g), s.dueText(l, card.Due, now, z.loc))),
		rich.Text(s.t(l, msgStreak, act.Streak, act.Best)),
	)
	return Response{
		Update: done,
		Notice: s.t(l, msgGradedShort, s.gradeLabel(l, g)),
		Messages: []Message{{
			Private: true,
			Blocks:  lines,
			Buttons: [][]Button{{{Label: s.t(l, msgButtonNext), Payload: encodeNext(topic), Primary: true}}},
		}},
	}
}

// openChecklist shows (or, after a toggle, redraws) the key-point checklist
// of a reveal.
func (s *Service) openChecklist(ctx context.Context, req Request, id, token string, mask uint32, toggled bool, topic string) Response {
	l := s.langOf(ctx, req)
	q, reply, ok := s.question(l, id)
	if !ok {
		return reply
	}
	if len(q.KeyPoints) < 2 || mask>>uint(len(q.KeyPoints)) != 0 {
		return s.badButton(l)
	}
	msg := s.checklistMessage(l, q, token, mask, topic)
	if toggled {
		return Response{Update: &msg}
	}
	return Response{Messages: []Message{msg}}
}

func (s *Service) checklistMessage(l Lang, q *bank.Question, token string, mask uint32, topic string) Message {
	c := &Checklist{QuestionID: q.ID, Token: token, Topic: topic, Checked: mask, SubmitLabel: s.t(l, msgButtonSubmit)}
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
func (s *Service) submitChecklist(ctx context.Context, req Request, id, token string, mask uint32, topic string) Response {
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
	return s.grade(ctx, req, id, token, GradeForCoverage(covered, total), coverage{covered, total}, topic)
}

// GradeForCoverage maps the share of key points a user covered to a grade,
// as SPEC.md says: all of them Good (Easy only when chosen with the quick
// grade), at least half Hard, less Again.
func GradeForCoverage(covered, total int) srs.Grade {
	switch {
	case total <= 0 || covered*2 < total:
		return srs.Again
	case covered < total:
		return srs.Hard
	default:
		return srs.Good
	}
}

// withAttempt is a card with the user's latest quiz attempt on its question
// taken in, when it came after the card's last review: a wrong answer is
// an Again (the card is due soon), a right one a Good.
func (s *Service) withAttempt(c srs.Card, a *Attempt) srs.Card {
	if a == nil || !a.At.After(c.LastReview) {
		return c
	}
	g := srs.Again
	if a.Right {
		g = srs.Good
	}
	return s.sched.Review(c, g, a.At)
}

// withAttempts is every card of a user with their quiz attempts taken in
// (see withAttempt), each due as dueFrom says in the scope's zone z; a
// question answered in a quiz but never graded has a card too.
func (s *Service) withAttempts(z *zone, cards map[string]srs.Card, attempts map[string]Attempt) map[string]srs.Card {
	out := make(map[string]srs.Card, len(cards)+len(attempts))
	for id, c := range cards {
		out[id] = c
	}
	for id, a := range attempts {
		out[id] = s.withAttempt(out[id], &a)
	}
	for id, c := range out {
		c.Due = z.dueFrom(c)
		out[id] = c
	}
	return out
}

// deliveryOf is the ID of the delivery a request came from, so that a write
// done twice for it (a retry) is recognised; a request without one (the
// console) gets a random one, for this handling only.
func (s *Service) deliveryOf(req Request) string {
	if req.Delivery != "" {
		return req.Delivery
	}
	var id string
	s.withRand(func(r *rand.Rand) { id = randomID(r, 16) })
	return id
}
