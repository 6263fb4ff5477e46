package redisstore_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/redisstore"
)

// TestAnInboxThatCannotBeReachedSaysSo offers deliveries to an inbox on a
// real redis-server: refusing the bot's password or stopped, the error
// says the inbox is unreachable (edge.ErrUnreachable: nothing was sent),
// and, refusing the password, that Redis refuses the bot (edge.ErrRefused:
// another replica may reach it), as a lease's Acquire does; paused past the
// caller's deadline, it does not (Redis may still run it).
func TestAnInboxThatCannotBeReachedSaysSo(t *testing.T) {
	srv := redistest.StartWith(t, redistest.Options{Password: "right-password"})
	offer := func(url string, wait time.Duration) error {
		t.Helper()
		st, _, _, closeDB, err := redisstore.Connect(url)
		if err != nil {
			t.Fatal(err)
		}
		defer closeDB()
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		_, err = st.Inbox("unreachable", redisstore.InboxOptions{}).Accept(ctx, edge.Delivery{ID: t.Name() + url, Kind: "k"})
		return err
	}
	if err := offer(srv.URL(), 2*time.Second); err != nil {
		t.Fatalf("an offer to a Redis that answers: %v", err)
	}
	wrong := strings.Replace(srv.URL(), "right-password", "wrong-password", 1)
	if err := offer(wrong, 2*time.Second); !errors.Is(err, edge.ErrUnreachable) || !errors.Is(err, edge.ErrRefused) {
		t.Errorf("an offer with a wrong password failed with %v, want edge.ErrUnreachable and edge.ErrRefused", err)
	}
	st, _, _, closeDB, err := redisstore.Connect(wrong)
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB()
	if held, err := st.Acquire(context.Background(), t.Name(), "me", time.Second); held || !errors.Is(err, edge.ErrRefused) {
		t.Errorf("a lease taken with a wrong password: held %v, error %v; want edge.ErrRefused", held, err)
	}
	if err := srv.Client(t).Do(context.Background(), "CLIENT", "PAUSE", "1500").Err(); err != nil {
		t.Fatal(err)
	}
	if err := offer(srv.URL(), 300*time.Millisecond); err == nil || errors.Is(err, edge.ErrUnreachable) {
		t.Errorf("an offer to a paused Redis failed with %v, want a timeout, not edge.ErrUnreachable", err)
	}
	srv.Stop()
	if err := offer(srv.URL(), 2*time.Second); !errors.Is(err, edge.ErrUnreachable) || errors.Is(err, edge.ErrRefused) {
		t.Errorf("an offer to a stopped Redis failed with %v, want edge.ErrUnreachable, not edge.ErrRefused", err)
	}
}

// inboxOnItsOwnRedis is a store on a redis-server of its own, srv, and
// the test's inbox in it.
func inboxOnItsOwnRedis(t *testing.T) (*redistest.Server, *redisstore.Store, *redisstore.Inbox) {
	t.Helper()
	srv := redistest.Start(t)
	st, _, _, closeDB, err := redisstore.Connect(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeDB)
	return srv, st, st.Inbox(t.Name(), redisstore.InboxOptions{})
}

// TestAFullRedisRefusesTheInboxAsUnreachable fills a real redis-server
// (maxmemory below its use, noeviction: every write answered OOM): an
// offer to the inbox fails as unreachable (edge.ErrUnreachable: nothing
// was written, so the delivery may be served in memory), not as refusing
// the bot (another replica reaches the same full Redis), and nothing of it
// is in Redis once it has room again.
func TestAFullRedisRefusesTheInboxAsUnreachable(t *testing.T) {
	srv, st, in := inboxOnItsOwnRedis(t)
	ctx := context.Background()
	srv.Fill(t, true)
	_, err := in.Accept(ctx, edge.Delivery{ID: t.Name(), Kind: "k"})
	if !errors.Is(err, edge.ErrUnreachable) || errors.Is(err, edge.ErrRefused) || !redisstore.RefusesWrites(err) {
		t.Errorf("an offer to a full Redis failed with %v, want edge.ErrUnreachable, OOM, not edge.ErrRefused", err)
	}
	if held, err := st.Acquire(ctx, t.Name(), "me", time.Second); held || err == nil || errors.Is(err, edge.ErrRefused) {
		t.Errorf("a lease taken on a full Redis: held %v, error %v; want an error, not edge.ErrRefused", held, err)
	}
	srv.Fill(t, false)
	if v, err := in.Accept(ctx, edge.Delivery{ID: t.Name(), Kind: "k"}); err != nil || v != edge.Queued {
		t.Errorf("the offer once Redis had room: %v %v, want queued (the refused one wrote nothing)", v, err)
	}
}

// TestAFullRedisStillLetsHandledEntriesBeRemoved fills a real
// redis-server while entries of the inbox are in hand: removing them once
// handled (Done) only deletes, which Redis does also when full, so it
// succeeds — else the runner gives up on them after a minute and they are
// handled, and answered, again — and the inbox is empty.
func TestAFullRedisStillLetsHandledEntriesBeRemoved(t *testing.T) {
	srv, _, in := inboxOnItsOwnRedis(t)
	ctx := context.Background()
	for i := range 2 {
		if _, err := in.Accept(ctx, edge.Delivery{ID: fmt.Sprintf("%s:%d", t.Name(), i), Kind: "k"}); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := in.Next(ctx, 10, 10*time.Millisecond)
	if err != nil || len(entries) != 2 {
		t.Fatalf("next: %+v, %v; want the 2 entries", entries, err)
	}
	if err := in.Shed(ctx, entries[1].ID); err != nil {
		t.Fatal(err)
	}
	srv.Fill(t, true)
	defer srv.Fill(t, false)
	if err := in.Done(ctx, entries[0].ID, entries[1].ID); err != nil {
		t.Errorf("removing handled entries from a full Redis: %v, want them removed", err)
	}
	if n, err := in.Backlog(ctx); err != nil || n != 0 {
		t.Errorf("the inbox holds %d entries (%v) after they were removed, want 0", n, err)
	}
	if more, err := in.Next(ctx, 10, 10*time.Millisecond); err != nil || len(more) != 0 {
		t.Errorf("after they were removed, next gives %+v, %v", more, err)
	}
}
