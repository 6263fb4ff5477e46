package quiz

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// MaxCommandRunes is the longest command the core reads; anything longer is
// refused rather than searched or echoed.
const MaxCommandRunes = 500

// Command is one command of the bot: its names, how it is typed, what it
// does, and its handler. The table of commands (Commands) is the one place
// the vocabulary lives: it drives parsing, help, "did you mean", and the
// adapters' command menus and recognition of commands in groups.
type Command struct {
	// Name is the canonical name, in lower-case Latin letters, as a command
	// menu (Telegram's setMyCommands) takes it.
	Name string
	// Aliases are the other words that run the command, English and Chinese.
	Aliases []string
	usage   Text
	help    Text
	run     func(s *Service, ctx context.Context, req Request, args []string) Response
	// maxRunes is the longest line the command takes, when not
	// MaxCommandRunes (an answer in words is longer than a command).
	maxRunes int
	// words is the most words the command takes after its name: none for
	// stats, one for top week; freeWords for a command of free words (a
	// list of topics, an answer, a name), whose handler reads them.
	words int
	// takes, for a command of set words, reports whether a word is one it
	// takes: of "top week extra", only "extra" is amiss.
	takes func(word string) bool
	// forms, if any, is what `help <command>` adds: the ways its words
	// are typed.
	forms Text
	// presets are the aliases that stand for the command with a first
	// word: 周榜 is top week.
	presets map[string]string
}

// freeWords marks a command that takes any number of words (Command.words).
const freeWords = -1

// limit is the longest line the command takes.
func (c Command) limit() int {
	if c.maxRunes > 0 {
		return c.maxRunes
	}
	return MaxCommandRunes
}

// Usage is how the command is typed, without the platform's prefix
// ("ask [topic|id]").
func (c Command) Usage(l Lang) string { return c.usage.In(l) }

// Help says in a line what the command does, its example typed after
// the platform's prefix.
func (c Command) Help(l Lang, prefix string) string {
	return strings.Replace(c.help.In(l), "%s", prefix, 1)
}

// NameIn is the command's name as a user of language l types it: its
// first Chinese alias in Chinese (each command has one; a test checks),
// else its name.
func (c Command) NameIn(l Lang) string {
	if l == LangZH {
		for _, a := range c.Aliases {
			if a[0] >= utf8.RuneSelf {
				return a
			}
		}
	}
	return c.Name
}

// otherNames are the words that run the command besides NameIn(l).
func (c Command) otherNames(l Lang) []string {
	return slices.DeleteFunc(append([]string{c.Name}, c.Aliases...), func(n string) bool { return n == c.NameIn(l) })
}

// nameIn is NameIn of the command called name.
func nameIn(l Lang, name string) string {
	c, _ := LookupCommand(name)
	return c.NameIn(l)
}

// commandTable lists the commands in the order help shows them. It is set
// in init: the help command's handler reads the table.
var commandTable []Command

