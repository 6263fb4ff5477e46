package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kubequiz/kubequiz/adapters/slack/slackfake"
	"github.com/kubequiz/kubequiz/quiz"
)

// Fake credentials of the load test's own fake Slack.
const (
	slackLoadToken  = "xoxb-loadtest-not-a-real-token"
	slackLoadSecret = "loadtest-signing-secret-not-real"
)

const slackUsage = `usage: loadtest slack [flags]

Runs the bot (cmd/bot, a child process) in Slack's HTTP mode against a fake
Slack Web API, posts -quizzes quizzes with signed /k8s quiz commands, then
presses their answer buttons: signed POSTs to /slack/interactive, each by a
user answering that quiz for the first time. For each -rate step it reports
the acknowledgements (HTTP 200) and the replies (the ephemeral feedback
through the press's response_url, as the fake receives it): how many a
second and how late, counted from when each press was due; the presses
shed and told so through the response_url; and the bot's peak RSS and CPU.

flags:
`

// runSlack runs the Slack answer load.
func runSlack(ctx context.Context, args []string) error {
	var f loadFlags
	fs := flag.NewFlagSet("slack", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), slackUsage)
		fs.PrintDefaults()
	}
	f.register(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	steps, err := parseSteps(f.rates, f.n)
	if err != nil {
		return err
	}
	if f.quizzes < 1 || f.clients < 1 {
		return errors.New("-quizzes and -c must be positive")
	}
	total := f.n * len(steps)
	replies := newReplyLog(total)
	s := newSlackLoad(replies, f.quizzes, total)
	defer s.close()
	return runLoad(ctx, s, f, replies, steps)
}

// slackLoad is the Slack side of the load: a fake Web API whose response
// URLs record the replies, and presses of the posted quizzes' buttons.
type slackLoad struct {
	api     *httptest.Server
	replies *replyLog
	run     string // this run's own team and trigger IDs
	users   int

	endpoint string // the bot's /slack/interactive
	mu       sync.Mutex
	quizzes  []slackQuiz
	posted   map[int][]byte // setup replies by quiz index
	updates  atomic.Int64
}

// slackQuiz is a posted quiz: its channel and buttons.
type slackQuiz struct {
	channel string
	ts      string
	buttons []slackButton
}

type slackButton struct{ actionID, value string }

func newSlackLoad(replies *replyLog, quizzes, total int) *slackLoad {
	s := &slackLoad{
		replies: replies, run: strconv.FormatInt(time.Now().UnixNano(), 36),
		users: (total + quizzes - 1) / quizzes, posted: map[int][]byte{},
		quizzes: make([]slackQuiz, quizzes),
	}
	s.api = httptest.NewServer(s)
	return s
}

func (s *slackLoad) name() string { return "slack" }
func (s *slackLoad) close()       { s.api.Close() }
func (s *slackLoad) redraws() int { return int(s.updates.Load()) }

// followUps is 0: on Slack the feedback is the reply.
func (s *slackLoad) followUps() int { return 0 }

func (s *slackLoad) botEnv() map[string]string {
	return map[string]string{
		"SLACK_BOT_TOKEN": slackLoadToken, "SLACK_SIGNING_SECRET": slackLoadSecret, "SLACK_API_URL": s.api.URL + "/api/",
	}
}

// team is this run's workspace: a run on a Redis kept from an earlier one
// starts on empty boards, and its trigger IDs are not taken for retries.
func (s *slackLoad) team() string { return "TLOAD" + strings.ToUpper(s.run) }

// Texts the bot tells a refused press with, in its user's Slack locale:
// English, as the fake users.info gives it (en-US).
var (
	slackShed        = quiz.Busy(quiz.LangEN)
	slackNotRecorded = quiz.NotRecorded(quiz.LangEN)
	slackApology     = quiz.Apology(quiz.LangEN)
)

// ServeHTTP is the fake Web API and the response URLs.
func (s *slackLoad) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	now := time.Now()
	w.Header().Set("Content-Type", "application/json")
	switch path := r.URL.Path; {
	case strings.HasPrefix(path, "/hook/"):
		i, err := strconv.Atoi(path[len("/hook/"):])
		if err == nil {
			s.replies.arrived(i, now, slackTelling(body))
		}
	case strings.HasPrefix(path, "/setup/"):
		if q, err := strconv.Atoi(path[len("/setup/"):]); err == nil {
			s.mu.Lock()
			if _, seen := s.posted[q]; !seen {
				s.posted[q] = body
			}
			s.mu.Unlock()
		}
	case path == "/api/auth.test":
		fmt.Fprintf(w, `{"ok":true,"url":"https://loadtest.invalid/","team":"Load","user":"kubequiz","team_id":%q,"user_id":"UBOT","bot_id":"BBOT"}`, s.team())
		return
	case path == "/api/users.info":
		fmt.Fprint(w, `{"ok":true,"user":{"id":"U1","name":"user","locale":"en-US","profile":{"display_name":"Load Tester"}}}`)
		return
	case path == "/api/chat.update":
		s.updates.Add(1)
	}
	fmt.Fprint(w, `{"ok":true,"ts":"1700000000.000001"}`)
}

