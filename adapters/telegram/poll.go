package telegram

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// Telegram's limits on a quiz poll, in characters (UTF-16 code units).
const (
	maxPollQuestion    = 300
	maxPollOption      = 100
	maxPollExplanation = 200
	maxPollOptions     = 10
	// Explanations may hold at most two line feeds.
	maxPollExplanationLines = 2
)

// pollOwnerTTL is how long a poll's chat and quiz are kept: as long as the
// quiz takes answers.
const pollOwnerTTL = quiz.AnswerPeriod

// pollPlan is a quiz message as a native quiz poll.
type pollPlan struct {
	quizID string
	// intro is the quiz's header and footer, sent as text before the poll
	// when they do not fit in the poll's question with its prompt.
	intro       []rich.Block
	question    string
	options     []string
	correct     int
	explanation string
	// lang is the quiz's language, for the lines the adapter adds.
	lang quiz.Lang
}

// planPoll makes a quiz poll of a message whose quiz fits Telegram's poll
// limits; ok is false for any other message, which goes as text and buttons.
// What the other platforms draw around the quiz must be read before
// answering, and a poll's explanation shows only after: so the poll's
// question is the quiz's header, prompt and footer (what a right answer is
// worth, when a daily's answer is revealed) when all fit in it; otherwise
// the header and footer go first as a message of their own, and the
// question is the prompt alone.
func planPoll(m quiz.Message) (pollPlan, bool) {
	q := m.Quiz
	if q == nil || len(q.Choices) < 2 || len(q.Choices) > maxPollOptions || q.Correct < 0 || q.Correct >= len(q.Choices) {
		return pollPlan{}, false
	}
	prompt := strings.TrimSpace(cleanText(latinCommands(q.Prompt)))
	explanation := cleanText(latinCommands(q.Explanation))
	if prompt == "" || textLen(prompt) > maxPollQuestion ||
		textLen(explanation) > maxPollExplanation || strings.Count(explanation, "\n") > maxPollExplanationLines {
		return pollPlan{}, false
	}
	p := pollPlan{quizID: q.ID, question: prompt, correct: q.Correct, explanation: explanation, lang: q.Lang}
	// The options show their letters, which the feedback names them by.
	for i, c := range q.Choices {
		c = strings.TrimSpace(cleanText(c))
		if c == "" {
			return pollPlan{}, false
		}
		if c = quiz.ChoiceLabel(i, c); textLen(c) > maxPollOption {
			return pollPlan{}, false
		}
		p.options = append(p.options, c)
	}
	head := strings.TrimSpace(cleanText(latinCommands(q.Header)))
	foot := strings.TrimSpace(cleanText(latinCommands(q.Footer)))
	lines := []string{prompt}
	if head != "" {
		lines = append([]string{head}, lines...)
		p.intro = append(p.intro, rich.Para(rich.Span{Text: head, Style: rich.Bold}))
	}
	if foot != "" {
		lines = append(lines, foot)
		p.intro = append(p.intro, rich.Para(rich.Span{Text: foot, Style: rich.Italic}))
	}
	if whole := strings.Join(lines, "\n\n"); textLen(whole) <= maxPollQuestion {
		p.question, p.intro = whole, nil
	}
	return p, true
}

