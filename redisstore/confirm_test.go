package redisstore

import (
	"testing"
	"time"
)

// TestConfirmationContract runs on every backend: a held token is taken
// once, only for what it confirms, only in its scope, and not after its
// TTL.
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
			take(f.scope, "never", "u:1", false)
			hold("tok1", "u:1", time.Minute)
			take(f.scope, "tok1", "u:2", false) // a token confirms one thing
			take(newScope(t), "tok1", "u:1", false)
			take(f.scope, "tok1", "u:1", true)
			take(f.scope, "tok1", "u:1", false) // once

			hold("tok2", "u:1", f.h.shortTTL)
			f.h.elapse(2 * f.h.shortTTL)
			take(f.scope, "tok2", "u:1", false)
		})
	}
}
