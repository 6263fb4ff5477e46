package telegram

import (
	"fmt"
	"sync"
	"time"
)

// maxPollFailures is how many getUpdates failures in a row a polling
// replica takes before it says it is not ready.
const maxPollFailures = 3

// pollHealth follows whether this replica's polling works: while it holds
// the polling lease, its getUpdates calls must succeed. It is safe for
// concurrent use.
type pollHealth struct {
	mu      sync.Mutex
	leading bool
	// failures counts getUpdates failures in a row, lastErr the latest;
	// lastOK is when getUpdates last succeeded, or when the lease was
	// taken.
	failures int
	lastErr  error
	lastOK   time.Time
}

// lead records that the replica took the lease at now.
func (h *pollHealth) lead(now time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.leading, h.failures, h.lastErr, h.lastOK = true, 0, nil, now
}

// standBy records that the replica does not hold the lease.
func (h *pollHealth) standBy() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.leading = false
}

// polled records the outcome of a getUpdates call that ended at now.
func (h *pollHealth) polled(now time.Time, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err == nil {
		h.failures, h.lastErr, h.lastOK = 0, nil, now
		return
	}
	h.failures++
	h.lastErr = err
}

// failing reports whether the latest getUpdates failed.
func (h *pollHealth) failing() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.failures > 0
}

// holding reports whether the replica holds the lease.
func (h *pollHealth) holding() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.leading
}

// problem says what is wrong with polling at now, "" when nothing is: while
// the replica holds the lease, getUpdates failed more than maxPollFailures
// times in a row, or has not succeeded for longer than stale. A replica
// standing by has no problem: another one polls.
func (h *pollHealth) problem(now time.Time, stale time.Duration) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case !h.leading:
		return ""
	case h.failures > maxPollFailures:
		return fmt.Sprintf("getUpdates failed %d times in a row (%v)", h.failures, h.lastErr)
	case now.Sub(h.lastOK) > stale:
		return fmt.Sprintf("getUpdates has not succeeded for %s", now.Sub(h.lastOK).Round(time.Second))
	}
	return ""
}
