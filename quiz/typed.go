package quiz

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/srs"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// Answers in words. A question is answered in words with the answer
// command, or through a Prompt (the Answer-it button: a Slack modal, a
// Telegram ForceReply, the console). The answer is scored against the
// question's key points (package assess) and recorded at once as a review
// with the proposed grade: no points, ever. One press on the result
// changes the grade within OverrideWindow; the change replaces the review
// rather than adding one (the card is rescheduled from its state before
// the answer), so that the schedule is as if the learner had chosen that
// grade, and the review counts once. Replacing, rather than applying the
// grade only when the window ends, keeps the schedule right at once (a
// missed question comes back in minutes) and needs no timer.

// MaxAnswerRunes is the longest answer in words taken, on every platform:
// a few paragraphs, as said in an interview.
const MaxAnswerRunes = 4000

// maxAnswerCommandRunes bounds the line of an answer command: longer than
// any answer taken, so that a long answer is told its own limit.
const maxAnswerCommandRunes = 1 << 16

// PromptTTL is how long a prompt of the Answer-it button takes its answer.
const PromptTTL = 24 * time.Hour

// rehearsalIDLength is the number of characters of a rehearsal's ID.
const rehearsalIDLength = 8

// maxReferenceRunes bounds the reference text shown for a missed point.
const maxReferenceRunes = 300

func validRehearsalID(s string) bool { return len(s) == rehearsalIDLength && isBase32(s) }

// CheckAnswer says what is wrong with an answer in words before it is
// scored, in language l, or "" when nothing is: it is empty, or longer
// than MaxAnswerRunes. A platform that must answer at once (a Slack
// modal's submission) calls it; the core checks again.
func CheckAnswer(l Lang, text string) string {
	switch n := utf8.RuneCountInString(text); {
	case strings.TrimSpace(text) == "":
		return translate(l, msgAnswerEmpty)
	case n > MaxAnswerRunes:
		return translate(l, msgAnswerTooLong, n, MaxAnswerRunes)
	}
	return ""
}

// promptRef is what a prompt's token names: the question, when it was
// asked, and what the answer is for: the prompt itself (nonce), or a step
// of a mock interview.
type promptRef struct {
	questionID string
	issued     int64 // Unix seconds
	nonce      string
	interview  string
	step       int
}

// token encodes the reference: "<question>.<issued, base 36>.<nonce>" or
// "<question>.<issued>.<interview>-<step>".
func (p promptRef) token() string {
	what := p.nonce
	if p.interview != "" {
		what = p.interview + "-" + strconv.Itoa(p.step)
	}
	return p.questionID + "." + strconv.FormatInt(p.issued, 36) + "." + what
}

// once is the key under which the prompt's answer is recorded once.
func (p promptRef) once() string {
	if p.interview != "" {
		return stepOnce(p.interview, p.step)
	}
	return "p:" + p.nonce
}

// stepOnce is the once-key of an interview's question.
func stepOnce(interview string, step int) string {
	return "iv:" + interview + ":" + strconv.Itoa(step)
}

// parsePrompt reads a prompt's token strictly.
func parsePrompt(token string) (promptRef, bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || !validQuestionID(parts[0]) {
		return promptRef{}, false
	}
	issued, err := strconv.ParseInt(parts[1], 36, 64)
	if err != nil || issued < 0 || strconv.FormatInt(issued, 36) != parts[1] {
		return promptRef{}, false
	}
	p := promptRef{questionID: parts[0], issued: issued}
	if id, step, ok := strings.Cut(parts[2], "-"); ok {
		n, err := strconv.Atoi(step)
		if !validInterviewID(id) || err != nil || n < 0 || n >= maxInterviewQuestions || strconv.Itoa(n) != step {
			return promptRef{}, false
		}
		p.interview, p.step = id, n
		return p, true
	}
	if !validRehearsalID(parts[2]) {
		return promptRef{}, false
	}
	p.nonce = parts[2]
	return p, true
}

