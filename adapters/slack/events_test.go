package slack_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestMentionsAndDirectMessages(t *testing.T) {
	tests := []struct {
		name   string
		events []map[string]any
		to     func(sent) bool // where the reply goes; nil: nowhere
		check  func(t *testing.T, got sent)
	}{
		{
			name:   "a DM is answered with plain messages in the DM",
			events: []map[string]any{{"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": "ask pv", "ts": "1.1"}},
			to:     ToChannel("chat.postMessage", "D1"),
			check: func(t *testing.T, got sent) {
				if !strings.Contains(got.Sections(), "📝") || got.Thread != "" {
					t.Errorf("want a question in the DM, got %s", got.Raw)
				}
				got.Button(t, "s:")
			},
		},
		{
			name:   "a mention in a thread gets a private answer in the thread",
			events: []map[string]any{{"type": "app_mention", "channel": "C1", "user": "U1", "text": "<@UBOT> stats", "ts": "2.2", "thread_ts": "2.1"}},
			to:     ToChannel("chat.postEphemeral", "C1"),
			check: func(t *testing.T, got sent) {
				if got.User != "U1" || got.Thread != "2.1" || !strings.Contains(got.Sections(), "Your stats") {
					t.Errorf("want U1's stats in thread 2.1, got user %q thread %q: %s", got.User, got.Thread, got.Sections())
				}
			},
		},
		{
			name:   "a mention after the command is no word of it",
			events: []map[string]any{{"type": "app_mention", "channel": "C1", "user": "U1", "text": "stats <@UBOT>", "ts": "2.3"}},
			to:     ToChannel("chat.postEphemeral", "C1"),
			check: func(t *testing.T, got sent) {
				if !strings.Contains(got.Sections(), "Your stats") {
					t.Errorf("want U1's stats, got %s", got.Sections())
				}
			},
		},
		{
			name:   "a mention asking for top gets the leaderboard in the channel",
			events: []map[string]any{{"type": "app_mention", "channel": "C1", "user": "U1", "text": "<@UBOT>   top", "ts": "3.3"}},
			to:     ToChannel("chat.postMessage", "C1"),
			check: func(t *testing.T, got sent) {
				if !strings.Contains(got.Sections(), "leaderboard") {
					t.Errorf("want the leaderboard, got %s", got.Sections())
				}
			},
		},
		{
			name: "edits, bots' messages, channel messages and other events are ignored",
			events: []map[string]any{
				{"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": "ask", "subtype": "message_changed"},
				{"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": "ask", "bot_id": "B1"},
				{"type": "message", "channel_type": "channel", "channel": "C1", "user": "U1", "text": "ask"},
				{"type": "reaction_added", "user": "U1", "reaction": "tada"},
			},
		},
	}
	for _, tr := range transports {
		for _, tc := range tests {
			t.Run(string(tr)+": "+tc.name, func(t *testing.T) {
				t.Parallel()
				e := newEnv(t, tr, options{})
				for i, inner := range tc.events {
					e.deliver("events_api", e.eventCallback("Ev"+strconv.Itoa(i), inner))
				}
				if tc.to != nil {
					tc.check(t, e.slack.Wait(t, 1, tc.to)[0])
					return
				}
				e.slack.Settle(t)
				if got := e.slack.Sent(func(sent) bool { return true }); len(got) != 0 {
					t.Errorf("ignored events were answered: %s", e.slack.dump())
				}
			})
		}
	}
}

func TestRetriedEventIsHandledOnce(t *testing.T) {
	for _, tr := range transports {
		t.Run(string(tr)+": the same event delivered three times gets one reply", func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, tr, options{})
			ev := e.eventCallback("EvSame", map[string]any{
				"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": "help", "ts": "1.1",
			})
			for retry := range 3 {
				if tr == socketMode {
					e.deliver("events_api", ev)
					continue
				}
				h := http.Header{}
				if retry > 0 {
					h.Set("X-Slack-Retry-Num", strconv.Itoa(retry))
					h.Set("X-Slack-Retry-Reason", "http_timeout")
				}
				resp, err := e.postSigned("/slack/events", httpBody("events_api", ev), time.Now(), h)
				if err != nil || resp.StatusCode != http.StatusOK {
					t.Fatalf("delivery %d: %v %v", retry, resp, err)
				}
			}
			e.slack.Wait(t, 1, ToChannel("chat.postMessage", "D1"))
			e.slack.Settle(t)
			if got := e.slack.Sent(ToChannel("chat.postMessage", "D1")); len(got) != 1 {
				t.Errorf("got %d replies, want 1", len(got))
			}
		})
	}
	t.Run("a repeated press (same trigger) is handled once", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, httpMode, options{})
		card := e.ask("U1", "C1", "ask pv", 1)[0]
		cb := e.click("U1", "C1", card, card.Button(t, "n:"))
		for range 2 {
			e.deliver("interactive", cb)
		}
		e.slack.Wait(t, 1, ToHook(cb.ResponseURL))
		e.slack.Settle(t)
		if got := e.slack.Sent(ToHook(cb.ResponseURL)); len(got) != 1 {
			t.Errorf("got %d answers, want 1", len(got))
		}
	})
}

