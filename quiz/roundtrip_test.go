package quiz_test

import (
	"context"
	"testing"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// countedEnv is an env whose Redis round trips are counted, its scripts
// loaded.
func countedEnv(t *testing.T) (*env, *redistest.RoundTrips) {
	rdb := redistest.Shared(t).Client(t)
	if err := redisstore.New(rdb).Preload(context.Background()); err != nil {
		t.Fatal(err)
	}
	counter := &redistest.RoundTrips{}
	rdb.AddHook(counter)
	return newEnvOn(t, rdb), counter
}

// TestRoundTripsPerCommand counts the Redis round trips of each command
// through the core: ask at most 2, an answer exactly 1.
func TestRoundTripsPerCommand(t *testing.T) {
	e, counter := countedEnv(t)
	measure := func(f func()) int64 {
		counter.Take()
		f()
		return int64(len(counter.Take()))
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
