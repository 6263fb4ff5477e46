// Package coalesce runs one job at a time per key and keeps only the
// latest of the jobs that arrive meanwhile. The chat adapters use it to
// redraw a quiz's answer count: when twenty people answer at once, the
// message is redrawn a few times, not twenty, and the last redraw shows the
// last count.
package coalesce

import (
	"context"
	"sync"
)

// Coalescer runs one job at a time per key, keeping only the latest of the
// jobs that arrive meanwhile. It is safe for concurrent use.
type Coalescer struct {
	mu   sync.Mutex
	next map[string]func(context.Context) // present while a job of the key runs
	// latest is the highest version seen per key, for the keys seen last.
	latest map[string]int64
	keys   []string // ring of the keys in latest, oldest first evicted
	at     int
}

// remembered is how many keys' versions a Coalescer keeps.
const remembered = 4096

// New makes a Coalescer.
func New() *Coalescer {
	return &Coalescer{next: map[string]func(context.Context){}, latest: map[string]int64{}, keys: make([]string, remembered)}
}

// Do runs f, or, while another call runs a job for key, leaves f for that
// call to run next (replacing any job left before) and returns at once.
// A job whose version is lower than one already seen for key is stale and
// dropped: redraws arrive out of order, and a count must not go backwards.
// Jobs run with the context of the call that runs them.
func (c *Coalescer) Do(ctx context.Context, key string, version int64, f func(context.Context)) {
	c.mu.Lock()
	if v, seen := c.latest[key]; seen && version < v {
		c.mu.Unlock()
		return
	}
	c.remember(key, version)
	if _, busy := c.next[key]; busy {
		c.next[key] = f
		c.mu.Unlock()
		return
	}
	c.next[key] = nil
	c.mu.Unlock()
	for f != nil {
		f(ctx)
		c.mu.Lock()
		f = c.next[key]
		if f == nil {
			delete(c.next, key)
		} else {
			c.next[key] = nil
		}
		c.mu.Unlock()
	}
}

// remember records the highest version of key, forgetting the oldest key
// once the ring is full. Callers hold mu.
func (c *Coalescer) remember(key string, version int64) {
	if _, seen := c.latest[key]; !seen {
		if old := c.keys[c.at]; old != "" {
			delete(c.latest, old)
		}
		c.keys[c.at] = key
		c.at = (c.at + 1) % len(c.keys)
	}
	c.latest[key] = version
}
