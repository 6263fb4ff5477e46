package quiz

import (
	"context"
	"slices"
	"strings"

	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// Skipping a question of a mock interview, as a candidate says "pass":
// the Skip button, or skip, pass, 跳过, 不会, 下一题 … typed alone (or
// after interview, or as the whole answer). The question is recorded as
// not known — the record an answer in words that covers none of its key
// points leaves: each scored point missed, graded Again — and the
// interview goes on; the report shows it as skipped. The words are no
// commands of the table (they would crowd Telegram's menu and help):
// typed without an interview after a flashcard or a quiz, they draw the
// next of its topic, as the card's Another button does — but a word that
// says the user does not know (I don't know, 不会) after a flashcard shows
// its answer, as Show answer does: one who does not know a card wants to
// learn it, and grades it then (Again brings it back soon); with nothing
// drawn, the words that ask for the next question (next, another, 下一题
// …) draw a flashcard, and the others are told there is no interview, and
// how to start one.

const (
	msgButtonSkip      msgKey = "buttonSkip"
	msgSkipNoInterview msgKey = "skipNoInterview"
	// msgNextUnavailable answers a next word whose draw cannot be read.
	msgNextUnavailable msgKey = "nextUnavailable"
	msgStepSkipped     msgKey = "stepSkipped"
	msgReportSkipped   msgKey = "reportSkipped"
	// msgReportTotalSkipped is msgReportTotal with the questions skipped.
	msgReportTotalSkipped msgKey = "reportTotalSkipped"
)

func init() {
	register(map[msgKey]Text{
		msgButtonSkip: {"⏭ 跳过", "⏭ Skip"},
		msgNextUnavailable: {"暂时读不到你上一题的记录，请稍后再试；也可以输入「%s提问 <主题>」接着练。",
			"What you drew last cannot be read right now; try again in a moment, or type %sask <topic> to go on."},
		msgSkipNoInterview: {"你没有进行中的面试，没有题可以跳过。开始一场：%s面试 [主题] [题数] [每题时限]；想换一道闪卡：%s提问。",
			"You have no interview in progress, so there is no question to skip. Start one with %sinterview [topic] [n] [time]; for another flashcard, %sask."},
		msgStepSkipped:   {"第 %d/%d 题：跳过，记为%s", "Question %d/%d: skipped, recorded %s"},
		msgReportSkipped: {"%d. %s：⏭ 跳过 · %s", "%d. %s: ⏭ skipped · %s"},
		msgReportTotalSkipped: {"合计：覆盖 %d/%d 个要点（%d%%）；%d 题用自己的话作答，%d 题看了答案，%d 题跳过。",
			"Total: %d/%d key points (%d%%); %d answered in words, %d with the answer shown, %d skipped."},
	})
}

// isSkipLine reports whether a typed line (or an answer, or an argument
// of interview) skips an interview's question: one of skipWords or
// nextWords.
func isSkipLine(text string) bool {
	line := phraseLine(text)
	return slices.Contains(skipWords, line) || slices.Contains(nextWords, line)
}

// isNextLine reports whether a typed line asks for the next question: one
// of nextWords.
func isNextLine(text string) bool { return slices.Contains(nextWords, phraseLine(text)) }

// isDontKnowLine reports whether a typed line says the user does not know
// the question: one of dontKnowWords.
func isDontKnowLine(text string) bool { return slices.Contains(dontKnowWords, phraseLine(text)) }

// skipTyped answers a skip word typed alone: the current question of the
// user's interview skipped; with no interview in progress, any of them
// (skip, next, 跳过, 下一题) passes over what the user drew last (a
// flashcard or a quiz) for the next of its topic, as a card's Another
// button does, but a don't-know word shows a flashcard's answer, as its
// Show answer button does; with nothing drawn, a next word draws a
// flashcard of the whole bank, as ask does.
func (s *Service) skipTyped(ctx context.Context, req Request) (Response, string) {
	ivs, r, done := s.stepInterviews(ctx, req, "", true)
	if done {
		return r, "skip"
	}
	if ivs.Current.ID == "" {
		if r, name, ok := s.drawNext(ctx, req); ok {
			return r, name
		}
		if isNextLine(req.Text) {
			return s.ask(ctx, req, nil), "ask"
		}
	}
	return s.skipIn(ctx, req, ivs), "skip"
}

// drawNext draws the next of what the user drew last, of its topic, or,
// for a line saying they do not know, shows a flashcard's answer, and
// names the action it ran; ok is false when their session keeps nothing
// drawn. A session that cannot be read is told so (not that there is no
// interview to skip).
func (s *Service) drawNext(ctx context.Context, req Request) (Response, string, bool) {
	sess, err := s.store.Session(ctx, req.Scope, req.User)
	if err != nil {
		s.storeFailed(ctx, "reading session", err)
		return s.unavailable(s.langOf(ctx, req), msgNextUnavailable, req.Prefix), actionNames[actionNext], true
	}
	topic := strings.Fields(sess.Topic)
	switch {
	case sess.Drew == DrewCard && sess.Question != "" && isDontKnowLine(req.Text):
		return s.showAnswer(ctx, req, sess.Question, sess.Topic), actionNames[actionShow], true
	case sess.Drew == DrewCard:
		return s.ask(ctx, req, topic), actionNames[actionNext], true
	case sess.Drew == DrewQuiz:
		return s.quiz(ctx, req, topic), "quiz", true
	}
	return Response{}, "", false
}

// skipCommand skips the current question of the user's interview, typed.
// The same delivery handled again shows what its first run showed, as an
// answer's does.
func (s *Service) skipCommand(ctx context.Context, req Request) Response {
	ivs, r, done := s.stepInterviews(ctx, req, "", true)
	if done {
		return r
	}
	return s.skipIn(ctx, req, ivs)
}

// skipIn skips the current question of ivs's interview in progress, or
// says there is none.
func (s *Service) skipIn(ctx context.Context, req Request, ivs Interviews) Response {
	l := s.langOf(ctx, req)
	if ivs.Current.ID == "" {
		return s.invalid(l, msgSkipNoInterview, req.Prefix, req.Prefix)
	}
	q, reply, ok := s.question(l, ivs.Current.current())
	if !ok {
		return reply
	}
	return s.skipStep(ctx, req, l, ivs.Current, q)
}

// skipStep records q, the interview's current question, as not known —
// as an answer in words covering none of its key points is recorded
// (graded Again, each scored point missed; a question whose points cannot
// be checked, as a self-grade of Again) — and goes on, through the path
// of every answer (completeStep).
func (s *Service) skipStep(ctx context.Context, req Request, l Lang, iv Interview, q *bank.Question) Response {
	cs, err := s.store.Card(ctx, req.Scope, req.User, q.ID)
	if err != nil {
		s.storeFailed(ctx, "loading card", err)
		return s.inDoubt(req, l, msgAnswerNotSaved)
	}
	step := InterviewStep{QuestionID: q.ID, Grade: srs.Again, Skipped: true}
	var res *assess.Result
	if blank, err := s.scorer().Score(q.ID, ""); err == nil && blank.Scored > 0 {
		blank.Flags, blank.Grade = 0, srs.Again // nothing said: every scored point missed
		res = &blank
		step.Typed, step.Scored, step.Missed = true, blank.Scored, missedPoints(blank)
	}
	return s.completeStep(ctx, req, l, iv, q, cs, step, res)
}