// promptAnswer answers the Answer-it button: a prompt for an answer in
// words, to draw as each platform can.
func (s *Service) promptAnswer(ctx context.Context, req Request, id string) Response {
	l := s.langOf(ctx, req)
	q, reply, ok := s.question(l, id)
	if !ok {
		return reply
	}
	ref := promptRef{questionID: q.ID, issued: s.now().Unix()}
	s.withRand(func(r *rand.Rand) { ref.nonce = randomID(r, rehearsalIDLength) })
	return s.prompt(l, req, q, ref)
}

// prompt is the response that asks for an answer to q: the Prompt, and for
// a platform that cannot draw it, how to answer with a command.
func (s *Service) prompt(l Lang, req Request, q *bank.Question, ref promptRef) Response {
	return Response{
		Prompt: &Prompt{
			Token: ref.token(), QuestionID: q.ID, Question: q.Title,
			Title: s.t(l, msgPromptTitle), Label: s.t(l, msgPromptLabel), Placeholder: s.t(l, msgPromptPlaceholder),
			Submit: s.t(l, msgPromptSubmit), MaxRunes: MaxAnswerRunes, Lang: l,
		},
		Messages: []Message{{Private: true, Blocks: []rich.Block{
			rich.Para(rich.Span{Text: "✍️ " + q.Title, Style: rich.Bold}),
			rich.Text(s.t(l, msgPromptByCommand, req.Prefix, q.ID)),
		}}},
	}
}

// handleReply takes an answer written to a prompt.
func (s *Service) handleReply(ctx context.Context, req Request) Response {
	ref, ok := parsePrompt(req.Reply.Prompt)
	if !ok {
		return s.badButton(s.langOf(ctx, req))
	}
	if ref.interview != "" {
		return s.replyToInterview(ctx, req, ref, req.Reply.Text)
	}
	if s.now().Sub(time.Unix(ref.issued, 0)) > PromptTTL {
		return s.invalid(s.langOf(ctx, req), msgPromptExpired, req.Prefix, ref.questionID)
	}
	q, ok := s.bank.ByID(ref.questionID)
	if !ok {
		return s.invalid(s.langOf(ctx, req), msgQuestionGone)
	}
	return s.answerInWords(ctx, req, q, req.Reply.Text, ref.once(), nil)
}

// answerCommand answers "answer <id> <text>"; in a mock interview,
// "answer <text>" answers its current question, and otherwise, when the
// first word is no question's ID nor shaped like one, the flashcard the
// user drew last (cardOnScreen), or with none, is told to start with an
// ID.
func (s *Service) answerCommand(ctx context.Context, req Request, args []string) Response {
	// "回答：我觉得…" answers with no ID: the colon after the name is no
	// ID's end.
	body := strings.TrimLeft(afterCommand(req.Text), idSeparators+" ")
	if len(args) == 0 || body == "" {
		return s.answerUsage(ctx, req)
	}
	word, rest := cutAnswerID(body)
	id := textnorm.Term(word)
	q, known := s.bank.ByID(id)
	ivs, r, done := s.stepInterviews(ctx, req, "", true)
	if done {
		return r
	}
	iv, running := ivs.Current, ivs.Current.ID != ""
	switch {
	case running && known && iv.current() == q.ID:
		return s.answerStep(ctx, req, iv, rest)
	case running && !known:
		return s.answerStep(ctx, req, iv, body)
	case known:
		return s.answerInWords(ctx, req, q, rest, "", nil)
	}
	if near, ok := s.bank.NearestID(id); ok { // a mistyped ID: answer gzrv4 … for gzrv43
		return s.invalid(s.langOf(ctx, req), msgAnswerNearID, clip(id, 20), near.ID, titleInline(near.Title), req.Prefix, near.ID)
	}
	if s.bank.LooksLikeID(id) || s.unknownIDShape(id) {
		return s.invalid(s.langOf(ctx, req), msgUnknownID, clip(id, 20), req.Prefix)
	}
	if c, ok := s.cardOnScreen(ctx, req); ok { // answer RWO is single node, after ask pv
		return s.answerInWords(ctx, req, c.q, body, "", &c)
	}
	return s.invalid(s.langOf(ctx, req), msgAnswerNoID, req.Prefix)
}

// cardOnScreenFor is how long after a flashcard is drawn an answer with
// no ID is taken for it.
const cardOnScreenFor = time.Hour

