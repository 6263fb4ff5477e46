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

// tokens is a worker that records the IDs of the deliveries it handled,
// and leaves the first laterFirst handlings for later.
type tokens struct {
	mu         sync.Mutex
	seen       []string
	laterFirst int
}

func (w *tokens) Work(_ context.Context, d edge.Delivery) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seen = append(w.seen, d.ID)
	if len(w.seen) <= w.laterFirst {
		return edge.ErrRetryLater
	}
	return nil
}

func (w *tokens) Apologize(context.Context, edge.Delivery) {}

func (w *tokens) handled() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.seen...)
}

// switchedInbox is an inbox whose Accept fails as unreachable while down,
// counting the deliveries it refused so.
type switchedInbox struct {
	*redisstore.Inbox
	down    atomic.Bool
	refused atomic.Int64
}

func (in *switchedInbox) Accept(ctx context.Context, d edge.Delivery) (edge.Verdict, error) {
	if in.down.Load() {
		in.refused.Add(1)
		return 0, fmt.Errorf("%w: dial tcp: connection refused", edge.ErrUnreachable)
	}
	return in.Inbox.Accept(ctx, d)
}

func TestServeHandlesADeliveryInMemoryOnceAndNotAgainFromTheInbox(t *testing.T) {
	in := inbox(t, redisstore.InboxOptions{})
	w := &tokens{}
	r := edge.NewRunner(in, w, edge.Config{})
	stop := r.Start(context.Background())
	defer stop()
	id := fmt.Sprintf("event:%d", time.Now().UnixNano())
	d := edge.Delivery{ID: id, Kind: "k", Body: []byte("ask")}
	if !r.Serve(d) {
		t.Fatal("Serve refused a delivery with nothing in hand")
	}
	testkit.Eventually(t, "the delivery handled", func() bool { return len(w.handled()) == 1 })
	if !r.Serve(d) {
		t.Error("Serve refused the same delivery given again")
	}
	// The store took it after all (it ran the accept just before it was lost).
	if _, err := in.Accept(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	testkit.Eventually(t, "the inbox emptied", func() bool { n, _ := in.Backlog(context.Background()); return n == 0 })
	stop() // returns once the entry and every job Serve started are done
	if got := w.handled(); len(got) != 1 {
		t.Errorf("a delivery served in memory was handled %d times (%v), want once", len(got), got)
	}
}

func TestADeliveryServedInMemoryThatMustWaitIsKeptUntilTheInboxTakesIt(t *testing.T) {
	in := &switchedInbox{Inbox: inbox(t, redisstore.InboxOptions{})}
	in.down.Store(true)
	w := &tokens{laterFirst: 1} // an answer in doubt: its write failed
	r := edge.NewRunner(in, w, edge.Config{})
	stop := r.Start(context.Background())
	defer stop()
	id := fmt.Sprintf("update:%d", time.Now().UnixNano())
	if !r.Serve(edge.Delivery{ID: id, Kind: "update", Body: []byte("vote")}) {
		t.Fatal("Serve refused a delivery with nothing in hand")
	}
	testkit.Eventually(t, "the delivery tried in memory", func() bool { return len(w.handled()) == 1 })
	testkit.Eventually(t, "the delivery offered twice to the inbox, which is down", func() bool { return in.refused.Load() >= 2 })
	in.down.Store(false)
	testkit.EventuallyWithin(t, 10*time.Second, "the delivery handled from the inbox", func() bool { return len(w.handled()) == 2 })
	testkit.Eventually(t, "the inbox emptied", func() bool { n, _ := in.Backlog(context.Background()); return n == 0 })
	stop() // returns once the entry and every job Serve started are done
	if got := w.handled(); len(got) != 2 || got[1] != id {
		t.Errorf("handled %v, want %s tried in memory, then once from the inbox", got, id)
	}
}
