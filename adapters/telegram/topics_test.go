package telegram

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// topic is the forum topic of the tests.
const topic = 77

// TestRepliesInAForumTopicStayInIt: a card asked for in a forum topic,
// the answer prompt its button opens, and a quiz poll all go to the
// topic, not to the forum's General topic; a vote on the poll counts.
func TestRepliesInAForumTopicStayInIt(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.TopicMessage(1, e.group, e.alice, 10, topic, "/ask@KubeQuizBot "+accessModes))
	card := e.await("sendMessage", 1)[0]
	e.deliver(a.Adapter, telegramtest.TopicCallback(2, e.group, e.alice, card.MessageID, topic, "w:"+accessModes))
	prompt := e.await("sendMessage", 2)[1]
	forced(t, prompt)
	e.deliver(a.Adapter, telegramtest.TopicMessage(3, e.group, e.bob, 11, topic, "/quiz@KubeQuizBot etcd"))
	poll := e.await("sendPoll", 1)[0]
	for what, c := range map[string]telegramtest.Call{"the card": card, "the answer prompt": prompt, "the quiz poll": poll} {
		if c.Thread != topic || c.Params.Get("message_thread_id") != fmt.Sprint(topic) {
			t.Errorf("%s went to topic %d (message_thread_id %q), want %d", what, c.Thread, c.Params.Get("message_thread_id"), topic)
		}
	}
	e.deliver(a.Adapter, telegramtest.PollAnswer(4, poll.PollID, e.carol, correctOption(t, poll)))
	testkit.Eventually(t, "the vote is scored", func() bool { return e.points(e.group, e.carol) == quiz.RightAnswerPoints })
}

// TestADailyTurnedOnInATopicPostsAndRevealsThere: `daily now` in a topic
// posts the daily there, its votes count, and `daily reveal` there posts
// the reveal there too. A daily kept before topics were known (its
// channel the chat's ID alone) posts to the chat as before.
func TestADailyTurnedOnInATopicPostsAndRevealsThere(t *testing.T) {
	e, _, dc, r := dailyEnv(t, 0)
	e.api.SetMember(e.group, e.alice, "administrator")
	dc.Set(time.Date(2026, 12, 1, 17, 4, 0, 0, time.UTC))
	e.deliver(r.Adapter, telegramtest.TopicMessage(1, e.group, e.alice, 1, topic, "/daily@KubeQuizBot now"))
	poll := e.await("sendPoll", 1)[0]
	if poll.Thread != topic {
		t.Fatalf("the daily went to topic %d, want %d", poll.Thread, topic)
	}
	e.deliver(r.Adapter, telegramtest.PollAnswer(2, poll.PollID, e.bob, correctOption(t, poll)))
	testkit.Eventually(t, "the vote is scored", func() bool { return e.points(e.group, e.bob) == quiz.DailyPoints+quiz.DailyFirstBonus })
	e.deliver(r.Adapter, telegramtest.TopicMessage(3, e.group, e.alice, 3, topic, "/daily@KubeQuizBot reveal"))
	e.await("stopPoll", 1)
	var reveal telegramtest.Call
	testkit.Eventually(t, "the reveal", func() bool {
		for _, c := range e.api.Calls("sendMessage") {
			if strings.Contains(c.Params.Get("text"), "The daily question's answer") {
				reveal = c
				return true
			}
		}
		return false
	})
	if reveal.Thread != topic {
		t.Errorf("the reveal went to topic %d, want %d", reveal.Thread, topic)
	}

	if _, err := r.Post(context.Background(), fmt.Sprint(e.group), quiz.PrivateLine("an older daily")); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Post(context.Background(), fmt.Sprintf("%d/x", e.group), quiz.PrivateLine("no topic")); err == nil {
		t.Errorf("a channel with a topic that is no number was posted to")
	}
	// The older daily's post is found by its text: the reply to the
	// reveal command may be sent after it.
	var older []telegramtest.Call
	for _, c := range e.api.Calls("sendMessage") {
		if strings.Contains(c.Params.Get("text"), "an older daily") {
			older = append(older, c)
		}
	}
	if len(older) != 1 || older[0].Thread != 0 || older[0].Params.Get("chat_id") != fmt.Sprint(e.group) {
		t.Errorf("a chat's channel posted to %+v", older)
	}
}

// TestBusyAndApologiesInATopicGoToIt: a command in a topic that waited too
// long, or failed, is told so in that topic.
func TestBusyAndApologiesInATopicGoToIt(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	w := worker{a.Adapter}
	late := edge.Delivery{ID: "update:1", Kind: kindUpdate, Body: telegramtest.TopicMessage(1, e.group, e.bob, 7, topic, "/quiz")}
	failed := edge.Delivery{ID: "update:2", Kind: kindUpdate, Body: telegramtest.TopicMessage(2, e.group, e.bob, 8, topic, "/quiz")}
	if !w.TooLate(context.Background(), late) {
		t.Fatal("the late command was not told")
	}
	w.Apologize(context.Background(), failed)
	sent := to(e.api.Calls("sendMessage"), e.group)
	if len(sent) != 2 {
		t.Fatalf("%d messages, want the busy line and the apology", len(sent))
	}
	for _, c := range sent {
		if c.Params.Get("message_thread_id") != fmt.Sprint(topic) {
			t.Errorf("%q went to topic %q, want %d", c.Params.Get("text"), c.Params.Get("message_thread_id"), topic)
		}
	}
}
