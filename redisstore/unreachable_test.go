package redisstore_test

import (
	"context"
	"errors"
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

// TestAFullRedisRefusesTheInboxAsUnreachable fills a real redis-server
// (maxmemory below its use, noeviction: every write answered OOM): an
// offer to the inbox fails as unreachable (edge.ErrUnreachable: nothing
// was written, so the delivery may be served in memory), not as refusing
// the bot (another replica reaches the same full Redis), and nothing of it
// is in Redis once it has room again.
func TestAFullRedisRefusesTheInboxAsUnreachable(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	st, _, _, closeDB, err := redisstore.Connect(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB()
	in := st.Inbox(t.Name(), redisstore.InboxOptions{})
	srv.Fill(t, true)
	_, err = in.Accept(ctx, edge.Delivery{ID: t.Name(), Kind: "k"})
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