// sendPoll sends a quiz poll (after its intro, if any), non-anonymous so
// that answers arrive as poll_answer updates, and keeps which chat and quiz
// it belongs to, so that answers count whichever replica receives them,
// also after a restart. v5.5.1's SendPollConfig is older than the Bot API
// (it sends correct_option_id and options as strings), so the request is
// made with the current parameters: correct_option_ids and InputPollOption
// objects.
func (a *Adapter) sendPoll(ctx context.Context, chat int64, thread int, p pollPlan, replyTo int) (int, error) {
	if len(p.intro) > 0 {
		if _, err := a.sendParts(ctx, chat, thread, parts(quiz.Message{Blocks: p.intro}), replyTo); err != nil {
			return 0, err
		}
	}
	options := make([]map[string]string, len(p.options))
	for i, o := range p.options {
		options[i] = map[string]string{"text": o}
	}
	prm := tgbotapi.Params{
		"chat_id":            strconv.FormatInt(chat, 10),
		"question":           p.question,
		"options":            jsonParam(options),
		"type":               "quiz",
		"is_anonymous":       "false",
		"correct_option_ids": jsonParam([]int{p.correct}),
		// A forwarded poll is the same poll: anyone who saw a copy could
		// vote, and be scored on this chat's board and daily reveal.
		"protect_content": "true",
	}
	explanation := p.explanation
	if chat < 0 {
		explanation = a.withFeedbackHint(explanation, p.lang)
	}
	prm.AddNonEmpty("explanation", explanation)
	threadParams(prm, thread)
	replyParams(prm, replyTo)
	var sent sentMessage
	if err := a.post(ctx, chat, "sendPoll", prm, &sent); err != nil {
		return 0, err
	}
	if sent.Poll == nil || sent.Poll.ID == "" {
		a.log.Error("sendPoll answered without a poll: its answers will not count", slog.Int64("chat", chat))
		return sent.MessageID, nil
	}
	if err := a.keepPoll(ctx, chat, thread, sent.Poll.ID, p.quizID); err != nil {
		a.dropPoll(ctx, chat, thread, sent.MessageID, p.lang, err)
		return sent.MessageID, nil
	}
	// The chat's title goes in a key of its own, which a version that
	// reads the owner as "<chat>:<quiz>" never sees: a rollback or a
	// rollout's older replica still scores the votes.
	if title := sent.Chat.Title; title != "" {
		if err := a.values.Put(ctx, a.key("polltitle:"+sent.Poll.ID), title, pollOwnerTTL); err != nil {
			a.log.Warn("saving a quiz poll's chat title: its private feedback will not name the chat", slog.Int64("chat", chat), slog.Any("err", err))
		}
	}
	return sent.MessageID, nil
}

// keepPoll saves which chat, forum topic and quiz a poll just sent
// belongs to, which its votes are scored by: its topic (the conversation
// its votes answer in) first, in a key of its own, then its owner, which a
// vote waits for. A store that fails is tried again, with growing waits,
// while a vote waits for the owner (ownerWait); the last error is
// returned when it never took them.
func (a *Adapter) keepPoll(ctx context.Context, chat int64, thread int, pollID, quizID string) error {
	put := func() error {
		if thread != 0 {
			if err := a.values.Put(ctx, a.key("pollthread:"+pollID), strconv.Itoa(thread), pollOwnerTTL); err != nil {
				return fmt.Errorf("saving a quiz poll's topic: %w", err)
			}
		}
		if err := a.values.Put(ctx, a.cfg.PollOwnerKey(pollID), formatPollOwner(chat, quizID), pollOwnerTTL); err != nil {
			return fmt.Errorf("saving a quiz poll's owner: %w", err)
		}
		return nil
	}
	err := put()
	// Real time, not the pacing clock, as the votes wait (pollOwner).
	for wait, deadline := 100*time.Millisecond, time.Now().Add(ownerWait); err != nil && time.Now().Add(wait).Before(deadline); wait *= 2 {
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return err
		}
		err = put()
	}
	return err
}

// dropPoll stops a poll whose owner could not be saved (keepPoll: why),
// since its votes could never count, and tells the chat so, in reply to
// it, rather than leave it open to votes scored by nobody.
func (a *Adapter) dropPoll(ctx context.Context, chat int64, thread, messageID int, l quiz.Lang, why error) {
	a.log.Error("a quiz poll's owner could not be saved: the poll is stopped, as its answers would not count",
		slog.Int64("chat", chat), slog.Any("err", why))
	if err := a.CloseQuiz(ctx, channelID(chat, thread), strconv.Itoa(messageID), quiz.Message{}); err != nil {
		a.log.Error("stopping a quiz poll whose answers cannot count", slog.Int64("chat", chat), adapters.ErrAttr(err))
	}
	note := parts(quiz.Message{Blocks: []rich.Block{rich.Text(txtPollNotKept.In(l))}})
	if _, err := a.sendParts(ctx, chat, thread, note, messageID); err != nil {
		a.log.Warn("telling a chat its quiz poll was stopped", slog.Int64("chat", chat), adapters.ErrAttr(err))
	}
}