// TestAQuizInADirectMessageSpeaksToItsAsker: in a direct message to the
// bot no one else answers, so a quiz of a question its asker answered
// this week says it earns them nothing, not that it earns the others
// points; in a channel it names them.
func TestAQuizInADirectMessageSpeaksToItsAsker(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{})
	e.slack.SetUser("UANN", "Ann", false)
	quizzes := func(s sent) bool {
		return ToChannel("chat.postMessage", "D7")(s) && slices.ContainsFunc(s.Buttons(), func(b sentElement) bool { return strings.HasPrefix(b.Value, "a:") })
	}
	dm := func(id string, n int) sent {
		e.deliver("events_api", e.eventCallback("Ev"+id, map[string]any{"type": "message", "channel_type": "im", "channel": "D7", "user": "UANN", "text": "quiz bctqeu", "ts": id}))
		return e.slack.Wait(t, n, quizzes)[n-1]
	}
	first := dm("1.1", 1)
	e.press("UANN", "D7", first, first.Button(t, "a:"), 1)
	again := dm("1.2", 2)
	if got := again.Sections(); !strings.Contains(got, "No points for you this time: you answered this question this week") || strings.Contains(got, "not for Ann") {
		t.Errorf("the quiz again in the DM: %s", got)
	}
	if got := e.ask("UANN", "C1", "quiz bctqeu", 1)[0].Sections(); !strings.Contains(got, "not for Ann, who answered this question this week") {
		t.Errorf("the quiz again in a channel: %s", got)
	}
}

// TestASlashCommandAndAPressInADirectMessageAreThePrivateChat: /k8s typed
// in the user's direct conversation with the bot (channel D…, named
// "directmessage"), and a button pressed there, come from the private chat
// as a message typed there does: the quiz of a question its asker
// answered this week says it earns them nothing rather than naming them as
// in a channel. (A press's request: TestRequestsFollowTheIdentityConventions.)
func TestASlashCommandAndAPressInADirectMessageAreThePrivateChat(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{})
	e.slack.SetUser("UANN", "Ann", false)
	inDM := func(text string) sent {
		c := e.slashCommand("UANN", "D7", text)
		c.ChannelName = "directmessage"
		e.deliver("slash_commands", c)
		return e.slack.Wait(t, 1, ToHook(c.ResponseURL))[0]
	}
	first := inDM("quiz bctqeu")
	e.press("UANN", "D7", first, first.Button(t, "a:"), 1)
	if got := inDM("quiz bctqeu").Sections(); !strings.Contains(got, "No points for you this time: you answered this question this week") || strings.Contains(got, "not for Ann") {
		t.Errorf("the quiz again by /k8s in the DM: %s", got)
	}
}

// TestForgettingSomeoneByTheirMention: an admin names whom to forget by
// mentioning them, as Slack writes the mention in a message to the bot,
// after the bot's own mention, and in a slash command that escapes users;
// each time the bot asks to confirm forgetting that user. The bot's own
// mention is no word of the command.
func TestForgettingSomeoneByTheirMention(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{})
	e.slack.SetUser("UADMIN", "Ada", true)
	e.slack.SetUser("UBOB", "Bob", false)
	q := e.ask("UBOB", "C1", "quiz", 1)[0]
	e.press("UBOB", "C1", q, q.Button(t, "a:"), 1)

	bot := []map[string]any{{"user_id": "UBOT", "is_bot": true}}
	mention := e.eventCallback("Ev1", map[string]any{"type": "app_mention", "channel": "C1", "user": "UADMIN", "text": "<@UBOT> forget <@UBOB>", "ts": "5.1"})
	mention["authorizations"] = bot
	e.deliver("events_api", mention)
	if got := e.slack.Wait(t, 1, ToChannel("chat.postEphemeral", "C1"))[0]; !strings.Contains(got.Sections(), "This deletes Bob's points") {
		t.Errorf("@kubequiz forget @bob: %s", got.Sections())
	}
	dm := e.eventCallback("Ev2", map[string]any{"type": "message", "channel_type": "im", "channel": "D1", "user": "UADMIN", "text": "forget <@UBOB>", "ts": "5.2"})
	e.deliver("events_api", dm)
	if got := e.slack.Wait(t, 1, ToChannel("chat.postMessage", "D1"))[0]; !strings.Contains(got.Sections(), "This deletes Bob's points") {
		t.Errorf("forget @bob in a direct message: %s", got.Sections())
	}
	if got := e.ask("UADMIN", "C1", "forget <@UBOB|bob>", 1)[0]; !strings.Contains(got.Sections(), "This deletes Bob's points") {
		t.Errorf("/k8s forget @bob, escaped: %s", got.Sections())
	}
}
