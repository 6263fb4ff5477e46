package console

import "github.com/kubequiz/kubequiz/quiz"

// prefix is how commands are typed on the console: as they are, with no
// prefix (quiz.Request.Prefix).
const prefix = ""

// The console's own lines; the core writes the rest.
var (
	// txtBanner greets the user at the start. Its %[1]s is where a
	// command's prefix goes, as in the core's catalog (the console has
	// none): it marks the commands for the catalog's test.
	txtBanner = quiz.Text{
		ZH: "kubequiz：输入「%[1]s帮助」查看所有命令，或直接输入命令，例如「%[1]s提问 pv」「%[1]s测验 etcd」「%[1]s排行」。输入按钮前的数字即可按下按钮（最新一张卡片的按钮从 1 编号），测验的选项也可以输入字母；粘贴的多行文字是一条消息，按回车发送；输入「退出」或按 Ctrl-D 离开。",
		EN: "kubequiz: type %[1]shelp for the commands, or one such as %[1]sask pv, %[1]squiz etcd, %[1]stop. Type a button's number to press it (the newest card's are numbered from 1), or a quiz option's letter. Text pasted over several lines is one message, sent by Enter; exit or Ctrl-D quits.",
	}
	// txtAnswerMode tells how to write a typed answer.
	txtAnswerMode = quiz.Text{
		ZH: "用自己的话回答，可以写多行；空一行即提交。",
		EN: "Answer in your own words, over as many lines as you like; an empty line sends it.",
	}
)
