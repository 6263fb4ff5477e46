package quiz

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/srs"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// Mock interviews: `interview [topic…] [n] [time]` asks n questions one
// after another, chosen as an interviewer would (spread over the topics,
// the learner's due and weaker ones first); each is answered in words (or
// revealed and self-graded) and recorded like any answer; a report ends
// it. The interview lives in the store with an expiry (InterviewTTL after
// its last change), so that it survives a restart and is resumed with
// `interview`, or abandoned with `interview stop`.

const (
	// InterviewQuestions is how many questions an interview asks by default.
	InterviewQuestions = 5
	// maxInterviewQuestions bounds the questions of one interview.
	maxInterviewQuestions = 10
	// InterviewTTL is how long an interview is kept after its last change.
	InterviewTTL = 24 * time.Hour
	// The time a question may be given: from half a minute to an hour.
	minInterviewLimit = 30 * time.Second
	maxInterviewLimit = time.Hour
	// interviewIDLength is the number of characters of an interview's ID:
	// ownerTagLength of them tell whose it is (ownerTag). An interview
	// started before they did has oldInterviewIDLength, all random.
	interviewIDLength    = 10
	oldInterviewIDLength = 8
	ownerTagLength       = 2
)

func validInterviewID(s string) bool {
	return (len(s) == interviewIDLength || len(s) == oldInterviewIDLength) && isBase32(s)
}

// newInterviewID is a new interview's ID for user: random, then the tag
// that says it is user's (ownerTag).
func newInterviewID(r *rand.Rand, user string) string {
	id := randomID(r, interviewIDLength-ownerTagLength)
	return id + ownerTag(user, id)
}

// ownerTag is what an interview ID's random part is followed by when the
// interview is user's: a button of someone else's interview (pressed in a
// message shown to them, or forged) is told so rather than "over", without
// a look-up of who started it. One ID in 1024 of another user's matches.
func ownerTag(user, random string) string {
	h := fnv.New32a()
	h.Write([]byte(user + "\x00" + random))
	const alphabet = "abcdefghijklmnopqrstuvwxyz234567"
	sum := h.Sum32()
	return string([]byte{alphabet[sum&31], alphabet[sum>>5&31]})
}

// someoneElses reports whether an interview ID says it is not user's; an
// ID from before IDs carried their owner's tag says nothing.
func someoneElses(id, user string) bool {
	if len(id) != interviewIDLength {
		return false
	}
	random := id[:len(id)-ownerTagLength]
	return id[len(random):] != ownerTag(user, random)
}

// current is the ID of the question being asked, "" when all are answered.
func (iv Interview) current() string {
	if iv.Done() {
		return ""
	}
	return iv.Questions[len(iv.Steps)]
}

// The operations of an interview's buttons; '1' to '4' self-grade.
const (
	opWrite  = 'w' // answer in words
	opReveal = 'r' // show the answer
	opStop   = 'x' // stop the interview
	opSkip   = 's' // pass on the question: not known
)

// interviewAction is a pressed button of an interview's question.
type interviewAction struct {
	id   string
	step int
	op   byte
}

// parseInterviewAction reads "<interview id>:<step>:<op>" strictly.
func parseInterviewAction(rest string) (interviewAction, bool) {
	parts := strings.Split(rest, ":")
	if len(parts) != 3 || !validInterviewID(parts[0]) || len(parts[2]) != 1 {
		return interviewAction{}, false
	}
	step, err := strconv.Atoi(parts[1])
	if err != nil || step < 0 || step >= maxInterviewQuestions || strconv.Itoa(step) != parts[1] {
		return interviewAction{}, false
	}
	a := interviewAction{id: parts[0], step: step, op: parts[2][0]}
	switch {
	case a.op == opWrite, a.op == opReveal, a.op == opStop, a.op == opSkip, a.op >= '1' && a.op <= '4':
		return a, true
	}
	return interviewAction{}, false
}

func encodeInterview(id string, step int, op byte) string {
	return string(actionInterview) + ":" + id + ":" + strconv.Itoa(step) + ":" + string(op)
}

// interviewPlan is what an interview command asked for.
type interviewPlan struct {
	questions []*bank.Question
	label     string
	n         int
	limit     time.Duration
}

// isStopWord reports whether a word ends an interview, in any case or width.
func isStopWord(word string) bool { return slices.Contains(stopWords, textnorm.Fold(word)) }

