// Package pacing paces a bot's outgoing messages within a platform's rate
// limits (per conversation and overall), and retries a message the platform
// refused with "retry after", so that it is delivered late rather than lost.
// Slack and Telegram adapters share it; each sets its own limits.
//
// Its bookkeeping costs O(1) amortised per send and its memory is bounded:
// see Config.MaxConversations.
package pacing

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Rule is one rate limit: Limit events per second, with bursts of Burst.
type Rule struct {
	Limit rate.Limit
	Burst int
}

// Per makes a rule of n events per period, without bursts.
func Per(n int, period time.Duration) Rule {
	return Rule{Limit: rate.Limit(float64(n) / period.Seconds()), Burst: 1}
}

// never stands for "not within any time that matters": how long a rule
// that allows no steady rate takes to refill.
const never = 100 * 365 * 24 * time.Hour

// refill is how long a limiter of r takes to refill from empty.
func (r Rule) refill() time.Duration {
	switch {
	case r.Limit == rate.Inf:
		return 0
	case r.Limit <= 0:
		return never
	}
	return time.Duration(float64(max(1, r.Burst)) / float64(r.Limit) * float64(time.Second))
}

// RetryAfterError is what a send function returns when the platform asked
// to wait (HTTP 429 with Retry-After, Telegram's retry_after).
type RetryAfterError struct {
	After time.Duration
	Err   error
}

// Error says how long to wait, and why.
func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("rate limited: retry after %s: %v", e.After, e.Err)
}

// Unwrap is the platform's refusal.
func (e *RetryAfterError) Unwrap() error { return e.Err }

// ErrShed is returned, without sending, when a message is for a
// conversation the pacer does not remember while it remembers
// MaxConversations conversations that all have a message waiting, or when
// its conversation's limits would hold it longer than MaxBacklog.
var ErrShed = errors.New("pacing: too many messages waiting; message shed")

// Clock is the time a Pacer waits by; tests inject one that does not sleep.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done.
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock.
type RealClock struct{}

// Now is the current time.
func (RealClock) Now() time.Time { return time.Now() }

// Sleep waits for d or until ctx is done.
func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Drop is what a Pacer gave up to stay within MaxConversations.
type Drop int

// The drops, told to Config.OnDrop.
const (
	// Evicted is a conversation forgotten before its limits had refilled.
	Evicted Drop = iota
	// Shed is a message refused with ErrShed.
	Shed
)

// String names the drop, for a metric's label.
func (d Drop) String() string {
	if d == Shed {
		return "shed"
	}
	return "evicted"
}

// DefaultMaxConversations is Config.MaxConversations when unset. A
// remembered conversation with one rule takes about 300 bytes, so the
// pacer's state stays under about 20 MB.
const DefaultMaxConversations = 1 << 16

// Config sets up a Pacer.
type Config struct {
	// Global limits every message; zero means no overall limit.
	Global Rule
	// Rules gives the limits of one conversation's messages (Telegram: 1/s
	// in every chat and 20/min more in a group).
	Rules func(conversation string) []Rule
	// MaxRetries bounds the retries of one message after "retry after"
	// (default 5).
	MaxRetries int
	// MaxConversations caps the conversations remembered at once
	// (default DefaultMaxConversations).
	//
	// A conversation is forgotten as soon as its limits have refilled,
	// which loses nothing: a new limiter behaves the same. At the cap, the
	// least recently used conversation nobody waits on is forgotten even
	// if it has not refilled (Evicted): it sent its last message longer
	// ago than every other, and a rule refills in Burst/Limit (1–3 s for
	// Slack's and Telegram's), so for the extra burst this allows to
	// exceed a platform's limit, MaxConversations other conversations
	// must have sent within those seconds, far beyond what any platform
	// accepts from one bot (Telegram: 30/s overall); and the platform's
	// "retry after" still catches it. A conversation with a message
	// waiting is never forgotten; when every remembered one has a message
	// waiting, a message for a new one is shed (ErrShed).
	MaxConversations int
	// MaxBacklog, if set, is the longest a message may wait for its own
	// conversation's limits: one that would wait longer is shed (ErrShed),
	// so that a conversation flooding the bot (one group typing commands
	// faster than Telegram lets the bot answer there) holds at most that
	// much of its senders' time, and the others are answered.
	MaxBacklog time.Duration
	// SenderBacklog is the longest a message may wait for its
	// conversation's limits when its sender (WithSender) already has a
	// message waiting there: one that would wait longer is shed
	// (ErrShed). One member flooding a group then fills at most that much
	// of its MaxBacklog, and what is left of it goes to the others, each
	// message of theirs the first they have waiting: what is shed beyond
	// the conversation's budget is the flooder's first. Unset, it is half
	// of MaxBacklog (none without one); set to MaxBacklog, a sender may
	// fill all of it.
	SenderBacklog time.Duration
	// Clock defaults to real time.
	Clock Clock
	// OnWait, if set, is told of every wait: pacing (retry false) or a
	// platform's "retry after" (retry true). For metrics.
	OnWait func(d time.Duration, retry bool)
	// OnDrop, if set, is told of every conversation evicted and every
	// message shed at the cap. For metrics.
	OnDrop func(Drop)
}

