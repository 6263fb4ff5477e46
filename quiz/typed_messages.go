package quiz

// The messages of answers in words, mock interviews and their stats.
const (
	msgButtonAnswerIt     msgKey = "buttonAnswerIt"
	msgAnswerEmpty        msgKey = "answerEmpty"
	msgAnswerTooLong      msgKey = "answerTooLong"
	msgAnswerNoWords      msgKey = "answerNoWords"
	msgAnswerRefused      msgKey = "answerRefused"
	msgAnswerUsage        msgKey = "answerUsage"
	msgAnswerNoID         msgKey = "answerNoID"
	msgAnswerNearID       msgKey = "answerNearID"
	msgAnswerUnscorable   msgKey = "answerUnscorable"
	msgAnsweredBefore     msgKey = "answeredBefore"
	msgAnsweredBeforeWith msgKey = "answeredBeforeWith"
	msgPromptTitle        msgKey = "promptTitle"
	msgPromptLabel        msgKey = "promptLabel"
	msgPromptPlaceholder  msgKey = "promptPlaceholder"
	msgPromptSubmit       msgKey = "promptSubmit"
	msgPromptByCommand    msgKey = "promptByCommand"
	msgPromptExpired      msgKey = "promptExpired"
	msgCoverage           msgKey = "coverage"
	msgCoverageShort      msgKey = "coverageShort"
	msgPointUnchecked     msgKey = "pointUnchecked"
	msgPointEvidence      msgKey = "pointEvidence"
	msgPointNamed         msgKey = "pointNamed"
	msgPointWrong         msgKey = "pointWrong"
	msgPointWrongSaid     msgKey = "pointWrongSaid"
	msgPointReference     msgKey = "pointReference"
	msgAnswerStuffing     msgKey = "answerStuffing"
	msgAnswerOffTopic     msgKey = "answerOffTopic"
	msgAnswerKeywordList  msgKey = "answerKeywordList"
	msgChangeGrade        msgKey = "changeGrade"
	msgOverridden         msgKey = "overridden"
	msgOverrideGone       msgKey = "overrideGone"
	msgOverrideAlready    msgKey = "overrideAlready"
	msgOverrideStale      msgKey = "overrideStale"

	msgInterviewPrivateOnly  msgKey = "interviewPrivateOnly"
	msgInterviewUnavailable  msgKey = "interviewUnavailable"
	msgInterviewRunning      msgKey = "interviewRunning"
	msgInterviewIntro        msgKey = "interviewIntro"
	msgInterviewFewer        msgKey = "interviewFewer"
	msgInterviewOn           msgKey = "interviewOn"
	msgInterviewEach         msgKey = "interviewEach"
	msgInterviewBadCount     msgKey = "interviewBadCount"
	msgInterviewBadLimit     msgKey = "interviewBadLimit"
	msgInterviewLimit        msgKey = "interviewLimit"
	msgInterviewHint         msgKey = "interviewHint"
	msgInterviewResume       msgKey = "interviewResume"
	msgInterviewOneAtATime   msgKey = "interviewOneAtATime"
	msgInterviewOver         msgKey = "interviewOver"
	msgInterviewOthers       msgKey = "interviewOthers"
	msgInterviewStepDone     msgKey = "interviewStepDone"
	msgInterviewMovedOn      msgKey = "interviewMovedOn"
	msgInterviewDoneSince    msgKey = "interviewDoneSince"
	msgInterviewNone         msgKey = "interviewNone"
	msgInterviewStopped      msgKey = "interviewStopped"
	msgInterviewStoppedEmpty msgKey = "interviewStoppedEmpty"
	msgButtonStop            msgKey = "buttonStop"
	msgStepTyped             msgKey = "stepTyped"
	msgStepRevealed          msgKey = "stepRevealed"
	msgReportTitle           msgKey = "reportTitle"
	msgReportStopped         msgKey = "reportStopped"
	msgReportTyped           msgKey = "reportTyped"
	msgReportRevealed        msgKey = "reportRevealed"
	msgReportMissed          msgKey = "reportMissed"
	msgReportOverTime        msgKey = "reportOverTime"
	msgReportTotal           msgKey = "reportTotal"
	msgReportOver            msgKey = "reportOver"
	msgReportWeakest         msgKey = "reportWeakest"
	msgReportReview          msgKey = "reportReview"
	msgReportReviewOne       msgKey = "reportReviewOne"
	msgReportNothingToReview msgKey = "reportNothingToReview"

	msgStatsTyped       msgKey = "statsTyped"
	msgStatsTypedNone   msgKey = "statsTypedNone"
	msgStatsTypedTopics msgKey = "statsTypedTopics"
	// msgStatsTypedBest and msgStatsTypedWeakest are msgStatsTypedTopics
	// with one side only.
	msgStatsTypedBest    msgKey = "statsTypedBest"
	msgStatsTypedWeakest msgKey = "statsTypedWeakest"
)

