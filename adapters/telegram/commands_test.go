package telegram

import (
	"testing"
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
		{"an unknown command naming the bot gets the core's hint", "/wether@KubeQuizBot", false, "wether", true},
		{"plain text in a group is not for the bot", "ask pv", false, "", false},
		{"plain text in a private chat is a command", "ask pv", true, "ask pv", true},
		{"an unknown command in a private chat gets the core's hint", "/wether", true, "wether", true},
		{"an empty message is nothing", "  ", true, "", false},
		{"arguments after a newline are kept", "/search\n探针", false, "search 探针", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := a.commandText(tc.text, tc.private)
			if got != tc.want || ok != tc.ok {
				t.Errorf("commandText(%q, %v) = %q, %v; want %q, %v", tc.text, tc.private, got, ok, tc.want, tc.ok)
			}
		})
	}
}
