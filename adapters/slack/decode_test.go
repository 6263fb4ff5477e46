package slack_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/quiz"
)

// keptInbox is an inbox that keeps a copy of what it accepted.
type keptInbox struct {
	edge.Inbox
	mu   sync.Mutex
	kept map[string][]byte // body by delivery ID
}

func (k *keptInbox) Accept(ctx context.Context, d edge.Delivery) (edge.Verdict, error) {
	k.mu.Lock()
	k.kept[d.ID] = append([]byte(nil), d.Body...)
	k.mu.Unlock()
	return k.Inbox.Accept(ctx, d)
}

func (k *keptInbox) body(id string) string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return string(k.kept[id])
}

// slackPress is a block_actions payload as Slack writes it: compact, the
// legacy verification token among the first members, the pressed message
// with its blocks.
func slackPress(e *env, trigger, hook, user, channel string, q sent, button sentElement, token string) string {
	return fmt.Sprintf(`{"type":"block_actions","user":{"id":%q,"username":"u","name":"u","team_id":%q},"api_app_id":"A0TEST",`+
		`"token":%q,"container":{"type":"message","message_ts":%q,"channel_id":%q,"is_ephemeral":false},"trigger_id":%q,`+
		`"team":{"id":%q,"domain":"load"},"enterprise":null,"is_enterprise_install":false,"channel":{"id":%q,"name":"practice"},`+
		`"message":{"type":"message","text":"quiz","ts":%q,"blocks":[{"type":"section","block_id":"b1","text":{"type":"mrkdwn","text":"Which?"}}]},`+
		`"state":{"values":{}},"response_url":%q,"actions":[{"action_id":%q,"block_id":"kq.quiz","text":{"type":"plain_text","text":"A"},`+
		`"value":%q,"type":"button","action_ts":"1700000001.000001"}]}`,
		user, e.team, token, q.TS, channel, trigger, e.team, channel, q.TS, hook, button.ActionID, button.Value)
}

// TestAPressIsKeptAsSlackSentItLessItsToken: the inbox keeps a press's
// payload byte for byte as Slack sent it, without the legacy verification
// token (cut out where Slack wrote it compactly, and also from a payload
// written otherwise), and the worker answers it from there.
func TestAPressIsKeptAsSlackSentItLessItsToken(t *testing.T) {
	inbox := &keptInbox{kept: map[string][]byte{}}
	e := newEnv(t, httpMode, options{deps: func(d *adapters.Deps) {
		open := d.Inbox
		d.Inbox = func(name string) edge.Inbox { inbox.Inbox = open(name); return inbox }
	}})
	q := e.ask("U1", "C1", "quiz", 1)[0]
	const token = "legacy-verification-token"
	for _, tc := range []struct {
		name, user string
		written    func(string) string
	}{
		{"compact, as Slack writes it", "U2", func(s string) string { return s }},
		{"with spaces", "U3", func(s string) string { return strings.ReplaceAll(s, `":`, `" : `) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			user, tr, hook := tc.user, trigger(), e.slack.NewHook()
			raw := tc.written(slackPress(e, tr, hook, user, "C1", q, q.Button(t, "a:"), token))
			resp, err := e.postSigned("/slack/interactive", []byte("payload="+url.QueryEscape(raw)), time.Now(), nil)
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("the press was not acknowledged: %v %v", resp, err)
			}
			reply := e.slack.Wait(t, 1, ToHook(hook))[0]
			if !strings.Contains(reply.Text, "Right") && !strings.Contains(reply.Text, "Not quite") {
				t.Errorf("the press's reply: %q", reply.Text)
			}
			kept := inbox.body("trigger:" + e.team + ":" + tr)
			if strings.Contains(kept, token) || strings.Contains(kept, `"token"`) {
				t.Errorf("the inbox kept the token: %s", kept)
			}
			if tc.user == "U2" && kept != strings.Replace(raw, `"token":"`+token+`",`, "", 1) {
				t.Errorf("the inbox did not keep the payload as Slack sent it:\n%s\n%s", kept, raw)
			}
		})
	}
	for _, user := range []string{"U2", "U3"} {
		if got := e.stats(user).Answered; got != 1 {
			t.Errorf("%s answered %d times, want 1", user, got)
		}
	}
}

// agedInbox hands out the entries of deliveries whose trigger says "late"
// as if accepted a minute ago (a stream entry's ID is its time), and
// removes them by their real IDs.
type agedInbox struct {
	edge.Inbox
	mu   sync.Mutex
	real map[string]string // aged ID → real ID
}

