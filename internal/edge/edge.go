// Package edge is what every chat adapter shares between the platform's wire
// and the quiz core: an inbox of acknowledged deliveries, checked once-only
// when they are accepted and bounded, and a runner whose workers handle
// them with panic recovery, an apology when handling fails, a short "too
// busy" for a delivery that waited too long to be answered in time, work
// that follows a reply run off the workers, and a drain on shutdown. An
// adapter writes only its wire format (what a delivery is, how to reply)
// and its rendering.
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
	"sync/atomic"
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
	// Accepted is when the inbox accepted the delivery, by its entry (the
	// Runner sets it for the Worker and the LateTeller; Accept ignores
	// it): a platform that takes a reply only for a while after the
	// user's action (Telegram's callback answer) is judged by it.
	Accepted time.Time
}

// Entry is a delivery in the inbox, by the inbox's own ID of it.
type Entry struct {
	ID string
	// Reclaimed marks an entry taken before by a worker that stopped
	// touching it (its replica died, or left it for later): it may have
	// been handled in part, its reply perhaps sent, so it is handled
	// however late, never told "too busy" (the core recognises a write
	// done before for the same delivery) — unless Shed.
	Reclaimed bool
	// Shed marks a reclaimed entry that a worker had shed (see Inbox.Shed)
	// before it stopped: its user may have been told "too busy" already,
	// so it is told that again, never handled.
	Shed bool
	// Left marks a reclaimed entry that its worker left for later (see
	// Inbox.Leave) rather than stopped on: what its handling owed was not
	// sent, so sending it now is no repeat (see MayRepeat).
	Left bool
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

// ErrUnreachable is what Inbox.Accept's error wraps when the inbox's store
// cannot be reached at all — no connection can be made, or it refuses the
// bot (a wrong password) — rather than slow to answer: the delivery was
// not recorded, and offering it again now fails the same way. An adapter
// then has the runner handle it at once, in memory (Runner.Serve), rather
// than refuse it.
var ErrUnreachable = errors.New("the inbox cannot be reached")

// ErrRefused is what a store's error wraps when the store answers but
// refuses the bot itself — a wrong password, an ACL without its commands —
// rather than one command: this replica's configuration is wrong, and
// other replicas may well reach the store (a password changed during a
// rollout). The inbox's error wraps ErrUnreachable too.
var ErrRefused = errors.New("the store refuses the bot")

// Inbox holds accepted deliveries until a worker has handled them. Accept
// checks a delivery once-only and queues it in one atomic step; an entry
// taken by a worker that dies is handed to another after a while.
type Inbox interface {
	// Accept queues d unless its ID was accepted before or the inbox is
	// full. An error means nothing was recorded, as far as the caller can
	// tell: one whose reply was lost (a timeout) may have been; one that
	// wraps ErrUnreachable was not, unless the store ran it just before it
	// became unreachable, its reply lost and the retries failing to
	// connect.
	Accept(ctx context.Context, d Delivery) (Verdict, error)
	// Next takes up to max entries for this worker pool: new ones, and ones
	// whose worker stopped touching them. It waits up to wait for one.
	Next(ctx context.Context, max int, wait time.Duration) ([]Entry, error)
	// Touch tells the inbox these entries are still being worked on.
	Touch(ctx context.Context, ids ...string) error
	// Done removes handled entries.
	Done(ctx context.Context, ids ...string) error
	// Shed marks an entry in hand as shed — its user about to be told
	// "too busy" rather than answered — so that if this worker stops
	// before removing it, whoever takes it over says the same (Entry.Shed)
	// instead of handling it.
	Shed(ctx context.Context, id string) error
	// Leave marks an entry in hand as left for later (ErrRetryLater),
	// what its handling owed unsent, so that whoever
	// takes it next knows it (Entry.Left); that next taking clears the
	// mark.
	Leave(ctx context.Context, id string) error
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

// LateTeller is what a Worker may also be: one that can tell a delivery's
// user, instead of answering late, that the bot was too busy to handle it.
// The runner asks it about every delivery that waited in the inbox longer
// than Config.MaxWait; a worker that is not a LateTeller handles every
// delivery however late.
type LateTeller interface {
	// TooLate tells d's user, best effort and in a short line, that the bot
	// was too busy to handle d and that they should try again (see
	// quiz.Busy). It reports false, having told nobody, for a delivery
	// that must be handled however late, as its user cannot give it again
	// (a quiz-poll vote): the runner then handles it.
	TooLate(ctx context.Context, d Delivery) bool
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
	// MaxWait is how long a delivery may wait in the inbox, from its
	// acceptance until a worker takes it, and still be answered (default
	// DefaultMaxWait; negative: however long). An older one is told "too
	// busy" (LateTeller) rather than answered late. Its age is read from
	// the inbox's entry ID, which the inbox stamps with its own clock (a
	// Redis stream's time in milliseconds): a replica whose clock is off
	// from Redis's by a second sheds a second early or late.
	MaxWait time.Duration
	// MaxLater bounds the jobs given to Later and not yet finished
	// (default 1024).
	MaxLater int
	// AdmitAfter is how long deliveries may wait in the inbox before Admit
	// holds new ones back (default MaxWait / 8): the wait a busy runner
	// keeps its backlog near.
	AdmitAfter time.Duration
	// Log receives failures.
	Log *slog.Logger
}

// DefaultMaxWait is Config.MaxWait when unset: a reply may come at most
// about five seconds after the user's action, and a delivery taken after
// four leaves a second for handling it and sending the reply.
const DefaultMaxWait = 4 * time.Second

// maxAdmitDelay bounds how long Admit holds a delivery back: Slack wants
// its acknowledgement within 3 s.
const maxAdmitDelay = 2 * time.Second

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

	// runCtx is the context of the running Run (nil before), which Later's
	// jobs run under; later counts them, laterWG waits for them.
	runCtx  context.Context
	later   int
	laterWG sync.WaitGroup
	// tooLate counts the deliveries told "too busy", for the log.
	tooLate *Tally
	// waited is how long the last delivery a worker took had waited in the
	// inbox, and takenAt when it was taken (Unix nanoseconds).
	waited, takenAt atomic.Int64
	// served remembers the deliveries handled in memory (Serve), and
	// inMemory counts them, for the log.
	served   recent
	inMemory *Tally
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
	if cfg.MaxWait == 0 {
		cfg.MaxWait = DefaultMaxWait
	}
	if cfg.MaxLater <= 0 {
		cfg.MaxLater = 1024
	}
	if cfg.AdmitAfter <= 0 {
		cfg.AdmitAfter = max(cfg.MaxWait, DefaultMaxWait) / 8
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &Runner{
		inbox: inbox, worker: worker, cfg: cfg, inHand: map[string]bool{}, acks: make(chan struct{}, 1),
		tooLate:  &Tally{Log: cfg.Log, Level: slog.LevelWarn, Msg: "deliveries waited too long to be answered in time; their users were told the bot is busy"},
		inMemory: &Tally{Log: cfg.Log, Level: slog.LevelInfo, Msg: "deliveries served in memory: the inbox is unreachable", Every: time.Minute},
	}
}

// Run handles deliveries until ctx is done, then waits for those in hand to
// finish (each within its Timeout), and for the jobs given to Later, and
// returns. Entries it did not take stay in the inbox for the other
// replicas, or for the next start.
func (r *Runner) Run(ctx context.Context) error {
	slots := make(chan struct{}, r.cfg.Workers)
	r.mu.Lock()
	r.runCtx = ctx
	r.mu.Unlock()
	stopTouching := r.touchInHand(ctx)
	stopAcking := r.removeHandled(ctx)
	// The workers live as long as Run: a goroutine a delivery would grow
	// its stack again for every one.
	work := make(chan Entry)
	for range r.cfg.Workers {
		r.wg.Go(func() {
			for e := range work {
				r.work(ctx, e)
				<-slots
			}
		})
	}
	defer func() {
		close(work)
		r.wg.Wait()
		r.laterWG.Wait()
		stopAcking()
		stopTouching()
		r.tooLate.Flush()
		r.inMemory.Flush()
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
			r.mu.Lock()
			r.inHand[e.ID] = true
			r.mu.Unlock()
			work <- e
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

// work handles one entry, on a worker.
func (r *Runner) work(ctx context.Context, e Entry) {
	now := time.Now()
	e.Accepted = acceptedAt(e.ID)
	waited := now.Sub(e.Accepted)
	r.waited.Store(int64(waited))
	r.takenAt.Store(now.UnixNano())
	// The work runs to its end even when shutdown begins: it was
	// acknowledged, and only a crash may hand it to another replica.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.cfg.Timeout)
	defer cancel()
	if r.toldTooLate(wctx, e, waited) {
		r.handled(e.ID)
		return
	}
	if r.served.has(e.Delivery.ID) {
		// Served in memory while the inbox was unreachable, yet in it: the
		// store ran the accept just before it was lost.
		r.cfg.Log.Info("a delivery served in memory was found in the inbox; not handled again", "kind", e.Kind)
		r.handled(e.ID)
		return
	}
	// The entry is removed once it is handled and what its handling owes
	// has been done (Owe).
	o := &owing{r: r, id: e.ID, accepted: e.Accepted, left: 1, mayRepeat: e.Reclaimed && !e.Left}
	if err := r.handle(context.WithValue(wctx, owingKey{}, o), e); errors.Is(err, ErrRetryLater) {
		if age := time.Since(e.Accepted); age < r.cfg.MaxRetryAge {
			r.cfg.Log.Info("a delivery is left for later", "kind", e.Kind, "age", age.Round(time.Second), "err", err)
			r.leave(wctx, o) // untouched from now on: taken again after the claim time
			return
		}
		r.cfg.Log.Warn("a delivery could not be handled in time; dropped", "kind", e.Kind, "err", err)
		r.apologize(wctx, e)
	}
	o.finish()
}

// toldTooLate tells the user of an entry that waited longer than MaxWait
// that it was not handled, when the worker can (LateTeller), the delivery
// may be given again, and it was not taken before (Reclaimed); it reports
// whether it did. The entry is marked shed first (Inbox.Shed), so that a
// replica that takes it over after a crash tells the same rather than
// handle it; a reclaimed entry marked so is told again. An entry that
// cannot be marked is handled, late.
func (r *Runner) toldTooLate(ctx context.Context, e Entry, age time.Duration) (told bool) {
	lt, ok := r.worker.(LateTeller)
	switch {
	case !ok:
		return false
	case e.Shed: // shed by a worker that stopped before removing it
	case r.cfg.MaxWait < 0 || e.Reclaimed || age <= r.cfg.MaxWait:
		return false
	default:
		if err := r.inbox.Shed(ctx, e.ID); err != nil {
			r.cfg.Log.Warn("a delivery that waited too long could not be marked shed; handling it late", "kind", e.Kind, "err", err)
			return false
		}
	}
	defer func() {
		if p := recover(); p != nil {
			r.cfg.Log.Error("panic while telling a user the bot was too busy; handling the delivery late", "kind", e.Kind, "panic", fmt.Sprint(p))
			told = false // handled late rather than left untold
		}
	}()
	if !lt.TooLate(ctx, e.Delivery) {
		return false
	}
	r.tooLate.Add("kind", e.Kind, "waited", age.Round(time.Millisecond))
	return true
}

// Admit holds a new delivery back, before the adapter accepts it, while
// the deliveries the workers take have waited in the inbox longer than
// AdmitAfter: by the excess, at most two seconds, or until ctx is done. A
// platform that waits for each acknowledgement before it sends more
// (Telegram's webhook keeps a few connections, each one update at a time,
// and keeps the rest on its side) then sends no faster than the workers
// answer, rather than filling the inbox with deliveries to be shed or told
// too late. It costs nothing while the backlog is short, or when no
// worker has taken a delivery for a second (nothing says it is long).
func (r *Runner) Admit(ctx context.Context) {
	if time.Since(time.Unix(0, r.takenAt.Load())) > time.Second {
		return
	}
	if over := time.Duration(r.waited.Load()) - r.cfg.AdmitAfter; over > 0 {
		sleep(ctx, min(over, maxAdmitDelay))
	}
}

// Later runs job in the background, off the workers, with a context of
// its own bounded by Config.Timeout: what may follow a reply without
// holding a worker (the redraw of a pressed message, which waits on a
// platform's rate limits; what the user must get, a private message after
// a press was answered, is owed instead: see Owe). It reports false, and does not run job, when MaxLater jobs are
// running already: the caller decides whether to do it itself or drop it.
// Run waits for the jobs before it returns. A job's panic is logged.
func (r *Runner) Later(job func(ctx context.Context)) bool {
	r.mu.Lock()
	if r.later >= r.cfg.MaxLater {
		r.mu.Unlock()
		return false
	}
	r.later++
	base := r.runCtx
	r.mu.Unlock()
	if base == nil {
		base = context.Background()
	}
	r.laterWG.Add(1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				r.cfg.Log.Error("panic in work after a reply", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			}
			r.mu.Lock()
			r.later--
			r.mu.Unlock()
			r.laterWG.Done()
		}()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(base), r.cfg.Timeout)
		defer cancel()
		job(ctx)
	}()
	return true
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

// LaterRunning is how many jobs given to Later (and Serve) have not
// finished: background work in flight, which the bot shows operators
// (kubequiz_background_jobs) and which reaching MaxLater turns away.
func (r *Runner) LaterRunning() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.later
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
