package redisstore

import (
	"testing"
	"time"
)

// TestConfirmationContract runs on every backend: a held token reads as
// what it confirms, and is taken once, only for what it confirms, only in
// its scope, and not after its TTL; the press that took it is told so
// again and reads it still, any other press finds it gone; given back by
// its taker, it is held again.
func TestConfirmationContract(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			f := newFx(t, b.open(t))
			take := func(scope, token, what, by string, want bool) {
				t.Helper()
				if got, err := f.st.TakeConfirmation(f.ctx, scope, token, what, by); err != nil || got != want {
					t.Errorf("TakeConfirmation(%s, %s, %s, %s) = %v, %v; want %v", scope, token, what, by, got, err, want)
				}
			}
			hold := func(token, what string, ttl time.Duration) {
				t.Helper()
				if err := f.st.HoldConfirmation(f.ctx, f.scope, token, what, "asker", ttl); err != nil {
					t.Fatal(err)
				}
			}
			held := func(scope, token, by, want string) {
				t.Helper()
				if got, err := f.st.Confirmation(f.ctx, scope, token, by); err != nil || got != want {
					t.Errorf("Confirmation(%s, %s, %s) = %q, %v; want %q", scope, token, by, got, err, want)
				}
			}
			take(f.scope, "never", "u:1", "p1", false)
			held(f.scope, "never", "", "")
			hold("tok1", "u:1", time.Minute)
			held(f.scope, "tok1", "", "u:1")
			held(newScope(t), "tok1", "", "")
			take(f.scope, "tok1", "u:2", "p1", false) // a token confirms one thing
			take(newScope(t), "tok1", "u:1", "p1", false)
			take(f.scope, "tok1", "u:1", "p1", true)
			take(f.scope, "tok1", "u:1", "p1", true) // the same press, again
			take(f.scope, "tok1", "u:1", "p2", false)
			held(f.scope, "tok1", "p1", "u:1")
			held(f.scope, "tok1", "p2", "")
			held(f.scope, "tok1", "", "")

			// Given back by another press: nothing; by its taker: held again.
			if err := f.st.RestoreConfirmation(f.ctx, f.scope, "tok1", "u:1", "p2"); err != nil {
				t.Fatal(err)
			}
			held(f.scope, "tok1", "", "")
			if err := f.st.RestoreConfirmation(f.ctx, f.scope, "tok1", "u:1", "p1"); err != nil {
				t.Fatal(err)
			}
			held(f.scope, "tok1", "", "u:1")
			take(f.scope, "tok1", "u:1", "p2", true)

			hold("tok2", "u:1", f.h.shortTTL)
			f.h.elapse(2 * f.h.shortTTL)
			take(f.scope, "tok2", "u:1", "p1", false)
			held(f.scope, "tok2", "", "")

			// Taking keeps the token's TTL: a used token expires too.
			hold("tok3", "u:1", f.h.shortTTL)
			take(f.scope, "tok3", "u:1", "p1", true)
			f.h.elapse(2 * f.h.shortTTL)
			held(f.scope, "tok3", "p1", "")
		})
	}
}

// TestAConfirmationTakenAfterATimeoutIsStillTaken: the take whose reply
// Redis ran but the client gave up on is sent again by go-redis, and finds
// its own mark: taken, never "stale" to the press that took it.
func TestAConfirmationTakenAfterATimeoutIsStillTaken(t *testing.T) {
	t.Parallel()
	st, proxy := throughProxy(t)
	ctx, scope := ctxFor(t), newScope(t)
	if err := st.HoldConfirmation(ctx, scope, "tok", "u:1", "u:1", time.Minute); err != nil {
		t.Fatal(err)
	}
	before := proxy.Lost()
	proxy.HoldReplies(1)
	taken, err := st.TakeConfirmation(ctx, scope, "tok", "u:1", "p1")
	if proxy.Lost() != before+1 {
		t.Fatal("the reply was not held back")
	}
	if err != nil || !taken {
		t.Errorf("the take whose reply timed out: %v, %v; want it taken", taken, err)
	}
	if again, err := st.TakeConfirmation(ctx, scope, "tok", "u:1", "p2"); err != nil || again {
		t.Errorf("another press taking it: %v, %v; want it gone", again, err)
	}
}
