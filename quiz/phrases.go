package quiz

import (
	"slices"
	"strings"

	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// Typed phrases. Besides the commands' names and aliases (the command
// table, command.go), these are the words and lines, English and Chinese,
// whose meaning the bot reads from what is typed: each set is written here
// once, a set that is part of another derived from it. Each phrase is
// written as phraseLine leaves a line — folded, without a closing mark or
// particle — and no line typed alone reads as two of them, nor as a
// command (TestPhrases checks both).

// The lines that mean something typed alone (and some as an interview's
// answer or after interview).
var (
	// skipWords and nextWords are the lines that skip an interview's
	// question; outside an interview, each passes over what the user drew
	// last for the next, and nextWords, which ask for the next question,
	// draw one also when nothing was (interviewskip.go). None starts with
	// a Chinese name of a command run into what follows (a test checks).
	skipWords = append([]string{
		"skip", "pass", "skip it", "skip this", "skip this one", "skip question", "skip the question",
		"pass this one", "跳过", "跳过这题", "跳过这道题", "跳过此题", "跳过这个", "略过",
	}, dontKnowWords...)
	// dontKnowWords are the skip words that say the user does not know
	// the question: after a flashcard, they show its answer.
	dontKnowWords = []string{
		"i don't know", "i dont know", "don't know", "dont know", "i dunno", "dunno", "idk", "no idea",
		"不会", "我不会", "这题不会", "这道题不会", "不会做", "不知道", "我不知道", "不懂", "我不懂", "不清楚",
	}
	nextWords = []string{
		"next", "next question", "next one", "next card", "another", "another one", "another question", "another card",
		"下一题", "下一道", "下一道题", "下一个", "下一个问题", "下一张", "换下一题", "换一题", "换一道", "换一道题", "再来一题", "再来一道",
	}

	// stopWords end an interview, typed alone or after interview, as one
	// word (isStopWord).
	stopWords = append([]string{
		"stop", "end", "abandon", "结束", "停止", "放弃", "结束面试", "停止面试", "退出面试", "放弃面试",
	}, leaveWords...)
	// leaveWords are the stopWords that, typed alone, mean leaving the
	// bot when no interview is in progress (leave.go).
	leaveWords = []string{"quit", "exit", "退出"}

	// showLabels and submitLabels are the labels of buttons a user may
	// type as words (buttonlabels.go): those of Show answer (答案, show),
	// and of a checklist's Submit.
	showLabels   = []string{"显示答案", "答案", "看答案", "查看答案", "显示", "show answer", "show the answer", "show", "reveal answer"}
	submitLabels = []string{"提交", "submit"}

	// yesWords and noWords are the lines that answer a confirmation typed
	// alone (forget.go): its buttons' labels too (Yes, forget; 确定删除;
	// Cancel; 取消).
	yesWords = []string{
		"yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "confirm", "yes please", "yes forget", "yes forget me", "do it",
		"是", "是的", "确定", "确认", "好", "好的", "对", "确定删除", "删", "删掉",
	}
	noWords = []string{
		"no", "n", "nope", "nah", "cancel", "no thanks", "don't", "dont", "keep", "keep it", "never mind", "nevermind",
		"不", "不要", "否", "取消", "算了", "不用", "不删", "不删除", "别删",
	}

	// greetings, thanks and questionPleas are the lines that talk to the
	// bot rather than name a command (chatLine): a greeting or thanks is
	// welcomed, a plea for a question draws a flashcard. A plea that
	// nextWords has ("next question", 再来一题) is a skip line, read before
	// them (skipTyped), and one a command takes ("quiz me") is that
	// command: neither is written here.
	greetings = []string{"hi", "hello", "hey", "hiya", "yo", "good morning", "good afternoon", "good evening",
		"hi there", "hello there", "你好", "您好", "嗨", "哈喽", "早", "早上好", "下午好", "晚上好", "在吗", "在不在"}
	thanks = []string{"thanks", "thank you", "thx", "ty", "thanks a lot", "thank you very much", "cheers",
		"谢谢", "谢谢你", "多谢", "感谢", "谢啦", "谢了"}
	questionPleas = []string{"give me a question", "a question please", "question please", "one more question",
		"来一道题", "来一题", "来道题", "来个题", "来一道", "出题", "出一道题", "出道题", "给我一道题", "给我出一道题",
		"再来一道题", "随便来一道题", "考考我", "考我"}
)

// The words that make a typed line a question to the bot (isQuestion):
// questionOpeners begin one ("what is a pod"); questionParts mark a
// Chinese one wherever they are (pod是什么).
var (
	questionOpeners = []string{"what", "what's", "whats", "how", "why", "when", "where", "which", "who",
		"is", "are", "can", "could", "does", "do", "should", "explain", "describe", "tell"}
	questionParts = []string{"什么", "怎么", "如何", "为什么", "哪些", "哪个", "请问", "区别", "吗", "呢"}
)

// The words that mean something after a command, each read as one word.
var (
	// meWords are the words of a user speaking of themselves (stats me,
	// forget me).
	meWords = []string{"me", "myself", "我", "自己", "我自己", "本人"}

	// helpPleas are words after help that ask for help itself.
	helpPleas = []string{"me", "please", "pls", "with", "on", "我", "一下"}

	// askPleas are the words after ask, quiz or interview that ask for a
	// question without naming its topic ("ask me a question", "quiz me",
	// 问我一个问题): no topics, as helpPleas are no commands after help.
	// They hold meWords; a Chinese one may run into a topic (问我etcd).
	askPleas = append([]string{
		"a", "an", "one", "question", "something", "anything", "please", "pls",
		"问题", "一个问题", "个问题", "一道题", "道题", "一题", "一个", "一道",
	}, meWords...)

	// operatorWords are the words of the operator's commands, as a user
	// may type them in a chat (compared as commandWord has them): English,
	// then Chinese.
	operatorWords = []string{"export", "import", "导出", "导入"}

	// zoneDefaultWords go back to the default zone (`zone default`).
	zoneDefaultWords = []string{"default", "reset", "默认"}

	// timeWords may come before a time without changing it ("at 9", "在
	// 9点").
	timeWords = []string{"at", "@", "在"}

	// searchFillers are the words that make a question of a search's
	// words ("how does kube-proxy work", "什么是 etcd"): in no answer as
	// terms.
	searchFillers = []string{
		"what", "what's", "whats", "is", "are", "a", "an", "the", "how", "does", "do", "why", "when", "which",
		"of", "in", "to", "between", "about", "explain", "describe", "tell", "me",
		"什么", "什么是", "是", "的", "如何", "怎么", "怎样", "为什么", "哪些", "有哪些", "吗", "呢", "请问",
	}

	// topicFillers are the words that say "on the topic of" (quiz about
	// etcd, 关于 etcd): no topics themselves.
	topicFillers = append([]string{"about", "on", "regarding"}, gluedFillers...)
	// gluedFillers are the topicFillers typed run into a topic (关于etcd):
	// Chinese ones, which take no space.
	gluedFillers = []string{"关于", "有关"}
	// gluedPrefixes are the words that may run into the start of a word
	// typed for topics (我etcd, 关于etcd): askPleas, then gluedFillers
	// (see unglued).
	gluedPrefixes = append(slices.Clip(askPleas), gluedFillers...)
)

// daily's own words (dailycmd.go).
var (
	// dailyWordsZH are daily's own words by their Chinese names, as
	// replies name them.
	dailyWordsZH = map[string]string{"status": "状态", "on": "开启", "off": "关闭", "now": "现在", "reveal": "揭晓"}

	// dailyWords are daily's own words: what follows `daily`, by their
	// English names and the other words a user types for them, in English
	// and in Chinese (and, added at init, dailyWordsZH).
	dailyWords = map[string]string{
		"status": "status", "on": "on", "off": "off", "now": "now", "reveal": "reveal",
		"show": "status", "enable": "on", "start": "on", "stop": "off", "disable": "off", "pause": "off", "post": "now",
		"查看": "status", "查询": "status", "看看": "status", "状态如何": "status",
		"打开": "on", "开": "on", "启用": "on", "开始": "on", "启动": "on",
		"关": "off", "关掉": "off", "停止": "off", "停": "off", "停用": "off", "暂停": "off", "取消": "off",
		"立即": "now", "立刻": "now", "马上": "now", "发布": "now",
		"公布": "reveal", "揭晓答案": "reveal", "公布答案": "reveal",
	}
)

// phraseParticles may close a Chinese line without changing it (跳过吧).
const phraseParticles = "吧啊呀"

// phraseLine is a typed line as the phrases are written: on any keyboard,
// in any case, without Slack's command (k8s skip) or a slash (/skip), a
// closing mark or particle, commas taken for spaces ("Yes, forget").
func phraseLine(text string) string {
	text = strings.ReplaceAll(textnorm.Fold(withoutSlashCommand(text)), ",", " ") // ， folds to ,
	line := strings.TrimPrefix(strings.Join(strings.Fields(text), " "), "/")
	line = strings.TrimRight(line, trailingMarks+"~")
	line = strings.TrimRight(strings.TrimSpace(strings.TrimRight(line, phraseParticles)), trailingMarks) // 跳过 吧
	return strings.ReplaceAll(line, "’", "'")
}
