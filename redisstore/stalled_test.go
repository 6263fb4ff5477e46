package redisstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/redisstore"
)

// TestAnOfferQueuedInAStalledRedisIsNotRecordedPastItsDeadline pauses a
// real redis-server (SIGSTOP) while a delivery is offered with a 1.5 s
// deadline: the offer waits in Redis's socket, and Redis runs it when it
// is resumed, 3 s later. Its caller gave up (and may have told its user
// so), so it records nothing: the inbox is empty, and the delivery offered
// again is queued, not a repeat. An offer made while it answers is queued.
func TestAnOfferQueuedInAStalledRedisIsNotRecordedPastItsDeadline(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	st, _, _, closeDB, err := redisstore.Connect(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB()
	in := st.Inbox("stalled", redisstore.InboxOptions{})
	ctx := context.Background()
	d := edge.Delivery{ID: "trigger:" + t.Name(), Kind: "command", Body: []byte(`{}`)}

	// Its scripts loaded, as the bot loads them at start (else the late
	// EVALSHA fails with NOSCRIPT), and a connection in the pool, which
	// the offer is written on.
	if err := st.Preload(ctx); err != nil {
		t.Fatal(err)
	}
	srv.Pause(t)
	paused := true
	defer func() {
		if paused {
			srv.Resume(t)
		}
	}()
	offer, cancel := context.WithTimeout(ctx, 1500*time.Millisecond)
	defer cancel()
	if v, err := in.Accept(offer, d); err == nil {
		t.Fatalf("an offer to a paused Redis: %v, want an error", v)
	}
	time.Sleep(1500 * time.Millisecond) // past its deadline, and past any clock skew
	srv.Resume(t)
	paused = false

	if n, err := in.Backlog(ctx); err != nil || n != 0 {
		t.Fatalf("backlog %d (%v) once Redis ran the late offer, want 0: it was told refused", n, err)
	}
	if v, err := in.Accept(ctx, d); err != nil || v != edge.Queued {
		t.Errorf("the delivery offered again: %v, %v; want queued (the late offer left no marker)", v, err)
	}
	if n, err := in.Backlog(ctx); err != nil || n != 1 {
		t.Errorf("backlog %d (%v), want the delivery once", n, err)
	}
}
