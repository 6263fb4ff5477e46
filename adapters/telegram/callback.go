package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/quiz"
)

// maxCallbackText is the longest answerCallbackQuery text Telegram shows.
const maxCallbackText = 200

// answerTimeout bounds answering a press: after about 15 s Telegram no
// longer takes the answer.
const answerTimeout = 15 * time.Second

// callbackAnswer is the reply to a button press: the notice shown over the
// chat, and a link that opens the bot's private chat.
type callbackAnswer struct {
	text, url string
}

// onCallback handles a button press, and always answers it
// (answerCallbackQuery), also when the press fails. The notice
// goes in the answer; the pressed message is updated in place (a quiz's
// answer count, a checklist's ticks); private results go to the user's
// private chat in a group, and when the bot may not write there the notice
// says how to open it. The press is answered as soon as its answer is
// known: at once, unless it depends on reaching the user's private chat.
func (a *Adapter) onCallback(ctx context.Context, cq *tgbotapi.CallbackQuery, delivery string) {
	lang := quiz.LangEN
	if cq.From != nil {
		lang = quiz.ParseLang(cq.From.LanguageCode)
	}
	answer := callbackAnswer{text: text(lang, txtFailed)}
	answered := false
	finish := func() {
		if !answered {
			answered = true
			a.answerCallback(ctx, cq.ID, answer)
		}
	}
	defer finish()
	if cq.From == nil || cq.Message == nil || cq.Message.Chat == nil || cq.Data == "" {
		answer.text = text(lang, txtButtonGone)
		return
	}
	chat := cq.Message.Chat.ID
	req := a.request(chat, cq.From)
	req.Payload, req.Delivery = cq.Data, delivery
	resp := a.core.Handle(ctx, req)
	answer.text = resp.Notice
	if resp.Prompt != nil && a.sendPrompt(ctx, chat, cq.From, *resp.Prompt) {
		return // the prompt replaces the messages that say how to answer by command
	}
	r := route{chat: chat, user: cq.From.ID, toUser: chat < 0}
	if !r.reachesUser(resp.Messages) {
		finish()
	}
	d := a.deliver(ctx, r, resp.Messages)
	switch {
	case d.refused:
		answer.text = join(answer.text, text(lang, txtOpenBot, a.botName()))
		answer.url = "https://t.me/" + a.botName() + "?start=help"
	case d.sent && answer.text == "":
		answer.text = text(lang, txtSentPrivately)
	}
	// The press is answered before the pressed message is redrawn: an edit
	// waits its turn within the chat's limits, and Telegram takes an answer
	// for ~15 s. Redraws of one message are coalesced: when a group answers
	// at once, only the latest count is drawn.
	finish()
	if u := resp.Update; u != nil && (!u.Private || chat > 0) {
		msg := cq.Message.MessageID
		a.redraw.Do(ctx, fmt.Sprintf("%d/%d", chat, msg), u.Version, func(ctx context.Context) {
			if err := a.edit(ctx, chat, msg, *u); err != nil {
				a.log.Warn("updating the pressed message failed", slog.Int64("chat", chat), slog.Any("err", err))
			}
		})
	}
}

// answerCallback answers a button press; its text is cut to what Telegram
// shows. It runs even when ctx is done, as the press must be answered.
func (a *Adapter) answerCallback(ctx context.Context, id string, ans callbackAnswer) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), answerTimeout)
	defer cancel()
	prm := tgbotapi.Params{"callback_query_id": id}
	prm.AddNonEmpty("text", clipText(cleanText(ans.text), maxCallbackText))
	prm.AddNonEmpty("url", ans.url)
	if err := a.invoke(ctx, "answerCallbackQuery", prm, &json.RawMessage{}); err != nil {
		a.log.Warn("answering a button press failed", slog.Any("err", err))
	}
}

// join puts two sentences of a notice together.
func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}
