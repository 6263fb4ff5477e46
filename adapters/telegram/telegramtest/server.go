// Package telegramtest is a fake Telegram Bot API server for the adapter's
// tests and the load test. It speaks the Bot API's wire format (form-encoded
// requests to /bot<token>/<method>, {"ok": …} answers), refuses what the
// Bot API refuses (malformed HTML, messages over 4096 characters, callback
// data over 64 bytes, quiz polls without the current correct_option_ids,
// answering a button press twice, or later than CallbackAnswerWindow after
// it was pressed), and can answer 429 with retry_after,
// enforce an overall message rate, and answer 409 Conflict when two
// getUpdates overlap, as Telegram does. Faults can be injected: error
// statuses, malformed answers, held answers, dropped connections, and
// storms of them (see Fault and Storm).
package telegramtest

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options set up a Server.
type Options struct {
	// Username is the bot's user name (default "KubeQuizBot").
	Username string
	// Now stamps the calls (default time.Now); a test that injects a clock
	// into the adapter passes the same clock here.
	Now func() time.Time
	// MessagesPerSecond, when not 0, refuses messages beyond that many in
	// any second with 429 and retry_after 1, as Telegram's overall limit.
	MessagesPerSecond int
}

// Call is one request the server answered.
type Call struct {
	Method string
	Params url.Values
	At     time.Time
	// Status is the HTTP status of the answer.
	Status int
	// RetryAfter is the retry_after of a 429, in seconds.
	RetryAfter int
	// Faulty marks a call answered with a fault (see Fault).
	Faulty bool
	// MessageID is the ID given to a message sent, PollID to a poll sent.
	MessageID int
	PollID    string
	// Thread is the forum topic a message was sent to: its
	// message_thread_id, else the topic of the bot's message it replies
	// to, as in Telegram; 0 for none (a forum's General topic).
	Thread int
}

// OK reports whether the call succeeded.
func (c Call) OK() bool { return c.Status == http.StatusOK && !c.Faulty }

// Server is a fake Bot API. It is safe for concurrent use.
type Server struct {
	// Token is the only token the server takes; BotID is its numeric part.
	Token string
	BotID int64
	opts  Options
	srv   *httptest.Server
	// connections counts the TCP connections opened to srv.
	connections atomic.Int64

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced at every change
	calls     []Call
	updates   []pending
	polling   int
	conflicts int
	webhook   url.Values
	injected  map[string][]Fault
	storms    []*Storm
	gates     []*Gate
	members   map[[2]int64]string
	forbidden map[int64]string // chat → the 403's description
	upgraded  map[int64]int64  // group → the supergroup it became
	messages  map[[2]int64]string
	// threads are the forum topics of the messages sent in one.
	threads map[[2]int64]int
	// stoppable are the open polls, by chat and message.
	stoppable map[[2]int64]bool
	lastID    map[int64]int
	polls     int
	answered  map[string]bool
	// pressed is when each button press the server knows of was made, by
	// callback query ID (see Pressed).
	pressed map[string]time.Time
	window  []time.Time
}

// pending is an update waiting for getUpdates.
type pending struct {
	id  int
	raw json.RawMessage
}

// NewServer starts a server on loopback for the bot with token
// ("<id>:<secret>"); Close stops it.
func NewServer(token string, opts Options) *Server {
	if opts.Username == "" {
		opts.Username = "KubeQuizBot"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	id, _, _ := strings.Cut(token, ":")
	botID, _ := strconv.ParseInt(id, 10, 64)
	s := &Server{
		Token: token, BotID: botID, opts: opts,
		changed:   make(chan struct{}),
		injected:  map[string][]Fault{},
		members:   map[[2]int64]string{},
		forbidden: map[int64]string{},
		upgraded:  map[int64]int64{},
		messages:  map[[2]int64]string{},
		threads:   map[[2]int64]int{},
		stoppable: map[[2]int64]bool{},
		lastID:    map[int64]int{},
		answered:  map[string]bool{},
		pressed:   map[string]time.Time{},
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			s.connections.Add(1)
		}
	}
	s.srv.Start()
	return s
}

