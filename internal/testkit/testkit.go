// Package testkit holds the helpers tests across the tree share: the
// shipped question bank parsed once, a settable clock, an embedded Redis
// of a test's own or shared by a test binary, a log buffer read while it
// is written, and a wait for a condition (Eventually). It is imported by
// tests only.
package testkit

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/data"
	"github.com/kubequiz/kubequiz/quiz/bank"
)

var (
	bankOnce   sync.Once
	shipped    *bank.Bank
	shippedErr error
)

// ShippedBank is the embedded bank, parsed once per test binary. Tests must
// not change it.
func ShippedBank(tb testing.TB) *bank.Bank {
	tb.Helper()
	bankOnce.Do(func() { shipped, shippedErr = bank.Load(data.Banks, data.Dir) })
	if shippedErr != nil {
		tb.Fatalf("the shipped bank: %v", shippedErr)
	}
	return shipped
}

// GrownBank is the shipped bank copied n times, each copy's titles made
// distinct, as a bank that grew n times over: for benchmarks of what grows
// with the bank.
func GrownBank(tb testing.TB, n int) *bank.Bank {
	tb.Helper()
	var all []*bank.Question
	for copyNo := range n {
		qs, problems, err := bank.Read(data.Banks, data.Dir)
		if err == nil {
			err = problems.Err()
		}
		if err != nil {
			tb.Fatal(err)
		}
		for _, q := range qs {
			q.Title = fmt.Sprintf("%s（第%d套）", q.Title, copyNo+1)
		}
		all = append(all, qs...)
	}
	b, err := bank.New(all)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// Question is the shipped bank's question with this title; the test fails
// when there is none.
func Question(tb testing.TB, title string) *bank.Question {
	tb.Helper()
	return QuestionIn(tb, ShippedBank(tb), title)
}

// QuestionIn is b's question with this exact title; the test fails when
// there is none.
func QuestionIn(tb testing.TB, b *bank.Bank, title string) *bank.Question {
	tb.Helper()
	for _, q := range b.Questions() {
		if q.Title == title {
			return q
		}
	}
	tb.Fatalf("the bank has no question %q", title)
	return nil
}

// ParseBank is the bank of one Markdown file's source; the test fails when
// it does not parse or make a bank.
func ParseBank(tb testing.TB, src string) *bank.Bank {
	tb.Helper()
	b, err := bank.Load(fstest.MapFS{"test.md": {Data: []byte(src)}}, "test.md")
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return b
}

// Clock is a clock a test sets. Sleep returns at once and moves the time
// on, so that waits (pacing, retry-after) happen in virtual time; the
// durations slept are kept for checks. It is safe for concurrent use and
// serves both as a func() time.Time (Now) and as a pacing clock.
type Clock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

// NewClock is a clock that reads t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set sets the time.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// Advance moves the time on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Sleep moves the time on by d and records it, unless ctx is done.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(max(d, 0))
	c.slept = append(c.slept, d)
	return nil
}

// Slept lists the durations slept, in order.
func (c *Clock) Slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}

// Redis is a client of an embedded Redis (miniredis) of the test's own,
// closed when the test ends: for tests of core and adapter logic, which
// need a store but not a real server's behaviour. The store's contract and
// end-to-end tests run on a real redis-server (internal/redistest).
func Redis(tb testing.TB) (redis.UniversalClient, *miniredis.Miniredis) {
	tb.Helper()
	srv := miniredis.NewMiniRedis()
	if err := srv.Start(); err != nil {
		tb.Fatalf("starting an embedded Redis: %v", err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	tb.Cleanup(func() {
		_ = rdb.Close()
		srv.Close()
	})
	return rdb, srv
}

// sharedRedis is the client SharedRedis gives: of a server started by the
// first test that asks, never closed.
var sharedRedis = Shared(func(testing.TB) (*redis.Client, error) {
	srv := miniredis.NewMiniRedis()
	if err := srv.Start(); err != nil {
		return nil, fmt.Errorf("starting the shared embedded Redis: %w", err)
	}
	return redis.NewClient(&redis.Options{Addr: srv.Addr()}), nil
})

// SharedRedis is a client of an embedded Redis (miniredis) shared by every
// test of the test binary, started by the first call and left running until
// the binary exits: for tests that keep their keys apart (a workspace, a
// bot, an inbox of their own) and would otherwise start a server each.
// Tests must not flush it nor count its keys.
func SharedRedis(tb testing.TB) redis.UniversalClient {
	tb.Helper()
	return sharedRedis(tb)
}

// SharedRedisClient is a client of its own, closed when the test ends, of
// the embedded Redis that SharedRedis shares: for a test that hooks its
// client (to count its round trips, say).
func SharedRedisClient(tb testing.TB) *redis.Client {
	tb.Helper()
	c := redis.NewClient(&redis.Options{Addr: sharedRedis(tb).Options().Addr})
	tb.Cleanup(func() { _ = c.Close() })
	return c
}

// Shared is a getter of a value made once per test binary, by make on the
// first test that asks for it: for setup too costly to repeat in every
// test. When make fails, so does every test that asks.
func Shared[T any](make func(tb testing.TB) (T, error)) func(tb testing.TB) T {
	var once sync.Once
	var v T
	var err error
	return func(tb testing.TB) T {
		tb.Helper()
		once.Do(func() { v, err = make(tb) })
		if err != nil {
			tb.Fatal(err)
		}
		return v
	}
}
