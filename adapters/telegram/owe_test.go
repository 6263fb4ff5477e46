package telegram

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// inboxEntries are the delivery IDs ("update:2") of the entries in the
// adapter's inbox, and how many of them are in hand.
func (e *env) inboxEntries(a running) (ids map[string]bool, pending int64) {
	e.t.Helper()
	ctx := context.Background()
	stream := "kq:{inbox:telegram:" + a.cfg.BotID() + "}"
	msgs, err := e.rdb.XRange(ctx, stream, "-", "+").Result()
	if err != nil {
		e.t.Fatal(err)
	}
	ids = map[string]bool{}
	for _, m := range msgs {
		id, _ := m.Values["i"].(string)
		ids[id] = true
	}
	p, err := e.rdb.XPending(ctx, stream, "workers").Result()
	if err != nil && err != redis.Nil {
		e.t.Fatal(err)
	}
	if p != nil {
		pending = p.Count
	}
	return ids, pending
}

// held waits for a call held at gate.
func held(t *testing.T, gate *telegramtest.Gate) url.Values {
	t.Helper()
	select {
	case p := <-gate.Held:
		return p
	case <-time.After(testkit.Patience):
		t.Fatal("no call was held at the gate")
		return nil
	}
}

// TestAPrivateFollowUpIsOwedInTheInboxUntilItIsSentOnce: the private
// feedback of a group's quiz-poll vote, and of a button press in a group
// (its toast told the press), is sent after the answer, off the worker.
// While it waits (its sendMessage held at the fake Bot API) the answer is
// scored and the delivery's inbox entry is still there — owed, so that a
// replica that dies now leaves it to whoever takes it over — while a
// delivery handled after it is removed; once the message is sent, once,
// the entry is gone and nothing is left owed. Real redis-server.
func TestAPrivateFollowUpIsOwedInTheInboxUntilItIsSentOnce(t *testing.T) {
	for _, kind := range []string{"vote", "press"} {
		t.Run("a "+kind, func(t *testing.T) {
			e := newEnv(t)
			e.onRealRedis(t)
			a := e.start()
			var answer []byte
			if kind == "vote" {
				e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/quiz"))
				poll := e.await("sendPoll", 1)[0]
				answer = telegramtest.PollAnswer(2, poll.PollID, e.bob, correctOption(t, poll))
			} else {
				msg, card := postButtonQuiz(t, e, a)
				answer = telegramtest.Callback(2, e.group, e.bob, msg.MessageID, quiz.AnswerPayload(card.ID, card.Correct))
			}
			gate := e.api.Gate("sendMessage", e.bob)
			e.deliver(a.Adapter, answer)
			feedback := held(t, gate).Get("text")
			if got := e.points(e.group, e.bob); got != quiz.RightAnswerPoints {
				t.Fatalf("bob has %d points while his feedback is sent, want the answer scored (%d)", got, quiz.RightAnswerPoints)
			}
			// A delivery handled after the answer is removed; the answer's
			// entry stays while its feedback is owed.
			e.deliver(a.Adapter, telegramtest.Message(3, e.carol, e.carol, 1, "/help"))
			testkit.Eventually(t, "the later delivery answered and removed", func() bool {
				ids, _ := e.inboxEntries(a)
				return len(to(e.api.Calls("sendMessage"), e.carol)) > 0 && !ids["update:3"]
			})
			if ids, _ := e.inboxEntries(a); !ids["update:2"] {
				t.Errorf("the %s's inbox entry was removed while its private feedback was still to send: a crash now would lose it", kind)
			}
			gate.Open()
			settle(a)
			sent := to(e.api.Calls("sendMessage"), e.bob)
			if len(sent) != 1 || !sent[0].OK() || sent[0].Params.Get("text") != feedback {
				t.Errorf("bob's private messages: %v, want the feedback once: %q", sent, feedback)
			}
			if ids, pending := e.inboxEntries(a); len(ids) != 0 || pending != 0 {
				t.Errorf("the inbox holds %v (%d in hand) once the feedback is sent, want nothing owed", ids, pending)
			}
			if got := e.points(e.group, e.bob); got != quiz.RightAnswerPoints {
				t.Errorf("bob has %d points, want %d: scored once", got, quiz.RightAnswerPoints)
			}
		})
	}
}