// withFeedbackHint adds to a group poll's explanation, when it fits, the
// line that says a voter's points and feedback come privately, once they
// started the bot: a voter whose private chat refuses the bot is told
// nothing else, and the explanation is shown only to those who voted.
func (a *Adapter) withFeedbackHint(explanation string, l quiz.Lang) string {
	withHint := join(explanation, txtPollFeedback.Format(l, a.botName()))
	if textLen(withHint) > maxPollExplanation || strings.Count(withHint, "\n") > maxPollExplanationLines {
		return explanation
	}
	return withHint
}

// onPollAnswer scores a vote on one of the bot's quiz polls as the answer
// to its quiz, in the poll's chat. Telegram shows the voter right or wrong
// itself; the core's feedback (points, streak, the full answer) goes to the
// voter privately after, off the worker (followUp). A voter cannot vote again, so a vote whose poll's owner
// is not saved yet (the vote came within milliseconds of the poll) waits
// for it, and one that cannot be scored now (the store down: its answer in
// doubt, adapters.Deferred) is left for later rather than lost. A vote on
// a poll of a group that became a supergroup, handled during the move or
// after it, is scored in the supergroup (handleMoving).
func (a *Adapter) onPollAnswer(ctx context.Context, pa *tgbotapi.PollAnswer, delivery string) error {
	if pa.User.ID == 0 || len(pa.OptionIDs) == 0 {
		return nil // a vote by a chat rather than a user, or a retracted vote
	}
	chat, thread, quizID, title, known, err := a.pollOwner(ctx, pa.PollID)
	if err != nil {
		return err
	}
	if !known {
		a.log.Warn("a vote on a poll that is not a known quiz was dropped", slog.String("poll", pa.PollID))
		return nil
	}
	resp, chat, err := a.handleMoving(ctx, chat, thread, &pa.User, quiz.AnswerPayload(quizID, pa.OptionIDs[0]), delivery)
	if err != nil {
		return err
	}
	if err := adapters.Deferred(resp); err != nil {
		return err
	}
	a.followUp(ctx, route{chat: chat, user: pa.User.ID, toUser: chat < 0, from: title}, resp.Shown())
	return nil
}

// ownerWait is how long a vote waits, in all, for its poll's owner to be
// saved: sendPoll's answer carries the poll's ID, and votes may arrive
// before it is kept.
const ownerWait = 3 * time.Second

// pollOwner is the chat (and forum topic, 0 for none) and quiz a poll
// belongs to, and the chat's title when it was sent (the title and the
// topic kept apart; "" and 0 when there are none), waiting up to
// ownerWait for it to be saved; known is false when it never was. A
// store that cannot say is edge.ErrRetryLater.
func (a *Adapter) pollOwner(ctx context.Context, pollID string) (chat int64, thread int, quizID, title string, known bool, err error) {
	wait := 50 * time.Millisecond
	for waited := time.Duration(0); ; waited += wait {
		owner, ok, err := a.values.Get(ctx, a.cfg.PollOwnerKey(pollID))
		if err != nil {
			return 0, 0, "", "", false, fmt.Errorf("reading a quiz poll's owner: %w: %w", edge.ErrRetryLater, err)
		}
		if chat, quizID, err := ParsePollOwner(owner); ok && err == nil {
			// A group's title heads what goes privately from it (a private
			// chat's polls answer where they are). It is only for show:
			// one that cannot be read is none.
			var title string
			if chat < 0 {
				title, _, _ = a.values.Get(ctx, a.key("polltitle:"+pollID))
				// The topic is the conversation the vote answers in: a
				// store that cannot say is tried again.
				topic, saved, err := a.values.Get(ctx, a.key("pollthread:"+pollID))
				if err != nil {
					return 0, 0, "", "", false, fmt.Errorf("reading a quiz poll's topic: %w: %w", edge.ErrRetryLater, err)
				}
				if saved {
					thread, _ = strconv.Atoi(topic)
				}
			}
			return chat, thread, quizID, title, true, nil
		}
		if waited >= ownerWait {
			return 0, 0, "", "", false, nil
		}
		// Real time, not the pacing clock: the owner is saved by another
		// goroutine, which must be let run.
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return 0, 0, "", "", false, ctx.Err()
		}
	}
}
