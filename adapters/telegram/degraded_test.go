package telegram

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// degradedWithin is how soon a reply must come while Redis is down.
const degradedWithin = 5 * time.Second

// onRealRedis moves the env onto a redis-server of its own, which the test
// may stop, with a core whose default language is Chinese (the users'
// Telegram language is English); call it before start.
func (e *env) onRealRedis(t *testing.T) *redistest.Server {
	t.Helper()
	srv := redistest.StartWith(t, redistest.Options{Args: []string{"--appendonly", "yes", "--appendfsync", "always"}})
	e.useRedis(t, srv.URL())
	return srv
}

// useRedis moves the env onto the Redis at url, with a core of its own
// whose default language is Chinese; the adapters started after use it.
func (e *env) useRedis(t *testing.T, url string) {
	t.Helper()
	st, rdb, _, closeDB, err := redisstore.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeDB) // after the adapters stop: cleanups run last first
	cfg := coreConfig(t, st)
	cfg.Lang = "zh"
	core, err := quiz.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.store, e.rdb, e.core = st, rdb, core
}

// sentTexts are the texts of the messages sent to chat.
func (e *env) sentTexts(chat int64) []string {
	var out []string
	for _, c := range e.api.Calls("sendMessage") {
		if c.OK() && c.Params.Get("chat_id") == strconv.FormatInt(chat, 10) {
			out = append(out, c.Params.Get("text"))
		}
	}
	return out
}

// sentinel is a command sent after the others, whose reply names it:
// once it is answered, the updates before it were taken from the inbox
// before it, and a second answer to any would have been sent by then,
// not a wall-clock second later.
const sentinel = "nosuchcommand"

// sentUpTo waits for the reply to the sentinel and returns the texts sent
// to chat before it.
func (e *env) sentUpTo(t *testing.T, chat int64) []string {
	t.Helper()
	var got []string
	testkit.EventuallyWithin(t, 10*time.Second, "the reply to the sentinel", func() bool {
		got = e.sentTexts(chat)
		return slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, sentinel) })
	})
	return got[:slices.IndexFunc(got, func(s string) bool { return strings.Contains(s, sentinel) })]
}

// awaitText waits for the nth message to chat (from 1) and returns its
// text.
func (e *env) awaitText(t *testing.T, chat int64, n int) string {
	t.Helper()
	var got []string
	testkit.EventuallyWithin(t, 10*time.Second, "a reply", func() bool { got = e.sentTexts(chat); return len(got) >= n })
	return got[n-1]
}

// checkServedWhileDown checks a reply to /ask pv made while Redis was
// down: a question from the bank, in the user's language (English: the
// bank is Chinese, what the bot says around it is not), within
// degradedWithin of since.
func checkServedWhileDown(t *testing.T, reply string, since time.Time) {
	t.Helper()
	if took := time.Since(since); took > degradedWithin {
		t.Errorf("the question came %v after the command while Redis was down, want within %v", took, degradedWithin)
	}
	if !strings.Contains(reply, "Topics: ") || !strings.Contains(reply, "pv") || strings.Contains(reply, "could not be recorded") {
		t.Errorf("while Redis was down /ask pv was answered %q, want a question about PVs, in English", reply)
	}
}

// TestPollingServesQuestionsWhileRedisIsDown stops the real redis-server
// under two replicas, one polling: the poller keeps polling (the other
// stands by: no 409 Conflict), and each command is answered at once, in
// memory — a question from the bank in the user's Telegram language,
// stats saying scores are unavailable. Once Redis is back, every update
// was answered once, also the one accepted before the outage, and one
// replica polls.
func TestPollingServesQuestionsWhileRedisIsDown(t *testing.T) {
	t.Parallel()
	e := newPollingEnv(t)
	srv := e.onRealRedis(t)
	first := e.start()
	testkit.Eventually(t, "a poller", first.LeaseHeld)
	second := e.start()
	chat := e.alice
	e.api.Push(telegramtest.Message(1, chat, chat, 1, "/ask pv"))
	e.awaitText(t, chat, 1)

	srv.Stop()
	start := time.Now()
	e.api.Push(telegramtest.Message(2, chat, chat, 2, "/ask pv"))
	checkServedWhileDown(t, e.awaitText(t, chat, 2), start)
	e.api.Push(telegramtest.Message(3, chat, chat, 3, "/stats"))
	if got := e.awaitText(t, chat, 3); !strings.Contains(got, "Scores are unavailable right now") {
		t.Errorf("/stats while Redis was down was answered %q, want that scores are unavailable", got)
	}
	if !first.LeaseHeld() || second.LeaseHeld() {
		t.Errorf("while Redis was down the poller stopped polling or the other took over (first %v, second %v)", first.LeaseHeld(), second.LeaseHeld())
	}
	if n := e.api.Conflicts(); n != 0 {
		t.Errorf("while Redis was down getUpdates answered 409 Conflict %d times: two replicas polled at once", n)
	}

	srv.Restart(t)
	e.api.Push(telegramtest.Message(4, chat, chat, 4, "/ask pv"))
	e.awaitText(t, chat, 4)
	e.api.Push(telegramtest.Message(5, chat, chat, 5, "/"+sentinel))
	if got := e.sentUpTo(t, chat); len(got) != 4 {
		t.Errorf("4 commands got %d replies, want one each:\n%s", len(got), strings.Join(got, "\n---\n"))
	}
	// Back, the lease is held again by one replica (the one that polled,
	// or the other, if it took the lapsed lease first).
	testkit.Eventually(t, "one poller", func() bool { return first.LeaseHeld() != second.LeaseHeld() })
}

// TestWebhookServesQuestionsWhileRedisIsDown stops the real redis-server
// behind the webhook: a command is acknowledged and answered at once, in
// memory, in the user's Telegram language, while a quiz-poll vote, which
// cannot be cast again, is still refused (503) for Telegram to deliver
// again. Once Redis is back, every update was answered once.
func TestWebhookServesQuestionsWhileRedisIsDown(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	srv := e.onRealRedis(t)
	a := e.start()
	chat := e.alice
	e.deliver(a.Adapter, telegramtest.Message(1, chat, chat, 1, "/ask pv"))
	e.awaitText(t, chat, 1)

	srv.Stop()
	start := time.Now()
	if code := post(a.Adapter, telegramtest.Message(2, chat, chat, 2, "/ask pv"), testSecret); code != http.StatusOK {
		t.Fatalf("a command while Redis was down was answered %d, want 200", code)
	}
	checkServedWhileDown(t, e.awaitText(t, chat, 2), start)
	if code := post(a.Adapter, telegramtest.PollAnswer(3, "poll-1", chat, 0), testSecret); code != http.StatusServiceUnavailable {
		t.Errorf("a vote while Redis was down was answered %d, want 503 (delivered again later)", code)
	}
	// Telegram delivers the command again (its acknowledgement lost, say).
	if code := post(a.Adapter, telegramtest.Message(2, chat, chat, 2, "/ask pv"), testSecret); code != http.StatusOK {
		t.Errorf("the command delivered again was answered %d, want 200", code)
	}

	srv.Restart(t)
	e.deliver(a.Adapter, telegramtest.Message(4, chat, chat, 4, "/ask pv"))
	e.awaitText(t, chat, 3)
	e.deliver(a.Adapter, telegramtest.Message(5, chat, chat, 5, "/"+sentinel))
	if got := e.sentUpTo(t, chat); len(got) != 3 {
		t.Errorf("3 commands got %d replies, want one each:\n%s", len(got), strings.Join(got, "\n---\n"))
	}
}
