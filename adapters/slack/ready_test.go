package slack_test

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// TestSocketModeDisconnectedIsNotReady drops the Socket Mode connection
// and refuses new ones: the adapter says it is not ready, and why, and
// warns why it cannot connect; once Slack takes connections again it
// reconnects, is ready, and serves.
func TestSocketModeDisconnectedIsNotReady(t *testing.T) {
	var log testkit.LogBuffer
	e := newEnv(t, socketMode, options{deps: func(d *adapters.Deps) { d.Log = slog.New(slog.NewTextHandler(&log, nil)) }})
	if why := e.ad.NotReadyBecause(); !e.ad.Ready() || why != "" {
		t.Fatalf("connected, yet not ready: %q", why)
	}
	e.slack.socket.Drop()
	testkit.Eventually(t, "not ready while disconnected", func() bool { return !e.ad.Ready() })
	if why := e.ad.NotReadyBecause(); why != "Socket Mode is not connected" {
		t.Errorf("not ready because %q", why)
	}
	testkit.Eventually(t, "a warning that says why it cannot connect", func() bool {
		return strings.Contains(log.String(), `level=WARN msg="Socket Mode is not connected" adapter=slack state=connection_error attempt=`)
	})
	if l := log.String(); !strings.Contains(l, " err=") || strings.Contains(l, "ticket=") && !strings.Contains(l, "ticket=***") {
		t.Errorf("the warning lacks the error, or shows the connection's ticket:\n%s", l)
	}
	e.slack.socket.Restore()
	testkit.Eventually(t, "ready once reconnected", e.ad.Ready)
	e.ask("U1", "C1", "help", 1)
}
