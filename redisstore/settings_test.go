package redisstore

import "testing"

// TestScopeZone runs on every backend: a scope's zone is "" until set,
// reads back as set (Practice too), is the scope's alone, and "" drops it.
func TestScopeZone(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			f := newFx(t, b.open(t))
			other := newScope(t)
			read := func(scope, want string) {
				t.Helper()
				if z, err := f.st.ScopeZone(f.ctx, scope); err != nil || z != want {
					t.Errorf("ScopeZone(%s) = %q, %v; want %q", scope, z, err, want)
				}
			}
			read(f.scope, "")
			for _, z := range []string{"Europe/Berlin", "America/New_York"} {
				if err := f.st.SetScopeZone(f.ctx, f.scope, z); err != nil {
					t.Fatal(err)
				}
				read(f.scope, z)
			}
			read(other, "")
			if p, err := f.st.Practice(f.ctx, f.scope, "alice"); err != nil || p.Zone != "America/New_York" {
				t.Errorf("Practice's zone: %q, %v; want the scope's", p.Zone, err)
			}
			if err := f.st.SetScopeZone(f.ctx, f.scope, ""); err != nil {
				t.Fatal(err)
			}
			read(f.scope, "")
		})
	}
}
