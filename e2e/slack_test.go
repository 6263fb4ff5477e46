package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slacktest"

	"github.com/kubequiz/kubequiz/adapters/slack/slackfake"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// Obviously fake Slack credentials.
const (
	slackBotToken      = "xoxb-e2e-not-a-real-token"
	slackSigningSecret = "e2e-signing-secret-not-real"
)

// What a reply through a response URL tells its user, by the words the
// bot's English catalog uses.
type replyKind string

const (
	// scored: a quiz answer's feedback, right or wrong.
	scored replyKind = "scored"
	// busy: the delivery was shed, the inbox being full.
	busy replyKind = "busy"
	// notRecorded: the delivery could not be put in the inbox.
	notRecorded replyKind = "not recorded"
	// unavailable: it was handled, but the store could not score it.
	unavailable replyKind = "unavailable"
	// other: anything else (a quiz posted, a notice).
	other replyKind = "other"
)

// kindOf classifies a reply by its text.
func kindOf(text string) replyKind {
	switch {
	case strings.Contains(text, "Right!") || strings.Contains(text, "Not quite") || strings.Contains(text, "Wrong:"):
		return scored
	case strings.Contains(text, "Too busy"):
		return busy
	case strings.Contains(text, "could not be recorded"):
		return notRecorded
	case strings.Contains(text, "unavailable"):
		return unavailable
	}
	return other
}

// hookReply is one message the bot sent through a response URL.
type hookReply struct {
	kind replyKind
	raw  string // the body, kept for replies of kind other
}

// slackFake is Slack's side of the wire: the Web API (slack-go's
// slacktest, which answers auth.test, with message and users.info routes
// of ours) on one host, and the response URLs on another, as
// hooks.slack.com is not slack.com.
type slackFake struct {
	api   *slacktest.Server
	hooks *httptest.Server
	// lookupDelay slows users.info down, and hookDelay the posts to
	// response URLs (nanoseconds), as a slow Slack would, so that work
	// piles up.
	lookupDelay, hookDelay atomic.Int64

	mu sync.Mutex
	// replies are the replies by hook ID; one sent again after the answer
	// to its first sending was lost is kept once (resent).
	replies map[string][]hookReply
	resent  resends
	updates int // chat.update calls
	ts      int
}

func newSlackFake(t *testing.T) *slackFake {
	f := &slackFake{replies: map[string][]hookReply{}}
	f.api = slacktest.NewTestServer(func(c slacktest.Customize) {
		c.Handle("/users.info", f.userInfo)
		for _, m := range []string{"/chat.postMessage", "/chat.postEphemeral", "/chat.update"} {
			c.Handle(m, f.message)
		}
	})
	f.api.Start()
	t.Cleanup(f.api.Stop)
	f.hooks = httptest.NewServer(http.HandlerFunc(f.hook))
	t.Cleanup(f.hooks.Close)
	return f
}

// env is the bot's Slack configuration (HTTP mode) against the fake.
func (f *slackFake) env() []string {
	return []string{"SLACK_BOT_TOKEN=" + slackBotToken, "SLACK_SIGNING_SECRET=" + slackSigningSecret, "SLACK_API_URL=" + f.api.GetAPIURL()}
}

// hookURL is the response URL of a delivery.
func (f *slackFake) hookURL(id string) string { return f.hooks.URL + "/hook/" + id }

// userInfo describes any user, in English, after lookupDelay.
func (f *slackFake) userInfo(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Duration(f.lookupDelay.Load()))
	_ = r.ParseForm()
	id := r.PostForm.Get("user")
	u, _ := json.Marshal(map[string]any{"id": id, "name": strings.ToLower(id), "locale": "en-US",
		"profile": map[string]any{"display_name": "User " + id}})
	fmt.Fprintf(w, `{"ok":true,"user":%s}`, u)
}

// message answers chat.postMessage, chat.postEphemeral and chat.update.
func (f *slackFake) message(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f.mu.Lock()
	f.ts++
	ts := r.PostForm.Get("ts")
	if ts == "" {
		ts = fmt.Sprintf("1700000000.%06d", f.ts)
	}
	if strings.HasSuffix(r.URL.Path, "chat.update") {
		f.updates++
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":%q}`, r.PostForm.Get("channel"), ts)
}

// hook takes a message posted to a response URL, after hookDelay.
func (f *slackFake) hook(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id, ok := strings.CutPrefix(r.URL.Path, "/hook/")
	raw, err := io.ReadAll(r.Body) // the body read, the server notices a caller that goes away
	select {
	case <-time.After(time.Duration(f.hookDelay.Load())):
	case <-r.Context().Done():
		return // the bot went away (killed) before the post reached Slack
	}
	var body struct {
		ReplaceOriginal bool `json:"replace_original"`
	}
	if !ok || err != nil || json.Unmarshal(raw, &body) != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	fmt.Fprint(w, "ok")
	if !body.ReplaceOriginal { // a redraw of the pressed message is no reply
		rep := hookReply{kind: kindOf(string(raw))}
		if rep.kind == other {
			rep.raw = string(raw)
		}
		f.mu.Lock()
		if !f.resent.repeat(id, string(raw), answerLost(r, start)) {
			f.replies[id] = append(f.replies[id], rep)
		}
		f.mu.Unlock()
	}
}

// repliesTo are the replies sent through a delivery's response URL.
func (f *slackFake) repliesTo(id string) []hookReply {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]hookReply(nil), f.replies[id]...)
}

