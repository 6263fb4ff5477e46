package redisstore

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/redis/go-redis/v9"
)

// maxScriptBatches is how many batches of one script a store has on the
// wire at once. One keeps Redis busy while the next batch gathers; a second
// overlaps one batch's round trip with the other's run, so Redis is not
// idle while a reply travels. More would mostly split the callers into
// smaller batches.
const maxScriptBatches = 4

// scriptBatch runs one script for concurrent callers, sending the calls
// that arrive while earlier ones are on the wire together, as one pipeline
// (group commit). A caller alone is sent at once, as Script.Run sends it:
// batching never waits for company, it only takes what is waiting. Each
// call stays a script of its own, atomic and answered alone, so what a
// batch changes is how many round trips and reads and writes Redis and the
// client make, not what any call does; a batch of calls of different
// slots is split by the cluster client as any pipeline is.
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
	// wake wakes a waiting caller: with nil once the reply is in, or with a
	// batch, its own call first, which the caller is to send.
	wake chan []*scriptCall

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
// its reply. A caller whose ctx ends while its call waits for a batch gets
// ctx's error, and its call is left out; once taken into a batch, a call
// is sent and answered whatever its context, as the batch's others are.
func (b *scriptBatch) Run(ctx context.Context, keys []string, args ...any) (any, error) {
	c := &scriptCall{ctx: ctx, keys: keys, args: args, wake: make(chan []*scriptCall, 1)}
	b.mu.Lock()
	if b.sending < maxScriptBatches {
		b.sending++
		batch := b.take(c)
		b.mu.Unlock()
		b.send(batch)
		return c.val, c.err
	}
	b.waiting = append(b.waiting, c)
	b.mu.Unlock()
	var batch []*scriptCall
	select {
	case batch = <-c.wake:
	case <-ctx.Done():
		if c.state.CompareAndSwap(callWaiting, callAbandoned) {
			return nil, ctx.Err()
		}
		batch = <-c.wake // taken: its reply, or its batch to send, is on its way
	}
	if batch != nil {
		b.send(batch)
	}
	return c.val, c.err
}

// take makes a batch of lead and the calls waiting that are still wanted,
// and empties the queue. b.mu is held.
func (b *scriptBatch) take(lead *scriptCall) []*scriptCall {
	var batch []*scriptCall
	if lead != nil {
		lead.state.Store(callTaken)
		batch = append(make([]*scriptCall, 0, len(b.waiting)+1), lead)
	}
	for _, c := range b.waiting {
		if c.state.CompareAndSwap(callWaiting, callTaken) {
			batch = append(batch, c)
		}
	}
	clear(b.waiting)
	b.waiting = b.waiting[:0]
	return batch
}

// send sends batch, whose first call is its caller's, wakes the others'
// callers with their replies, and hands what gathered in the meantime to
// the first of its callers to send: no caller sends more than one batch,
// and none waits for a batch that is not its own.
func (b *scriptBatch) send(batch []*scriptCall) {
	b.exec(batch)
	for _, c := range batch[1:] {
		c.wake <- nil
	}
	b.mu.Lock()
	next := b.take(nil)
	if len(next) == 0 {
		b.sending--
	}
	b.mu.Unlock()
	if len(next) > 0 {
		next[0].wake <- next
	}
}

// exec runs batch: a call alone as Script.Run runs it, several in one
// pipeline of EVALSHA. A call Redis has no script for (it restarted, or
// its cache was flushed) runs again with Script.Run, which loads it. The
// pipeline is not cancelled with any caller's context, as it carries the
// others' calls too; the client's read and write timeouts bound it.
func (b *scriptBatch) exec(batch []*scriptCall) {
	if len(batch) == 1 {
		c := batch[0]
		c.val, c.err = b.script.Run(c.ctx, b.rdb, c.keys, c.args...).Result()
		return
	}
	ctx := context.WithoutCancel(batch[0].ctx)
	pipe := b.rdb.Pipeline()
	cmds := make([]*redis.Cmd, len(batch))
	for i, c := range batch {
		cmds[i] = b.script.EvalSha(ctx, pipe, c.keys, c.args...)
	}
	_, _ = pipe.Exec(ctx)
	for i, c := range batch {
		c.val, c.err = cmds[i].Result()
		if c.err != nil && redis.HasErrorPrefix(c.err, "NOSCRIPT") {
			c.val, c.err = b.script.Run(ctx, b.rdb, c.keys, c.args...).Result()
		}
	}
}