func init() {
	commandTable = []Command{
		{
			Name: "ask", Aliases: []string{"q", "card", "提问", "问", "抽题", "复习", "review", "flashcard", "flashcards"},
			usage: Text{"提问 [主题|编号]", "ask [topic|id]"},
			help:  Text{"抽一道面试题（闪卡，该复习的先出），例如 %s提问 pv", "one interview question (a flashcard; cards due for review first), e.g. %sask pv"},
			words: freeWords,
			run: func(s *Service, ctx context.Context, req Request, args []string) Response {
				return s.ask(ctx, req, args)
			},
		},
		{
			Name: "quiz", Aliases: []string{"测验", "选择题"},
			usage: Text{"测验 [主题|编号]", "quiz [topic|id]"},
			help:  Text{"自动判分的选择题，例如 %s测验 etcd", "an auto-graded multiple-choice question, e.g. %squiz etcd"},
			words: freeWords,
			run: func(s *Service, ctx context.Context, req Request, args []string) Response {
				return s.quiz(ctx, req, args)
			},
		},
		{
			Name: "answer", Aliases: []string{"作答", "回答"},
			usage: Text{"作答 <编号> <你的回答>", "answer <id> <your answer>"},
			help:  Text{"用自己的话回答一道题，按要点判分（不计积分），例如 %s作答 gzrv43 RWO 单节点读写，ROX 多节点只读，RWX 多节点读写，RWOP 单个Pod读写", "answer a question in your own words, scored against its key points (no points), e.g. %sanswer gzrv43 RWO: read-write by a single node; ROX: read-only by many nodes; RWX: read-write by many nodes; RWOP: read-write by a single pod"},
			run:   (*Service).answerCommand, maxRunes: maxAnswerCommandRunes,
			words: freeWords,
		},
		{
			Name: "interview", Aliases: []string{"mock", "面试", "模拟面试"},
			usage: Text{"面试 [主题…] [题数] [每题时限] | 跳过 | 结束", "interview [topic…] [n] [time] | skip | stop"},
			help:  Text{"模拟面试：连续作答若干题（默认 5 题），不会的题可以跳过（跳过、不会、下一题），最后给出报告，例如 %s面试 pv 3 5分钟", "a mock interview: n questions in a row (5 by default), one you don't know skipped (skip, pass, next), then a report, e.g. %sinterview pv 3 5m"},
			run:   (*Service).interviewCommand,
			words: freeWords,
		},
		{
			Name: "top", Aliases: []string{"leaderboard", "board", "rank", "排行", "排行榜", "排名", "总榜", "周榜"},
			usage:   Text{"排行 [本周|全部]", "top [week|all]"},
			help:    Text{"排行榜（默认本周）", "the leaderboard (this week by default)"},
			run:     (*Service).top,
			words:   1,
			takes:   func(w string) bool { _, ok := boardPeriod(w); return ok },
			presets: map[string]string{"总榜": "all", "周榜": "week"},
		},
		{
			Name: "stats", Aliases: []string{"me", "成绩", "统计", "我的成绩", "积分", "我的积分", "成绩单", "score", "scores", "points", "streak", "statistics"},
			usage: Text{"成绩", "stats"},
			help:  Text{"我的积分、排名、正确率、复习、连续天数和薄弱主题", "your points, rank, accuracy, reviews, streak and weakest topics"},
			words: 1, // stats me
			takes: isMe,
			run: func(s *Service, ctx context.Context, req Request, args []string) Response {
				if len(args) > 0 && !isMe(args[0]) {
					stats, _ := LookupCommand("stats")
					return s.extraWords(ctx, req, stats, args)
				}
				return s.stats(ctx, req)
			},
		},
		{
			Name: "topics", Aliases: []string{"主题", "话题", "所有主题"},
			usage: Text{"主题", "topics"},
			help:  Text{"所有主题及题目数", "the topics with their question counts"},
			run:   func(s *Service, ctx context.Context, req Request, _ []string) Response { return s.topics(ctx, req) },
		},
		{
			Name: "search", Aliases: []string{"find", "搜索", "查找", "查询", "搜"},
			usage: Text{"搜索 <关键词>", "search <words>"},
			help:  Text{"搜索题目，显示编号", "questions containing the words, with their IDs"},
			run:   (*Service).search,
			words: freeWords,
		},
		{
			Name: "lang", Aliases: []string{"language", "语言", "切换语言"},
			usage: Text{"语言 中文|英文", "lang zh|en"},
			help:  Text{"切换界面语言", "your interface language"},
			run:   (*Service).setLang,
			words: 1,
			takes: func(w string) bool { _, ok := LookupLang(w); return ok },
		},
		{
			Name: "daily", Aliases: []string{"每日一题", "每日"},
			usage: Text{"每日一题 开启 [HH:MM] [城市或地区/城市] | 关闭 | 状态 | 现在 | 揭晓", "daily on [HH:MM] [city or Area/City] | off | status | now | reveal"},
			help:  Text{"本频道的每日一题（除查看状态外仅限管理员）", "this channel's daily question (admins, except status)"},
			forms: Text{"时间可写 09:30、0930、9.30、9点半、下午3点，例如 每日一题 开启9点 柏林",
				"A time is typed 09:30, 0930, 9.30, 9am or 9:30pm, e.g. daily on 9am berlin"},
			run:   (*Service).dailyCommand,
			words: freeWords,
		},
		{
			Name: "zone", Aliases: []string{"timezone", "tz", "时区"},
			usage: Text{"时区 [城市|地区/城市|UTC+8|默认]", "zone [city|Area/City|UTC+8|default]"},
			help:  Text{"这里计算连续天数和周榜所用的时区（设置仅限管理员）", "the time zone of streaks and weekly boards here (admins set it)"},
			run:   (*Service).zoneCommand,
			words: freeWords,
		},
		{
			Name: "forget", Aliases: []string{"删除记录", "忘记"},
			usage: Text{"删除记录 我 | 删除记录 <名字|ID>", "forget me | forget <name|ID>"},
			help:  Text{"删除你在这里的全部记录（管理员可删除别人的）", "delete everything kept about you here (admins: about someone else)"},
			run:   (*Service).forget,
			words: freeWords,
		},
		{
			Name: "help", Aliases: []string{"start", "h", "?", "帮助"},
			usage: Text{"帮助 [命令]", "help [command]"},
			help:  Text{"显示本帮助；加命令名只看这一条，例如 %s帮助 测验", "this list; with a command, that one alone, e.g. %shelp quiz"},
			run:   (*Service).help,
			words: freeWords, // help reads its first word: "help daily on" is help daily
		},
	}
}

