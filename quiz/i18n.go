package quiz

import (
	"fmt"
	"strconv"
	"strings"
)

// Lang is an interface language.
type Lang string

// The interface languages.
const (
	LangZH Lang = "zh"
	LangEN Lang = "en"
)

// LookupLang reads a language a user typed or a platform reported ("en",
// "en-US", "zh-hans", "中文", "中", "English"); ok is false when it is neither.
func LookupLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "中文" || s == "中" || s == "汉语" || s == "简体中文" || s == "简体" || s == "chinese" || s == "cn" || strings.HasPrefix(s, "zh"):
		return LangZH, true
	case s == "英文" || s == "英" || s == "英语" || s == "english" || s == "en" || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en_"):
		return LangEN, true
	}
	return "", false
}

// ParseLang is LookupLang with Chinese, the shipped bank's language, as the
// fallback.
func ParseLang(s string) Lang {
	if l, ok := LookupLang(s); ok {
		return l
	}
	return LangZH
}

// msgKey names a message of the catalog.
type msgKey string

// translate formats a message in a language.
func translate(l Lang, key msgKey, args ...any) string {
	m, ok := catalog[key]
	if !ok {
		return "?" + string(key)
	}
	return m.Format(l, args...)
}

// format fills a catalog text's verbs with args (fmt's). A text may write
// a counted word's forms as {one|other}: the form follows the integer
// argument of the verb before it, so "%d {day|days}" reads "1 day" and
// "0 days". The forms hold no verbs; Chinese needs none.
func format(text string, args []any) string {
	if s, ok := formatInts(text, args); ok {
		return s
	}
	if strings.Contains(text, "{") {
		text = pickForms(text, args)
	}
	if len(args) == 0 {
		return text
	}
	return fmt.Sprintf(text, args...)
}

// formatInts is format for the texts most replies are made of, without
// fmt: whose only verbs are %d of integer arguments, one each in order
// (and %%), with {one|other} forms. ok is false for any other text, left
// to format's general path.
func formatInts(text string, args []any) (s string, ok bool) {
	if len(args) == 0 || !onlyIntVerbs(text) {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(text) + 8*len(args))
	next, count := 0, int64(-1)
	for i := 0; i < len(text); {
		switch c := text[i]; {
		case c == '%' && i+1 < len(text) && text[i+1] == '%':
			b.WriteByte('%')
			i += 2
		case c == '%':
			n, isInt := integer(args, next)
			if !isInt || i+1 >= len(text) || text[i+1] != 'd' {
				return "", false
			}
			var digits [20]byte
			b.Write(strconv.AppendInt(digits[:0], n, 10))
			count = n
			next++
			i += 2
		case c == '{':
			form, width := countedForm(text[i:], count)
			if width == 0 {
				return "", false
			}
			b.WriteString(form)
			i += width
		default:
			b.WriteByte(c)
			i++
		}
	}
	if next != len(args) {
		return "", false
	}
	return b.String(), true
}

// onlyIntVerbs reports whether every verb of text is %d (or %%), so that
// formatInts sizes its buffer only for a text it may fill.
func onlyIntVerbs(text string) bool {
	for i := strings.IndexByte(text, '%'); i >= 0; i = strings.IndexByte(text, '%') {
		if i+1 >= len(text) || text[i+1] != 'd' && text[i+1] != '%' {
			return false
		}
		text = text[i+2:]
	}
	return true
}

// pickForms replaces each {one|other} of a format by the form its count
// calls for, and keeps the verbs for fmt.
func pickForms(text string, args []any) string {
	var b strings.Builder
	next, count := 0, int64(-1) // the next argument; the last integer read
	for i := 0; i < len(text); {
		switch text[i] {
		case '%':
			verb, index := scanVerb(text[i:])
			b.WriteString(text[i : i+verb])
			if text[i+verb-1] != '%' {
				if index > 0 {
					next = index - 1
				}
				if n, ok := integer(args, next); ok {
					count = n
				}
				next++
			}
			i += verb
		case '{':
			form, width := countedForm(text[i:], count)
			if width == 0 {
				b.WriteByte('{')
				i++
				continue
			}
			b.WriteString(form)
			i += width
		default:
			b.WriteByte(text[i])
			i++
		}
	}
	return b.String()
}

// countedForm reads the {one|other} text starts with: the form count calls
// for, and how long the braces are; width is 0 when text starts with no
// such forms.
func countedForm(text string, count int64) (form string, width int) {
	bar := strings.IndexByte(text, '|')
	end := strings.IndexByte(text, '}')
	if bar < 0 || end < bar {
		return "", 0
	}
	if count == 1 {
		return text[1:bar], end + 1
	}
	return text[bar+1 : end], end + 1
}

