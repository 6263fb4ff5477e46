package quiz_test

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// scoringStore scores every answer right away, without a round trip, so
// that a benchmark of an answer measures the core's own work alone. The
// other methods are those of the nil Store it embeds: only quiz posting
// and answering may be called.
type scoringStore struct {
	quiz.Store
}

func (scoringStore) Practice(context.Context, string, string) (quiz.Practice, error) {
	return quiz.Practice{}, nil
}

func (scoringStore) CreateQuiz(context.Context, quiz.Quiz) error { return nil }

func (scoringStore) ScopeZone(context.Context, string) (string, error) { return "", nil }

func (scoringStore) Answer(_ context.Context, a quiz.Answer) (quiz.AnswerResult, error) {
	return quiz.AnswerResult{
		Status: quiz.AnswerScored, Choice: a.Choice, Correct: a.Choice == 0, Points: 10, Answered: 7,
		WeekPoints: 30, Activity: quiz.Activity{Streak: 3, Best: 5}, Right: 0, Choices: 4,
	}, nil
}

// BenchmarkAnswerCoreWork is the core's own work of an answer, the part of
// Service.Handle that is not the store's round trip: reading the payload,
// the feedback and the redrawn quiz message, for a quiz the service
// posted. Compare allocs/op and ns/op before and after a change.
func BenchmarkAnswerCoreWork(b *testing.B) {
	svc, err := quiz.New(quiz.Config{
		Bank: shippedBank(b), Store: scoringStore{}, Rand: rand.NewPCG(1, 2),
		Location: shanghai, Lang: "en", Logger: slog.New(slog.DiscardHandler),
		Now: func() time.Time { return time.Date(2026, 12, 2, 10, 0, 0, 0, shanghai) },
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	posted := svc.Handle(ctx, quiz.Request{Scope: "bench", Channel: "c", User: "bench:host", Text: "quiz"})
	if len(posted.Messages) == 0 || posted.Messages[0].Quiz == nil {
		b.Fatalf("no quiz: %+v", posted)
	}
	req := quiz.Request{
		Scope: "bench", Channel: "c", User: "bench:u", UserName: "u",
		Payload: quiz.AnswerPayload(posted.Messages[0].Quiz.ID, 1),
	}
	b.ReportAllocs()
	for b.Loop() {
		if r := svc.Handle(ctx, req); !r.Scored || r.Update == nil {
			b.Fatalf("answer not scored: %+v", r)
		}
	}
}