// Endpoint is the server's address in the library's endpoint format, for
// TELEGRAM_API_ENDPOINT.
func (s *Server) Endpoint() string { return s.srv.URL + "/bot%s/%s" }

// Username is the bot's user name.
func (s *Server) Username() string { return s.opts.Username }

// Close stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	gates := s.gates
	s.mu.Unlock()
	for _, g := range gates {
		g.Open() // a held call would keep the server from closing
	}
	s.srv.Close()
}

// CallbackAnswerWindow is how long after a button press Telegram takes its
// answer (answerCallbackQuery): about 15 s; later it refuses it with 400
// "query is too old and response timeout expired or query ID is invalid".
const CallbackAnswerWindow = 15 * time.Second

// Push queues an update (its JSON) for getUpdates; a button press is
// pressed now (see Pressed).
func (s *Server) Push(update []byte) {
	s.Pressed(update, s.opts.Now())
	var head struct {
		UpdateID int `json:"update_id"`
	}
	_ = json.Unmarshal(update, &head)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updates = append(s.updates, pending{id: head.UpdateID, raw: update})
	s.notify()
}

// Pressed tells the server when the button press of update (its JSON) was
// made — for an update the test delivers itself, to a webhook — so that
// an answer to it later than CallbackAnswerWindow is refused, as Telegram
// does. The first time given counts: a press delivered again is the same
// press. An update that is not a press is ignored, and an answer to a
// press the server was not told of is judged only by whether it was
// answered before.
func (s *Server) Pressed(update []byte, at time.Time) {
	var head struct {
		CallbackQuery *struct {
			ID string `json:"id"`
		} `json:"callback_query"`
	}
	if json.Unmarshal(update, &head) != nil || head.CallbackQuery == nil || head.CallbackQuery.ID == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.pressed[head.CallbackQuery.ID]; !ok {
		s.pressed[head.CallbackQuery.ID] = at
	}
}

// SetMember sets a user's status in a chat for getChatMember ("creator",
// "administrator", "member", …); the default is "member".
func (s *Server) SetMember(chat, user int64, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.members[[2]int64{chat, user}] = status
}

// Forbid makes messages to chat answer 403, as for a user who never started
// the bot.
func (s *Server) Forbid(chat int64) {
	s.forbid(chat, "Forbidden: bot can't initiate conversation with a user")
}

// Unforbid lets messages to chat through again, as for a user who pressed
// Start in the bot's private chat.
func (s *Server) Unforbid(chat int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.forbidden, chat)
}

// Kick removes the bot from a group chat: messages to it answer 403.
func (s *Server) Kick(chat int64) { s.forbid(chat, "Forbidden: bot was kicked from the group chat") }

// Upgrade turns a group into a supergroup of another ID, as Telegram does:
// messages to the group answer 400 with parameters.migrate_to_chat_id.
// (Push MigrateTo and MigrateFrom to tell the bot as Telegram would.)
func (s *Server) Upgrade(group, supergroup int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.upgraded[group] = supergroup
}

func (s *Server) forbid(chat int64, description string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.forbidden[chat] = description
}

// Conflicts counts the getUpdates calls refused because another was running.
func (s *Server) Conflicts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conflicts
}

// Webhook is the webhook set by setWebhook (url, secret_token, …), nil when
// none is set.
func (s *Server) Webhook() url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook
}

// Calls are the calls of method so far, in order, failed ones included.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callsOf(method, false)
}

func (s *Server) callsOf(method string, okOnly bool) []Call {
	var out []Call
	for _, c := range s.calls {
		if c.Method == method && (c.OK() || !okOnly) {
			out = append(out, c)
		}
	}
	return out
}

