package telegram

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
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

// TestAVoteBeforeItsPollIsKnownWaitsAndIsScored delivers a vote on a poll
// whose owner is saved only a moment later, as when a vote comes within
// milliseconds of sendPoll: the vote waits for it and is scored.
func TestAVoteBeforeItsPollIsKnownWaitsAndIsScored(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	card := quizCard(t, e.core.Handle(context.Background(), quiz.Request{
		Platform: Name, Scope: fmt.Sprintf("tg:%d", e.group), Channel: fmt.Sprint(e.group), User: "tg:1", Text: "quiz",
	}))
	go func() {
		time.Sleep(500 * time.Millisecond)
		_ = e.store.Put(context.Background(), a.key("poll:late-poll"), fmt.Sprintf("%d:%s", e.group, card.ID), time.Hour)
	}()
	e.deliver(a.Adapter, telegramtest.PollAnswer(1, "late-poll", e.bob, card.Correct))
	settle(a)
	if got := e.points(e.group, e.bob); got != quiz.RightAnswerPoints {
		t.Errorf("the early vote earned %d points, want %d", got, quiz.RightAnswerPoints)
	}
}

// unavailableFirst is a core that says the store is unavailable for its
// first n answers, as while Redis is down.
type unavailableFirst struct {
	quiz.Handler
	n atomic.Int64
}

func (u *unavailableFirst) Handle(ctx context.Context, req quiz.Request) quiz.Response {
	if req.Payload != "" && u.n.Add(-1) >= 0 {
		return quiz.Response{Notice: "unavailable", Outcome: quiz.OutcomeUnavailable}
	}
	return u.Handler.Handle(ctx, req)
}

// TestAVoteWhileTheStoreIsDownIsScoredOnceItIsBack: a voter cannot vote
// again, so a vote the core cannot score now stays in the inbox and is
// scored when it can be; the voter hears nothing until then.
func TestAVoteWhileTheStoreIsDownIsScoredOnceItIsBack(t *testing.T) {
	e := newEnv(t)
	core := &unavailableFirst{Handler: e.core}
	core.n.Store(2)
	a, err := New(e.cfg, adapters.Deps{
		Core: core, Values: e.store, Log: slogTo(e.logs),
		Inbox: func(name string) edge.Inbox {
			return e.store.Inbox(name, redisstore.InboxOptions{ClaimIdle: 200 * time.Millisecond})
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go func() { _ = a.Run(ctx) }()
	for deadline := time.Now().Add(5 * time.Second); !a.Ready(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("not ready")
		}
	}
	card := quizCard(t, e.core.Handle(context.Background(), quiz.Request{
		Platform: Name, Scope: fmt.Sprintf("tg:%d", e.group), Channel: fmt.Sprint(e.group), User: "tg:1", Text: "quiz",
	}))
	if err := e.store.Put(context.Background(), a.key("poll:p1"), fmt.Sprintf("%d:%s", e.group, card.ID), time.Hour); err != nil {
		t.Fatal(err)
	}
	e.deliver(a, telegramtest.PollAnswer(1, "p1", e.bob, card.Correct))
	settle(running{Adapter: a})
	if got := e.points(e.group, e.bob); got != quiz.RightAnswerPoints {
		t.Errorf("the vote made while the store was down earned %d points, want %d", got, quiz.RightAnswerPoints)
	}
	if core.n.Load() >= 0 {
		t.Errorf("the core was asked %d times, want 3", 2-core.n.Load())
	}
}

// quizCard is the quiz a core response posts.
func quizCard(t *testing.T, r quiz.Response) *quiz.MultipleChoice {
	t.Helper()
	for _, m := range r.Messages {
		if m.Quiz != nil {
			return m.Quiz
		}
	}
	t.Fatalf("no quiz in %+v", r)
	return nil
}

// TestAPressCostsTwoRoundTrips answers a quiz with 200 presses arriving
// together (32 at a time) and counts the store's round trips: each press is
// accepted into the inbox (one script) and scored (one script); reading the
// inbox and removing handled entries are shared by the presses that arrive
// together. (A press alone also costs its own read and removal.)
func TestAPressCostsTwoRoundTrips(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	msg, card := postButtonQuiz(t, e, a)
	const presses = 200
	e.trips.take()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 32)
	for i := range presses {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if code := post(a.Adapter, telegramtest.Callback(10+i, e.group, int64(5000+i), msg.MessageID, quiz.AnswerPayload(card.ID, card.Correct)), testSecret); code != http.StatusOK {
				t.Errorf("webhook answered %d", code)
			}
		})
	}
	wg.Wait()
	settle(a)
	counts := e.trips.take()
	// Not the presses': new connections' handshakes, and settle's own
	// reads of the backlog.
	delete(counts, "hello")
	delete(counts, "xlen")
	total := 0
	for _, n := range counts {
		total += n
	}
	per := float64(total) / presses
	t.Logf("%d presses: %d round trips (%.2f a press): %v", presses, total, per, counts)
	if counts["evalsha"] < 2*presses || per > 2.5 {
		t.Errorf("%.2f round trips a press, want about 2 (accept and score), shared reads and removals aside", per)
	}
}
