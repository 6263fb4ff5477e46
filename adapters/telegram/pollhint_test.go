package telegram

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/quiz"
)

// TestAGroupPollSaysWhereItsFeedbackGoes: a voter who never started the
// bot gets no private feedback, and nothing in the group: a group poll's
// explanation, shown to those who voted, says that points and feedback
// come privately, and how to open the bot to get them, in the quiz's
// language. A private chat's poll, whose voter started the bot, does not.
func TestAGroupPollSaysWhereItsFeedbackGoes(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.api.Forbid(e.bob)
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/quiz etcd"))
	e.deliver(a.Adapter, speaking("zh-hans", telegramtest.Message(2, e.group-1_000_000, e.alice, 10, "/quiz etcd")))
	e.deliver(a.Adapter, telegramtest.Message(3, e.alice, e.alice, 11, "/quiz etcd"))
	all := e.await("sendPoll", 3)
	var polls []telegramtest.Call
	for _, chat := range []int64{e.group, e.group - 1_000_000, e.alice} {
		polls = append(polls, to(all, chat)...)
	}
	e.deliver(a.Adapter, telegramtest.PollAnswer(4, polls[0].PollID, e.bob, 0))
	settle(a)
	if n := len(to(e.api.Calls("sendMessage"), e.group)); n != 0 {
		t.Errorf("%d messages in the group after a vote", n)
	}
	for i, want := range []string{"open a private chat with @KubeQuizBot and press Start", "请先私聊 @KubeQuizBot 并点「开始」"} {
		if got := polls[i].Params.Get("explanation"); !strings.Contains(got, want) || !strings.Contains(got, "/ask ") {
			t.Errorf("group poll %d's explanation: %q, want the full answer's command and %q", i, got, want)
		}
	}
	if got := polls[2].Params.Get("explanation"); strings.Contains(got, "@KubeQuizBot") {
		t.Errorf("a private chat's poll explanation: %q", got)
	}
}

// TestAPollFeedbackHintIsLeftOutWhenItDoesNotFit: an explanation with no
// room for the line keeps Telegram's 200 characters and 2 line feeds.
func TestAPollFeedbackHintIsLeftOutWhenItDoesNotFit(t *testing.T) {
	a := &Adapter{}
	name := "KubeQuizBot"
	a.username.Store(&name)
	for _, long := range []string{strings.Repeat("x", maxPollExplanation-20), "a\nb\nc"} {
		if got := a.withFeedbackHint(long, quiz.LangEN); got != long {
			t.Errorf("withFeedbackHint(%q) = %q", long, got)
		}
	}
	if got := a.withFeedbackHint("Full answer: /ask x", quiz.LangEN); !strings.HasPrefix(got, "Full answer: /ask x\n") || textLen(got) > maxPollExplanation {
		t.Errorf("withFeedbackHint = %q", got)
	}
}
