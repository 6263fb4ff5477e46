package edge_test

import (
	"context"
	"fmt"
	"strings"
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

func TestEveryDeliveryIsHandledOnceAndRemoved(t *testing.T) {
	in := inbox(t, redisstore.InboxOptions{})
	accept(t, in, 200)
	w := &recorder{handled: map[string]int{}}
	r := edge.NewRunner(in, w, edge.Config{Workers: 8})
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- r.Run(ctx) }()
	testkit.Eventually(t, "200 handled", func() bool { n, _ := w.count(); return n == 200 })
	testkit.Eventually(t, "the inbox emptied", func() bool { n, _ := in.Backlog(context.Background()); return n == 0 })
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
	testkit.Eventually(t, "the others handled and the panic apologised for", func() bool { n, a := w.count(); return n == 2 && a == 1 })
	testkit.Eventually(t, "the inbox emptied", func() bool { n, _ := in.Backlog(context.Background()); return n == 0 })
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
	testkit.Eventually(t, "two in hand", func() bool { return started.Load() == 2 })
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

// watched is an inbox that counts the entries its Next took, and the
// calls of Next begun at or after a time (once set, by watchFrom), once
// they return.
type watched struct {
	edge.Inbox
	from      atomic.Int64 // Unix nanoseconds; 0: not set
	took, ran atomic.Int64
}

func (in *watched) Next(ctx context.Context, max int, wait time.Duration) ([]edge.Entry, error) {
	begun := time.Now().UnixNano()
	entries, err := in.Inbox.Next(ctx, max, wait)
	in.took.Add(int64(len(entries)))
	if from := in.from.Load(); from != 0 && begun >= from {
		in.ran.Add(1)
	}
	return entries, err
}

// watchFrom has the inbox count the calls of Next begun from t on.
func (in *watched) watchFrom(t time.Time) { in.from.Store(t.UnixNano()) }

// TestWorkLongerThanTheClaimIdleIsNotTakenOver has one replica's worker
// hold an entry past the inbox's claim idle, while the runner touches it:
// neither that replica's inbox nor another's takes it again.
func TestWorkLongerThanTheClaimIdleIsNotTakenOver(t *testing.T) {
	rdb, _ := testkit.Redis(t)
	st := redisstore.New(rdb)
	opts := redisstore.InboxOptions{ClaimIdle: 300 * time.Millisecond}
	slow, other := &watched{Inbox: st.Inbox("test", opts)}, &watched{Inbox: st.Inbox("test", opts)}
	accept(t, slow, 1)
	var works atomic.Int64
	taken, release := make(chan time.Time, 1), make(chan struct{})
	w := &recorder{handled: map[string]int{}, work: func(edge.Delivery) error {
		if works.Add(1) == 1 {
			taken <- time.Now()
		}
		<-release
		return nil
	}}
	stopSlow := edge.NewRunner(slow, w, edge.Config{TouchEvery: 50 * time.Millisecond}).Start(context.Background())
	defer stopSlow()
	// Untouched, the entry could be claimed from ClaimIdle after it was
	// taken; an inbox looks for entries to claim at a Next unless it
	// looked in the ClaimIdle/3 before. A Next begun that long after the
	// entry became claimable has looked (or one before it has, since).
	claimed := (<-taken).Add(opts.ClaimIdle + opts.ClaimIdle/3)
	stopOther := edge.NewRunner(other, w, edge.Config{}).Start(context.Background())
	defer stopOther()
	slow.watchFrom(claimed)
	other.watchFrom(claimed)
	testkit.Eventually(t, "both replicas looked for entries to claim after the work in hand went past the claim idle", func() bool {
		return slow.ran.Load() > 0 && other.ran.Load() > 0
	})
	if s, o := slow.took.Load(), other.took.Load(); s != 1 || o != 0 {
		t.Errorf("entries taken: %d by the replica at work, %d by the other; want 1 and 0: work in hand was taken over", s, o)
	}
	close(release)
	stopSlow() // return once their work in hand is done
	stopOther()
	if n := works.Load(); n != 1 {
		t.Errorf("the delivery was handled %d times, want once", n)
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
	testkit.Eventually(t, "handled on the third try", func() bool { return tries.Load() == 3 })
	testkit.Eventually(t, "the inbox emptied", func() bool { n, _ := in.Backlog(context.Background()); return n == 0 })
	if _, apologies := w.count(); apologies != 0 {
		t.Errorf("%d apologies for a delivery handled in the end", apologies)
	}

	old := inbox(t, redisstore.InboxOptions{ClaimIdle: 100 * time.Millisecond})
	accept(t, old, 1)
	never := &recorder{handled: map[string]int{}, work: func(edge.Delivery) error { return edge.ErrRetryLater }}
	go func() { _ = edge.NewRunner(old, never, edge.Config{MaxRetryAge: 300 * time.Millisecond}).Run(ctx) }()
	testkit.Eventually(t, "an old delivery dropped with an apology", func() bool {
		n, _ := old.Backlog(context.Background())
		_, apologies := never.count()
		return n == 0 && apologies == 1
	})
}

// handedInbox is an inbox that hands out the entries put in it, with the
// IDs (and so the ages) a test chooses, and records which were removed.
type handedInbox struct {
	entries chan edge.Entry
	mu      sync.Mutex
	done    map[string]bool
	// shed are the entries marked shed, and whether they had been removed
	// by then.
	shed map[string]bool
}

func newHandedInbox(entries ...edge.Entry) *handedInbox {
	in := &handedInbox{entries: make(chan edge.Entry, len(entries)), done: map[string]bool{}, shed: map[string]bool{}}
	for _, e := range entries {
		in.entries <- e
	}
	return in
}

func (in *handedInbox) Accept(context.Context, edge.Delivery) (edge.Verdict, error) {
	return edge.Queued, nil
}

func (in *handedInbox) Next(ctx context.Context, max int, wait time.Duration) ([]edge.Entry, error) {
	select {
	case e := <-in.entries:
		return []edge.Entry{e}, nil
	case <-time.After(wait):
		return nil, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (in *handedInbox) Touch(context.Context, ...string) error { return nil }

func (in *handedInbox) Done(_ context.Context, ids ...string) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	for _, id := range ids {
		in.done[id] = true
	}
	return nil
}

func (in *handedInbox) Shed(_ context.Context, id string) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.shed[id] = in.done[id]
	return nil
}

func (in *handedInbox) Leave(context.Context, string) error { return nil }

func (in *handedInbox) removed() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return len(in.done)
}

// entrySeq tells apart the IDs of entries stamped in the same millisecond.
var entrySeq atomic.Int64

// acceptedAgo is an entry accepted ago, its ID stamped as a Redis
// stream's.
func acceptedAgo(ago time.Duration, body string) edge.Entry {
	return acceptedAt(time.Now().Add(-ago), body)
}

// acceptedAt is an entry accepted at at (to the millisecond), its ID
// stamped as a Redis stream's. Like an inbox's, it leaves the delivery's
// Accepted for the runner to read from the ID.
func acceptedAt(at time.Time, body string) edge.Entry {
	id := fmt.Sprintf("%d-%d", at.UnixMilli(), entrySeq.Add(1))
	return edge.Entry{ID: id, Delivery: edge.Delivery{ID: body, Kind: "k", Body: []byte(body)}}
}

// busyTeller is a recorder that can tell a user the bot was too busy,
// except for the deliveries it must handle however late ("vote…").
type busyTeller struct {
	*recorder
	mu   sync.Mutex
	told []string
	// accepted are the acceptance times the teller was given, by body.
	accepted map[string]time.Time
}

func (b *busyTeller) TooLate(_ context.Context, d edge.Delivery) bool {
	if strings.HasPrefix(string(d.Body), "vote") {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.told = append(b.told, string(d.Body))
	if b.accepted != nil {
		b.accepted[string(d.Body)] = d.Accepted
	}
	return true
}

func (b *busyTeller) toldCount() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.told)
}

