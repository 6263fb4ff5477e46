package telegram

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
)

// okTo are the successful calls of method to chat.
func okTo(e *env, method string, chat int64) []telegramtest.Call {
	var out []telegramtest.Call
	for _, c := range to(e.api.Calls(method), chat) {
		if c.OK() {
			out = append(out, c)
		}
	}
	return out
}

// failed counts the calls of method the API did not answer with success.
func failed(e *env, method string) int {
	n := 0
	for _, c := range e.api.Calls(method) {
		if !c.OK() {
			n++
		}
	}
	return n
}

// helpReplies is how many messages /help is answered with in a private
// chat, from a calm run.
func helpReplies(t *testing.T, e *env, a running) int {
	t.Helper()
	e.deliver(a.Adapter, telegramtest.Message(1, e.dave, e.dave, 1, "/help"))
	settle(a)
	n := len(okTo(e, "sendMessage", e.dave))
	if n == 0 {
		t.Fatal("no reply to /help")
	}
	return n
}

// badAnswers are what a Bot API behind a failing proxy answers: 5xx with
// JSON and with HTML, bodies cut short or empty, a connection dropped.
var badAnswers = []telegramtest.Fault{
	{Status: http.StatusInternalServerError},
	{Status: http.StatusBadGateway, Body: "<html><body><h1>502 Bad Gateway</h1></body></html>"},
	{Body: `{"ok":true,"result":{"message_id":`},
	{Body: ""},
	{Status: http.StatusServiceUnavailable, Body: "upstream connect error"},
	{Drop: true},
}

func TestRepliesAreDeliveredAfterAStormOf5xxAndMalformedAnswers(t *testing.T) {
	t.Parallel()
	e := newRealTimeEnv(t)
	a := e.start()
	want := helpReplies(t, e, a)
	const users = 20
	stormEnd := time.Now().Add(3 * time.Second)
	e.api.AddStorm(telegramtest.Storm{Method: "sendMessage", Until: stormEnd, Faults: badAnswers})
	for i := range users {
		user := e.alice + int64(1000*(i+1))
		e.deliver(a.Adapter, telegramtest.Message(10+i, user, user, 1, "/help"))
	}
	settle(a)
	if n := failed(e, "sendMessage"); n < 2*users {
		t.Fatalf("the storm failed only %d calls", n)
	}
	for i := range users {
		user := e.alice + int64(1000*(i+1))
		if got := len(okTo(e, "sendMessage", user)); got != want {
			t.Errorf("user %d got %d messages after the storm, want %d", i, got, want)
		}
		for _, c := range to(e.api.Calls("sendMessage"), user) {
			if strings.Contains(c.Params.Get("text"), "Sorry") {
				t.Errorf("user %d was apologised to: the reply was given up", i)
			}
		}
	}
	var last time.Time
	for _, c := range e.api.Calls("sendMessage") {
		if c.OK() && c.At.After(last) {
			last = c.At
		}
	}
	t.Logf("%d calls failed in the 3 s storm; every one of %d users got all %d messages, the last %s after the storm",
		failed(e, "sendMessage"), users, want, last.Sub(stormEnd).Round(time.Millisecond))
}

func TestARefusalIsNotRetriedAndTheUserIsTold(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.api.Inject("sendMessage", telegramtest.Fault{Status: http.StatusBadRequest})
	e.deliver(a.Adapter, telegramtest.Message(1, e.alice, e.alice, 1, "/help"))
	settle(a)
	calls := to(e.api.Calls("sendMessage"), e.alice)
	if len(calls) != 2 || calls[0].Status != http.StatusBadRequest || !calls[1].OK() {
		t.Fatalf("want the refused message once, then one more call, got %v", calls)
	}
	if text := calls[1].Params.Get("text"); !strings.Contains(text, "Sorry") {
		t.Errorf("the user was not apologised to: %q", text)
	}
}

func TestAReplyIsGivenUpAtItsDeadlineWithAnApology(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	// The API fails every call for 90 s, then recovers: the reply is
	// given up at its deadline (a minute), and the apology, retried in
	// turn, arrives once the storm is over.
	e.api.AddStorm(telegramtest.Storm{Method: "sendMessage", Until: e.clock.Now().Add(90 * time.Second), Faults: badAnswers[:1]})
	start := e.clock.Now()
	e.deliver(a.Adapter, telegramtest.Message(1, e.alice, e.alice, 1, "/help"))
	settle(a)
	calls := to(e.api.Calls("sendMessage"), e.alice)
	last := calls[len(calls)-1]
	if !last.OK() || !strings.Contains(last.Params.Get("text"), "Sorry") {
		t.Fatalf("the last call was not a delivered apology: %d %q", last.Status, last.Params.Get("text"))
	}
	if ok := okTo(e, "sendMessage", e.alice); len(ok) != 1 {
		t.Errorf("%d messages delivered, want the apology only", len(ok))
	}
	t.Logf("%d calls, %s of virtual time", len(calls), last.At.Sub(start))
}

