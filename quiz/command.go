package quiz

import (
	"strings"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"unicode"
	"unicode/utf8"
)

// MaxCommandRunes is the longest command the core reads; anything longer is
// refused rather than searched or echoed.
const MaxCommandRunes = 500

// command is a parsed typed command: a known name and its arguments.
type command struct {
	name string
	args []string
}

// commandNames maps every accepted spelling, English and Chinese, to a command.
var commandNames = map[string]string{
	"help": "help", "start": "help", "h": "help", "?": "help", "帮助": "help",
	"ask": "ask", "q": "ask", "card": "ask", "提问": "ask", "问": "ask", "抽题": "ask",
	"quiz": "quiz", "测验": "quiz", "选择题": "quiz",
	"top": "top", "leaderboard": "top", "board": "top", "rank": "top", "排行": "top", "排行榜": "top",
	"stats": "stats", "me": "stats", "统计": "stats", "成绩": "stats",
	"topics": "topics", "主题": "topics",
	"search": "search", "find": "search", "搜索": "search",
	"lang": "lang", "language": "lang", "语言": "lang",
	"daily": "daily", "每日一题": "daily", "每日": "daily",
}

// commandList is the canonical command names, in help order.
var commandList = []string{"help", "ask", "quiz", "top", "stats", "topics", "search", "lang", "daily"}

// parseProblem says why a typed line is not a command.
type parseProblem int

const (
	problemNone parseProblem = iota
	problemTooLong
	problemUnreadable
	problemUnknown
)

// parseCommand reads a typed line. An empty line is help. It never fails on
// any input: a problem is reported with the unknown word, if any.
func parseCommand(text string) (command, parseProblem, string) {
	if !utf8.ValidString(text) || strings.ContainsFunc(text, func(r rune) bool {
		return r == utf8.RuneError || unicode.IsControl(r) && !unicode.IsSpace(r)
	}) {
		return command{}, problemUnreadable, ""
	}
	if utf8.RuneCountInString(text) > MaxCommandRunes {
		return command{}, problemTooLong, ""
	}
	fields := strings.Fields(text)
	if len(fields) == 0 {
		return command{name: "help"}, problemNone, ""
	}
	word := strings.ToLower(strings.TrimPrefix(fields[0], "/"))
	name, ok := commandNames[word]
	if !ok {
		return command{}, problemUnknown, fields[0]
	}
	return command{name: name, args: fields[1:]}, problemNone, ""
}

// closestCommand suggests the known command nearest to a mistyped word, or "".
func closestCommand(word string) string {
	word = strings.ToLower(word)
	best, bestDist := "", 3
	for _, c := range commandList {
		if d := bank.EditDistance(word, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}
