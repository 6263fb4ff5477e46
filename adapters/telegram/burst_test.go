package telegram

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/observe"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// startClaimingAfter runs an adapter on the env, a replica named consumer
// whose sends in doubt metrics counts, and whose inbox hands an entry left
// untouched for claimIdle to a worker again; it waits until it is ready.
func (e *env) startClaimingAfter(claimIdle time.Duration, consumer string, metrics *observe.Metrics) running {
	e.t.Helper()
	d := deps(e.core, e.store, slogTo(e.logs))
	d.OnInDoubt = metrics.OutboundInDoubt(Name)
	d.Inbox = func(name string) edge.Inbox {
		return e.store.Inbox(name, redisstore.InboxOptions{ClaimIdle: claimIdle, Consumer: consumer})
	}
	a, err := New(e.cfg, d)
	if err != nil {
		e.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = a.Run(ctx) }()
	e.t.Cleanup(func() { cancel(); <-done })
	testkit.Eventually(e.t, "the adapter to be ready", a.Ready)
	return running{Adapter: a, stop: func() { cancel(); <-done }}
}

// TestFeedbackSentAgainAfterATakeOverIsCountedInDoubt: a replica's worker
// sends a vote's private feedback (held at the fake Bot API) and stops
// touching the vote's inbox entry, as a replica killed mid-send: the
// inbox hands the entry to a worker again, which handles the vote again
// and sends its feedback once more — what "once more at most" allows —
// and counts that repeat as a send in doubt, sent again, and logs it.
// The vote is scored once. Real redis-server.
func TestFeedbackSentAgainAfterATakeOverIsCountedInDoubt(t *testing.T) {
	e := newEnv(t)
	metrics := observe.NewMetrics()
	// The replicas touch their entries every 10 s, past the claim time.
	one := e.startClaimingAfter(2*time.Second, "one", metrics)
	e.deliver(one.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/quiz"))
	poll := e.await("sendPoll", 1)[0]
	gate := e.api.Gate("sendMessage", e.bob)
	e.deliver(one.Adapter, telegramtest.PollAnswer(2, poll.PollID, e.bob, correctOption(t, poll)))
	first := held(t, gate).Get("text")
	two := e.startClaimingAfter(2*time.Second, "two", metrics)
	again := held(t, gate).Get("text")
	gate.Open()
	settle(one)
	settle(two)
	if again != first {
		t.Errorf("the feedback sent again: %q, want the first's: %q", again, first)
	}
	if want := `kubequiz_outbound_in_doubt_total{platform="telegram",then="sent_again"} 1`; !strings.Contains(inDoubtSeries(metrics), want) {
		t.Errorf("the metrics lack %s:\n%s", want, inDoubtSeries(metrics))
	}
	if !strings.Contains(e.logs.String(), "a private follow-up is sent again") {
		t.Error("the repeat was not logged")
	}
	if got := e.points(e.group, e.bob); got != quiz.RightAnswerPoints {
		t.Errorf("bob has %d points, want the vote scored once", got)
	}
}

// inDoubtSeries are the lines of metrics about sends in doubt.
func inDoubtSeries(metrics *observe.Metrics) string {
	rec := httptest.NewRecorder()
	metrics.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	return grepLines(rec.Body.String(), "kubequiz_outbound_in_doubt_total{")
}
