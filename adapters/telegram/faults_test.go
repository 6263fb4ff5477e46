package telegram

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
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

// badAnswers are what a Bot API behind a failing proxy answers when it did
// not carry the request out: 5xx with JSON, with HTML, and empty. (Those
// after which it may have, inDoubtAnswers, are sent again once only.)
var badAnswers = []telegramtest.Fault{
	{Status: http.StatusInternalServerError},
	{Status: http.StatusBadGateway, Body: "<html><body><h1>502 Bad Gateway</h1></body></html>"},
	{Body: ""},
	{Status: http.StatusServiceUnavailable, Body: "upstream connect error"},
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

// TestTheApologyIsInTheBotsLanguage: a user whose reply was refused is
// apologised to in the bot's default language (adapters.Deps.Lang) only,
// as on Slack.
func TestTheApologyIsInTheBotsLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang      quiz.Lang
		want, not string
	}{{quiz.LangZH, quiz.Apology(quiz.LangZH), quiz.Apology(quiz.LangEN)}, {quiz.LangEN, quiz.Apology(quiz.LangEN), quiz.Apology(quiz.LangZH)}} {
		e := newEnv(t)
		e.lang = tc.lang
		a := e.start()
		e.api.Inject("sendMessage", telegramtest.Fault{Status: http.StatusBadRequest})
		e.deliver(a.Adapter, telegramtest.Message(1, e.alice, e.alice, 1, "/help"))
		settle(a)
		calls := to(e.api.Calls("sendMessage"), e.alice)
		if len(calls) != 2 || !calls[1].OK() {
			t.Fatalf("%s: want the refused message, then the apology, got %v", tc.lang, calls)
		}
		if text := calls[1].Params.Get("text"); !strings.Contains(text, tc.want) || strings.Contains(text, tc.not) {
			t.Errorf("%s: the apology is %q, want %q alone", tc.lang, text, tc.want)
		}
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

// arrivals are calls as testkit.TooSoon reads them, each of the sender
// that sender names.
func arrivals(calls []telegramtest.Call, sender func(telegramtest.Call) string) []testkit.Arrival {
	out := make([]testkit.Arrival, len(calls))
	for i, c := range calls {
		out[i] = testkit.Arrival{Sender: sender(c), At: c.At}
		if c.Status == http.StatusTooManyRequests {
			out[i].RetryAfter = time.Duration(c.RetryAfter) * time.Second
		}
	}
	return out
}

// replyTo names a message's sender: the message it replies to, one
// member's reply in a group being sent one part after another.
func replyTo(c telegramtest.Call) string { return c.Params.Get("reply_parameters") }

// pressAnswered names an answerCallbackQuery's sender: the press.
func pressAnswered(c telegramtest.Call) string { return c.Params.Get("callback_query_id") }

// others are the senders among calls but first's.
func others(calls []testkit.Arrival, first testkit.Arrival) []string {
	var out []string
	for _, c := range calls {
		if c.Sender != first.Sender {
			out = append(out, c.Sender)
		}
	}
	return out
}

// newRealTimeEnv is a webhook env in real time, without pacing: what
// keeps the adapter quiet during a 429 storm is the retry_after alone.
func newRealTimeEnv(t *testing.T) *env {
	e := setup(t, nil)
	e.cfg.WebhookURL, e.cfg.WebhookSecret = "https://bot.example.com/telegram/webhook", testSecret
	e.cfg.Limits = &Limits{}
	return e
}

func TestA429StormPausesTheChatForEveryCallAndNoOtherChat(t *testing.T) {
	t.Parallel()
	e := newRealTimeEnv(t)
	a := e.start()
	const members = 4
	help := func(i int) { e.deliver(a.Adapter, telegramtest.Message(i+1, e.group, e.alice+int64(i), i+1, "/help")) }
	e.api.FailNext("sendMessage", 2)
	help(0)
	e.waits.Wait(t) // the first member's reply was answered 429: the group waits
	// The group's storm lasts until the private chat has its reply — were
	// the private chat held up by it, the reply would never come — and
	// the group has been told to wait again twice: by the clock of the
	// calls, not of the machine.
	e.api.AddStorm(telegramtest.Storm{Chat: strconv.FormatInt(e.group, 10), Until: time.Now().Add(time.Minute),
		Faults: []telegramtest.Fault{{Status: http.StatusTooManyRequests, RetryAfter: 2}}})
	for i := 1; i < members; i++ {
		help(i)
	}
	e.deliver(a.Adapter, telegramtest.Message(100, e.bob, e.bob, 1, "/help"))
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		told := 0
		for _, c := range to(e.api.Calls("sendMessage"), e.group) {
			if c.Status == http.StatusTooManyRequests {
				told++
			}
		}
		if len(okTo(e, "sendMessage", e.bob)) > 0 && told >= 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("within the group's storm: %d replies in the private chat, %d 429s to the group; want one, and three", len(okTo(e, "sendMessage", e.bob)), told)
		}
	}
	e.api.EndStorms()
	settle(a)
	private := okTo(e, "sendMessage", e.bob)
	group := arrivals(to(e.api.Calls("sendMessage"), e.group), replyTo)
	first := testkit.First429(t, group)
	if n := testkit.TooSoon(group, testkit.HeldBy(first, others(group, first)...)); n != 0 {
		t.Errorf("%d calls to the group while it was told to wait", n)
	}
	delivered := len(okTo(e, "sendMessage", e.group))
	if delivered != members*len(private) {
		t.Errorf("%d replies delivered to the group after the storm, want %d", delivered, members*len(private))
	}
	t.Logf("group: %d calls answered 429, asking to wait %s; %d replies delivered after the storm",
		len(group)-delivered, testkit.PausedFor(group).Round(time.Millisecond), delivered)
}

