package ids

import "testing"

func TestScopesOfTheAdaptersShapesAreTaken(t *testing.T) {
	for s, want := range map[string]bool{
		"slack:T0123": true, "slack:E0123ABC": true, "tg:-1001234567890": true, "tg:42": true, "console": true,
		"foo": false, "T0456": false, "slack-T0456": false, "slack:": false, "slack:t0123": false,
		"slack:T0123:U02": false, "tg:": false, "tg:abc": false, "console:me": false, "": false, " slack:T0123": false,
	} {
		if got := IsScope(s); got != want {
			t.Errorf("IsScope(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestUserIDsOfTheAdaptersShapesAreTaken(t *testing.T) {
	for s, want := range map[string]bool{
		"slack:T01:U02": true, "slack:T0123ABCD:W0456": true, "tg:42": true, "console:alice": true, "U02": true, "42": true,
		"slack:T01": false, "foo": false, "bar": false, "slack:U02": false, "tg:": false, "slack:T01:": false, "u02": false, "": false,
	} {
		if got := IsUser(s); got != want {
			t.Errorf("IsUser(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestUsersBelongToTheirScope(t *testing.T) {
	for _, c := range []struct {
		user, scope string
		want        bool
	}{
		{"slack:T0123:U01", "slack:T0123", true},
		{"slack:T0123:U01", "slack:T0456", false},
		{"slack:T0123:U01", "tg:42", false},
		{"tg:42", "tg:-100123", true},
		{"tg:42", "slack:T0123", false},
		{"console:alice", "console", true},
		{"console:alice", "tg:42", false},
		{"alice", "console", false},
	} {
		if got := InScope(c.user, c.scope); got != c.want {
			t.Errorf("InScope(%q, %q) = %v, want %v", c.user, c.scope, got, c.want)
		}
	}
}