// scanVerb measures the fmt verb text starts with ("%d", "%02d", "%[2]s",
// "%%") and reads its explicit argument index, if any (1-based).
func scanVerb(text string) (length, index int) {
	j := 1
	for j < len(text) {
		c := text[j]
		switch {
		case c == '[':
			end := strings.IndexByte(text[j:], ']')
			if end < 0 {
				return j, 0
			}
			index, _ = strconv.Atoi(text[j+1 : j+end])
			j += end + 1
		case strings.IndexByte("+-# 0123456789.*", c) >= 0:
			j++
		default:
			return j + 1, index
		}
	}
	return j, index
}

// integer reads args[i] when it is an integer.
func integer(args []any, i int) (int64, bool) {
	if i < 0 || i >= len(args) {
		return 0, false
	}
	switch n := args[i].(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case int32:
		return int64(n), true
	case uint32:
		return int64(n), true
	}
	return 0, false
}

// Text is a line in both interface languages: the core's catalog is made
// of them, and so are the adapters' own lines.
type Text struct{ ZH, EN string }

// In is the text in language l: English for LangEN, else Chinese, the
// shipped bank's language.
func (t Text) In(l Lang) string {
	if l == LangEN {
		return t.EN
	}
	return t.ZH
}

// Format is the text in language l with its verbs filled by args (fmt's,
// and the catalog's {one|other} forms of a counted word).
func (t Text) Format(l Lang, args ...any) string { return format(t.In(l), args) }

