package edge_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/redisstore"
)

// owingWorker owes a job after handling a delivery whose body is "owes"
// (edge.Runner.Owe), and records what Owe said.
type owingWorker struct {
	r   *edge.Runner
	job func(ctx context.Context)

	mu      sync.Mutex
	handled map[string]int
	errs    []error
}

func (w *owingWorker) Work(ctx context.Context, d edge.Delivery) error {
	w.mu.Lock()
	w.handled[string(d.Body)]++
	w.mu.Unlock()
	if string(d.Body) == "owes" {
		err := w.r.Owe(ctx, w.job)
		w.mu.Lock()
		w.errs = append(w.errs, err)
		w.mu.Unlock()
	}
	return nil
}

func (w *owingWorker) Apologize(context.Context, edge.Delivery) {}

// results are the deliveries handled and what Owe said.
func (w *owingWorker) results() (map[string]int, []error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	handled := map[string]int{}
	for k, v := range w.handled {
		handled[k] = v
	}
	return handled, append([]error(nil), w.errs...)
}

// owingRunner runs a runner of w on a real redis-server's inbox until the
// test ends.
func owingRunner(t *testing.T, w *owingWorker, cfg edge.Config) *redisstore.Inbox {
	t.Helper()
	in := redisstore.New(redistest.Start(t).Client(t)).Inbox("owe", redisstore.InboxOptions{})
	w.handled = map[string]int{}
	w.r = edge.NewRunner(in, w, cfg)
	t.Cleanup(w.r.Start(context.Background()))
	return in
}

func offer(t *testing.T, in edge.Inbox, id, body string) {
	t.Helper()
	if v, err := in.Accept(context.Background(), edge.Delivery{ID: id, Kind: "k", Body: []byte(body)}); err != nil || v != edge.Queued {
		t.Fatalf("accepting %s: %v %v", id, v, err)
	}
}

// TestAnEntryStaysInTheInboxUntilWhatItsHandlingOwesIsDone: a delivery
// whose handling owes a job (a private message after the reply) keeps its
// entry in the inbox, in hand, after the worker is done with it — so that
// a replica that dies first leaves it to be handled again — while one
// handled after it is removed; once the job returns, the entry is removed,
// and the job ran once. Real redis-server.
func TestAnEntryStaysInTheInboxUntilWhatItsHandlingOwesIsDone(t *testing.T) {
	release := make(chan struct{})
	var started, ran atomic.Int64
	w := &owingWorker{job: func(context.Context) {
		started.Add(1)
		<-release
		ran.Add(1)
	}}
	in := owingRunner(t, w, edge.Config{Workers: 2})
	offer(t, in, "d1", "owes")
	testkit.Eventually(t, "the owed job started", func() bool { return started.Load() == 1 })
	offer(t, in, "d2", "plain")
	backlog := func() int64 { n, _ := in.Backlog(context.Background()); return n }
	testkit.Eventually(t, "the later delivery handled and removed", func() bool {
		handled, _ := w.results()
		return handled["plain"] == 1 && backlog() == 1
	})
	if handled, errs := w.results(); handled["owes"] != 1 || len(errs) != 1 || errs[0] != nil {
		t.Fatalf("handled %v, Owe said %v; want the owing delivery handled once and its job taken", handled, errs)
	}
	close(release)
	testkit.Eventually(t, "the owing entry removed once its job is done", func() bool { return backlog() == 0 })
	if n := ran.Load(); n != 1 {
		t.Errorf("the owed job ran %d times, want once", n)
	}
}

// TestAJobOwedTooLongAfterItsDeliveryIsNotRun: a delivery accepted longer
// than MaxRetryAge ago (taken over again and again) owes nothing more:
// Owe says so (ErrOwedTooLong) without running the job, for the caller to
// count it dropped, and the entry is removed as handled.
func TestAJobOwedTooLongAfterItsDeliveryIsNotRun(t *testing.T) {
	var ran atomic.Int64
	w := &owingWorker{job: func(context.Context) { ran.Add(1) }}
	in := owingRunner(t, w, edge.Config{MaxRetryAge: time.Nanosecond})
	offer(t, in, "d1", "owes")
	testkit.Eventually(t, "the delivery handled and removed", func() bool {
		n, _ := in.Backlog(context.Background())
		handled, _ := w.results()
		return handled["owes"] == 1 && n == 0
	})
	if _, errs := w.results(); len(errs) != 1 || !errors.Is(errs[0], edge.ErrOwedTooLong) {
		t.Errorf("Owe said %v, want ErrOwedTooLong", errs)
	}
	if n := ran.Load(); n != 0 {
		t.Errorf("the job ran %d times, want none", n)
	}
}
