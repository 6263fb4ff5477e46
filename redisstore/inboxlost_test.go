package redisstore

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// TestAnInboxWhoseStreamIsGoneMakesItAgain removes the inbox's stream from
// a real redis-server as eviction does (maxmemory-policy allkeys-lru: the
// stream and its consumer group go with the key), once under a read
// blocked on it (Redis answers UNBLOCKED) and once between reads (then
// NOGROUP, the stream made again by the next accept without its group),
// as after FLUSHALL or a restart without persistence. Each time the inbox
// makes its group again in the same call, returns no error (the runner
// would warn and back off), says once at error level that what it held is
// lost, and takes the deliveries accepted since at the next call.
func TestAnInboxWhoseStreamIsGoneMakesItAgain(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t) // of its own: another test's read blocked on a stream is not this one's
	rdb := srv.Client(t)
	st := preloaded(t, rdb)
	var log testkit.LogBuffer
	var lost atomic.Int32
	in := st.Inbox(newScope(t), InboxOptions{Log: slog.New(slog.NewTextHandler(&log, nil)), OnLost: func() { lost.Add(1) }})
	ctx := ctxFor(t)
	if _, err := in.Accept(ctx, edge.Delivery{ID: "before", Kind: "k"}); err != nil {
		t.Fatal(err)
	}
	if got, err := in.Next(ctx, 10, 10*time.Millisecond); err != nil || len(got) != 1 {
		t.Fatalf("next before the stream is gone: %+v, %v", got, err)
	}

	type result struct {
		got []edge.Entry
		err error
	}
	blocked := make(chan result, 1)
	go func() {
		got, err := in.Next(ctx, 10, 15*time.Second)
		blocked <- result{got, err}
	}()
	testkit.Eventually(t, "the inbox's read blocks on its stream", func() bool {
		list, err := rdb.ClientList(ctx).Result()
		return err == nil && strings.Contains(list, "flags=b ")
	})
	if err := rdb.Del(ctx, in.stream).Err(); err != nil { // what eviction does to the key
		t.Fatal(err)
	}
	if v, err := in.Accept(ctx, edge.Delivery{ID: "after-unblocked", Kind: "k"}); err != nil || v != edge.Queued {
		t.Fatalf("accept after the stream was removed: %v, %v", v, err)
	}
	r := <-blocked
	if r.err != nil || len(r.got) != 1 || r.got[0].Delivery.ID != "after-unblocked" {
		t.Fatalf("the read blocked on the stream when it was removed: %+v, %v; want the delivery accepted since", r.got, r.err)
	}
	if err := in.Done(ctx, r.got[0].ID); err != nil {
		t.Fatal(err)
	}

	if err := rdb.Del(ctx, in.stream).Err(); err != nil {
		t.Fatal(err)
	}
	takesAfterLoss(t, in, "after-nogroup")

	if n := strings.Count(log.String(), msgInboxLost); n != 2 || !strings.Contains(log.String(), "level=ERROR") {
		t.Errorf("%d lines say the inbox was lost, want 2 at error level:\n%s", n, log.String())
	}
	if n := lost.Load(); n != 2 {
		t.Errorf("OnLost called %d times, want 2", n)
	}
}

// takesAfterLoss accepts a delivery with ID id on in's stream (made again
// without its group if it is gone) and checks the next call to Next takes
// it, without error: the call that finds the group gone makes it again
// and reads on.
func takesAfterLoss(t *testing.T, in *Inbox, id string) {
	t.Helper()
	ctx := ctxFor(t)
	if v, err := in.Accept(ctx, edge.Delivery{ID: id, Kind: "k"}); err != nil || v != edge.Queued {
		t.Fatalf("accept %s: %v, %v", id, v, err)
	}
	got, err := in.Next(ctx, 10, 10*time.Millisecond)
	if err != nil || len(got) != 1 || got[0].Delivery.ID != id {
		t.Fatalf("next after the stream was gone: %+v, %v; want %s", got, err, id)
	}
	if err := in.Done(ctx, got[0].ID); err != nil {
		t.Fatal(err)
	}
}

// TestAReadUnblockedWaitsOnlyForWhatIsLeft: a read blocked on the inbox's
// stream is unblocked (UNBLOCKED: the stream removed, as eviction does);
// the read after the group is made again blocks only for what is left of
// the wait, not the whole wait again (up to twice it in all). Nothing is
// accepted meanwhile, so the second read's BLOCK, as sent to a real
// redis-server, is what it waits.
func TestAReadUnblockedWaitsOnlyForWhatIsLeft(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t) // of its own: another test's read blocked on a stream is not this one's
	rdb := srv.Client(t)
	var blocks blockArgs
	rdb.AddHook(&blocks)
	st := preloaded(t, rdb)
	in := st.Inbox(newScope(t), InboxOptions{Log: slog.New(slog.DiscardHandler)})
	ctx := ctxFor(t)
	const wait = 2 * time.Second
	done := make(chan error, 1)
	go func() {
		_, err := in.Next(ctx, 10, wait)
		done <- err
	}()
	testkit.Eventually(t, "the inbox's read blocks on its stream", func() bool {
		list, err := rdb.ClientList(ctx).Result()
		return err == nil && strings.Contains(list, "flags=b ")
	})
	if err := rdb.Del(ctx, in.stream).Err(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("the read unblocked: %v", err)
	}
	got := blocks.taken()
	if len(got) != 2 || got[0] != wait.Milliseconds() || got[1] >= got[0] {
		t.Errorf("the reads' BLOCK arguments (ms): %v; want %d, then less", got, wait.Milliseconds())
	}
}

// blockArgs is a go-redis hook that records the BLOCK argument of every
// XREADGROUP, in milliseconds (-1 for one without).
type blockArgs struct {
	mu     sync.Mutex
	blocks []int64
}

// DialHook leaves dialling alone (redis.Hook).
func (b *blockArgs) DialHook(next redis.DialHook) redis.DialHook { return next }

// ProcessPipelineHook leaves pipelines alone (redis.Hook).
func (b *blockArgs) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// ProcessHook records an XREADGROUP's BLOCK (redis.Hook).
func (b *blockArgs) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if cmd.Name() == "xreadgroup" {
			block, args := int64(-1), cmd.Args()
			for i, a := range args {
				if s, ok := a.(string); ok && strings.EqualFold(s, "block") && i+1 < len(args) {
					block, _ = args[i+1].(int64)
				}
			}
			b.mu.Lock()
			b.blocks = append(b.blocks, block)
			b.mu.Unlock()
		}
		return next(ctx, cmd)
	}
}

// taken is the BLOCK arguments recorded, in order.
func (b *blockArgs) taken() []int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.blocks
}