// TestADeliveryThatWaitedTooLongIsToldBusyInsteadOfAnsweredLate: but for a
// vote (which cannot be given again) and an entry a dead replica had taken
// (which may have been answered already) — unless that replica had shed
// it: then it is told "too busy" again, never answered after it.
func TestADeliveryThatWaitedTooLongIsToldBusyInsteadOfAnsweredLate(t *testing.T) {
	taken := acceptedAgo(time.Minute, "press taken by a replica that died")
	taken.Reclaimed = true
	shed := acceptedAgo(time.Minute, "press shed by a replica that died")
	shed.Reclaimed, shed.Shed = true, true
	oldAt := time.UnixMilli(time.Now().Add(-10 * time.Second).UnixMilli())
	old := acceptedAt(oldAt, "old press")
	in := newHandedInbox(
		old,
		acceptedAgo(10*time.Second, "vote that cannot be cast again"),
		acceptedAgo(0, "fresh press"),
		taken,
		shed,
	)
	w := &busyTeller{recorder: &recorder{handled: map[string]int{}}, accepted: map[string]time.Time{}}
	r := edge.NewRunner(in, w, edge.Config{MaxWait: 5 * time.Second, Workers: 1})
	stop := r.Start(context.Background())
	testkit.Eventually(t, "all five removed from the inbox", func() bool { return in.removed() == 5 })
	stop()
	if w.toldCount() != 2 || w.told[0] != "old press" || w.told[1] != "press shed by a replica that died" {
		t.Errorf("told too busy: %v, want the old press and the one shed before", w.told)
	}
	if w.handled["old press"] != 0 || w.handled["vote that cannot be cast again"] != 1 || w.handled["fresh press"] != 1 ||
		w.handled["press taken by a replica that died"] != 1 || w.handled["press shed by a replica that died"] != 0 {
		t.Errorf("handled %v: want the vote, the fresh press and the one taken before (it may have been answered), not the old press nor the one shed before", w.handled)
	}
	if removedFirst, marked := in.shed[old.ID]; !marked || removedFirst {
		t.Errorf("the old press was not marked shed before it was removed (marked %v, removed first %v): a replica taking it over would answer it after its user was told too busy", marked, removedFirst)
	}
	if len(in.shed) != 2 { // the old press, and the vote (told nothing, so handled)
		t.Errorf("marked shed: %v, want the old press and the vote only", in.shed)
	}
	if got := w.accepted["old press"]; !got.Equal(oldAt) {
		t.Errorf("the late teller was given the delivery accepted at %s, want its entry's time, %s", got, oldAt)
	}

	// A worker that cannot tell handles everything, however late.
	in = newHandedInbox(acceptedAgo(time.Minute, "old"))
	plain := &recorder{handled: map[string]int{}}
	stop = edge.NewRunner(in, plain, edge.Config{MaxWait: time.Second}).Start(context.Background())
	testkit.Eventually(t, "the old delivery handled", func() bool { n, _ := plain.count(); return n == 1 })
	stop()
}