// interviewCommand starts, resumes or stops the user's interview.
func (s *Service) interviewCommand(ctx context.Context, req Request, args []string) Response {
	l := s.langOf(ctx, req)
	if req.Shared {
		return s.invalid(l, msgInterviewPrivateOnly, req.Prefix)
	}
	if len(args) > 0 && isSkipLine(strings.Join(args, " ")) { // "interview skip", "面试 跳过 吧", "interview I don't know"
		return s.skipCommand(ctx, req)
	}
	args = terms(args)
	if len(args) > 0 && isStopWord(args[0]) { // "interview stop pv" stops too
		return s.stopInterview(ctx, req, l, "")
	}
	ivs, err := s.store.Interviews(ctx, req.Scope, req.User)
	if err != nil {
		s.storeFailed(ctx, "loading interview", err)
		return s.unavailable(l, msgInterviewUnavailable)
	}
	cur := ivs.Current
	startedHere := cur.ID != "" && req.Delivery != "" && cur.Delivery == req.Delivery
	if cur.ID != "" && !startedHere {
		return s.resumeInterview(ctx, l, req, cur, len(args) > 0)
	}
	plan, reply, ok := s.planInterview(l, req, args)
	if !ok {
		return reply
	}
	if startedHere { // this delivery handled again: its start, as it was
		if len(cur.Steps) > 0 { // answered since: where it is now
			return s.resumeInterview(ctx, l, req, cur, false)
		}
		return s.interviewStarted(ctx, l, req, cur, plan.n)
	}
	now := s.now()
	var st Stats
	z, err := s.scopeZone(ctx, req.Scope, now)
	if err == nil {
		st, err = s.store.Stats(ctx, req.Scope, req.User, z.week(now))
	}
	if err != nil {
		s.storeFailed(ctx, "reading stats", err)
		return s.unavailable(l, msgInterviewUnavailable)
	}
	st.Cards = s.withAttempts(z, st.Cards, st.Attempts)
	iv := Interview{Scope: req.Scope, User: req.User, Label: plan.label, Limit: plan.limit, Started: now, Asked: now, Delivery: req.Delivery}
	s.withRand(func(r *rand.Rand) {
		for _, q := range pickInterview(plan.questions, st, now, plan.n, r) {
			iv.Questions = append(iv.Questions, q.ID)
		}
		iv.ID = newInterviewID(r, req.User)
	})
	saved, err := s.store.SaveInterview(ctx, iv, -1, InterviewTTL)
	if err != nil {
		s.storeFailed(ctx, "starting interview", err)
		return s.unavailable(l, msgInterviewUnavailable)
	}
	if !saved { // another command started one first
		return s.invalid(l, msgInterviewRunning, req.Prefix)
	}
	return s.interviewStarted(ctx, l, req, iv, plan.n)
}

// interviewStarted is the reply to the command that started iv, asked
// for n questions: what it covers, and its first question.
func (s *Service) interviewStarted(ctx context.Context, l Lang, req Request, iv Interview, n int) Response {
	scope := s.interviewScope(l, iv)
	if len(iv.Questions) < n && iv.Label != "" { // 面试 存储 十题: storage has 8
		scope += s.t(l, msgInterviewFewer, iv.Label, len(iv.Questions))
	}
	// A skip is recorded Again, as the reply to each skip says (stepLine).
	intro := s.text(l, true, msgInterviewIntro, len(iv.Questions), scope, req.Prefix, req.Prefix, s.gradeLabel(l, srs.Again), req.Prefix)
	return Response{Messages: []Message{intro, s.interviewQuestion(ctx, l, req, iv)}}
}

// interviewScope says what an interview covers: its topics and its time
// per question, if any.
func (s *Service) interviewScope(l Lang, iv Interview) string {
	var out string
	if iv.Label != "" {
		out += s.t(l, msgInterviewOn, iv.Label)
	}
	if iv.Limit > 0 {
		out += s.t(l, msgInterviewEach, s.limitText(l, iv.Limit))
	}
	return out
}

// planInterview reads an interview command's arguments: topics, a number
// of questions, a time per question, in any order.
func (s *Service) planInterview(l Lang, req Request, args []string) (interviewPlan, Response, bool) {
	plan := interviewPlan{n: InterviewQuestions, questions: s.bank.Questions()}
	counted := false
	var words []string
	args = slices.Clone(args)
	for i, a := range args {
		args[i] = arabicNumber(a)
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if i+1 < len(args) && !startsWithDigit(args[i+1]) {
			// "5 minutes", "90 秒": a number and its unit, typed apart.
			if _, ok := parseLimit(a + args[i+1]); ok && startsWithDigit(a) {
				a, i = a+args[i+1], i+1
			}
		}
		if i+1 < len(args) && startsWithDigit(a) && isCountUnit(args[i+1]) {
			a, i = a+args[i+1], i+1 // "3 题": a number and its unit, typed apart
		}
		if n, ok := questionCount(a); ok {
			if counted {
				return plan, s.invalid(l, msgInterviewNoUnit, plan.n, clip(a, 20), req.Prefix, plan.n, limitExample(l, n)), false
			}
			if n < 1 || n > maxInterviewQuestions {
				return plan, s.invalid(l, msgInterviewBadCount, maxInterviewQuestions, req.Prefix), false
			}
			plan.n, counted = n, true
			continue
		}
		if d, ok := parseLimit(a); ok {
			if d < minInterviewLimit || d > maxInterviewLimit {
				return plan, s.invalid(l, msgInterviewBadLimit, clip(a, 20), req.Prefix), false
			}
			plan.limit = d
			continue
		}
		words = append(words, a)
	}
	if words = s.topicWords(words); len(words) > 0 { // none in "interview me"
		topics, unknown := s.bank.ResolveAll(words)
		if len(unknown) > 0 {
			return plan, s.unknownTopic(l, req, unknown[0]), false
		}
		plan.questions, plan.label = s.bank.Matching(topics), clip(s.list(l, s.bank.TopicPhrases(words)), 40) // "on pv, pvc", "on init container"
	}
	return plan, Response{}, true
}

