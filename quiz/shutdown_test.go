package quiz_test

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// TestAStopIsNoStoreFailure is issue 11's item 13: a scheduler tick that
// the bot's shutdown cancels logs no "store unavailable … context
// canceled"; a store that fails on its own still does.
func TestAStopIsNoStoreFailure(t *testing.T) {
	rdb, _ := testkit.Redis(t)
	st := redisstore.New(rdb)
	var buf bytes.Buffer
	svc, err := quiz.New(quiz.Config{Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: st, Daily: st, Logger: slog.New(slog.NewTextHandler(&buf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	sc := quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": &outbox{now: time.Now}}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sc.Tick(ctx)
	if buf.Len() > 0 {
		t.Errorf("a cancelled tick logged:\n%s", buf.String())
	}
	_ = rdb.Close()
	sc.Tick(context.Background())
	if !bytes.Contains(buf.Bytes(), []byte("store unavailable")) {
		t.Errorf("a store that fails on its own is still logged:\n%s", buf.String())
	}
}
