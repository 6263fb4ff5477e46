// Package retry tries a call to a chat platform's API again when it failed
// in a way a later attempt may not: a 5xx, a timeout or a dropped
// connection, an answer that cannot be read. It waits longer after each
// failure (exponential backoff with jitter, so that callers failing
// together do not come back together) and gives up once the next attempt
// would start past a deadline. A refusal (a 4xx) is not retried; a
// platform's "retry after" (pacing.RetryAfterError) is, waiting at least as
// long as asked. Both chat adapters use it around their paced sends.
//
// A call that sends a message may fail after the platform took it: the
// request was written whole and no answer came back in time, or a success
// came back that cannot be read. Such a failure is InDoubt, a kind of
// transient one: tried again, the message may show twice. A Policy with
// OnInDoubt set sends such a call again once at most.
//
// Forever is the other way of trying again, for what the bot cannot start
// without: no deadline, and every error but a fatal one tried again.
package retry

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/kubequiz/kubequiz/internal/pacing"
)

// InDoubt marks err as the failure of an attempt that the platform may
// have carried out all the same (see the package comment); it is also
// Transient. nil stays nil.
func InDoubt(err error) error {
	if err == nil {
		return nil
	}
	return &inDoubtError{err: err}
}

// inDoubtError is an error marked InDoubt.
type inDoubtError struct{ err error }

func (e *inDoubtError) Error() string { return e.err.Error() }

func (e *inDoubtError) Unwrap() error { return e.err }

// IsInDoubt reports whether err, or an error it wraps, was marked InDoubt.
func IsInDoubt(err error) bool {
	_, ok := errors.AsType[*inDoubtError](err)
	return ok
}

// Transient marks err as a failure that a later attempt may not meet; nil
// stays nil.
func Transient(err error) error {
	if err == nil {
		return nil
	}
	return &transientError{err: err}
}

// transientError is an error marked Transient.
type transientError struct{ err error }

func (e *transientError) Error() string { return e.err.Error() }

func (e *transientError) Unwrap() error { return e.err }

// IsTransient reports whether err, or an error it wraps, was marked
// Transient or InDoubt, or is a platform's "retry after".
func IsTransient(err error) bool {
	if _, ok := errors.AsType[*transientError](err); ok || IsInDoubt(err) {
		return true
	}
	_, ok := errors.AsType[*pacing.RetryAfterError](err)
	return ok
}

// The defaults of a Policy.
const (
	DefaultFirst  = 250 * time.Millisecond
	DefaultMax    = 8 * time.Second
	DefaultWithin = time.Minute
)

// Policy says how to try again. The zero Policy uses the defaults.
type Policy struct {
	// First is the wait after the first failure (default DefaultFirst);
	// each later wait doubles, up to Max (default DefaultMax). A wait is
	// drawn at random between half and all of it.
	First, Max time.Duration
	// Within bounds the whole (default DefaultWithin): no attempt starts
	// later than this after the first.
	Within time.Duration
	// Clock is the time waited by (default real time).
	Clock pacing.Clock
	// OnInDoubt, if set, is for a call that must not be carried out more
	// than twice (a message sent: its user would see it again and again):
	// after a failure that IsInDoubt, the call is tried again once only.
	// OnInDoubt is told of each such failure, again true for the first,
	// before the call is tried again, false for a second, which Do
	// returns. Unset, a failure in doubt is tried again as any transient
	// one.
	OnInDoubt func(err error, again bool)
}

// Do calls f until it returns nil or an error that is not transient, ctx
// is done, or the next attempt would start past the policy's deadline, or
// (with OnInDoubt set) a second attempt failed in doubt. It returns f's
// last error; past the deadline, or in doubt twice, wrapped to say so.
func (p Policy) Do(ctx context.Context, f func(ctx context.Context) error) error {
	p = p.withDefaults()
	start := p.Clock.Now()
	backoff := p.First
	inDoubt := false
	for attempt := 1; ; attempt++ {
		err := f(ctx)
		if err == nil || !IsTransient(err) || ctx.Err() != nil {
			return err
		}
		if p.OnInDoubt != nil && IsInDoubt(err) {
			p.OnInDoubt(err, !inDoubt)
			if inDoubt {
				return fmt.Errorf("not tried again: twice an attempt may have been carried out: %w", err)
			}
			inDoubt = true
		}
		wait := backoff/2 + rand.N(backoff/2+1)
		if ra, ok := errors.AsType[*pacing.RetryAfterError](err); ok {
			wait = max(wait, ra.After)
		}
		if elapsed := p.Clock.Now().Sub(start); elapsed+wait > p.Within {
			return fmt.Errorf("gave up after %d attempts in %s: %w", attempt, elapsed.Round(time.Millisecond), err)
		}
		if p.Clock.Sleep(ctx, wait) != nil {
			return err
		}
		backoff = min(2*backoff, p.Max)
	}
}

// withDefaults fills in what p leaves unset.
func (p Policy) withDefaults() Policy {
	if p.First <= 0 {
		p.First = DefaultFirst
	}
	if p.Max <= 0 {
		p.Max = DefaultMax
	}
	p.Max = max(p.Max, p.First)
	if p.Within <= 0 {
		p.Within = DefaultWithin
	}
	if p.Clock == nil {
		p.Clock = pacing.RealClock{}
	}
	return p
}

// The defaults of Forever.
const (
	DefaultForeverFirst = time.Second
	DefaultForeverMax   = 30 * time.Second
)

// Forever says how to call what the bot cannot start without (the
// platform's check of its token, its webhook set) until it answers,
// however long the platform is away: with no deadline, and whatever the
// error unless Fatal says no attempt can mend it. The zero Forever uses
// the defaults and keeps trying through any error.
type Forever struct {
	// First is the wait after the first failure (default
	// DefaultForeverFirst); each later wait doubles, up to Max (default
	// DefaultForeverMax). A "retry after" is waited out, and the waits
	// double from it.
	First, Max time.Duration
	// Clock is the time waited by (default real time).
	Clock pacing.Clock
	// Fatal, if set, turns an error no later attempt can mend (a refused
	// token) into the error to return; it returns nil for any other.
	Fatal func(err error) error
	// Retrying, if set, is told of each failure to be tried again, with
	// the wait before the next attempt: to log it.
	Retrying func(err error, wait time.Duration)
}

// Do calls f until it returns nil, ctx is done, or Fatal makes its error
// fatal; it returns that fatal error, else nil.
func (p Forever) Do(ctx context.Context, f func(ctx context.Context) error) error {
	if p.First <= 0 {
		p.First = DefaultForeverFirst
	}
	if p.Max <= 0 {
		p.Max = DefaultForeverMax
	}
	if p.Clock == nil {
		p.Clock = pacing.RealClock{}
	}
	for wait := p.First; ; wait = min(2*wait, max(p.Max, p.First)) {
		err := f(ctx)
		if err == nil || ctx.Err() != nil {
			return nil
		}
		if p.Fatal != nil {
			if fatal := p.Fatal(err); fatal != nil {
				return fatal
			}
		}
		if ra, ok := errors.AsType[*pacing.RetryAfterError](err); ok {
			wait = max(wait, ra.After)
		}
		if p.Retrying != nil {
			p.Retrying(err, wait)
		}
		if p.Clock.Sleep(ctx, wait) != nil {
			return nil
		}
	}
}
