package slack_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slack-go/slack/slacktest"

	"github.com/kubequiz/kubequiz/adapters/slack"

	"github.com/kubequiz/kubequiz/internal/testkit"
)

// fakeSlack is Slack's side of the wire: slack-go's slacktest server (it
// answers auth.test), with routes of our own for what it lacks or what the
// tests read back: chat.postMessage, chat.postEphemeral, chat.update,
// conversations.open, users.info, response URLs (5 posts each, until they
// expire), channels the bot is not a member of, and Socket Mode; and
// faults: 429s with Retry-After, 5xx, malformed answers, dropped
// connections, and storms of them.
type fakeSlack struct {
	srv    *slacktest.Server
	socket *socketServer
	// app names the Slack app the fake serves, unique in the test binary:
	// the adapters of one app share an inbox.
	app string

	mu       sync.Mutex
	sent     []sent            // every message call, in arrival order
	users    map[string]string // user ID → users.info JSON of the user
	lookups  map[string]int    // users.info calls per user
	injected map[string][]fault
	storms   []*storm
	failing  map[string]string // method → the error to answer once
	posts    map[string]int    // response URL → posts it took
	expired  map[string]bool   // response URLs past their 30 minutes
	outside  map[string]bool   // channels the bot is not a member of
	opened   map[string]int    // conversations.open calls per user
	hooks    int
	ts       int
	views    []openedView               // views.open calls that opened a modal
	delays   map[string][]time.Duration // method → how long its next calls wait (Delay)
	held     map[string]chan struct{}   // method → closed once its calls may go on (Hold)
	holding  map[string]int             // calls of a method waiting under Hold
	adapters []*slack.Adapter           // the adapters of the app (Serve)
}

// fault is how the fake answers a call instead of handling it.
type fault struct {
	Status     int    // the HTTP status (default 200 with Body, else 500)
	RetryAfter int    // seconds, with status 429
	Body       string // answered as it is: a malformed answer
	Drop       bool   // the connection closed without an answer
}

// storm answers every call of method with its faults in turn until until.
type storm struct {
	method string
	until  time.Time
	faults []fault
	next   int
}

// sent is one message call as the fake received it.
type sent struct {
	Method  string // chat.postMessage, chat.postEphemeral, chat.update, response
	Status  int    // the HTTP status the fake answered
	Error   string // the Slack error it answered with status 200, if any
	Faulty  bool   // answered with a fault
	Retry   int    // a 429's Retry-After, in seconds
	Hook    string // the response URL, for "response"
	Channel string
	User    string // chat.postEphemeral's user
	TS      string // the message's ts: assigned, or the one updated
	Thread  string
	Text    string
	Kind    string // response_type
	Replace bool   // replace_original
	Blocks  []sentBlock
	Raw     string // the body as received
	At      time.Time
}

type sentBlock struct {
	Type     string        `json:"type"`
	BlockID  string        `json:"block_id"`
	Text     *textObject   `json:"text"`
	Elements []sentElement `json:"elements"`
}

type textObject struct {
	Type     string `json:"type"`
	Text     string `json:"text"`
	Verbatim bool   `json:"verbatim"`
}

type sentElement struct {
	Type           string       `json:"type"`
	ActionID       string       `json:"action_id"`
	Value          string       `json:"value"`
	Style          string       `json:"style"`
	Text           *textObject  `json:"text"`
	Options        []sentOption `json:"options"`
	InitialOptions []sentOption `json:"initial_options"`
}

type sentOption struct {
	Text  textObject `json:"text"`
	Value string     `json:"value"`
}

// Private reports whether the message was for one user only.
func (s sent) Private() bool { return s.Method == "chat.postEphemeral" || s.Kind == "ephemeral" }

