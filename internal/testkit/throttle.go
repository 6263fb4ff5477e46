package testkit

import (
	"maps"
	"sync/atomic"
	"testing"
	"time"
)

// Arrival is a call as a platform's fake API received it, for TooSoon and
// PausedFor.
type Arrival struct {
	// Sender is the sequence of calls it belongs to: one the adapter makes
	// one after another (a response URL, a reply in a chat, the answer to
	// one button press).
	Sender string
	// At is when the fake took the call, before answering it.
	At time.Time
	// RetryAfter is the wait a 429 asked for; 0 when it was not answered
	// 429.
	RetryAfter time.Duration
}

// TooSoon is how many calls the adapter made sooner than a 429 let it, of
// the calls it certainly made knowing of that 429, so that how long a call
// spends on its way on a busy machine does not count: a sender's calls
// after one of its own was answered 429 (the adapter read that answer
// before it made the next), and the calls of each sender in held before
// the time it gives (the test started those senders once the adapter was
// waiting out a 429 that lasts until then, see RetryWaits). A 429's pause
// lasts at least until its arrival at the fake plus its Retry-After, since
// the adapter begins it once answered: a call the pause held arrives after
// that. Calls are in order of arrival.
func TooSoon(calls []Arrival, held map[string]time.Time) int {
	until := maps.Clone(held)
	if until == nil {
		until = map[string]time.Time{}
	}
	n := 0
	for _, c := range calls {
		if c.At.Before(until[c.Sender]) {
			n++
		}
		if end := c.At.Add(c.RetryAfter); end.After(until[c.Sender]) {
			until[c.Sender] = end
		}
	}
	return n
}

// HeldBy is TooSoon's held for senders the test started once the adapter
// was waiting out first's 429.
func HeldBy(first Arrival, senders ...string) map[string]time.Time {
	held := map[string]time.Time{}
	for _, s := range senders {
		held[s] = first.At.Add(first.RetryAfter)
	}
	return held
}

// First429 is the first of calls answered 429.
func First429(tb testing.TB, calls []Arrival) Arrival {
	tb.Helper()
	for _, c := range calls {
		if c.RetryAfter > 0 {
			return c
		}
	}
	tb.Fatal("no call was answered 429")
	return Arrival{}
}

// PausedFor is how long the 429s among calls asked to wait, overlaps
// counted once.
func PausedFor(calls []Arrival) time.Duration {
	var spell time.Duration
	var end time.Time
	for _, c := range calls {
		start := c.At
		if start.Before(end) {
			start = end
		}
		if to := c.At.Add(c.RetryAfter); to.After(start) {
			spell += to.Sub(start)
			end = to
		}
	}
	return spell
}

// RetryWaits counts an adapter's waits for a 429's Retry-After, as the
// adapter tells its metrics of them (adapters.Deps.OnWait is its OnWait):
// once one is counted, the adapter has read a 429 and holds the calls it
// pauses.
type RetryWaits struct{ n atomic.Int64 }

// OnWait counts a wait for a Retry-After (retry true).
func (w *RetryWaits) OnWait(_ time.Duration, retry bool) {
	if retry {
		w.n.Add(1)
	}
}

// Wait waits until the adapter has waited for a Retry-After.
func (w *RetryWaits) Wait(tb testing.TB) {
	tb.Helper()
	for deadline := time.Now().Add(15 * time.Second); w.n.Load() == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			tb.Fatal("the adapter never waited for a Retry-After")
		}
	}
}
