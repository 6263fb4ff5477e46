package quiz

import (
	"slices"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// A team's data goes out and in (export, import) where the bot runs, by
// whoever runs it: `bot export` and `bot import` (docs/operations.md).
// Typed in a chat, the words get a reply that says so and names the
// conversation's scope, which those commands take.

const (
	msgExportByOperator msgKey = "exportByOperator"
	// msgExportNeedsRedis answers export and import on the embedded
	// store, which no `bot export` can reach.
	msgExportNeedsRedis msgKey = "exportNeedsRedis"
	// msgHelpExport is help's line on export and import.
	msgHelpExport msgKey = "helpExport"
)

func init() {
	register(map[msgKey]Text{
		msgExportByOperator: {"导出和导入本组数据由运行机器人的人在机器人所在处执行，不在聊天里：%s，%s（见 docs/operations.md）。",
			"Exporting and importing this team's data is done where the bot runs, by whoever runs it, not in a chat: %s and %s (docs/operations.md, \"Exporting one team\")."},
		msgHelpExport: {"导出、导入本组数据（管理员；在机器人所在处执行，输入 %s 查看做法）",
			"a team's data out and in (admins; run where the bot runs: type %s for how)"},
		msgExportNeedsRedis: {"这个机器人的数据在内置的内存数据库里（没有设置 %s）：重启后就没了，也无法导出或导入。要导出、导入本组数据，请设置 %[1]s，让机器人连接一个持久的数据库，再在机器人所在处执行 %s 和 %s（见 docs/operations.md）。",
			"This bot keeps its data in an embedded in-memory Redis (%s is not set): it is gone at a restart, and it cannot be exported or imported. To export or import a team's data, run the bot on a Redis (set %[1]s), then run %s and %s where it runs (docs/operations.md)."},
	})
}

// Understood reports whether a word typed as a command gets an answer of
// its own: a command's name or alias (LookupCommand), or the word of an
// operator's command (export, import), which is told where it is run. A
// platform where a group's commands may be another bot's answers these. A
// Chinese name run into its words (/问pv) is not among them: a group's
// other bots have commands that start so (/每日打卡, /搜索电影).
func Understood(word string) bool {
	_, ok := LookupCommand(word)
	return ok || slices.Contains(operatorWords, commandWord(word))
}

// operatorHelp is help's line on the operator's commands, by their words
// in l (operatorWords: English, then Chinese).
func (s *Service) operatorHelp(l Lang, req Request) rich.Block {
	export, imp := operatorWords[0], operatorWords[1]
	if l == LangZH {
		export, imp = operatorWords[2], operatorWords[3]
	}
	return rich.Para(
		rich.Span{Text: req.Prefix + export + " | " + req.Prefix + imp, Style: rich.InlineCode},
		rich.Span{Text: " — " + s.t(l, msgHelpExport, req.Prefix+export)},
	)
}

// operatorHint is the reply to word, the first word of text that is no
// command, when it names one of the operator's commands, and that
// command's English name (export, import: what the log and the metrics
// call it, whatever the word typed); ok is false otherwise. The reply is
// the command's answer, not a mistake: its outcome is ok.
func (s *Service) operatorHint(req Request, l Lang, word string) (r Response, name string, ok bool) {
	i := slices.Index(operatorWords, commandWord(word))
	if i < 0 {
		return Response{}, "", false
	}
	name = operatorWords[i%2]
	if s.embedded {
		return s.private(l, msgExportNeedsRedis, "REDIS_URL", "bot export", "bot import"), name, true
	}
	return s.private(l, msgExportByOperator, "bot export -scope "+req.Scope+" > team.json", "bot import -scope "+req.Scope+" team.json"), name, true
}
