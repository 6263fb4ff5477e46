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
