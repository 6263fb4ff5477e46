package quiz

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

const (
	// msgRightAgain is the verdict on a right answer to a question the
	// user answered this week already, and msgRightAgainShort its notice.
	msgRightAgain      msgKey = "rightAgain"
	msgRightAgainShort msgKey = "rightAgainShort"
	// msgQuizFooterAnswered is the line under a quiz in a channel whose
	// asker, named, answered its question this week: the points are for
	// the others; msgQuizFooterAnsweredYou the line under one in the
	// asker's private chat, where there are no others.
	msgQuizFooterAnswered    msgKey = "quizFooterAnswered"
	msgQuizFooterAnsweredYou msgKey = "quizFooterAnsweredYou"
)

func init() {
	register(map[msgKey]Text{
		msgRightAgain: {"✅ 回答正确，但不加分：本周你已经答过这道题（每道题每周只有第一次作答计分；本周共 %d 分）",
			"✅ Right, but no points: you already answered this question this week (a question scores only at its first answer each week; %d {point|points} this week)"},
		msgRightAgainShort: {"✅ 正确，但不加分：本周已答过这道题", "✅ Right, no points: you answered this question already this week"},
		msgQuizFooterAnswered: {"答对 +%d 分 · %s 除外：本周已答过这道题，这次答对不计分",
			"Right answer +%d {point|points} · not for %s, who answered this question this week"},
		msgQuizFooterAnsweredYou: {"这次答对不计分：本周你已答过这道题", "No points for you this time: you answered this question this week"},
	})
}

// quiz posts an auto-graded multiple-choice question in the conversation,
// chosen for the user who asked (see pickItem).
func (s *Service) quiz(ctx context.Context, req Request, args []string) Response {
	p, err := s.store.Practice(ctx, req.Scope, req.User)
	if err != nil {
		s.storeFailed(ctx, "loading practice", err)
		return s.unavailable(s.langUnread(req), msgQuizUnavailable, req.Prefix)
	}
	z := s.keepScopeZone(ctx, req.Scope, p.Zone, s.now()).zone
	l := s.pickLang(p.Lang, req)
	sel, reply, ok := s.selectQuestions(l, req, "quiz", args)
	if !ok {
		return reply
	}
	now := s.now()
	var (
		q  *bank.Question
		mq mcq.Question
		id string
	)
	s.withRand(func(r *rand.Rand) {
		q, mq = s.pickItem(sel, p, z, now, r)
		id = randomID(r, quizIDLength)
	})
	if q == nil {
		return s.invalid(l, msgNoQuizForTopic, sel.label, req.Prefix)
	}
	stored := Quiz{
		ID: id, Scope: req.Scope, Channel: req.Channel, Lang: string(l), Prefix: req.Prefix,
		QuestionID: q.ID, Topics: q.Topics, Format: string(mq.Format),
		Prompt: mq.Prompt, Choices: mq.Choices, Correct: mq.Correct,
		Points: RightAnswerPoints, Created: now, TTL: AnswerPeriod,
		Item: mq.Item, For: req.User, Asked: sel.topic, Delivery: req.Delivery,
	}
	if req.Delivery != "" {
		stored.ID = deliveryID(req.Scope, req.Delivery, quizIDLength)
	}
	if answeredThisWeek(p, q.ID, z.dayWeek(now).weekStart) {
		stored.Note = s.noPointsForAsker(l, req, stored.Points)
	}
	posted, err := s.createQuiz(ctx, stored)
	if err != nil {
		s.storeFailed(ctx, "creating quiz", err)
		return s.unavailable(l, msgQuizUnavailable, req.Prefix)
	}
	return Response{Messages: []Message{s.quizzes.put(posted).message(0)}}
}

