package slack_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/quiz"
)

// TestAUserToldNotRecordedDuringARedisStallIsNeverAnsweredLater pauses
// the real redis-server the bot's inbox is on (SIGSTOP) while two users
// type commands: their offers wait in Redis's sockets, and once the
// acceptance is given up each user is told their action was not recorded
// — in their Slack locale (English) when users.info gives it, else in the
// bot's default language (Chinese), not in both. Redis then wakes
// (SIGCONT) and runs the offers queued in it: they were past their
// deadlines, so nothing is answered after all.
func TestAUserToldNotRecordedDuringARedisStallIsNeverAnsweredLater(t *testing.T) {
	t.Parallel()
	e, srv := newEnvOnItsOwnRedis(t, httpMode, options{settle: time.Second, deps: func(d *adapters.Deps) { d.Lang = quiz.LangZH }})
	ctx := context.Background()
	if err := e.store.Preload(ctx); err != nil { // as the bot does at start: the late offers find their script
		t.Fatal(err)
	}
	known, unknown := fmt.Sprintf("UK%d", time.Now().UnixNano()), fmt.Sprintf("UN%d", time.Now().UnixNano())
	e.slack.SetUser(known, "Bo", false) // users.info: locale en-US; the other user it does not know
	e.ask(known, "C1", "help", 1)       // the inbox's connections open

	srv.Pause(t)
	paused := true
	defer func() {
		if paused {
			srv.Resume(t)
		}
	}()
	hooks := map[string]quiz.Lang{e.command(known, "C1", "stats"): quiz.LangEN, e.command(unknown, "C1", "ask pv"): quiz.LangZH}
	for hook, lang := range hooks {
		got := e.slack.Wait(t, 1, ToHook(hook))[0]
		other := quiz.LangEN
		if lang == quiz.LangEN {
			other = quiz.LangZH
		}
		if !strings.Contains(got.Text, quiz.NotRecorded(lang)) || strings.Contains(got.Text, quiz.NotRecorded(other)) || !got.Private() {
			t.Errorf("told %q privately=%v; want only %q, privately", got.Text, got.Private(), quiz.NotRecorded(lang))
		}
	}
	time.Sleep(time.Second) // the offers' deadlines, less the clock skew allowed, long past
	srv.Resume(t)
	paused = false

	time.Sleep(time.Second) // Redis runs what waited in its sockets; the workers read the inbox
	e.slack.Settle(t)
	for hook := range hooks {
		if got := e.slack.Sent(ToHook(hook)); len(got) != 1 {
			t.Errorf("%d messages to a user told their action was not recorded, want that notice alone:%s", len(got), dumpAll(got))
		}
	}
}
