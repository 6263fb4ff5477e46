package telegram

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// A prompt for an answer in words (quiz.Prompt) is a message with
// ForceReply: Telegram opens the reply field, and the reply is the answer.
// In a group the prompt mentions the user and is selective, so that the
// field opens for them only; the result then goes to their private chat,
// as every private result of a press does. Which message is whose prompt
// is kept with the adapter's values, so that any replica reads the reply.

// maxPlaceholder is Telegram's limit on input_field_placeholder.
const maxPlaceholder = 64

// promptKept is how long a prompt message is recognised: longer than the
// core takes its answer, so that a late reply is told it expired.
const promptKept = 2 * quiz.PromptTTL

// forceReply is Telegram's ForceReply markup.
type forceReply struct {
	ForceReply  bool   `json:"force_reply"`
	Selective   bool   `json:"selective"`
	Placeholder string `json:"input_field_placeholder,omitempty"`
}

// promptKey names the value that says whose prompt a message is.
func (a *Adapter) promptKey(chat int64, message int) string {
	return a.key(fmt.Sprintf("prompt:%d:%d", chat, message))
}

// sendPrompt asks user for an answer with a ForceReply message in chat and
// keeps whose prompt it is; false when it could not be sent.
func (a *Adapter) sendPrompt(ctx context.Context, chat int64, thread int, user *tgbotapi.User, p quiz.Prompt) bool {
	head := "✍️ <b>"
	if chat < 0 { // selective: the field opens for the user mentioned only
		head = `<a href="tg://user?id=` + strconv.FormatInt(user.ID, 10) + `">` + escapeText(displayName(user)) + "</a> " + head
	}
	tail := "</b>\n" + escapeText(latinCommands(p.Label)) + ":"
	// The question is cut, not the HTML, which a cut could leave with a
	// tag or an entity torn.
	question := rich.Clip(latinCommands(p.Question), maxText-textLen(head+tail), escapedLen)
	prm := textParams(chat, part{html: head + escapeText(question) + tail})
	threadParams(prm, thread)
	prm["reply_markup"] = jsonParam(forceReply{ForceReply: true, Selective: true, Placeholder: clipText(cleanText(latinCommands(p.Placeholder)), maxPlaceholder)})
	var sent sentMessage
	if err := a.post(ctx, chat, "sendMessage", prm, &sent); err != nil {
		a.log.Warn("sending an answer prompt failed", slog.Int64("chat", chat), slog.Any("err", err))
		return false
	}
	owner := strconv.FormatInt(user.ID, 10) + " " + p.Token
	if err := a.values.Put(ctx, a.promptKey(chat, sent.MessageID), owner, promptKept); err != nil {
		a.log.Warn("keeping an answer prompt failed: its reply will not be read", slog.Any("err", err))
	}
	return true
}

// promptOf is the token of the prompt m replies to, when m is its user's
// reply to one of the bot's prompts; others reports a reply to someone
// else's prompt. A command is a command, even typed as a reply.
func (a *Adapter) promptOf(ctx context.Context, m *tgbotapi.Message) (token string, ok, others bool) {
	to := m.ReplyToMessage
	if to == nil || to.From == nil || !to.From.IsBot || strings.HasPrefix(strings.TrimSpace(m.Text), "/") {
		return "", false, false
	}
	owner, ok, err := a.values.Get(ctx, a.promptKey(m.Chat.ID, to.MessageID))
	if err != nil {
		a.log.Warn("reading an answer prompt failed", slog.Any("err", err))
	}
	user, token, found := strings.Cut(owner, " ")
	if !ok || !found || user != strconv.FormatInt(m.From.ID, 10) {
		return "", false, ok && found
	}
	return token, true, false
}

// onPromptReply takes a reply to a prompt as the answer, unless its
// recording is in doubt (adapters.Deferred). In a group the result goes to
// the user's private chat; when the bot may not write there, the group is
// told how to open it.
func (a *Adapter) onPromptReply(ctx context.Context, m *tgbotapi.Message, thread int, token, delivery string) error {
	req := a.request(m.Chat.ID, thread, m.From)
	req.Reply, req.Delivery = &quiz.Reply{Prompt: token, Text: m.Text}, delivery
	resp := a.core.Handle(ctx, req)
	if err := adapters.Deferred(resp); err != nil {
		return err
	}
	a.deliverResult(ctx, m, thread, resp)
	return nil
}

// deliverResult sends the result of an answer in words, m, which is its
// user's own: in a group, its private messages (the points covered and
// missed, the reference answer, the grade and its buttons) go to the
// user's private chat, and the group is told when the bot may not write
// to them.
func (a *Adapter) deliverResult(ctx context.Context, m *tgbotapi.Message, thread int, resp quiz.Response) {
	r := route{chat: m.Chat.ID, thread: thread, replyTo: m.MessageID}
	if m.Chat.ID < 0 {
		r.user, r.toUser, r.from = m.From.ID, true, m.Chat.Title
	}
	if d := a.deliver(ctx, r, resp.Shown()); d.refused {
		line := join(resp.Notice, txtOpenBotForResults.Format(a.langOf(m.From), a.botName()))
		a.deliver(ctx, route{chat: m.Chat.ID, thread: thread, replyTo: m.MessageID}, []quiz.Message{textMessage(line)})
	}
}

// textMessage is a plain public message.
func textMessage(line string) quiz.Message {
	return quiz.Message{Blocks: []rich.Block{rich.Text(line)}}
}