// replied counts the deliveries of ids with at least one reply.
func (f *slackFake) replied(ids []string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return withAny(f.replies, ids)
}

// slackWorkspace is one team and channel of users talking to one bot.
type slackWorkspace struct {
	fake *slackFake
	// client gives up on an acknowledgement after Slack's 3 s, as Slack
	// does; setup waits for it, for the requests that set a test up (the
	// quiz's command), whose acknowledgement time is no part of what the
	// tests check and takes longer on a loaded machine.
	client, setup *http.Client
	team, channel string

	mu sync.Mutex
	// acked are the triggers of the presses acknowledged in time; late,
	// the delivery IDs of those that were not (press).
	acked []string
	late  map[string]bool
}

func newSlackWorkspace(f *slackFake, team, channel string) *slackWorkspace {
	return &slackWorkspace{fake: f, team: team, channel: channel, late: map[string]bool{}, client: &http.Client{
		Timeout:   slackAckTime,
		Transport: &http.Transport{MaxIdleConnsPerHost: 256},
	}, setup: &http.Client{Timeout: waitLong}}
}

// slackAckTime is how long Slack waits for a request's acknowledgement
// before it shows its user an error.
const slackAckTime = 3 * time.Second

// post sends a signed request to the bot at base with client, as Slack
// does, and returns the HTTP status it answered.
func (w *slackWorkspace) post(client *http.Client, base, path string, body []byte) (int, error) {
	req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(body))
	slackfake.Sign(req.Header, body, time.Now(), slackSigningSecret)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// command types /k8s text as user, for a test's setup: it waits for the
// acknowledgement past Slack's 3 s. The trigger ID names the delivery and
// its response URL.
func (w *slackWorkspace) command(base, user, trigger, text string) (int, error) {
	form := url.Values{
		"team_id": {w.team}, "channel_id": {w.channel}, "channel_name": {"practice"},
		"user_id": {user}, "user_name": {strings.ToLower(user)}, "command": {"/k8s"}, "text": {text},
		"response_url": {w.fake.hookURL(trigger)}, "trigger_id": {trigger}, "api_app_id": {"A0E2E"},
	}
	return w.post(w.setup, base, "/slack/commands", []byte(form.Encode()))
}

// press presses the button with payload under the quiz message as user;
// the trigger ID names the delivery and its response URL. A press the bot
// does not acknowledge within Slack's 3 s, or whose connection fails (a
// reset on a machine under load), is remembered as late: Slack shows its
// user an error and does not send it again. A refused connection (no bot
// listening) or a status but 200 fails the test.
func (w *slackWorkspace) press(t *testing.T, base, user, trigger, payload string) {
	cb := &slackapi.InteractionCallback{
		Type: slackapi.InteractionTypeBlockActions, TriggerID: trigger, ResponseURL: w.fake.hookURL(trigger),
		Team: slackapi.Team{ID: w.team}, User: slackapi.User{ID: user, Name: strings.ToLower(user)},
		Container: slackapi.Container{Type: "message", MessageTs: "1700000000.000001", ChannelID: w.channel},
		ActionCallback: slackapi.ActionCallbacks{BlockActions: []*slackapi.BlockAction{{
			ActionID: "kq.b.0.0", Value: payload, Type: "button", ActionTs: "1700000001.000001",
		}}},
	}
	cb.Channel.ID = w.channel
	raw, _ := json.Marshal(cb) // a struct of strings always encodes
	code, err := w.post(w.client, base, "/slack/interactive", []byte(url.Values{"payload": {string(raw)}}.Encode()))
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case err == nil && code == http.StatusOK:
		w.acked = append(w.acked, trigger)
	case err != nil && !errors.Is(err, syscall.ECONNREFUSED):
		w.late["trigger:"+w.team+":"+trigger] = true
	default:
		t.Errorf("press %s: %d %v, want 200 (acknowledged, and told if it was not taken)", trigger, code, err)
	}
}

// acknowledged are the triggers of the presses acknowledged in time.
func (w *slackWorkspace) acknowledged() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.acked...)
}

// unacknowledged are the delivery IDs of the presses not acknowledged in
// time.
func (w *slackWorkspace) unacknowledged() map[string]bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return maps.Clone(w.late)
}

// answerPayload finds a quiz's answer buttons in a message.
var answerPayload = regexp.MustCompile(`"value":"a:([a-z2-7]{8}):([0-9])"`)

// postQuiz has user post a quiz in the channel and returns its ID and how
// many choices it has.
func (w *slackWorkspace) postQuiz(t *testing.T, base, user string) (string, int) {
	t.Helper()
	trigger := "quiz-" + w.team
	if code, err := w.command(base, user, trigger, "quiz"); err != nil || code != http.StatusOK {
		t.Fatalf("/k8s quiz: %d %v", code, err)
	}
	var quiz string
	choices := 0
	testkit.EventuallyWithin(t, waitLong, "the quiz to be posted", func() bool {
		for _, r := range w.fake.repliesTo(trigger) {
			for _, m := range answerPayload.FindAllStringSubmatch(r.raw, -1) {
				quiz = m[1]
				n, _ := strconv.Atoi(m[2])
				choices = max(choices, n+1)
			}
		}
		return quiz != ""
	})
	return quiz, choices
}
