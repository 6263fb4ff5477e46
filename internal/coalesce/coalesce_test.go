package coalesce

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"testing"
)

// isRunning reports whether a job of name is running.
func (c *Coalescer) isRunning(name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	k, ok := c.keys[name]
	return ok && k.running
}

// waitRunning waits until a job of name runs.
func waitRunning(c *Coalescer, name string) {
	for !c.isRunning(name) {
		runtime.Gosched()
	}
}

func TestCoalescerRunsTheLatestWaitingJob(t *testing.T) {
	c := New()
	ctx := context.Background()
	var (
		mu  sync.Mutex
		ran []string
	)
	job := func(name string, hold chan struct{}) func(context.Context) {
		return func(context.Context) {
			if hold != nil {
				<-hold
			}
			mu.Lock()
			ran = append(ran, name)
			mu.Unlock()
		}
	}
	hold := make(chan struct{})
	first := make(chan struct{})
	go func() {
		c.Do(ctx, "msg", 0, job("first", hold))
		close(first)
	}()
	waitRunning(c, "msg")
	c.Do(ctx, "msg", 0, job("second", nil)) // returns at once: left for the runner
	c.Do(ctx, "msg", 0, job("third", nil))  // replaces the second
	c.Do(ctx, "other", 0, job("other", nil))
	close(hold)
	<-first
	mu.Lock()
	defer mu.Unlock()
	if got := len(ran); got != 3 || ran[0] != "other" || ran[1] != "first" || ran[2] != "third" {
		t.Errorf("ran %v, want [other first third]", ran)
	}
	if c.isRunning("msg") || c.isRunning("other") {
		t.Error("a key is still marked running once its jobs are done")
	}
}

func TestStaleVersionsAreDropped(t *testing.T) {
	c := New()
	var ran []int64
	for _, v := range []int64{3, 1, 5, 4, 5} {
		c.Do(context.Background(), "m", v, func(context.Context) { ran = append(ran, v) })
	}
	if fmt.Sprint(ran) != "[3 5 5]" {
		t.Errorf("ran versions %v, want [3 5 5]: lower versions after a higher one are stale", ran)
	}
}

func TestKeysAreBoundedTheLeastRecentlyUsedForgotten(t *testing.T) {
	c := New()
	c.max = 8
	ctx := context.Background()
	for i := range 1000 {
		c.Do(ctx, "m"+strconv.Itoa(i), 10, func(context.Context) {})
		c.Do(ctx, "kept", int64(i), func(context.Context) {}) // used all along
		if len(c.keys) > 8 || c.idle.Len() != len(c.keys) {
			t.Fatalf("%d keys remembered (%d idle), over the bound 8", len(c.keys), c.idle.Len())
		}
	}
	ran := false
	c.Do(ctx, "kept", 998, func(context.Context) { ran = true })
	if ran {
		t.Error("a stale job ran for a key used all along: its version was forgotten")
	}
	c.Do(ctx, "m0", 1, func(context.Context) { ran = true })
	if !ran {
		t.Error("a key long forgotten still refused an older version")
	}
}

func TestAtTheBoundAJobRunsUncoalesced(t *testing.T) {
	c := New()
	c.max = 2
	ctx := context.Background()
	release := make(chan struct{})
	var held sync.WaitGroup
	for _, name := range []string{"a", "b"} {
		held.Go(func() { c.Do(ctx, name, 0, func(context.Context) { <-release }) })
		waitRunning(c, name)
	}
	ran := false
	c.Do(ctx, "c", 0, func(context.Context) { ran = true })
	if !ran || len(c.keys) != 2 {
		t.Errorf("with every key running, a new key's job ran: %v, %d keys remembered (want it run at once, 2 kept)", ran, len(c.keys))
	}
	close(release)
	held.Wait()
}

func TestAPanickingJobFreesItsKey(t *testing.T) {
	c := New()
	ctx := context.Background()
	func() {
		defer func() { _ = recover() }()
		c.Do(ctx, "m", 1, func(context.Context) { panic("boom") })
	}()
	ran := false
	c.Do(ctx, "m", 2, func(context.Context) { ran = true })
	if !ran {
		t.Error("after a job panicked, the key's next job did not run")
	}
}
