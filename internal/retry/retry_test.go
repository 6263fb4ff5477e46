package retry

import (
	"context"
	"errors"
	"fmt"
	"slices"
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

func TestForeverKeepsTryingPastAnyDeadlineWithDoublingWaits(t *testing.T) {
	clk := newClock()
	var told []time.Duration
	calls := 0
	p := Forever{Clock: clk, Retrying: func(err error, wait time.Duration) {
		if !errors.Is(err, errDown) {
			t.Errorf("told of %v", err)
		}
		told = append(told, wait)
	}}
	// Failures of any kind, not only those marked transient.
	err := p.Do(context.Background(), func(context.Context) error {
		if calls++; calls <= 100 {
			return errDown
		}
		return nil
	})
	if err != nil || calls != 101 {
		t.Fatalf("got %v after %d calls, want nil after 101", err, calls)
	}
	slept := clk.Slept()
	want := []time.Duration{1, 2, 4, 8, 16, 30, 30}
	for i, w := range want {
		if slept[i] != w*time.Second {
			t.Fatalf("waits %v, want %v s, then 30 s", slept[:len(want)], want)
		}
	}
	if len(slept) != 100 || slept[99] != 30*time.Second || !slices.Equal(told, slept) {
		t.Errorf("%d waits (the last %s), told of %d: want 100 of at most 30 s, each told", len(slept), slept[len(slept)-1], len(told))
	}
}

func TestForeverStopsAtAFatalError(t *testing.T) {
	refused := errors.New("401 Unauthorized")
	calls := 0
	p := Forever{Clock: newClock(), Fatal: func(err error) error {
		if errors.Is(err, refused) {
			return fmt.Errorf("the token was refused: %w", err)
		}
		return nil
	}}
	err := p.Do(context.Background(), func(context.Context) error {
		if calls++; calls < 3 {
			return errDown
		}
		return refused
	})
	if !errors.Is(err, refused) || err.Error() != "the token was refused: 401 Unauthorized" || calls != 3 {
		t.Errorf("got %v after %d calls, want Fatal's error after the third", err, calls)
	}
}

func TestForeverWaitsOutARetryAfterAndDoublesFromIt(t *testing.T) {
	clk := newClock()
	calls := 0
	err := Forever{Clock: clk, Max: time.Hour}.Do(context.Background(), func(context.Context) error {
		if calls++; calls == 1 {
			return &pacing.RetryAfterError{After: 7 * time.Second, Err: errDown}
		}
		if calls < 3 {
			return errDown
		}
		return nil
	})
	if slept := clk.Slept(); err != nil || !slices.Equal(slept, []time.Duration{7 * time.Second, 14 * time.Second}) {
		t.Errorf("got %v, slept %v; want 7 s, then 14 s", err, slept)
	}
}

func TestForeverReturnsNilWhenTheContextIsDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := Forever{Clock: newClock(), Fatal: func(err error) error { return err }}.Do(ctx, func(context.Context) error {
		calls++
		cancel()
		return errDown
	})
	if err != nil || calls != 1 {
		t.Errorf("got %v after %d calls, want nil after one: a failure of a call cut short is not fatal", err, calls)
	}
	clk := newClock()
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	err = Forever{Clock: clk}.Do(ctx, func(ctx context.Context) error { return errDown })
	if err != nil || len(clk.Slept()) > 0 {
		t.Errorf("got %v, slept %v; want nil at once", err, clk.Slept())
	}
}

// TestACallInDoubtIsTriedAgainOnceOnly: with OnInDoubt set, a call whose
// attempts fail in doubt is made twice, never more, and OnInDoubt is told
// of each failure (again, then given up); a failure that is merely
// transient before or between them is tried again as usual. Without
// OnInDoubt, a failure in doubt is tried again as any transient one.
func TestACallInDoubtIsTriedAgainOnceOnly(t *testing.T) {
	errLost := errors.New("no answer within 15s")
	attempts := func(errs ...error) (func(context.Context) error, *int) {
		calls := 0
		return func(context.Context) error {
			calls++
			if calls <= len(errs) {
				return errs[calls-1]
			}
			return nil
		}, &calls
	}
	for _, c := range []struct {
		name      string
		errs      []error
		calls     int
		told      []bool
		failed    bool
		unlimited bool
	}{
		{name: "in doubt always", errs: slices.Repeat([]error{InDoubt(errLost)}, 5), calls: 2, told: []bool{true, false}, failed: true},
		{name: "in doubt once", errs: []error{InDoubt(errLost)}, calls: 2, told: []bool{true}},
		{name: "not sent between", errs: []error{Transient(errDown), InDoubt(errLost), Transient(errDown), InDoubt(errLost), InDoubt(errLost)}, calls: 4, told: []bool{true, false}, failed: true},
		{name: "wrapped", errs: slices.Repeat([]error{Transient(fmt.Errorf("posting: %w", InDoubt(errLost)))}, 3), calls: 2, told: []bool{true, false}, failed: true},
		{name: "without OnInDoubt", errs: slices.Repeat([]error{InDoubt(errLost)}, 4), calls: 5, unlimited: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var told []bool
			p := Policy{Within: time.Hour, Clock: newClock()}
			if !c.unlimited {
				p.OnInDoubt = func(err error, again bool) {
					if !errors.Is(err, errLost) {
						t.Errorf("told of %v", err)
					}
					told = append(told, again)
				}
			}
			f, calls := attempts(c.errs...)
			err := p.Do(context.Background(), f)
			if *calls != c.calls || (err != nil) != c.failed || fmt.Sprint(told) != fmt.Sprint(c.told) {
				t.Errorf("%d calls, error %v, told %v; want %d calls, failed %v, told %v", *calls, err, told, c.calls, c.failed, c.told)
			}
			if c.failed && !errors.Is(err, errLost) {
				t.Errorf("the error %v does not say what failed", err)
			}
		})
	}
	if !IsTransient(InDoubt(errLost)) || IsInDoubt(Transient(errLost)) || InDoubt(nil) != nil {
		t.Error("InDoubt is transient; Transient is not in doubt; nil stays nil")
	}
}
