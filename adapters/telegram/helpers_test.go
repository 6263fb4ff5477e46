package telegram

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/mcq"
	"github.com/kubequiz/kubequiz/redisstore"
	"github.com/redis/go-redis/v9"
)

// newFakeClock is a clock whose Sleep returns at once, moving its time on:
// pacing and retry_after waits happen in virtual time.
func newFakeClock() *testkit.Clock {
	return testkit.NewClock(time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC))
}

// deps are what the bot gives the adapter: the core, and the store's
// inbox and values.
func deps(core quiz.Handler, st *redisstore.Store, log *slog.Logger) adapters.Deps {
	return adapters.Deps{
		Core: core, Values: st, Scopes: st, Log: log,
		Inbox: func(name string) edge.Inbox { return st.Inbox(name, redisstore.InboxOptions{}) },
	}
}

// botCount gives each env a bot of its own, so that tests sharing the Redis
// server keep apart (keys are per bot, scopes per chat).
var botCount atomic.Int64

const testSecret = "s3cret-Token_1"

// env is a fake Bot API and the quiz core on an embedded Redis, for one
// bot; the envs share the Redis and the core (see sharedCore).
type env struct {
	t     testing.TB
	api   *telegramtest.Server
	store *redisstore.Store
	rdb   redis.UniversalClient
	trips *redistest.RoundTrips
	core  *quiz.Service
	clock *testkit.Clock
	logs  *testkit.LogBuffer
	cfg   Config
	// lang is the bot's default language the adapters are given
	// (adapters.Deps.Lang); "" for both.
	lang quiz.Lang
	// waits counts the adapters' waits for a 429's retry_after.
	waits testkit.RetryWaits
	// onRefused, if set, is the adapters' adapters.Deps.OnRefused.
	onRefused func(path, reason string)
	// group is a group chat and alice … dave are users, all the env's own.
	group                   int64
	alice, bob, carol, dave int64
}

// newEnv sets up an env whose adapters use webhook mode and pace messages
// in virtual time.
func newEnv(t testing.TB) *env {
	t.Helper()
	e := setup(t, newFakeClock())
	e.cfg.WebhookURL, e.cfg.WebhookSecret = "https://bot.example.com/telegram/webhook", testSecret
	return e
}

// newPollingEnv sets up an env whose adapters poll, in real time.
func newPollingEnv(t testing.TB) *env {
	t.Helper()
	return setup(t, nil)
}

// shippedQuizzes is the quiz generator of the shipped bank, built once
// for the package's cores (quiz.Config.Quizzes): it indexes every
// question, a third of a second under -race.
var shippedQuizzes = testkit.Shared(func(tb testing.TB) (*mcq.Generator, error) {
	return mcq.NewGenerator(testkit.ShippedBank(tb)), nil
})

// coreConfig is the core of the envs on store: English, its draws
// seeded, at a fixed time.
func coreConfig(t testing.TB, store *redisstore.Store) quiz.Config {
	return quiz.Config{
		Bank: testkit.ShippedBank(t), Quizzes: shippedQuizzes(t), Store: store, Lang: "en", Rand: rand.NewPCG(3, 5),
		Now: func() time.Time { return time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC) },
	}
}

// sharedCore is the core the envs share, on the embedded Redis they
// share: quiz.New indexes the bank for its quizzes, a fifth of a second
// under -race, and the core keeps nothing of its own but by chat. Its
// store's round trips are not an env's (see ownCore).
var sharedCore = testkit.Shared(func(tb testing.TB) (*quiz.Service, error) {
	return quiz.New(coreConfig(tb, redisstore.New(testkit.SharedRedis(tb))))
})

// ownCore gives the env a core of its own on its store, whose round trips
// the env counts; call it before start.
func (e *env) ownCore() {
	e.t.Helper()
	core, err := quiz.New(coreConfig(e.t, e.store))
	if err != nil {
		e.t.Fatal(err)
	}
	e.core = core
}

// setup makes an env; with a clock, the adapters and the fake API run on it.
func setup(t testing.TB, clock *testkit.Clock) *env {
	n := botCount.Add(1)
	token := fmt.Sprintf("%d:TEST-token_%s", 700000+n, strings.Repeat("x", 30))
	opts := telegramtest.Options{}
	cfg := Config{PollTimeout: time.Second, LeaseTTL: 3 * time.Second}
	if clock != nil {
		opts.Now, cfg.Clock = clock.Now, clock
	}
	api := telegramtest.NewServer(token, opts)
	t.Cleanup(api.Close)
	cfg.Token, cfg.APIEndpoint = token, api.Endpoint()
	rdb := testkit.SharedRedisClient(t)
	trips := &redistest.RoundTrips{}
	rdb.AddHook(trips)
	store := redisstore.New(rdb)
	if err := store.Preload(context.Background()); err != nil { // as the bot does at start
		t.Fatal(err)
	}
	return &env{
		t: t, api: api, store: store, rdb: rdb, trips: trips, core: sharedCore(t), clock: clock, logs: &testkit.LogBuffer{T: t}, cfg: cfg,
		group: -1000000000 - n,
		alice: 100*n + 1, bob: 100*n + 2, carol: 100*n + 3, dave: 100*n + 4,
	}
}

// running is an adapter running until stopped or the test ends.
type running struct {
	*Adapter
	stop func()
}

// start runs an adapter on the env and waits until it is ready.
func (e *env) start() running {
	e.t.Helper()
	d := deps(e.core, e.store, slogTo(e.logs))
	d.OnWait, d.Lang, d.OnRefused = e.waits.OnWait, e.lang, e.onRefused
	a, err := New(e.cfg, d)
	if err != nil {
		e.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				e.t.Errorf("Run: %v", err)
			}
		})
	}
	e.t.Cleanup(stop)
	testkit.Eventually(e.t, "the adapter to be ready", a.Ready)
	return running{a, stop}
}

// slogTo is a logger writing to w, debug lines included.
func slogTo(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// post delivers an update to the adapter's webhook with the given secret
// and returns the HTTP status.
func post(a *Adapter, update []byte, secret string) int {
	req := httptest.NewRequest(http.MethodPost, WebhookPath, bytes.NewReader(update))
	if secret != "" {
		req.Header.Set(secretHeader, secret)
	}
	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, req)
	return rec.Code
}

// deliver posts updates with the right secret, failing on any refusal.
func (e *env) deliver(a *Adapter, updates ...[]byte) {
	e.t.Helper()
	for _, u := range updates {
		if code := post(a, u, testSecret); code != http.StatusOK {
			e.t.Fatalf("webhook answered %d", code)
		}
	}
}

// await waits for n successful calls of method.
func (e *env) await(method string, n int) []telegramtest.Call {
	e.t.Helper()
	calls, err := e.api.Await(10*time.Second, method, n)
	if err != nil {
		e.t.Fatal(err)
	}
	return calls
}

// points is a user's all-time points in a chat.
func (e *env) points(chat, user int64) int64 {
	e.t.Helper()
	st, err := e.store.Stats(context.Background(), fmt.Sprintf("tg:%d", chat), fmt.Sprintf("tg:%d", user), "")
	if err != nil {
		e.t.Fatal(err)
	}
	return st.Points
}

// checkHTML fails the test unless text is HTML Telegram takes.
func checkHTML(t *testing.T, text string) string {
	t.Helper()
	visible, err := telegramtest.CheckHTML(text)
	if err != nil {
		t.Fatalf("invalid HTML (%v):\n%s", err, text)
	}
	if n := telegramtest.Len(text); n > maxText {
		t.Fatalf("a message of %d characters", n)
	}
	return visible
}