// Sections is the text of the message's sections.
func (s sent) Sections() string {
	var parts []string
	for _, b := range s.Blocks {
		if b.Type == "section" && b.Text != nil {
			parts = append(parts, b.Text.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// Buttons are the message's buttons.
func (s sent) Buttons() []sentElement {
	var out []sentElement
	for _, b := range s.Blocks {
		for _, e := range b.Elements {
			if e.Type == "button" {
				out = append(out, e)
			}
		}
	}
	return out
}

// Button finds a button by the start of its payload.
func (s sent) Button(t *testing.T, payloadPrefix string) sentElement {
	t.Helper()
	for _, b := range s.Buttons() {
		if strings.HasPrefix(b.Value, payloadPrefix) {
			return b
		}
	}
	t.Fatalf("no button with a payload starting %q in %s", payloadPrefix, s.Raw)
	return sentElement{}
}

// appCount numbers the fakes' apps.
var appCount atomic.Int64

func newFakeSlack(t *testing.T) *fakeSlack {
	f := &fakeSlack{
		app:      fmt.Sprintf("A%d", appCount.Add(1)),
		socket:   newSocketServer(),
		users:    map[string]string{},
		lookups:  map[string]int{},
		injected: map[string][]fault{},
		failing:  map[string]string{},
		posts:    map[string]int{},
		expired:  map[string]bool{},
		outside:  map[string]bool{},
		opened:   map[string]int{},
	}
	f.srv = slacktest.NewTestServer(func(c slacktest.Customize) {
		for _, m := range []string{"chat.postMessage", "chat.postEphemeral", "chat.update"} {
			c.Handle("/"+m, f.message(m))
		}
		c.Handle("/response/", f.message("response"))
		c.Handle("/users.info", f.userInfo)
		c.Handle("/conversations.open", f.openIM)
		c.Handle("/views.open", f.viewsOpen)
		c.Handle("/apps.connections.open", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `{"ok":true,"url":"ws://%s/socket"}`, f.srv.ServerAddr)
		})
		c.Handle("/socket", f.socket.serve)
	})
	f.srv.Start()
	t.Cleanup(f.srv.Stop)
	return f
}

// APIURL is the Web API base URL of the fake.
func (f *fakeSlack) APIURL() string { return f.srv.GetAPIURL() }

// NewHook makes a response URL.
func (f *fakeSlack) NewHook() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hooks++
	return fmt.Sprintf("%sresponse/%d", f.APIURL(), f.hooks)
}

// SetUser makes users.info describe a user.
func (f *fakeSlack) SetUser(id, displayName string, admin bool) {
	u, _ := json.Marshal(map[string]any{
		"id": id, "name": strings.ToLower(id), "is_admin": admin, "locale": "en-US",
		"profile": map[string]any{"display_name": displayName, "real_name": "Real " + displayName},
	})
	f.mu.Lock()
	defer f.mu.Unlock()
	f.users[id] = string(u)
}

// RateLimit makes the next n calls of method answer 429 with Retry-After: 2.
func (f *fakeSlack) RateLimit(method string, n int) {
	for range n {
		f.Inject(method, fault{Status: http.StatusTooManyRequests, RetryAfter: 2})
	}
}

// Inject makes the next calls of method answer faults, one each, in order.
func (f *fakeSlack) Inject(method string, faults ...fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.injected[method] = append(f.injected[method], faults...)
}

// Storm makes every call of method answer faults in turn for d.
func (f *fakeSlack) Storm(method string, d time.Duration, faults ...fault) time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	until := time.Now().Add(d)
	f.storms = append(f.storms, &storm{method: method, until: until, faults: faults})
	return until
}

// Expire makes a response URL refuse posts, as Slack does 30 minutes on.
func (f *fakeSlack) Expire(hook string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.expired[strings.TrimPrefix(hook, f.APIURL())] = true
}

// Outside makes the bot a non-member of channel: posts there are refused.
func (f *fakeSlack) Outside(channel string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.outside[channel] = true
}

// Opened is how many times conversations.open was asked for user.
func (f *fakeSlack) Opened(user string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.opened[user]
}

// IM is the direct conversation of user with the bot.
func IM(user string) string { return "D" + user }

