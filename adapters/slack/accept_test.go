package slack_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/redisstore"
)

// doubtfulInbox is an inbox whose next stalls offers do not answer in
// time, as when Redis is paused: each waits until its caller gives up (or
// stallCap passes), having queued the delivery (Redis ran the command, its
// reply came too late) when ranAnyway. The other offers are answered at
// once, by the inbox, or Full when full is set.
type doubtfulInbox struct {
	edge.Inbox
	stalls          atomic.Int64
	ranAnyway, full bool
	offers          atomic.Int64
	// firstWait is how long the first stalled offer was let wait: the time
	// to its context's deadline when it was made; -1 for no deadline.
	firstWait atomic.Int64
}

// wrap has the adapter use the inbox through in.
func (in *doubtfulInbox) wrap(d *adapters.Deps) {
	open := d.Inbox
	d.Inbox = func(name string) edge.Inbox { in.Inbox = open(name); return in }
}

// Backlog is the backlog of the inbox in (for slack.Busy).
func (in *doubtfulInbox) Backlog(ctx context.Context) (int64, error) {
	return in.Inbox.(*redisstore.Inbox).Backlog(ctx)
}

// stallCap ends a stalled offer whose caller does not give up.
const stallCap = 20 * time.Second

// slackAckTime is how long Slack waits for an acknowledgement.
const slackAckTime = 3 * time.Second

// shortSettle is how long the tests whose deliveries are never accepted
// have them offered again, instead of the adapter's ten seconds: long
// enough for several offers (the adapter waits 100, 200, 400 ms between
// them), and the user is told the same way when it runs out.
const shortSettle = time.Second

func (in *doubtfulInbox) Accept(ctx context.Context, d edge.Delivery) (edge.Verdict, error) {
	in.offers.Add(1)
	if in.stalls.Add(-1) >= 0 {
		wait := time.Duration(-1)
		if deadline, ok := ctx.Deadline(); ok {
			wait = time.Until(deadline)
		}
		in.firstWait.CompareAndSwap(0, int64(wait))
		if in.ranAnyway {
			if _, err := in.Inbox.Accept(context.Background(), d); err != nil {
				return 0, err
			}
		}
		select {
		case <-ctx.Done():
		case <-time.After(stallCap):
		}
		return 0, errors.New("the inbox did not answer in time")
	}
	if in.full {
		return edge.Full, nil
	}
	return in.Inbox.Accept(ctx, d)
}

// checkFirstWait checks that the first stalled offer was bounded within
// Slack's 3 s, so that Slack had its answer in time.
func (in *doubtfulInbox) checkFirstWait(t *testing.T) {
	t.Helper()
	if w := time.Duration(in.firstWait.Load()); w <= 0 || w > slackAckTime {
		t.Errorf("the inbox was let take %v before the acknowledgement, want at most Slack's %v", w, slackAckTime)
	}
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
				in := &doubtfulInbox{ranAnyway: c.ranAnyway, full: c.full}
				opt := options{deps: in.wrap}
				if c.stalls > 1 {
					opt.settle = shortSettle
				}
				e := newEnv(t, tr, opt)
				in.stalls.Store(c.stalls)
				hook := e.command("U1", "C1", "help") // fails unless acknowledged
				in.checkFirstWait(t)
				testkit.EventuallyWithin(t, 45*time.Second, "a word to the user", func() bool { return len(e.slack.Sent(ToHook(hook))) > 0 })
				// The offers are settled once one is answered; a second word
				// to the user would follow at once.
				testkit.EventuallyWithin(t, 45*time.Second, "the offers settled", func() bool { return in.offers.Load() > 1 || c.stalls > 1 })
				e.slack.Settle(t)
				got := e.slack.Sent(ToHook(hook))
				if len(got) != 1 || !c.want(got[0]) || !got[0].Private() {
					t.Errorf("the user was told %d things, want exactly one, private and as expected:%s", len(got), dumpAll(got))
				}
			})
		}
	}
}

