package telegram

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
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
	core, err := quiz.New(quiz.Config{Bank: testkit.ShippedBank(t), Quizzes: shippedQuizzes(t), Store: e.store, Lang: "en", Rand: rand.NewPCG(3, 5), Now: clock.Now})
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

// TestAnAnswerInDoubtIsLeftForLaterAndScoredOnce presses a quiz's button
// and votes on its poll while the store loses its replies — Redis runs
// each answer, and the bot cannot tell — so both answers are in doubt:
// neither is answered, and both stay in the inbox. Once the store answers
// again each is handled again, answered once with its score (never
// "already answered"), and stored once.
func TestAnAnswerInDoubtIsLeftForLaterAndScoredOnce(t *testing.T) {
	e := newEnv(t)
	// The core's store loses its replies on demand; the inbox, on a Redis
	// of its own, does not.
	rdb, lossy, lost := testkit.LosingRedis(t)
	store, coreStore := redisstore.New(rdb), redisstore.New(lossy)  // store reads what the core's wrote
	if err := coreStore.Preload(context.Background()); err != nil { // its scripts, as the bot loads them at start
		t.Fatal(err)
	}
	core, err := quiz.New(quiz.Config{Bank: testkit.ShippedBank(t), Quizzes: shippedQuizzes(t), Store: coreStore, Lang: "en", Rand: rand.NewPCG(3, 5)})
	if err != nil {
		t.Fatal(err)
	}
	e.core = core
	var inbox *redisstore.Inbox
	a, err := New(e.cfg, adapters.Deps{
		Core: core, Values: e.store, Log: slogTo(e.logs),
		Inbox: func(name string) edge.Inbox {
			// Taken again a second after it was left: longer than the runner's
			// wait on the inbox (250 ms), during which an entry it took over waits.
			inbox = e.store.Inbox(name, redisstore.InboxOptions{ClaimIdle: time.Second})
			return inbox
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go func() { _ = a.Run(ctx) }()
	testkit.Eventually(t, "the adapter to be ready", a.Ready)
	msg, card := postButtonQuiz(t, e, running{Adapter: a})
	if err := e.store.Put(ctx, a.key("poll:p1"), fmt.Sprintf("%d:%s", e.group, card.ID), time.Hour); err != nil {
		t.Fatal(err)
	}
	points := func(user int64) int64 {
		st, err := store.Stats(ctx, fmt.Sprintf("tg:%d", e.group), fmt.Sprintf("tg:%d", user), "")
		if err != nil {
			t.Fatal(err)
		}
		return st.Points
	}

	lost.Set(true)
	e.deliver(a, telegramtest.Callback(2, e.group, e.alice, msg.MessageID, quiz.AnswerPayload(card.ID, card.Correct)),
		telegramtest.PollAnswer(3, "p1", e.bob, card.Correct))
	testkit.Eventually(t, "the core to try to score the answers", func() bool { return lost.Lost() >= 2 })
	// Both stay in the inbox: the adapter is done with them when its workers
	// have left them for later, having sent what they would send.
	testkit.Eventually(t, "both answers left for later", func() bool { return strings.Count(e.logs.String(), "a delivery is left for later") >= 2 })
	if n, err := inbox.Backlog(ctx); err != nil || n != 2 {
		t.Errorf("%d deliveries in the inbox (%v) while the answers are in doubt, want both", n, err)
	}
	if got := e.toasts(); got["cb-2"] != "" {
		t.Errorf("the press was answered while in doubt: %q", got["cb-2"])
	}
	if n := len(e.api.Calls("answerCallbackQuery")) + len(to(e.api.Calls("sendMessage"), e.bob)) + len(to(e.api.Calls("sendMessage"), e.alice)); n != 0 {
		t.Errorf("%d replies while the answers were in doubt, want none", n)
	}
	if points(e.alice) != quiz.RightAnswerPoints || points(e.bob) != quiz.RightAnswerPoints {
		t.Fatalf("points in Redis while in doubt: alice %d, bob %d; the store ran the answers", points(e.alice), points(e.bob))
	}

	lost.Set(false)
	settle(running{Adapter: a})
	if toasts := e.api.Calls("answerCallbackQuery"); len(toasts) != 1 || !strings.Contains(toasts[0].Params.Get("text"), "Right! +10") {
		t.Errorf("the press's answers once the store is back: %v, want one that scores it", toasts)
	}
	if got := to(e.api.Calls("sendMessage"), e.bob); len(got) != 1 || !strings.Contains(got[0].Params.Get("text"), "Right!") {
		t.Errorf("the voter was told %d times, want once that the vote scored", len(got))
	}
	if points(e.alice) != quiz.RightAnswerPoints || points(e.bob) != quiz.RightAnswerPoints {
		t.Errorf("points once the store is back: alice %d, bob %d; want each answer scored once", points(e.alice), points(e.bob))
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
// inbox, removing handled entries and sending the scoring scripts are
// shared by the presses that arrive together. (A press alone also costs
// its own read and removal.)
func TestAPressCostsTwoRoundTrips(t *testing.T) {
	e := newEnv(t)
	e.ownCore() // its scoring is counted
	a := e.start()
	msg, card := postButtonQuiz(t, e, a)
	const presses = 200
	e.trips.Take()
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
	counts := map[string]int{}
	for _, trip := range e.trips.Take() {
		counts[trip]++
	}
	// Not the presses': new connections' handshakes, and settle's own
	// reads of the backlog.
	delete(counts, "hello")
	delete(counts, "xlen")
	delete(counts, "pipeline(client client)")
	total := 0
	for _, n := range counts {
		total += n
	}
	scripts := 0 // alone, or in a pipeline of answers that went together
	for trip, n := range counts {
		scripts += n * strings.Count(trip, "evalsha")
	}
	per := float64(total) / presses
	t.Logf("%d presses: %d round trips (%.2f a press), %d scripts: %v", presses, total, per, scripts, counts)
	if scripts < 2*presses || per > 2.5 {
		t.Errorf("%.2f round trips and %.2f scripts a press, want at most about 2 round trips (accept and score, the scoring of presses that arrive together going together), shared reads and removals aside, and 2 scripts",
			per, float64(scripts)/presses)
	}
}
