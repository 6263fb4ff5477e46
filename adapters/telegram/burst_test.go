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

// TestABurstOfVotesPutsFeedbackOffRatherThanDropIt: votes on a group's
// quiz poll come while as many private follow-ups wait for Telegram's
// limits as it sends within privateBacklogSeconds (a burst of hundreds
// of votes). Their feedback is not dropped while the inbox has room: each
// vote is scored, its inbox entry stays, and once the backlog has drained
// the entry is handled again and every voter gets their feedback, once.
// Real redis-server.
func TestABurstOfVotesPutsFeedbackOffRatherThanDropIt(t *testing.T) {
	e := newEnv(t)
	metrics := observe.NewMetrics()
	a := e.startClaimingAfter(time.Second, "one", metrics)
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/quiz"))
	poll := e.await("sendPoll", 1)[0]
	right := correctOption(t, poll)
	// As though the backlog Telegram sends within privateBacklogSeconds
	// were all waiting to be sent.
	a.followUps.backlog.Store(a.maxPrivateBacklog())
	voters := []int64{e.bob, e.carol, e.dave, e.alice}
	for i, v := range voters {
		e.deliver(a.Adapter, telegramtest.PollAnswer(2+i, poll.PollID, v, right))
	}
	testkit.Eventually(t, "the votes scored", func() bool {
		for _, v := range voters {
			if e.points(e.group, v) != quiz.RightAnswerPoints {
				return false
			}
		}
		return true
	})
	testkit.Eventually(t, "the votes handled", func() bool {
		_, pending := e.inboxEntries(a)
		return a.runner.LaterRunning() == 0 && pending == int64(len(voters))
	})
	if ids, _ := e.inboxEntries(a); len(ids) != len(voters) {
		t.Errorf("the inbox holds %v while the votes' feedback waits, want the %d votes: their feedback is lost", ids, len(voters))
	}
	if strings.Contains(e.logs.String(), "were dropped") {
		t.Fatalf("feedback dropped while the inbox had room:\n%s", grepLines(e.logs.String(), "dropped"))
	}
	a.followUps.backlog.Store(0) // the backlog has drained
	testkit.Eventually(t, "every voter's feedback sent", func() bool {
		for _, v := range voters {
			if len(to(e.api.Calls("sendMessage"), v)) == 0 {
				return false
			}
		}
		return true
	})
	settle(a)
	for _, v := range voters {
		if got := to(e.api.Calls("sendMessage"), v); len(got) != 1 || !strings.Contains(got[0].Params.Get("text"), "Right!") {
			t.Errorf("voter %d was sent %v, want their feedback once", v, got)
		}
		if got := e.points(e.group, v); got != quiz.RightAnswerPoints {
			t.Errorf("voter %d has %d points, want the vote scored once", v, got)
		}
	}
	if series := inDoubtSeries(metrics); series != "" {
		t.Errorf("feedback put off and sent once was counted in doubt:\n%s", series)
	}
}

// inDoubtSeries are the lines of metrics about sends in doubt.
func inDoubtSeries(metrics *observe.Metrics) string {
	rec := httptest.NewRecorder()
	metrics.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	return grepLines(rec.Body.String(), "kubequiz_outbound_in_doubt_total{")
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
