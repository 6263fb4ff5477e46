package slack_test

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// badAnswers are what Slack behind a failing proxy answers when it did
// not take the call: 5xx with and without a body. (A success that is not
// Slack's, or a connection dropped after the request was sent, may have
// been taken: see TestAReplyWhosePostMayHaveArrivedIsPostedOnceMoreOnly.)
var badAnswers = []fault{
	{Status: http.StatusInternalServerError},
	{Status: http.StatusBadGateway, Body: "<html><body><h1>502 Bad Gateway</h1></body></html>"},
	{Status: http.StatusGatewayTimeout, Body: "<!doctype html><p>Service temporarily unavailable"},
	{Status: http.StatusServiceUnavailable},
}

// toUser matches what reached user: through the hook, or by direct
// message.
func toUser(hook, user string) func(sent) bool {
	return func(s sent) bool { return ToHook(hook)(s) || ToChannel("chat.postMessage", IM(user))(s) }
}

// commands types text for n users at once in channel (U000 on, from
// the first), and returns their response URLs by user.
func (e *env) commands(first, n int, channel, text string) map[string]string {
	e.t.Helper()
	hooks := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := first; i < first+n; i++ {
		user := fmt.Sprintf("U%03d", i)
		wg.Go(func() {
			c := e.slashCommand(user, channel, text)
			if err := e.send("slash_commands", c); err != nil {
				e.t.Error(err)
			}
			mu.Lock()
			hooks[user] = c.ResponseURL
			mu.Unlock()
		})
	}
	wg.Wait()
	return hooks
}

// helpParts is how many messages /k8s help is answered with, from a calm
// run.
func helpParts(e *env) int {
	e.t.Helper()
	hook := e.command("UCALM", "C0", "help")
	e.slack.Settle(e.t)
	return len(e.slack.Wait(e.t, 1, ToHook(hook)))
}

func TestRepliesAreDeliveredAfterAStormOf5xx(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{})
	want := helpParts(e)
	const users = 20
	end := e.slack.Storm("response", 3*time.Second, badAnswers...)
	hooks := e.commands(0, users, "C1", "help")
	for user, hook := range hooks {
		got := e.slack.Wait(t, want, toUser(hook, user))
		for _, m := range got {
			if strings.Contains(m.Sections(), "Sorry") {
				t.Errorf("%s was apologised to: the reply was given up", user)
			}
		}
	}
	e.slack.Settle(t)
	var last time.Time
	for user, hook := range hooks {
		got := e.slack.Sent(toUser(hook, user))
		if len(got) != want {
			t.Errorf("%s got %d messages, want %d", user, len(got), want)
		}
		for _, m := range got {
			if m.At.After(last) {
				last = m.At
			}
		}
	}
	failed := 0
	for _, a := range e.slack.Attempts("response") {
		if a.Faulty {
			failed++
		}
	}
	if failed < 2*users {
		t.Fatalf("the storm failed only %d posts", failed)
	}
	t.Logf("%d posts failed in the 3 s storm; every one of %d users got all %d messages, the last %s after the storm",
		failed, users, want, last.Sub(end).Round(time.Millisecond))
}

// arrivals are calls as testkit.TooSoon reads them: the adapter makes a
// response URL's posts, or a channel's, one after another.
func arrivals(calls []sent) []testkit.Arrival {
	out := make([]testkit.Arrival, len(calls))
	for i, c := range calls {
		out[i] = testkit.Arrival{Sender: c.Hook + c.Channel, At: c.At}
		if c.Status == http.StatusTooManyRequests {
			out[i].RetryAfter = time.Duration(c.Retry) * time.Second
		}
	}
	return out
}

// tooMany is Slack's 429 with Retry-After: 2.
var tooMany = fault{Status: http.StatusTooManyRequests, RetryAfter: 2}

// TestA429StormPausesResponseURLPostsForEveryone: one user's post is
// answered 429; once the adapter waits it out, eleven more users ask,
// while every post is answered 429 for 4.5 s. None of their posts comes
// before the first 429's Retry-After has passed, nobody's post comes
// before their own 429's has, and every reply is delivered through its
// response URL afterwards: a 429 spends none of its uses.
func TestA429StormPausesResponseURLPostsForEveryone(t *testing.T) {
	t.Parallel()
	var waits testkit.RetryWaits
	e := newEnv(t, httpMode, options{deps: func(d *adapters.Deps) { d.OnWait = waits.OnWait }})
	want := helpParts(e)
	const users = 12
	e.slack.Inject("response", tooMany)
	hooks := e.commands(0, 1, "C1", "help")
	waits.Wait(t)
	e.slack.Storm("response", 4500*time.Millisecond, tooMany)
	later := e.commands(1, users-1, "C1", "help")
	maps.Copy(hooks, later)
	for _, hook := range hooks {
		e.slack.Wait(t, want, ToHook(hook))
	}
	e.slack.Settle(t)
	for user, hook := range hooks {
		if n := e.slack.Posts(hook); n != want || e.slack.Opened(user) != 0 {
			t.Errorf("%s: the hook took %d posts and %d direct messages were opened; want %d and none: 429s spent uses",
				user, n, e.slack.Opened(user), want)
		}
	}
	calls := arrivals(e.slack.Attempts("response"))
	if n := testkit.TooSoon(calls, testkit.HeldBy(testkit.First429(t, calls), slices.Collect(maps.Values(later))...)); n != 0 {
		t.Errorf("%d posts to response URLs while told to wait", n)
	}
	t.Logf("response_url: %d posts answered 429, asking to wait %s; all %d replies delivered after the storm",
		len(calls)-(users+1)*want, testkit.PausedFor(calls).Round(time.Millisecond), users*want)
}

