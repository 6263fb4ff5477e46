package redisstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// TestInboxContract runs the inbox's behaviours on every backend.
func TestInboxContract(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			h := b.open(t)
			t.Run("a delivery is queued once, its repeats are not", func(t *testing.T) {
				in := h.st.Inbox(newScope(t), InboxOptions{})
				ctx := ctxFor(t)
				d := edge.Delivery{ID: "update:1", Kind: "update", Body: []byte(`{"update_id":1}`)}
				for i, want := range []edge.Verdict{edge.Queued, edge.Repeat, edge.Repeat} {
					if v, err := in.Accept(ctx, d); err != nil || v != want {
						t.Fatalf("accept #%d: %v, %v; want %v", i+1, v, err, want)
					}
				}
				if v, _ := in.Accept(ctx, edge.Delivery{Kind: "update"}); v != edge.Queued {
					t.Errorf("a delivery without an ID is never a repeat: %v", v)
				}
				entries, err := in.Next(ctx, 10, 10*time.Millisecond)
				if err != nil || len(entries) != 2 || entries[0].Kind != "update" || entries[0].Delivery.ID != "update:1" || string(entries[0].Body) != `{"update_id":1}` {
					t.Fatalf("next: %+v, %v", entries, err)
				}
				if n, _ := in.Backlog(ctx); n != 2 {
					t.Errorf("backlog %d while in hand, want 2", n)
				}
				if err := in.Done(ctx, entries[0].ID, entries[1].ID); err != nil {
					t.Fatal(err)
				}
				if n, _ := in.Backlog(ctx); n != 0 {
					t.Errorf("backlog %d after done, want 0", n)
				}
				if more, err := in.Next(ctx, 10, 10*time.Millisecond); err != nil || len(more) != 0 {
					t.Errorf("after done, next gives %+v, %v", more, err)
				}
			})
			t.Run("a retried accept recognises its own token", func(t *testing.T) {
				in := h.st.Inbox(newScope(t), InboxOptions{})
				ctx := ctxFor(t)
				keys := []string{in.markers + "update:7", in.stream}
				for i := range 2 { // go-redis resending the script after a read timeout
					n, err := acceptScript.Run(ctx, h.rdb, keys, "my-token", 60000, 100, "update", "x", "update:7", 0).Int64()
					if err != nil || n != 0 {
						t.Fatalf("run #%d: %d, %v; want 0 (queued) both times", i+1, n, err)
					}
				}
				if n, _ := in.Backlog(ctx); n != 1 {
					t.Errorf("backlog %d, want the delivery once", n)
				}
				if n, _ := acceptScript.Run(ctx, h.rdb, keys, "another-token", 60000, 100, "update", "x", "update:7", 0).Int64(); n != 1 {
					t.Errorf("another delivery with the same ID: %d, want 1 (repeat)", n)
				}
				// Resent after its deadline, the call that queued it still says so.
				if n, err := acceptScript.Run(ctx, h.rdb, keys, "my-token", 60000, 100, "update", "x", "update:7", 1).Int64(); err != nil || n != 0 {
					t.Errorf("the queuing call resent past its deadline: %d, %v; want 0 (queued)", n, err)
				}
			})
			t.Run("an offer run past its deadline records nothing", func(t *testing.T) {
				in := h.st.Inbox(newScope(t), InboxOptions{})
				d := edge.Delivery{ID: "late:1", Kind: "k"}
				short, cancel := context.WithTimeout(ctxFor(t), clockSkew/5) // past its deadline as far as Redis may tell
				defer cancel()
				if v, err := in.Accept(short, d); !errors.Is(err, errPastDeadline) {
					t.Fatalf("an offer within clockSkew of its deadline: %v, %v; want errPastDeadline", v, err)
				}
				if n, _ := in.Backlog(ctxFor(t)); n != 0 {
					t.Errorf("backlog %d after an offer past its deadline, want 0", n)
				}
				if v, err := in.Accept(ctxFor(t), d); err != nil || v != edge.Queued {
					t.Errorf("the delivery offered again in time: %v, %v; want queued, not a repeat", v, err)
				}
			})
			t.Run("a full inbox sheds", func(t *testing.T) {
				in := h.st.Inbox(newScope(t), InboxOptions{Limit: 3})
				ctx := ctxFor(t)
				var got []edge.Verdict
				for i := range 5 {
					v, err := in.Accept(ctx, edge.Delivery{ID: fmt.Sprint(i), Kind: "k"})
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, v)
				}
				if fmt.Sprint(got) != "[queued queued queued full full]" {
					t.Errorf("verdicts %v", got)
				}
				if v, _ := in.Accept(ctx, edge.Delivery{ID: "4", Kind: "k"}); v != edge.Full {
					t.Errorf("a shed delivery was not remembered as accepted; its retry must be offered again: %v", v)
				}
			})
			t.Run("an entry whose consumer died is taken over, once", func(t *testing.T) {
				name := newScope(t)
				dead := h.st.Inbox(name, InboxOptions{Consumer: "dead", ClaimIdle: 200 * time.Millisecond})
				ctx := ctxFor(t)
				for i := range 3 {
					if _, err := dead.Accept(ctx, edge.Delivery{ID: fmt.Sprint(i), Kind: "k"}); err != nil {
						t.Fatal(err)
					}
				}
				taken, err := dead.Next(ctx, 10, 10*time.Millisecond)
				if err != nil || len(taken) != 3 || taken[0].Reclaimed {
					t.Fatalf("the first consumer took %+v, %v: want 3, none marked reclaimed", taken, err)
				}
				waitIdle(t, dead, 200*time.Millisecond, taken[0].ID, taken[1].ID, taken[2].ID)
				var mu sync.Mutex
				seen := map[string]int{}
				var wg sync.WaitGroup
				for _, c := range []string{"a", "b"} {
					wg.Add(1)
					go func() {
						defer wg.Done()
						live := h.st.Inbox(name, InboxOptions{Consumer: c, ClaimIdle: 200 * time.Millisecond})
						got, err := live.Next(ctx, 10, 10*time.Millisecond)
						if err != nil {
							t.Error(err)
						}
						mu.Lock()
						defer mu.Unlock()
						for _, e := range got {
							seen[e.ID]++
							if !e.Reclaimed {
								t.Errorf("entry %s taken over is not marked reclaimed", e.ID)
							}
						}
					}()
				}
				wg.Wait()
				if len(seen) != 3 {
					t.Errorf("%d of 3 entries taken over", len(seen))
				}
				for id, n := range seen {
					if n != 1 {
						t.Errorf("entry %s taken over %d times", id, n)
					}
				}
			})
			t.Run("an entry shed by a consumer that died is taken over marked shed, and its mark removed with it; one left for later, marked left, its mark cleared", func(t *testing.T) {
				name := newScope(t)
				dead := h.st.Inbox(name, InboxOptions{Consumer: "dead", ClaimIdle: 200 * time.Millisecond})
				ctx := ctxFor(t)
				for i := range 2 {
					if _, err := dead.Accept(ctx, edge.Delivery{ID: fmt.Sprint(i), Kind: "k"}); err != nil {
						t.Fatal(err)
					}
				}
				taken, err := dead.Next(ctx, 10, 10*time.Millisecond)
				if err != nil || len(taken) != 2 || taken[0].Shed {
					t.Fatalf("taken %+v, %v: want 2, none marked shed", taken, err)
				}
				if err := dead.Shed(ctx, taken[0].ID); err != nil {
					t.Fatal(err)
				}
				if err := dead.Leave(ctx, taken[1].ID); err != nil {
					t.Fatal(err)
				}
				waitIdle(t, dead, 200*time.Millisecond, taken[0].ID, taken[1].ID)
				live := h.st.Inbox(name, InboxOptions{Consumer: "live", ClaimIdle: 200 * time.Millisecond})
				got, err := live.Next(ctx, 10, 10*time.Millisecond)
				if err != nil || len(got) != 2 {
					t.Fatalf("taken over %+v, %v: want both", got, err)
				}
				shed, left := map[string]bool{}, map[string]bool{}
				for _, e := range got {
					shed[e.Delivery.ID], left[e.Delivery.ID] = e.Shed, e.Left
				}
				if !shed["0"] || shed["1"] || left["0"] || !left["1"] {
					t.Errorf("entries taken over marked shed %v and left %v, want the first shed and the second left", shed, left)
				}
				if n, _ := h.rdb.Exists(ctx, live.shed+taken[1].ID).Result(); n != 0 {
					t.Error("the left mark outlived its taking: a worker that stops on the entry now would be taken as leaving it")
				}
				if err := live.Done(ctx, got[0].ID, got[1].ID); err != nil {
					t.Fatal(err)
				}
				if n, _ := h.rdb.Exists(ctx, live.shed+taken[0].ID).Result(); n != 0 {
					t.Error("the shed mark outlived its entry")
				}
			})
			t.Run("a touched entry is not taken over", func(t *testing.T) {
				name := newScope(t)
				// Two entries taken at once, one touched midway: the other,
				// idle for ClaimIdle, shows when a claim would take the
				// touched one over had the touch not reset it. The margin
				// is wide: on a loaded machine a step may run late by a few
				// hundred milliseconds.
				const claimIdle = 2 * time.Second
				owner := h.st.Inbox(name, InboxOptions{Consumer: "owner", ClaimIdle: claimIdle})
				ctx := ctxFor(t)
				for _, id := range []string{"touched", "untouched"} {
					if _, err := owner.Accept(ctx, edge.Delivery{ID: id, Kind: "k"}); err != nil {
						t.Fatal(err)
					}
				}
				taken, err := owner.Next(ctx, 2, 10*time.Millisecond)
				if err != nil || len(taken) != 2 {
					t.Fatalf("taken %+v, %v: want both", taken, err)
				}
				waitIdle(t, owner, claimIdle/2, taken[0].ID)
				if err := owner.Touch(ctx, taken[0].ID); err != nil {
					t.Fatal(err)
				}
				waitIdle(t, owner, claimIdle, taken[1].ID)
				other := h.st.Inbox(name, InboxOptions{Consumer: "other", ClaimIdle: claimIdle})
				got, err := other.Next(ctx, 2, 10*time.Millisecond)
				if err != nil || len(got) != 1 || got[0].ID != taken[1].ID {
					t.Errorf("taken over %+v, %v: want only the untouched entry %s, not the touched %s", got, err, taken[1].ID, taken[0].ID)
				}
			})
		})
	}
}

// waitIdle waits until the entries ids in hand of in's group have gone
// untouched for d, by the server's clock (XPENDING's idle time, which a
// claim compares with its ClaimIdle).
func waitIdle(t *testing.T, in *Inbox, d time.Duration, ids ...string) {
	t.Helper()
	ctx := ctxFor(t)
	idle := map[string]time.Duration{}
	testkit.Eventually(t, fmt.Sprintf("entries %v idle for %s", ids, d), func() bool {
		pending, err := in.rdb.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: in.stream, Group: in.group, Start: "-", End: "+", Count: 1000}).Result()
		if err != nil {
			t.Fatal(err)
		}
		clear(idle)
		for _, p := range pending {
			idle[p.ID] = p.Idle
		}
		for _, id := range ids {
			if got, ok := idle[id]; !ok || got < d {
				return false
			}
		}
		return true
	}, func() string { return fmt.Sprintf("idle times %v", idle) })
}
