package pacing

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/testkit"
)

func newClock() *testkit.Clock { return testkit.NewClock(time.Unix(1_700_000_000, 0)) }

// onePerSecond is a conversation's rule in most tests.
func onePerSecond(string) []Rule { return []Rule{Per(1, time.Second)} }

// gatedClock is virtual time whose sleeps wait until the test opens the
// gate, so that a test can hold messages in their wait.
type gatedClock struct {
	*testkit.Clock
	sleeping chan time.Duration
	gate     chan struct{}
}

func newGatedClock() *gatedClock {
	return &gatedClock{Clock: newClock(), sleeping: make(chan time.Duration, 16), gate: make(chan struct{})}
}

func (c *gatedClock) Sleep(ctx context.Context, d time.Duration) error {
	c.sleeping <- d
	select {
	case <-c.gate:
	case <-ctx.Done():
		return ctx.Err()
	}
	return c.Clock.Sleep(ctx, d)
}

func TestPerConversationAndGlobalLimits(t *testing.T) {
	clk := newClock()
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
		if err := p.wait(ctx, "", "42"); err != nil {
			t.Fatal(err)
		}
	}
	if got := clk.Now().Sub(start); got != 4*time.Second {
		t.Errorf("5 messages to one chat took %s, want 4s at 1/s", got)
	}
	start = clk.Now()
	for range 21 {
		p.wait(ctx, "", "-100")
	}
	if got := clk.Now().Sub(start); got < time.Minute {
		t.Errorf("21 messages to one group took %s, want at least a minute at 20/min", got)
	}
	start = clk.Now()
	for i := range 61 {
		p.wait(ctx, "", "chat"+strconv.Itoa(i))
	}
	if got := clk.Now().Sub(start); got < 1900*time.Millisecond || got > 2100*time.Millisecond {
		t.Errorf("61 messages to 61 chats took %s, want about 2s at 30/s overall", got)
	}
}

