package slackbot

import (
	"context"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"
)

// Work after an acknowledgement is queued and run by a bounded set of
// workers, detached from the request that brought it, so that shutting
// down can let it finish.
const (
	// jobTimeout bounds one delivery's work once it runs, waits for rate
	// limits included.
	jobTimeout = 5 * time.Minute
	// defaultDrain bounds how long Run waits for work in flight at
	// shutdown, unless the configuration says otherwise.
	defaultDrain = 20 * time.Second
	// maxWorkers bounds the deliveries handled at once; more wait their
	// turn in order, so that a burst neither exhausts Redis's connection
	// pool or the sockets to Slack nor piles up goroutines.
	maxWorkers = 256
)

// jobs is a queue of acknowledged work and the workers that run it; a
// worker starts when work arrives and stops when the queue is empty.
type jobs struct {
	ctx    context.Context // cancelled when draining gives up
	cancel context.CancelFunc
	log    *slog.Logger

	mu      sync.Mutex
	queue   []func(context.Context)
	workers int
	closing bool
	wg      sync.WaitGroup // the workers
}

func newJobs(log *slog.Logger) *jobs {
	ctx, cancel := context.WithCancel(context.Background())
	return &jobs{ctx: ctx, cancel: cancel, log: log}
}

// start queues f; it reports false, without queueing it, once the adapter
// is shutting down.
func (j *jobs) start(f func(ctx context.Context)) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closing {
		return false
	}
	j.queue = append(j.queue, f)
	if j.workers < maxWorkers {
		j.workers++
		j.wg.Add(1)
		go j.work()
	}
	return true
}

// work runs queued jobs until the queue is empty.
func (j *jobs) work() {
	defer j.wg.Done()
	for {
		j.mu.Lock()
		if len(j.queue) == 0 {
			j.workers--
			j.mu.Unlock()
			return
		}
		f := j.queue[0]
		j.queue[0] = nil
		j.queue = j.queue[1:]
		j.mu.Unlock()
		j.run(f)
	}
}

// run runs one job with its own deadline, recovering from a panic. Once
// draining has given up, what is left is dropped.
func (j *jobs) run(f func(context.Context)) {
	if j.ctx.Err() != nil {
		j.log.Warn("dropped a Slack delivery: shut down before it could be handled")
		return
	}
	defer func() {
		if p := recover(); p != nil {
			j.log.Error("panic in Slack work", "panic", p, "stack", string(debug.Stack()))
		}
	}()
	ctx, cancel := context.WithTimeout(j.ctx, jobTimeout)
	defer cancel()
	f(ctx)
}

// drain refuses new work and waits up to timeout for the work queued and
// in flight, then cancels what is left.
func (j *jobs) drain(timeout time.Duration) {
	j.mu.Lock()
	j.closing = true
	j.mu.Unlock()
	done := make(chan struct{})
	go func() {
		j.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(timeout):
	}
	j.cancel()
}
