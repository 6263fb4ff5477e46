package slack_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/internal/testkit"
)

// accessModes is the shipped question on PV access modes.
const accessModes = "gzrv43"

// openAnswerModal asks for the question, presses Answer it, and returns
// the modal Slack opened, with the press's response URL.
func (e *env) openAnswerModal(user string, n int) (openedView, string) {
	e.t.Helper()
	card := e.ask(user, "C1", "ask "+accessModes, 1)[0]
	cb := e.click(user, "C1", card, card.Button(e.t, "w:"+accessModes))
	e.deliver("interactive", cb)
	views := e.slack.WaitView(e.t, n)
	return views[n-1], cb.ResponseURL
}

// submission is Slack's view_submission of the modal v with text typed in
// its input.
func (e *env) submission(user string, v openedView, text string) *slackapi.InteractionCallback {
	cb := &slackapi.InteractionCallback{
		Type: slackapi.InteractionTypeViewSubmission, TriggerID: trigger(),
		Team: slackapi.Team{ID: e.team}, User: slackapi.User{ID: user, Name: strings.ToLower(user)},
	}
	cb.View.ID, cb.View.Type, cb.View.CallbackID, cb.View.PrivateMetadata, cb.View.Hash = v.ID, "modal", v.View.CallbackID, v.View.PrivateMetadata, "1700000000.abc"
	input := v.View.Blocks[len(v.View.Blocks)-1]
	cb.View.State = &slackapi.ViewState{Values: map[string]map[string]slackapi.BlockAction{
		input.BlockID: {input.Element.ActionID: {Type: "plain_text_input", Value: text}},
	}}
	return cb
}