// The lines naming the card an answer with no ID went to: the one on
// screen, answered or graded since it was drawn for the second.
const (
	msgAnswerOnScreen      msgKey = "answerOnScreen"
	msgAnswerOnScreenAgain msgKey = "answerOnScreenAgain"
)

func init() {
	register(map[msgKey]Text{
		msgButtonAnswerIt: {"✍️ 作答", "✍️ Answer it"},
		msgAnswerEmpty:    {"你的回答是空的。", "Your answer is empty."},
		msgAnswerTooLong: {"你的回答有 %d 个字符，最多只读 %d 个：请精简到几段话。",
			"Your answer has %d {character|characters}; answers are read up to %d: keep it to a few paragraphs."},
		msgAnswerNoWords: {"你的回答里没有文字。", "Your answer has no words in it."},
		msgAnswerRefused: {"%s没有记录任何内容。作答方式：%s作答 %s <你的回答>",
			"%s Nothing was recorded. Answer with: %sanswer %s <your answer>"},
		msgAnswerUsage: {"用法：%s作答 <编号> <你的回答>，例如 %[1]s作答 gzrv43 PV 有四种访问模式……题目编号可以用「%[1]s提问」或「%[1]s搜索 <关键词>」查到。",
			"Usage: %sanswer <id> <your answer>, e.g. %[1]sanswer gzrv43 There are four access modes… Find IDs with ask or search."},
		msgAnswerNearID: {"没有编号为「%s」的题目。你是不是要答 %s（%s）？请输入 %s作答 %s <你的回答>。",
			"No question has the ID \"%s\". Did you mean %s (%s)? Answer it with %sanswer %s <your answer>."},
		msgAnswerNoID: {"作答要以题目编号开头：%s作答 <编号> <你的回答>。编号可以用「%[1]s搜索 <关键词>」或「%[1]s提问」查到。",
			"An answer starts with the question's ID: %sanswer <id> <your answer>. Find IDs with search or ask."},
		msgAnswerOnScreen: {"没写编号：算作对屏幕上闪卡 %s（%s）的作答。",
			"No ID given: taken as your answer to the card on screen, %s (%s)."},
		msgAnswerOnScreenAgain: {"没写编号：算作对屏幕上闪卡 %s（%s）的又一次作答，单独记为一次复习。",
			"No ID given: taken as another try at the card on screen, %s (%s), recorded as a review of its own."},
		msgAnswerUnscorable: {"这道题的要点还无法自动判分，没有记录任何内容。下面是参考答案，请自评：",
			"This question's key points cannot be checked automatically yet, so nothing was recorded. Here is the reference answer: grade yourself."},
		msgAnsweredBefore: {"这道题你已经答过了，这次没有重复记录。", "You answered this already; nothing was recorded again."},
		msgAnsweredBeforeWith: {"这道题你已经答过了（覆盖 %d/%d 个要点，记为%s），这次没有重复记录。想再答一次，请重新点「作答」。",
			"You answered this already (%d/%d key points, recorded %s); nothing was recorded again. To answer again, press Answer it once more."},
		msgPromptTitle:       {"作答", "Answer it"},
		msgPromptLabel:       {"你的回答", "Your answer"},
		msgPromptPlaceholder: {"用自己的话回答，像面试时那样……", "In your own words, as in an interview…"},
		msgPromptSubmit:      {"提交", "Submit"},
		msgPromptByCommand:   {"用自己的话回答：输入 %s作答 %s <你的回答>", "Answer in your own words: type %sanswer %s <your answer>"},
		msgPromptExpired: {"这个作答提示已过期（有效期一天），没有记录任何内容。请重新点「作答」，或输入 %s作答 %s <你的回答>。",
			"This prompt has expired (prompts last a day), so nothing was recorded. Press Answer it again, or type %sanswer %s <your answer>."},
		msgCoverage:       {"覆盖 %d/%d 个要点", "%d/%d key points covered"},
		msgCoverageShort:  {"覆盖 %d/%d 个要点 · 已记录：%s", "%d/%d key points · recorded %s"},
		msgPointUnchecked: {"（无法自动判断）", "(not checked automatically)"},
		msgPointEvidence:  {"（你写了：%s）", "(you said: %s)"},
		msgPointNamed:     {"（只提到了名称，没有解释）", "(named, not explained)"},
		msgPointWrong:     {"（你写的说法与参考答案相反，或属于另一项）", "(what you wrote contradicts the reference, or belongs to another point)"},
		msgPointWrongSaid: {"（你写的「%s」与参考答案相反，或属于另一项）", "(you wrote “%s”: it contradicts the reference, or belongs to another point)"},
		msgPointReference: {"：%s", ": %s"},
		msgAnswerOffTopic: {"⚠️ 这个回答讲的多是别的题目的内容，按未覆盖任何要点计。",
			"⚠️ This answer is about another question's subjects more than this one's, so it counts as covering nothing."},
		msgAnswerStuffing: {"⚠️ 这个回答罗列了大量其他题目的术语，按未覆盖任何要点计。",
			"⚠️ This answer names many terms from other questions, so it counts as covering nothing."},
		msgAnswerKeywordList: {"⚠️ 只罗列术语不算解释：请说明它们是什么、怎么起作用。",
			"⚠️ A list of terms explains nothing: say what they are and how they work."},
		msgChangeGrade: {"觉得不准？点一下就能改评分，改后的评分替换这一次（都不计积分）。",
			"Not what you think? Change the grade with one press: it replaces this one (no points either way)."},
		msgOverridden: {"评分已从%s改为%s，替换了原来的评分（复习只算一次）。下次复习：%s。",
			"Grade changed from %s to %s; it replaces the first (the review counts once). Next review %s."},
		msgOverrideGone:    {"这个回答已不能改评分（超过一天，或不是你的）。", "That answer can no longer be regraded (it is over a day old, or not yours)."},
		msgOverrideAlready: {"这个评分你已经改过了。", "You changed this grade already."},
		msgOverrideStale:   {"这张卡片之后你又复习过了，请改那一次的评分。", "You have reviewed this card again since: grade that review instead."},

		msgInterviewPrivateOnly: {"模拟面试只在私聊中进行：请私聊我，发送 %s面试。", "Mock interviews run in a private chat: message me directly and send %sinterview."},
		msgInterviewUnavailable: {"面试记录暂时不可用，请稍后再试。题目仍然可以练习。",
			"Interviews are unavailable right now; try again in a moment. Questions still work."},
		msgInterviewRunning: {"你已经有一场进行中的面试：输入「%s面试」继续。", "You already have an interview in progress: type %sinterview to go on."},
		msgInterviewIntro: {"🎤 模拟面试：%d 道题%s。每道题用自己的话回答：点「作答」，或输入 %s作答 <你的回答>；也可以「显示答案」后自评；不会的题点「跳过」或输入 %s跳过（记为%s）。随时可以输入「%s面试 结束」提前结束，最后会有一份报告。",
			"🎤 Mock interview: %d {question|questions}%s. Answer in your own words: press Answer it, or type %sanswer <your answer>; or show the answer and grade yourself; or, for one you don't know, press Skip or type %sskip (recorded %s). Stop any time with %sinterview stop; a report comes at the end."},
		msgInterviewOn:    {"，主题 %s", " on %s"},
		msgInterviewFewer: {"（%s 只有 %d 道题）", " (%s has only %d {question|questions})"},
		msgInterviewEach:  {"，每题 %s", ", %s each"},
		msgInterviewBadCount: {"题数要在 1 到 %d 之间，例如 %s面试 pv 3 5分钟",
			"The number of questions is 1 to %d, e.g. %sinterview pv 3 5m"},
		msgInterviewBadLimit: {"每题时限「%s」无效：要在 30 秒到 1 小时之间，例如 %s面试 pv 3 5分钟",
			"The time per question \"%s\" is out of range: 30s to 1h, e.g. %sinterview pv 3 5m"},
		msgInterviewLimit: {"⏱ %s（%s 前）", "⏱ %s (by %s)"},
		msgInterviewHint: {"用自己的话回答：点「作答」，或输入 %s作答 <你的回答>。不会就点「跳过」或输入 %s跳过。",
			"Answer in your own words: press Answer it, or type %sanswer <your answer>. Don't know it? Press Skip, or type %sskip."},
		msgInterviewResume: {"继续你的面试：第 %d 题，共 %d 题。不想继续可以 %s面试 结束。",
			"Your interview goes on: question %d of %d. Stop it with %sinterview stop."},
		msgInterviewOneAtATime: {"一次只能进行一场面试。", "One interview at a time."},
		msgInterviewOver: {"这场面试已经结束了。输入「%s面试」开始新的面试。",
			"That interview is over. Type %sinterview to start another."},
		msgInterviewOthers: {"这是别人的面试。输入「%s面试」开始你自己的面试。",
			"That is someone else's interview. Type %sinterview to start your own."},
		msgInterviewStepDone: {"这道面试题已经答过了，没有重复记录。输入「%s面试」查看当前的题目。",
			"That question of your interview was answered already; nothing was recorded again. Type %sinterview to see the current one."},
		msgInterviewMovedOn: {"这之后你的面试已经往下走了：现在是第 %d 题，共 %d 题。输入「%s面试」查看。",
			"Your interview has moved on since: you are on question %d of %d. Type %sinterview to see it."},
		msgInterviewDoneSince: {"这之后你已经答完了这场面试，报告随最后一个回答发给了你。",
			"You have finished that interview since; its report came with your last answer."},
		msgInterviewNone: {"你没有进行中的面试。开始一场：%s面试 [主题] [题数] [每题时限]",
			"You have no interview in progress. Start one with %sinterview [topic] [n] [time]."},
		msgInterviewStopped:      {"面试已结束", "Interview stopped"},
		msgInterviewStoppedEmpty: {"面试已结束，还没有答过题。随时可以用「%s面试」再来一场。", "Interview stopped before any answer. Start another any time with %sinterview."},
		msgButtonStop:            {"结束面试", "Stop"},
		msgStepTyped:             {"第 %d/%d 题：覆盖 %d/%d 个要点，记为%s", "Question %d/%d: %d/%d key points, recorded %s"},
		msgStepRevealed:          {"第 %d/%d 题：看了答案，自评%s", "Question %d/%d: answer shown, self-graded %s"},
		msgReportTitle:           {"面试报告：%d 道题，用时 %s", "Interview report: %d {question|questions} in %s"},
		msgReportStopped:         {"面试报告（提前结束，进行了 %d/%d 题）", "Interview report (stopped after %d of %d {question|questions})"},
		msgReportTyped:           {"%d. %s：%d/%d 个要点 · %s · %s", "%d. %s: %d/%d key points · %s · %s"},
		msgReportRevealed:        {"%d. %s：看了答案，自评%s · %s", "%d. %s: answer shown, self-graded %s · %s"},
		msgReportMissed:          {"未覆盖：%s", "Not covered: %s"},
		msgReportOverTime:        {"超时", "over time"},
		msgReportTotal: {"合计：覆盖 %d/%d 个要点（%d%%）；%d 题用自己的话作答，%d 题看了答案。",
			"Total: %d/%d key points (%d%%); %d answered in words, %d with the answer shown."},
		msgReportOver:            {"⏱ 超过每题时限（%s）的回答：%d 个。", "⏱ Answers over the %s per question: %d."},
		msgReportWeakest:         {"最薄弱的主题（按每题的评分，「困难」算一半）：%s", "Weakest topics (by each question's grade; Hard counts half): %s"},
		msgReportReview:          {"接下来复习：", "Review next:"},
		msgReportReviewOne:       {"• %s（%s提问 %s）", "• %s (%sask %s)"},
		msgReportNothingToReview: {"每道题的评分都在「良好」及以上，没有急需复习的。", "Every question was graded Good or better: nothing needs reviewing first."},

		msgStatsTyped:        {"用自己的话作答：%d 次，平均覆盖 %d%% 的要点", "Answers in words: %d, covering %d%% of key points on average"},
		msgStatsTypedNone:    {"用自己的话作答：还没有（试试 %s面试）", "Answers in words: none yet (try %sinterview)"},
		msgStatsTypedTopics:  {"作答最好的主题：%s；最薄弱：%s", "Best topics in words: %s; weakest: %s"},
		msgStatsTypedBest:    {"作答最好的主题：%s", "Best topics in words: %s"},
		msgStatsTypedWeakest: {"用自己的话作答最薄弱的主题：%s", "Weakest topics in words: %s"},
	})
}