func TestLaterRunsJobsOffTheWorkersBoundedAndRunWaitsForThem(t *testing.T) {
	in := newHandedInbox()
	r := edge.NewRunner(in, &recorder{handled: map[string]int{}}, edge.Config{MaxLater: 2})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- r.Run(ctx) }()
	release := make(chan struct{})
	var finished atomic.Int64
	job := func(ctx context.Context) {
		<-release
		if ctx.Err() == nil { // a job's context is its own, not ended by shutdown
			finished.Add(1)
		}
	}
	if first, second := r.Later(job), r.Later(job); !first || !second {
		t.Fatal("Later refused a job within MaxLater")
	}
	if r.Later(job) {
		t.Fatal("Later took a third job with MaxLater 2")
	}
	cancel()
	select {
	case <-done:
		t.Fatal("Run returned before the jobs given to Later finished")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := finished.Load(); n != 2 {
		t.Fatalf("%d jobs finished with a live context, want 2", n)
	}
	if !r.Later(func(context.Context) { panic("a bug in a job") }) {
		t.Fatal("Later refused a job once the others had finished")
	}
	ran := make(chan struct{})
	testkit.Eventually(t, "a job runs after another's panic", func() bool {
		return r.Later(func(context.Context) { close(ran) })
	})
	<-ran
}

// TestAdmitHoldsNewDeliveriesBackWhileTheBacklogWaits: while the workers
// take deliveries that waited longer than AdmitAfter, Admit waits (here
// until its context ends); once they take fresh ones, it returns at once.
func TestAdmitHoldsNewDeliveriesBackWhileTheBacklogWaits(t *testing.T) {
	w := &recorder{handled: map[string]int{}}
	in := newHandedInbox(acceptedAgo(10*time.Second, "vote that waited"))
	r := edge.NewRunner(in, w, edge.Config{Workers: 1, MaxWait: -1, AdmitAfter: time.Second})
	stop := r.Start(context.Background())
	defer stop()
	testkit.Eventually(t, "the old delivery taken", func() bool { n, _ := w.count(); return n == 1 })
	held, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	r.Admit(held)
	if held.Err() == nil {
		t.Error("Admit let a delivery in while the workers took one that had waited 10 s")
	}
	in.entries <- acceptedAgo(0, "fresh")
	testkit.Eventually(t, "the fresh delivery taken", func() bool { n, _ := w.count(); return n == 2 })
	free, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	r.Admit(free)
	if free.Err() != nil {
		t.Error("Admit held a delivery back while the workers took fresh ones")
	}
}
