package telegram

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/quiz"
)

func TestCommandText(t *testing.T) {
	a := &Adapter{}
	name := "KubeQuizBot"
	a.username.Store(&name)
	for _, tc := range []struct {
		name    string
		text    string
		private bool
		want    string
		ok      bool
	}{
		{"a command in a group is for the bot", "/ask pv", false, "ask pv", true},
		{"a command naming the bot is for it", "/ask@KubeQuizBot pv", false, "ask pv", true},
		{"the bot's name is compared without case", "/ASK@kubequizbot  pv ", false, "ask pv", true},
		{"a command naming another bot is not", "/ask@otherbot pv", false, "", false},
		{"/k8s carries any command", "/k8s ask pv", false, "ask pv", true},
		{"/k8s alone asks for help", "/k8s@KubeQuizBot", false, "", true},
		{"/start is help's other name", "/start", true, "start", true},
		{"a group's other bot commands are not for the bot", "/weather", false, "", false},
		{"export, which the core tells where it is run, is for the bot", "/export", false, "export", true},
		{"an unknown command naming the bot gets the core's hint", "/wether@KubeQuizBot", false, "wether", true},
		{"plain text in a group is not for the bot", "ask pv", false, "", false},
		{"plain text in a private chat is a command", "ask pv", true, "ask pv", true},
		{"an unknown command in a private chat gets the core's hint", "/wether", true, "wether", true},
		{"an empty message is nothing", "  ", true, "", false},
		{"arguments after a newline are kept", "/search\n探针", false, "search 探针", true},
		{"a Chinese name run into its argument is not for the bot in a group: other bots' commands start so", "/搜索电影", false, "", false},
		{"addressed to the bot, it is", "/问pv@KubeQuizBot", false, "问pv", true},
		{"and in a private chat", "/问pv", true, "问pv", true},
		{"an answer run into its name keeps its case", "/作答gzrv43：Delete会同时删除PV", true, "作答gzrv43：Delete会同时删除PV", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := a.commandText(tc.text, tc.private)
			if got != tc.want || ok != tc.ok {
				t.Errorf("commandText(%q, %v) = %q, %v; want %q, %v", tc.text, tc.private, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestEveryNameOfEveryCommandWorksInAGroup sends every name and alias of
// every command of the core's table to a group, bare and addressed to the
// bot: each gets one reply, and none is "unknown command". A new command
// or alias is covered without a new test.
func TestEveryNameOfEveryCommandWorksInAGroup(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	want := map[int]string{} // message ID → what was typed
	update, msg := 0, 100
	for _, c := range quiz.Commands() {
		for _, name := range append([]string{c.Name}, c.Aliases...) {
			for _, text := range []string{"/" + name, "/" + name + "@KubeQuizBot"} {
				update, msg = update+1, msg+1
				want[msg] = text
				e.deliver(a.Adapter, telegramtest.Message(update, e.group, e.alice, msg, text))
			}
		}
	}
	settle(a)
	replies := map[int]string{}
	for _, call := range append(e.api.Calls("sendMessage"), e.api.Calls("sendPoll")...) {
		var rp struct {
			MessageID int `json:"message_id"`
		}
		if err := json.Unmarshal([]byte(call.Params.Get("reply_parameters")), &rp); err != nil {
			t.Fatalf("a reply without reply_parameters: %v", call.Params)
		}
		if prev, twice := replies[rp.MessageID]; twice {
			t.Errorf("%q got two replies: %q and %q", want[rp.MessageID], prev, call.Params.Get("text"))
		}
		replies[rp.MessageID] = call.Params.Get("text") + call.Params.Get("question")
	}
	for id, text := range want {
		reply, ok := replies[id]
		switch {
		case !ok:
			t.Errorf("%q in a group got no reply", text)
		case strings.Contains(reply, "I don't know the command"):
			t.Errorf("%q in a group is not known: %s", text, reply)
		}
	}
}

func TestTheCommandMenuIsTheCoresTable(t *testing.T) {
	valid := regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	for _, l := range []quiz.Lang{quiz.LangZH, quiz.LangEN} {
		m := menu(l)
		if len(m) != len(quiz.Commands())+1 || m[len(m)-1].Command != k8sCommand {
			t.Fatalf("menu %v", m)
		}
		for i, c := range quiz.Commands() {
			if m[i].Command != c.Name || m[i].Description != latinCommands(c.Help(l, "/")) {
				t.Errorf("menu entry %d is %+v, want %s", i, m[i], c.Name)
			}
		}
		for _, c := range m {
			if !valid.MatchString(c.Command) || c.Description == "" || len([]rune(c.Description)) > 256 {
				t.Errorf("Telegram refuses the menu entry %+v", c)
			}
		}
	}
}

// TestAMentionOfAUserWithoutAUsernameIsTheirID: a text_mention, as
// Telegram sends it (offsets in UTF-16 units, the user with it), reaches
// the core as @<their ID>, which forget finds them by; other text, and
// mentions by @username, stay as typed.
func TestAMentionOfAUserWithoutAUsernameIsTheirID(t *testing.T) {
	for _, tc := range []struct{ raw, want string }{
		{`{"text":"/forget Li Lei","entities":[{"type":"bot_command","offset":0,"length":7},{"type":"text_mention","offset":8,"length":6,"user":{"id":42,"is_bot":false,"first_name":"Li","last_name":"Lei"}}]}`, "/forget @42"},
		{`{"text":"/forget 😀李雷 now","entities":[{"type":"text_mention","offset":8,"length":4,"user":{"id":7,"is_bot":false,"first_name":"😀李雷"}}]}`, "/forget @7 now"},
		{`{"text":"/forget @lilei","entities":[{"type":"mention","offset":8,"length":6}]}`, "/forget @lilei"},
		{`{"text":"/forget x","entities":[{"type":"text_mention","offset":8,"length":9,"user":{"id":1,"is_bot":false,"first_name":"x"}}]}`, "/forget x"},
	} {
		var m tgbotapi.Message
		if err := json.Unmarshal([]byte(tc.raw), &m); err != nil {
			t.Fatal(err)
		}
		if got := mentionsAsIDs(&m); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.raw, got, tc.want)
		}
	}
}
