package edge

import (
	"context"
	"errors"
	"sync"
	"time"
)

// ErrOwedTooLong is Owe's error for a delivery accepted longer than the
// runner's MaxRetryAge ago (taken over again and again after crashes, or
// left for later as long): what follows its reply is not sent that late.
var ErrOwedTooLong = errors.New("the delivery was accepted too long ago for what follows its reply")

// ErrBusy is Owe's error when MaxLater jobs run already (see Later).
var ErrBusy = errors.New("too much work runs off the workers")

// owing is what a delivery's inbox entry waits for before it is removed:
// its handling, and every job owed after it (Runner.Owe).
type owing struct {
	r        *Runner
	id       string
	accepted time.Time

	mu sync.Mutex
	// left counts what is not finished: the handling, and each job owed.
	left int
	// kept: the entry was left for later (ErrRetryLater), so it is not
	// removed when the jobs finish.
	kept bool
	// mayRepeat: the entry was taken over from a worker that stopped on
	// it (see MayRepeat).
	mayRepeat bool
}

// owingKey is the context key of the delivery's owing, in what Work gets.
type owingKey struct{}

// add counts one more job owed.
func (o *owing) add() {
	o.mu.Lock()
	o.left++
	o.mu.Unlock()
}

// keep marks the entry left for later: it stays in the inbox.
func (o *owing) keep() {
	o.mu.Lock()
	o.kept = true
	o.mu.Unlock()
}

// finish counts the handling or a job finished; the last one queues the
// entry for removal, unless it was left for later.
func (o *owing) finish() {
	o.mu.Lock()
	o.left--
	last := o.left == 0 && !o.kept
	o.mu.Unlock()
	if last {
		o.r.handled(o.id)
	}
}

// Owe runs job off the workers, as Later does, for the delivery whose Work
// was given ctx, and keeps that delivery's inbox entry until job has
// returned: it is owed, in the inbox's store, from the delivery's
// acceptance until then. A replica that dies first (job waiting on a
// platform's rate limits, or in its send) leaves the entry in the inbox,
// and whoever takes it over handles the delivery again — the core
// recognises what the delivery stored, and answers as it did — so what job
// sends is sent then; an in-hand entry is touched meanwhile, as any other,
// so no other replica takes it while job runs. Use it for what must follow
// a reply without holding a worker (a private message after a scored
// vote, paced within a platform's limits).
//
// A handling that owes a job must not then return ErrRetryLater: the
// entry left for later is no longer touched, though job still runs, and
// another replica may take it after the claim time and send again. Owe
// last, once nothing can defer the delivery.
//
// Owe does not run job, and says why, when the delivery was accepted
// longer than MaxRetryAge ago (ErrOwedTooLong) or MaxLater jobs run
// already (ErrBusy): the caller drops it, counted, and the entry is
// removed when handled. A ctx that is not a Work's of an inbox entry (a
// delivery served in memory, which no store holds) runs job as Later
// does.
func (r *Runner) Owe(ctx context.Context, job func(ctx context.Context)) error {
	o, _ := ctx.Value(owingKey{}).(*owing)
	if o == nil {
		if !r.Later(job) {
			return ErrBusy
		}
		return nil
	}
	if time.Since(o.accepted) > r.cfg.MaxRetryAge {
		return ErrOwedTooLong
	}
	o.add()
	ran := r.Later(func(ctx context.Context) {
		defer o.finish()
		job(ctx)
	})
	if !ran {
		o.finish() // the handling still holds the entry: it is removed when that ends
		return ErrBusy
	}
	return nil
}

// leave leaves o's entry in the inbox, marked left (Inbox.Leave) and
// untouched, to be taken again after the inbox's claim time. An entry
// that cannot be marked is taken as one its worker stopped on: what it
// owes is counted a repeat when sent (MayRepeat), which it is not.
func (r *Runner) leave(ctx context.Context, o *owing) {
	if err := r.inbox.Leave(ctx, o.id); err != nil {
		r.cfg.Log.Warn("a delivery left for later could not be marked so; what it owes will be taken as sent again", "err", err)
	}
	o.keep()
	r.mu.Lock()
	delete(r.inHand, o.id)
	r.mu.Unlock()
}

// MayRepeat reports whether the delivery whose Work was given ctx was
// taken over from a worker that stopped on it — its replica died, or
// stopped touching it — rather than left for later: what its handling
// owes (Owe) may have been sent already, its entry not yet removed, so
// that sending it now may show it twice; a send in doubt, which the
// caller counts.
func MayRepeat(ctx context.Context) bool {
	o, _ := ctx.Value(owingKey{}).(*owing)
	return o != nil && o.mayRepeat
}