// shownCard is a flashcard on a user's screen: its question, the topic
// it was drawn from (where Next draws the next), and when it was drawn,
// or last answered in words.
type shownCard struct {
	q     *bank.Question
	topic string
	at    time.Time
}

// cardOnScreen is the flashcard the user drew last here, as their session
// keeps it, when nothing was drawn since (a quiz) and it was drawn less
// than cardOnScreenFor ago: what an answer with no ID, or Show answer
// typed, is for.
func (s *Service) cardOnScreen(ctx context.Context, req Request) (shownCard, bool) {
	sess, err := s.store.Session(ctx, req.Scope, req.User)
	if err != nil {
		s.storeFailed(ctx, "reading session", err)
		return shownCard{}, false
	}
	if sess.Drew != DrewCard || s.now().Sub(sess.At) >= cardOnScreenFor {
		return shownCard{}, false
	}
	q, ok := s.bank.ByID(sess.Question)
	return shownCard{q: q, topic: sess.Topic, at: sess.At}, ok
}

// flaggedAnswers are the scorer's flags an answer's result explains, with
// their lines.
var flaggedAnswers = []struct {
	flag assess.Flag
	key  msgKey
}{{assess.Stuffing, msgAnswerStuffing}, {assess.OffTopic, msgAnswerOffTopic}, {assess.KeywordList, msgAnswerKeywordList}}

// flagLines explain the flags of an answer's result: why it covers
// nothing, or why a list of terms is recorded as Again.
func (s *Service) flagLines(l Lang, flags assess.Flag) []rich.Block {
	var out []rich.Block
	for _, f := range flaggedAnswers {
		if flags.Has(f.flag) {
			out = append(out, rich.Text(s.t(l, f.key)))
		}
	}
	return out
}

// answerUsage tells how to answer: in a mock interview, as the interview
// asks (answer <your answer>, no ID); else with a question's ID.
func (s *Service) answerUsage(ctx context.Context, req Request) Response {
	l := s.langOf(ctx, req)
	if ivs, err := s.store.Interviews(ctx, req.Scope, req.User); err == nil && ivs.Current.ID != "" {
		return s.invalid(l, msgInterviewHint, req.Prefix, req.Prefix)
	}
	return s.invalid(l, msgAnswerUsage, req.Prefix)
}

// idSeparators may end a question ID typed before an answer instead of a
// space: a colon or a comma, in either width, or an enumeration comma
// ("answer gzrv43：RWO……").
const idSeparators = ":：,，、"

// cutAnswerID splits what follows an answer command into its first word,
// which may be a question ID, and the answer after it, as typed (line
// breaks kept). The word starts after any spaces and ID separators and
// ends at the next; the answer starts after the spaces and separators that
// follow it.
func cutAnswerID(body string) (word, rest string) {
	separator := func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(idSeparators, r) }
	body = strings.TrimLeftFunc(body, separator) // 回答：gzrv43 …
	i := strings.IndexFunc(body, separator)
	if i < 0 {
		return body, ""
	}
	return body[:i], strings.TrimRightFunc(strings.TrimLeftFunc(body[i:], separator), unicode.IsSpace)
}

// afterWords is text without its first n words, as typed (line breaks
// kept).
func afterWords(text string, n int) string {
	text = strings.TrimLeftFunc(text, unicode.IsSpace)
	for range n {
		i := strings.IndexFunc(text, unicode.IsSpace)
		if i < 0 {
			return ""
		}
		text = strings.TrimLeftFunc(text[i:], unicode.IsSpace)
	}
	return strings.TrimRightFunc(text, unicode.IsSpace)
}

// scoreAnswer loads the user's card of q and scores text against q's key
// points. When it cannot go on, it returns the reply.
func (s *Service) scoreAnswer(ctx context.Context, req Request, q *bank.Question, text string) (Lang, CardState, assess.Result, Response, bool) {
	cs, err := s.store.Card(ctx, req.Scope, req.User, q.ID)
	if err != nil {
		s.storeFailed(ctx, "loading card", err)
		return "", cs, assess.Result{}, s.inDoubt(req, s.langUnread(req), msgAnswerNotSaved), false
	}
	l := s.pickLang(cs.Lang, req)
	if problem := CheckAnswer(l, text); problem != "" {
		r := s.invalid(l, msgAnswerRefused, problem, req.Prefix, q.ID)
		return l, cs, assess.Result{}, r, false
	}
	res, err := s.scorer().Score(q.ID, text)
	if err != nil || res.Flags.Has(assess.Empty) {
		return l, cs, res, s.invalid(l, msgAnswerRefused, s.t(l, msgAnswerNoWords), req.Prefix, q.ID), false
	}
	return l, cs, res, Response{}, true
}

