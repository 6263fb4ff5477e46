package quiz_test

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// benchClient is a client of the shared server with the options production
// uses, its pool sized for the benchmark's parallelism.
func benchClient(b *testing.B) redis.UniversalClient {
	b.Helper()
	opts, err := redisstore.ParseURL(redistest.Shared(b).URL())
	if err != nil {
		b.Fatal(err)
	}
	rdb := redis.NewUniversalClient(opts)
	b.Cleanup(func() { _ = rdb.Close() })
	if err := redisstore.New(rdb).Preload(context.Background()); err != nil {
		b.Fatal(err)
	}
	return rdb
}

// BenchmarkAnswerThroughCore measures the whole answer path of the core on a
// real Redis: parse the payload, score it with the Lua script, build the
// private feedback and the updated quiz message. Every iteration is a new
// user's first answer to one of 64 quizzes, so every one is really scored.
// Compare with BenchmarkRedisSET, run in the same invocation at the same
// parallelism.
func BenchmarkAnswerThroughCore(b *testing.B) {
	rdb := benchClient(b)
	svc, err := quiz.New(quiz.Config{
		Bank: shippedBank(b), Store: redisstore.New(rdb), Rand: rand.NewPCG(1, 2),
		Location: shanghai, Lang: "en", Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		b.Fatal(err)
	}
	scope := fmt.Sprintf("bench:%d", time.Now().UnixNano())
	var quizzes []string
	for range 64 {
		r := svc.Handle(context.Background(), quiz.Request{Scope: scope, Channel: "c", User: "bench:host", Text: "quiz"})
		if len(r.Messages) == 0 || r.Messages[0].Quiz == nil {
			b.Fatalf("no quiz: %+v", r)
		}
		quizzes = append(quizzes, r.Messages[0].Quiz.ID)
	}
	var users atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			u := users.Add(1)
			req := quiz.Request{
				Scope: scope, Channel: "c", User: fmt.Sprintf("bench:u%d", u), UserName: "u",
				Payload: quiz.AnswerPayload(quizzes[u%int64(len(quizzes))], 0),
			}
			r := svc.Handle(context.Background(), req)
			if r.Update == nil || strings.Contains(r.Notice, "unavailable") {
				b.Fatalf("answer not scored: %q", r.Notice)
			}
		}
	})
}

// BenchmarkRedisSET is the yardstick: a plain go-redis SET on the same
// server with the same client options and parallelism.
func BenchmarkRedisSET(b *testing.B) {
	rdb := benchClient(b)
	var n atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := rdb.Set(context.Background(), fmt.Sprintf("bench:set:%d", n.Add(1)%1024), "v", 0).Err(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