// TestASubmissionInDoubtKeepsItsModalOpenAndIsTakenOnce submits an answer
// modal while the inbox does not answer in time, though it took the
// answer: Slack gets its answer within 3 s, the modal kept open saying it
// was not recorded; submitted again, the modal closes and the answer is
// handled once.
func TestASubmissionInDoubtKeepsItsModalOpenAndIsTakenOnce(t *testing.T) {
	t.Parallel()
	in := &doubtfulInbox{ranAnyway: true}
	e := newEnv(t, httpMode, options{deps: in.wrap})
	v, hook := e.openAnswerModal("U1", 1)
	sub := e.submission("U1", v, "RWO means one node mounts the volume read-write.")

	in.stalls.Store(1)
	status, body := e.submit(sub)
	in.checkFirstWait(t)
	if status != http.StatusOK || !strings.Contains(body, "could not be recorded") {
		t.Fatalf("the submission in doubt was answered %d %q; want the modal kept open, saying it was not recorded", status, body)
	}
	if status, body := e.submit(sub); status != http.StatusOK || body != "" {
		t.Fatalf("submitted again: %d %q; want an empty 200, which closes the modal", status, body)
	}
	e.slack.Wait(t, 1, ToHook(hook))
	e.slack.Settle(t)
	if got := e.slack.Sent(ToHook(hook)); len(got) != 1 || !strings.Contains(got[0].Sections(), "key points covered") {
		t.Errorf("want one result of the answer, got %d:%s", len(got), dumpAll(got))
	}
	if st := e.stats("U1"); st.Typed.Answers != 1 {
		t.Errorf("%d typed answers recorded, want 1", st.Typed.Answers)
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

// TestABotStoppedWithADeliveryInDoubtStillTellsItsUser: a command the
// inbox does not answer (Redis stalled) is acknowledged and settled in the
// background; the adapter stopped meanwhile does not return before its
// user is told it was not recorded (Slack never sends it again).
func TestABotStoppedWithADeliveryInDoubtStillTellsItsUser(t *testing.T) {
	t.Parallel()
	in := &doubtfulInbox{}
	in.stalls.Store(1 << 30)
	e := newEnv(t, httpMode, options{deps: in.wrap, settle: shortSettle})
	hook := e.command("U1", "C1", "help") // fails unless acknowledged
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	got := e.slack.Sent(ToHook(hook))
	if len(got) != 1 || !strings.Contains(got[0].Text, "could not be recorded") {
		t.Errorf("when Run returned, the user had been told %d things, want that it was not recorded:%s", len(got), dumpAll(got))
	}
}

// TestTooBusyGoesThroughTheRetriedPacedPath: the "too busy" of a command
// shed by a full inbox is posted as replies are: a 429 pauses the
// response URL's posts for its Retry-After, a 5xx is tried again, and the
// user is told once.
func TestTooBusyGoesThroughTheRetriedPacedPath(t *testing.T) {
	t.Parallel()
	in := &doubtfulInbox{full: true}
	e := newEnv(t, httpMode, options{deps: in.wrap})
	e.slack.Inject("response", fault{Status: http.StatusTooManyRequests, RetryAfter: 1}, fault{Status: http.StatusInternalServerError})
	hook := e.command("U1", "C1", "help")
	got := e.slack.Wait(t, 1, ToHook(hook))
	e.slack.Settle(t)
	if len(e.slack.Sent(ToHook(hook))) != 1 || !strings.Contains(got[0].Text, "Too busy") || !got[0].Private() {
		t.Errorf("the user was told:%s; want once, privately, that the bot is busy", dumpAll(e.slack.Sent(ToHook(hook))))
	}
	calls := e.slack.Attempts("response")
	if len(calls) != 3 {
		t.Errorf("%d posts to the response URL, want 3: a 429, a 500, then the message", len(calls))
	}
	if n := testkit.TooSoon(arrivals(calls), nil); n != 0 {
		t.Errorf("%d posts while told to wait by the 429", n)
	}
}
