package quiz

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// quiz posts an auto-graded multiple-choice question in the conversation.
func (s *Service) quiz(ctx context.Context, req Request, args []string) Response {
	l := s.langOf(ctx, req)
	sel, reply, ok := s.selectQuestions(l, req, args)
	if !ok {
		return reply
	}
	var cands []*bank.Question
	for _, q := range sel.questions {
		if len(s.gen.Formats(q)) > 0 {
			cands = append(cands, q)
		}
	}
	if len(cands) == 0 {
		return s.invalid(l, msgNoQuizForTopic, sel.label, req.Prefix)
	}
	var (
		q  *bank.Question
		mq mcq.Question
		id string
	)
	s.withRand(func(r *rand.Rand) {
		q = cands[r.IntN(len(cands))]
		mq, _ = s.gen.Generate(q, r) // q yields a format, so this cannot fail
		id = randomID(r, quizIDLength)
	})
	stored := Quiz{
		ID: id, Scope: req.Scope, Channel: req.Channel, Lang: string(l), Prefix: req.Prefix,
		QuestionID: q.ID, Topics: q.Topics, Format: string(mq.Format),
		Prompt: mq.Prompt, Choices: mq.Choices, Correct: mq.Correct,
		Points: RightAnswerPoints, Created: s.now(), TTL: AnswerPeriod,
	}
	if err := s.store.CreateQuiz(ctx, stored); err != nil {
		s.storeFailed(ctx, "creating quiz", err)
		return s.unavailable(l, msgQuizUnavailable, req.Prefix)
	}
	s.quizzes.put(&stored)
	return Response{Messages: []Message{s.quizMessage(stored, 0)}}
}

// randomID is n random base32 characters.
func randomID(r *rand.Rand, n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz234567"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// choiceLetter labels choice i: A, B, C, D.
func choiceLetter(i int) string { return string(rune('A' + i)) }

// quizMessage draws a quiz for everyone in the conversation, in the language
// of whoever asked for it, with how many have answered so far.
func (s *Service) quizMessage(q Quiz, answered int) Message {
	l := ParseLang(q.Lang)
	head := s.t(l, msgQuizWhich)
	if q.Format == string(mcq.FillBlank) {
		head = s.t(l, msgQuizBlank)
	}
	icon, kind := "🧩 ", s.t(l, msgQuiz)
	if q.Daily {
		icon, kind = "📅 ", s.t(l, msgQuizDaily)
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
	blocks := []rich.Block{
		rich.Para(rich.Span{Text: head, Style: rich.Bold}),
		{Kind: rich.Quote, Children: []rich.Block{rich.Text(q.Prompt)}},
		rich.Para(options...),
	}
	footer := s.t(l, msgQuizFooter, strings.Join(q.Topics, ", "))
	if q.Note != "" {
		footer = q.Note
	}
	if answered > 0 {
		footer = s.t(l, msgAnsweredCount, answered) + " · " + footer
	}
	blocks = append(blocks, rich.Para(rich.Span{Text: footer, Style: rich.Italic}))
	return Message{
		Blocks:  blocks,
		Version: int64(answered),
		Buttons: [][]Button{buttons},
		Quiz: &MultipleChoice{
			ID: q.ID, Header: head, Prompt: q.Prompt, Choices: q.Choices, Correct: q.Correct,
			Explanation: s.t(l, msgPollExplanation, q.Prefix, q.QuestionID),
		},
	}
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
	cached := s.quizzes.get(req.Scope, quizID)
	res, err := s.store.Answer(ctx, Answer{
		Scope: req.Scope, Channel: req.Channel, QuizID: quizID,
		User: req.User, UserName: req.UserName, Choice: choice,
		At: now, Day: s.day(now), Week: s.week(now), WithQuiz: cached == nil,
	})
	q := cached
	if err == nil && res.Quiz != nil {
		q = res.Quiz
		s.quizzes.put(q)
	}
	if err == nil && res.Status == AnswerScored && q == nil {
		err = errors.New("the store scored an answer but returned no quiz")
	}
	if err != nil {
		s.storeFailed(ctx, "scoring answer", err)
		return s.unavailable(s.pickLang("", req), msgAnswerNotSaved)
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
	right := fmt.Sprintf("%s. %s", choiceLetter(q.Correct), q.Choices[q.Correct])
	var verdict, notice string
	if res.Correct {
		verdict = s.t(l, msgRight, res.Points, res.WeekPoints)
		notice = s.t(l, msgRightShort, res.Points)
	} else {
		verdict = s.t(l, msgWrong, choiceLetter(res.Choice))
		notice = s.t(l, msgWrongShort, choiceLetter(q.Correct))
	}
	feedback := Message{
		Private: true,
		Blocks: []rich.Block{
			rich.Para(rich.Span{Text: verdict, Style: rich.Bold}),
			rich.Text(s.t(l, msgCorrectOption, right)),
			rich.Text(s.t(l, msgStreak, res.Streak, res.Best)),
		},
		Buttons: [][]Button{{{Label: s.t(l, msgButtonFullAnswer), Payload: encodeShow(q.QuestionID, ""), Primary: true}}},
	}
	update := s.quizMessage(*q, res.Answered)
	return Response{Notice: notice, Messages: []Message{feedback}, Update: &update, Scored: true}
}
