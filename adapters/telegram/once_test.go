package telegram

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// TestAGradeIsGivenOncePerReveal presses Good twice on one reveal in a
// private chat: the second press's callback answer says it was graded, and
// one review is recorded.
func TestAGradeIsGivenOncePerReveal(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.Message(1, e.alice, e.alice, 10, "/ask pv"))
	card := e.await("sendMessage", 1)[0]
	e.deliver(a.Adapter, telegramtest.Callback(2, e.alice, e.alice, card.MessageID, buttons(t, card)[0]))
	shown := e.await("sendMessage", 2)[1]
	var good string
	for _, b := range buttons(t, shown) {
		if strings.HasPrefix(b, "g:") && strings.Contains(b, ":3:") {
			good = b
		}
	}
	if good == "" {
		t.Fatalf("no Good button under the answer: %v", buttons(t, shown))
	}
	e.deliver(a.Adapter, telegramtest.Callback(3, e.alice, e.alice, shown.MessageID, good))
	settle(a)
	e.deliver(a.Adapter, telegramtest.Callback(4, e.alice, e.alice, shown.MessageID, good))
	settle(a)
	toasts := e.toasts()
	if !strings.Contains(toasts["cb-3"], "Recorded: Good") || !strings.Contains(toasts["cb-4"], "graded this one already") {
		t.Errorf("callback answers: first %q, second %q", toasts["cb-3"], toasts["cb-4"])
	}
	st, err := e.store.Stats(context.Background(), fmt.Sprintf("tg:%d", e.alice), fmt.Sprintf("tg:%d", e.alice), "")
	if err != nil || st.Reviews != 1 {
		t.Errorf("%d reviews recorded (%v), want 1", st.Reviews, err)
	}
}

// TestAWrongQuizAnswerBringsTheQuestionBack answers a quiz poll wrong: an
// hour later /ask offers its question, due for review.
func TestAWrongQuizAnswerBringsTheQuestionBack(t *testing.T) {
	e := newEnv(t)
	clock := testkit.NewClock(time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC))
	core, err := quiz.New(quiz.Config{Bank: testkit.ShippedBank(t), Store: e.store, Lang: "en", Rand: rand.NewPCG(3, 5), Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	e.core = core
	a := e.start()
	e.deliver(a.Adapter, telegramtest.Message(1, e.alice, e.alice, 10, "/quiz etcd"))
	poll := e.await("sendPoll", 1)[0]
	wrong := (correctOption(t, poll) + 1) % 3
	e.deliver(a.Adapter, telegramtest.PollAnswer(2, poll.PollID, e.alice, wrong))
	settle(a)
	explanation := poll.Params.Get("explanation")
	missed := explanation[strings.LastIndex(explanation, " ")+1:]
	clock.Advance(time.Hour)
	e.deliver(a.Adapter, telegramtest.Message(3, e.alice, e.alice, 11, "/ask"))
	settle(a)
	last := e.api.Calls("sendMessage")
	ask := last[len(last)-1]
	if got := buttons(t, ask)[0]; got != "s:"+missed || !strings.Contains(ask.Params.Get("text"), "due for review") {
		t.Errorf("after a wrong answer to %s, /ask offered %s: %s", missed, got, ask.Params.Get("text"))
	}
}