// answerInWords scores and records an answer to q, once per once-key when
// one is given. An answer with no ID, taken for the card on screen
// (onScreen, nil for any other), says so in its result.
func (s *Service) answerInWords(ctx context.Context, req Request, q *bank.Question, text, once string, onScreen *shownCard) Response {
	l, cs, res, reply, ok := s.scoreAnswer(ctx, req, q, text)
	if !ok {
		return reply
	}
	if res.Flags.Has(assess.Unscorable) {
		r := s.showAnswer(ctx, req, q.ID, "")
		r.Messages = append([]Message{s.text(l, true, msgAnswerUnscorable)}, r.Messages...)
		return r
	}
	if once == "" && req.Delivery != "" {
		once = "d:" + req.Delivery // a command's delivery is answered once
	}
	a, ar, reply, ok := s.recordOnce(ctx, req, l, q, cs, res.Grade, &res, once, "")
	repeated := ar.Status == RehearsalRepeated
	switch {
	case !ok:
		return reply
	case repeated && req.Delivery != "" && a.Delivery == req.Delivery:
		// This very delivery handled again (a retry, another replica):
		// its result, as it was recorded.
		return s.namingCard(l, s.typedResult(ctx, l, req, q, res, a, Activity{}), a, onScreen)
	case repeated:
		return s.invalid(l, msgAnsweredBeforeWith, a.Covered, a.Scored, s.gradeLabel(l, a.Grade))
	}
	// As ask records a card drawn: a next typed now draws another of
	// q's topic, as the result's Next button does.
	if err := s.store.MarkSeen(ctx, Draw{Scope: req.Scope, User: req.User, QuestionID: q.ID, At: a.At, Topic: questionTopic(q)}); err != nil {
		s.storeFailed(ctx, "marking seen", err)
	}
	return s.namingCard(l, s.typedResult(ctx, l, req, q, res, a, ar.Activity), a, onScreen)
}

// namingCard is r, the result of a, with a first line naming the card an
// answer with no ID went to (onScreen; r as it is when nil): its ID and
// title, and whether it is another try, one after the card was answered
// or graded since it was drawn (each try is a review of its own).
func (s *Service) namingCard(l Lang, r Response, a Rehearsal, onScreen *shownCard) Response {
	if onScreen == nil {
		return r
	}
	key := msgAnswerOnScreen
	// Cards keep their last review to the second.
	if last := a.Before.LastReview; !last.IsZero() && !last.Before(onScreen.at.Truncate(time.Second)) {
		key = msgAnswerOnScreenAgain
	}
	q := onScreen.q
	return withLead(r, s.t(l, key, q.ID, titleInline(q.Title)))
}

// questionTopic is the topic another question drawn after q is of: its
// first, "" (the whole bank) when it has none.
func questionTopic(q *bank.Question) string {
	if len(q.Topics) == 0 {
		return ""
	}
	return q.Topics[0]
}

// record stores a rehearsal of q with grade g: a typed answer when res is
// set, else a self-grade; a step of the interview with ID interview when
// that is set. The card it grades has the user's latest quiz
// answer on q taken in.
func (s *Service) record(ctx context.Context, req Request, q *bank.Question, cs CardState, g srs.Grade, res *assess.Result, once, interview string) (Rehearsal, RehearsalResult, error) {
	now := s.now()
	z, err := s.scopeZone(ctx, req.Scope, now)
	if err != nil {
		return Rehearsal{}, RehearsalResult{}, err
	}
	before := s.withAttempt(cs.Card, cs.Attempt)
	a := Rehearsal{
		Scope: req.Scope, User: req.User, QuestionID: q.ID, Once: once, Delivery: req.Delivery, Interview: interview,
		Before: before, After: s.sched.Review(before, g, now), Grade: g, Day: z.day(now), At: now,
	}
	if res != nil {
		a.Typed, a.Covered, a.Scored, a.Missed = true, res.Covered, res.Scored, missedPoints(*res)
	}
	// A random ID is taken only by a rare collision: try another.
	for range 3 {
		s.withRand(func(r *rand.Rand) { a.ID = randomID(r, rehearsalIDLength) })
		ar, err := s.store.RecordRehearsal(ctx, a)
		if err != nil || ar.Status != RehearsalIDTaken {
			return a, ar, err
		}
	}
	return a, RehearsalResult{}, errors.New("no free rehearsal ID")
}

