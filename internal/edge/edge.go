// Package edge is what every chat adapter shares between the platform's wire
// and the quiz core: an inbox of acknowledged deliveries, checked once-only
// when they are accepted and bounded, and a runner whose workers handle
// them with panic recovery, an apology when handling fails, and a drain on
// shutdown. An adapter writes only its wire format (what a delivery is, how
// to reply) and its rendering.
//
// The inbox is an interface so that its storage is this package's
// caller's choice: the bot uses a Redis stream shared by every replica
// (redisstore.Inbox), so that whatever one replica acknowledged, any replica
// finishes.
package edge

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Delivery is one event a platform delivered and an adapter accepted:
// enough to handle it later, on any replica.
type Delivery struct {
	// ID is the platform's own ID of the event ("update:123"): a delivery
	// whose ID was accepted before is a repeat, and is not queued again.
	// An empty ID is never a repeat.
	ID string
	// Kind tells the adapter how to read Body ("command", "update", …).
	Kind string
	// Body is the delivery as the platform sent it, or as much of it as the
	// adapter needs.
	Body []byte
}

// Entry is a delivery in the inbox, by the inbox's own ID of it.
type Entry struct {
	ID string
	Delivery
}

// Verdict is what became of a delivery offered to the inbox.
type Verdict int

// The verdicts.
const (
	// Queued: accepted, to be handled once.
	Queued Verdict = iota
	// Repeat: accepted before (a platform's retry); not queued again.
	Repeat
	// Full: the inbox holds as much as it may; the delivery was shed, and
	// the adapter refuses it the platform's way.
	Full
)

// String names a verdict for logs.
func (v Verdict) String() string {
	switch v {
	case Queued:
		return "queued"
	case Repeat:
		return "repeat"
	default:
		return "full"
	}
}

// Inbox holds accepted deliveries until a worker has handled them. Accept
// checks a delivery once-only and queues it in one atomic step; an entry
// taken by a worker that dies is handed to another after a while.
type Inbox interface {
	// Accept queues d unless its ID was accepted before or the inbox is
	// full. An error means nothing was recorded.
	Accept(ctx context.Context, d Delivery) (Verdict, error)
	// Next takes up to max entries for this worker pool: new ones, and ones
	// whose worker stopped touching them. It waits up to wait for one.
	Next(ctx context.Context, max int, wait time.Duration) ([]Entry, error)
	// Touch tells the inbox these entries are still being worked on.
	Touch(ctx context.Context, ids ...string) error
	// Done removes handled entries.
	Done(ctx context.Context, ids ...string) error
}

// ErrRetryLater is what a worker returns (or wraps) for a delivery that
// cannot be handled now but must not be lost — a quiz-poll vote while the
// store is down, which the voter cannot cast again. The entry stays in the
// inbox and is taken again once it has gone untouched for the inbox's
// claim time; past MaxRetryAge the user is apologised to and it is dropped.
var ErrRetryLater = errors.New("handle this delivery again later")

// Worker is an adapter's side of the runner.
type Worker interface {
	// Work handles one delivery: asks the core and sends the replies. It
	// deals with its own errors (a platform refusing a reply, say), except
	// those that ErrRetryLater says to leave for later.
	Work(ctx context.Context, d Delivery) error
	// Apologize tells the delivery's user that it could not be handled,
	// best effort, in their language where the adapter knows it (see
	// quiz.Apology).
	Apologize(ctx context.Context, d Delivery)
}

// Config tunes a Runner.
type Config struct {
	// Workers bounds the deliveries handled at once (default 64).
	Workers int
	// Timeout bounds one delivery's work, waits for rate limits included
	// (default 2 minutes).
	Timeout time.Duration
	// TouchEvery is how often entries in hand are touched (default 10 s);
	// the inbox hands an entry to another worker pool after it has gone
	// untouched for longer (redisstore: 30 s).
	TouchEvery time.Duration
	// MaxRetryAge bounds how long after its acceptance a delivery may be
	// left for later (default 15 minutes).
	MaxRetryAge time.Duration
	// AckEvery is how often handled entries are removed from the inbox,
	// all in one round trip (default 20 ms): a busy runner removes many
	// at a time, so that removing costs next to nothing per delivery.
	AckEvery time.Duration
	// Log receives failures.
	Log *slog.Logger
}

