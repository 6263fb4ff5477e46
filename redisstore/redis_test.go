package redisstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// race answers q from n goroutines at once; user names the user of each.
func race(t *testing.T, st *Store, q quiz.Quiz, n int, user func(i int) string, choice int) []quiz.AnswerResult {
	t.Helper()
	ctx := ctxFor(t)
	results := make([]quiz.AnswerResult, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			results[i], errs[i] = st.Answer(ctx, quiz.Answer{
				Scope: q.Scope, Channel: q.Channel, QuizID: q.ID, User: user(i), UserName: user(i),
				Choice: choice, At: t0, Day: day0, Week: week1,
			})
		})
	}
	close(start)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	return results
}

func TestConcurrentAnswers(t *testing.T) {
	t.Parallel()
	st := preloaded(t, redistest.Shared(t).Client(t))
	const n = 50
	create := func(t *testing.T, bonus int) (quiz.Quiz, string) {
		scope := newScope(t)
		q := quiz.Quiz{ID: "racequiz", Scope: scope, Channel: "C1", QuestionID: "qrace", Choices: []string{"a", "b", "c"}, Correct: 1,
			Points: quiz.RightAnswerPoints, Bonus: bonus, Created: t0, TTL: time.Hour}
		if err := st.CreateQuiz(ctxFor(t), q); err != nil {
			t.Fatal(err)
		}
		return q, scope
	}

	t.Run("the same user answering 50 times at once is scored once", func(t *testing.T) {
		t.Parallel()
		q, scope := create(t, 0)
		count := map[quiz.AnswerStatus]int{}
		for _, r := range race(t, st, q, n, func(int) string { return "alice" }, q.Correct) {
			count[r.Status]++
			if r.Status == quiz.AnswerRepeated && (r.Choice != q.Correct || !r.Correct || r.Points != 0) {
				t.Errorf("repeated result = %+v", r)
			}
			if r.Status == quiz.AnswerScored && r.Points != quiz.RightAnswerPoints {
				t.Errorf("scored result = %+v", r)
			}
		}
		if count[quiz.AnswerScored] != 1 || count[quiz.AnswerRepeated] != n-1 {
			t.Errorf("statuses = %v; want 1 scored, %d repeated", count, n-1)
		}
		b, err := st.Leaderboard(ctxFor(t), quiz.BoardQuery{Scope: scope, Week: week1, User: "alice", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if b.Players != 1 || b.Me == nil || b.Me.Points != int64(quiz.RightAnswerPoints) {
			t.Errorf("board = %+v, me %+v; want alice alone with %d", b, b.Me, quiz.RightAnswerPoints)
		}
		s, err := st.Stats(ctxFor(t), scope, "alice", week1)
		if err != nil {
			t.Fatal(err)
		}
		if s.Answered != 1 || s.Correct != 1 || s.Points != int64(quiz.RightAnswerPoints) {
			t.Errorf("stats = %+v", s)
		}
	})

	t.Run("50 users answering at once are all scored", func(t *testing.T) {
		t.Parallel()
		q, scope := create(t, 0)
		var answered []int
		for _, r := range race(t, st, q, n, func(i int) string { return fmt.Sprintf("user%02d", i) }, q.Correct) {
			if r.Status != quiz.AnswerScored || r.Points != quiz.RightAnswerPoints || r.First {
				t.Errorf("result = %+v", r)
			}
			answered = append(answered, r.Answered)
		}
		slices.Sort(answered)
		for i, a := range answered {
			if a != i+1 {
				t.Fatalf("Answered counts = %v; want each of 1..%d once", answered, n)
			}
		}
		b, err := st.Leaderboard(ctxFor(t), quiz.BoardQuery{Scope: scope, Week: week1, User: "user07", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if b.Players != n || len(b.Entries) != n {
			t.Fatalf("board has %d players, %d entries; want %d", b.Players, len(b.Entries), n)
		}
		for _, e := range b.Entries {
			if e.Points != int64(quiz.RightAnswerPoints) || e.Rank != 1 || e.Name != e.User {
				t.Errorf("entry = %+v", e)
			}
		}
	})

	t.Run("50 users racing for the bonus leave one first", func(t *testing.T) {
		t.Parallel()
		q, _ := create(t, 5)
		first := 0
		for _, r := range race(t, st, q, n, func(i int) string { return fmt.Sprintf("user%02d", i) }, q.Correct) {
			switch {
			case r.First && r.Points == quiz.RightAnswerPoints+5:
				first++
			case !r.First && r.Points == quiz.RightAnswerPoints:
			default:
				t.Errorf("result = %+v", r)
			}
		}
		if first != 1 {
			t.Errorf("%d answers took the bonus, want 1", first)
		}
	})
}

func TestEachCallIsOneRoundTrip(t *testing.T) {
	t.Parallel()
	rdb := redistest.Shared(t).Client(t)
	rt := &redistest.RoundTrips{}
	rdb.AddHook(rt)
	st := preloaded(t, rdb)
	ctx := ctxFor(t)
	// Connections are set up now, not in a counted call: go-redis sends
	// HELLO and CLIENT SETINFO on each new connection, through the hooks, and
	// keeps pipelines and transactions on a pool of their own.
	if err := warm(ctx, rdb); err != nil {
		t.Fatal(err)
	}
	scope := newScope(t)
	q := quiz.Quiz{ID: "rtquiz01", Scope: scope, Channel: "C1", Choices: []string{"a", "b"}, Topics: []string{"pod"},
		Points: 10, Bonus: 5, Created: t0, TTL: time.Hour}
	rt.Take()

	calls := []struct {
		name string
		call func() error
	}{
		{"CreateQuiz", func() error { return st.CreateQuiz(ctx, q) }},
		{"Answer", func() error {
			_, err := st.Answer(ctx, quiz.Answer{Scope: scope, Channel: "C1", QuizID: q.ID, User: "u", Choice: 0, At: t0, Day: day0, Week: week1})
			return err
		}},
		{"Answer, repeated", func() error {
			_, err := st.Answer(ctx, quiz.Answer{Scope: scope, Channel: "C1", QuizID: q.ID, User: "u", Choice: 1, At: t0, Day: day0, Week: week1})
			return err
		}},
		{"Answer, no quiz", func() error {
			_, err := st.Answer(ctx, quiz.Answer{Scope: scope, Channel: "C1", QuizID: "nosuchqz", User: "u", Week: week1})
			return err
		}},
		{"Leaderboard", func() error {
			_, err := st.Leaderboard(ctx, quiz.BoardQuery{Scope: scope, Week: week1, User: "u", Limit: 10})
			return err
		}},
		{"Stats", func() error { _, err := st.Stats(ctx, scope, "u", week1); return err }},
		{"MarkSeen", func() error {
			return st.MarkSeen(ctx, quiz.Draw{Scope: scope, User: "u", QuestionID: "qa", At: t0})
		}},
		{"Reveal", func() error { _, err := st.Reveal(ctx, scope, "u", "qa", "tokrtt"); return err }},
		{"SaveReview", func() error {
			_, err := st.SaveReview(ctx, quiz.Review{Scope: scope, User: "u", QuestionID: "qa", Card: sampleCard(), Grade: srs.Good, Day: day0, RevealToken: "tokrtt", Delivery: "d1"})
			return err
		}},
		{"Practice", func() error { _, err := st.Practice(ctx, scope, "u"); return err }},
		{"Card", func() error { _, err := st.Card(ctx, scope, "u", "qa"); return err }},
		{"SetLanguage", func() error { return st.SetLanguage(ctx, scope, "u", "en") }},
		{"Language", func() error { _, err := st.Language(ctx, scope, "u"); return err }},
	}
	for _, c := range calls {
		if err := c.call(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if trips := rt.Take(); len(trips) != 1 {
			t.Errorf("%s took %d round trips, want 1: %q", c.name, len(trips), trips)
		}
	}
}

// warm opens a connection in each of the client's pools.
func warm(ctx context.Context, rdb redis.UniversalClient) error {
	if err := rdb.Ping(ctx).Err(); err != nil {
		return err
	}
	if _, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error { p.Ping(ctx); return nil }); err != nil {
		return err
	}
	_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error { p.Ping(ctx); return nil })
	return err
}

// TestOutage stops Redis under a live store and brings it back: every call
// fails (it does not hang or panic) while Redis is away, and the same store
// and client work again once it is back, scripts and all.
func TestOutage(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	rdb := srv.Client(t)
	st := preloaded(t, rdb)
	ctx := ctxFor(t)
	scope := newScope(t)
	newQuiz := func(id string) quiz.Quiz {
		return quiz.Quiz{ID: id, Scope: scope, Channel: "C1", Choices: []string{"a", "b"}, Points: 10, Created: t0, TTL: time.Hour}
	}
	answer := func(ctx context.Context, id, user string) (quiz.AnswerResult, error) {
		return st.Answer(ctx, quiz.Answer{Scope: scope, Channel: "C1", QuizID: id, User: user, UserName: user, Choice: 0, At: t0, Day: day0, Week: week1})
	}
	if err := st.CreateQuiz(ctx, newQuiz("before01")); err != nil {
		t.Fatal(err)
	}
	if res, err := answer(ctx, "before01", "alice"); err != nil || res.Status != quiz.AnswerScored {
		t.Fatalf("before the outage: %+v, %v", res, err)
	}

	srv.Stop()
	calls := map[string]func(ctx context.Context) error{
		"Practice": func(ctx context.Context) error { _, err := st.Practice(ctx, scope, "alice"); return err },
		"MarkSeen": func(ctx context.Context) error {
			return st.MarkSeen(ctx, quiz.Draw{Scope: scope, User: "alice", QuestionID: "qa", At: t0, Topic: "pv"})
		},
		"Card": func(ctx context.Context) error { _, err := st.Card(ctx, scope, "alice", "qa"); return err },
		"SaveReview": func(ctx context.Context) error {
			_, err := st.SaveReview(ctx, quiz.Review{Scope: scope, User: "alice", QuestionID: "qa", Card: sampleCard(), Day: day0})
			return err
		},
		"Language":    func(ctx context.Context) error { _, err := st.Language(ctx, scope, "alice"); return err },
		"SetLanguage": func(ctx context.Context) error { return st.SetLanguage(ctx, scope, "alice", "en") },
		"CreateQuiz":  func(ctx context.Context) error { return st.CreateQuiz(ctx, newQuiz("during01")) },
		"Answer":      func(ctx context.Context) error { _, err := answer(ctx, "before01", "bob"); return err },
		"Leaderboard": func(ctx context.Context) error {
			_, err := st.Leaderboard(ctx, quiz.BoardQuery{Scope: scope, User: "alice", Limit: 10})
			return err
		},
		"Stats":   func(ctx context.Context) error { _, err := st.Stats(ctx, scope, "alice", week1); return err },
		"Preload": func(ctx context.Context) error { return st.Preload(ctx) },
	}
	// All at once: while Redis is away each call spends about a second on
	// go-redis's dial retries before it gives up.
	var wg sync.WaitGroup
	for name, call := range calls {
		wg.Go(func() {
			// The deadline only guards the run: a refused connection must
			// fail the call by itself, well before it.
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			switch err := call(ctx); {
			case err == nil:
				t.Errorf("%s succeeded with Redis down", name)
			case errors.Is(err, context.DeadlineExceeded):
				t.Errorf("%s waited out its deadline instead of failing: %v", name, err)
			}
		})
	}
	wg.Wait()

	srv.Restart(t) // an empty Redis: no data, no scripts
	// go-redis stops dialling after enough refused dials and probes the
	// server once a second until it answers again, so the first calls after
	// Redis returns may still fail; the same client then recovers by itself.
	testkit.Eventually(t, "the client to reconnect once Redis is back", func() bool { return warm(ctx, rdb) == nil })
	if err := st.CreateQuiz(ctx, newQuiz("after001")); err != nil {
		t.Fatalf("CreateQuiz after the restart: %v", err)
	}
	if res, err := answer(ctx, "after001", "bob"); err != nil || res.Status != quiz.AnswerScored || res.Points != 10 {
		t.Fatalf("Answer after the restart: %+v, %v", res, err)
	}
	if res, err := answer(ctx, "before01", "carol"); err != nil || res.Status != quiz.AnswerNoQuiz {
		t.Errorf("a quiz from before the restart: %+v, %v; want no quiz", res, err)
	}
	b, err := st.Leaderboard(ctx, quiz.BoardQuery{Scope: scope, Week: week1, User: "bob", Limit: 10})
	if err != nil {
		t.Fatalf("Leaderboard after the restart: %v", err)
	}
	if b.Players != 1 || b.Me == nil || b.Me.Points != 10 || len(b.Entries) != 1 || b.Entries[0].Name != "bob" {
		t.Errorf("board after the restart = %+v, me %+v", b, b.Me)
	}
	if _, err := st.Stats(ctx, scope, "bob", week1); err != nil {
		t.Errorf("Stats after the restart: %v", err)
	}
	if _, err := st.SaveReview(ctx, quiz.Review{Scope: scope, User: "bob", QuestionID: "qa", Card: sampleCard(), Day: day0}); err != nil {
		t.Errorf("SaveReview after the restart: %v", err)
	}
	// The scripts the calls ran are cached again, so the next calls are
	// single EVALSHAs.
	exists, err := rdb.ScriptExists(ctx, answerScript.Hash(), boardScript.Hash(), statsScript.Hash(), reviewScript.Hash()).Result()
	if err != nil || slices.Contains(exists, false) {
		t.Errorf("scripts cached after the restart: %v, %v", exists, err)
	}
}