// recordOnce records a rehearsal as record does, once per once-key: when
// one was recorded with the key before (ar.Status is RehearsalRepeated), a
// is that first record. ok is false, with the reply, when it cannot be
// told what was recorded: the write, or the read of the first record,
// failed (the delivery is in doubt), or the first record is gone.
func (s *Service) recordOnce(ctx context.Context, req Request, l Lang, q *bank.Question, cs CardState, g srs.Grade, res *assess.Result, once, interview string) (a Rehearsal, ar RehearsalResult, reply Response, ok bool) {
	a, ar, err := s.record(ctx, req, q, cs, g, res, once, interview)
	if err != nil {
		what := "recording an answer"
		if interview != "" {
			what = "recording an interview answer"
		}
		s.storeFailed(ctx, what, err)
		return a, ar, s.inDoubt(req, l, msgAnswerNotSaved), false
	}
	if ar.Status != RehearsalRepeated {
		return a, ar, Response{}, true
	}
	first, ok, err := s.store.Rehearsal(ctx, req.Scope, req.User, ar.First.ID)
	switch {
	case err != nil:
		s.storeFailed(ctx, "reading a rehearsal", err)
		return a, ar, s.inDoubt(req, l, msgAnswerNotSaved), false
	case !ok:
		return a, ar, s.invalid(l, msgAnsweredBefore), false
	}
	return first, ar, Response{}, true
}

// typedResult shows a recorded answer's score: k/n, the points covered with
// the words that covered them, the points missed with their reference
// text, the grade recorded and the buttons that change it, the streak
// when known, and Next, to another question of q's topic.
func (s *Service) typedResult(ctx context.Context, l Lang, req Request, q *bank.Question, res assess.Result, a Rehearsal, act Activity) Response {
	now := s.now()
	blocks := []rich.Block{
		rich.Para(rich.Span{Text: "✍️ " + q.Title, Style: rich.Bold}),
		rich.Para(rich.Span{Text: s.t(l, msgCoverage, res.Covered, res.Scored), Style: rich.Bold}),
		rich.Text(strings.Join(s.pointLines(l, q, res), "\n")),
	}
	blocks = append(blocks, s.flagLines(l, res.Flags)...)
	blocks = append(blocks,
		rich.Text(s.t(l, msgGraded, s.gradeLabel(l, a.Grade), s.dueText(l, a.After.Due, now, s.shownLocation(ctx, req.Scope)))),
		rich.Para(rich.Span{Text: s.t(l, msgChangeGrade), Style: rich.Italic}),
	)
	if act.Streak > 0 {
		blocks = append(blocks, rich.Text(s.t(l, msgStreak, act.Streak, act.Best)))
	}
	return Response{
		Notice: s.t(l, msgCoverageShort, res.Covered, res.Scored, s.gradeLabel(l, a.Grade)),
		Messages: []Message{{
			Private: true,
			Blocks:  blocks,
			Buttons: [][]Button{
				s.overrideButtons(l, a),
				{
					{Label: s.t(l, msgButtonFullAnswer), Payload: encodeReference(q.ID)},
					{Label: s.t(l, msgButtonNext), Payload: encodeNext(questionTopic(q)), Primary: true},
				},
			},
		}},
	}
}