// The messages of the core's catalog. A message key is its name, so that
// a feature may keep its messages in a file of its own (see register).
const (
	msgUnreadable               msgKey = "unreadable"
	msgTooLong                  msgKey = "tooLong"
	msgUnknownCommand           msgKey = "unknownCommand"
	msgUnknownCommandDidYouMean msgKey = "unknownCommandDidYouMean"
	msgHello                    msgKey = "hello"
	msgThanks                   msgKey = "thanks"
	msgQuestionSearch           msgKey = "questionSearch"
	msgQuestionAsk              msgKey = "questionAsk"
	msgBadButton                msgKey = "badButton"
	msgUnknownTopic             msgKey = "unknownTopic"
	msgCardMeta                 msgKey = "cardMeta"
	msgCardMetaNoTopic          msgKey = "cardMetaNoTopic"
	msgDueForReview             msgKey = "dueForReview"
	msgOnlyQuestion             msgKey = "onlyQuestion"
	msgNothingNew               msgKey = "nothingNew"
	msgNextDue                  msgKey = "nextDue"
	msgButtonShow               msgKey = "buttonShow"
	msgButtonAnother            msgKey = "buttonAnother"
	msgQuestionGone             msgKey = "questionGone"
	msgHowDidYouDo              msgKey = "howDidYouDo"
	msgButtonChecklist          msgKey = "buttonChecklist"
	msgGradeNotSaved            msgKey = "gradeNotSaved"
	msgCovered                  msgKey = "covered"
	msgGraded                   msgKey = "graded"
	msgGradedShort              msgKey = "gradedShort"
	msgStreak                   msgKey = "streak"
	msgButtonNext               msgKey = "buttonNext"
	msgButtonSubmit             msgKey = "buttonSubmit"
	msgChecklistIntro           msgKey = "checklistIntro"
	msgNoQuizForTopic           msgKey = "noQuizForTopic"
	msgQuizUnavailable          msgKey = "quizUnavailable"
	msgQuizWhich                msgKey = "quizWhich"
	msgQuizBlank                msgKey = "quizBlank"
	msgQuizFooter               msgKey = "quizFooter"
	msgAnsweredCount            msgKey = "answeredCount"
	msgPollExplanation          msgKey = "pollExplanation"
	msgAnswerNotSaved           msgKey = "answerNotSaved"
	msgQuizGone                 msgKey = "quizGone"
	msgQuizElsewhere            msgKey = "quizElsewhere"
	msgQuizClosed               msgKey = "quizClosed"
	msgAlreadyAnswered          msgKey = "alreadyAnswered"
	msgRight                    msgKey = "right"
	msgRightInPostWeek          msgKey = "rightInPostWeek"
	msgRightShort               msgKey = "rightShort"
	msgWrong                    msgKey = "wrong"
	msgWrongShort               msgKey = "wrongShort"
	msgCorrectOption            msgKey = "correctOption"
	msgButtonFullAnswer         msgKey = "buttonFullAnswer"
	msgTopUsage                 msgKey = "topUsage"
	msgScoresUnavailable        msgKey = "scoresUnavailable"
	msgBoardAll                 msgKey = "boardAll"
	msgBoardWeek                msgKey = "boardWeek"
	msgBoardEmpty               msgKey = "boardEmpty"
	msgBoardNotOnIt             msgKey = "boardNotOnIt"
	msgBoardYou                 msgKey = "boardYou"
	msgBoardNamedOff            msgKey = "boardNamedOff"
	msgBoardJustPosted          msgKey = "boardJustPosted"
	msgBoardNamed               msgKey = "boardNamed"
	msgBoardMe                  msgKey = "boardMe"
	msgPoints                   msgKey = "points"
	msgUnranked                 msgKey = "unranked"
	msgRank                     msgKey = "rank"
	msgStatsTitle               msgKey = "statsTitle"
	msgStatsPoints              msgKey = "statsPoints"
	msgStatsQuizzes             msgKey = "statsQuizzes"
	msgStatsNoQuizzes           msgKey = "statsNoQuizzes"
	msgStatsReviews             msgKey = "statsReviews"
	msgStatsNoReviews           msgKey = "statsNoReviews"
	msgStatsStreak              msgKey = "statsStreak"
	msgStatsNoStreak            msgKey = "statsNoStreak"
	msgStatsStreakBroken        msgKey = "statsStreakBroken"
	msgStatsWeakest             msgKey = "statsWeakest"
	msgHelpTitle                msgKey = "helpTitle"
	msgHelpFooter               msgKey = "helpFooter"
	msgHelpAliases              msgKey = "helpAliases"
	msgHelpAll                  msgKey = "helpAll"
	msgHelpNoSuch               msgKey = "helpNoSuch"
	msgExtraWords               msgKey = "extraWords"
	msgHelpNoSuchDidYouMean     msgKey = "helpNoSuchDidYouMean"
	msgTopicsTitle              msgKey = "topicsTitle"
	msgTopicsFooter             msgKey = "topicsFooter"
	msgSearchUsage              msgKey = "searchUsage"
	msgSearchNone               msgKey = "searchNone"
	msgSearchTitle              msgKey = "searchTitle"
	msgSearchMore               msgKey = "searchMore"
	msgSearchFooter             msgKey = "searchFooter"
	msgLangNotSaved             msgKey = "langNotSaved"
	msgLangSet                  msgKey = "langSet"
	msgBankInOtherLang          msgKey = "bankInOtherLang"
	msgLangCurrent              msgKey = "langCurrent"
	msgLangUnknown              msgKey = "langUnknown"
	msgGradeAgain               msgKey = "gradeAgain"
	msgGradeHard                msgKey = "gradeHard"
	msgGradeGood                msgKey = "gradeGood"
	msgGradeEasy                msgKey = "gradeEasy"
	msgMinutes                  msgKey = "minutes"
	msgListSeparator            msgKey = "listSeparator"
	msgSeconds                  msgKey = "seconds"
	msgDueSoon                  msgKey = "dueSoon"
	msgDueOn                    msgKey = "dueOn"
	msgHours                    msgKey = "hours"
	msgDays                     msgKey = "days"
	msgDailyUnavailable         msgKey = "dailyUnavailable"
	msgDailyUsage               msgKey = "dailyUsage"
	msgAdminCheckFailed         msgKey = "adminCheckFailed"
	msgAdminOnly                msgKey = "adminOnly"
	msgDailyNotSaved            msgKey = "dailyNotSaved"
	msgDailyOff                 msgKey = "dailyOff"
	msgDailyAlreadyOff          msgKey = "dailyAlreadyOff"
	msgDailyOnUsage             msgKey = "dailyOnUsage"
	msgDailyBadTime             msgKey = "dailyBadTime"
	msgDailyBadZone             msgKey = "dailyBadZone"
	msgDailyOn                  msgKey = "dailyOn"
	msgWhen                     msgKey = "when"
	msgWhenUTC                  msgKey = "whenUTC"
	msgDailyStatusOff           msgKey = "dailyStatusOff"
	msgDailyStatusOn            msgKey = "dailyStatusOn"
	msgDailyNothingToReveal     msgKey = "dailyNothingToReveal"
	msgDailyAlreadyRevealed     msgKey = "dailyAlreadyRevealed"
	msgDailyNote                msgKey = "dailyNote"
	msgRevealTitle              msgKey = "revealTitle"
	msgRevealCounts             msgKey = "revealCounts"
	msgRevealMore               msgKey = "revealMore"
	msgRevealRight              msgKey = "revealRight"
	msgRevealTop                msgKey = "revealTop"
	msgRevealTopOfPostWeek      msgKey = "revealTopOfPostWeek"
	msgQuizDaily                msgKey = "quizDaily"
	msgQuiz                     msgKey = "quiz"
	msgDailyPosted              msgKey = "dailyPosted"
	msgApology                  msgKey = "apology"
	msgBusy                     msgKey = "busy"
	msgSlowDown                 msgKey = "slowDown"
	msgNotRecorded              msgKey = "notRecorded"
	msgDailyNotPosted           msgKey = "dailyNotPosted"
	msgDailyUnconfirmed         msgKey = "dailyUnconfirmed"
	msgDailyUnconfirmedAgain    msgKey = "dailyUnconfirmedAgain"
	msgDailyRevealed            msgKey = "dailyRevealed"
	msgDailyNotRevealed         msgKey = "dailyNotRevealed"
)

