package coalesce

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"
)

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
	for { // wait until the first job holds the key
		c.mu.Lock()
		_, busy := c.next["msg"]
		c.mu.Unlock()
		if busy {
			break
		}
		runtime.Gosched()
	}
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
	if len(c.next) != 0 {
		t.Errorf("keys left behind: %v", c.next)
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
