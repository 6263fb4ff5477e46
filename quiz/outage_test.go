package quiz_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// TestRedisGoingAwayMidSession stops the session's redis-server: questions
// are still served from the bank, scoring says scores are unavailable, and
// when Redis is back the same service scores again without a restart.
// It runs beside the other tests: it mostly waits for the client's dials to
// fail, on a server of its own.
func TestRedisGoingAwayMidSession(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	opts, err := redisstore.ParseURL(srv.URL()) // the client options production uses
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewUniversalClient(opts)
	t.Cleanup(func() { _ = rdb.Close() })
	e := newEnvOn(t, rdb)

	before := quizCard(t, e.cmd("ann", "quiz"))
	srv.Stop()

	t.Run("ask still serves a question from the bank", func(t *testing.T) {
		r := e.cmd("ann", "ask pv")
		id := askedID(t, r)
		if q, ok := shippedBank(t).ByID(id); !ok || !slices.Contains(q.Topics, "pv") {
			t.Errorf("ask pv during the outage drew %s", id)
		}
		if !strings.Contains(text(e.press("ann", "s:"+id)), "💡") {
			t.Errorf("Show answer should work without Redis")
		}
	})
	unavailable := []struct{ name, text, payload string }{
		{"answering a quiz", "", quiz.AnswerPayload(before.ID, before.Correct)},
		{"grading a card", "", "g:" + shippedBank(t).Questions()[0].ID + ":3:abcdef"},
		{"posting a quiz", "quiz", ""},
		{"the leaderboard", "top", ""},
		{"stats", "stats", ""},
		{"choosing a language", "lang en", ""},
	}
	for _, c := range unavailable {
		t.Run(c.name+" says it is unavailable for now", func(t *testing.T) {
			var r quiz.Response
			if c.payload != "" {
				r = e.press("ann", c.payload)
			} else {
				r = e.cmd("ann", c.text)
			}
			if got := r.Notice + text(r); !strings.Contains(got, "unavailable right now") && !strings.Contains(got, "could not be saved right now") {
				t.Errorf("%s during the outage: %q", c.name, got)
			}
			if r.Outcome != quiz.OutcomeUnavailable {
				t.Errorf("%s during the outage: outcome %q", c.name, r.Outcome)
			}
		})
	}

	srv.Restart(t) // empty: the outage lost the server's data
	// The client finds the server again by itself: no restart of the bot,
	// no new client. Give it a few seconds to redial.
	testkit.Eventually(t, "the service to recover once Redis is back", func() bool { return !strings.Contains(text(e.cmd("ann", "top")), "unavailable") })
	after := quizCard(t, e.cmd("ann", "quiz"))
	r := e.press("ann", quiz.AnswerPayload(after.ID, after.Correct))
	if !strings.Contains(r.Notice, "Right! +10") {
		t.Fatalf("after Redis came back, answering says %q / %q", r.Notice, text(r))
	}
	if got := text(e.cmd("ann", "top")); !strings.Contains(got, "ann — 10 pts") {
		t.Errorf("the board after recovery:\n%s", got)
	}
}

// TestALanguageChosenIsKeptThroughAnOutage: a user on a Chinese platform
// who chose English is still answered in English while Redis is stopped
// (their choice, in Redis, cannot be read: the service remembers it),
// whether the reply reads their language alone (lang) or with what it
// could not read (quiz, top); a user who chose nothing, or was forgotten
// since, gets their platform's language; once Redis is back, empty, the choice it lost no
// longer holds.
func TestALanguageChosenIsKeptThroughAnOutage(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	opts, err := redisstore.ParseURL(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewUniversalClient(opts)
	t.Cleanup(func() { _ = rdb.Close() })
	e := newEnvOn(t, rdb)
	typed := func(user, line string) string {
		r := e.deliver(user, "", func(r *quiz.Request) { r.Locale, r.Text = "zh-CN", line })
		return r.Notice + text(r)
	}
	if got := typed("ann", "lang en"); !strings.Contains(got, "English") {
		t.Fatalf("lang en: %q", got)
	}
	// cy chose English too, then had himself forgotten: his choice with
	// the rest.
	typed("cy", "lang en")
	confirm := e.deliver("cy", "", func(r *quiz.Request) { r.Locale, r.Text = "zh-CN", "forget me" })
	if got := e.deliver("cy", "", func(r *quiz.Request) { r.Locale, r.Payload = "zh-CN", payloadWithPrefix(t, confirm, "f:") }); got.Update == nil {
		t.Fatalf("cy confirming forget me: %+v", got)
	}
	srv.Stop()

	for _, c := range []struct{ cmd, en, zh string }{
		{"lang", "Your interface language is English", "你的界面语言是中文"},
		{"quiz", "no quiz can be posted", "现在无法出测验题"},
		{"top", "Scores are unavailable", "积分暂时不可用"},
		{"stats", "Scores are unavailable", "积分暂时不可用"},
		{"answer gzrv43 RWO is read-write by a single node", "your answer was not recorded", "你的回答没有记录"},
	} {
		if got := typed("ann", c.cmd); !strings.Contains(got, c.en) {
			t.Errorf("%s by ann, who chose English, during the outage: %q; want English", c.cmd, got)
		}
		for _, user := range []string{"bo", "cy"} {
			if got := typed(user, c.cmd); !strings.Contains(got, c.zh) {
				t.Errorf("%s by %s, whose choice is none, during the outage: %q; want his platform's Chinese", c.cmd, user, got)
			}
		}
	}

	srv.Restart(t) // empty: ann's choice is gone
	testkit.Eventually(t, "ann's language read from the store again", func() bool {
		return strings.Contains(typed("ann", "lang"), "你的界面语言是中文")
	})
}
