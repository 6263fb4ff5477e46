package quiz

import (
	"context"
	"slices"
	"strings"

	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/srs"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// Skipping a question of a mock interview, as a candidate says "pass":
// the Skip button, or skip, pass, 跳过, 不会, 下一题 … typed alone (or
// after interview, or as the whole answer). The question is recorded as
// not known — the record an answer in words that covers none of its key
// points leaves: each scored point missed, graded Again — and the
// interview goes on; the report shows it as skipped. The words are no
// commands of the table (they would crowd Telegram's menu and help, and
// mean nothing outside an interview): typed without one, they are told
// there is none, and how to start one.

const (
	msgButtonSkip      msgKey = "buttonSkip"
	msgSkipNoInterview msgKey = "skipNoInterview"
	msgStepSkipped     msgKey = "stepSkipped"
	msgReportSkipped   msgKey = "reportSkipped"
	// msgReportTotalSkipped is msgReportTotal with the questions skipped.
	msgReportTotalSkipped msgKey = "reportTotalSkipped"
)

func init() {
	register(map[msgKey]Text{
		msgButtonSkip: {"⏭ 跳过", "⏭ Skip"},
		msgSkipNoInterview: {"你没有进行中的面试，没有题可以跳过。开始一场：%s面试 [主题] [题数] [每题时限]；想换一道闪卡：%s提问。",
			"You have no interview in progress, so there is no question to skip. Start one with %sinterview [topic] [n] [time]; for another flashcard, %sask."},
		msgStepSkipped:   {"第 %d/%d 题：跳过，记为%s", "Question %d/%d: skipped, recorded %s"},
		msgReportSkipped: {"%d. %s：⏭ 跳过 · %s", "%d. %s: ⏭ skipped · %s"},
		msgReportTotalSkipped: {"合计：覆盖 %d/%d 个要点（%d%%）；%d 题用自己的话作答，%d 题看了答案，%d 题跳过。",
			"Total: %d/%d key points (%d%%); %d answered in words, %d with the answer shown, %d skipped."},
	})
}

// skipWords are the lines that skip an interview's question, as Fold
// leaves them, without a closing mark or particle (跳过吧, skip!). None is
// a command's name or alias, nor starts with a Chinese name of a command
// run into what follows (a test checks both).
var skipWords = []string{
	"skip", "pass", "next", "skip it", "skip this", "skip this one", "skip question", "skip the question",
	"next question", "next one", "pass this one", "i don't know", "i dont know", "don't know", "dont know", "idk", "no idea",
	"跳过", "跳过这题", "跳过这道题", "跳过此题", "跳过这个", "略过", "不会", "我不会", "这题不会", "这道题不会", "不会做",
	"不知道", "我不知道", "不懂", "我不懂", "不清楚", "下一题", "下一道", "下一道题", "下一个", "下一个问题", "换下一题",
}

// skipParticles may close a Chinese line without changing it (跳过吧).
const skipParticles = "吧啊呀"

// isSkipLine reports whether a typed line (or an answer, or an argument
// of interview) skips an interview's question: one of skipWords, on any
// keyboard, in any case, after Slack's command (k8s skip) or a slash
// (/skip), with a closing mark or particle.
func isSkipLine(text string) bool {
	fields := strings.Fields(textnorm.Fold(withoutSlashCommand(text)))
	line := strings.TrimPrefix(strings.Join(fields, " "), "/")
	line = strings.TrimRight(line, trailingMarks+"~")
	line = strings.TrimRight(strings.TrimSpace(strings.TrimRight(line, skipParticles)), trailingMarks) // 跳过 吧
	line = strings.ReplaceAll(line, "’", "'")
	return slices.Contains(skipWords, line)
}

// skipCommand skips the current question of the user's interview, typed.
// The same delivery handled again shows what its first run showed, as an
// answer's does.
func (s *Service) skipCommand(ctx context.Context, req Request) Response {
	ivs, r, done := s.stepInterviews(ctx, req, "", true)
	if done {
		return r
	}
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