// faultFor takes the fault that answers a call of method, if any: an
// injected one first, then one of a storm. f.mu is held.
func (f *fakeSlack) faultFor(method string) (fault, bool) {
	if q := f.injected[method]; len(q) > 0 {
		f.injected[method] = q[1:]
		return q[0], true
	}
	for _, st := range f.storms {
		if st.method == method && time.Now().Before(st.until) {
			ft := st.faults[st.next%len(st.faults)]
			st.next++
			return ft, true
		}
	}
	return fault{}, false
}

// answerFault answers with a fault and returns the status sent (0 when
// the connection was dropped).
func answerFault(w http.ResponseWriter, ft fault) int {
	switch {
	case ft.Drop:
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
			return 0
		}
		return answerFault(w, fault{})
	case ft.Status == http.StatusTooManyRequests:
		w.Header().Set("Retry-After", strconv.Itoa(ft.RetryAfter))
		http.Error(w, `{"ok":false,"error":"ratelimited"}`, http.StatusTooManyRequests)
		return ft.Status
	case ft.Body != "":
		status := cmp.Or(ft.Status, http.StatusOK)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprint(w, ft.Body)
		return status
	}
	status := cmp.Or(ft.Status, http.StatusInternalServerError)
	http.Error(w, "<html><body>"+http.StatusText(status)+"</body></html>", status)
	return status
}

// Fail makes the next call of method answer {"ok":false,"error":code}.
func (f *fakeSlack) Fail(method, code string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failing[method] = code
}

// Lookups is how many times users.info was asked about user.
func (f *fakeSlack) Lookups(user string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lookups[user]
}

// Hold makes the calls of a message method ("response" for response
// URLs) wait until release is called (by the test's end at the latest).
func (f *fakeSlack) Hold(t *testing.T, method string) (release func()) {
	gate := make(chan struct{})
	f.mu.Lock()
	if f.held == nil {
		f.held, f.holding = map[string]chan struct{}{}, map[string]int{}
	}
	f.held[method] = gate
	f.mu.Unlock()
	release = sync.OnceFunc(func() {
		f.mu.Lock()
		delete(f.held, method)
		f.mu.Unlock()
		close(gate)
	})
	t.Cleanup(release)
	return release
}

// Holding is how many calls of method are waiting under Hold.
func (f *fakeSlack) Holding(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.holding[method]
}

// Delay makes the next calls of method ("response" for response URLs)
// wait, one each, as long as given before they are handled as usual:
// taken even when the bot has stopped waiting for the answer.
func (f *fakeSlack) Delay(method string, waits ...time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.delays == nil {
		f.delays = map[string][]time.Duration{}
	}
	f.delays[method] = append(f.delays[method], waits...)
}

func (f *fakeSlack) message(method string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		var wait time.Duration
		if q := f.delays[method]; len(q) > 0 {
			wait, f.delays[method] = q[0], q[1:]
		}
		f.mu.Unlock()
		time.Sleep(wait)
		f.mu.Lock()
		gate := f.held[method]
		if gate != nil {
			f.holding[method]++
		}
		f.mu.Unlock()
		if gate != nil {
			<-gate
			f.mu.Lock()
			f.holding[method]--
			f.mu.Unlock()
		}
		raw, _ := io.ReadAll(r.Body)
		s := sent{Method: method, Raw: string(raw), At: time.Now(), Status: http.StatusOK}
		if method == "response" {
			s.Hook = f.APIURL() + strings.TrimPrefix(r.URL.Path, "/")
			var body struct {
				Text            string          `json:"text"`
				ThreadTS        string          `json:"thread_ts"`
				ResponseType    string          `json:"response_type"`
				ReplaceOriginal bool            `json:"replace_original"`
				Blocks          json.RawMessage `json:"blocks"`
			}
			if err := json.Unmarshal(raw, &body); err != nil {
				http.Error(w, "bad JSON", http.StatusBadRequest)
				return
			}
			s.Text, s.Thread, s.Kind, s.Replace = body.Text, body.ThreadTS, body.ResponseType, body.ReplaceOriginal
			_ = json.Unmarshal(body.Blocks, &s.Blocks)
		} else {
			form, _ := url.ParseQuery(string(raw))
			s.Channel, s.User, s.TS, s.Thread, s.Text = form.Get("channel"), form.Get("user"), form.Get("ts"), form.Get("thread_ts"), form.Get("text")
			_ = json.Unmarshal([]byte(form.Get("blocks")), &s.Blocks)
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if ft, ok := f.faultFor(method); ok {
			s.Faulty, s.Retry = true, ft.RetryAfter
			s.Status = answerFault(w, ft)
			f.sent = append(f.sent, s)
			return
		}
		if code, ok := f.failing[method]; ok {
			delete(f.failing, method)
			s.Error = code
			f.sent = append(f.sent, s)
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"ok":false,"error":%q}`, code)
			return
		}
		if refused := f.refusal(method, r); refused != "" {
			s.Status, s.Error = http.StatusNotFound, refused
			f.sent = append(f.sent, s)
			http.Error(w, refused, http.StatusNotFound)
			return
		}
		if f.outside[s.Channel] && (method == "chat.postMessage" || method == "chat.postEphemeral") {
			s.Error = "not_in_channel"
			f.sent = append(f.sent, s)
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"ok":false,"error":"not_in_channel"}`)
			return
		}
		if s.TS == "" {
			f.ts++
			s.TS = fmt.Sprintf("1700000000.%06d", f.ts)
		}
		f.sent = append(f.sent, s)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":%q}`, s.Channel, s.TS)
	}
}