// nextWait bounds how long the runner waits on the inbox at a time: a
// blocked read does not end when its context does, so this is also how
// long stopping may wait for it.
const nextWait = 250 * time.Millisecond

// Runner takes deliveries from an inbox and has a worker handle them.
type Runner struct {
	inbox  Inbox
	worker Worker
	cfg    Config

	mu     sync.Mutex
	inHand map[string]bool // entry IDs being handled or not yet removed
	toAck  []string        // handled entries still to remove
	acks   chan struct{}   // a handled entry is waiting to be removed
	wg     sync.WaitGroup
}

// NewRunner makes a runner of worker's deliveries from inbox.
func NewRunner(inbox Inbox, worker Worker, cfg Config) *Runner {
	if cfg.Workers <= 0 {
		cfg.Workers = 64
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 2 * time.Minute
	}
	if cfg.TouchEvery <= 0 {
		cfg.TouchEvery = 10 * time.Second
	}
	if cfg.MaxRetryAge <= 0 {
		cfg.MaxRetryAge = 15 * time.Minute
	}
	if cfg.AckEvery <= 0 {
		cfg.AckEvery = 20 * time.Millisecond
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &Runner{inbox: inbox, worker: worker, cfg: cfg, inHand: map[string]bool{}, acks: make(chan struct{}, 1)}
}

// Run handles deliveries until ctx is done, then waits for those in hand to
// finish (each within its Timeout) and returns. Entries it did not take
// stay in the inbox for the other replicas, or for the next start.
func (r *Runner) Run(ctx context.Context) error {
	slots := make(chan struct{}, r.cfg.Workers)
	stopTouching := r.touchInHand(ctx)
	stopAcking := r.removeHandled(ctx)
	defer func() {
		r.wg.Wait()
		stopAcking()
		stopTouching()
	}()
	failing := time.Duration(0)
	for {
		select {
		case slots <- struct{}{}: // a free worker: take work for it and any other free one
		case <-ctx.Done():
			return nil
		}
		entries, err := r.inbox.Next(ctx, 1+r.cfg.Workers-len(slots), nextWait)
		if err != nil {
			<-slots
			if ctx.Err() != nil {
				return nil
			}
			failing = min(max(2*failing, 100*time.Millisecond), 5*time.Second)
			r.cfg.Log.Warn("the inbox is unavailable; retrying", "in", failing, "err", err)
			sleep(ctx, failing)
			continue
		}
		failing = 0
		if len(entries) == 0 {
			<-slots
			continue
		}
		for i, e := range entries {
			if i > 0 {
				slots <- struct{}{} // Next took no more than there were free workers
			}
			r.start(ctx, e, slots)
		}
	}
}

// Start runs the runner in the background until stop is called (or ctx is
// done); stop then waits for the work in hand to finish.
func (r *Runner) Start(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = r.Run(ctx)
	}()
	return func() { cancel(); <-done }
}

// start handles one entry on a worker of its own.
func (r *Runner) start(ctx context.Context, e Entry, slots chan struct{}) {
	r.mu.Lock()
	r.inHand[e.ID] = true
	r.mu.Unlock()
	r.wg.Add(1)
	go func() {
		defer func() {
			<-slots
			r.wg.Done()
		}()
		// The work runs to its end even when shutdown begins: it was
		// acknowledged, and only a crash may hand it to another replica.
		wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.cfg.Timeout)
		defer cancel()
		if err := r.handle(wctx, e); errors.Is(err, ErrRetryLater) {
			if age := time.Since(acceptedAt(e.ID)); age < r.cfg.MaxRetryAge {
				r.cfg.Log.Info("a delivery is left for later", "kind", e.Kind, "age", age.Round(time.Second), "err", err)
				r.mu.Lock()
				delete(r.inHand, e.ID) // untouched from now on: taken again after the claim time
				r.mu.Unlock()
				return
			}
			r.cfg.Log.Warn("a delivery could not be handled in time; dropped", "kind", e.Kind, "err", err)
			r.apologize(wctx, e)
		}
		r.handled(e.ID)
	}()
}

