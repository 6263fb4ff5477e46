package redisstore

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// maxScriptBatches is how many batches of one script a store has on the
// wire at once: as many callers as that are sent as they come, each alone,
// and only those that arrive while all are out wait to go together. Several
// overlap one batch's round trip with another's run, so Redis is not idle
// while a reply travels. Measured with loadtest answers (BENCHMARKS.md),
// 8 keeps 8 callers as fast as without batches, where 4 made them slower
// (batches of two or three save less than the hand-over costs), and 50
// callers as fast as 4 does.
const maxScriptBatches = 8

// maxBatchCalls is the most calls one batch sends; the rest wait for the
// next. A pipeline's replies are read within one read timeout, and a
// pipeline that fails is sent again whole.
const maxBatchCalls = 128

// scriptBatch runs one script for concurrent callers, sending the calls
// that arrive while earlier ones are on the wire together, as one pipeline
// (group commit). A caller alone is sent at once, as Script.Run sends it:
// batching never waits for company, it only takes what is waiting. Each
// call stays a script of its own, atomic and answered alone, so what a
// batch changes is how many round trips and reads and writes Redis and the
// client make, not what any call does; a batch of calls of different
// slots is split by the cluster client as any pipeline is.
//
// When any reply of a pipeline is lost, go-redis sends the whole pipeline
// again, so a call that may be batched must recognise itself when it runs
// twice, as the answer scripts do by the delivery's mark.
type scriptBatch struct {
	rdb    redis.UniversalClient
	script *redis.Script

	mu      sync.Mutex
	waiting []*scriptCall
	sending int // batches on the wire
}

// scriptCall is one caller's call of a scriptBatch and, once its caller
// is woken with no batch to send, its reply.
type scriptCall struct {
	ctx  context.Context
	keys []string
	args []any

	// state is callWaiting until the call is taken into a batch
	// (callTaken) or its caller gives up waiting (callAbandoned).
	state atomic.Int32
	// wake wakes a caller that waits, once: with nil when the reply is in,
	// or with the batch it was taken into first, which it is to send. A
	// caller sent at once has none.
	wake chan []*scriptCall
	// leads is that batch, set under the scriptBatch's lock when the call
	// is taken to lead it, so that a caller who stops waiting knows
	// whether it must still see the batch sent.
	leads []*scriptCall

	val any
	err error
}

// The states of a scriptCall.
const (
	callWaiting int32 = iota
	callTaken
	callAbandoned
)

func newScriptBatch(rdb redis.UniversalClient, script *redis.Script) *scriptBatch {
	return &scriptBatch{rdb: rdb, script: script}
}

// Run runs the script with keys and args, alone or in a batch, and returns
// its reply. A caller whose ctx ends while its call waits gets ctx's error
// at once: a call not yet taken into a batch is then left out; one taken
// with others is sent all the same, as they are (a call the caller gave up
// on may so have run, as with any command whose reply came too late).
func (b *scriptBatch) Run(ctx context.Context, keys []string, args ...any) (any, error) {
	c := &scriptCall{ctx: ctx, keys: keys, args: args}
	b.mu.Lock()
	if b.sending < maxScriptBatches {
		// None waits while a place is free: the call goes alone.
		b.sending++
		b.mu.Unlock()
		b.send([]*scriptCall{c})
		return c.val, c.err
	}
	c.wake = make(chan []*scriptCall, 1)
	b.waiting = append(b.waiting, c)
	b.mu.Unlock()
	select {
	case batch := <-c.wake:
		if batch != nil {
			b.send(batch)
		}
		return c.val, c.err
	case <-ctx.Done():
	}
	if c.state.CompareAndSwap(callWaiting, callAbandoned) {
		return nil, ctx.Err()
	}
	b.mu.Lock()
	leads := c.leads
	b.mu.Unlock()
	if leads != nil { // its batch is on its way: someone must send it
		<-c.wake
		go b.send(leads)
	}
	return nil, ctx.Err()
}

