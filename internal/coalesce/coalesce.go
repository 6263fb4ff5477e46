// Package coalesce runs one job at a time per key and keeps only the
// latest of the jobs that arrive meanwhile. The chat adapters use it to
// redraw a quiz's answer count: when twenty people answer at once, the
// message is redrawn a few times, not twenty, and the last redraw shows the
// last count.
package coalesce

import (
	"container/list"
	"context"
	"sync"
)

// MaxKeys is how many keys a Coalescer remembers at most: every key with a
// job running, then the most recently used others, whose last version
// keeps a stale job from running. A key forgotten forgets its version.
const MaxKeys = 4096

// Coalescer runs one job at a time per key, keeping only the latest of the
// jobs that arrive meanwhile. It is safe for concurrent use, and its memory
// is bounded by MaxKeys keys.
type Coalescer struct {
	mu   sync.Mutex
	keys map[string]*key
	// idle holds the remembered keys with no job running, least recently
	// used first.
	idle list.List
	max  int
}

// key is what a Coalescer remembers of one key.
type key struct {
	name string
	// version is the highest version seen.
	version int64
	// running is set while a call runs the key's jobs; next is the job
	// left for it to run next.
	running bool
	next    func(context.Context)
	// inIdle is the key's place in Coalescer.idle, nil while running.
	inIdle *list.Element
}

// New makes a Coalescer.
func New() *Coalescer {
	return &Coalescer{keys: map[string]*key{}, max: MaxKeys}
}

// Do runs f, or, while another call runs a job for name, leaves f for that
// call to run next (replacing any job left before) and returns at once.
// A job whose version is lower than one already seen for name is stale and
// dropped: redraws arrive out of order, and a count must not go backwards.
// Jobs run with the context of the call that runs them.
//
// When MaxKeys keys all have a job running, a job for another key runs at
// once, without coalescing: it is not lost, and memory stays bounded.
func (c *Coalescer) Do(ctx context.Context, name string, version int64, f func(context.Context)) {
	c.mu.Lock()
	k, known := c.keys[name]
	switch {
	case known && version < k.version:
		c.mu.Unlock()
		return
	case known && k.running:
		k.version, k.next = version, f
		c.mu.Unlock()
		return
	case known:
		c.idle.Remove(k.inIdle)
		k.inIdle = nil
	case !c.makeRoom():
		c.mu.Unlock()
		f(ctx)
		return
	default:
		k = &key{name: name}
		c.keys[name] = k
	}
	k.version, k.running = version, true
	c.mu.Unlock()
	c.run(ctx, k, f)
}

// run runs f, then the jobs left for k meanwhile; k is then idle, even
// when a job panics (the job left, if any, is dropped).
func (c *Coalescer) run(ctx context.Context, k *key, f func(context.Context)) {
	finished := false
	defer func() {
		if !finished {
			c.mu.Lock()
			c.rest(k)
			c.mu.Unlock()
		}
	}()
	for f != nil {
		f(ctx)
		c.mu.Lock()
		f, k.next = k.next, nil
		if f == nil {
			c.rest(k)
		}
		c.mu.Unlock()
	}
	finished = true
}

// rest marks k idle, its most recently used key. Callers hold mu.
func (c *Coalescer) rest(k *key) {
	k.running, k.next = false, nil
	k.inIdle = c.idle.PushBack(k)
}

// makeRoom makes room for one more key, forgetting the least recently
// used idle one if need be; it reports false when every remembered key has
// a job running. Callers hold mu.
func (c *Coalescer) makeRoom() bool {
	if len(c.keys) < c.max {
		return true
	}
	oldest := c.idle.Front()
	if oldest == nil {
		return false
	}
	c.idle.Remove(oldest)
	delete(c.keys, oldest.Value.(*key).name)
	return true
}
