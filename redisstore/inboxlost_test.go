package redisstore

import (
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

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
