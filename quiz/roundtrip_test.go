package quiz_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// roundTrips counts network round trips: a command or a pipeline is one.
type roundTrips struct{ n atomic.Int64 }

func (r *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }

func (r *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		r.n.Add(1)
		return next(ctx, cmd)
	}
}

func (r *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		r.n.Add(1)
		return next(ctx, cmds)
	}
}

// countedEnv is an env whose Redis round trips are counted, its scripts
// loaded.
func countedEnv(t *testing.T) (*env, *roundTrips) {
	rdb := redistest.Shared(t).Client(t)
	if err := redisstore.New(rdb).Preload(context.Background()); err != nil {
		t.Fatal(err)
	}
	counter := &roundTrips{}
	rdb.AddHook(counter)
	return newEnvOn(t, rdb), counter
}

// TestRoundTripsPerCommand counts the Redis round trips of each command
// through the core: ask at most 2, an answer exactly 1.
func TestRoundTripsPerCommand(t *testing.T) {
	e, counter := countedEnv(t)
	measure := func(f func()) int64 {
		before := counter.n.Load()
		f()
		return counter.n.Load() - before
	}
	var card *quiz.MultipleChoice
	var qid string
	var shown quiz.Response
	steps := []struct {
		name string
		max  int64
		run  func()
	}{
		// The first command also opens the connection (HELLO, CLIENT SETINFO),
		// which happens once per pooled connection, not per command.
		{"warm-up", 99, func() { e.cmd("ann", "ask") }},
		{"ask", 2, func() { qid = askedID(t, e.cmd("ann", "ask pv")) }},
		{"show answer", 1, func() { shown = e.press("ann", "s:"+qid) }},
		{"grade", 2, func() { e.press("ann", payloadWithPrefix(t, shown, "g:"+qid+":3:")) }},
		{"quiz", 2, func() { card = quizCard(t, e.cmd("ann", "quiz etcd")) }},
		{"answer", 1, func() { e.press("ann", quiz.AnswerPayload(card.ID, card.Correct)) }},
		{"repeated answer", 1, func() { e.press("ann", quiz.AnswerPayload(card.ID, card.Correct)) }},
		{"top", 1, func() { e.cmd("ann", "top") }},
		{"top all", 1, func() { e.cmd("ann", "top all") }},
		{"stats", 1, func() { e.cmd("ann", "stats") }},
		{"topics", 1, func() { e.cmd("ann", "topics") }},
		{"search", 1, func() { e.cmd("ann", "search etcd") }},
		{"lang", 1, func() { e.cmd("ann", "lang en") }},
		{"help", 1, func() { e.cmd("ann", "help") }},
	}
	for _, s := range steps {
		got := measure(s.run)
		t.Logf("%-16s %d round trip(s)", s.name, got)
		if got > s.max {
			t.Errorf("%s took %d round trips, want at most %d", s.name, got, s.max)
		}
		if s.name == "answer" && got != 1 {
			t.Errorf("an answer must be exactly one round trip, took %d", got)
		}
	}
}
