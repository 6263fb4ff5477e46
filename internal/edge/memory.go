package edge

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Serve handles d at once, in memory, rather than from the inbox: for a
// delivery the inbox could not take because its store is unreachable
// (ErrUnreachable), which would otherwise be refused. It runs off the
// caller, as a job of Later (bounded with them, within Config.Timeout),
// with the worker's panic recovery and apology, d accepted now. Nothing
// durable holds it: a replica that stops or dies
// before the reply is sent loses it.
//
// The runner remembers the deliveries it served so (the latest 8192): one
// with the ID of such a delivery — the platform giving it again, to this
// replica — is not handled again, and Serve reports true; nor is an
// inbox entry of one, which the store took after all (see Inbox.Accept).
// Another replica does not know them.
//
// A delivery its worker says must be handled later (ErrRetryLater: an
// answer in doubt, as its write failed; a quiz-poll vote whose poll
// cannot be read) is kept in memory and
// offered to the inbox again, every few seconds, until the inbox takes it
// (then handled from there as any other), MaxRetryAge passes (its user is
// apologised to) or the runner stops (lost, logged).
//
// Serve reports false, handling nothing, when MaxLater jobs run already:
// the caller then refuses d as it would without it.
func (r *Runner) Serve(d Delivery) bool {
	if d.ID != "" && !r.served.add(d.ID) {
		return true // served already
	}
	d.Accepted = time.Now()
	ok := r.Later(func(ctx context.Context) {
		if err := r.handle(ctx, Entry{Delivery: d}); errors.Is(err, ErrRetryLater) {
			r.keep(d, err)
		}
	})
	switch {
	case ok:
		r.inMemory.Add("kind", d.Kind)
	case d.ID != "":
		r.served.remove(d.ID)
	}
	return ok
}

// keep offers a delivery served in memory that must be handled later to
// the inbox until it takes it (see Serve).
func (r *Runner) keep(d Delivery, why error) {
	r.served.remove(d.ID) // to be handled from the inbox, once there
	r.mu.Lock()
	base := r.runCtx
	r.mu.Unlock()
	if base == nil {
		base = context.Background()
	}
	r.cfg.Log.Info("a delivery served in memory is kept until the inbox takes it", "kind", d.Kind, "err", why)
	for wait := time.Second; ; wait = min(2*wait, 5*time.Second) {
		if base.Err() != nil {
			r.cfg.Log.Warn("a delivery kept in memory for the inbox is lost: the bot stopped before the inbox could take it", "kind", d.Kind)
			return
		}
		if time.Since(d.Accepted) > r.cfg.MaxRetryAge {
			r.cfg.Log.Warn("a delivery kept in memory could not be handled in time; dropped", "kind", d.Kind)
			ctx, cancel := context.WithTimeout(context.WithoutCancel(base), r.cfg.Timeout)
			r.apologize(ctx, Entry{Delivery: d})
			cancel()
			return
		}
		ctx, cancel := context.WithTimeout(base, keepOfferTimeout)
		v, err := r.inbox.Accept(ctx, d)
		cancel()
		if err == nil && v != Full {
			return
		}
		sleep(base, wait)
	}
}

// keepOfferTimeout bounds one offer of a kept delivery to the inbox.
const keepOfferTimeout = 5 * time.Second

// servedMemory is how many deliveries served in memory a runner remembers.
const servedMemory = 8192

// recent is a bounded set of delivery IDs, the oldest forgotten first. Its
// zero value is empty and ready.
type recent struct {
	mu    sync.Mutex
	slots map[string]int // an ID's place in order
	order []string
	next  int // the place of the next ID, once order is full
}

// add puts id in the set, reporting false when it was there already.
func (c *recent) add(id string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.slots[id]; ok {
		return false
	}
	if c.slots == nil {
		c.slots = map[string]int{}
	}
	if len(c.order) < servedMemory {
		c.slots[id] = len(c.order)
		c.order = append(c.order, id)
		return true
	}
	if old := c.order[c.next]; c.slots[old] == c.next {
		delete(c.slots, old)
	}
	c.order[c.next], c.slots[id] = id, c.next
	c.next = (c.next + 1) % servedMemory
	return true
}

// has reports whether id is in the set.
func (c *recent) has(id string) bool {
	if id == "" {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.slots[id]
	return ok
}

// remove takes id out of the set.
func (c *recent) remove(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.slots, id)
}
