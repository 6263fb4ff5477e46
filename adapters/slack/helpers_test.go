package slack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/adapters/slack"
	"github.com/kubequiz/kubequiz/adapters/slack/slackfake"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
	"github.com/kubequiz/kubequiz/redisstore"
)

// Obviously fake credentials.
const (
	botToken      = "xoxb-test-not-a-real-token"
	appToken      = "xapp-test-not-a-real-token"
	signingSecret = "test-signing-secret-not-real"
)

// transport is how the tests reach the adapter.
type transport string

const (
	httpMode   transport = "HTTP mode"
	socketMode transport = "Socket Mode"
)

var transports = []transport{httpMode, socketMode}

// shippedBank is the embedded bank.
func shippedBank(t *testing.T) *bank.Bank { return testkit.ShippedBank(t) }

// deps are what the bot gives the adapter: the core, and the store's
// inbox and values.
func deps(core quiz.Handler, st *redisstore.Store, log *slog.Logger) adapters.Deps {
	return adapters.Deps{
		Core: core, Values: st, Log: log,
		Inbox: func(name string) edge.Inbox { return st.Inbox(name, redisstore.InboxOptions{}) },
	}
}

// testLog writes log lines to the test's log until the test ends, and
// drops those that come later (a tally's count that its timer logs after
// the adapter stopped), on which the testing package would panic.
type testLog struct {
	t    *testing.T
	mu   sync.Mutex
	done bool
}

// newTestLog is a testLog of t.
func newTestLog(t *testing.T) *testLog {
	w := &testLog{t: t}
	t.Cleanup(func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.done = true
	})
	return w
}

func (w *testLog) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.t.Log(strings.TrimSpace(string(p)))
	}
	return len(p), nil
}

// env is an adapter on a real core and Redis, talking to a fake Slack over
// one transport. Each env is its own workspace, and its app (its fake
// Slack) has an inbox of its own, so tests sharing Redis and the core do
// not see each other's scores nor take each other's deliveries.
type env struct {
	t     *testing.T
	tr    transport
	slack *fakeSlack
	ad    *slack.Adapter
	store *redisstore.Store
	web   *httptest.Server
	team  string
	stop  func() error // stops Run and waits for it
}

// envCount numbers workspaces.
var envCount atomic.Int64

// triggerCount numbers trigger IDs.
var triggerCount atomic.Int64

// options change an env from the default: the shipped bank, the real
// core and the embedded Redis that the package's tests share (see
// sharedCore).
type options struct {
	bank  *bank.Bank
	core  quiz.Handler
	store *redisstore.Store
	// slack is another env's fake Slack, for a second replica of one app.
	slack *fakeSlack
	// deps, if set, changes what the bot gives the adapter.
	deps func(*adapters.Deps)
	// settle, if set, replaces the ten seconds a delivery whose acceptance
	// is in doubt is offered again before its user is told it was not
	// recorded (slack.SetSettleTime): for tests that wait them out.
	settle time.Duration
	// bodyTimeout, if set, replaces how long a request body may take to
	// arrive (slack.SetBodyTimeout).
	bodyTimeout time.Duration
	// apiTimeout, if set, replaces the 15 s one Slack call may take
	// (slack.SetAPITimeout).
	apiTimeout time.Duration
	// refusalLog, if set, replaces the minute between the log lines of
	// refused requests (adapters.Deps.RefusalLogEvery).
	refusalLog time.Duration
}

// shippedQuizzes is the quiz generator of the shipped bank, built once
// for the package's cores (quiz.Config.Quizzes): it indexes every
// question, a third of a second under -race.
var shippedQuizzes = testkit.Shared(func(tb testing.TB) (*mcq.Generator, error) {
	return mcq.NewGenerator(testkit.ShippedBank(tb)), nil
})

// sharedStore is the store on the embedded Redis the package's tests
// share.
func sharedStore(tb testing.TB) *redisstore.Store {
	tb.Helper()
	return redisstore.New(testkit.SharedRedis(tb))
}

// sharedCore is the core of the envs on the shared store with the shipped
// bank: quiz.New indexes the bank for its quizzes, a third of a second
// under -race, and the core keeps nothing of its own but by workspace. It
// logs to stderr, as it does only when the store fails.
var sharedCore = testkit.Shared(func(tb testing.TB) (quiz.Handler, error) {
	st := sharedStore(tb)
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	return quiz.New(quiz.Config{Bank: testkit.ShippedBank(tb), Quizzes: shippedQuizzes(tb), Store: st, Daily: st, Lang: "en", Location: time.UTC, Logger: log})
})

