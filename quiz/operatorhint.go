package quiz

import "slices"

// A team's data goes out and in (export, import) where the bot runs, by
// whoever runs it: `bot export` and `bot import` (docs/operations.md).
// Typed in a chat, the words get a reply that says so and names the
// conversation's scope, which those commands take.

const msgExportByOperator msgKey = "exportByOperator"

func init() {
	register(map[msgKey]translation{
		msgExportByOperator: {"导出和导入本组数据由运行机器人的人在机器人所在处执行，不在聊天里：%s，%s（见 docs/operations.md）。",
			"Exporting and importing this team's data is done where the bot runs, by whoever runs it, not in a chat: %s and %s (docs/operations.md, \"Exporting one team\")."},
	})
}

// operatorWords are the words of the operator's commands, as a user may
// type them in a chat (compared as commandWord has them).
var operatorWords = []string{"export", "import", "导出", "导入"}

// Understood reports whether a word typed as a command gets an answer of
// its own: a command's name or alias (LookupCommand), or the word of an
// operator's command (export, import), which is told where it is run. A
// platform where a group's commands may be another bot's answers these.
func Understood(word string) bool {
	_, ok := LookupCommand(word)
	return ok || slices.Contains(operatorWords, commandWord(word))
}

// operatorHint is the reply to word, the first word of text that is no
// command, when it names one of the operator's commands; ok is false
// otherwise.
func (s *Service) operatorHint(req Request, l Lang, word string) (Response, bool) {
	if !slices.Contains(operatorWords, commandWord(word)) {
		return Response{}, false
	}
	return s.invalid(l, msgExportByOperator, "bot export -scope "+req.Scope+" > team.json", "bot import -scope "+req.Scope+" team.json"), true
}
