package slack

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// checklistPress is a press of a checklist's submit button with points 0
// and 2 ticked, as slack-go reads it.
func checklistPress() slackapi.InteractionCallback {
	cb := slackapi.InteractionCallback{
		Type: slackapi.InteractionTypeBlockActions, Token: "legacy", TriggerID: "tr1", ResponseURL: "https://hooks.example/1",
		Team: slackapi.Team{ID: "T1"}, User: slackapi.User{ID: "U1", Name: "ann"},
		Container:      slackapi.Container{Type: "message", MessageTs: "1700000000.000100", ChannelID: "C1", IsEphemeral: true},
		ActionCallback: slackapi.ActionCallbacks{BlockActions: []*slackapi.BlockAction{{ActionID: actionSubmit, Value: "abc123", Type: "button"}}},
		BlockActionState: &slackapi.BlockActionStates{Values: map[string]map[string]slackapi.BlockAction{
			"b1": {actionCheckbox + "0": {Type: "checkboxes", SelectedOptions: []slackapi.OptionBlockObject{{Value: "0"}, {Value: "2"}, {Value: "99"}}}},
			"b2": {"other": {Type: "checkboxes", SelectedOptions: []slackapi.OptionBlockObject{{Value: "1"}}}},
		}},
	}
	cb.Channel.ID = "C1"
	return cb
}

// TestAPressKeptByAnEarlierVersionIsRead: the inbox of a bot before this
// one kept a press as slack-go encodes it; a worker of this one reads it
// alike (a rolling upgrade loses nothing).
func TestAPressKeptByAnEarlierVersionIsRead(t *testing.T) {
	cb := checklistPress()
	old, err := json.Marshal(&cb)
	if err != nil {
		t.Fatal(err)
	}
	p, err := readPress(old)
	if err != nil {
		t.Fatal(err)
	}
	r := p.route()
	if r.channel != "C1" || r.user != "U1" || r.hook != cb.ResponseURL || r.pressed.ts != cb.Container.MessageTs || !r.pressed.ephemeral || p.User.Name != "ann" {
		t.Errorf("route %+v, pressed %+v, user %q", r, r.pressed, p.User.Name)
	}
	want := quiz.ChecklistFromRef("abc123").SubmitPayload(1<<0 | 1<<2)
	if got, ok := p.payload(); !ok || got != want {
		t.Errorf("payload %q, %v; want %q (points 0 and 2 of the checklist's boxes)", got, ok, want)
	}
}

func TestAnInteractionWithoutATypeTeamOrUserIsMalformed(t *testing.T) {
	for _, raw := range []string{
		`{not json`, `[]`, `{}`,
		`{"type":"block_actions","team":{"id":"T1"}}`,
		`{"type":"block_actions","user":{"id":"U1"}}`,
		`{"team":{"id":"T1"},"user":{"id":"U1"}}`,
		`{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"token":7}`,
	} {
		if _, _, err := readInteraction([]byte(raw)); !errors.Is(err, errMalformed) {
			t.Errorf("%s: err %v, want errMalformed", raw, err)
		}
	}
}

func FuzzReadInteraction(f *testing.F) {
	f.Add(`{"type":"block_actions","token":"t","team":{"id":"T1"},"user":{"id":"U1"},"trigger_id":"x"}`)
	f.Add(`{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"token":"t"}`)
	f.Add(`{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"x":{"token":"t"},"token" : "t"}`)
	f.Add(`{"token":"\u0074","type":"x","team":{"id":"T"},"user":{"id":"U"}}`)
	f.Fuzz(func(t *testing.T, raw string) {
		h, d, err := readInteraction([]byte(raw))
		if err != nil {
			return
		}
		var rest map[string]json.RawMessage
		if json.Unmarshal(d.Body, &rest) != nil {
			t.Fatalf("the delivery of %s is not JSON: %s", raw, d.Body)
		}
		if v, ok := rest["token"]; ok && h.Token != "" {
			t.Fatalf("the token stayed in %s (as %s)", d.Body, v)
		}
		if _, err := readPress(d.Body); err != nil {
			t.Fatalf("the delivery of %s cannot be read back: %v", raw, err)
		}
	})
}

// benchPress is a press as Slack posts it: a form whose payload carries the
// pressed quiz message with its blocks.
func benchPress(b *testing.B) []byte {
	msg := render(quiz.Message{
		Blocks:  []rich.Block{rich.Para(rich.Span{Text: "🧩 Quiz · storage", Style: rich.Bold}), rich.Text(strings.Repeat("Which access mode lets many nodes mount a volume read-write? ", 4))},
		Buttons: [][]quiz.Button{{{Label: "A. ReadWriteOnce", Payload: "a:q1:0"}, {Label: "B. ReadOnlyMany", Payload: "a:q1:1"}, {Label: "C. ReadWriteMany", Payload: "a:q1:2"}, {Label: "D. ReadWriteOncePod", Payload: "a:q1:3"}}},
	})[0]
	blocks, err := json.Marshal(msg.blocks)
	if err != nil {
		b.Fatal(err)
	}
	payload := `{"type":"block_actions","user":{"id":"U0123456","username":"ann","name":"ann","team_id":"T0123456"},"api_app_id":"A0123456",` +
		`"token":"legacyVerificationToken0","container":{"type":"message","message_ts":"1700000000.000100","channel_id":"C0123456","is_ephemeral":false},` +
		`"trigger_id":"1234567890.123456789.abcdef","team":{"id":"T0123456","domain":"kube"},"enterprise":null,"is_enterprise_install":false,` +
		`"channel":{"id":"C0123456","name":"practice"},"message":{"bot_id":"B0123456","type":"message","text":"Quiz","user":"U0BOT","ts":"1700000000.000100",` +
		`"app_id":"A0123456","blocks":` + string(blocks) + `,"team":"T0123456"},"state":{"values":{}},"response_url":"https://hooks.slack.com/actions/T0123456/1/abc",` +
		`"actions":[{"action_id":"kq.b.0.2","block_id":"kq.quiz","text":{"type":"plain_text","text":"C. ReadWriteMany","emoji":true},"value":"a:q1:2","type":"button","action_ts":"1700000001.000001"}]}`
	return []byte("payload=" + url.QueryEscape(payload))
}

// BenchmarkPressAcceptedAndRead is what a press costs between the HTTP
// request and the worker's request to the core: slack-go's full decoding in
// the handler, an encoding for the inbox and a full decoding in the worker
// (as before), against reading the head to accept it and the press once to
// answer it.
func BenchmarkPressAcceptedAndRead(b *testing.B) {
	body := benchPress(b)
	b.Run("slack-go twice and re-encoded", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r, _ := http.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			cb, err := slackapi.InteractionCallbackParse(r)
			if err != nil {
				b.Fatal(err)
			}
			cb.Token = ""
			kept, _ := json.Marshal(&cb)
			var again slackapi.InteractionCallback
			if err := json.Unmarshal(kept, &again); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("head, then the press once", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			form, _ := url.ParseQuery(string(body))
			_, d, err := readInteraction([]byte(form.Get("payload")))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := readPress(d.Body); err != nil {
				b.Fatal(err)
			}
		}
	})
}
