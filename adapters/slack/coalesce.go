package slackbot

import (
	"context"
	"sync"
)

// coalescer runs one job at a time per key, keeping only the latest of the
// jobs that arrive meanwhile: when twenty people answer a channel quiz at
// once, the quiz message is redrawn a few times, not twenty, and the last
// redraw shows the last count.
type coalescer struct {
	mu   sync.Mutex
	next map[string]func(context.Context) // present while a job of the key runs
}

func newCoalescer() *coalescer {
	return &coalescer{next: map[string]func(context.Context){}}
}

// do runs f, or, while another call runs a job for key, leaves f for that
// call to run next (replacing any job left before) and returns at once.
// Jobs run with the context of the call that runs them.
func (c *coalescer) do(ctx context.Context, key string, f func(context.Context)) {
	c.mu.Lock()
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