// Pacer paces sends. It is safe for concurrent use.
type Pacer struct {
	cfg    Config
	global *rate.Limiter

	mu            sync.Mutex
	conversations map[string]*conversation
	// settled holds the remembered conversations nobody waits on, least
	// recently used first.
	settled list.List
	// paused holds when each method paused by a "retry after" may be
	// called again: one entry per method name callers use, at most.
	paused map[string]time.Time
	// background is the lane of the background messages (InBackground):
	// the one that holds it waits for the global limit to have room now;
	// the others wait their turn to hold it, in order.
	background chan struct{}
}

// conversation is one conversation's limiters.
type conversation struct {
	name     string
	limiters []*rate.Limiter
	// refill is how long its limiters take to refill from empty; full is
	// when they all will have, at the latest.
	refill time.Duration
	full   time.Time
	// waiting counts the messages waiting their turn, and senders those
	// of each sender that has some; inSettled is its place in
	// Pacer.settled, nil while waiting > 0.
	waiting   int
	senders   map[string]int
	inSettled *list.Element
}

// senderKey is the context key of a message's sender.
type senderKey struct{}

// WithSender marks the messages sent with ctx as sent on behalf of sender
// (the user whose request they answer), for Config.SenderBacklog.
func WithSender(ctx context.Context, sender string) context.Context {
	return context.WithValue(ctx, senderKey{}, sender)
}

// senderOf is the sender WithSender marked ctx with, "" for none.
func senderOf(ctx context.Context) string {
	s, _ := ctx.Value(senderKey{}).(string)
	return s
}

// backgroundKey is the context key of InBackground.
type backgroundKey struct{}

// InBackground marks the messages sent with ctx as background: messages
// nobody waits on as on a command's reply (a vote's private feedback).
// They take only the Global limit's room the other messages leave: each
// in turn, in order, waits until the limit has room now, rather than
// reserve a turn ahead of the replies that come after it, so that a reply
// waits for at most one background message however many are waiting.
// Their conversations' limits hold them as any other's.
func InBackground(ctx context.Context) context.Context {
	return context.WithValue(ctx, backgroundKey{}, true)
}

// inBackground reports whether InBackground marked ctx.
func inBackground(ctx context.Context) bool {
	b, _ := ctx.Value(backgroundKey{}).(bool)
	return b
}

// New makes a Pacer.
func New(cfg Config) *Pacer {
	if cfg.Clock == nil {
		cfg.Clock = RealClock{}
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 5
	}
	if cfg.MaxConversations <= 0 {
		cfg.MaxConversations = DefaultMaxConversations
	}
	if cfg.SenderBacklog == 0 {
		cfg.SenderBacklog = cfg.MaxBacklog / 2
	}
	p := &Pacer{cfg: cfg, conversations: map[string]*conversation{}, paused: map[string]time.Time{}, background: make(chan struct{}, 1)}
	if cfg.Global.Limit > 0 {
		p.global = rate.NewLimiter(cfg.Global.Limit, max(1, cfg.Global.Burst))
	}
	return p
}

// SendMethod paces send, a call of a platform method (Slack: a Web API
// method such as "chat.postMessage"; Telegram: "sendMessage") for
// conversation, and calls it; when it fails with a RetryAfterError it
// waits as asked and tries again, up to MaxRetries times, so the message
// is delivered late rather than dropped. A platform's "retry after"
// throttles the method rather than one conversation: it pauses every later
// send of method, for every conversation, until it has passed. Each retry
// waits out the pause like any other send. An empty method pauses nothing
// but the message retried.
func (p *Pacer) SendMethod(ctx context.Context, method, conversation string, send func(ctx context.Context) error) error {
	for attempt := 0; ; attempt++ {
		if err := p.wait(ctx, method, conversation); err != nil {
			return err
		}
		err := send(ctx)
		var ra *RetryAfterError
		if !errors.As(err, &ra) {
			return err
		}
		if method != "" {
			p.pause(method, p.cfg.Clock.Now().Add(ra.After))
		}
		if attempt >= p.cfg.MaxRetries {
			return err
		}
		if method != "" {
			continue // the next wait sleeps the pause out
		}
		p.tellWait(ra.After, true)
		if err := p.cfg.Clock.Sleep(ctx, ra.After); err != nil {
			return err
		}
	}
}

