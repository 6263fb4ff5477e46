package slack_test

import (
	"testing"
	"time"
)

// TestSocketModeDisconnectedIsNotReady drops the Socket Mode connection
// and refuses new ones: the adapter says it is not ready, and why; once
// Slack takes connections again it reconnects, is ready, and serves.
func TestSocketModeDisconnectedIsNotReady(t *testing.T) {
	e := newEnv(t, socketMode, options{})
	if why := e.ad.NotReadyBecause(); !e.ad.Ready() || why != "" {
		t.Fatalf("connected, yet not ready: %q", why)
	}
	e.slack.socket.Drop()
	waitUntil(t, "not ready while disconnected", func() bool { return !e.ad.Ready() })
	if why := e.ad.NotReadyBecause(); why != "Socket Mode is not connected" {
		t.Errorf("not ready because %q", why)
	}
	e.slack.socket.Restore()
	waitUntil(t, "ready once reconnected", e.ad.Ready)
	e.ask("U1", "C1", "help", 1)
}

// waitUntil polls f until it is true, failing after 15 s.
func waitUntil(t *testing.T, what string, f func() bool) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); !f(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 15 s", what)
		}
	}
}
