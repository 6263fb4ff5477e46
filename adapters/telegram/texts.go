package telegram

import (
	"fmt"

	"github.com/kubequiz/kubequiz/quiz"
)

// textKey names one of the adapter's own lines; the core writes the rest.
type textKey int

const (
	txtFailed textKey = iota
	txtButtonGone
	txtSentPrivately
	txtOpenBot
	txtOpenBotForMore
	txtOpenBotForResults
)

// texts are the adapter's lines in Chinese and English.
var texts = map[textKey][2]string{
	txtFailed:         {"出了点问题，请再试一次。", "Something went wrong; please try again."},
	txtButtonGone:     {"这个按钮已失效。", "This button no longer works."},
	txtSentPrivately:  {"📬 已私信发给你。", "📬 Sent to you in a private chat."},
	txtOpenBot:        {"请先私聊 @%s 并点「开始」，再按一次。", "Open a private chat with @%s, press Start, then press again."},
	txtOpenBotForMore: {"想看积分和参考答案，请私聊 @%s 并点「开始」。", "For your points and the full answer, open a private chat with @%s and press Start."},
	txtOpenBotForResults: {"结果会私信发给你：请先私聊 @%s 并点「开始」。",
		"Results go to you privately: open a private chat with @%s and press Start."},
}

// text is one of the adapter's lines in a language.
func text(l quiz.Lang, key textKey, args ...any) string {
	t := texts[key][1]
	if l == quiz.LangZH {
		t = texts[key][0]
	}
	if len(args) == 0 {
		return t
	}
	return fmt.Sprintf(t, args...)
}