// take makes a batch of the calls waiting that are still wanted, up to
// maxBatchCalls; the rest stay queued. b.mu is held.
func (b *scriptBatch) take() []*scriptCall {
	var batch []*scriptCall
	rest := 0
	for i, c := range b.waiting {
		if len(batch) == maxBatchCalls {
			rest = copy(b.waiting, b.waiting[i:])
			break
		}
		if c.state.CompareAndSwap(callWaiting, callTaken) {
			batch = append(batch, c)
		}
	}
	clear(b.waiting[rest:])
	b.waiting = b.waiting[:rest]
	return batch
}

// send sends batch, whose first call is its sender's own, wakes the
// others' callers with their replies, and hands what gathered in the
// meantime to the first of its callers to send: no caller sends more than
// one batch, and none waits for a batch that is not its own. Should the
// sending panic (a client hook's bug), every call of the batch gets the
// panic as its error, which its caller reports, and the queue is handed on.
func (b *scriptBatch) send(batch []*scriptCall) {
	defer b.handOn()
	defer func() {
		if r := recover(); r != nil {
			for _, c := range batch {
				c.val, c.err = nil, fmt.Errorf("sending a batch of scripts panicked: %v", r)
			}
		}
		b.wake(batch)
	}()
	b.exec(batch)
}

// wake wakes the callers of batch but its sender.
func (b *scriptBatch) wake(batch []*scriptCall) {
	for _, c := range batch[1:] {
		c.wake <- nil
	}
}

// handOn hands the calls waiting to the first of them to send, or gives
// back the sender's place when none waits.
func (b *scriptBatch) handOn() {
	b.mu.Lock()
	next := b.take()
	if len(next) == 0 {
		b.sending--
	} else {
		next[0].leads = next
	}
	b.mu.Unlock()
	if len(next) > 0 {
		next[0].wake <- next
	}
}

// exec runs batch: a call alone as Script.Run runs it, several in one
// pipeline of EVALSHA. Calls Redis has no script for (it restarted, or
// its cache was flushed) are sent again together with EVAL, which loads
// it. The pipeline is not cancelled with any caller's context, as it
// carries the others' calls too: it runs until the nearest of their
// deadlines, or within the client's timeouts when none has one.
func (b *scriptBatch) exec(batch []*scriptCall) {
	if len(batch) == 1 {
		c := batch[0]
		c.val, c.err = b.script.Run(c.ctx, b.rdb, c.keys, c.args...).Result()
		return
	}
	ctx, cancel := batchContext(batch)
	defer cancel()
	cmds := make([]*redis.Cmd, len(batch))
	_, _ = b.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, c := range batch {
			cmds[i] = b.script.EvalSha(ctx, p, c.keys, c.args...)
		}
		return nil
	})
	var again []int
	for i, c := range batch {
		c.val, c.err = cmds[i].Result()
		if c.err != nil && redis.HasErrorPrefix(c.err, "NOSCRIPT") {
			again = append(again, i)
		}
	}
	if len(again) == 0 {
		return
	}
	_, _ = b.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, i := range again {
			cmds[i] = b.script.Eval(ctx, p, batch[i].keys, batch[i].args...)
		}
		return nil
	})
	for _, i := range again {
		batch[i].val, batch[i].err = cmds[i].Result()
	}
}

// batchContext is the context a batch is sent with: its sender's values,
// no cancellation, and the nearest deadline of its callers still waiting,
// so that none of them, its sender included, waits for it past its own. (All share the
// deliveries' timeout, so the nearest is its sender's, the one that waited
// longest; a batch ends there only when Redis stalls, and the others'
// answers are then given again, as a timed-out answer is.)
func batchContext(batch []*scriptCall) (context.Context, context.CancelFunc) {
	ctx := context.WithoutCancel(batch[0].ctx)
	var nearest time.Time
	for _, c := range batch {
		if c.ctx.Err() != nil {
			continue // its caller has gone: the batch is the others'
		}
		if d, ok := c.ctx.Deadline(); ok && (nearest.IsZero() || d.Before(nearest)) {
			nearest = d
		}
	}
	if nearest.IsZero() {
		return ctx, func() {}
	}
	return context.WithDeadline(ctx, nearest)
}