// TestA429StormPausesChatPostMessageForEveryone is
// TestA429StormPausesResponseURLPostsForEveryone for direct messages,
// posted with chat.postMessage.
func TestA429StormPausesChatPostMessageForEveryone(t *testing.T) {
	t.Parallel()
	var waits testkit.RetryWaits
	e := newEnv(t, socketMode, options{deps: func(d *adapters.Deps) { d.OnWait = waits.OnWait }})
	const users = 12
	channels := make([]string, users)
	for i := range users {
		channels[i] = fmt.Sprintf("D%03d", i)
	}
	dm := func(i int) {
		e.deliver("events_api", e.eventCallback(fmt.Sprintf("Ev%d", i), map[string]any{
			"type": "message", "channel_type": "im", "channel": channels[i], "user": fmt.Sprintf("U%03d", i), "text": "help", "ts": "1.1",
		}))
	}
	e.slack.Inject("chat.postMessage", tooMany)
	dm(0)
	waits.Wait(t)
	e.slack.Storm("chat.postMessage", 4500*time.Millisecond, tooMany)
	for i := 1; i < users; i++ {
		dm(i)
	}
	for _, c := range channels {
		e.slack.Wait(t, 1, ToChannel("chat.postMessage", c))
	}
	e.slack.Settle(t)
	calls := arrivals(e.slack.Attempts("chat.postMessage"))
	if n := testkit.TooSoon(calls, testkit.HeldBy(testkit.First429(t, calls), channels[1:]...)); n != 0 {
		t.Errorf("%d chat.postMessage calls while told to wait", n)
	}
	delivered := len(e.slack.Sent(func(s sent) bool { return s.Method == "chat.postMessage" }))
	t.Logf("chat.postMessage: %d calls answered 429, asking to wait %s; %d replies delivered after the storm",
		len(calls)-delivered, testkit.PausedFor(calls).Round(time.Millisecond), delivered)
}

// manyMessages is a core that answers every request with n private
// messages, numbered.
type manyMessages int

func (n manyMessages) Handle(context.Context, quiz.Request) quiz.Response {
	var r quiz.Response
	for i := range int(n) {
		r.Messages = append(r.Messages, quiz.Message{Private: true, Blocks: []rich.Block{rich.Text(fmt.Sprintf("part %d", i+1))}})
	}
	return r
}

func TestRetriesSpendNoResponseURLUsesAndTheRestGoByDirectMessage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{core: manyMessages(7)})
	e.slack.Outside("C1") // chat.postEphemeral would fail
	e.slack.Inject("response", fault{Status: http.StatusTooManyRequests, RetryAfter: 1}, fault{Status: http.StatusInternalServerError}, fault{Status: http.StatusServiceUnavailable}, fault{Status: http.StatusBadGateway})
	hook := e.command("U1", "C1", "go")
	got := e.slack.Wait(t, 7, toUser(hook, "U1"))
	e.slack.Settle(t)
	if n := e.slack.Posts(hook); n != 5 {
		t.Errorf("the response URL took %d posts, want all 5", n)
	}
	for i, m := range got {
		if !strings.Contains(m.Sections(), fmt.Sprintf("part %d", i+1)) {
			t.Errorf("message %d is %q: out of order or lost", i+1, m.Sections())
		}
		if via := ToHook(hook)(m); via != (i < 5) {
			t.Errorf("message %d went through the hook: %v", i+1, via)
		}
	}
	if n := e.slack.Opened("U1"); n != 1 {
		t.Errorf("conversations.open called %d times, want once", n)
	}
	if n := len(e.slack.Attempts("chat.postEphemeral")); n != 0 {
		t.Errorf("%d chat.postEphemeral calls in a channel the bot is not in", n)
	}
}

func TestAnExpiredResponseURLFallsBackToADirectMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		outside    bool
		where      func(user, channel string) func(sent) bool
	}{
		{"a private reply goes by direct message", "help", false, func(user, _ string) func(sent) bool { return ToChannel("chat.postMessage", IM(user)) }},
		{"a public reply goes to the channel", "quiz", false, func(_, channel string) func(sent) bool { return ToChannel("chat.postMessage", channel) }},
		{"a public reply where the bot is not a member goes by direct message", "quiz", true, func(user, _ string) func(sent) bool { return ToChannel("chat.postMessage", IM(user)) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, httpMode, options{})
			if tc.outside {
				e.slack.Outside("C1")
			}
			c := e.slashCommand("U1", "C1", tc.text)
			e.slack.Expire(c.ResponseURL)
			e.deliver("slash_commands", c)
			got := e.slack.Wait(t, 1, tc.where("U1", "C1"))
			if strings.Contains(got[0].Sections(), "Sorry") {
				t.Errorf("the reply failed: %s", got[0].Sections())
			}
		})
	}
}

func TestARefusedPostIsNotRetried(t *testing.T) {
	t.Parallel()
	e := newEnv(t, socketMode, options{})
	e.slack.Fail("chat.postMessage", "invalid_blocks")
	e.deliver("events_api", e.eventCallback("Ev1", map[string]any{
		"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": "help", "ts": "1.1",
	}))
	got := e.slack.Wait(t, 1, ToChannel("chat.postMessage", "D1"))
	e.slack.Settle(t)
	if calls := e.slack.Attempts("chat.postMessage"); len(calls) != 2 || calls[0].Error != "invalid_blocks" {
		t.Errorf("want the refused post once, then the apology; got %s", e.slack.dump())
	}
	if !strings.Contains(got[0].Sections(), "Sorry") {
		t.Errorf("the user was not apologised to: %s", got[0].Sections())
	}
}