// catalog holds every message; files with messages of their own add them
// with register.
var catalog = map[msgKey]Text{
	msgUnreadable: {"这条消息里有无法识别的字符，请用普通文字输入命令。",
		"That message has characters I can't read; please type the command as plain text."},
	msgTooLong: {"命令太长了（最多 %d 个字符）。", "That command is too long (at most %d {character|characters})."},
	msgUnknownCommand: {"不认识的命令「%s」。输入「%s帮助」查看所有命令。",
		"I don't know the command \"%s\". Type %shelp for the list."},
	msgUnknownCommandDidYouMean: {"不认识的命令「%s」，你是想输入「%s」吗？输入「%s帮助」查看所有命令。",
		"I don't know the command \"%s\". Did you mean %s? Type %shelp for the list."},
	msgHello: {"你好！我用 Kubernetes 面试题陪你练习：发「%s测验」做一道选择题，「%s提问」抽一张题卡，「%s帮助」查看所有命令。",
		"Hi! I help you practise Kubernetes interview questions: type %squiz for a quiz, %sask for a flashcard, or %shelp for every command."},
	msgThanks: {"不客气！想继续练习就发「%s提问」或「%s测验」。",
		"You're welcome! Type %sask or %squiz for another question."},
	msgQuestionSearch: {"这像是一个问题：我来找题库里相关的题目（「%s搜索 %s」）。",
		"That reads like a question: here is what the bank has on it (%ssearch %s)."},
	msgQuestionAsk: {"这像是一个问题：我来找题库里相关的题目（「%s搜索 %s」）；发「%s提问 %s」抽一道练习。",
		"That reads like a question: here is what the bank has on it (%ssearch %s); type %sask %s to practise one."},
	msgBadButton: {"这个按钮无效或已过期。", "That button is not valid (or no longer is)."},
	msgUnknownTopic: {"没有主题「%s」。最接近的主题：%s。输入「%s主题」查看全部主题。",
		"There is no topic \"%s\". Closest topics: %s. Type %stopics for all of them."},
	msgCardMeta:        {"主题：%s · 编号 %s", "Topics: %s · ID %s"},
	msgCardMetaNoTopic: {"编号 %s", "ID %s"},
	msgDueForReview:    {"今天该复习了", "due for review"},
	msgOnlyQuestion:    {"这是「%s」下唯一的一道题。", "This is the only question on %s."},
	msgNothingNew:      {"%d 道「%s」的题你都看过了，现在没有要复习的：这是最久没看的一道。", "You have seen all %d {question|questions} on %s and none is due: this is the one you saw longest ago."},
	msgNextDue:         {"下一道该复习的在 %s。", "The next is due %s."},
	msgButtonShow:      {"显示答案", "Show answer"},
	msgButtonAnother:   {"换一题", "Another"},
	msgQuestionGone:    {"这道题已不在题库中。", "That question is no longer in the bank."},
	msgHowDidYouDo:     {"你答得怎么样？自评一下（不计分，只决定下次复习的时间）：", "How did you do? Grade yourself (no points; it sets when the card comes back):"},
	msgButtonChecklist: {"按要点自查（%d 条）", "Check key points (%d)"},
	msgGradeNotSaved: {"积分和复习记录暂时不可用，这次自评没有保存，请稍后再试。题目仍然可以继续练习。",
		"Scores and schedules are unavailable right now, so this grade was not saved; try again in a moment. Questions still work."},
	msgCovered:        {"你覆盖了 %d/%d 个要点（%d%%）。", "You covered %d of %d key {point|points} (%d%%)."},
	msgGraded:         {"已记录：%s。下次复习：%s。", "Recorded: %s. Next review %s."},
	msgDueSoon:        {"%s后", "in %s"},
	msgDueOn:          {"%s后（%s）", "in %s (%s)"},
	msgGradedShort:    {"已记录：%s", "Recorded: %s"},
	msgStreak:         {"🔥 连续练习 %d 天（最长 %d 天）", "🔥 %d {day|days} in a row (best %d)"},
	msgButtonNext:     {"下一题", "Next question"},
	msgButtonSubmit:   {"提交", "Submit"},
	msgChecklistIntro: {"勾选你答到的要点，然后提交：", "Tick the points you covered, then submit:"},
	msgNoQuizForTopic: {"「%s」下的题目生成不了选择题。试试不带主题的「%s测验」。",
		"No quiz can be made from \"%s\". Try %squiz with no topic."},
	msgQuizUnavailable: {"积分暂时不可用，现在无法出测验题。可以先用「%s提问」练习，稍后再试。",
		"Scores are unavailable right now, so no quiz can be posted. Meanwhile, practise with %sask and try again soon."},
	msgQuizWhich:       {"这是哪道题的答案？", "Which question does this answer?"},
	msgQuizBlank:       {"填空：空白处应该是什么？", "Fill in the blank"},
	msgQuiz:            {"测验", "Quiz"},
	msgQuizFooter:      {"答对 +%d 分 · 每道题每周只计你的第一次作答", "Right answer +%d {point|points} · your first answer to a question each week counts"},
	msgAnsweredCount:   {"已有 %d 人作答", "%d answered"},
	msgPollExplanation: {"完整参考答案：%s提问 %s", "Full answer: %sask %s"},
	msgAnswerNotSaved: {"积分暂时不可用，你的回答没有记录，请稍后再试。",
		"Scores are unavailable right now; your answer was not recorded. Try again in a moment."},
	msgQuizGone:         {"这道测验已过期或不存在。", "This quiz has expired or does not exist."},
	msgQuizElsewhere:    {"这道测验属于另一个对话。", "This quiz belongs to another conversation."},
	msgQuizClosed:       {"这道测验已截止作答。", "Answers to this quiz are closed."},
	msgAlreadyAnswered:  {"你已经回答过了：%s。每人只计第一次作答。", "You already answered %s; only the first answer counts."},
	msgRight:            {"✅ 回答正确！+%d 分（本周共 %d 分）", "✅ Right! +%d {point|points} (%d this week)"},
	msgRightInPostWeek:  {"✅ 回答正确！+%d 分，计入出题的那一周（那一周共 %d 分）", "✅ Right! +%d {point|points}, counted in the week the daily was posted in (%d that week)"},
	msgRightShort:       {"✅ 正确！+%d 分", "✅ Right! +%d {point|points}"},
	msgWrong:            {"❌ 回答错误（你选了 %s）。", "❌ Not quite (you chose %s)."},
	msgWrongShort:       {"❌ 错误，正确答案是 %s", "❌ Wrong: the answer is %s"},
	msgCorrectOption:    {"正确答案：%s", "The right answer: %s"},
	msgButtonFullAnswer: {"查看参考答案", "Full answer"},
	msgTopUsage:         {"用法：%s排行 [本周|全部]（默认本周）。", "Usage: %stop [week|all] (this week by default)."},
	msgScoresUnavailable: {"积分暂时不可用，请稍后再试。题目仍然可以练习。",
		"Scores are unavailable right now; try again in a moment. Questions still work."},
	msgBoardAll:          {"总排行榜", "All-time leaderboard"},
	msgBoardWeek:         {"本周排行榜（%s）", "This week's leaderboard (%s)"},
	msgBoardEmpty:        {"还没有人得分：用「%s测验」答对一道题，就能第一个上榜。", "Nobody has points yet: type %squiz and answer it right to be the first on the board."},
	msgBoardNotOnIt:      {"你还不在榜上：答对一道「%s测验」就能上榜。", "You are not on this board yet: type %squiz and answer it right to get on it."},
	msgBoardYou:          {"你：第 %d 名（共 %d 人），%d 分", "You: #%d of %d, %d {point|points}"},
	msgBoardNamedOff:     {"%s 还不在榜上：答对一道「%s测验」就能上榜。", "%s is not on this board yet: type %squiz and answer it right to get on it."},
	msgBoardJustPosted:   {"🏆 这个排行榜一分钟内刚在这里发过，请往上翻。", "🏆 This leaderboard was posted here less than a minute ago: scroll up to see it."},
	msgBoardNamed:        {"%s：第 %d 名（共 %d 人），%d 分", "%s: #%d of %d, %d {point|points}"},
	msgBoardMe:           {"%s ← 你", "%s ← you"},
	msgPoints:            {"%d 分", "%d {pt|pts}"},
	msgUnranked:          {"未上榜", "unranked"},
	msgRank:              {"第 %d 名", "#%d"},
	msgStatsTitle:        {"你的成绩", "Your stats"},
	msgStatsPoints:       {"积分：本周 %d（%s）· 总计 %d（%s）", "Points: %d this week (%s) · %d in all (%s)"},
	msgStatsQuizzes:      {"测验：答了 %d 题，正确率 %s", "Quizzes: %d answered, accuracy %s"},
	msgStatsNoQuizzes:    {"测验：还没有答过", "Quizzes: none answered yet"},
	msgStatsReviews:      {"复习：%d 次，待复习 %d 张（共 %d 张）", "Reviews: %d, %d {card|cards} due (of %d)"},
	msgStatsNoReviews:    {"复习：还没有（试试 %s提问）", "Reviews: none yet (try %sask)"},
	msgStatsStreak:       {"连续练习：%d 天（最长 %d 天）", "Streak: %d {day|days} (best %d)"},
	msgStatsNoStreak:     {"连续练习：还没有", "Streak: none yet"},
	msgStatsStreakBroken: {"连续练习：已中断（最长 %d 天）", "Streak: none now (best %d {day|days})"},
	msgStatsWeakest:      {"薄弱主题（测验答对、复习记得的比例；「困难」算一半）：%s", "Weakest topics (quiz answers right, cards recalled; Hard counts half): %s"},
	msgHelpTitle:         {"kubequiz：Kubernetes 面试题练习（题库共 %d 题）", "kubequiz: practise Kubernetes interview questions (%d in the bank)"},
	msgHelpAliases:       {"也可以输入：%s", "Also typed as: %s"},
	msgHelpAll:           {"所有命令：%s帮助", "All the commands: %shelp"},
	msgExtraWords:        {"%s 不接「%s」。用法：%s", "%s does not take \"%s\". Usage: %s"},
	msgHelpNoSuch:        {"没有「%s」这个命令。下面是所有命令：", "There is no command \"%s\". These are all of them:"},
	msgHelpNoSuchDidYouMean: {"没有「%s」这个命令（你是想看「%s帮助 %s」吗？）。下面是所有命令：",
		"There is no command \"%s\" (did you mean %shelp %s?). These are all of them:"},
	msgHelpFooter: {"先读题，在心里或大声回答，再点「显示答案」自评。测验答对得分，自评不计分。主题可以用中文或英文，例如 %s提问 存储。",
		"Read the question, answer it in your head or aloud, then Show answer and grade yourself. Quizzes earn points; self-grades do not. Topics work in English or Chinese, e.g. %sask storage."},
	msgTopicsTitle:      {"%d 个主题，共 %d 题", "%d {topic|topics}, %d {question|questions}"},
	msgTopicsFooter:     {"也可以用：存储/storage、网络/network、探针/probe、调度/scheduling 等。例如 %s提问 pv", "Broader words work too: storage/存储, network/网络, probe/探针, scheduling/调度. Example: %sask pv"},
	msgSearchUsage:      {"用法：%s搜索 <关键词>，例如 %[1]s搜索 探针", "Usage: %ssearch <words>, e.g. %[1]ssearch readiness"},
	msgSearchNone:       {"没有找到包含「%s」的题目。试试「%s主题」。", "No question contains \"%s\". Try %stopics."},
	msgSearchTitle:      {"「%s」：找到 %d 题", "\"%s\": %d {question|questions}"},
	msgSearchMore:       {"……还有 %d 题，换个更具体的关键词试试。", "…and %d more; try more specific words."},
	msgSearchFooter:     {"按编号练习：%s提问 %s", "Practise one by ID: %sask %s"},
	msgLangNotSaved:     {"暂时无法保存语言设置，请稍后再试。", "Your language could not be saved right now; try again in a moment."},
	msgLangSet:          {"界面语言已设为中文。", "Interface language set to English."},
	msgBankInOtherLang:  {"注意：题库是英文的，题目、答案和测验都以英文显示。", "Note: the question bank is in Chinese, so questions, answers and quizzes are shown in Chinese."},
	msgLangUnknown:      {"没有「%s」这种界面语言：只有中文和英文。用法：「%s语言 中文」或「%[2]s语言 英文」", "There is no interface language \"%s\": Chinese and English only. Usage: %slang zh or %[2]slang en"},
	msgLangCurrent:      {"你的界面语言是中文。切换为英文：%s语言 英文", "Your interface language is English. To switch to Chinese: %slang zh"},
	msgGradeAgain:       {"重来", "Again"},
	msgGradeHard:        {"困难", "Hard"},
	msgGradeGood:        {"良好", "Good"},
	msgGradeEasy:        {"简单", "Easy"},
	msgMinutes:          {"%d 分钟", "%d {minute|minutes}"},
	msgListSeparator:    {"、", ", "},
	msgSeconds:          {"%d 秒", "%d {second|seconds}"},
	msgHours:            {"%d 小时", "%d {hour|hours}"},
	msgDays:             {"%d 天", "%d {day|days}"},
	msgDailyUnavailable: {"这里不支持每日一题。", "The daily question is not available here."},
	msgDailyUsage: {"用法：%s每日一题 开启 [HH:MM] [城市或地区/城市] | 关闭 | 状态 | 现在 | 揭晓，例如 %[1]s每日一题 开启 09:30 上海",
		"Usage: %sdaily on [HH:MM] [Area/City] | off | status | now | reveal, e.g. %[1]sdaily on 09:30 Asia/Shanghai"},
	msgAdminCheckFailed: {"暂时无法确认你的管理员权限，请稍后再试。", "Your admin rights could not be checked right now; try again in a moment."},
	msgAdminOnly: {"只有管理员可以设置每日一题。任何人都可以用「%s每日一题 状态」查看。",
		"Only admins can change the daily question. Anyone can see it with %sdaily status."},
	msgDailyNotSaved:   {"暂时无法保存每日一题的设置，请稍后再试。", "The daily question's setting could not be saved right now; try again in a moment."},
	msgDailyOff:        {"本频道的每日一题已关闭。重新开启：%s每日一题 开启 %s", "The daily question is off in this channel. Turn it on again with %sdaily on %s."},
	msgDailyAlreadyOff: {"本频道的每日一题本来就是关闭的。开启：%s每日一题 开启 %s", "The daily question was already off in this channel. Turn it on with %sdaily on %s."},
	msgDailyOnUsage: {"多余的参数「%s」。用法：%s每日一题 开启 [HH:MM] [城市或地区/城市]，例如 %[2]s每日一题 开启 09:30 上海",
		"Unexpected \"%s\". Usage: %sdaily on [HH:MM] [Area/City], e.g. %[2]sdaily on 09:30 Asia/Shanghai"},
	msgDailyBadTime: {"时间「%s」无效：请用 24 小时制 HH:MM（或 9点、下午3点半），例如 %s每日一题 开启 09:30 上海",
		"\"%s\" is not a time: use 24-hour HH:MM (or 9am, 9:30pm), e.g. %sdaily on 09:30 Asia/Shanghai"},
	msgDailyBadZone: {"时区「%s」无效：请用城市名（上海、柏林）、IANA 时区名（地区/城市）或整点偏移（UTC+8），例如 %s每日一题 开启 09:30 Asia/Shanghai（或 Europe/London）",
		"\"%s\" is not a time zone: use a city (Berlin, New York), an IANA name (Area/City) or a whole-hour offset (UTC+8), e.g. %sdaily on 09:30 Europe/London"},
	msgDailyOn: {"每日一题已开启：每天 %02d:%02d（%s）。下一题：%s。答案在发布 %s后公布。",
		"The daily question is on: every day at %02d:%02d (%s). Next: %s. The answer is revealed %s after posting."},
	msgWhen:           {"%s %s（UTC %s）", "%s %s (%s UTC)"},
	msgWhenUTC:        {"%s（UTC）", "%s UTC"},
	msgDailyStatusOff: {"本频道没有开启每日一题。管理员输入「%s每日一题 开启 %s」即可开启（按这里的时区 %s）。", "The daily question is off in this channel. An admin can turn it on with %sdaily on %s (in the zone here, %s)."},
	msgDailyStatusOn: {"每日一题：每天 %02d:%02d（%s）。下一题：%s。答案在发布 %s后公布。",
		"The daily question: every day at %02d:%02d (%s). Next: %s. The answer is revealed %s after posting."},
	msgDailyNothingToReveal: {"本频道还没有发过每日一题。先用「%s每日一题 现在」发一题。", "No daily question has been posted here yet. Post one with %sdaily now."},
	msgDailyAlreadyRevealed: {"%s 的每日一题答案已经公布过了。", "The answer to the daily question of %s was revealed already."},
	msgDailyNote:            {"%s · %s（%s）公布答案 · 答对 +%d 分，第一个答对再 +%d", "%s · answer revealed %s (%s) · right +%d {point|points}, first right +%d more"},
	msgRevealTitle:          {"每日一题答案 · %s", "The daily question's answer · %s"},
	msgRevealCounts:         {"共 %d 人作答，%d 人答对。", "%d answered, %d right."},
	msgRevealMore:           {" 等 %d 人", " and %d more"},
	msgRevealRight:          {"答对的人：", "Right: "}, // the names follow
	msgRevealTop:            {"本周前五（含并列）：", "This week's top five, ties included:"},
	msgRevealTopOfPostWeek:  {"出题那一周的前五（含并列）：", "Top five of the week it was posted in, ties included:"},
	msgQuizDaily:            {"每日一题", "Daily question"},
	msgApology:              {"⚠️ 抱歉，出了点问题，请再试一次。", "⚠️ Sorry, something went wrong on our side; please try again."},
	msgBusy:                 {"⏳ 现在太忙了，这次操作没有处理，请稍后再试。", "⏳ Too busy right now: that was not handled; please try again in a moment."},
	msgSlowDown:             {"🐢 你发得太快了：接下来这几秒里的命令都不会处理。请放慢一点，稍后再试。", "🐢 You're sending faster than I answer: what you send in the next few seconds is skipped. Slow down, then try again."},
	msgNotRecorded:          {"⚠️ 暂时无法记录你的操作，请稍后再试。", "⚠️ Your action could not be recorded right now; please try again in a moment."},
	msgDailyPosted:          {"今天的每日一题已发布，答案将于%s公布。", "Today's daily question is posted; its answer is revealed %s."},
	msgDailyNotPosted:       {"每日一题没能发出，请稍后再试。", "The daily question could not be posted; try again in a moment."},
	msgDailyUnconfirmed: {"平台没有确认每日一题是否发出：频道里可能有，也可能没有。如果它在频道里，答案将于%s公布（没人作答时，可用「%s每日一题 揭晓」公布）；如果不在，可用「%s每日一题 现在」重发（%s起）。",
		"The platform did not confirm the daily question, so it may or may not be in the channel. If it is there, its answer is revealed %s (if nobody answers it, reveal it with %sdaily reveal); if it is not, post it again with %sdaily now, from %s."},
	msgDailyUnconfirmedAgain: {"%s 的每日一题已经重发过一次，今天不会再发。", "The daily question of %s was posted again already; it is not posted again today."},
	msgDailyRevealed:         {"%s 的每日一题答案已公布。", "The answer to the daily question of %s is revealed."},
	msgDailyNotRevealed:      {"每日一题的答案没能公布，请稍后再试。", "The daily question's answer could not be revealed; try again in a moment."},
}

