package quiz_test

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// replyLost is a store on a real Redis, through a proxy, that holds back
// the reply of its next write when armed past the client's read timeout:
// Redis runs the write, and the client, which does not send it again,
// never sees what it answered — as when Redis goes away after running a
// write and before its reply reaches the bot.
type replyLost struct {
	*redisstore.Store
	proxy *redistest.Proxy
	armed atomic.Bool
}

// stall holds back the reply to the write about to be sent, once armed.
func (s *replyLost) stall() {
	if s.armed.Swap(false) {
		s.proxy.StallReplies(1, 400*time.Millisecond)
	}
}

func (s *replyLost) Answer(ctx context.Context, a quiz.Answer) (quiz.AnswerResult, error) {
	s.stall()
	return s.Store.Answer(ctx, a)
}

func (s *replyLost) SaveReview(ctx context.Context, r quiz.Review) (quiz.ReviewResult, error) {
	s.stall()
	return s.Store.SaveReview(ctx, r)
}

func (s *replyLost) RecordRehearsal(ctx context.Context, r quiz.Rehearsal) (quiz.RehearsalResult, error) {
	s.stall()
	return s.Store.RecordRehearsal(ctx, r)
}

// TestAWriteWhoseReplyWasLostIsInDoubtAndItsRerunGivesTheFirstResult: a
// quiz answer, a self-grade and an answer in words, each run by Redis but
// its reply lost, are in doubt (quiz.OutcomeInDoubt), not "unavailable";
// handled again for the same delivery, each gives the result the first
// run would have — scored, graded, recorded, never "already answered" —
// and is stored once. Without a delivery to handle again (the console),
// the user is told it was not recorded, as before.
func TestAWriteWhoseReplyWasLostIsInDoubtAndItsRerunGivesTheFirstResult(t *testing.T) {
	t.Parallel()
	srv := redistest.Shared(t)
	proxy := redistest.StartProxy(t, srv.Addr)
	rdb := redis.NewClient(&redis.Options{Addr: proxy.Addr, ReadTimeout: 200 * time.Millisecond, MaxRetries: -1})
	t.Cleanup(func() { _ = rdb.Close() })
	st := &replyLost{Store: redisstore.New(rdb), proxy: proxy}
	ctx := context.Background()
	if err := st.Preload(ctx); err != nil { // its scripts, as the bot loads them at start
		t.Fatal(err)
	}
	clock := testkit.NewClock(time.Date(2026, 11, 30, 10, 0, 0, 0, shanghai))
	svc, err := quiz.New(quiz.Config{
		Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: st, Now: clock.Now, Rand: rand.NewPCG(7, 11),
		Location: shanghai, Lang: "en", Logger: slog.New(slog.NewTextHandler(testLog{t}, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	scope := "test:" + t.Name() + ":" + time.Now().Format("150405.000000000")
	handle := func(user, delivery, text, payload string) quiz.Response {
		return svc.Handle(ctx, quiz.Request{
			Platform: "test", Scope: scope, Channel: "chan-1", User: "test:" + user, UserName: user,
			Prefix: "/", Text: text, Payload: payload, Delivery: delivery,
		})
	}
	stats := func(user string) quiz.Stats {
		s, err := st.Stats(ctx, scope, "test:"+user, "")
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// lost runs a request with its write's reply lost: in doubt.
	lost := func(user, delivery, text, payload string) {
		t.Helper()
		before := proxy.Stalled()
		st.armed.Store(true)
		r := handle(user, delivery, text, payload)
		if st.armed.Load() || proxy.Stalled() != before+1 {
			t.Fatal("the write's reply was not held back")
		}
		if r.Outcome != quiz.OutcomeInDoubt || !strings.Contains(r.Notice, "not") {
			t.Errorf("with its reply lost: outcome %q, %q; want in doubt, saying not recorded for a surface that shows it", r.Outcome, r.Notice)
		}
		time.Sleep(500 * time.Millisecond) // the held reply goes to a connection the client has closed
	}

	t.Run("a quiz answer", func(t *testing.T) {
		card := quizCard(t, handle("ann", "", "quiz", ""))
		lost("ann", "press-1", "", quiz.AnswerPayload(card.ID, card.Correct))
		if s := stats("ann"); s.Answered != 1 {
			t.Fatalf("ann has %d answers in Redis after the lost reply, want the one Redis ran", s.Answered)
		}
		again := handle("ann", "press-1", "", quiz.AnswerPayload(card.ID, card.Correct))
		if !again.Scored || again.Outcome != quiz.OutcomeOK || !strings.Contains(again.Notice, "+10") {
			t.Errorf("the rerun: scored %v, outcome %q, %q; want the first run's result", again.Scored, again.Outcome, again.Notice)
		}
		if s := stats("ann"); s.Answered != 1 || s.Points != quiz.RightAnswerPoints {
			t.Errorf("ann: %d answers, %d points; want one answer scored once", s.Answered, s.Points)
		}
		if other := handle("ann", "press-2", "", quiz.AnswerPayload(card.ID, card.Correct)); !strings.Contains(other.Notice, "already answered") {
			t.Errorf("another press after the rerun: %q; want already answered", other.Notice)
		}
	})

	t.Run("a self-grade", func(t *testing.T) {
		shown := handle("bob", "", "", "s:"+accessModes)
		good := payloadWithPrefix(t, shown, "g:"+accessModes+":3:")
		lost("bob", "press-3", "", good)
		if s := stats("bob"); s.Reviews != 1 {
			t.Fatalf("bob has %d reviews in Redis after the lost reply, want the one Redis ran", s.Reviews)
		}
		again := handle("bob", "press-3", "", good)
		if again.Outcome != quiz.OutcomeOK || !strings.Contains(again.Notice, "Recorded: Good") {
			t.Errorf("the rerun: outcome %q, %q; want it graded", again.Outcome, again.Notice)
		}
		if s := stats("bob"); s.Reviews != 1 {
			t.Errorf("bob has %d reviews, want 1", s.Reviews)
		}
	})

	t.Run("an answer in words", func(t *testing.T) {
		text := "answer " + accessModes + " " + testkit.LabelledAnswer(t, accessModes, "complete", "en")
		lost("cy", "command-1", text, "")
		if s := stats("cy"); s.Reviews != 1 {
			t.Fatalf("cy has %d reviews in Redis after the lost reply, want the one Redis ran", s.Reviews)
		}
		again := handle("cy", "command-1", text, "")
		if again.Outcome != quiz.OutcomeOK || !strings.Contains(again.Notice, "3/3 key points") {
			t.Errorf("the rerun: outcome %q, %q; want the answer's score", again.Outcome, again.Notice)
		}
		if s := stats("cy"); s.Reviews != 1 {
			t.Errorf("cy has %d reviews, want 1", s.Reviews)
		}
	})

	t.Run("without a delivery, not recorded", func(t *testing.T) {
		card := quizCard(t, handle("dan", "", "quiz", ""))
		st.armed.Store(true)
		r := handle("dan", "", "", quiz.AnswerPayload(card.ID, card.Correct))
		if r.Outcome != quiz.OutcomeUnavailable || !strings.Contains(r.Notice, "not recorded") {
			t.Errorf("outcome %q, %q; want unavailable, not recorded", r.Outcome, r.Notice)
		}
	})
}
