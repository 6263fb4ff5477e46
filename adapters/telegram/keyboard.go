package telegram

import (
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/quiz"
)

// maxCallbackData is Telegram's limit on a button's callback_data, in bytes.
const maxCallbackData = 64

// keyboard draws a message's buttons as an inline keyboard: a checklist's
// toggles first, then the other rows. A button Telegram would refuse (no
// label, or a payload over 64 bytes) is left out rather than failing the
// whole message. It is nil when there are no buttons.
func keyboard(m quiz.Message) *tgbotapi.InlineKeyboardMarkup {
	var rows [][]quiz.Button
	if m.Checklist != nil {
		rows = append(rows, m.Checklist.Buttons()...)
	}
	rows = append(rows, m.Buttons...)
	var kb [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var out []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			if b.Label == "" || b.Payload == "" || len(b.Payload) > maxCallbackData || !utf8.ValidString(b.Payload) {
				continue
			}
			out = append(out, tgbotapi.NewInlineKeyboardButtonData(strings.ToValidUTF8(b.Label, "\uFFFD"), b.Payload))
		}
		if len(out) > 0 {
			kb = append(kb, out)
		}
	}
	if len(kb) == 0 {
		return nil
	}
	return &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: kb}
}