// handled queues a handled entry for removal; it stays in hand (touched)
// until it is removed.
func (r *Runner) handled(id string) {
	r.mu.Lock()
	r.toAck = append(r.toAck, id)
	r.mu.Unlock()
	select {
	case r.acks <- struct{}{}:
	default:
	}
}

// acceptedAt is when an entry was accepted, from its ID: a stream entry's
// ID starts with its time in milliseconds ("1700000000000-0"). An ID of
// another form reads as now.
func acceptedAt(id string) time.Time {
	ms, _, _ := strings.Cut(id, "-")
	n, err := strconv.ParseInt(ms, 10, 64)
	if err != nil {
		return time.Now()
	}
	return time.UnixMilli(n)
}

// handle has the worker handle an entry, turning a panic into an apology.
func (r *Runner) handle(ctx context.Context, e Entry) (err error) {
	defer func() {
		if p := recover(); p != nil {
			r.cfg.Log.Error("panic while handling a delivery", "kind", e.Kind, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			r.apologize(ctx, e)
			err = nil
		}
	}()
	return r.worker.Work(ctx, e.Delivery)
}

// apologize tells the user, without letting a second panic escape.
func (r *Runner) apologize(ctx context.Context, e Entry) {
	defer func() {
		if p := recover(); p != nil {
			r.cfg.Log.Error("panic while apologising", "kind", e.Kind, "panic", fmt.Sprint(p))
		}
	}()
	r.worker.Apologize(ctx, e.Delivery)
}

// removeHandled removes handled entries from the inbox, many in one round
// trip, every AckEvery while there are some, until stopped; stopping
// removes the last ones.
func (r *Runner) removeHandled(ctx context.Context) (stop func()) {
	actx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-r.acks:
			case <-actx.Done():
				r.flushHandled(context.WithoutCancel(ctx))
				return
			}
			sleep(actx, r.cfg.AckEvery) // let more gather
			r.flushHandled(actx)
		}
	}()
	return func() { cancel(); <-done }
}

// flushHandled removes the handled entries queued so far, trying again
// while the inbox is down (up to a minute): an entry left behind would be
// handled twice.
func (r *Runner) flushHandled(ctx context.Context) {
	r.mu.Lock()
	ids := r.toAck
	r.toAck = nil
	r.mu.Unlock()
	if len(ids) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	wait := 100 * time.Millisecond
	for {
		err := r.inbox.Done(ctx, ids...)
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			r.cfg.Log.Error("handled deliveries could not be removed from the inbox: they may be handled again", "count", len(ids), "err", err)
			break
		}
		sleep(ctx, wait)
		wait = min(2*wait, 5*time.Second)
	}
	r.mu.Lock()
	for _, id := range ids {
		delete(r.inHand, id)
	}
	r.mu.Unlock()
}

// touchInHand touches the entries in hand every TouchEvery, so that no other
// replica takes them over while they are worked on, until stopped.
func (r *Runner) touchInHand(ctx context.Context) (stop func()) {
	tctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(r.cfg.TouchEvery)
		defer t.Stop()
		for {
			select {
			case <-tctx.Done():
				return
			case <-t.C:
			}
			r.mu.Lock()
			ids := make([]string, 0, len(r.inHand))
			for id := range r.inHand {
				ids = append(ids, id)
			}
			r.mu.Unlock()
			if len(ids) > 0 {
				if err := r.inbox.Touch(tctx, ids...); err != nil {
					r.cfg.Log.Warn("touching deliveries in hand failed", "err", err)
				}
			}
		}
	}()
	return func() { cancel(); <-done }
}

// InHand is how many deliveries are being handled now.
func (r *Runner) InHand() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.inHand)
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
