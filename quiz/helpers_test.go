package quiz_test

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/redisstore"
)

func TestMain(m *testing.M) {
	code := m.Run()
	redistest.StopShared()
	os.Exit(code)
}

// shippedBank is the embedded bank, parsed once per test binary.
func shippedBank(tb testing.TB) *bank.Bank { return testkit.ShippedBank(tb) }

var (
	quizzesOnce sync.Once
	quizzes     *mcq.Generator
)

// shippedQuizzes is the quiz generator of the shipped bank, built once per
// test binary (building one indexes every question) and shared by the
// Services tests make: a Generator is safe for concurrent use and holds
// no state a quiz changes.
func shippedQuizzes(tb testing.TB) *mcq.Generator {
	b := shippedBank(tb)
	quizzesOnce.Do(func() { quizzes = mcq.NewGenerator(b) })
	return quizzes
}

var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// env is a Service on an embedded Redis of its own, with a settable clock.
type env struct {
	t     *testing.T
	svc   *quiz.Service
	clock *testkit.Clock
	store *redisstore.Store
	rdb   redis.UniversalClient
	scope string
}

// testLog writes the service's log lines to the test's log.
type testLog struct{ t *testing.T }

func (w testLog) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// envCount numbers envs so that each has a scope of its own.
var envCount atomic.Int64

func newEnv(t *testing.T) *env {
	t.Helper()
	rdb, _ := testkit.Redis(t)
	return newEnvOn(t, rdb)
}

func newEnvOn(t *testing.T, rdb redis.UniversalClient) *env {
	t.Helper()
	st := redisstore.New(rdb)
	return newEnvWith(t, rdb, st, st)
}

// newEnvWith is an env on rdb whose service writes through store, which
// wraps st, a store on rdb.
func newEnvWith(t *testing.T, rdb redis.UniversalClient, st *redisstore.Store, store quiz.Store) *env {
	t.Helper()
	return newEnvConfigured(t, rdb, st, store, func(*quiz.Config) {})
}

// newEnvConfigured is newEnvWith whose service's configuration set
// changes.
func newEnvConfigured(t *testing.T, rdb redis.UniversalClient, st *redisstore.Store, store quiz.Store, set func(*quiz.Config)) *env {
	t.Helper()
	// Monday 2026-11-30 10:00 in Shanghai.
	c := testkit.NewClock(time.Date(2026, 11, 30, 10, 0, 0, 0, shanghai))
	cfg := quiz.Config{
		Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: store, Now: c.Now, Rand: rand.NewPCG(7, 11),
		Location: shanghai, Lang: "en", Logger: slog.New(slog.NewTextHandler(testLog{t}, nil)),
		Daily: st, AdminIDs: []string{"test:admin", "U-owner"},
	}
	set(&cfg)
	svc, err := quiz.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, svc: svc, clock: c, store: st, rdb: rdb, scope: fmt.Sprintf("test:%s:%d", t.Name(), envCount.Add(1))}
}

func (e *env) request(user string) quiz.Request {
	return quiz.Request{
		Platform: "test", Scope: e.scope, Channel: "chan-1",
		User: "test:" + user, UserName: user, Prefix: "/",
	}
}

// cmd types a command as user.
func (e *env) cmd(user, text string) quiz.Response {
	e.t.Helper()
	req := e.request(user)
	req.Text = text
	return e.svc.Handle(context.Background(), req)
}

// deliver handles a request of user from a delivery; mod sets what it
// carries.
func (e *env) deliver(user, delivery string, mod func(*quiz.Request)) quiz.Response {
	e.t.Helper()
	req := e.request(user)
	req.Delivery = delivery
	mod(&req)
	return e.svc.Handle(context.Background(), req)
}

// typing sets what a request types, and pressing the payload it presses.
func typing(text string) func(*quiz.Request) { return func(r *quiz.Request) { r.Text = text } }
func pressing(payload string) func(*quiz.Request) {
	return func(r *quiz.Request) { r.Payload = payload }
}

// press presses a button payload as user.
func (e *env) press(user, payload string) quiz.Response {
	e.t.Helper()
	req := e.request(user)
	req.Payload = payload
	return e.svc.Handle(context.Background(), req)
}

// pressIn presses a payload as user in another channel.
func (e *env) pressIn(user, channel, payload string) quiz.Response {
	e.t.Helper()
	req := e.request(user)
	req.Channel = channel
	req.Payload = payload
	return e.svc.Handle(context.Background(), req)
}

// text is the plain text of what a response shows (its messages, or its
// notice when it has none).
func text(r quiz.Response) string {
	var parts []string
	for _, m := range r.Shown() {
		parts = append(parts, rich.Plain(m.Blocks))
	}
	return strings.Join(parts, "\n")
}

// buttons lists every button of a response's messages.
func buttons(r quiz.Response) []quiz.Button {
	var out []quiz.Button
	for _, m := range r.Messages {
		for _, row := range m.Buttons {
			out = append(out, row...)
		}
	}
	return out
}

// payloadWithPrefix finds the first button whose payload starts with prefix.
func payloadWithPrefix(t *testing.T, r quiz.Response, prefix string) string {
	t.Helper()
	for _, b := range buttons(r) {
		if strings.HasPrefix(b.Payload, prefix) {
			return b.Payload
		}
	}
	t.Fatalf("no button with payload %q… in %+v", prefix, buttons(r))
	return ""
}

// askedID is the question ID a flashcard response shows (from its Show answer button).
func askedID(t *testing.T, r quiz.Response) string {
	t.Helper()
	id, _, _ := strings.Cut(strings.TrimPrefix(payloadWithPrefix(t, r, "s:"), "s:"), ":") // s:<id>[:<topic>]
	return id
}

// quizCard is the quiz a response posted.
func quizCard(t *testing.T, r quiz.Response) *quiz.MultipleChoice {
	t.Helper()
	for _, m := range r.Messages {
		if m.Quiz != nil {
			return m.Quiz
		}
	}
	t.Fatalf("no quiz in response: %s", text(r))
	return nil
}

// grade shows a question's answer to user and presses its grade button g
// (1 Again … 4 Easy), as a user does.
func (e *env) grade(user, questionID string, g int) quiz.Response {
	e.t.Helper()
	shown := e.press(user, "s:"+questionID)
	return e.press(user, payloadWithPrefix(e.t, shown, fmt.Sprintf("g:%s:%d:", questionID, g)))
}

// wrongChoice is a choice other than the correct one.
func wrongChoice(c *quiz.MultipleChoice) int { return (c.Correct + 1) % len(c.Choices) }

// board reads a scope's board through the store.
func (e *env) board(week string) quiz.Board {
	e.t.Helper()
	b, err := e.store.Leaderboard(context.Background(), quiz.BoardQuery{Scope: e.scope, Week: week, User: "test:nobody", Limit: 100})
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

func (e *env) stats(user string) quiz.Stats {
	e.t.Helper()
	y, w := e.clock.Now().In(shanghai).ISOWeek()
	st, err := e.store.Stats(context.Background(), e.scope, "test:"+user, weekKey(y, w))
	if err != nil {
		e.t.Fatal(err)
	}
	return st
}

func weekKey(y, w int) string { return fmt.Sprintf("%d-W%02d", y, w) }
