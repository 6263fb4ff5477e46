package e2e

import (
	"bytes"
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
)

// Obviously fake Telegram credentials.
const (
	tgToken  = "123456:e2e-token-not-real"
	tgSecret = "e2e-webhook-secret-not-real"
	tgBotID  = "123456"
)

// tgFake is the Bot API (telegramtest) behind a front that can slow its
// answers down, as a slow or distant Bot API would, and that keeps the
// answers to button presses as they reach the API.
type tgFake struct {
	*telegramtest.Server
	front *httptest.Server
	// delay slows every call but getUpdates down (nanoseconds).
	delay atomic.Int64

	mu sync.Mutex
	// toasts are the answerCallbackQuery calls, by callback query ID, and
	// whether Telegram took each (see seen).
	toasts map[string][]toast
	// privateTexts are the texts of the messages sent to users' private
	// chats, by user; a message sent again after the answer to its first
	// sending was lost is kept once (resent).
	privateTexts map[int64][]string
	resent       resends
}

func newTelegramFake(t *testing.T) *tgFake {
	f := &tgFake{Server: telegramtest.NewServer(tgToken, telegramtest.Options{Username: "kubequiz_e2e_bot"}), toasts: map[string][]toast{}, privateTexts: map[int64][]string{}}
	t.Cleanup(f.Close)
	target, _ := url.Parse(strings.TrimSuffix(f.Endpoint(), "/bot%s/%s"))
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ErrorLog = log.New(io.Discard, "", 0) // a killed bot's poll ends badly, as it should
	f.front = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The body read, the server notices a caller that goes away.
		start := time.Now()
		raw, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(raw))
		if !strings.HasSuffix(r.URL.Path, "/getUpdates") {
			select {
			case <-time.After(time.Duration(f.delay.Load())):
			case <-r.Context().Done():
				return // the bot went away (killed) before the call reached Telegram
			}
		}
		form, _ := url.ParseQuery(string(raw))
		status := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		proxy.ServeHTTP(status, r)
		f.mu.Lock()
		defer f.mu.Unlock()
		switch path.Base(r.URL.Path) {
		case "answerCallbackQuery":
			id := form.Get("callback_query_id")
			f.toasts[id] = append(f.toasts[id], toast{text: form.Get("text"), ok: status.status == http.StatusOK})
		case "sendMessage":
			chat, _ := strconv.ParseInt(form.Get("chat_id"), 10, 64)
			if chat > 0 && status.status == http.StatusOK && !f.resent.repeat(form.Get("chat_id"), form.Get("text"), answerLost(r, start)) {
				f.privateTexts[chat] = append(f.privateTexts[chat], form.Get("text"))
			}
		}
	}))
	t.Cleanup(f.front.Close)
	return f
}

// toast is one answer to a button press, and whether Telegram took it.
type toast struct {
	text string
	ok   bool
}

// seen are the toasts of a press its user saw, or would have: those
// Telegram took, and any answer after one it took — Telegram refuses a
// second answer to a press, but the call was made, so it counts. An answer
// refused before any was taken (too old) showed nothing.
func seen(toasts []toast) []string {
	var out []string
	for _, t := range toasts {
		if t.ok || len(out) > 0 {
			out = append(out, t.text)
		}
	}
	return out
}

// statusWriter keeps the status of an answer it passes on.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// env is the bot's Telegram configuration: webhook mode, or long polling.
func (f *tgFake) env(webhook bool) []string {
	env := []string{"TELEGRAM_BOT_TOKEN=" + tgToken, "TELEGRAM_API_ENDPOINT=" + f.front.URL + "/bot%s/%s"}
	if webhook {
		env = append(env, "TELEGRAM_WEBHOOK_URL=https://kubequiz.example.com/telegram/webhook", "TELEGRAM_WEBHOOK_SECRET="+tgSecret)
	}
	return env
}

