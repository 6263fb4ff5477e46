package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/internal/retry"
	"github.com/kubequiz/kubequiz/quiz"
)

// part is one Telegram message of a neutral message: its HTML and, on the
// last part, the keyboard.
type part struct {
	html     string
	keyboard *tgbotapi.InlineKeyboardMarkup
}

// parts renders a neutral message as the Telegram messages that carry it.
func parts(m quiz.Message) []part {
	chunks := htmlChunks(m.Blocks)
	kb := keyboard(m)
	if len(chunks) == 0 && kb != nil {
		chunks = []string{"⋯"} // buttons need a message to sit under
	}
	out := make([]part, len(chunks))
	for i, c := range chunks {
		out[i].html = c
	}
	if len(out) > 0 {
		out[len(out)-1].keyboard = kb
	}
	return out
}

// sentMessage is what the adapter reads of a message it sent.
type sentMessage struct {
	MessageID int `json:"message_id"`
	Chat      struct {
		Title string `json:"title"`
	} `json:"chat"`
	Poll *struct {
		ID string `json:"id"`
	} `json:"poll"`
}

// send sends a neutral message to a chat: a quiz that fits as a native quiz
// poll, anything else as HTML messages, in the chat's forum topic thread
// when not 0. With replyTo set they reply to that message. It returns the
// ID of the last message sent.
func (a *Adapter) send(ctx context.Context, chat int64, thread int, m quiz.Message, replyTo int) (int, error) {
	if p, ok := planPoll(m); ok {
		return a.sendPoll(ctx, chat, thread, p, replyTo)
	}
	return a.sendParts(ctx, chat, thread, parts(m), replyTo)
}

// sendParts sends messages in order and returns the last one's ID.
func (a *Adapter) sendParts(ctx context.Context, chat int64, thread int, ps []part, replyTo int) (int, error) {
	last := 0
	for _, p := range ps {
		prm := textParams(chat, p)
		threadParams(prm, thread)
		replyParams(prm, replyTo)
		var sent sentMessage
		if err := a.post(ctx, chat, "sendMessage", prm, &sent); err != nil {
			return last, err
		}
		last = sent.MessageID
	}
	return last, nil
}

// edit replaces the text and keyboard of a message (editMessageText): a
// quiz's answer count, a checklist after a toggle. An edit that changes
// nothing is not an error.
func (a *Adapter) edit(ctx context.Context, chat int64, messageID int, m quiz.Message) error {
	ps := parts(m)
	if len(ps) == 0 {
		return nil
	}
	ps[0].keyboard = keyboard(m) // an edit is one message: the first part, with the buttons
	prm := textParams(chat, ps[0])
	prm["message_id"] = strconv.Itoa(messageID)
	err := a.post(ctx, chat, "editMessageText", prm, &json.RawMessage{})
	if notModified(err) {
		return nil
	}
	return err
}

// textParams are the parameters of an HTML message without link previews.
func textParams(chat int64, p part) tgbotapi.Params {
	prm := tgbotapi.Params{
		"chat_id":              strconv.FormatInt(chat, 10),
		"text":                 p.html,
		"parse_mode":           "HTML",
		"link_preview_options": `{"is_disabled":true}`,
	}
	if p.keyboard != nil {
		prm["reply_markup"] = jsonParam(p.keyboard)
	}
	return prm
}

// replyParams makes a message a reply to message replyTo, when not 0, and
// still sent if that message is gone.
func replyParams(prm tgbotapi.Params, replyTo int) {
	if replyTo != 0 {
		prm["reply_parameters"] = jsonParam(map[string]any{"message_id": replyTo, "allow_sending_without_reply": true})
	}
}

// post makes a call that sends to chat (a message, a poll, an edit),
// within the flood limits. A retry_after pauses every call to the chat
// until it has passed (Telegram's flood limits are per chat); a transient
// failure is tried again (see attempt).
func (a *Adapter) post(ctx context.Context, chat int64, method string, p tgbotapi.Params, out any) error {
	key := strconv.FormatInt(chat, 10)
	return a.attempt(ctx, method, p, out, func(ctx context.Context, call func(context.Context) error) error {
		return a.messages.SendMethod(ctx, "chat "+key, key, call)
	})
}

// invoke makes any other call. A retry_after pauses every call of the
// method until it has passed; a transient failure is tried again (see
// attempt).
func (a *Adapter) invoke(ctx context.Context, method string, p tgbotapi.Params, out any) error {
	return a.attempt(ctx, method, p, out, func(ctx context.Context, call func(context.Context) error) error {
		return a.calls.SendMethod(ctx, method, "", call)
	})
}

