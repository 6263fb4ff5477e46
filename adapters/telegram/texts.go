package telegram

import "github.com/kubequiz/kubequiz/quiz"

// The adapter's own lines; the core writes the rest. Those with a %s take
// the bot's user name.
var (
	txtButtonGone        = quiz.Text{ZH: "这个按钮已失效。", EN: "This button no longer works."}
	txtSentPrivately     = quiz.Text{ZH: "📬 已私信发给你。", EN: "📬 Sent to you in a private chat."}
	txtOpenBot           = quiz.Text{ZH: "请先私聊 @%s 并点「开始」，再按一次。", EN: "Open a private chat with @%s, press Start, then press again."}
	txtOpenBotForMore    = quiz.Text{ZH: "想看积分和参考答案，请私聊 @%s 并点「开始」。", EN: "For your points and the full answer, open a private chat with @%s and press Start."}
	txtOpenBotForResults = quiz.Text{ZH: "结果会私信发给你：请先私聊 @%s 并点「开始」。",
		EN: "Results go to you privately: open a private chat with @%s and press Start."}
	txtNotYourPrompt = quiz.Text{ZH: "你回复的是别人的作答框，没有记录。要自己作答，请点题目下的「✍️ 作答」。",
		EN: "That reply went to someone else's answer box, so nothing was recorded. To answer yourself, press ✍️ Answer it under the question."}
	txtPollFeedback = quiz.Text{ZH: "积分和反馈私信发给你：没收到的话，请先私聊 @%s 并点「开始」。", EN: "Your points and feedback come privately: if none came, open a private chat with @%s and press Start."}
	txtPollNotKept  = quiz.Text{ZH: "⚠️ 这道测验没能保存（机器人的存储暂时不可用），作答无法计分，已经关闭。请稍后再试。",
		EN: "⚠️ This quiz could not be kept (the bot's storage is unavailable right now), so its answers could not count: it is closed. Try again in a moment."}
	txtPressAgain     = quiz.Text{ZH: "✅ 已开始：现在可以回到群里再按一次按钮了。", EN: "✅ You're set: go back to the group and press the button again."}
	txtStartInterview = quiz.Text{ZH: "👉 在私聊中开始模拟面试", EN: "👉 Start the mock interview in a private chat"}
)