func (a *agedInbox) Next(ctx context.Context, max int, wait time.Duration) ([]edge.Entry, error) {
	entries, err := a.Inbox.Next(ctx, max, wait)
	a.mu.Lock()
	defer a.mu.Unlock()
	for i, e := range entries {
		if strings.Contains(e.Delivery.ID, "late") {
			aged := fmt.Sprintf("%d-%d", time.Now().Add(-time.Minute).UnixMilli(), len(a.real))
			a.real[aged] = e.ID
			entries[i].ID = aged
		}
	}
	return entries, err
}

func (a *agedInbox) realIDs(ids []string) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if r, ok := a.real[id]; ok {
			out[i] = r
		}
	}
	return out
}

func (a *agedInbox) Touch(ctx context.Context, ids ...string) error {
	return a.Inbox.Touch(ctx, a.realIDs(ids)...)
}

func (a *agedInbox) Done(ctx context.Context, ids ...string) error {
	return a.Inbox.Done(ctx, a.realIDs(ids)...)
}

// TestAPressThatWaitedTooLongIsToldTheBotIsBusy: a press a worker takes
// after it waited a minute in the inbox is not answered late: its user is
// told, through its response URL, that the bot was too busy, and its
// answer is not recorded (they press again); a press on time is answered.
func TestAPressThatWaitedTooLongIsToldTheBotIsBusy(t *testing.T) {
	aged := &agedInbox{real: map[string]string{}}
	e := newEnv(t, httpMode, options{deps: func(d *adapters.Deps) {
		open := d.Inbox
		d.Inbox = func(name string) edge.Inbox { aged.Inbox = open(name); return aged }
	}})
	q := e.ask("U1", "C1", "quiz", 1)[0]
	late := e.click("U2", "C1", q, q.Button(t, "a:"))
	late.TriggerID = "late-" + late.TriggerID
	onTime := e.click("U3", "C1", q, q.Button(t, "a:"))
	e.deliver("interactive", late)
	e.deliver("interactive", onTime)
	if got := e.slack.Wait(t, 1, ToHook(late.ResponseURL))[0].Text; !strings.Contains(got, "Too busy") || !strings.Contains(got, "太忙") {
		t.Errorf("the late press's reply: %q, want the bot too busy, in both languages", got)
	}
	if got := e.slack.Wait(t, 1, ToHook(onTime.ResponseURL))[0].Text; strings.Contains(got, "Too busy") {
		t.Errorf("the press on time was told %q", got)
	}
	if n := e.stats("U2").Answered; n != 0 {
		t.Errorf("the late press was recorded (%d answers): its user was told to press again", n)
	}
	if n := e.stats("U3").Answered; n != 1 {
		t.Errorf("the press on time was not recorded (%d answers)", n)
	}
}

// TestALatePressIsToldBusyInTheUsersLanguage: the "too busy" told to a
// press that waited too long is in the user's Slack locale (English) when
// users.info gives it, else in the bot's default language (Chinese), as
// an apology is: not in both.
func TestALatePressIsToldBusyInTheUsersLanguage(t *testing.T) {
	aged := &agedInbox{real: map[string]string{}}
	e := newEnv(t, httpMode, options{deps: func(d *adapters.Deps) {
		d.Lang = quiz.LangZH
		open := d.Inbox
		d.Inbox = func(name string) edge.Inbox { aged.Inbox = open(name); return aged }
	}})
	q := e.ask("U1", "C1", "quiz", 1)[0]
	known, unknown := fmt.Sprintf("UK%d", time.Now().UnixNano()), fmt.Sprintf("UN%d", time.Now().UnixNano())
	e.slack.SetUser(known, "Bo", false) // users.info: locale en-US; the other user it does not know
	for user, lang := range map[string]quiz.Lang{known: quiz.LangEN, unknown: quiz.LangZH} {
		late := e.click(user, "C1", q, q.Button(t, "a:"))
		late.TriggerID = "late-" + late.TriggerID
		e.deliver("interactive", late)
		other := quiz.LangEN
		if lang == quiz.LangEN {
			other = quiz.LangZH
		}
		got := e.slack.Wait(t, 1, ToHook(late.ResponseURL))[0]
		if !strings.Contains(got.Text, quiz.Busy(lang)) || strings.Contains(got.Text, quiz.Busy(other)) || !got.Private() {
			t.Errorf("told %q privately=%v; want only %q, privately", got.Text, got.Private(), quiz.Busy(lang))
		}
	}
}

func (a *agedInbox) Shed(ctx context.Context, id string) error {
	return a.Inbox.Shed(ctx, a.realIDs([]string{id})[0])
}
