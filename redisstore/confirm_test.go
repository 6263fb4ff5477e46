package redisstore

import (
	"testing"
	"time"
)

// TestConfirmationContract runs on every backend: a held token reads as
// what it confirms, and is taken once, only for what it confirms, only in
// its scope, and not after its TTL.
func TestConfirmationContract(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			f := newFx(t, b.open(t))
			take := func(scope, token, what string, want bool) {
				t.Helper()
				if got, err := f.st.TakeConfirmation(f.ctx, scope, token, what); err != nil || got != want {
					t.Errorf("TakeConfirmation(%s, %s, %s) = %v, %v; want %v", scope, token, what, got, err, want)
				}
			}
			hold := func(token, what string, ttl time.Duration) {
				t.Helper()
				if err := f.st.HoldConfirmation(f.ctx, f.scope, token, what, ttl); err != nil {
					t.Fatal(err)
				}
			}
			held := func(scope, token, want string) {
				t.Helper()
				if got, err := f.st.Confirmation(f.ctx, scope, token); err != nil || got != want {
					t.Errorf("Confirmation(%s, %s) = %q, %v; want %q", scope, token, got, err, want)
				}
			}
			take(f.scope, "never", "u:1", false)
			held(f.scope, "never", "")
			hold("tok1", "u:1", time.Minute)
			held(f.scope, "tok1", "u:1")
			held(newScope(t), "tok1", "")
			take(f.scope, "tok1", "u:2", false) // a token confirms one thing
			take(newScope(t), "tok1", "u:1", false)
			take(f.scope, "tok1", "u:1", true)
			take(f.scope, "tok1", "u:1", false) // once
			held(f.scope, "tok1", "")

			hold("tok2", "u:1", f.h.shortTTL)
			f.h.elapse(2 * f.h.shortTTL)
			take(f.scope, "tok2", "u:1", false)
			held(f.scope, "tok2", "")
		})
	}
}
