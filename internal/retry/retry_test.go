package retry

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

func newClock() *testkit.Clock { return testkit.NewClock(time.Unix(1_700_000_000, 0)) }

var errDown = errors.New("502 Bad Gateway")

// failing fails transiently n times, then succeeds; calls counts attempts.
func failing(n int, calls *int) func(context.Context) error {
	return func(context.Context) error {
		*calls++
		if *calls <= n {
			return Transient(errDown)
		}
		return nil
	}
}

func TestTransientFailuresAreRetriedWithGrowingJitteredWaits(t *testing.T) {
	clk := newClock()
	p := Policy{First: 100 * time.Millisecond, Max: 800 * time.Millisecond, Within: time.Hour, Clock: clk}
	calls := 0
	if err := p.Do(context.Background(), failing(6, &calls)); err != nil {
		t.Fatal(err)
	}
	if calls != 7 {
		t.Fatalf("%d calls, want 7", calls)
	}
	slept := clk.Slept()
	nominal := []time.Duration{100, 200, 400, 800, 800, 800}
	if len(slept) != len(nominal) {
		t.Fatalf("slept %v", slept)
	}
	for i, d := range slept {
		if n := nominal[i] * time.Millisecond; d < n/2 || d > n {
			t.Errorf("wait %d was %s, want between %s and %s", i+1, d, n/2, n)
		}
	}
}

func TestJitterSpreadsCallersApart(t *testing.T) {
	seen := map[time.Duration]bool{}
	for range 20 {
		clk := newClock()
		calls := 0
		_ = Policy{First: time.Second, Clock: clk}.Do(context.Background(), failing(1, &calls))
		seen[clk.Slept()[0]] = true
	}
	if len(seen) < 10 {
		t.Errorf("20 callers waited only %d different times: no jitter", len(seen))
	}
}

func TestRefusalsAreNotRetried(t *testing.T) {
	refused := errors.New("400 Bad Request: chat not found")
	calls := 0
	err := Policy{Clock: newClock()}.Do(context.Background(), func(context.Context) error {
		calls++
		return refused
	})
	if !errors.Is(err, refused) || calls != 1 {
		t.Errorf("got %v after %d calls, want the refusal after one", err, calls)
	}
}

func TestGivesUpAtTheDeadline(t *testing.T) {
	clk := newClock()
	calls := 0
	p := Policy{First: time.Second, Max: 4 * time.Second, Within: 20 * time.Second, Clock: clk}
	start := clk.Now()
	err := p.Do(context.Background(), failing(1000, &calls))
	if !errors.Is(err, errDown) || !IsTransient(err) {
		t.Fatalf("got %v, want the last failure, still transient", err)
	}
	if took := clk.Now().Sub(start); took > 20*time.Second {
		t.Errorf("kept trying for %s, past the 20 s deadline", took)
	}
	if calls < 5 {
		t.Errorf("gave up after %d calls", calls)
	}
}

func TestRetryAfterIsWaitedOut(t *testing.T) {
	clk := newClock()
	calls := 0
	err := Policy{Clock: clk}.Do(context.Background(), func(context.Context) error {
		calls++
		if calls == 1 {
			return &pacing.RetryAfterError{After: 7 * time.Second, Err: errDown}
		}
		return nil
	})
	if err != nil || calls != 2 {
		t.Fatalf("got %v after %d calls", err, calls)
	}
	if slept := clk.Slept(); len(slept) != 1 || slept[0] < 7*time.Second {
		t.Errorf("slept %v, want at least the 7 s asked", slept)
	}
}

func TestStopsWhenTheContextIsDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := Policy{Clock: newClock()}.Do(ctx, func(context.Context) error {
		calls++
		cancel()
		return Transient(errDown)
	})
	if !errors.Is(err, errDown) || calls != 1 {
		t.Errorf("got %v after %d calls, want one call", err, calls)
	}
}

func TestTransientKeepsNil(t *testing.T) {
	if Transient(nil) != nil || IsTransient(nil) || IsTransient(errDown) {
		t.Error("nil or an unmarked error counted as transient")
	}
}