// refusal is how a response URL refuses a post: expired, or spent after
// 5 posts; "" when it takes it (and counts it). f.mu is held.
func (f *fakeSlack) refusal(method string, r *http.Request) string {
	if method != "response" {
		return ""
	}
	hook := strings.TrimPrefix(r.URL.Path, "/")
	switch {
	case f.expired[hook]:
		return "expired_url"
	case f.posts[hook] >= 5:
		return "used_url"
	}
	f.posts[hook]++
	return ""
}

// Posts is how many posts a response URL took.
func (f *fakeSlack) Posts(hook string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.posts[strings.TrimPrefix(hook, f.APIURL())]
}

func (f *fakeSlack) openIM(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	user := r.PostForm.Get("users")
	f.mu.Lock()
	f.opened[user]++
	f.mu.Unlock()
	fmt.Fprintf(w, `{"ok":true,"channel":{"id":%q}}`, IM(user))
}

func (f *fakeSlack) userInfo(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	id := r.PostForm.Get("user")
	f.mu.Lock()
	f.lookups[id]++
	u, ok := f.users[id]
	f.mu.Unlock()
	if !ok {
		fmt.Fprint(w, `{"ok":false,"error":"user_not_found"}`)
		return
	}
	fmt.Fprintf(w, `{"ok":true,"user":%s}`, u)
}

// Sent is every delivered message call matching match, in order.
func (f *fakeSlack) Sent(match func(sent) bool) []sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []sent
	for _, s := range f.sent {
		if s.Status == http.StatusOK && s.Error == "" && !s.Faulty && match(s) {
			out = append(out, s)
		}
	}
	return out
}

// Attempts is every call of method, refused or not.
func (f *fakeSlack) Attempts(method string) []sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []sent
	for _, s := range f.sent {
		if s.Method == method {
			out = append(out, s)
		}
	}
	return out
}

// Wait waits until n delivered messages match, and returns them.
func (f *fakeSlack) Wait(t *testing.T, n int, match func(sent) bool) []sent {
	t.Helper()
	var got []sent
	testkit.Eventually(t, fmt.Sprintf("%d matching messages", n), func() bool { got = f.Sent(match); return len(got) >= n },
		func() string { return fmt.Sprintf("%d matched of: %s", len(got), f.dump()) })
	return got
}

// Serve records that an adapter of the fake's app runs, for Settle.
func (f *fakeSlack) Serve(a *slack.Adapter) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.adapters = append(f.adapters, a)
}

