package slack_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// checkRetriedAfterWait checks that method was refused once with 429 and
// that the message went through on a retry at least Retry-After later.
func checkRetriedAfterWait(t *testing.T, f *fakeSlack, method string) sent {
	t.Helper()
	calls := f.Attempts(method)
	if len(calls) != 2 || calls[0].Status != http.StatusTooManyRequests || calls[1].Status != http.StatusOK {
		t.Fatalf("want a 429 then a success, got: %s", f.dump())
	}
	if wait := calls[1].At.Sub(calls[0].At); wait < 2*time.Second {
		t.Errorf("retried after %s, want at least Retry-After: 2s", wait)
	}
	return calls[1]
}

func TestRateLimitedMessagesArriveAfterTheWait(t *testing.T) {
	t.Run("a reply refused with 429 is delivered after Retry-After", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, socketMode, options{})
		e.slack.RateLimit("chat.postMessage", 1)
		e.deliver("events_api", e.eventCallback("Ev1", map[string]any{
			"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": "help", "ts": "1.1",
		}))
		e.slack.Wait(t, 1, ToChannel("chat.postMessage", "D1"))
		checkRetriedAfterWait(t, e.slack, "chat.postMessage")
	})
	t.Run("a post of the outbox refused with 429 returns its ts after Retry-After", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, httpMode, options{})
		e.slack.RateLimit("chat.postMessage", 1)
		var outbox quiz.Outbox = e.ad
		ts, err := outbox.Post(context.Background(), "C7", quiz.Message{Blocks: []rich.Block{rich.Text("daily question")}})
		if err != nil {
			t.Fatal(err)
		}
		got := checkRetriedAfterWait(t, e.slack, "chat.postMessage")
		if ts == "" || ts != got.TS || got.Channel != "C7" {
			t.Errorf("Post returned ts %q, want %q of the message in C7", ts, got.TS)
		}
	})
}
