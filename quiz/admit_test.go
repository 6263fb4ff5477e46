package quiz_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// newLimitedEnv is an env whose service limits its users by
// quiz.DefaultUserLimit, as the bot's does.
func newLimitedEnv(t *testing.T) *env {
	t.Helper()
	rdb, _ := testkit.Redis(t)
	st := redisstore.New(rdb)
	return newEnvConfigured(t, rdb, st, st, func(c *quiz.Config) { c.UserLimit = quiz.DefaultUserLimit })
}

func TestAFloodingUserIsToldOnceToSlowDownAndTheRestIsDropped(t *testing.T) {
	e := newLimitedEnv(t)
	var answered, told, silent int
	for range 150 {
		r := e.cmd("eve", "stats")
		switch {
		case r.Outcome != quiz.OutcomeLimited:
			answered++
		case r.Notice != "" && len(r.Messages) == 0:
			told++
			if !strings.Contains(r.Notice, "Slow down") {
				t.Errorf("the slow-down notice: %q", r.Notice)
			}
		case r.Notice == "" && len(r.Shown()) == 0:
			silent++
		default:
			t.Fatalf("a limited response shows %q", text(r))
		}
	}
	if answered != quiz.DefaultUserLimit.Burst || told != 1 || silent != 150-answered-1 {
		t.Errorf("150 commands at once: %d answered, %d told to slow down, %d dropped; want %d, 1, the rest", answered, told, silent, quiz.DefaultUserLimit.Burst)
	}
	// Nobody else is limited, and eve's answers to quizzes are not.
	if r := e.cmd("bob", "stats"); r.Outcome == quiz.OutcomeLimited {
		t.Errorf("another user was limited")
	}
	quizzed := e.cmd("bob", "quiz pv")
	if r := e.press("eve", payloadWithPrefix(t, quizzed, "a:")); r.Outcome == quiz.OutcomeLimited {
		t.Errorf("a limited user's quiz answer was dropped")
	}
	// A second later, one more goes through; past it, eve is told again.
	e.clock.Advance(quiz.DefaultUserLimit.Every)
	if r := e.cmd("eve", "stats"); r.Outcome == quiz.OutcomeLimited {
		t.Errorf("a second later: still limited")
	}
	if r := e.cmd("eve", "stats"); r.Outcome != quiz.OutcomeLimited || r.Notice == "" {
		t.Errorf("past the limit again: %s %q", r.Outcome, r.Notice)
	}
}

func TestTheSlowDownIsInTheUsersLanguage(t *testing.T) {
	e := newLimitedEnv(t)
	e.cmd("mei", "lang zh") // the first command of the burst
	var notice string
	for range quiz.DefaultUserLimit.Burst {
		notice = e.cmd("mei", "stats").Notice
	}
	if !strings.Contains(notice, "你发得太快了") {
		t.Errorf("the slow-down in Chinese: %q", notice)
	}
}

// A person at a person's speed — a command a second at most, in bursts of
// five — is never limited: here, for ten minutes, five commands at once
// every five seconds, then a command a second for as long, then both
// mixed (a burst of five, five seconds apart, one a second between).
func TestAPersonAtAPersonsSpeedIsNeverLimited(t *testing.T) {
	e := newLimitedEnv(t)
	limited := 0
	send := func(n int) {
		for range n {
			if r := e.cmd("ann", "stats"); r.Outcome == quiz.OutcomeLimited {
				limited++
			}
		}
	}
	for range 120 { // bursts of five, five seconds apart
		send(5)
		e.clock.Advance(5 * time.Second)
	}
	for range 600 { // one a second
		send(1)
		e.clock.Advance(time.Second)
	}
	for range 60 { // a burst of five, then one a second for five seconds
		send(5)
		for range 5 {
			e.clock.Advance(time.Second)
			send(1)
		}
		e.clock.Advance(5 * time.Second)
	}
	if limited > 0 {
		t.Errorf("%d of a person's commands were limited", limited)
	}
}

func TestATerminalIsNeverLimited(t *testing.T) {
	e := newLimitedEnv(t)
	for i := range 3 * quiz.DefaultUserLimit.Burst {
		req := e.request("console")
		req.Text, req.Terminal = "stats", true
		if r := e.svc.Handle(t.Context(), req); r.Outcome == quiz.OutcomeLimited {
			t.Fatalf("the terminal's command %d was limited", i+1)
		}
	}
}
