package redisstore

// Benchmarks for BENCHMARKS.md, against the shared real redis-server:
//
//	go test -run '^$' -bench . -benchtime 3s ./redisstore
//
// BenchmarkAnswer and BenchmarkRedisSet use the same client (the default
// options of production: no URL query) and the same parallelism, so their
// ratio is the cost of scoring an answer next to the cheapest Redis call.

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
)

// benchParallelism is RunParallel's goroutines per GOMAXPROCS: 25 gives 50
// concurrent callers on two cores, as redis-benchmark's default 50 clients.
const benchParallelism = 25

func benchQuiz(scope string, i int) quiz.Quiz {
	return quiz.Quiz{
		ID: "bq" + strconv.Itoa(i), Scope: scope, Channel: "C0123456", Lang: "zh",
		QuestionID: "k7x2m4pq", Topics: []string{"pod", "service"}, Format: "which",
		Prompt:  "哪个对象把一组 Pod 暴露为一个稳定的网络端点？",
		Choices: []string{"Service", "Ingress", "ConfigMap", "PersistentVolume"},
		Correct: 0, Points: quiz.RightAnswerPoints, Created: t0, TTL: 10 * time.Minute,
	}
}

// BenchmarkAnswer measures Store.Answer, the answer path: one EVALSHA of
// the answer script, from a caller holding the quiz as the core does
// (answerHeldScript). Every iteration is a fresh quiz/user pair, so each
// answer is a user's first (the streak, the names), a quarter of them
// right (ZINCRBY on two boards); the quizzes are created before the timer
// starts, in a fresh scope per round, and the boards grow with the users.
func BenchmarkAnswer(b *testing.B) {
	rdb := redistest.Shared(b).Client(b)
	st := preloaded(b, rdb)
	ctx := context.Background()
	scope := newScope(b)
	createQuizzes(b, st, scope, b.N)
	var next atomic.Int64
	b.SetParallelism(benchParallelism)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := int(next.Add(1) - 1)
			user := "slack:T0123:U" + strconv.Itoa(i)
			q := benchQuiz(scope, i)
			res, err := st.Answer(ctx, quiz.Answer{
				Scope: scope, Channel: q.Channel, QuizID: q.ID, User: user, UserName: user,
				Choice: i % 4, At: t0.Add(time.Minute), Day: day0, Week: week1, WeekStart: week1Start, Held: &q,
			})
			if err != nil || res.Status != quiz.AnswerScored {
				b.Errorf("answer %d: %+v, %v", i, res.Status, err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "answers/s")
}

// createQuizzes stores n quizzes through the store, from several
// goroutines.
func createQuizzes(b *testing.B, st *Store, scope string, n int) {
	b.Helper()
	ctx := context.Background()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	for range 32 {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := st.CreateQuiz(ctx, benchQuiz(scope, i)); err != nil {
					select {
					case errs <- err:
					default:
					}
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRedisSet is the yardstick: a plain SET through the same client
// options, server and parallelism as BenchmarkAnswer.
func BenchmarkRedisSet(b *testing.B) {
	rdb := redistest.Shared(b).Client(b)
	ctx := context.Background()
	prefix := newScope(b) + ":set:"
	var next atomic.Int64
	b.SetParallelism(benchParallelism)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1)
			if err := rdb.Set(ctx, prefix+strconv.FormatInt(i, 10), "xyz", time.Minute).Err(); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sets/s")
}

const millionScope = "bench:leaderboard:million"

// BenchmarkLeaderboardMillion reads the top 10 and the caller's place on an
// all-time board of 1,000,000 users (with many ties, and a name for each),
// the caller far below the top. The board is filled once per server with
// pipelined ZADD and HSET batches, before the timer.
func BenchmarkLeaderboardMillion(b *testing.B) {
	const users = 1_000_000
	rdb := redistest.Shared(b).Client(b)
	st := preloaded(b, rdb)
	ctx := context.Background()
	fillMillion(b, rdb, users)
	caller := "slack:T0123:U" + strconv.Itoa(users/2)
	var board quiz.Board
	for b.Loop() {
		var err error
		board, err = st.Leaderboard(ctx, quiz.BoardQuery{Scope: millionScope, User: caller, Limit: quiz.BoardSize})
		if err != nil {
			b.Fatal(err)
		}
	}
	if board.Players != users || len(board.Entries) != quiz.BoardSize || board.Me == nil || board.Entries[0].Name == "" {
		b.Fatalf("board: %d players, %d entries, me %+v", board.Players, len(board.Entries), board.Me)
	}
}

func fillMillion(b *testing.B, rdb *redis.Client, users int) {
	b.Helper()
	ctx := context.Background()
	k := scopeKeys(millionScope)
	if n, err := rdb.ZCard(ctx, k.boardAll()).Result(); err != nil {
		b.Fatal(err)
	} else if n == int64(users) {
		return
	}
	start := time.Now()
	const batch = 10_000 // members per command
	for lo := 0; lo < users; lo += 10 * batch {
		_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for from := lo; from < min(lo+10*batch, users); from += batch {
				members := make([]redis.Z, 0, batch)
				names := make([]any, 0, 2*batch)
				for i := from; i < min(from+batch, users); i++ {
					user := "slack:T0123:U" + strconv.Itoa(i)
					// Points in steps of 10 from 10 up to 500,000, about 20
					// users on each: plenty of ties, and every user on the
					// board (a board holds only players with points).
					members = append(members, redis.Z{Score: float64(10 * (1 + (i*7919)%50_000)), Member: user})
					names = append(names, user, fmt.Sprintf("User %d", i))
				}
				p.ZAdd(ctx, k.boardAll(), members...)
				p.HSet(ctx, k.names(), names...)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("filled a board of %d users in %v", users, time.Since(start).Round(time.Millisecond))
}