// wait blocks until method is not paused and one more message to
// conversation is within every limit.
func (p *Pacer) wait(ctx context.Context, method, name string) error {
	if err := p.waitPause(ctx, method); err != nil {
		return err
	}
	lane := p.global != nil && inBackground(ctx)
	if lane {
		if err := p.waitRoom(ctx); err != nil {
			return err
		}
	}
	now := p.cfg.Clock.Now()
	p.mu.Lock()
	p.forgetRefilled(now)
	c, drop, err := p.conversation(name, now)
	if err != nil {
		p.mu.Unlock()
		p.leaveLane(lane)
		p.tellDrop(drop)
		return err
	}
	sender := senderOf(ctx)
	reservations, delay, err := p.reserve(c, now)
	if err == nil && c != nil && p.overBacklog(c, sender, conversationDelay(reservations[:len(c.limiters)], now)) {
		for _, r := range reservations {
			r.CancelAt(now)
		}
		err, drop = ErrShed, Shed
	}
	if err == nil && c != nil {
		c.full = later(c.full, now.Add(delay+c.refill))
		if delay > 0 {
			c.hold(&p.settled, sender)
		}
	}
	p.mu.Unlock()
	p.leaveLane(lane) // its turn reserved: the next one's turn
	if drop >= 0 {
		p.tellDrop(drop)
	}
	if err != nil || delay <= 0 {
		return err
	}
	p.tellWait(delay, false)
	err = p.cfg.Clock.Sleep(ctx, delay)
	if err != nil {
		for _, r := range reservations {
			r.CancelAt(p.cfg.Clock.Now())
		}
	}
	if c != nil {
		p.mu.Lock()
		c.release(&p.settled, sender)
		p.mu.Unlock()
	}
	return err
}

