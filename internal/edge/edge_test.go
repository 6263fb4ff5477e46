package edge_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/redisstore"
)

// recorder is a worker that records what it handled.
type recorder struct {
	mu        sync.Mutex
	handled   map[string]int
	apologies []string
	work      func(d edge.Delivery) error
}

func (r *recorder) Work(_ context.Context, d edge.Delivery) error {
	var err error
	if r.work != nil {
		err = r.work(d)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handled[string(d.Body)]++
	return err
}

func (r *recorder) Apologize(_ context.Context, d edge.Delivery) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.apologies = append(r.apologies, string(d.Body))
}

func (r *recorder) count() (int, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.handled), len(r.apologies)
}

func inbox(t *testing.T, o redisstore.InboxOptions) *redisstore.Inbox {
	rdb, _ := testkit.Redis(t)
	return redisstore.New(rdb).Inbox("test", o)
}

func accept(t *testing.T, in edge.Inbox, n int) {
	t.Helper()
	for i := range n {
		if _, err := in.Accept(context.Background(), edge.Delivery{ID: fmt.Sprint(i), Kind: "k", Body: []byte(fmt.Sprint(i))}); err != nil {
			t.Fatal(err)
		}
	}
}

func eventually(t *testing.T, what string, f func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !f(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 10 s", what)
		}
	}
}

func TestEveryDeliveryIsHandledOnceAndRemoved(t *testing.T) {
	in := inbox(t, redisstore.InboxOptions{})
	accept(t, in, 200)
	w := &recorder{handled: map[string]int{}}
	r := edge.NewRunner(in, w, edge.Config{Workers: 8})
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- r.Run(ctx) }()
	eventually(t, "200 handled", func() bool { n, _ := w.count(); return n == 200 })
	eventually(t, "the inbox emptied", func() bool { n, _ := in.Backlog(context.Background()); return n == 0 })
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for body, n := range w.handled {
		if n != 1 {
			t.Errorf("%s handled %d times", body, n)
		}
	}
}

func TestAPanicBecomesAnApologyAndTheRunnerGoesOn(t *testing.T) {
	in := inbox(t, redisstore.InboxOptions{})
	accept(t, in, 3)
	w := &recorder{handled: map[string]int{}, work: func(d edge.Delivery) error {
		if string(d.Body) == "1" {
			panic("boom")
		}
		return nil
	}}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go func() { _ = edge.NewRunner(in, w, edge.Config{}).Run(ctx) }()
	eventually(t, "the others handled and the panic apologised for", func() bool { n, a := w.count(); return n == 2 && a == 1 })
	eventually(t, "the inbox emptied", func() bool { n, _ := in.Backlog(context.Background()); return n == 0 })
	if w.apologies[0] != "1" {
		t.Errorf("apologised for %v", w.apologies)
	}
}

func TestShutdownFinishesWhatIsInHandAndLeavesTheRest(t *testing.T) {
	in := inbox(t, redisstore.InboxOptions{})
	accept(t, in, 10)
	release := make(chan struct{})
	var started atomic.Int64
	w := &recorder{handled: map[string]int{}, work: func(edge.Delivery) error {
		started.Add(1)
		<-release
		return nil
	}}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- edge.NewRunner(in, w, edge.Config{Workers: 2}).Run(ctx) }()
	eventually(t, "two in hand", func() bool { return started.Load() == 2 })
	stop()
	select {
	case <-done:
		t.Fatal("Run returned with work in hand")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n, _ := w.count(); n != 2 {
		t.Errorf("%d handled, want the 2 in hand", n)
	}
	if n, _ := in.Backlog(context.Background()); n != 8 {
		t.Errorf("backlog %d after shutdown, want the 8 not taken", n)
	}
}

func TestWorkLongerThanTheClaimIdleIsNotTakenOver(t *testing.T) {
	rdb, _ := testkit.Redis(t)
	st := redisstore.New(rdb)
	opts := redisstore.InboxOptions{ClaimIdle: 300 * time.Millisecond}
	slow := st.Inbox("test", opts)
	accept(t, slow, 1)
	release := make(chan struct{})
	w := &recorder{handled: map[string]int{}, work: func(edge.Delivery) error { <-release; return nil }}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go func() { _ = edge.NewRunner(slow, w, edge.Config{TouchEvery: 50 * time.Millisecond}).Run(ctx) }()
	time.Sleep(100 * time.Millisecond)
	other := &recorder{handled: map[string]int{}}
	ctx2, stop2 := context.WithCancel(context.Background())
	defer stop2()
	go func() { _ = edge.NewRunner(st.Inbox("test", opts), other, edge.Config{}).Run(ctx2) }()
	time.Sleep(time.Second) // three claim windows
	close(release)
	eventually(t, "the slow one finished", func() bool { n, _ := w.count(); return n == 1 })
	if n, _ := other.count(); n != 0 {
		t.Errorf("another replica took over work in hand and handled it %d times", n)
	}
}

// TestADeliveryLeftForLaterIsHandledAgain has the worker fail with
// ErrRetryLater twice (the store down): the entry is taken again after the
// claim time and handled, once; one older than MaxRetryAge is apologised
// for and dropped.
func TestADeliveryLeftForLaterIsHandledAgain(t *testing.T) {
	in := inbox(t, redisstore.InboxOptions{ClaimIdle: 100 * time.Millisecond})
	accept(t, in, 1)
	var tries atomic.Int64
	w := &recorder{handled: map[string]int{}, work: func(edge.Delivery) error {
		if tries.Add(1) <= 2 {
			return fmt.Errorf("the store is down: %w", edge.ErrRetryLater)
		}
		return nil
	}}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go func() { _ = edge.NewRunner(in, w, edge.Config{}).Run(ctx) }()
	eventually(t, "handled on the third try", func() bool { return tries.Load() == 3 })
	eventually(t, "the inbox emptied", func() bool { n, _ := in.Backlog(context.Background()); return n == 0 })
	if _, apologies := w.count(); apologies != 0 {
		t.Errorf("%d apologies for a delivery handled in the end", apologies)
	}

	old := inbox(t, redisstore.InboxOptions{ClaimIdle: 100 * time.Millisecond})
	accept(t, old, 1)
	never := &recorder{handled: map[string]int{}, work: func(edge.Delivery) error { return edge.ErrRetryLater }}
	go func() { _ = edge.NewRunner(old, never, edge.Config{MaxRetryAge: 300 * time.Millisecond}).Run(ctx) }()
	eventually(t, "an old delivery dropped with an apology", func() bool {
		n, _ := old.Backlog(context.Background())
		_, apologies := never.count()
		return n == 0 && apologies == 1
	})
}