func TestRetryAfterIsWaitedAndTheMessageDelivered(t *testing.T) {
	clk := newClock()
	var waits []time.Duration
	p := New(Config{Clock: clk, OnWait: func(d time.Duration, retry bool) {
		if retry {
			waits = append(waits, d)
		}
	}})
	calls := 0
	start := clk.Now()
	err := p.SendMethod(context.Background(), "", "c", func(context.Context) error {
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
	p := New(Config{Clock: newClock(), MaxRetries: 3})
	calls := 0
	err := p.SendMethod(context.Background(), "", "c", func(context.Context) error {
		calls++
		return &RetryAfterError{After: time.Second, Err: errors.New("429")}
	})
	var ra *RetryAfterError
	if !errors.As(err, &ra) || calls != 4 {
		t.Errorf("err %v after %d calls, want the 429 after 4", err, calls)
	}
	calls = 0
	boom := errors.New("boom")
	if err := p.SendMethod(context.Background(), "", "c", func(context.Context) error { calls++; return boom }); !errors.Is(err, boom) || calls != 1 {
		t.Errorf("a plain error: %v after %d calls", err, calls)
	}
}

func TestACancelledWaitReturns(t *testing.T) {
	p := New(Config{Rules: func(string) []Rule { return []Rule{Per(1, time.Hour)} }})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	p.wait(ctx, "", "c")
	if err := p.wait(ctx, "", "c"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a wait past the deadline returned %v", err)
	}
	if p.remembered() != 1 {
		t.Errorf("the conversation should be remembered once its wait is cancelled: %d", p.remembered())
	}
}

func TestRefilledConversationsAreForgottenAndOthersStillPaced(t *testing.T) {
	clk := newClock()
	p := New(Config{Clock: clk, Rules: onePerSecond})
	ctx := context.Background()
	for i := range 10_000 {
		p.wait(ctx, "", "old"+strconv.Itoa(i))
	}
	clk.Advance(time.Second) // every "old" conversation has refilled
	p.wait(ctx, "", "recent")
	clk.Advance(500 * time.Millisecond)
	p.wait(ctx, "", "new")
	if got := p.remembered(); got != 2 {
		t.Errorf("%d conversations remembered, want 2: the refilled ones are forgotten", got)
	}
	start := clk.Now()
	p.wait(ctx, "", "recent")
	if got := clk.Now().Sub(start); got != 500*time.Millisecond {
		t.Errorf("a conversation that has not refilled is still paced: waited %s, want 500ms", got)
	}
}

func TestTheCapEvictsTheLeastRecentlyUsed(t *testing.T) {
	clk := newClock()
	var drops []Drop
	p := New(Config{Clock: clk, Rules: onePerSecond, MaxConversations: 3, OnDrop: func(d Drop) { drops = append(drops, d) }})
	ctx := context.Background()
	for _, c := range []string{"a", "b", "c"} {
		p.wait(ctx, "", c)
		clk.Advance(100 * time.Millisecond)
	}
	p.wait(ctx, "", "a") // waits out its second; b is now the least recently used
	p.wait(ctx, "", "d")
	if p.remembered() != 3 || len(drops) != 1 || drops[0] != Evicted {
		t.Fatalf("%d remembered, drops %v: want 3 and one eviction", p.remembered(), drops)
	}
	start := clk.Now()
	p.wait(ctx, "", "b")
	if clk.Now() != start {
		t.Errorf("b should have been evicted (a fresh limiter), but waited %s", clk.Now().Sub(start))
	}
	p.wait(ctx, "", "d")
	if clk.Now().Sub(start) != time.Second {
		t.Errorf("d should still be paced, waited %s", clk.Now().Sub(start))
	}
}

func TestTheCapHoldsUnderAFlood(t *testing.T) {
	clk := newClock()
	evicted := 0
	p := New(Config{Clock: clk, Rules: onePerSecond, MaxConversations: 1000, OnDrop: func(Drop) { evicted++ }})
	ctx := context.Background()
	for i := range 5000 {
		if err := p.wait(ctx, "", "c"+strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
		if p.remembered() > 1000 {
			t.Fatalf("%d conversations remembered, over the cap", p.remembered())
		}
	}
	if evicted != 4000 {
		t.Errorf("%d evictions counted, want 4000", evicted)
	}
}

func TestWaitingConversationsAreKeptAndNewOnesShedAtTheCap(t *testing.T) {
	clk := newGatedClock()
	var mu sync.Mutex
	var drops []Drop
	p := New(Config{Clock: clk, Rules: onePerSecond, MaxConversations: 2, OnDrop: func(d Drop) {
		mu.Lock()
		defer mu.Unlock()
		drops = append(drops, d)
	}})
	ctx := context.Background()
	p.wait(ctx, "", "a")
	p.wait(ctx, "", "b")
	var waits sync.WaitGroup
	for _, c := range []string{"a", "b"} {
		waits.Go(func() {
			if err := p.wait(ctx, "", c); err != nil {
				t.Error(err)
			}
		})
		<-clk.sleeping // held in its wait
	}
	if err := p.wait(ctx, "", "c"); !errors.Is(err, ErrShed) {
		t.Errorf("a new conversation while every remembered one waits: %v, want ErrShed", err)
	}
	close(clk.gate)
	waits.Wait()
	if err := p.wait(ctx, "", "c"); err != nil {
		t.Errorf("once the waits are over a new conversation is taken: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if p.remembered() > 2 || len(drops) != 1 || drops[0] != Shed {
		t.Errorf("%d remembered, drops %v: want at most 2 and one shed", p.remembered(), drops)
	}
}

func TestARetryAfterPausesTheMethodForEveryone(t *testing.T) {
	clk := newClock()
	var retryWaits time.Duration
	p := New(Config{Clock: clk, Rules: onePerSecond, MaxRetries: 1, OnWait: func(d time.Duration, retry bool) {
		if retry {
			retryWaits += d
		}
	}})
	ctx := context.Background()
	start := clk.Now()
	var at []time.Duration
	throttled := func(context.Context) error {
		at = append(at, clk.Now().Sub(start))
		return &RetryAfterError{After: 5 * time.Second, Err: errors.New("429")}
	}
	if err := p.SendMethod(ctx, "chat.postMessage", "c1", throttled); err == nil {
		t.Fatal("a message refused on every try was sent")
	}
	if len(at) != 2 || at[1] != 5*time.Second {
		t.Errorf("tries at %v, want at 0s and 5s", at)
	}
	sentAt := func(method, conversation string) time.Duration {
		var t time.Duration
		p.SendMethod(ctx, method, conversation, func(context.Context) error { t = clk.Now().Sub(start); return nil })
		return t
	}
	if got := sentAt("chat.update", "c2"); got != 5*time.Second {
		t.Errorf("another method waited until %s, want no pause", got)
	}
	if got := sentAt("chat.postMessage", "c3"); got != 10*time.Second {
		t.Errorf("another conversation's message sent at %s, want after the method's pause, at 10s", got)
	}
	if got := sentAt("chat.postMessage", "c4"); got != 10*time.Second {
		t.Errorf("a message after the pause sent at %s, want at once", got)
	}
	if retryWaits != 10*time.Second {
		t.Errorf("retry waits told: %s, want 10s", retryWaits)
	}
	if len(p.paused) != 0 {
		t.Errorf("pauses that have passed are kept: %v", p.paused)
	}
}

// TestAFloodedConversationShedsBeyondItsBacklog: messages to one
// conversation wait their turn up to MaxBacklog; one that would wait longer
// is shed at once (a flooding group holds no more of its senders' time),
// while another conversation is paced as usual, and the flooded one takes
// messages again as its limits refill.
func TestAFloodedConversationShedsBeyondItsBacklog(t *testing.T) {
	clk := newGatedClock()
	var mu sync.Mutex
	var drops []Drop
	p := New(Config{Clock: clk, Rules: onePerSecond, MaxBacklog: 2 * time.Second, OnDrop: func(d Drop) {
		mu.Lock()
		defer mu.Unlock()
		drops = append(drops, d)
	}})
	ctx := context.Background()
	if err := p.wait(ctx, "", "-100"); err != nil {
		t.Fatal(err)
	}
	var waits sync.WaitGroup
	for range 2 { // 1 s and 2 s behind: within the backlog
		waits.Go(func() {
			if err := p.wait(ctx, "", "-100"); err != nil {
				t.Error(err)
			}
		})
		<-clk.sleeping
	}
	if err := p.wait(ctx, "", "-100"); !errors.Is(err, ErrShed) {
		t.Errorf("a message 3 s behind its conversation, the backlog 2 s: %v, want ErrShed", err)
	}
	if err := p.wait(ctx, "", "42"); err != nil {
		t.Errorf("another conversation: %v", err)
	}
	close(clk.gate)
	waits.Wait()
	clk.Advance(3 * time.Second)
	if err := p.wait(ctx, "", "-100"); err != nil {
		t.Errorf("the flooded conversation once its limits refilled: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(drops) != 1 || drops[0] != Shed {
		t.Errorf("drops %v, want one shed", drops)
	}
}

// remembered is how many conversations the pacer remembers.
func (p *Pacer) remembered() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.conversations)
}

// TestASenderFillsNoMoreThanItsShareOfTheBacklog: beyond SenderBacklog, a
// message whose sender has another waiting in the conversation is shed,
// while another sender's first message waits its turn, up to MaxBacklog:
// what a group cannot take is the flooder's. Unset, SenderBacklog is half
// of MaxBacklog.
func TestASenderFillsNoMoreThanItsShareOfTheBacklog(t *testing.T) {
	for name, cfg := range map[string]Config{
		"set":   {MaxBacklog: 4 * time.Second, SenderBacklog: 2 * time.Second},
		"unset": {MaxBacklog: 4 * time.Second},
	} {
		t.Run(name, func(t *testing.T) { aSenderFloods(t, cfg) })
	}
}

// aSenderFloods checks that a pacer of cfg, whose MaxBacklog is 4 s and
// SenderBacklog 2 s, sheds a flooder's messages beyond 2 s and the
// others' beyond 4 s, at one message a second.
func aSenderFloods(t *testing.T, cfg Config) {
	clk := newGatedClock()
	cfg.Clock, cfg.Rules = clk, onePerSecond
	p := New(cfg)
	flooder, bob, carol := WithSender(t.Context(), "eve"), WithSender(t.Context(), "bob"), WithSender(t.Context(), "carol")
	if err := p.wait(flooder, "", "-100"); err != nil {
		t.Fatal(err)
	}
	var waits sync.WaitGroup
	hold := func(ctx context.Context, what string) {
		waits.Go(func() {
			if err := p.wait(ctx, "", "-100"); err != nil {
				t.Errorf("%s: %v", what, err)
			}
		})
		<-clk.sleeping
	}
	hold(flooder, "the flood's 2nd, 1 s behind")
	hold(flooder, "the flood's 3rd, 2 s behind")
	for i := range 5 {
		if err := p.wait(flooder, "", "-100"); !errors.Is(err, ErrShed) {
			t.Errorf("the flood's %dth, 3 s behind, its sender with two waiting: %v, want ErrShed", i+4, err)
		}
	}
	hold(bob, "bob's, 3 s behind")
	hold(carol, "carol's, 4 s behind")
	if err := p.wait(WithSender(t.Context(), "dave"), "", "-100"); !errors.Is(err, ErrShed) {
		t.Errorf("dave's, 5 s behind, past MaxBacklog: %v, want ErrShed", err)
	}
	close(clk.gate)
	waits.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if c := p.conversations["-100"]; c != nil && len(c.senders) > 0 {
		t.Errorf("senders still counted once all were sent: %v", c.senders)
	}
}