// createQuiz stores a quiz drawn for a request and returns the quiz to
// post: it, or, when its delivery made one before (the delivery is
// handled again: the same ID, drawn from it, is taken by it), that one, so
// that the same quiz is posted again and there is one to answer. A quiz ID
// taken by another delivery's quiz is drawn again at random.
func (s *Service) createQuiz(ctx context.Context, q Quiz) (*Quiz, error) {
	err := s.store.CreateQuiz(ctx, q)
	if !errors.Is(err, ErrQuizTaken) {
		return &q, err
	}
	held, ok, err := s.store.LoadQuiz(ctx, q.Scope, q.ID)
	switch {
	case err != nil:
		return nil, err
	case ok && held.Delivery == q.Delivery:
		return &held, nil
	}
	s.withRand(func(r *rand.Rand) { q.ID = randomID(r, quizIDLength) })
	return &q, s.store.CreateQuiz(ctx, q)
}

// deliveryID is an ID of n base32 characters drawn from a delivery of a
// scope: the same delivery handled again draws the same.
func deliveryID(scope, delivery string, n int) string {
	sum := sha256.Sum256([]byte(scope + "\x00" + delivery))
	return strings.ToLower(base32.StdEncoding.EncodeToString(sum[:]))[:n]
}

// noPointsForAsker is the line under a quiz whose asker answered its
// question this week: in their private chat, that it earns them nothing;
// elsewhere, drawn for them but shown to all, that the points are the
// others', naming the asker so that they recognise themselves.
func (s *Service) noPointsForAsker(l Lang, req Request, points int) string {
	if req.inDirectChat() {
		return s.t(l, msgQuizFooterAnsweredYou)
	}
	return s.t(l, msgQuizFooterAnswered, points, req.UserName)
}

// The tiers of quiz items, most wanted first.
const (
	tierDue  = iota // the user's card of the question is due for review
	tierWeak        // their latest quiz answer to it was wrong, or its card is hard for them
	tierRest
	tierEarned // answered right this week: a right answer earns nothing again until the next
)

// hadRank orders an item never had (0) before one had (1).
func hadRank(had time.Time) int {
	if had.IsZero() {
		return 0
	}
	return 1
}

// pickItem chooses the quiz item to post for a user among the selection's:
// never the one they had last, no question they had, or whose card they
// graded, in the last quizRespite while another is left, and among those,
// questions due for review first, then weak ones (the latest answer
// wrong), then the rest, and last those answered right this week (which
// earn nothing again until the next); within a tier, an item they have not had yet
// while any is left (then the least recently had), at random among
// equals.
// It returns no question when the selection yields no quiz.
func (s *Service) pickItem(sel selection, p Practice, z *zone, now time.Time, r *rand.Rand) (*bank.Question, mcq.Question) {
	type cand struct {
		q     *bank.Question
		item  mcq.Item
		had   time.Time // zero when never had
		alike time.Time // when one asking the same was had (see mcq.Generator.Alike)
		tier  int
		aside int // 1 when its question is not about the topics asked for
		order int // random, among equals
	}
	cards := s.withAttempts(z, p.Cards, p.Attempts)
	var last string
	var lastAt time.Time
	// An item asking what one had asks (see mcq.Generator.Alike) is drawn
	// as if had then: the same term to fill in, of this question or
	// another, waits for the quizzes asking something else.
	had := map[string]time.Time{}
	for key, at := range p.Items {
		if at.After(lastAt) {
			last, lastAt = key, at
		}
		if alike := s.gen.Alike(key); at.After(had[alike]) {
			had[alike] = at
		}
	}
	var all []cand
	weekStart := z.dayWeek(now).weekStart
	for i, q := range sel.questions {
		tier := tierRest
		a, tried := p.Attempts[q.ID]
		if c, graded := cards[q.ID]; graded && !c.Due.After(now) {
			tier = tierDue
		} else if tried && !a.Right || graded && c.Difficulty > weakDifficulty {
			tier = tierWeak
		} else if answeredThisWeek(p, q.ID, weekStart) {
			tier = tierEarned
		}
		for _, it := range s.gen.Items(q, sel.topics...) {
			all = append(all, cand{q: q, item: it, had: p.Items[it.Key], alike: had[s.gen.Alike(it.Key)], tier: tier, aside: aside(i, sel.about), order: r.Int()})
		}
	}
	if len(all) == 0 {
		return nil, mcq.Question{}
	}
	// Not a question they had in the last while (another item of it would
	// ask what its feedback just showed), nor one whose card they graded
	// then (they had just read its answer), unless there is no other;
	// and never the item they had last, unless it is the only one.
	recent := map[*bank.Question]bool{}
	for _, c := range all {
		for _, at := range []time.Time{c.had, cards[c.q.ID].LastReview} {
			if !at.IsZero() && now.Sub(at) < quizRespite {
				recent[c.q] = true
			}
		}
	}
	if others := slices.DeleteFunc(slices.Clone(all), func(c cand) bool { return recent[c.q] || c.item.Key == last }); len(others) > 0 {
		all = others
	} else if len(all) > 1 {
		all = slices.DeleteFunc(all, func(c cand) bool { return c.item.Key == last })
	}
	// The question most wanted first (due, then weak: its latest answer
	// wrong), and of its tier one about the topics asked for before one
	// that touches on them, an item asking what none had asked before one
	// that asks it again, the oldest had first: a question answered wrong
	// comes back before the fresh passages of one answered right.
	best := slices.MinFunc(all, func(a, b cand) int {
		return cmp.Or(cmp.Compare(a.tier, b.tier), cmp.Compare(a.aside, b.aside), cmp.Compare(hadRank(a.alike), hadRank(b.alike)),
			a.alike.Compare(b.alike), cmp.Compare(a.order, b.order))
	})
	mq, err := s.gen.GenerateItem(best.q, best.item.Key, r)
	if err != nil {
		return nil, mcq.Question{}
	}
	return best.q, mq
}