// Apology tells a user their request failed on the bot's side, for the
// adapters' edge.
func Apology(l Lang) string { return translate(l, msgApology) }

// Busy tells a user their request was shed because the bot is overloaded.
func Busy(l Lang) string { return translate(l, msgBusy) }

// NotRecorded tells a user their request could not be taken in (the store
// is unreachable), so that nothing of it was done.
func NotRecorded(l Lang) string { return translate(l, msgNotRecorded) }

// Bilingual is a line in Chinese and then English, for a platform that
// must say something before it knows the user's language.
func Bilingual(line func(Lang) string) string { return line(LangZH) + " " + line(LangEN) }

// InLang is line in l, or in both languages (Bilingual) when l is ""
// (not known): a line an adapter says without the core (an apology) in
// the bot's default language (adapters.Deps.Lang).
func InLang(l Lang, line func(Lang) string) string {
	if l == "" {
		return Bilingual(line)
	}
	return line(l)
}

// InHintedLang is line in the language a platform reports for the user
// (hint: "en-US", "zh-hans") when the bot speaks it, else as InLang says
// it in fallback, the bot's default language: a line an adapter says
// without the core, which keeps the user's own choice in the store that
// may be what failed.
func InHintedLang(hint string, fallback Lang, line func(Lang) string) string {
	if l, ok := LookupLang(hint); ok {
		return line(l)
	}
	return InLang(fallback, line)
}

// register adds a file's messages to the catalog, at init. A key defined
// twice is a programming error, found by any test run.
func register(messages map[msgKey]Text) {
	for k, m := range messages {
		if _, dup := catalog[k]; dup {
			panic("quiz: message " + string(k) + " is defined twice")
		}
		catalog[k] = m
	}
}
