package pacing

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// fakeClock advances only when slept on.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return ctx.Err()
}

func TestPerConversationAndGlobalLimits(t *testing.T) {
	clk := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	p := New(Config{
		Global: Per(30, time.Second),
		Rules: func(c string) []Rule {
			rules := []Rule{Per(1, time.Second)}
			if c[0] == '-' { // a group
				rules = append(rules, Per(20, time.Minute))
			}
			return rules
		},
		Clock: clk,
	})
	ctx := context.Background()
	start := clk.Now()
	for range 5 {
		if err := p.Wait(ctx, "42"); err != nil {
			t.Fatal(err)
		}
	}
	if got := clk.Now().Sub(start); got != 4*time.Second {
		t.Errorf("5 messages to one chat took %s, want 4s at 1/s", got)
	}
	start = clk.Now()
	for range 21 {
		p.Wait(ctx, "-100")
	}
	if got := clk.Now().Sub(start); got < time.Minute {
		t.Errorf("21 messages to one group took %s, want at least a minute at 20/min", got)
	}
	start = clk.Now()
	for i := range 61 {
		p.Wait(ctx, string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	if got := clk.Now().Sub(start); got < 1900*time.Millisecond || got > 2100*time.Millisecond {
		t.Errorf("61 messages to 61 chats took %s, want about 2s at 30/s overall", got)
	}
}

func TestRetryAfterIsWaitedAndTheMessageDelivered(t *testing.T) {
	clk := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	var waits []time.Duration
	p := New(Config{Clock: clk, OnWait: func(d time.Duration, retry bool) {
		if retry {
			waits = append(waits, d)
		}
	}})
	calls := 0
	start := clk.Now()
	err := p.Send(context.Background(), "c", func(context.Context) error {
		calls++
		if calls == 1 {
			return &RetryAfterError{After: 2 * time.Second, Err: errors.New("429")}
		}
		return nil
	})
	if err != nil || calls != 2 {
		t.Fatalf("err %v after %d calls", err, calls)
	}
	if got := clk.Now().Sub(start); got != 2*time.Second || len(waits) != 1 {
		t.Errorf("waited %s (%v), want 2s once", got, waits)
	}
}

func TestRetriesAreBoundedAndOtherErrorsReturnAtOnce(t *testing.T) {
	clk := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	p := New(Config{Clock: clk, MaxRetries: 3})
	calls := 0
	err := p.Send(context.Background(), "c", func(context.Context) error {
		calls++
		return &RetryAfterError{After: time.Second, Err: errors.New("429")}
	})
	var ra *RetryAfterError
	if !errors.As(err, &ra) || calls != 4 {
		t.Errorf("err %v after %d calls, want the 429 after 4", err, calls)
	}
	calls = 0
	boom := errors.New("boom")
	if err := p.Send(context.Background(), "c", func(context.Context) error { calls++; return boom }); !errors.Is(err, boom) || calls != 1 {
		t.Errorf("a plain error: %v after %d calls", err, calls)
	}
}

func TestACancelledWaitReturns(t *testing.T) {
	p := New(Config{Rules: func(string) []Rule { return []Rule{Per(1, time.Hour)} }})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	p.Wait(ctx, "c")
	if err := p.Wait(ctx, "c"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a wait past the deadline returned %v", err)
	}
}

func TestIdleConversationsAreForgotten(t *testing.T) {
	clk := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	p := New(Config{Clock: clk, Rules: func(string) []Rule { return []Rule{Per(1, time.Second)} }})
	ctx := context.Background()
	for i := range sweepAt {
		p.Wait(ctx, fmt.Sprint("old", i))
	}
	clk.Sleep(ctx, idleAfter+time.Minute)
	p.Wait(ctx, "recent")
	p.Wait(ctx, "new")
	if got := p.size(); got > 2 {
		t.Errorf("%d conversations remembered after the idle ones were swept, want 2", got)
	}
	start := clk.Now()
	p.Wait(ctx, "new")
	if clk.Now().Sub(start) != time.Second {
		t.Errorf("a remembered conversation is still paced: waited %s", clk.Now().Sub(start))
	}
}