// Await waits up to timeout for n successful calls of method and returns
// the successful calls so far.
func (s *Server) Await(timeout time.Duration, method string, n int) ([]Call, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		got, changed := s.callsOf(method, true), s.changed
		s.mu.Unlock()
		if len(got) >= n {
			return got, nil
		}
		select {
		case <-changed:
		case <-deadline.C:
			return got, fmt.Errorf("%d successful %s calls after %s, want %d", len(got), method, timeout, n)
		}
	}
}

// notify wakes the waiters; s.mu is held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// reply is an answer in the Bot API's format.
type reply struct {
	status int
	body   map[string]any
}

func ok(result any) reply {
	return reply{http.StatusOK, map[string]any{"ok": true, "result": result}}
}

func refuse(status int, description string) reply {
	return reply{status, map[string]any{"ok": false, "error_code": status, "description": description}}
}

// upgradedTo is the Bot API's refusal of a call to a group that became a
// supergroup.
func upgradedTo(supergroup int64) reply {
	r := refuse(http.StatusBadRequest, "Bad Request: group chat was upgraded to a supergroup chat")
	r.body["parameters"] = map[string]any{"migrate_to_chat_id": supergroup}
	return r
}

func tooMany(retryAfter int) reply {
	r := refuse(http.StatusTooManyRequests, fmt.Sprintf("Too Many Requests: retry after %d", retryAfter))
	r.body["parameters"] = map[string]any{"retry_after": retryAfter}
	return r
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rest, _ := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, _ := strings.Cut(rest, "/")
	var rep reply
	var call Call
	switch {
	case token != s.Token:
		rep = refuse(http.StatusUnauthorized, "Unauthorized")
	case r.ParseForm() != nil:
		rep = refuse(http.StatusBadRequest, "Bad Request: unreadable parameters")
	case !s.gated(r, method):
		return // its caller went away while it was held: it never reached Telegram
	default:
		s.mu.Lock()
		f, faulty := s.faultFor(method, r.PostForm)
		s.mu.Unlock()
		switch {
		case faulty:
			s.record(Call{Method: method, Params: r.PostForm, Status: answerFault(w, r, f), RetryAfter: retryAfterOf(f), Faulty: true})
			return
		case method == "getUpdates":
			rep = s.getUpdates(r)
		default:
			rep, call = s.handle(method, r.PostForm)
		}
	}
	call.Method, call.Params, call.Status = method, r.PostForm, rep.status
	s.record(call)
	writeReply(w, rep)
}

// retryAfterOf is the retry_after a fault answers, 0 for none.
func retryAfterOf(f Fault) int {
	if f.Status == http.StatusTooManyRequests && f.Body == "" {
		return max(1, f.RetryAfter)
	}
	return 0
}

// record stamps a call and keeps it.
func (s *Server) record(call Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	call.At = s.opts.Now()
	s.calls = append(s.calls, call)
	s.notify()
}

// writeReply writes an answer in the Bot API's format.
func writeReply(w http.ResponseWriter, rep reply) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	_ = json.NewEncoder(w).Encode(rep.body)
}

// handle answers every method but getUpdates, under the lock.
func (s *Server) handle(method string, p url.Values) (reply, Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch method {
	case "getMe":
		return ok(map[string]any{"id": s.BotID, "is_bot": true, "first_name": "KubeQuiz", "username": s.opts.Username,
			"can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": false}), Call{}
	case "sendMessage", "sendPoll":
		return s.send(method, p)
	case "editMessageText":
		return s.editMessageText(p), Call{}
	case "stopPoll":
		return s.stopPoll(p), Call{}
	case "editMessageReplyMarkup":
		return s.editMessageReplyMarkup(p), Call{}
	case "answerCallbackQuery":
		return s.answerCallbackQuery(p), Call{}
	case "setMyCommands":
		return s.setMyCommands(p), Call{}
	case "setWebhook":
		return s.setWebhook(p), Call{}
	case "deleteWebhook":
		s.webhook = nil
		return ok(true), Call{}
	case "getChatMember":
		return s.getChatMember(p), Call{}
	}
	return refuse(http.StatusNotFound, "Not Found"), Call{}
}
