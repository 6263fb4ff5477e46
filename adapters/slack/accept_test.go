package slack_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/edge"
)

// doubtfulInbox is an inbox whose first stalls offers do not answer in
// time, as when Redis is paused: each waits until its caller gives up,
// having queued the delivery (Redis ran the command, its reply came too
// late) when ranAnyway. The offers after them are answered at once, by the
// inbox, or Full when full is set.
type doubtfulInbox struct {
	edge.Inbox
	stalls    int64
	ranAnyway bool
	full      bool
	offers    atomic.Int64
}

func (in *doubtfulInbox) Accept(ctx context.Context, d edge.Delivery) (edge.Verdict, error) {
	if in.offers.Add(1) <= in.stalls {
		if in.ranAnyway {
			if _, err := in.Inbox.Accept(context.Background(), d); err != nil {
				return 0, err
			}
		}
		<-ctx.Done()
		return 0, ctx.Err()
	}
	if in.full {
		return edge.Full, nil
	}
	return in.Inbox.Accept(ctx, d)
}

// TestAcceptanceInDoubtIsSettled sends commands that the inbox does not
// take within the acknowledgement's time: each is acknowledged all the
// same, then offered again in the background, and its user hears exactly
// one thing — the answer when the delivery was taken (by the first offer
// or a later one), else why not.
func TestAcceptanceInDoubtIsSettled(t *testing.T) {
	t.Parallel()
	answered := func(s sent) bool { return strings.Contains(s.Sections(), "/k8s") }
	cases := []struct {
		name            string
		stalls          int64
		ranAnyway, full bool
		want            func(sent) bool
	}{
		{"taken by the offer that timed out: answered, nothing else said",
			1, true, false, answered},
		{"not taken by the first offer, taken by the next: answered once",
			1, false, false, answered},
		{"shed by the next offer: told the bot is busy",
			1, false, true, func(s sent) bool { return strings.Contains(s.Text, "Too busy") }},
		{"the inbox never answers: told, in both languages, that it was not recorded",
			1 << 30, false, false, func(s sent) bool {
				return strings.Contains(s.Text, "could not be recorded") && strings.Contains(s.Text, "暂时无法记录")
			}},
	}
	for _, tr := range transports {
		for _, c := range cases {
			t.Run(string(tr)+": "+c.name, func(t *testing.T) {
				t.Parallel()
				in := &doubtfulInbox{stalls: c.stalls, ranAnyway: c.ranAnyway, full: c.full}
				e := newEnv(t, tr, options{inbox: func(real edge.Inbox) edge.Inbox { in.Inbox = real; return in }})
				hook := e.command("U1", "C1", "help") // fails unless acknowledged
				awaitTrue(t, 45*time.Second, func() bool { return len(e.slack.Sent(ToHook(hook))) > 0 })
				// The offers are settled once one is answered; a second word
				// to the user would follow at once.
				awaitTrue(t, 45*time.Second, func() bool { return in.offers.Load() > 1 || in.stalls > 1 })
				e.slack.Settle()
				got := e.slack.Sent(ToHook(hook))
				if len(got) != 1 || !c.want(got[0]) || !got[0].Private() {
					t.Errorf("the user was told %d things, want exactly one, private and as expected:%s", len(got), dumpAll(got))
				}
			})
		}
	}
}

// awaitTrue waits up to d for cond.
func awaitTrue(t *testing.T, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s in vain", d)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// dumpAll shows messages for a failure.
func dumpAll(msgs []sent) string {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString("\n  " + m.Text + " | " + m.Sections())
	}
	return b.String()
}