func newEnv(t *testing.T, tr transport, opt options) *env {
	t.Helper()
	e := &env{t: t, tr: tr, slack: opt.slack, team: fmt.Sprintf("T%06d%d", envCount.Add(1), time.Now().UnixNano()%1000)}
	if e.slack == nil {
		e.slack = newFakeSlack(t)
	}
	e.store = opt.store
	core := opt.core
	if e.store == nil {
		e.store = sharedStore(t)
		if core == nil && opt.bank == nil {
			core = sharedCore(t)
		}
	}
	log := slog.New(slog.NewTextHandler(newTestLog(t), &slog.HandlerOptions{Level: slog.LevelDebug}))
	if core == nil {
		cfg := quiz.Config{Bank: opt.bank, Store: e.store, Daily: e.store, Lang: "en", Location: time.UTC, Logger: log}
		if cfg.Bank == nil {
			cfg.Bank, cfg.Quizzes = shippedBank(t), shippedQuizzes(t)
		}
		svc, err := quiz.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		core = svc
	}
	cfg := slack.Config{BotToken: botToken, SigningSecret: signingSecret, APIURL: e.slack.APIURL()}
	if tr == socketMode {
		cfg.AppToken = appToken
	}
	d := deps(core, e.store, log)
	d.Inbox = func(name string) edge.Inbox { return e.store.Inbox(name+"-"+e.slack.app, redisstore.InboxOptions{}) }
	d.RefusalLogEvery = opt.refusalLog
	if opt.deps != nil {
		opt.deps(&d)
	}
	ad, err := slack.New(cfg, d)
	if err != nil {
		t.Fatal(err)
	}
	if opt.settle > 0 {
		slack.SetSettleTime(ad, opt.settle)
	}
	if opt.apiTimeout > 0 {
		slack.SetAPITimeout(ad, opt.apiTimeout)
	}
	if opt.bodyTimeout > 0 {
		slack.SetBodyTimeout(ad, opt.bodyTimeout)
	}
	e.ad = ad
	e.slack.Serve(ad)
	if tr == httpMode {
		e.web = httptest.NewServer(ad.Handler())
		t.Cleanup(e.web.Close)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ad.Run(ctx) }()
	e.stop = sync.OnceValue(func() error {
		cancel()
		return <-done
	})
	t.Cleanup(func() {
		if err := e.stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	testkit.Eventually(t, "the adapter to be ready", ad.Ready)
	return e
}

// deliver sends Slack's delivery of a kind (slash_commands, interactive,
// events_api) over the env's transport and checks it is acknowledged.
func (e *env) deliver(kind string, payload any) {
	e.t.Helper()
	if err := e.send(kind, payload); err != nil {
		e.t.Fatal(err)
	}
}

// send delivers over the env's transport and waits for the acknowledgement;
// safe to call from any goroutine.
func (e *env) send(kind string, payload any) error {
	if e.tr == socketMode {
		id, err := e.slack.socket.Send(kind, payload)
		if err != nil {
			return err
		}
		_, err = e.slack.socket.AckDelay(id)
		return err
	}
	resp, err := e.postSigned(paths[kind], httpBody(kind, payload), time.Now(), nil)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", kind, resp.Status)
	}
	return nil
}

// paths are where Slack posts each kind of delivery.
var paths = map[string]string{"slash_commands": "/slack/commands", "interactive": "/slack/interactive", "events_api": "/slack/events"}

// httpBody encodes a delivery as Slack does over HTTP.
func httpBody(kind string, payload any) []byte {
	raw, _ := json.Marshal(payload)
	switch kind {
	case "slash_commands":
		var fields map[string]any
		_ = json.Unmarshal(raw, &fields)
		form := url.Values{}
		for k, v := range fields {
			form.Set(k, fmt.Sprint(v))
		}
		return []byte(form.Encode())
	case "interactive":
		return []byte(url.Values{"payload": {string(raw)}}.Encode())
	default:
		return raw
	}
}

// postSigned posts body to path signed as Slack signs at time at, with
// extra headers.
func (e *env) postSigned(path string, body []byte, at time.Time, header http.Header) (*http.Response, error) {
	req, _ := http.NewRequest(http.MethodPost, e.web.URL+path, bytes.NewReader(body))
	slackfake.Sign(req.Header, body, at, signingSecret)
	for k, v := range header {
		req.Header[k] = v
	}
	return roundTrip(req)
}

// roundTrip sends a request and keeps the answer's body.
func roundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// trigger is a fresh trigger ID.
func trigger() string { return fmt.Sprintf("trigger-%d", triggerCount.Add(1)) }

// slashCommand is /k8s text typed by user in channel, with a fresh
// response URL.
func (e *env) slashCommand(user, channel, text string) slackapi.SlashCommand {
	return slackapi.SlashCommand{
		TeamID: e.team, ChannelID: channel, ChannelName: "practice", UserID: user, UserName: strings.ToLower(user),
		Command: "/k8s", Text: text, ResponseURL: e.slack.NewHook(), TriggerID: trigger(), APIAppID: "A0TEST",
	}
}

// command types /k8s text and returns the response URL its replies go to.
func (e *env) command(user, channel, text string) string {
	e.t.Helper()
	c := e.slashCommand(user, channel, text)
	e.deliver("slash_commands", c)
	return c.ResponseURL
}

// ask runs a command and waits for its n replies.
func (e *env) ask(user, channel, text string, n int) []sent {
	e.t.Helper()
	return e.slack.Wait(e.t, n, ToHook(e.command(user, channel, text)))
}

// click is a press of a button (or a checklist's submit) in message m, in
// channel, with the checklist's boxes ticked as given.
func (e *env) click(user, channel string, m sent, button sentElement, ticked ...int) *slackapi.InteractionCallback {
	cb := &slackapi.InteractionCallback{
		Type: slackapi.InteractionTypeBlockActions, TriggerID: trigger(), ResponseURL: e.slack.NewHook(),
		Team: slackapi.Team{ID: e.team}, User: slackapi.User{ID: user, Name: strings.ToLower(user)},
		Container: slackapi.Container{Type: "message", MessageTs: m.TS, ChannelID: channel, IsEphemeral: m.Private()},
		ActionCallback: slackapi.ActionCallbacks{BlockActions: []*slackapi.BlockAction{{
			ActionID: button.ActionID, Value: button.Value, Type: "button", ActionTs: "1700000001.000001",
		}}},
		BlockActionState: &slackapi.BlockActionStates{Values: map[string]map[string]slackapi.BlockAction{}},
	}
	cb.Channel.ID = channel
	for _, b := range m.Blocks {
		for _, el := range b.Elements {
			if el.Type != "checkboxes" {
				continue
			}
			act := slackapi.BlockAction{ActionID: el.ActionID, Type: "checkboxes"}
			for _, o := range el.Options {
				for _, i := range ticked {
					if o.Value == strconv.Itoa(i) {
						act.SelectedOptions = append(act.SelectedOptions, slackapi.OptionBlockObject{Value: o.Value})
					}
				}
			}
			cb.BlockActionState.Values[b.BlockID] = map[string]slackapi.BlockAction{el.ActionID: act}
		}
	}
	return cb
}

// press presses a button and waits for n replies through its response URL.
func (e *env) press(user, channel string, m sent, button sentElement, n int, ticked ...int) []sent {
	e.t.Helper()
	cb := e.click(user, channel, m, button, ticked...)
	e.deliver("interactive", cb)
	return e.slack.Wait(e.t, n, ToHook(cb.ResponseURL))
}

// eventCallback is an Events API delivery of an inner event.
func (e *env) eventCallback(id string, inner map[string]any) map[string]any {
	return map[string]any{
		"type": "event_callback", "team_id": e.team, "api_app_id": "A0TEST",
		"event_id": id, "event_time": time.Now().Unix(), "event": inner,
	}
}

// stats reads a user's figures from the store.
func (e *env) stats(user string) quiz.Stats {
	e.t.Helper()
	y, w := time.Now().UTC().ISOWeek()
	st, err := e.store.Stats(context.Background(), "slack:"+e.team, "slack:"+e.team+":"+user, fmt.Sprintf("%d-W%02d", y, w))
	if err != nil {
		e.t.Fatal(err)
	}
	return st
}

// isRight reports whether a quiz button's payload ("a:<quiz>:<choice>") is
// the quiz's right choice, as the store has it.
func (e *env) isRight(t *testing.T, payload string) bool {
	t.Helper()
	parts := strings.Split(payload, ":")
	if len(parts) != 3 || parts[0] != "a" {
		t.Fatalf("%q is not an answer's payload", payload)
	}
	q, ok, err := e.store.LoadQuiz(context.Background(), "slack:"+e.team, parts[1])
	if err != nil || !ok {
		t.Fatalf("quiz %s: %v, %v", parts[1], ok, err)
	}
	return strconv.Itoa(q.Correct) == parts[2]
}
