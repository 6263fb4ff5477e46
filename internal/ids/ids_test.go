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

// TestBuiltIDsAreTheStoredFormats: the IDs and scopes built are, byte for
// byte, what the adapters wrote inline before (keys, boards and exports
// hold them), and of the shapes checked.
func TestBuiltIDsAreTheStoredFormats(t *testing.T) {
	for _, c := range []struct {
		got, want string
		isScope   bool
	}{
		{SlackScope("T0123ABCD"), "slack:T0123ABCD", true},
		{SlackScope("E0456"), "slack:E0456", true},
		{SlackUser("T0123ABCD", "U0456EFGH"), "slack:T0123ABCD:U0456EFGH", false},
		{SlackUser("E0456", "W0789"), "slack:E0456:W0789", false},
		{TelegramScope(-1001234567890), "tg:-1001234567890", true},
		{TelegramScope(42), "tg:42", true},
		{TelegramUser(42), "tg:42", false},
		{TelegramUser(-100123), "tg:-100123", false},
		{ConsoleScope, "console", true},
		{ConsoleUser("alice"), "console:alice", false},
	} {
		if c.got != c.want {
			t.Errorf("built %q, want %q", c.got, c.want)
		}
		if c.isScope && !IsScope(c.got) || !c.isScope && !IsUser(c.got) {
			t.Errorf("%q, built, is refused by IsScope or IsUser", c.got)
		}
	}
	for _, c := range []struct{ user, scope string }{
		{SlackUser("T0123", "U01"), SlackScope("T0123")},
		{TelegramUser(42), TelegramScope(-100123)},
		{ConsoleUser("alice"), ConsoleScope},
	} {
		if !InScope(c.user, c.scope) {
			t.Errorf("InScope(%q, %q) = false for IDs built together", c.user, c.scope)
		}
	}
}

func TestOwnIsThePlatformsPart(t *testing.T) {
	for user, want := range map[string]string{
		"slack:T0123:U0456": "U0456", "tg:42": "42", "tg:-100123": "-100123",
		"console:alice": "alice", "U0456": "U0456", "alice": "alice", "slack:T0123:": "", "": "",
	} {
		if got := Own(user); got != want {
			t.Errorf("Own(%q) = %q, want %q", user, got, want)
		}
	}
}

func TestAFellowIsOnTheSamePlatform(t *testing.T) {
	for _, c := range []struct{ user, own, want string }{
		{SlackUser("T0123", "U0456"), "U0789", SlackUser("T0123", "U0789")},
		{TelegramUser(42), "7", TelegramUser(7)},
		{ConsoleUser("alice"), "bob", ConsoleUser("bob")},
	} {
		if got, ok := Fellow(c.user, c.own); got != c.want || !ok {
			t.Errorf("Fellow(%q, %q) = %q, %v, want %q", c.user, c.own, got, ok, c.want)
		}
	}
	if got, ok := Fellow("alice", "bob"); ok {
		t.Errorf("Fellow of an ID naming no platform = %q, true", got)
	}
}
