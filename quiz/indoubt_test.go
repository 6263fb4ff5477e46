package quiz_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// replyLost is a store on a real Redis, through a proxy, that loses the
// reply of its next write when armed: Redis runs the write, and the proxy
// drops its reply and cuts the connection, so the client, which does not
// send it again, never sees what it answered — as when Redis goes away
// after running a write and before its reply reaches the bot.
type replyLost struct {
	*redisstore.Store
	proxy *redistest.Proxy
	armed atomic.Bool
}

// loseIf loses the reply to the write about to be sent, once arm is
// armed, and disarms it.
func (s *replyLost) loseIf(arm *atomic.Bool) {
	if arm.Swap(false) {
		s.proxy.CutReplies(1)
	}
}

// newReplyLost is a replyLost on the shared redis-server through a proxy,
// and its client, which never sends a command again. The client keeps
// go-redis's read timeout of seconds: a lost reply does not wait for it,
// and any other reply, however busy the machine, comes well within it.
func newReplyLost(t *testing.T) (*replyLost, redis.UniversalClient) {
	t.Helper()
	proxy := redistest.StartProxy(t, redistest.Shared(t).Addr)
	rdb := redis.NewClient(&redis.Options{Addr: proxy.Addr, MaxRetries: -1})
	t.Cleanup(func() { _ = rdb.Close() })
	st := &replyLost{Store: redisstore.New(rdb), proxy: proxy}
	if err := st.Preload(context.Background()); err != nil { // its scripts, as the bot loads them at start
		t.Fatal(err)
	}
	return st, rdb
}

// lose handles user's delivery in e with the reply of the write arm stands
// for lost: Redis runs the write and the client never sees its reply. The
// delivery must be in doubt.
func (s *replyLost) lose(t *testing.T, e *env, arm *atomic.Bool, user, delivery string, mod func(*quiz.Request)) {
	t.Helper()
	before := s.proxy.Lost()
	arm.Store(true)
	r := e.deliver(user, delivery, mod)
	if arm.Load() || s.proxy.Lost() != before+1 {
		t.Fatal("the write's reply was not lost")
	}
	if r.Outcome != quiz.OutcomeInDoubt || !strings.Contains(r.Notice, " was not ") {
		t.Errorf("with its reply lost: outcome %q, %q; want in doubt, saying not recorded (or saved) for a surface that shows it", r.Outcome, r.Notice)
	}
}

func (s *replyLost) Answer(ctx context.Context, a quiz.Answer) (quiz.AnswerResult, error) {
	s.loseIf(&s.armed)
	return s.Store.Answer(ctx, a)
}

func (s *replyLost) SaveReview(ctx context.Context, r quiz.Review) (quiz.ReviewResult, error) {
	s.loseIf(&s.armed)
	return s.Store.SaveReview(ctx, r)
}

func (s *replyLost) RecordRehearsal(ctx context.Context, r quiz.Rehearsal) (quiz.RehearsalResult, error) {
	s.loseIf(&s.armed)
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
	st, rdb := newReplyLost(t)
	e := newEnvWith(t, rdb, st.Store, st)

	t.Run("a quiz answer", func(t *testing.T) {
		card := quizCard(t, e.cmd("ann", "quiz"))
		st.lose(t, e, &st.armed, "ann", "press-1", pressing(quiz.AnswerPayload(card.ID, card.Correct)))
		if s := e.stats("ann"); s.Answered != 1 {
			t.Fatalf("ann has %d answers in Redis after the lost reply, want the one Redis ran", s.Answered)
		}
		again := e.deliver("ann", "press-1", pressing(quiz.AnswerPayload(card.ID, card.Correct)))
		if !again.Scored || again.Outcome != quiz.OutcomeOK || !strings.Contains(again.Notice, "+10") {
			t.Errorf("the rerun: scored %v, outcome %q, %q; want the first run's result", again.Scored, again.Outcome, again.Notice)
		}
		if s := e.stats("ann"); s.Answered != 1 || s.Points != quiz.RightAnswerPoints {
			t.Errorf("ann: %d answers, %d points; want one answer scored once", s.Answered, s.Points)
		}
		if other := e.deliver("ann", "press-2", pressing(quiz.AnswerPayload(card.ID, card.Correct))); !strings.Contains(other.Notice, "already answered") {
			t.Errorf("another press after the rerun: %q; want already answered", other.Notice)
		}
	})

	t.Run("a self-grade", func(t *testing.T) {
		shown := e.press("bob", "s:"+accessModes)
		good := payloadWithPrefix(t, shown, "g:"+accessModes+":3:")
		st.lose(t, e, &st.armed, "bob", "press-3", pressing(good))
		if s := e.stats("bob"); s.Reviews != 1 {
			t.Fatalf("bob has %d reviews in Redis after the lost reply, want the one Redis ran", s.Reviews)
		}
		again := e.deliver("bob", "press-3", pressing(good))
		if again.Outcome != quiz.OutcomeOK || !strings.Contains(again.Notice, "Recorded: Good") {
			t.Errorf("the rerun: outcome %q, %q; want it graded", again.Outcome, again.Notice)
		}
		if s := e.stats("bob"); s.Reviews != 1 {
			t.Errorf("bob has %d reviews, want 1", s.Reviews)
		}
	})

	t.Run("an answer in words", func(t *testing.T) {
		text := "answer " + accessModes + " " + testkit.LabelledAnswer(t, accessModes, "complete", "en")
		st.lose(t, e, &st.armed, "cy", "command-1", typing(text))
		if s := e.stats("cy"); s.Reviews != 1 {
			t.Fatalf("cy has %d reviews in Redis after the lost reply, want the one Redis ran", s.Reviews)
		}
		again := e.deliver("cy", "command-1", typing(text))
		if again.Outcome != quiz.OutcomeOK || !strings.Contains(again.Notice, "4/4 key points") {
			t.Errorf("the rerun: outcome %q, %q; want the answer's score", again.Outcome, again.Notice)
		}
		if s := e.stats("cy"); s.Reviews != 1 {
			t.Errorf("cy has %d reviews, want 1", s.Reviews)
		}
	})

	t.Run("without a delivery, not recorded", func(t *testing.T) {
		card := quizCard(t, e.cmd("dan", "quiz"))
		st.armed.Store(true)
		r := e.press("dan", quiz.AnswerPayload(card.ID, card.Correct))
		if r.Outcome != quiz.OutcomeUnavailable || !strings.Contains(r.Notice, "not recorded") {
			t.Errorf("outcome %q, %q; want unavailable, not recorded", r.Outcome, r.Notice)
		}
	})
}