// Settle waits until the adapters of the fake's app have finished their
// work (slack.Busy): by then they have made every call they would make
// for what they were given, right or wrong.
func (f *fakeSlack) Settle(t *testing.T) {
	t.Helper()
	f.mu.Lock()
	ads := slices.Clone(f.adapters)
	f.mu.Unlock()
	busy := ""
	testkit.Eventually(t, "the adapters to finish their work", func() bool {
		for _, a := range ads {
			b, err := slack.Busy(context.Background(), a)
			if err != nil {
				// Redis just back after an outage: go-redis's pool gives its
				// last dial error for a moment before it dials again.
				busy = "the inbox's backlog cannot be read yet: " + err.Error()
				return false
			}
			if busy = b; b != "" {
				return false
			}
		}
		return true
	}, func() string { return busy })
}

func (f *fakeSlack) dump() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var b strings.Builder
	for _, s := range f.sent {
		fmt.Fprintf(&b, "\n  %s %d hook=%s channel=%s ts=%s kind=%s replace=%v: %.300s", s.Method, s.Status, s.Hook, s.Channel, s.TS, s.Kind, s.Replace, s.Sections())
	}
	return b.String()
}

// ToHook matches messages sent through a response URL.
func ToHook(hook string) func(sent) bool {
	return func(s sent) bool { return s.Method == "response" && s.Hook == hook }
}

// ToChannel matches messages posted with the Web API to a channel.
func ToChannel(method, channel string) func(sent) bool {
	return func(s sent) bool { return s.Method == method && s.Channel == channel }
}

// openedView is a modal views.open opened.
type openedView struct {
	ID        string // the view's ID, as Slack gives it
	TriggerID string
	View      struct {
		Type            string `json:"type"`
		CallbackID      string `json:"callback_id"`
		PrivateMetadata string `json:"private_metadata"`
		Title           struct {
			Text string `json:"text"`
		} `json:"title"`
		Blocks []struct {
			Type    string      `json:"type"`
			BlockID string      `json:"block_id"`
			Text    *textObject `json:"text"`
			Element *struct {
				Type        string      `json:"type"`
				ActionID    string      `json:"action_id"`
				Multiline   bool        `json:"multiline"`
				MaxLength   int         `json:"max_length"`
				Placeholder *textObject `json:"placeholder"`
			} `json:"element"`
		} `json:"blocks"`
	}
}

// viewsOpen opens a modal, as views.open does: a JSON body with a
// trigger_id and the view. A trigger is good for one view; Fail makes the
// next call answer an error (expired_trigger_id, say).
func (f *fakeSlack) viewsOpen(w http.ResponseWriter, r *http.Request) {
	var req struct {
		TriggerID string          `json:"trigger_id"`
		View      json.RawMessage `json:"view"`
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.TriggerID == "" {
		fmt.Fprint(w, `{"ok":false,"error":"invalid_arguments"}`)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if code, ok := f.failing["views.open"]; ok {
		delete(f.failing, "views.open")
		fmt.Fprintf(w, `{"ok":false,"error":%q}`, code)
		return
	}
	v := openedView{ID: fmt.Sprintf("V%06d", len(f.views)+1), TriggerID: req.TriggerID}
	if err := json.Unmarshal(req.View, &v.View); err != nil {
		fmt.Fprint(w, `{"ok":false,"error":"invalid_arguments"}`)
		return
	}
	for _, o := range f.views {
		if o.TriggerID == req.TriggerID {
			fmt.Fprint(w, `{"ok":false,"error":"trigger_exchanged"}`)
			return
		}
	}
	f.views = append(f.views, v)
	fmt.Fprintf(w, `{"ok":true,"view":{"id":%q,"type":"modal","callback_id":%q}}`, v.ID, v.View.CallbackID)
}

// WaitView waits until n modals are open and returns them.
func (f *fakeSlack) WaitView(t *testing.T, n int) []openedView {
	t.Helper()
	var views []openedView
	testkit.Eventually(t, fmt.Sprintf("%d modals", n), func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		views = append([]openedView(nil), f.views...)
		return len(views) >= n
	}, func() string { return fmt.Sprintf("%d opened", len(views)) })
	return views
}
