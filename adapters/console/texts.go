package console

import "github.com/kubequiz/kubequiz/quiz"

// The console's own lines; the core writes the rest.
var (
	// txtBanner greets the user at the start.
	txtBanner = quiz.Text{
		ZH: "kubequiz：输入 help 查看所有命令，或直接输入命令，例如 ask pv、quiz etcd、top。输入按钮前的数字即可按下按钮，Ctrl-D 退出。",
		EN: "kubequiz: type help for the commands, or one such as ask pv, quiz etcd, top. Type a button's number to press it; Ctrl-D quits.",
	}
	// txtAnswerMode tells how to write a typed answer.
	txtAnswerMode = quiz.Text{
		ZH: "用自己的话回答，可以写多行；空一行即提交。",
		EN: "Answer in your own words, over as many lines as you like; an empty line sends it.",
	}
)

// texts are the console's own lines, for their test.
var texts = []quiz.Text{txtBanner, txtAnswerMode}
