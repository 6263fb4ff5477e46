package slack_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// A direct message that is no command but talks to the bot gets an
// answer that fits it, not "unknown command".
func TestTalkInADirectMessage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{})
	for i, tc := range []struct{ text, want string }{
		{"what is a pod?", "That reads like a question: here is what the bank has on it (/k8s search pod); type /k8s ask pod"},
		{"hi", "type /k8s quiz for a quiz"},
		{"thanks!", "You're welcome!"},
	} {
		channel := fmt.Sprintf("DTALK%d", i)
		e.deliver("events_api", e.eventCallback(fmt.Sprintf("Ev%d", time.Now().UnixNano()), map[string]any{
			"type": "message", "channel_type": "im", "channel": channel, "user": "U1", "text": tc.text,
		}))
		got := e.slack.Wait(t, 1, func(s sent) bool { return s.Channel == channel })[0]
		if text := got.Text + got.Sections(); !strings.Contains(text, tc.want) || strings.Contains(text, "know the command") {
			t.Errorf("%q was answered:\n%s\nwant %q", tc.text, text, tc.want)
		}
	}
}
