package console

import "github.com/kubequiz/kubequiz/quiz"

// textKey names one of the console's own lines; the core writes the rest.
type textKey int

const (
	txtBanner textKey = iota
	txtAnswerMode
)

// texts are the console's lines in Chinese and English.
var texts = map[textKey][2]string{
	txtBanner: {
		"kubequiz：输入 help 查看所有命令，或直接输入命令，例如 ask pv、quiz etcd、top。输入按钮前的数字即可按下按钮，Ctrl-D 退出。",
		"kubequiz: type help for the commands, or one such as ask pv, quiz etcd, top. Type a button's number to press it; Ctrl-D quits.",
	},
	txtAnswerMode: {
		"用自己的话回答，可以写多行；空一行即提交。",
		"Answer in your own words, over as many lines as you like; an empty line sends it.",
	},
}

// text is one of the console's lines in a language.
func text(l quiz.Lang, key textKey) string {
	if l == quiz.LangEN {
		return texts[key][1]
	}
	return texts[key][0]
}
