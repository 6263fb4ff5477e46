package slackbot

import (
	"context"
	"runtime"
	"sync"
	"testing"
)

func TestCoalescerRunsTheLatestWaitingJob(t *testing.T) {
	c := newCoalescer()
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
		c.do(ctx, "msg", job("first", hold))
		close(first)
	}()
	for { // wait until the first job holds the key
		c.mu.Lock()
		_, busy := c.next["msg"]
		c.mu.Unlock()
		if busy {
			break
		}
		runtime.Gosched()
	}
	c.do(ctx, "msg", job("second", nil)) // returns at once: left for the runner
	c.do(ctx, "msg", job("third", nil))  // replaces the second
	c.do(ctx, "other", job("other", nil))
	close(hold)
	<-first
	mu.Lock()
	defer mu.Unlock()
	if got := len(ran); got != 3 || ran[0] != "other" || ran[1] != "first" || ran[2] != "third" {
		t.Errorf("ran %v, want [other first third]", ran)
	}
	if len(c.next) != 0 {
		t.Errorf("keys left behind: %v", c.next)
	}
}