// Commands lists the commands in help's order.
func Commands() []Command { return slices.Clone(commandTable) }

// commandWord is a typed word as command names are compared: in any case
// or width, without a leading "/".
func commandWord(word string) string { return strings.TrimPrefix(textnorm.Fold(word), "/") }

// LookupCommand finds the command a word names: its name or an alias, in
// any case or width, with or without a leading "/".
func LookupCommand(word string) (Command, bool) {
	w := commandWord(word)
	for _, c := range commandTable {
		if c.Name == w || slices.Contains(c.Aliases, w) {
			return c, true
		}
	}
	return Command{}, false
}

// command is a parsed typed command: a known command and its arguments.
type command struct {
	Command
	args []string
	// glued is the word as typed when the command's name ran into its
	// first argument ("问pv"): such a word may as well be the start of a
	// sentence ("问题在于……"), so a run that fails is answered as a word
	// the bot does not know.
	glued string
	// colon says the command's name was typed before a colon ("主题：…"),
	// which may as well start a sentence.
	colon bool
}

// parseProblem says why a typed line is not a command.
type parseProblem int

const (
	problemNone parseProblem = iota
	problemTooLong
	problemUnreadable
	problemUnknown
)

// SlashCommand is the name of Slack's slash command (/k8s ask pv): typed
// where it is no command — the console, a mention, a direct message — it
// is read as what it is on Slack, the bot's name for every command.
const SlashCommand = "k8s"

// maxLineRunes is the longest line any command takes.
const maxLineRunes = maxAnswerCommandRunes

// parseCommand reads a typed line, normalised as a Chinese keyboard may type
// it (full-width letters, digits and spaces). An empty line is help. It
// never fails on any input: a problem is reported with the unknown word, if
// any; a line too long for its command comes back with the command, so
// that the reply can say its limit.
func parseCommand(text string) (command, parseProblem, string) {
	if !utf8.ValidString(text) || strings.ContainsFunc(text, func(r rune) bool {
		return r == utf8.RuneError || unicode.IsControl(r) && !unicode.IsSpace(r)
	}) {
		return command{}, problemUnreadable, ""
	}
	n := utf8.RuneCountInString(text)
	if n > maxLineRunes {
		return command{}, problemTooLong, ""
	}
	fields := strings.Fields(textnorm.Input(text))
	if len(fields) > 0 && commandWord(fields[0]) == SlashCommand {
		fields = fields[1:]
	}
	if len(fields) == 0 {
		c, _ := LookupCommand("help")
		return command{Command: c}, problemNone, ""
	}
	// A question or exclamation mark typed after a word (help?, 成绩？,
	// stats ?) is no part of the command.
	fields = append(fields[:1], slices.DeleteFunc(fields[1:], func(f string) bool { return strings.Trim(f, trailingMarks) == "" })...)
	c, ok := LookupCommand(fields[0])
	if trimmed := strings.TrimRight(fields[0], trailingMarks); !ok && trimmed != "" && trimmed != fields[0] {
		if c, ok = LookupCommand(trimmed); ok {
			fields[0] = trimmed
		}
	}
	colon := false
	if name, rest, cut := strings.Cut(fields[0], ":"); !ok && cut {
		// "answer:gzrv43 …", "ask：pv": a colon after a command's name
		// (full-width ones are half-width here) is a space.
		if c, ok = colonCommand(name); ok {
			fields = append([]string{name}, append(strings.Fields(rest), fields[1:]...)...)
			colon = true
		}
	}
	glued := ""
	if !ok {
		var name string
		if c, name, ok = gluedCommand(fields[0]); ok { // 问pv is 问 pv
			rest := strings.TrimPrefix(strings.TrimPrefix(fields[0], "/"), name)
			// A verb's 一下 ("a moment of it": 复习一下, 搜索一下探针,
			// 问下pv) is no argument.
			rest = strings.TrimPrefix(rest, "一下")
			if r, cut := strings.CutPrefix(rest, "下"); cut && (r == "" || textnorm.IsWordByte(r[0])) {
				rest = r
			}
			if rest == "" {
				fields[0] = name
			} else {
				glued = fields[0]
				fields = append([]string{name, rest}, fields[1:]...)
			}
		}
	}
	switch {
	case ok && n > c.limit():
		return command{Command: c}, problemTooLong, ""
	case !ok && n > MaxCommandRunes:
		return command{}, problemTooLong, ""
	case !ok:
		return command{}, problemUnknown, fields[0]
	}
	if preset, ok := c.presets[commandWord(fields[0])]; ok {
		fields = slices.Insert(fields, 1, preset)
	}
	return command{Command: c, args: fields[1:], glued: glued, colon: colon}, problemNone, ""
}