// aside is 1 for the i-th question of a selection whose first about are
// about the topics asked for (see selection.about) when it is not one of
// them, else 0.
func aside(i, about int) int {
	if about > 0 && i >= about {
		return 1
	}
	return 0
}

// answeredThisWeek reports whether the user of practice p answered a quiz
// of question id since weekStart: a right answer earns them nothing again
// until the next week (the store's rule).
func answeredThisWeek(p Practice, id string, weekStart time.Time) bool {
	a, ok := p.Attempts[id]
	return ok && !a.At.Before(weekStart)
}

// quizRespite is how long a question the user was quizzed on rests before
// their quizzes draw it again, while the selection has others: a missed
// question comes back soon, but not in the very next quiz, whose answer
// the feedback of the last one has just shown.
const quizRespite = 10 * time.Minute

// weakDifficulty is the FSRS difficulty (1–10) above which a card counts as
// weak for the user.
const weakDifficulty = 7

// randomID is n random base32 characters.
func randomID(r *rand.Rand, n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz234567"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// choiceLetters label the choices: A, B, C, D…
const choiceLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// choiceLetter labels choice i: A, B, C, D.
func choiceLetter(i int) string {
	if i >= 0 && i < len(choiceLetters) {
		return choiceLetters[i : i+1]
	}
	return string(rune('A' + i))
}

// quizDrawing is what drawing a quiz, and the feedback on its answers, keeps
// from one answer to the next: a posted quiz's title, prompt, options and
// buttons never change, only its count of answers. It is made once per
// quiz (the quiz cache keeps it), and never changed after: the messages
// drawn from it share its parts, which nothing may modify.
type quizDrawing struct {
	lang Lang
	// title, prompt and options are the quiz message's first blocks.
	title, prompt, options rich.Block
	buttons                [][]Button
	// poll is the quiz for native drawing; its Footer is the line under
	// the quiz before anyone answered.
	poll MultipleChoice
	// feedback is the fixed part of the feedback on an answer, in each
	// interface language (see langIndex).
	feedback [2]feedbackDrawing
}

// feedbackDrawing is the part of the feedback on an answer that is the
// same for every answer to the quiz, in one language.
type feedbackDrawing struct {
	// rightOption names the right option; meta what the quiz was about.
	rightOption, meta rich.Block
	buttons           [][]Button
	// wrongNotice is the notice of a wrong answer.
	wrongNotice string
	// wrongVerdict is the verdict on a wrong answer, by choice.
	wrongVerdict []rich.Block
	// rightNotice is the notice of a right answer worth the quiz's points,
	// bonusNotice of the first right answer, worth its bonus too, and
	// againNotice of a right answer to a question the user answered this
	// week already, worth none.
	rightNotice, bonusNotice, againNotice string
}

// verdict is the verdict on an answer, and the notice of it, as drawn
// ahead for the quiz where it can be.
func (f *feedbackDrawing) verdict(l Lang, q *Quiz, res *AnswerResult) (rich.Block, string) {
	if !res.Correct {
		if res.Choice >= 0 && res.Choice < len(f.wrongVerdict) {
			return f.wrongVerdict[res.Choice], f.wrongNotice
		}
		return boldPara(translate(l, msgWrong, choiceLetter(res.Choice))), f.wrongNotice
	}
	if res.AnsweredThisWeek {
		return boldPara(translate(l, msgRightAgain, res.WeekPoints)), f.againNotice
	}
	notice := ""
	switch res.Points {
	case q.Points:
		notice = f.rightNotice
	case q.Points + q.Bonus:
		notice = f.bonusNotice
	default:
		notice = translate(l, msgRightShort, res.Points)
	}
	if res.WeekBefore {
		return boldPara(translate(l, msgRightInPostWeek, res.Points, res.WeekPoints)), notice
	}
	return boldPara(translate(l, msgRight, res.Points, res.WeekPoints)), notice
}

// boldPara is a paragraph of one bold span.
func boldPara(text string) rich.Block {
	return rich.Para(rich.Span{Text: text, Style: rich.Bold})
}

// langIndex indexes quizDrawing.feedback.
func langIndex(l Lang) int {
	if l == LangEN {
		return 1
	}
	return 0
}

// drawQuiz draws a quiz for everyone in the conversation, in the language of
// whoever asked for it, and the fixed part of the feedback on its answers
// in both interface languages.
func drawQuiz(q *Quiz) *quizDrawing {
	l := ParseLang(q.Lang)
	head := translate(l, msgQuizWhich)
	if q.Format == string(mcq.FillBlank) {
		head = translate(l, msgQuizBlank)
	}
	icon, kind := "🧩 ", translate(l, msgQuiz)
	if q.Daily {
		icon, kind = "📅 ", translate(l, msgQuizDaily)
	}
	head = icon + kind + " · " + head
	var options []rich.Span
	var buttons []Button
	for i, c := range q.Choices {
		if i > 0 {
			options = append(options, rich.Span{Text: "\n"})
		}
		options = append(options, rich.Span{Text: choiceLetter(i) + ". ", Style: rich.Bold}, rich.Span{Text: c})
		buttons = append(buttons, Button{Label: choiceLetter(i), Payload: encodeAnswer(q.ID, i)})
	}
	// The topics are not shown before answering: they would name the answer.
	footer := translate(l, msgQuizFooter, q.Points)
	if q.Note != "" {
		footer = q.Note
	}
	d := &quizDrawing{
		lang:    l,
		title:   rich.Para(rich.Span{Text: head, Style: rich.Bold}),
		prompt:  rich.Block{Kind: rich.Quote, Children: []rich.Block{rich.Text(q.Prompt)}},
		options: rich.Para(options...),
		buttons: [][]Button{buttons},
		poll: MultipleChoice{
			ID: q.ID, Header: head, Prompt: q.Prompt, Choices: q.Choices, Correct: q.Correct,
			Explanation: translate(l, msgPollExplanation, q.Prefix, q.QuestionID),
			Footer:      footer,
			Lang:        l,
		},
	}
	var right string
	if q.hasChoice(q.Correct) {
		right = ChoiceLabel(q.Correct, q.Choices[q.Correct])
	}
	for _, fl := range []Lang{LangZH, LangEN} {
		f := feedbackDrawing{
			rightOption: rich.Text(translate(fl, msgCorrectOption, right)),
			meta:        rich.Para(rich.Span{Text: answeredMeta(fl, q), Style: rich.Italic}),
			buttons:     [][]Button{{{Label: translate(fl, msgButtonFullAnswer), Payload: encodeShow(q.QuestionID, ""), Primary: true}}},
			wrongNotice: translate(fl, msgWrongShort, right), // a press's toast: the right option in full
			rightNotice: translate(fl, msgRightShort, q.Points),
			bonusNotice: translate(fl, msgRightShort, q.Points+q.Bonus),
			againNotice: translate(fl, msgRightAgainShort),
		}
		for i := range q.Choices {
			f.wrongVerdict = append(f.wrongVerdict, boldPara(translate(fl, msgWrong, choiceLetter(i))))
		}
		d.feedback[langIndex(fl)] = f
	}
	return d
}

// message is the quiz message with how many have answered so far.
func (d *quizDrawing) message(answered int) Message {
	footer := d.poll.Footer
	if answered > 0 {
		footer = translate(d.lang, msgAnsweredCount, answered) + " · " + footer
	}
	return Message{
		Blocks:  []rich.Block{d.title, d.prompt, d.options, rich.Para(rich.Span{Text: footer, Style: rich.Italic})},
		Version: int64(answered),
		Buttons: d.buttons,
		Quiz:    &d.poll,
	}
}

// quizMessage draws a quiz for everyone in the conversation, in the language
// of whoever asked for it, with how many have answered so far.
func (s *Service) quizMessage(q Quiz, answered int) Message {
	return drawQuiz(&q).message(answered)
}

// answeredMeta names, once answered, what a quiz was about: its question's
// topics and ID.
func answeredMeta(l Lang, q *Quiz) string {
	if len(q.Topics) == 0 {
		return translate(l, msgCardMetaNoTopic, q.QuestionID)
	}
	return translate(l, msgCardMeta, listIn(l, q.Topics), q.QuestionID)
}

// closedQuizMessage is a quiz as it reads once answers are closed: the
// count, the closing line, and no buttons to press.
func (s *Service) closedQuizMessage(q Quiz, answered int) Message {
	m := s.quizMessage(q, answered)
	l := ParseLang(q.Lang)
	last := &m.Blocks[len(m.Blocks)-1]
	last.Spans = []rich.Span{{Text: s.t(l, msgAnsweredCount, answered) + " · " + s.t(l, msgQuizClosed), Style: rich.Italic}}
	m.Buttons, m.Quiz = nil, nil
	return m
}

// answer scores a user's choice on a quiz, once.
func (s *Service) answer(ctx context.Context, req Request, quizID string, choice int) Response {
	now := s.now()
	q, drawing := s.quizzes.drawn(req.Scope, quizID)
	z, err := s.scopeZone(ctx, req.Scope, now)
	var res AnswerResult
	var local localDay
	if err == nil {
		local = z.dayWeek(now)
		res, err = s.store.Answer(ctx, Answer{
			Scope: req.Scope, Channel: req.Channel, QuizID: quizID,
			User: req.User, UserName: req.UserName, Choice: choice,
			At: now, Day: local.day, Week: local.week, PrevWeek: local.prevWeek, WeekStart: local.weekStart,
			Held: q, Delivery: req.Delivery,
		})
	}
	if err == nil && res.Quiz != nil {
		q = res.Quiz
		drawing = s.quizzes.put(q)
	}
	if err == nil && res.Status == AnswerScored && q == nil {
		err = errors.New("the store scored an answer but returned no quiz")
	}
	if err != nil {
		s.storeFailed(ctx, "scoring answer", err)
		return s.inDoubt(req, s.langUnread(req), msgAnswerNotSaved)
	}
	l := s.pickLang(res.Lang, req)
	switch res.Status {
	case AnswerNoQuiz:
		return s.invalidNotice(l, msgQuizGone)
	case AnswerWrongChannel:
		return s.invalidNotice(l, msgQuizElsewhere)
	case AnswerBadChoice:
		return s.badButton(l)
	case AnswerClosed:
		return s.invalidNotice(l, msgQuizClosed)
	case AnswerRepeated:
		return s.notice(l, msgAlreadyAnswered, choiceLetter(res.Choice))
	}
	fixed := &drawing.feedback[langIndex(l)]
	verdict, notice := fixed.verdict(l, q, &res)
	feedback := Message{
		Private: true,
		Blocks:  []rich.Block{verdict, fixed.rightOption, fixed.meta, rich.Text(s.t(l, msgStreak, res.Streak, res.Best))},
		Buttons: fixed.buttons,
	}
	update := drawing.message(res.Answered)
	return Response{Notice: notice, Messages: []Message{feedback}, Update: &update, Scored: true}
}