// throttled measures how a client kept to 429s: the calls that arrived
// while an earlier 429 still asked to wait, and the time so throttled.
// Calls within grace of a 429 were on their way before it was answered.
func throttled(calls []telegramtest.Call, grace time.Duration) (during int, spell time.Duration) {
	type window struct{ from, to time.Time }
	var windows []window
	for _, c := range calls {
		if c.Status == http.StatusTooManyRequests {
			windows = append(windows, window{c.At.Add(grace), c.At.Add(time.Duration(c.RetryAfter) * time.Second)})
		}
	}
	var end time.Time
	for _, w := range windows { // in order of arrival: merge overlaps
		from := w.from
		if from.Before(end) {
			from = end
		}
		if w.to.After(from) {
			spell += w.to.Sub(from)
			end = w.to
		}
	}
	for _, c := range calls {
		for _, w := range windows {
			if c.At.After(w.from) && c.At.Before(w.to) {
				during++
				break
			}
		}
	}
	return during, spell
}

// newRealTimeEnv is a webhook env in real time, without pacing: what
// keeps the adapter quiet during a 429 storm is the retry_after alone.
func newRealTimeEnv(t *testing.T) *env {
	e := setup(t, nil)
	e.cfg.WebhookURL, e.cfg.WebhookSecret = "https://bot.example.com/telegram/webhook", testSecret
	e.cfg.Limits = &Limits{}
	return e
}

// stormGrace is how long after a 429 calls already on their way may
// still arrive.
const stormGrace = 300 * time.Millisecond

func TestA429StormPausesTheChatForEveryCallAndNoOtherChat(t *testing.T) {
	t.Parallel()
	e := newRealTimeEnv(t)
	a := e.start()
	const members = 4
	stormEnd := time.Now().Add(5 * time.Second)
	e.api.AddStorm(telegramtest.Storm{Chat: strconv.FormatInt(e.group, 10), Until: stormEnd,
		Faults: []telegramtest.Fault{{Status: http.StatusTooManyRequests, RetryAfter: 2}}})
	for i := range members {
		e.deliver(a.Adapter, telegramtest.Message(i+1, e.group, e.alice+int64(i), i+1, "/help"))
	}
	e.deliver(a.Adapter, telegramtest.Message(100, e.bob, e.bob, 1, "/help"))
	settle(a)
	private := okTo(e, "sendMessage", e.bob)
	if len(private) == 0 || !private[len(private)-1].At.Before(stormEnd) {
		t.Errorf("the private chat was held up by the group's storm")
	}
	group := to(e.api.Calls("sendMessage"), e.group)
	during, spell := throttled(group, stormGrace)
	if during != 0 {
		t.Errorf("%d calls to the group while it was told to wait", during)
	}
	delivered := len(okTo(e, "sendMessage", e.group))
	if delivered != members*len(private) {
		t.Errorf("%d replies delivered to the group after the storm, want %d", delivered, members*len(private))
	}
	t.Logf("group: %d calls answered 429, %d calls in %s throttled (%.1f/s); %d replies delivered after the storm",
		len(group)-delivered, during, spell.Round(time.Millisecond), float64(during)/spell.Seconds(), delivered)
}

func TestA429StormPausesTheMethodForEveryone(t *testing.T) {
	t.Parallel()
	e := newRealTimeEnv(t)
	a := e.start()
	const presses = 12
	e.api.AddStorm(telegramtest.Storm{Method: "answerCallbackQuery", Until: time.Now().Add(4 * time.Second),
		Faults: []telegramtest.Fault{{Status: http.StatusTooManyRequests, RetryAfter: 2}}})
	for i := range presses {
		user := e.alice + int64(1000*i)
		e.deliver(a.Adapter, telegramtest.Callback(i+1, user, user, 1, fmt.Sprintf("x:%d", i)))
	}
	settle(a)
	calls := e.api.Calls("answerCallbackQuery")
	during, spell := throttled(calls, stormGrace)
	if during != 0 {
		t.Errorf("%d answerCallbackQuery calls while the method was told to wait", during)
	}
	answered := map[string]bool{}
	for _, c := range calls {
		if c.OK() {
			answered[c.Params.Get("callback_query_id")] = true
		}
	}
	if len(answered) != presses {
		t.Errorf("%d of %d presses answered after the storm", len(answered), presses)
	}
	t.Logf("answerCallbackQuery: %d calls answered 429, %d calls in %s throttled (%.1f/s); %d presses answered after the storm",
		len(calls)-len(answered), during, spell.Round(time.Millisecond), float64(during)/spell.Seconds(), len(answered))
}