// attemptTimeout bounds one call, so that a call that hangs is tried again
// well within the retries' deadline.
const attemptTimeout = 10 * time.Second

// showsTwice are the methods whose call, carried out twice, shows its
// message twice: Telegram takes no idempotency key.
var showsTwice = map[string]bool{"sendMessage": true, "sendPoll": true}

// attempt makes a call through paced, which paces it and waits out a
// retry_after. A failure that a later attempt may not meet (no answer, a
// 5xx, an answer that cannot be read) is tried again with growing waits
// for up to retry.DefaultWithin; a refusal (a 4xx other than 429) is not.
//
// A callback query is answered once, not retried: Telegram refuses a second
// answer to one query, so a retry after an answer that was slow to come
// back would at best be refused, and the reply itself is sent as a message.
//
// A message whose send's outcome is unknown (retry.InDoubt: the Bot API
// may have shown it) is sent once more, at most (retry.Policy.OnInDoubt):
// logged at warn, and told to onInDoubt; in doubt again, it is given up.
func (a *Adapter) attempt(ctx context.Context, method string, p tgbotapi.Params, out any, paced func(context.Context, func(context.Context) error) error) error {
	once := func(ctx context.Context) error {
		return paced(ctx, func(ctx context.Context) error {
			ctx, cancel := context.WithTimeout(ctx, attemptTimeout)
			defer cancel()
			return a.api.callInto(ctx, method, p, out)
		})
	}
	if method == "answerCallbackQuery" {
		return once(ctx)
	}
	policy := retry.Policy{Clock: a.clock}
	if showsTwice[method] {
		policy.OnInDoubt = adapters.InDoubtReporter(a.log, a.onInDoubt, method, "chat", p["chat_id"])
	}
	return policy.Do(ctx, once)
}

// CloseQuiz closes a revealed quiz in the chat (quiz.Outbox): it stops the
// native poll, or, for a quiz sent with buttons, takes the buttons away.
// The closed text is not needed: Telegram shows a stopped poll as closed.
func (a *Adapter) CloseQuiz(ctx context.Context, channel, messageID string, _ quiz.Message) error {
	if messageID == "" {
		return nil // no message to close (quiz.Outbox)
	}
	chat, _, err := parseChannel(channel)
	if err != nil {
		return err
	}
	var result json.RawMessage
	prm := tgbotapi.Params{"chat_id": strconv.FormatInt(chat, 10), "message_id": messageID}
	if err := a.invoke(ctx, "stopPoll", prm, &result); err == nil || !refusedWith(err, http.StatusBadRequest) {
		return err
	}
	prm["reply_markup"] = `{"inline_keyboard":[]}`
	if err := a.invoke(ctx, "editMessageReplyMarkup", prm, &result); err != nil {
		return fmt.Errorf("telegram: closing the quiz in chat %d: %w", chat, err)
	}
	return nil
}

// notSent marks an error as the Bot API's refusal of a message (a 4xx
// other than 429), or a message the pacer gave up before sending it
// (pacing.ErrShed), for quiz.ErrNotSent, and as quiz.ErrGone too when the
// bot can no longer post in the chat (see gone); the caller knows that no
// part of the message was sent before it.
func notSent(err error) error {
	if errors.Is(err, pacing.ErrShed) { // given up before it was sent
		return fmt.Errorf("%w: %w", quiz.ErrNotSent, err)
	}
	e, ok := errors.AsType[*apiError](err)
	switch {
	case !ok || e.Code < 400 || e.Code >= 500 || e.Code == http.StatusTooManyRequests:
		return err
	case e.gone():
		return fmt.Errorf("%w: %w: %w", quiz.ErrNotSent, quiz.ErrGone, err)
	}
	return fmt.Errorf("%w: %w", quiz.ErrNotSent, err)
}

// Post sends a message that is not a reply (the daily question, its
// reveal) to a chat, or a forum topic of it, given as its channel (see
// channelID), and returns the posted message's ID. It implements
// quiz.Outbox.
func (a *Adapter) Post(ctx context.Context, channel string, m quiz.Message) (string, error) {
	chat, thread, err := parseChannel(channel)
	if err != nil {
		return "", err
	}
	id, err := a.send(ctx, chat, thread, m, 0)
	if err != nil && id == 0 {
		if to, ok := migratedTo(err); ok {
			return "", a.moved(ctx, chat, to, notSent(err))
		}
		return "", notSent(err)
	}
	if err != nil {
		return "", err
	}
	return strconv.Itoa(id), nil
}
