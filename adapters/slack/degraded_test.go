package slack_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// keptLog has the adapter log to kept as well as to the test's log.
func keptLog(t *testing.T, kept *testkit.LogBuffer) func(*adapters.Deps) {
	return func(d *adapters.Deps) {
		d.Log = slog.New(slog.NewTextHandler(io.MultiWriter(newTestLog(t), kept), &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
}

// servedAtOnce checks, in the adapter's log, that the offers to the inbox
// that failed while Redis was down (at least one) each found it
// unreachable, and so had their delivery served at once, in memory:
// none waited out its deadline, which leaves the delivery in doubt and
// puts its reply off until it is settled.
func servedAtOnce(t *testing.T, log string) {
	t.Helper()
	failed := regexp.MustCompile(`msg="a Slack delivery could not be accepted".*`).FindAllString(log, -1)
	if len(failed) == 0 {
		t.Error("no offer to the inbox failed while Redis was down")
	}
	for _, line := range failed {
		if !strings.Contains(line, edge.ErrUnreachable.Error()) {
			t.Errorf("an offer failed on other than an unreachable inbox, its delivery left in doubt: %s", line)
		}
	}
}

// newEnvOnItsOwnRedis is an env on a core whose store is a redis-server
// of its own (append-only, as deployed), which the test may stop and
// restart or pause; the core's default language is Chinese. opt's core
// and store are set.
func newEnvOnItsOwnRedis(t *testing.T, tr transport, opt options) (*env, *redistest.Server) {
	t.Helper()
	srv, st, core := coreOnItsOwnRedis(t)
	opt.core, opt.store = core, st
	return newEnv(t, tr, opt), srv
}

// coreOnItsOwnRedis is a core, in Chinese by default, whose store is a
// redis-server of its own (append-only, as deployed), and that server.
func coreOnItsOwnRedis(t *testing.T) (*redistest.Server, *redisstore.Store, *quiz.Service) {
	t.Helper()
	srv := redistest.StartWith(t, redistest.Options{Args: []string{"--appendonly", "yes", "--appendfsync", "always"}})
	st, _, _, closeDB, err := redisstore.Connect(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeDB) // after the adapter stops: cleanups run last first
	core, err := quiz.New(quiz.Config{Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: st, Daily: st, Lang: "zh", Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	return srv, st, core
}

// TestQuestionsAreServedWhileRedisIsDown stops the real redis-server the
// bot uses: a command, a press and a direct message are then served at
// once, in memory, by the core — a question from the bank, in the user's
// Slack locale (the bot's default is Chinese); stats says scores are
// unavailable — rather than refused as not recorded. An event Slack
// delivers again is answered once. Once Redis is back, what was accepted
// before and what was served meanwhile are answered once, and the inbox is
// empty.
func TestQuestionsAreServedWhileRedisIsDown(t *testing.T) {
	for _, tr := range transports {
		t.Run(string(tr), func(t *testing.T) {
			t.Parallel()
			var kept testkit.LogBuffer
			e, srv := newEnvOnItsOwnRedis(t, tr, options{deps: keptLog(t, &kept)})
			user := fmt.Sprintf("U1-%d", time.Now().UnixNano())
			e.slack.SetUser(user, "Bo", false) // users.info: locale en-US

			before := e.command(user, "C1", "ask pv") // accepted while Redis is up
			first := e.slack.Wait(t, 1, ToHook(before))[0]

			srv.Stop()
			hook := e.command(user, "C1", "ask pv")
			q := e.slack.Wait(t, 1, ToHook(hook))[0]
			// The bank is in Chinese; what the bot says around it is in the
			// user's language.
			if strings.Contains(q.Text, "could not be recorded") || len(q.Buttons()) == 0 || !strings.Contains(q.Sections(), "Topics: ") || !strings.Contains(q.Sections(), "pv") {
				t.Errorf("while Redis was down, ask pv was answered %q, want a question about PVs with its buttons, in English (the user's Slack locale):%s", q.Text, dumpAll([]sent{q}))
			}
			show := e.press(user, "C1", q, q.Button(t, "s:"), 1)[0]
			if !strings.Contains(show.Sections(), "How did you do?") {
				t.Errorf("Show answer while Redis was down was answered %q, want the reference answer and the grades, in English", show.Sections())
			}
			stats := e.command(user, "C1", "stats")
			if s := e.slack.Wait(t, 1, ToHook(stats))[0]; !strings.Contains(s.Text+s.Sections(), "Scores are unavailable right now") {
				t.Errorf("stats while Redis was down was answered %q, want that scores are unavailable", s.Text+s.Sections())
			}
			dm := e.eventCallback(fmt.Sprintf("Ev%d", time.Now().UnixNano()), map[string]any{
				"type": "message", "channel_type": "im", "channel": "D" + user, "user": user, "text": "ask pv",
			})
			e.deliver("events_api", dm)
			e.deliver("events_api", dm) // Slack's retry of it
			toDM := func(s sent) bool { return s.Channel == "D"+user }
			e.slack.Wait(t, 1, toDM)
			servedAtOnce(t, kept.String())

			srv.Restart(t)
			after := e.command(user, "C1", "ask pv")
			e.slack.Wait(t, 1, ToHook(after))
			e.slack.Settle(t)
			for name, hook := range map[string]string{"accepted before": before, "served meanwhile": hook, "stats meanwhile": stats, "accepted after": after} {
				if got := e.slack.Sent(ToHook(hook)); len(got) != 1 {
					t.Errorf("the command %s was answered %d times, want once:%s", name, len(got), dumpAll(got))
				}
			}
			if got := e.slack.Sent(toDM); len(got) != 1 {
				t.Errorf("the direct message, delivered twice, was answered %d times, want once:%s", len(got), dumpAll(got))
			}
			if first.Text == "" && len(first.Buttons()) == 0 {
				t.Errorf("the command accepted before the outage was answered with nothing")
			}
		})
	}
}

// TestQuestionsAreServedWhileRedisIsFull fills the real redis-server the
// bot uses (maxmemory reached, noeviction: every write answered OOM, reads
// still answered). The inbox cannot take a delivery, and wrote nothing of
// it, so it is served in memory as when Redis is down: ask gives a
// question, quiz and stats an answer each — none told its action could
// not be recorded. Once Redis has room, commands go through the inbox
// again; each was answered once.
func TestQuestionsAreServedWhileRedisIsFull(t *testing.T) {
	for _, tr := range transports {
		t.Run(string(tr), func(t *testing.T) {
			t.Parallel()
			e, srv := newEnvOnItsOwnRedis(t, tr, options{})
			user := fmt.Sprintf("U1-%d", time.Now().UnixNano())
			e.slack.SetUser(user, "Bo", false) // users.info: locale en-US

			srv.Fill(t, true)
			hooks := map[string]string{}
			for _, text := range []string{"ask pv", "quiz pv", "stats"} {
				hooks[text] = e.command(user, "C1", text)
				r := e.slack.Wait(t, 1, ToHook(hooks[text]))[0]
				if strings.Contains(r.Text, "could not be recorded") || r.Text+r.Sections() == "" {
					t.Errorf("while Redis was full, %s was answered %q, want it served in memory", text, r.Text+r.Sections())
				}
				if text == "ask pv" && (len(r.Buttons()) == 0 || !strings.Contains(r.Sections(), "pv")) {
					t.Errorf("while Redis was full, ask pv was answered %q, want a question about PVs with its buttons", r.Sections())
				}
			}
			srv.Fill(t, false)
			hooks["after"] = e.command(user, "C1", "ask pv")
			e.slack.Wait(t, 1, ToHook(hooks["after"]))
			e.slack.Settle(t)
			for name, hook := range hooks {
				if got := e.slack.Sent(ToHook(hook)); len(got) != 1 {
					t.Errorf("%s was answered %d times, want once:%s", name, len(got), dumpAll(got))
				}
			}
		})
	}
}

// TestAnAnswerModalSubmittedWhileRedisIsDownIsServedInMemory: with the
// bot's redis-server stopped, an answer submitted in the "Answer it" modal
// is served in memory as commands and presses are — the modal closes at
// once (an empty 200) rather than staying open saying it was not
// recorded — and, its recording in doubt, it is kept and scored once Redis
// is back: one result, one typed answer recorded.
func TestAnAnswerModalSubmittedWhileRedisIsDownIsServedInMemory(t *testing.T) {
	t.Parallel()
	var kept testkit.LogBuffer
	e, srv := newEnvOnItsOwnRedis(t, httpMode, options{deps: keptLog(t, &kept)})
	user := fmt.Sprintf("U1-%d", time.Now().UnixNano())
	e.slack.SetUser(user, "Bo", false)
	v, hook := e.openAnswerModal(user, 1)

	srv.Stop()
	status, body := e.submit(e.submission(user, v, testkit.LabelledAnswer(t, accessModes, "complete", "en")))
	if status != http.StatusOK || body != "" {
		t.Fatalf("the submission while Redis was down was answered %d %q; want an empty 200, which closes the modal", status, body)
	}
	servedAtOnce(t, kept.String())

	srv.Restart(t)
	result := e.slack.Wait(t, 1, ToHook(hook))[0]
	if !result.Private() || !strings.Contains(result.Sections(), "4/4 key points covered") {
		t.Errorf("the answer kept through the outage was answered:%s", dumpAll([]sent{result}))
	}
	e.slack.Settle(t)
	if got := e.slack.Sent(ToHook(hook)); len(got) != 1 {
		t.Errorf("%d results, want 1:%s", len(got), dumpAll(got))
	}
	if st := e.stats(user); st.Typed.Answers != 1 {
		t.Errorf("%d typed answers recorded, want 1", st.Typed.Answers)
	}
}