// pointLines are the key points as an answer covered them: ✅ with the
// words that covered it, 🔸 named but not explained, ⛔ said wrongly (what
// the answer said of it, quoted, contradicts the point or is another
// point's), and
// ❌ missed, the last three with its reference text, ➖ when it cannot be
// checked: those come last, after the points the k/n count counts.
func (s *Service) pointLines(l Lang, q *bank.Question, res assess.Result) []string {
	var lines, unchecked []string
	for i, p := range res.Points {
		label := p.Text
		if i < len(q.KeyPoints) {
			label = q.KeyPoints[i].Label
		}
		switch {
		case !p.Scored:
			unchecked = append(unchecked, "➖ "+label+" "+s.t(l, msgPointUnchecked))
		case p.Covered:
			var found []string
			for _, e := range p.Evidence {
				if !slices.Contains(found, e.Found) {
					found = append(found, e.Found)
				}
			}
			lines = append(lines, "✅ "+label+" "+s.t(l, msgPointEvidence, clip(s.list(l, found), 80)))
		case p.Named:
			lines = append(lines, s.pointLine("🔸 ", label, p.Text, s.t(l, msgPointNamed), l))
		case p.Wrong && p.WrongExcerpt != "":
			lines = append(lines, s.pointLine("⛔ ", label, p.Text, s.t(l, msgPointWrongSaid, clip(p.WrongExcerpt, 80)), l))
		case p.Wrong:
			lines = append(lines, s.pointLine("⛔ ", label, p.Text, s.t(l, msgPointWrong), l))
		default:
			lines = append(lines, s.pointLine("❌ ", label, p.Text, "", l))
		}
	}
	return append(lines, unchecked...)
}

// pointLine is a point not covered: its mark, its reference text with
// the note (none when empty), or its label, the note and the text where
// the label is not the text's start.
func (s *Service) pointLine(mark, label, text, note string, l Lang) string {
	said := ""
	if note != "" {
		said = " " + note
	}
	if strings.HasPrefix(text, strings.TrimSuffix(label, "…")) {
		return mark + clip(text, maxReferenceRunes) + said
	}
	return mark + label + said + s.t(l, msgPointReference, clip(text, maxReferenceRunes))
}

// overrideButtons change a rehearsal's grade to any other.
func (s *Service) overrideButtons(l Lang, a Rehearsal) []Button {
	var row []Button
	for g := srs.Again; g <= srs.Easy; g++ {
		if g != a.Grade {
			row = append(row, Button{Label: s.gradeLabel(l, g), Payload: encodeOverride(a.ID, g)})
		}
	}
	return row
}

func encodeOverride(rehearsalID string, g srs.Grade) string {
	return string(actionOverride) + ":" + rehearsalID + ":" + strconv.Itoa(int(g))
}

// overrideGrade changes a typed answer's grade, once: the review is
// replaced, not repeated.
func (s *Service) overrideGrade(ctx context.Context, req Request, id string, g srs.Grade) Response {
	a, ok, err := s.store.Rehearsal(ctx, req.Scope, req.User, id)
	if err != nil {
		s.storeFailed(ctx, "reading a rehearsal", err)
		return s.inDoubt(req, s.langUnread(req), msgGradeNotSaved)
	}
	l := s.langOf(ctx, req)
	switch {
	case !ok || a.User != req.User || s.now().Sub(a.At) > OverrideWindow:
		return s.invalidNotice(l, msgOverrideGone)
	case a.Grade == g:
		return s.notice(l, msgGradedShort, s.gradeLabel(l, g))
	}
	after := s.sched.Review(a.Before, g, a.At)
	st, err := s.store.OverrideRehearsal(ctx, req.Scope, req.User, id, g, after)
	if err != nil {
		s.storeFailed(ctx, "changing a grade", err)
		return s.inDoubt(req, l, msgGradeNotSaved)
	}
	switch st {
	case OverrideDone:
		r := s.private(l, msgOverridden, s.gradeLabel(l, a.Grade), s.gradeLabel(l, g), s.dueText(l, after.Due, s.now(), s.shownLocation(ctx, req.Scope)))
		r.Notice = s.t(l, msgGradedShort, s.gradeLabel(l, g))
		return r
	case OverrideAlready:
		return s.invalidNotice(l, msgOverrideAlready)
	case OverrideStale:
		return s.invalidNotice(l, msgOverrideStale)
	default:
		return s.invalidNotice(l, msgOverrideGone)
	}
}
