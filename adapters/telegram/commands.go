package telegram

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"unicode"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/kubequiz/kubequiz/quiz"
)

// k8sCommand is Telegram's own way to type any command: "/k8s ask pv", as
// on Slack (quiz.SlashCommand). It is in the command menu, and names the
// bot in a group, where other bots' commands are not its own.
const k8sCommand = quiz.SlashCommand

// k8sHelp describes /k8s in the command menu; its %s is /k8s.
var k8sHelp = quiz.Text{ZH: "任何命令的另一种写法：%s提问 存储", EN: "any command, another way: %sask pv"}

// menu is the command menu in a language: every command of the core's
// table by its name, with its example named as the bot's replies name it
// ("/ask pv", see latinCommands), then /k8s. Aliases are understood but
// not listed.
func menu(l quiz.Lang) []tgbotapi.BotCommand {
	var out []tgbotapi.BotCommand
	for _, c := range quiz.Commands() {
		out = append(out, tgbotapi.BotCommand{Command: c.Name, Description: latinCommands(c.Help(l, "/"))})
	}
	return append(out, tgbotapi.BotCommand{Command: k8sCommand, Description: k8sHelp.Format(l, "/"+k8sCommand+" ")})
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
	// A command's name in any case is the command (/ASK); a Chinese name
	// run into an answer keeps the answer as typed (/作答gzrv43：Delete…).
	if lower := strings.ToLower(name); lower == k8sCommand || quiz.Understood(lower) {
		name = lower
	}
	switch {
	case name == k8sCommand:
		return args, true
	case quiz.Understood(name) || named || private:
		return strings.TrimSpace(name + " " + args), true
	}
	return "", false
}

// publishCommands sets the command menu (setMyCommands) in Chinese and
// English, English for every other language. A failure is logged: the
// commands work without a menu.
func (a *Adapter) publishCommands(ctx context.Context) {
	for _, lang := range []string{"", "zh", "en"} {
		l := quiz.LangEN
		if lang == "zh" {
			l = quiz.LangZH
		}
		prm := tgbotapi.Params{"commands": jsonParam(menu(l))}
		prm.AddNonEmpty("language_code", lang)
		if err := a.invoke(ctx, "setMyCommands", prm, &json.RawMessage{}); err != nil {
			a.log.Warn("setting the command menu failed", slog.String("language", lang), slog.Any("err", err))
		}
	}
}