// submit posts a view_submission signed, in HTTP mode, and returns
// Slack's answer: status and body.
func (e *env) submit(cb *slackapi.InteractionCallback) (int, string) {
	e.t.Helper()
	resp, err := e.postSigned("/slack/interactive", httpBody("interactive", cb), time.Now(), nil)
	if err != nil {
		e.t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func TestAnAnswerModalIsOpenedSubmittedAndScoredOnce(t *testing.T) {
	e := newEnv(t, httpMode, options{})
	v, hook := e.openAnswerModal("U1", 1)
	if v.View.Type != "modal" || v.View.Title.Text != "Answer it" || len(v.View.Blocks) != 2 {
		t.Fatalf("the modal: %+v", v.View)
	}
	input := v.View.Blocks[1]
	if input.Type != "input" || input.Element == nil || input.Element.Type != "plain_text_input" || !input.Element.Multiline ||
		input.Element.MaxLength != 3000 || input.Element.Placeholder == nil || len([]rune(input.Element.Placeholder.Text)) > 150 {
		t.Errorf("the input: %+v", input)
	}
	if q := v.View.Blocks[0].Text; q == nil || !strings.Contains(q.Text, "pv的访问模式有哪几种") {
		t.Errorf("the modal does not show the question: %+v", v.View.Blocks[0])
	}
	e.slack.Settle(t)
	if got := e.slack.Sent(ToHook(hook)); len(got) != 0 {
		t.Errorf("with the modal open, the press should send nothing else: %s", got[0].Sections())
	}

	// Submitted: the modal closes at once, the result comes privately.
	answer := testkit.LabelledAnswer(t, accessModes, "complete", "en")
	sub := e.submission("U1", v, answer)
	if status, body := e.submit(sub); status != http.StatusOK || body != "" {
		t.Fatalf("the submission was answered %d %q; want an empty 200, which closes the modal", status, body)
	}
	result := e.slack.Wait(t, 1, ToHook(hook))[0]
	if !result.Private() || !strings.Contains(result.Sections(), "4/4 key points covered") {
		t.Errorf("the result should be private and give the coverage: %s", result.Raw)
	}
	result.Button(t, "o:")

	// Submitted again (the same view): acknowledged, not recorded twice.
	if status, body := e.submit(sub); status != http.StatusOK || body != "" {
		t.Errorf("a second submission was answered %d %q", status, body)
	}
	e.slack.Settle(t)
	if got := e.slack.Sent(ToHook(hook)); len(got) != 1 {
		t.Errorf("%d results after two submissions of one view, want 1", len(got))
	}
	if st := e.stats("U1"); st.Reviews != 1 || st.Typed.Answers != 1 || st.Points != 0 {
		t.Errorf("after two submissions: %d reviews, %d typed, %d points; want 1, 1, 0", st.Reviews, st.Typed.Answers, st.Points)
	}
}

func TestAnAnswerModalRefusesWhatCannotBeScored(t *testing.T) {
	e := newEnv(t, httpMode, options{})
	v, hook := e.openAnswerModal("U1", 1)
	for _, tc := range []struct{ name, text, want string }{
		{"empty", " \n ", "Your answer is empty."},
		{"20,000 characters", strings.Repeat("RWO 单节点读写。", 2000), "Your answer has 20000 characters"},
	} {
		status, body := e.submit(e.submission("U1", v, tc.text))
		var resp slackapi.ViewSubmissionResponse
		if err := json.Unmarshal([]byte(body), &resp); err != nil || status != http.StatusOK {
			t.Fatalf("%s: %d %q", tc.name, status, body)
		}
		if resp.ResponseAction != slackapi.RAErrors || !strings.Contains(resp.Errors[v.View.Blocks[1].BlockID], tc.want) {
			t.Errorf("%s: want the modal kept open with %q under the input, got %s", tc.name, tc.want, body)
		}
	}
	// Fixed and submitted again, the same view is taken.
	if status, body := e.submit(e.submission("U1", v, "RWO means one node mounts the volume read-write.")); status != http.StatusOK || body != "" {
		t.Errorf("the fixed answer: %d %q", status, body)
	}
	if got := e.slack.Wait(t, 1, ToHook(hook))[0]; !strings.Contains(got.Sections(), "key points covered") {
		t.Errorf("the fixed answer's result: %s", got.Sections())
	}
}

func TestAnUnsignedSubmissionIsRefused(t *testing.T) {
	e := newEnv(t, httpMode, options{})
	v, _ := e.openAnswerModal("U1", 1)
	body := httpBody("interactive", e.submission("U1", v, "RWO means one node mounts it read-write."))
	header := http.Header{"X-Slack-Signature": {"v0=" + strings.Repeat("0", 64)}}
	resp, err := e.postSigned("/slack/interactive", body, time.Now(), header)
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("a forged submission: %v %v", resp.Status, err)
	}
	e.slack.Settle(t)
	if st := e.stats("U1"); st.Reviews != 0 {
		t.Errorf("a forged submission recorded %d reviews", st.Reviews)
	}
}

func TestAnAnswerModalOverSocketMode(t *testing.T) {
	e := newEnv(t, socketMode, options{})
	v, hook := e.openAnswerModal("U1", 1)
	e.deliver("interactive", e.submission("U1", v, testkit.LabelledAnswer(t, accessModes, "complete", "zh")))
	if got := e.slack.Wait(t, 1, ToHook(hook))[0]; !strings.Contains(got.Sections(), "4/4 key points covered") {
		t.Errorf("the result: %s", got.Sections())
	}
}

func TestWhenTheModalCannotOpenTheUserIsToldHowToAnswerByCommand(t *testing.T) {
	e := newEnv(t, httpMode, options{})
	e.slack.Fail("views.open", "expired_trigger_id")
	card := e.ask("U1", "C1", "ask "+accessModes, 1)[0]
	got := e.press("U1", "C1", card, card.Button(t, "w:"+accessModes), 1)[0]
	if !got.Private() || !strings.Contains(got.Sections(), "/k8s answer "+accessModes) {
		t.Errorf("the fallback: %s", got.Sections())
	}
}

func TestTheAnswerModalShowsTheQuestionAsTheCardDoes(t *testing.T) {
	// The title as the bank's Markdown writes it: 为什么 requests*2 与
	// limits_cpu 不一样 *注意* & <!here>？
	b := testBank(t, "# 为什么 requests*2 与 limits_cpu 不一样 \\*注意\\* & <!here>？\n\nrequests 是调度的依据，limits 是运行时的上限。\n")
	q := b.Questions()[0]
	if !strings.Contains(q.Title, "requests*2") || !strings.Contains(q.Title, "*注意*") {
		t.Fatalf("the bank read the title as %q", q.Title)
	}
	e := newEnv(t, httpMode, options{bank: b})
	card := e.ask("U1", "C1", "ask "+q.ID, 1)[0]
	e.deliver("interactive", e.click("U1", "C1", card, card.Button(t, "w:"+q.ID)))
	v := e.slack.WaitView(t, 1)[0]
	shown := v.View.Blocks[0].Text
	if shown == nil || shown.Type != "mrkdwn" {
		t.Fatalf("the modal does not show the question in mrkdwn: %+v", v.View.Blocks[0])
	}
	// The card draws the title as "📝 " and the title, bold: the modal
	// shows the title drawn the same way, so that no * in it opens or
	// closes a style, and nothing in it mentions anyone.
	cardTitle := strings.SplitN(card.Sections(), "\n", 2)[0]
	if want := strings.Replace(cardTitle, "📝 ", "", 1); shown.Text != want {
		t.Errorf("the modal shows the question as\n%q\nthe card as\n%q", shown.Text, want)
	}
	if !strings.Contains(shown.Text, "∗注意∗") || strings.Contains(shown.Text, "<!here>") {
		t.Errorf("the question's markers or mention reach Slack as such: %q", shown.Text)
	}
}