// colonCommand is the command name stands for, typed before a colon:
// a name or alias of three letters or more, or a Chinese one ("Q: what is
// a pod?" and "me: …" are lines of text, not ask and stats).
func colonCommand(name string) (Command, bool) {
	if c, ok := LookupCommand(name); ok && (utf8.RuneCountInString(name) >= 3 || !textnorm.HasLatin(name)) {
		return c, true
	}
	return Command{}, false
}

// trailingMarks are the marks a command's name may be typed with (help?,
// 成绩！), after textnorm.Input made full-width ones half-width.
const trailingMarks = "?!.。"

// gluedCommand reads a word that starts with a Chinese name of a command
// and goes on without a space ("问pv", "搜索探针"), as Chinese is written:
// the command and that name (the longest that fits). ok is false for a
// word that starts with none, for a Latin name ("askpv" is no ask), and
// for commands whose words are not read glued (gluedCommands): "成绩好" is
// no stats, "每日打卡" no daily. Whether the rest fits its command is the
// service's to say (Service.gluedFits).
func gluedCommand(word string) (c Command, name string, ok bool) {
	w := commandWord(word)
	for _, cmd := range commandTable {
		if !slices.Contains(gluedCommands, cmd.Name) {
			continue
		}
		for _, a := range cmd.Aliases {
			if len(a) > len(name) && len(w) > len(a) && strings.HasPrefix(w, a) && a[0] >= utf8.RuneSelf {
				c, name, ok = cmd, a, true
			}
		}
	}
	return c, name, ok
}

// gluedCommands are the commands a Chinese name may run into the words of:
// those whose words the service can check before anything runs.
var gluedCommands = []string{"ask", "quiz", "search", "interview", "answer", "help", "daily", "forget"}

// withoutSlashCommand is a typed line without Slack's command before it,
// if typed (k8s stop), as typed.
func withoutSlashCommand(text string) string {
	if first, _, _ := strings.Cut(strings.TrimSpace(textnorm.Input(text)), " "); commandWord(first) == SlashCommand {
		return afterWords(text, 1)
	}
	return text
}

// afterCommand is a typed command without its name (and Slack's command
// before it, if typed: k8s answer …), as typed: line breaks kept.
func afterCommand(text string) string {
	text = withoutSlashCommand(text)
	first, _, _ := strings.Cut(textnorm.Input(text), " ")
	if _, ok := LookupCommand(first); !ok {
		if _, name, ok := gluedCommand(first); ok { // 作答gzrv43 …
			text = strings.TrimLeft(strings.TrimLeftFunc(text, unicode.IsSpace), "/／")
			return strings.TrimRightFunc(strings.TrimPrefix(text, name), unicode.IsSpace)
		}
		name, _, colon := strings.Cut(first, ":")
		if _, ok := colonCommand(name); colon && ok { // answer：gzrv43 …
			// The colon as typed, in whatever width: the first rune that
			// reads as one.
			for i, r := range text {
				if textnorm.Input(string(r)) == ":" {
					return strings.TrimSpace(text[i+utf8.RuneLen(r):])
				}
			}
		}
	}
	return afterWords(text, 1)
}

// closestCommand suggests the command whose name or alias is nearest to a
// mistyped word, or "".
func closestCommand(word string) string {
	word = commandWord(word)
	if isStopWord(word) {
		return "" // stop ends an interview: it is no top mistyped
	}
	best, bestDist := "", 3
	for _, c := range commandTable {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			d := bank.EditDistance(word, n)
			if d == 2 && swapped(word, n) {
				d = 1 // aks for ask: one slip of the fingers
			}
			if d > 1 && utf8.RuneCountInString(word) <= 4 {
				continue // two changes make any short word another (foo, top; raft, rank)
			}
			if utf8.RuneCountInString(n) < 3 {
				// "q" or "h" is close to every short word; a Chinese name of
				// two characters is a word, and one of them mistyped is
				// close (测试 for 测验).
				if !closeChineseWord(word, n, d) {
					continue
				}
			}
			if d < bestDist {
				// A Latin name's command by its name (top for leaderbord); a
				// Chinese name as itself (测验 for 测试).
				best, bestDist = c.Name, d
				if !textnorm.HasLatin(n) {
					best = n
				}
			}
		}
	}
	return best
}

// swapped reports whether a is b with two neighbouring characters swapped.
func swapped(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) != len(y) {
		return false
	}
	for i := 0; i+1 < len(x); i++ {
		if x[i] != y[i] {
			return x[i] == y[i+1] && x[i+1] == y[i] && string(x[i+2:]) == string(y[i+2:])
		}
	}
	return false
}

// closeChineseWord reports whether word, typed for the two-character
// Chinese name n, is it with one character changed (d is their distance).
func closeChineseWord(word, n string, d int) bool {
	return d == 1 && utf8.RuneCountInString(n) == 2 && utf8.RuneCountInString(word) == 2 && !textnorm.HasLatin(n)
}
