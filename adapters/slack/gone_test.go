package slack_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// TestARemovedBotTurnsItsDailyOff turns the daily on in a channel as a
// workspace admin, then removes the bot from the channel: the day's post
// is refused (not_in_channel) and not tried again, the daily is off in the
// store, the admin is told once by direct message, and the next day
// nothing is posted.
func TestARemovedBotTurnsItsDailyOff(t *testing.T) {
	e, sched, clk := dailyEnv(t)
	e.slack.Outside("C1")

	clk.Set(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
	sched.Tick(context.Background())
	sched.Tick(context.Background())
	told := e.slack.Wait(t, 1, ToChannel("chat.postMessage", "UADMIN"))[0]
	if !strings.Contains(told.Sections(), "daily question is off") || !strings.Contains(told.Sections(), "C1") {
		t.Errorf("the admin's note: %s", told.Sections())
	}
	if _, on, err := e.store.Daily(context.Background(), "slack:"+e.team, "C1"); err != nil || on {
		t.Errorf("the daily is still on (%v) after the bot was removed", err)
	}

	clk.Set(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
	sched.Tick(context.Background())
	sched.Tick(context.Background())
	e.slack.Settle(t)
	if n := len(e.slack.Attempts("chat.postMessage")); n != 2 {
		t.Errorf("%d chat.postMessage calls, want the one refused daily post and the note to the admin", n)
	}
	if n := len(e.slack.Sent(ToChannel("chat.postMessage", "UADMIN"))); n != 1 {
		t.Errorf("the admin was told %d times, want once", n)
	}
}

// TestPostSaysWhenTheChannelIsGone: Slack's refusals that say the bot can
// no longer post in a channel are quiz.ErrGone, other refusals only
// quiz.ErrNotSent, and none is tried again.
func TestPostSaysWhenTheChannelIsGone(t *testing.T) {
	e := newEnv(t, httpMode, options{})
	cases := map[string]bool{
		"channel_not_found": true, "is_archived": true, "channel_is_archived": true, "not_in_channel": true, "account_inactive": true,
		"msg_too_long": false, "invalid_blocks": false,
	}
	for code, gone := range cases { // a channel each: none waits for another's pacing
		before := len(e.slack.Attempts("chat.postMessage"))
		e.slack.Fail("chat.postMessage", code)
		_, err := e.ad.Post(context.Background(), "C-"+code, quiz.Message{Blocks: []rich.Block{rich.Text("hello")}})
		if !errors.Is(err, quiz.ErrNotSent) || errors.Is(err, quiz.ErrGone) != gone {
			t.Errorf("%s: %v; want ErrNotSent, and ErrGone %v", code, err, gone)
		}
		if n := len(e.slack.Attempts("chat.postMessage")) - before; n != 1 {
			t.Errorf("%s: tried %d times, want once", code, n)
		}
	}
}
