// Package pacing paces a bot's outgoing messages within a platform's rate
// limits (per conversation and overall), and retries a message the platform
// refused with "retry after", so that it is delivered late rather than lost.
// Slack and Telegram adapters share it; each sets its own limits.
package pacing

import (
	"context"
	"errors"
	"fmt"
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

// RetryAfterError is what a send function returns when the platform asked
// to wait (HTTP 429 with Retry-After, Telegram's retry_after).
type RetryAfterError struct {
	After time.Duration
	Err   error
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("rate limited: retry after %s: %v", e.After, e.Err)
}

func (e *RetryAfterError) Unwrap() error { return e.Err }

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
	// Clock defaults to real time.
	Clock Clock
	// OnWait, if set, is told of every wait: pacing (retry false) or a
	// platform's "retry after" (retry true). For metrics.
	OnWait func(d time.Duration, retry bool)
}

// Pacer paces sends. It is safe for concurrent use.
type Pacer struct {
	cfg    Config
	global *rate.Limiter

	mu       sync.Mutex
	limiters map[string]*conversation
}

// conversation is one conversation's limiters and when it last sent.
type conversation struct {
	limiters []*rate.Limiter
	last     time.Time
}

// Idle conversations are forgotten once there are many: a limiter untouched
// for idleAfter has refilled, so a new one behaves the same.
const (
	sweepAt   = 4096
	idleAfter = 10 * time.Minute
)

// New makes a Pacer.
func New(cfg Config) *Pacer {
	if cfg.Clock == nil {
		cfg.Clock = RealClock{}
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 5
	}
	p := &Pacer{cfg: cfg, limiters: map[string]*conversation{}}
	if cfg.Global.Limit > 0 {
		p.global = rate.NewLimiter(cfg.Global.Limit, max(1, cfg.Global.Burst))
	}
	return p
}

func (p *Pacer) limitersOf(name string, now time.Time) []*rate.Limiter {
	p.mu.Lock()
	defer p.mu.Unlock()
	c, ok := p.limiters[name]
	if !ok {
		if len(p.limiters) >= sweepAt {
			p.sweep(now)
		}
		c = &conversation{}
		if p.cfg.Rules != nil {
			for _, r := range p.cfg.Rules(name) {
				c.limiters = append(c.limiters, rate.NewLimiter(r.Limit, max(1, r.Burst)))
			}
		}
		p.limiters[name] = c
	}
	c.last = now
	ls := c.limiters
	if p.global != nil {
		ls = append(ls[:len(ls):len(ls)], p.global)
	}
	return ls
}

// sweep forgets the conversations idle for idleAfter.
func (p *Pacer) sweep(now time.Time) {
	for name, c := range p.limiters {
		if now.Sub(c.last) > idleAfter {
			delete(p.limiters, name)
		}
	}
}

// size is how many conversations the pacer remembers.
func (p *Pacer) size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.limiters)
}

// Wait blocks until one more message to conversation is within every limit.
func (p *Pacer) Wait(ctx context.Context, conversation string) error {
	now := p.cfg.Clock.Now()
	var delay time.Duration
	var reservations []*rate.Reservation
	for _, l := range p.limitersOf(conversation, now) {
		r := l.ReserveN(now, 1)
		if !r.OK() {
			for _, done := range reservations {
				done.CancelAt(now)
			}
			return errors.New("pacing: a rule allows no message at all")
		}
		reservations = append(reservations, r)
		delay = max(delay, r.DelayFrom(now))
	}
	if delay > 0 {
		if p.cfg.OnWait != nil {
			p.cfg.OnWait(delay, false)
		}
		if err := p.cfg.Clock.Sleep(ctx, delay); err != nil {
			for _, r := range reservations {
				r.CancelAt(p.cfg.Clock.Now())
			}
			return err
		}
	}
	return nil
}

// Send paces send for conversation and calls it; when it fails with a
// RetryAfterError it waits as asked and tries again, up to MaxRetries
// times, so the message is delivered late rather than dropped.
func (p *Pacer) Send(ctx context.Context, conversation string, send func(ctx context.Context) error) error {
	for attempt := 0; ; attempt++ {
		if err := p.Wait(ctx, conversation); err != nil {
			return err
		}
		err := send(ctx)
		var ra *RetryAfterError
		if !errors.As(err, &ra) || attempt >= p.cfg.MaxRetries {
			return err
		}
		if p.cfg.OnWait != nil {
			p.cfg.OnWait(ra.After, true)
		}
		if err := p.cfg.Clock.Sleep(ctx, ra.After); err != nil {
			return err
		}
	}
}