// answers are the toasts of button presses their users saw, by callback
// query ID.
func (f *tgFake) answers() map[string][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string][]string, len(f.toasts))
	for id, list := range f.toasts {
		out[id] = seen(list)
	}
	return out
}

// answered counts the presses of updates [from, to) of the load (the press
// of tgUser(i) in update tgUpdate(i)) answered at least once: by a toast
// its user saw, or a private message.
func (f *tgFake) answered(from, to int) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for u := from; u < to; u++ {
		if len(seen(f.toasts[callbackID(u)])) > 0 || len(f.privateTexts[tgUser(u-tgUpdate(0))]) > 0 {
			n++
		}
	}
	return n
}

// private are the texts of the messages sent to users' private chats, by
// user, as they are now.
func (f *tgFake) private() map[int64][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return cloneLists(f.privateTexts)
}

// toldVoters counts the users [from, to) told anything privately.
func (f *tgFake) toldVoters(from, to int64) int {
	users := make([]int64, 0, to-from)
	for u := from; u < to; u++ {
		users = append(users, u)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return withAny(f.privateTexts, users)
}

// cloneLists copies a map of lists, for reading outside a lock.
func cloneLists[K comparable, V any](m map[K][]V) map[K][]V {
	out := make(map[K][]V, len(m))
	for k, list := range m {
		out[k] = slices.Clone(list)
	}
	return out
}

// withAny counts the keys whose list in m is not empty.
func withAny[K comparable, V any](m map[K][]V, keys []K) int {
	n := 0
	for _, k := range keys {
		if len(m[k]) > 0 {
			n++
		}
	}
	return n
}

// callbackID is the query ID telegramtest.Callback gives a press.
func callbackID(update int) string { return "cb-" + strconv.Itoa(update) }

// webhookSender delivers updates to a bot's webhook as Telegram does: an
// update refused (any status but 2xx, or no answer) is delivered again
// after a while, until the bot takes it. A button press is pressed when it
// is first sent: the Bot API takes its answer for 15 s from then.
type webhookSender struct {
	client *http.Client
	api    *tgFake
	// refused counts the attempts the bot refused.
	refused atomic.Int64
}

func newWebhookSender(api *tgFake) *webhookSender {
	return &webhookSender{api: api, client: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256}}}
}

// deliver posts an update to the webhook at base until the bot
// acknowledges it, waiting retry between attempts; false when ctx ended
// first.
func (s *webhookSender) deliver(ctx context.Context, base string, update []byte, retry time.Duration) bool {
	for {
		if s.post(ctx, base, update) {
			return true
		}
		s.refused.Add(1)
		select {
		case <-ctx.Done():
			return false
		case <-time.After(retry):
		}
	}
}

// post makes one attempt, and reports whether the bot acknowledged it.
func (s *webhookSender) post(ctx context.Context, base string, update []byte) bool {
	s.api.Pressed(update, time.Now())
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/telegram/webhook", bytes.NewReader(update))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", tgSecret)
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.client.Do(req)
	if err != nil {
		return false
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode/100 == 2
}

// postTelegramQuiz has user 7 post a quiz in group chat through deliver
// (a webhook or the fake's queue for polling) and returns its ID, read
// from Redis.
func postTelegramQuiz(t *testing.T, f *tgFake, rdb *redis.Client, chat int64, deliver func([]byte)) string {
	t.Helper()
	deliver(telegramtest.Message(1, chat, 7, 1, "/quiz"))
	if _, err := f.Await(20*time.Second, "sendPoll", 1); err != nil {
		t.Fatalf("the quiz was not posted: %v", err)
	}
	keys, err := rdb.Keys(context.Background(), "kq:{tg:"+strconv.FormatInt(chat, 10)+"}:quiz:*").Result()
	if err != nil || len(keys) != 1 {
		t.Fatalf("quiz keys in Redis: %v %v", keys, err)
	}
	return keys[0][strings.LastIndex(keys[0], ":")+1:]
}