// limitUnits are the units a time per question may be typed with, longest
// first, as Go durations spell them.
var limitUnits = []struct{ typed, unit string }{
	{"minutes", "m"}, {"minute", "m"}, {"mins", "m"}, {"min", "m"}, {"分钟", "m"}, {"分", "m"},
	{"seconds", "s"}, {"second", "s"}, {"secs", "s"}, {"sec", "s"}, {"秒", "s"}, {"小时", "h"},
	{"hours", "h"}, {"hour", "h"}, {"hrs", "h"}, {"hr", "h"},
}

// limitPart is a number and its unit at the start of a time per
// question typed in lower case ("2min" of "2min30s"), units longest first.
var limitPart = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)(` + func() string {
	var units []string
	for _, u := range limitUnits {
		units = append(units, regexp.QuoteMeta(u.typed))
	}
	return strings.Join(units, "|")
}() + `|h|m|s)`)

// parseLimit reads a time per question: "5m", "90s", "2m30s", "5min",
// "2min30s", "5分钟", "2分30秒", a Go duration ("1.5m").
func parseLimit(a string) (time.Duration, bool) {
	a = strings.ToLower(a)
	if !startsWithDigit(a) {
		return 0, false
	}
	if d, err := time.ParseDuration(a); err == nil {
		return d, true
	}
	var b strings.Builder
	for rest := a; rest != ""; {
		m := limitPart.FindStringSubmatch(rest)
		if m == nil {
			return 0, false
		}
		unit := m[2]
		for _, u := range limitUnits {
			if u.typed == unit {
				unit = u.unit
				break
			}
		}
		b.WriteString(m[1] + unit)
		rest = rest[len(m[0]):]
	}
	d, err := time.ParseDuration(b.String())
	return d, err == nil
}

// countUnits are the words a number of questions may be typed with
// (3题, 3 道题, 3个问题, 3 questions), longest first, in lower case.
var countUnits = []string{"个问题", "道题", "个题", "题", "道", "questions", "question", "qs", "q"}

// isCountUnit reports whether a typed word is one of countUnits, in any
// case.
func isCountUnit(w string) bool { return slices.Contains(countUnits, strings.ToLower(w)) }

// questionCount reads a number of questions, with its unit or without.
func questionCount(a string) (int, bool) {
	a = strings.ToLower(a)
	for _, u := range countUnits {
		if n, ok := strings.CutSuffix(a, u); ok {
			a = n
			break
		}
	}
	n, err := strconv.Atoi(a)
	return n, err == nil
}

// chineseDigits are the values of the Chinese numerals a count or a time
// is typed with (三题, 两道, 十分钟).
var chineseDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// englishNumbers are the numbers a count or a time is typed with in
// words (three questions, two minutes).
var englishNumbers = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90,
}

// arabicNumber writes a number typed in an English word (two), or a
// Chinese number below a hundred that begins a, in digits (as number reads
// it), when what follows it is nothing, a unit of a count or of a time:
// 三题 is 3题, 十五分钟 15分钟, 二十 20. Anything else is a as typed, so
// that no topic or answer is read as a number.
func arabicNumber(a string) string {
	if n, ok := englishNumbers[strings.ToLower(a)]; ok {
		return strconv.Itoa(n)
	}
	end := strings.IndexFunc(a, func(r rune) bool { _, digit := chineseDigits[r]; return !digit && r != '十' })
	if end < 0 {
		end = len(a)
	}
	n, ok := number(a[:end])
	rest := a[end:]
	isUnit := rest == "" || slices.Contains(countUnits, rest) ||
		slices.ContainsFunc(limitUnits, func(u struct{ typed, unit string }) bool { return u.typed == rest })
	if end == 0 || !ok || !isUnit {
		return a
	}
	return strconv.Itoa(n) + rest
}

// startsWithDigit says whether a begins with an ASCII digit.
func startsWithDigit(a string) bool { return a != "" && a[0] >= '0' && a[0] <= '9' }

// limitText is an interview's time per question as typed: minutes, or
// seconds when it is not a whole number of minutes ("90 seconds", not
// "2 minutes").
func (s *Service) limitText(l Lang, d time.Duration) string {
	if d%time.Minute != 0 && d < time.Hour {
		return s.t(l, msgSeconds, int(d/time.Second))
	}
	return s.humanDuration(l, d)
}

// pickInterview chooses n questions as an interviewer would: each one from
// the topics asked least so far (the interview spreads over topics), and
// among those the learner's due cards first, then the questions they have
// not graded, then the rest; within each, the weaker topic (lower
// accuracy) first, ties broken at random.
func pickInterview(cands []*bank.Question, st Stats, now time.Time, n int, r *rand.Rand) []*bank.Question {
	type cand struct {
		q        *bank.Question
		tier     int
		accuracy float64
		tie      float64
	}
	pool := make([]cand, len(cands))
	for i, q := range cands {
		c := cand{q: q, tier: 1, accuracy: 0.5, tie: r.Float64()}
		if card, graded := st.Cards[q.ID]; graded {
			c.tier = 2
			if !card.Due.After(now) {
				c.tier = 0
			}
		}
		for _, t := range q.Topics {
			if sc := st.Topics[t]; sc.Tries > 0 {
				c.accuracy = min(c.accuracy, sc.accuracy())
			}
		}
		pool[i] = c
	}
	used := map[string]int{}
	spread := func(c cand) int {
		n := 0
		for _, t := range c.q.Topics {
			n += used[t]
		}
		return n
	}
	var out []*bank.Question
	for len(out) < n && len(pool) > 0 {
		best := 0
		for i, c := range pool[1:] {
			b := pool[best]
			if sc, sb := spread(c), spread(b); sc != sb {
				if sc < sb {
					best = i + 1
				}
				continue
			}
			if c.tier != b.tier {
				if c.tier < b.tier {
					best = i + 1
				}
				continue
			}
			if c.accuracy != b.accuracy {
				if c.accuracy < b.accuracy {
					best = i + 1
				}
				continue
			}
			if c.tie < b.tie {
				best = i + 1
			}
		}
		out = append(out, pool[best].q)
		for _, t := range pool[best].q.Topics {
			used[t]++
		}
		pool = slices.Delete(pool, best, best+1)
	}
	return out
}

// interviewQuestion shows the interview's current question, with its time
// and the buttons to answer it, reveal it or stop.
func (s *Service) interviewQuestion(ctx context.Context, l Lang, req Request, iv Interview) Message {
	step := len(iv.Steps)
	q, ok := s.bank.ByID(iv.current())
	if !ok { // dropped from the bank since the interview began
		return Message{
			Private: true, Blocks: []rich.Block{rich.Text(s.t(l, msgQuestionGone))},
			Buttons: [][]Button{{{Label: s.t(l, msgButtonStop), Payload: encodeInterview(iv.ID, step, opStop)}}},
		}
	}
	meta := s.t(l, msgCardMeta, s.list(l, q.Topics), q.ID)
	if iv.Limit > 0 {
		// The time by which to answer, its day named when it is not today
		// (an interview resumed a day later is over its time).
		loc, by := s.shownLocation(ctx, req.Scope), iv.Asked.Add(iv.Limit)
		when := by.In(loc).Format("15:04")
		if dailyDate(by, loc) != dailyDate(s.now(), loc) {
			when = s.dateIn(l, by, loc) + " " + when // "by Mon Nov 30 10:05"
		}
		meta += " · " + s.t(l, msgInterviewLimit, s.limitText(l, iv.Limit), when)
	}
	return Message{
		Private: true,
		Blocks: []rich.Block{
			rich.Para(rich.Span{Text: fmt.Sprintf("🎤 %d/%d · %s", step+1, len(iv.Questions), q.Title), Style: rich.Bold}),
			rich.Para(rich.Span{Text: meta, Style: rich.Italic}),
			rich.Text(s.t(l, msgInterviewHint, req.Prefix, req.Prefix)),
		},
		Buttons: [][]Button{{
			{Label: s.t(l, msgButtonAnswerIt), Payload: encodeInterview(iv.ID, step, opWrite), Primary: true},
			{Label: s.t(l, msgButtonShow), Payload: encodeInterview(iv.ID, step, opReveal)},
			{Label: s.t(l, msgButtonSkip), Payload: encodeInterview(iv.ID, step, opSkip)},
			{Label: s.t(l, msgButtonStop), Payload: encodeInterview(iv.ID, step, opStop)},
		}},
	}
}

// resumeInterview shows the interview in progress again.
func (s *Service) resumeInterview(ctx context.Context, l Lang, req Request, iv Interview, asked bool) Response {
	lead := s.t(l, msgInterviewResume, len(iv.Steps)+1, len(iv.Questions), req.Prefix)
	if asked {
		lead = joinSentences(l, s.t(l, msgInterviewOneAtATime), lead)
	}
	return Response{Messages: []Message{PrivateLine(lead), s.interviewQuestion(ctx, l, req, iv)}}
}

// loadInterview loads the interview a button or a prompt names, at step.
// When it is not the user's current one, it returns the reply, as it does
// when req's delivery answered a step of it before. A request that
// answers the step (answering) is in doubt when the interview cannot be
// read: it may be the rerun of one whose step the store ran.
func (s *Service) loadInterview(ctx context.Context, req Request, id string, step int, answering bool) (Interview, Lang, Response, bool) {
	ivs, r, done := s.stepInterviews(ctx, req, id, answering)
	iv := ivs.Current
	if done {
		return iv, "", r, false
	}
	l := s.langOf(ctx, req)
	switch {
	case iv.ID != id && someoneElses(id, req.User):
		return iv, l, s.invalid(l, msgInterviewOthers, req.Prefix), false
	case iv.ID != id:
		return iv, l, s.invalid(l, msgInterviewOver, req.Prefix), false
	case step >= 0 && step != len(iv.Steps):
		return iv, l, s.invalid(l, msgInterviewStepDone, req.Prefix), false
	}
	return iv, l, Response{}, true
}

// interviewAction handles an interview's buttons.
func (s *Service) interviewAction(ctx context.Context, req Request, a interviewAction) Response {
	step := a.step
	if a.op == opStop {
		step = -1 // stopping works from any of its questions
	}
	answering := a.op >= '1' && a.op <= '4' || a.op == opSkip
	iv, l, reply, ok := s.loadInterview(ctx, req, a.id, step, answering)
	if !ok {
		return reply
	}
	if a.op == opStop {
		return s.endInterview(ctx, req, l, iv)
	}
	q, reply, ok := s.question(l, iv.current())
	if !ok {
		return reply
	}
	switch a.op {
	case opWrite:
		return s.prompt(l, req, q, promptRef{questionID: q.ID, issued: s.now().Unix(), interview: iv.ID, step: a.step})
	case opReveal:
		return s.revealStep(l, iv, q)
	case opSkip:
		return s.skipStep(ctx, req, l, iv, q)
	}
	cs, err := s.store.Card(ctx, req.Scope, req.User, q.ID)
	if err != nil {
		s.storeFailed(ctx, "loading card", err)
		return s.inDoubt(req, l, msgGradeNotSaved)
	}
	g := srs.Grade(a.op - '0')
	return s.completeStep(ctx, req, l, iv, q, cs, InterviewStep{QuestionID: q.ID, Grade: g}, nil)
}

// revealStep shows the reference answer of an interview's question, with
// the buttons that grade it and go on.
func (s *Service) revealStep(l Lang, iv Interview, q *bank.Question) Response {
	blocks := append(answerBlocks(q), rich.Para(rich.Span{Text: s.t(l, msgHowDidYouDo), Style: rich.Italic}))
	var grades []Button
	for g := srs.Again; g <= srs.Easy; g++ {
		grades = append(grades, Button{Label: s.gradeLabel(l, g), Payload: encodeInterview(iv.ID, len(iv.Steps), byte('0'+g))})
	}
	return Response{Messages: []Message{{Private: true, Blocks: blocks, Buttons: [][]Button{grades}}}}
}

// replyToInterview takes an answer written to an interview's prompt.
func (s *Service) replyToInterview(ctx context.Context, req Request, ref promptRef, text string) Response {
	iv, _, reply, ok := s.loadInterview(ctx, req, ref.interview, ref.step, true)
	if !ok {
		return reply
	}
	return s.answerStep(ctx, req, iv, text)
}

// answerStep scores an answer in words to the interview's current question
// and goes on.
func (s *Service) answerStep(ctx context.Context, req Request, iv Interview, text string) Response {
	l := s.langOf(ctx, req)
	q, reply, ok := s.question(l, iv.current())
	if !ok {
		return reply
	}
	if isSkipLine(text) { // "answer 跳过", or "I don't know" written to the prompt: a pass
		return s.skipStep(ctx, req, l, iv, q)
	}
	l, cs, res, reply, ok := s.scoreAnswer(ctx, req, q, text)
	if !ok {
		return reply
	}
	if res.Flags.Has(assess.Unscorable) {
		r := s.revealStep(l, iv, q)
		r.Messages = append([]Message{s.text(l, true, msgAnswerUnscorable)}, r.Messages...)
		return r
	}
	step := InterviewStep{
		QuestionID: q.ID, Typed: true, Covered: res.Covered, Scored: res.Scored, Missed: missedPoints(res),
		Flags: res.Flags, Grade: res.Grade,
	}
	return s.completeStep(ctx, req, l, iv, q, cs, step, &res)
}

// completeStep records the answer to the interview's current question
// (once, whatever the retries), moves the interview on, and shows the
// result and the next question, or the report. Each write carries req's
// delivery, so that when one fails, perhaps after the store ran it, the
// delivery is in doubt: handled again, it finds what the first run
// stored and shows the same.
func (s *Service) completeStep(ctx context.Context, req Request, l Lang, iv Interview, q *bank.Question, cs CardState, step InterviewStep, res *assess.Result) Response {
	from := len(iv.Steps)
	a, ar, reply, ok := s.recordOnce(ctx, req, l, q, cs, step.Grade, res, stepOnce(iv.ID, from), iv.ID)
	if !ok {
		return reply
	}
	if ar.Status == RehearsalRepeated {
		// Recorded before, by a run that did not move the interview on:
		// move it on with what was recorded (a, the first record). A skip
		// is what it recorded: an answer that covered nothing, as Again
		// (one recorded in a delivery that is not req's may have been an
		// answer to it; it is shown as what it recorded).
		step.Skipped = step.Skipped && a.Covered == 0 && a.Grade == srs.Again
		step.Typed, step.Covered, step.Scored, step.Missed, step.Grade = a.Typed, a.Covered, a.Scored, a.Missed, a.Grade
	}
	step.Rehearsal, step.Took, step.At, step.Delivery = a.ID, a.At.Sub(iv.Asked), s.now(), req.Delivery
	iv.Steps = append(iv.Steps, step)
	iv.Asked = step.At
	saved, err := s.store.SaveInterview(ctx, iv, from, InterviewTTL)
	if err != nil {
		s.storeFailed(ctx, "saving interview", err)
		return s.inDoubt(req, l, msgAnswerNotSaved)
	}
	if !saved {
		return s.invalid(l, msgInterviewStepDone, req.Prefix)
	}
	return s.stepDone(ctx, l, req, iv)
}

// stepInterviews reads the user's interviews for a step of interview id
// ("": whatever is asked): done, with the reply, when they cannot be read
// (a step answering is then in doubt: it may be the rerun of one whose
// step the store ran) or req's delivery was handled already (stepAgain).
func (s *Service) stepInterviews(ctx context.Context, req Request, id string, answering bool) (ivs Interviews, r Response, done bool) {
	ivs, err := s.store.Interviews(ctx, req.Scope, req.User)
	if err != nil {
		s.storeFailed(ctx, "loading interview", err)
		if answering {
			return ivs, s.inDoubt(req, s.langUnread(req), msgAnswerNotSaved), true
		}
		return ivs, s.unavailable(s.langUnread(req), msgInterviewUnavailable), true
	}
	if again, ok := s.stepAgain(ctx, req, ivs, id); ok {
		return ivs, again, true
	}
	return ivs, Response{}, false
}

// stepAgain is what the step answered in req's delivery showed, when
// there is one, in the user's interview in progress or the one finished
// last (the one with this ID, any when id is ""): the same delivery
// handled again (its first run's reply lost, or taken over by another
// replica) shows the same, rather than the interview moved on, or over,
// or a second step. Once the next question was answered too, it shows
// the same result but, rather than that question as if still to answer,
// where the interview is now. ok is false when no step was answered in
// req's delivery.
func (s *Service) stepAgain(ctx context.Context, req Request, ivs Interviews, id string) (r Response, ok bool) {
	if req.Delivery == "" {
		return Response{}, false
	}
	for _, iv := range []Interview{ivs.Current, ivs.Finished} {
		if id != "" && iv.ID != id {
			continue
		}
		for i, st := range iv.Steps {
			if st.Delivery != req.Delivery {
				continue
			}
			l, answered := s.langOf(ctx, req), len(iv.Steps)
			iv.Steps, iv.Asked = iv.Steps[:i+1], st.At
			if i+1 == answered {
				return s.stepDone(ctx, l, req, iv), true
			}
			now := s.text(l, true, msgInterviewDoneSince)
			if answered < len(iv.Questions) {
				now = s.text(l, true, msgInterviewMovedOn, answered+1, len(iv.Questions), req.Prefix)
			}
			return s.stepShown(l, iv, now), true
		}
	}
	return Response{}, false
}

// stepDone shows the result of iv's last step, and the next question or,
// when iv is finished, the report.
func (s *Service) stepDone(ctx context.Context, l Lang, req Request, iv Interview) Response {
	next := s.interviewQuestion(ctx, l, req, iv)
	if iv.Done() {
		next = s.interviewReport(l, req, iv, false)
	}
	return s.stepShown(l, iv, next)
}

// stepShown shows the result of iv's last step, then then.
func (s *Service) stepShown(l Lang, iv Interview, then Message) Response {
	return Response{
		Notice:   s.stepLine(l, iv, len(iv.Steps)-1),
		Messages: []Message{s.stepResult(l, iv), then},
	}
}

// missedPoints has a bit per scored key point the answer missed.
func missedPoints(res assess.Result) uint32 {
	var m uint32
	for i, p := range res.Points {
		if p.Scored && !p.Covered {
			m |= 1 << uint(i)
		}
	}
	return m
}

// stepLine is the short result of an interview's answered question i.
func (s *Service) stepLine(l Lang, iv Interview, i int) string {
	st := iv.Steps[i]
	if st.Skipped {
		return s.t(l, msgStepSkipped, i+1, len(iv.Questions), s.gradeLabel(l, st.Grade))
	}
	if st.Typed {
		return s.t(l, msgStepTyped, i+1, len(iv.Questions), st.Covered, st.Scored, s.gradeLabel(l, st.Grade))
	}
	return s.t(l, msgStepRevealed, i+1, len(iv.Questions), s.gradeLabel(l, st.Grade))
}

// stepMark marks a step's result by its grade: a tick only for Good or
// better, so that an answer that covered nothing is not read as done well.
func stepMark(g srs.Grade) string {
	switch {
	case g >= srs.Good:
		return "✔"
	case g == srs.Hard:
		return "◐"
	default:
		return "✘"
	}
}

// stepResult shows the result of the question just answered, with the
// key points an answer in words did not cover (named or not: the
// interview keeps which were covered alone); a grade proposed from an
// answer in words can be changed (a skip's cannot: it said nothing was
// known).
func (s *Service) stepResult(l Lang, iv Interview) Message {
	i := len(iv.Steps) - 1
	st := iv.Steps[i]
	mark := stepMark(st.Grade)
	if st.Skipped {
		mark = "⏭"
	}
	blocks := []rich.Block{rich.Text(mark + " " + s.stepLine(l, iv, i))}
	var buttons [][]Button
	if st.Typed && !st.Skipped {
		q, _ := s.bank.ByID(st.QuestionID)
		if missed := s.missedLabels(q, st.Missed); len(missed) > 0 {
			blocks = append(blocks, rich.Text(s.t(l, msgReportMissed, s.list(l, missed))))
		}
		blocks = append(blocks, s.flagLines(l, st.Flags)...)
		blocks = append(blocks, rich.Para(rich.Span{Text: s.t(l, msgChangeGrade), Style: rich.Italic}))
		buttons = [][]Button{s.overrideButtons(l, Rehearsal{ID: st.Rehearsal, Grade: st.Grade})}
	}
	return Message{Private: true, Blocks: blocks, Buttons: buttons}
}

// interviewReport sums an interview up: per question the coverage and the
// points missed, the total, the weakest topics, and what to review next.
// A finished one took from its start to its last step.
func (s *Service) interviewReport(l Lang, req Request, iv Interview, stopped bool) Message {
	title := s.t(l, msgReportTitle, len(iv.Questions), s.humanDuration(l, iv.Asked.Sub(iv.Started)))
	if stopped {
		title = s.t(l, msgReportStopped, len(iv.Steps), len(iv.Questions))
	}
	var lines, review []string
	var covered, scored, typed, skipped, over int
	topics := map[string]TopicScore{}
	for i, st := range iv.Steps {
		q, _ := s.bank.ByID(st.QuestionID)
		name, qTopics := st.QuestionID, []string(nil)
		if q != nil {
			name, qTopics = titleInline(q.Title), q.Topics // "简述…PVC：0/2", not "PVC?：0/2"
		}
		took := s.humanDuration(l, st.Took)
		if st.Took < 2*time.Minute-time.Second/2 { // "61 seconds" over a minute's limit, not "1 minute"
			took = s.t(l, msgSeconds, int(st.Took.Round(time.Second)/time.Second))
		}
		if iv.Limit > 0 && st.Took > iv.Limit && !st.Skipped { // a pass is no late answer
			took += " ⏱ " + s.t(l, msgReportOverTime)
			over++
		}
		switch {
		case st.Skipped:
			// Recorded as not known: its scored points count as missed.
			if st.Typed {
				scored += st.Scored
			}
			skipped++
			lines = append(lines, s.t(l, msgReportSkipped, i+1, name, took))
		case st.Typed:
			typed++
			covered += st.Covered
			scored += st.Scored
			lines = append(lines, s.t(l, msgReportTyped, i+1, name, st.Covered, st.Scored, s.gradeLabel(l, st.Grade), took))
			if missed := s.missedLabels(q, st.Missed); len(missed) > 0 {
				lines = append(lines, "   "+s.t(l, msgReportMissed, s.list(l, missed)))
			}
		default:
			lines = append(lines, s.t(l, msgReportRevealed, i+1, name, s.gradeLabel(l, st.Grade), took))
		}
		// A topic is weak by its questions' grades, as the questions to
		// review are chosen: Good or better right, Hard half (as stats
		// counts it), a skip or Again nothing.
		for _, t := range qTopics {
			sc := topics[t]
			sc.Tries++
			switch {
			case st.Skipped:
			case st.Grade >= srs.Good:
				sc.Right++
			case st.Grade == srs.Hard:
				sc.Half++
			}
			topics[t] = sc
		}
		if st.Grade < srs.Good {
			review = append(review, s.t(l, msgReportReviewOne, name, req.Prefix, st.QuestionID))
		}
	}
	var summary []string
	switch shown := len(iv.Steps) - typed - skipped; {
	case scored > 0 && skipped > 0:
		summary = append(summary, s.t(l, msgReportTotalSkipped, covered, scored, percent(covered, scored), typed, shown, skipped))
	case scored > 0:
		summary = append(summary, s.t(l, msgReportTotal, covered, scored, percent(covered, scored), typed, shown))
	}
	if over > 0 {
		summary = append(summary, s.t(l, msgReportOver, s.limitText(l, iv.Limit), over))
	}
	if weak := weakestTopics(topics, 3, 1); len(weak) > 0 {
		summary = append(summary, s.t(l, msgReportWeakest, s.list(l, weak)))
	}
	if len(review) > 0 {
		summary = append(summary, s.t(l, msgReportReview)+"\n"+strings.Join(review, "\n"))
	} else if len(iv.Steps) > 0 {
		summary = append(summary, s.t(l, msgReportNothingToReview))
	}
	blocks := []rich.Block{rich.Para(rich.Span{Text: "📋 " + title, Style: rich.Bold})}
	if len(lines) > 0 {
		blocks = append(blocks, rich.Text(strings.Join(lines, "\n")))
	}
	for _, line := range summary {
		blocks = append(blocks, rich.Text(line))
	}
	return Message{Private: true, Blocks: blocks}
}

// missedLabels are the labels of the key points of q a mask names.
func (s *Service) missedLabels(q *bank.Question, mask uint32) []string {
	var out []string
	if q == nil {
		return nil
	}
	for i, kp := range q.KeyPoints {
		if mask&(1<<uint(i)) != 0 {
			out = append(out, kp.Label)
		}
	}
	return out
}

// stopTyped stops the user's interview when a line is a stop word alone
// ("stop", 结束) and one is running, or with none running says so (or,
// for exit and quit, how to leave: noInterviewToStop); ok is false when
// the line is no stop word or the interviews cannot be read, the line then
// being a word the bot does not know. ivs reads the user's interviews.
func (s *Service) stopTyped(ctx context.Context, req Request, l Lang, ivs func() (Interviews, error)) (Response, bool) {
	typed := terms([]string{withoutSlashCommand(req.Text)})
	words := slices.DeleteFunc(slices.Clone(typed), func(w string) bool {
		return slices.Contains([]string{"interview", "the", "面试"}, textnorm.Fold(w)) // stop the interview
	})
	if len(words) != 1 || !isStopWord(words[0]) {
		return Response{}, false
	}
	read, err := ivs()
	switch {
	case err != nil:
		return Response{}, false // the store's failure is told by the reply to a word it does not know
	case read.Current.ID == "":
		return s.noInterviewToStop(req, l, typed), true
	}
	return s.endInterview(ctx, req, l, read.Current), true
}

// stopInterview ends the user's interview, with the report of what was
// answered.
func (s *Service) stopInterview(ctx context.Context, req Request, l Lang, id string) Response {
	ivs, err := s.store.Interviews(ctx, req.Scope, req.User)
	if err != nil {
		s.storeFailed(ctx, "loading interview", err)
		return s.unavailable(l, msgInterviewUnavailable)
	}
	iv := ivs.Current
	if iv.ID == "" || id != "" && iv.ID != id {
		return s.invalid(l, msgInterviewNone, req.Prefix)
	}
	return s.endInterview(ctx, req, l, iv)
}

// endInterview removes iv and shows what was answered of it.
func (s *Service) endInterview(ctx context.Context, req Request, l Lang, iv Interview) Response {
	ended, err := s.store.EndInterview(ctx, req.Scope, req.User, iv.ID)
	if err != nil {
		s.storeFailed(ctx, "ending interview", err)
		return s.unavailable(l, msgInterviewUnavailable)
	}
	if !ended {
		return s.invalid(l, msgInterviewOver, req.Prefix)
	}
	if len(iv.Steps) == 0 {
		return s.private(l, msgInterviewStoppedEmpty, req.Prefix)
	}
	r := Response{Messages: []Message{s.interviewReport(l, req, iv, true)}}
	r.Notice = s.t(l, msgInterviewStopped)
	return r
}