// waitRoom waits for the background lane, in order, then until the
// global limit has room for one message now; the caller holds the lane
// until it has reserved its turn. A reply that reserves the room first
// makes it wait again, for the next, so this costs O(1) amortised per
// message sent.
func (p *Pacer) waitRoom(ctx context.Context) error {
	select {
	case p.background <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	for {
		tokens := p.global.TokensAt(p.cfg.Clock.Now())
		if tokens >= 1 {
			return nil
		}
		// Rounded up, so that it never sleeps 0 and asks again at once.
		d := time.Duration(math.Ceil((1 - tokens) / float64(p.global.Limit()) * float64(time.Second)))
		p.tellWait(d, false)
		if err := p.cfg.Clock.Sleep(ctx, d); err != nil {
			p.leaveLane(true)
			return err
		}
	}
}

// leaveLane gives the background lane to the next in it, if lane (the
// caller holds it).
func (p *Pacer) leaveLane(lane bool) {
	if lane {
		<-p.background
	}
}

// overBacklog reports whether a message of sender (maybe "") to c that
// would wait d for c's limits waits too long: longer than MaxBacklog, or
// than SenderBacklog while sender has another waiting. Callers hold mu.
func (p *Pacer) overBacklog(c *conversation, sender string, d time.Duration) bool {
	if p.cfg.MaxBacklog > 0 && d > p.cfg.MaxBacklog {
		return true
	}
	return p.cfg.SenderBacklog > 0 && d > p.cfg.SenderBacklog && sender != "" && c.senders[sender] > 0
}

// conversationDelay is how long the reservations of a conversation's own
// limiters hold a message.
func conversationDelay(reservations []*rate.Reservation, now time.Time) time.Duration {
	var d time.Duration
	for _, r := range reservations {
		d = max(d, r.DelayFrom(now))
	}
	return d
}

// reserve reserves one message with c's limiters (c may be nil) and the
// global one, and says how long it must wait. Callers hold mu.
func (p *Pacer) reserve(c *conversation, now time.Time) ([]*rate.Reservation, time.Duration, error) {
	var limiters []*rate.Limiter
	if c != nil {
		limiters = c.limiters
	}
	if p.global != nil {
		limiters = append(limiters[:len(limiters):len(limiters)], p.global)
	}
	var delay time.Duration
	reservations := make([]*rate.Reservation, 0, len(limiters))
	for _, l := range limiters {
		r := l.ReserveN(now, 1)
		if !r.OK() {
			for _, done := range reservations {
				done.CancelAt(now)
			}
			return nil, 0, errors.New("pacing: a rule allows no message at all")
		}
		reservations = append(reservations, r)
		delay = max(delay, r.DelayFrom(now))
	}
	return reservations, delay, nil
}

// conversation finds or makes the conversation called name, nil when it
// has no rules (there is nothing to remember), making room at the cap: the
// drop, if any, is what that cost (-1 for none). Callers hold mu.
func (p *Pacer) conversation(name string, now time.Time) (*conversation, Drop, error) {
	if c, ok := p.conversations[name]; ok {
		if c.inSettled != nil {
			p.settled.MoveToBack(c.inSettled)
		}
		return c, -1, nil
	}
	var rules []Rule
	if p.cfg.Rules != nil {
		rules = p.cfg.Rules(name)
	}
	if len(rules) == 0 {
		return nil, -1, nil
	}
	drop := Drop(-1)
	if len(p.conversations) >= p.cfg.MaxConversations {
		oldest := p.settled.Front()
		if oldest == nil {
			return nil, Shed, ErrShed
		}
		p.forget(oldest.Value.(*conversation))
		drop = Evicted
	}
	c := &conversation{name: name, limiters: make([]*rate.Limiter, len(rules)), full: now}
	for i, r := range rules {
		c.limiters[i] = rate.NewLimiter(r.Limit, max(1, r.Burst))
		c.refill = max(c.refill, r.refill())
	}
	c.inSettled = p.settled.PushBack(c)
	p.conversations[name] = c
	return c, drop, nil
}

// forgetRefilled forgets the least recently used conversations whose
// limiters have all refilled by now. Each is forgotten once, so this costs
// O(1) amortised per send. Callers hold mu.
func (p *Pacer) forgetRefilled(now time.Time) {
	for e := p.settled.Front(); e != nil; e = p.settled.Front() {
		c := e.Value.(*conversation)
		if now.Before(c.full) {
			return
		}
		p.forget(c)
	}
}

// forget drops c, which nobody waits on. Callers hold mu.
func (p *Pacer) forget(c *conversation) {
	p.settled.Remove(c.inSettled)
	c.inSettled = nil
	delete(p.conversations, c.name)
}

// hold marks one more message of c waiting, of sender (maybe ""): c
// cannot be forgotten until it is sent. Callers hold the pacer's mu.
func (c *conversation) hold(settled *list.List, sender string) {
	c.waiting++
	if sender != "" {
		if c.senders == nil {
			c.senders = map[string]int{}
		}
		c.senders[sender]++
	}
	if c.inSettled != nil {
		settled.Remove(c.inSettled)
		c.inSettled = nil
	}
}

// release marks one message of c, of sender, done waiting: with none
// left, c is the most recently used of settled. Callers hold the pacer's
// mu.
func (c *conversation) release(settled *list.List, sender string) {
	c.waiting--
	if sender != "" {
		if c.senders[sender]--; c.senders[sender] <= 0 {
			delete(c.senders, sender)
		}
	}
	if c.waiting == 0 {
		c.inSettled = settled.PushBack(c)
	}
}

// pause pauses method until the time given, unless it already is longer.
// Pauses that have passed are dropped, so paused holds at most one entry
// per method name in use.
func (p *Pacer) pause(method string, until time.Time) {
	now := p.cfg.Clock.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	for m, t := range p.paused {
		if !now.Before(t) {
			delete(p.paused, m)
		}
	}
	p.paused[method] = later(p.paused[method], until)
}

// waitPause sleeps until method is not paused.
func (p *Pacer) waitPause(ctx context.Context, method string) error {
	if method == "" {
		return nil
	}
	for {
		now := p.cfg.Clock.Now()
		p.mu.Lock()
		until, paused := p.paused[method]
		if paused && !now.Before(until) {
			delete(p.paused, method)
			paused = false
		}
		p.mu.Unlock()
		if !paused {
			return nil
		}
		p.tellWait(until.Sub(now), true)
		if err := p.cfg.Clock.Sleep(ctx, until.Sub(now)); err != nil {
			return err
		}
	}
}

func (p *Pacer) tellWait(d time.Duration, retry bool) {
	if p.cfg.OnWait != nil {
		p.cfg.OnWait(d, retry)
	}
}

func (p *Pacer) tellDrop(d Drop) {
	if p.cfg.OnDrop != nil {
		p.cfg.OnDrop(d)
	}
}

// later is the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