func TestA429StormPausesTheMethodForEveryone(t *testing.T) {
	t.Parallel()
	e := newRealTimeEnv(t)
	a := e.start()
	const presses = 12
	press := func(i int) {
		user := e.alice + int64(1000*i)
		e.deliver(a.Adapter, telegramtest.Callback(i+1, user, user, 1, fmt.Sprintf("x:%d", i)))
	}
	e.api.FailNext("answerCallbackQuery", 2)
	press(0)
	e.waits.Wait(t) // the first press's answer was answered 429: the method waits
	e.api.AddStorm(telegramtest.Storm{Method: "answerCallbackQuery", Until: time.Now().Add(4 * time.Second),
		Faults: []telegramtest.Fault{{Status: http.StatusTooManyRequests, RetryAfter: 2}}})
	for i := 1; i < presses; i++ {
		press(i)
	}
	settle(a)
	raw := e.api.Calls("answerCallbackQuery")
	calls := arrivals(raw, pressAnswered)
	first := testkit.First429(t, calls)
	if n := testkit.TooSoon(calls, testkit.HeldBy(first, others(calls, first)...)); n != 0 {
		t.Errorf("%d answerCallbackQuery calls while the method was told to wait", n)
	}
	answered := map[string]bool{}
	for _, c := range raw {
		if c.OK() {
			answered[c.Params.Get("callback_query_id")] = true
		}
	}
	if len(answered) != presses {
		t.Errorf("%d of %d presses answered after the storm", len(answered), presses)
	}
	t.Logf("answerCallbackQuery: %d calls answered 429, asking to wait %s; %d presses answered after the storm",
		len(calls)-len(answered), testkit.PausedFor(calls).Round(time.Millisecond), len(answered))
}

// TestTheAdaptersLinesToAUserOfAnotherLanguage: the adapter's own lines
// (a note, an apology) to a user whose Telegram app speaks a language the
// bot does not (fr) are in the bot's default language, not in Chinese; a
// language the bot speaks still wins.
func TestTheAdaptersLinesToAUserOfAnotherLanguage(t *testing.T) {
	for _, c := range []struct {
		bot, want quiz.Lang
		code      string
	}{
		{quiz.LangEN, quiz.LangEN, "fr"},
		{quiz.LangZH, quiz.LangZH, "fr"},
		{quiz.LangEN, quiz.LangZH, "zh-hans"},
		{quiz.LangZH, quiz.LangEN, "en"},
	} {
		a := &Adapter{lang: c.bot}
		u := &tgbotapi.User{ID: 1, LanguageCode: c.code}
		if got := a.langOf(u); got != c.want {
			t.Errorf("bot %s, user %q: langOf %s, want %s", c.bot, c.code, got, c.want)
		}
		if got := a.notice(u, quiz.Apology); got != quiz.Apology(c.want) {
			t.Errorf("bot %s, user %q: apology %q, want %q", c.bot, c.code, got, quiz.Apology(c.want))
		}
	}
}