// slackTelling reads a reply through a response URL: a telling of a
// refusal, or not.
func slackTelling(body []byte) int32 {
	var m struct {
		Text string `json:"text"`
	}
	if json.Unmarshal(body, &m) != nil {
		return toldNone
	}
	switch {
	case strings.Contains(m.Text, slackShed):
		return toldShed
	case strings.Contains(m.Text, slackNotRecorded):
		return toldNotRecorded
	case strings.Contains(m.Text, slackApology):
		return toldApology
	}
	return toldNone
}

// setup posts the quizzes: /k8s quiz in a channel of each, and reads the
// answer buttons of each reply.
func (s *slackLoad) setup(ctx context.Context, bot *child) error {
	s.endpoint = bot.base + "/slack/interactive"
	client := &http.Client{Timeout: 30 * time.Second}
	for q := range s.quizzes {
		s.quizzes[q] = slackQuiz{channel: fmt.Sprintf("CQ%04d", q), ts: fmt.Sprintf("1700000000.%06d", q)}
		form := url.Values{
			"team_id": {s.team()}, "channel_id": {s.quizzes[q].channel}, "user_id": {fmt.Sprintf("UHOST%04d", q)}, "user_name": {"host"}, // a host each: the bot limits how fast one user is answered
			"command": {"/k8s"}, "text": {"quiz"}, "response_url": {s.api.URL + "/setup/" + strconv.Itoa(q)},
			"trigger_id": {s.run + ".setup." + strconv.Itoa(q)},
		}
		if status, err := slackPost(ctx, client, bot.base+"/slack/commands", "application/x-www-form-urlencoded", []byte(form.Encode())); err != nil || status != http.StatusOK {
			return fmt.Errorf("/k8s quiz: status %d, %v", status, err)
		}
	}
	deadline := time.Now().Add(time.Minute)
	for q := range s.quizzes {
		for {
			s.mu.Lock()
			body, ok := s.posted[q]
			s.mu.Unlock()
			if ok {
				buttons, err := answerButtons(body)
				if err != nil {
					return fmt.Errorf("quiz %d: %w", q, err)
				}
				s.quizzes[q].buttons = buttons
				break
			}
			if time.Now().After(deadline) || ctx.Err() != nil {
				return fmt.Errorf("quiz %d was not posted within a minute", q)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return nil
}

// answerButtons reads a posted quiz's answer buttons from its Block Kit.
func answerButtons(body []byte) ([]slackButton, error) {
	var m struct {
		Blocks []struct {
			Elements []struct {
				Type     string `json:"type"`
				ActionID string `json:"action_id"`
				Value    string `json:"value"`
			} `json:"elements"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, err
	}
	var out []slackButton
	for _, b := range m.Blocks {
		for _, e := range b.Elements {
			if e.Type == "button" && strings.HasPrefix(e.Value, "a:") {
				out = append(out, slackButton{e.ActionID, e.Value})
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no answer buttons in %.300s", body)
	}
	return out, nil
}

// send presses answer i: user i mod users presses a button of quiz i div
// users, so that every press is that user's first answer to that quiz; each
// quiz is answered by every user in turn, and users come back quiz after
// quiz.
func (s *slackLoad) send(ctx context.Context, client *http.Client, i int) delivery {
	user, q := i%s.users, i/s.users
	if q >= len(s.quizzes) {
		return delivery{failure: "more answers than users × quizzes"}
	}
	qz := s.quizzes[q]
	b := qz.buttons[i%len(qz.buttons)]
	payload := fmt.Sprintf(`{"type":"block_actions","trigger_id":"%s.%d","response_url":"%s/hook/%d","team":{"id":%q},`+
		`"user":{"id":"U%07d","name":"user%d"},"channel":{"id":%q},"container":{"type":"message","message_ts":%q,"channel_id":%q},`+
		`"actions":[{"block_id":"kq.quiz","action_id":%q,"value":%q,"type":"button","action_ts":"1700000001.000001"}]}`,
		s.run, i, s.api.URL, i, s.team(), user, user, qz.channel, qz.ts, qz.channel, b.actionID, b.value)
	status, err := slackPost(ctx, client, s.endpoint, "application/x-www-form-urlencoded", []byte("payload="+url.QueryEscape(payload)))
	switch {
	case err != nil:
		return delivery{failure: "transport error"}
	case status != http.StatusOK:
		return delivery{failure: "HTTP " + strconv.Itoa(status)}
	}
	return delivery{acked: true}
}

// slackPost sends one request signed as Slack signs them and returns the
// status.
func slackPost(ctx context.Context, client *http.Client, endpoint, contentType string, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", contentType)
	slackfake.Sign(req.Header, body, time.Now(), slackLoadSecret)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}
