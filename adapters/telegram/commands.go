package telegram

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"strings"
	"unicode"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// command is one of the bot's commands, as the command menu shows it.
type command struct{ name, zh, en string }

// commands are the menu's commands, in order. /start (Telegram's first
// message to a bot) is understood too, as help.
var commands = []command{
	{"ask", "抽一道面试题，可指定主题：/ask pv", "One interview question, optionally on a topic: /ask pv"},
	{"quiz", "一道自动评分的选择题：/quiz etcd", "An auto-graded multiple-choice question: /quiz etcd"},
	{"top", "本周排行榜，/top all 看总榜", "This week's leaderboard; /top all for all time"},
	{"stats", "我的积分、排名、连续天数和薄弱主题", "Your points, rank, streak and weakest topics"},
	{"topics", "所有主题及其题目数", "The topics and their question counts"},
	{"search", "按关键词搜索题目：/search 探针", "Search the questions: /search probe"},
	{"daily", "本群的每日一题（管理员）：/daily on 09:30", "This chat's daily question (admins): /daily on 09:30"},
	{"lang", "界面语言：/lang zh 或 /lang en", "Interface language: /lang zh or /lang en"},
	{"help", "命令说明和示例", "The commands, with examples"},
	{"k8s", "任何命令的另一种写法：/k8s ask pv", "Any command, another way: /k8s ask pv"},
}

// known reports whether name is one of the bot's commands.
func known(name string) bool {
	return name == "start" || slices.ContainsFunc(commands, func(c command) bool { return c.name == name })
}

// commandText turns a message into the core's command text; ok is false
// for a message that is not for this bot. A command naming another bot
// (/ask@otherbot) is not; in a group, neither is text that is not a command,
// nor a command the bot does not know unless it names this bot. In a
// private chat everything is for the bot. "/k8s ask pv" is "ask pv".
func (a *Adapter) commandText(text string, private bool) (string, bool) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "/") {
		if !private || text == "" {
			return "", false
		}
		return text, true
	}
	word, args := text, ""
	if i := strings.IndexFunc(text, unicode.IsSpace); i >= 0 {
		word, args = text[:i], strings.TrimSpace(text[i:])
	}
	name, bot, named := strings.Cut(word[1:], "@")
	if named && !strings.EqualFold(bot, a.botName()) {
		return "", false
	}
	name = strings.ToLower(name)
	switch {
	case name == "k8s":
		return args, true
	case known(name) || named || private:
		return strings.TrimSpace(name + " " + args), true
	}
	return "", false
}

// publishCommands sets the command menu (setMyCommands) in Chinese and
// English, English for every other language. A failure is logged: the
// commands work without a menu.
func (a *Adapter) publishCommands(ctx context.Context) {
	for _, lang := range []string{"", "zh", "en"} {
		list := make([]tgbotapi.BotCommand, len(commands))
		for i, c := range commands {
			list[i] = tgbotapi.BotCommand{Command: c.name, Description: c.en}
			if lang == "zh" {
				list[i].Description = c.zh
			}
		}
		prm := tgbotapi.Params{"commands": jsonParam(list)}
		prm.AddNonEmpty("language_code", lang)
		if err := a.invoke(ctx, "setMyCommands", prm, &json.RawMessage{}); err != nil {
			a.log.Warn("setting the command menu failed", slog.String("language", lang), slog.Any("err", err))
		}
	}
}
