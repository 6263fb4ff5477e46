package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// A prompt for an answer in words (quiz.Prompt) is a modal: views.open
// with the press's trigger_id, the question and a multi-line input. Its
// submission (view_submission) is answered within Slack's 3 s at the edge:
// an answer that is empty or too long keeps the modal open with the
// problem under the input (response_action "errors"); any other is put in
// the inbox, once per view (a view submitted twice is not queued twice),
// and the modal closes (an empty 200). A worker then scores it and posts
// the result privately where the button was pressed. While Redis cannot
// be reached the answer is served in memory instead (servedInMemory), the
// modal closing all the same: its recording in doubt, it is kept until
// the inbox takes it, and scored then.

// The modal's IDs.
const (
	modalCallback = "kq.answer"
	answerBlock   = "kq.answer.block"
	answerInput   = "kq.answer.input"
)

// Slack's limits on a modal.
const (
	maxModalTitle  = 24
	maxModalInput  = 3000
	maxPlaceholder = 150
	maxPrivateMeta = 3000
)

// kindViewAnswer is the kind of a submitted answer's delivery (a
// viewAnswer), whose ID is "view:<team>:<view ID>".
const kindViewAnswer = "view"

// promptMeta is what a modal carries to its submission (private_metadata):
// the prompt, and where the result goes.
type promptMeta struct {
	Token   string `json:"t"`
	Lang    string `json:"l"`
	Channel string `json:"c"`
	// Hook is the press's response_url, which posts the result privately
	// even where the bot is not a member.
	Hook string `json:"h,omitempty"`
}

// viewAnswer is a submitted answer as a delivery.
type viewAnswer struct {
	Team string     `json:"team"`
	User string     `json:"user"`
	Name string     `json:"name"`
	Meta promptMeta `json:"meta"`
	Text string     `json:"text"`
}

// openPrompt opens the prompt's modal for the press of trigger; false when
// Slack refused it (a trigger_id expired while the press waited in the
// inbox).
func (a *Adapter) openPrompt(ctx context.Context, trigger string, r *route, p quiz.Prompt) bool {
	meta := promptMeta{Token: p.Token, Lang: string(p.Lang), Channel: r.channel, Hook: r.hook}
	raw, _ := json.Marshal(meta) // strings always encode
	if len(raw) > maxPrivateMeta {
		meta.Hook = ""
		raw, _ = json.Marshal(meta)
	}
	input := slackapi.NewPlainTextInputBlockElement(plain(p.Placeholder, maxPlaceholder), answerInput)
	input.Multiline, input.MaxLength, input.FocusOnLoad = true, min(p.MaxRunes, maxModalInput), true
	// The question in bold, rendered as the card renders it.
	var blocks []slackapi.Block
	for _, u := range sections([]rich.Block{rich.Para(rich.Span{Text: bank.Truncate(p.Question, maxSectionText), Style: rich.Bold})}) {
		blocks = append(blocks, u.blocks...)
	}
	blocks = append(blocks, slackapi.NewInputBlock(answerBlock, plain(p.Label, maxModalTitle*4), nil, input))
	view := slackapi.ModalViewRequest{
		Type: slackapi.VTModal, CallbackID: modalCallback, PrivateMetadata: string(raw),
		Title: plain(p.Title, maxModalTitle), Submit: plain(p.Submit, maxModalTitle),
		Blocks: slackapi.Blocks{BlockSet: blocks},
	}
	// Paced and retried like every call, within the trigger's life: Slack
	// refuses a trigger_id older than 3 s.
	ctx, cancel := context.WithTimeout(ctx, triggerLife)
	defer cancel()
	err := a.call(ctx, "views.open", "", func(ctx context.Context) error {
		_, err := a.api.OpenViewContext(ctx, trigger, view)
		return err
	})
	if err != nil {
		a.log.Warn("opening the answer modal failed; the user is told how to answer by command", adapters.ErrAttr(err))
		return false
	}
	return true
}

// triggerLife is how long Slack accepts a press's trigger_id for
// views.open.
const triggerLife = 3 * time.Second

// plain is a plain-text object cut to Slack's limit.
func plain(s string, limit int) *slackapi.TextBlockObject {
	return slackapi.NewTextBlockObject(slackapi.PlainTextType, bank.Truncate(s, limit), false, false)
}

// acceptView takes a modal's submission at the edge: nil closes the modal
// (the answer is in the inbox, or served in memory as other deliveries are
// while the inbox is unreachable, or the view is not ours); an errors
// response keeps it open with what to fix, or with why it could not be
// taken now (the inbox full, or slow).
func (a *Adapter) acceptView(ctx context.Context, cb slackapi.InteractionCallback) *slackapi.ViewSubmissionResponse {
	var meta promptMeta
	if cb.View.CallbackID != modalCallback || json.Unmarshal([]byte(cb.View.PrivateMetadata), &meta) != nil || cb.View.ID == "" {
		a.log.Warn("a view submission that is not an answer modal was closed", "callback_id", cb.View.CallbackID)
		return nil
	}
	text := ""
	if cb.View.State != nil {
		text = cb.View.State.Values[answerBlock][answerInput].Value
	}
	if problem := quiz.CheckAnswer(quiz.ParseLang(meta.Lang), text); problem != "" {
		return slackapi.NewErrorsViewSubmissionResponse(map[string]string{answerBlock: problem})
	}
	body, _ := json.Marshal(viewAnswer{Team: cb.Team.ID, User: cb.User.ID, Name: cb.User.Name, Meta: meta, Text: text})
	d := edge.Delivery{ID: "view:" + cb.Team.ID + ":" + cb.View.ID, Kind: kindViewAnswer, Body: body}
	if why := a.accept(ctx, d); why != nil && !a.servedInMemory(d, why) {
		line := quiz.NotRecorded(quiz.ParseLang(meta.Lang))
		if why.full {
			line = quiz.Busy(quiz.ParseLang(meta.Lang))
		}
		return slackapi.NewErrorsViewSubmissionResponse(map[string]string{answerBlock: line})
	}
	return nil
}

// serveViewSubmission answers a view_submission over HTTP.
func (a *Adapter) serveViewSubmission(w http.ResponseWriter, r *http.Request, cb slackapi.InteractionCallback) {
	resp := a.acceptView(r.Context(), cb)
	if resp == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

// ackView acknowledges a view_submission over Socket Mode, with the
// response in the acknowledgement.
func (a *Adapter) ackView(ctx context.Context, client *socketmode.Client, envelopeID string, cb slackapi.InteractionCallback) {
	var err error
	if resp := a.acceptView(ctx, cb); resp != nil {
		err = client.Ack(socketmode.Request{EnvelopeID: envelopeID}, resp)
	} else {
		err = client.Ack(socketmode.Request{EnvelopeID: envelopeID})
	}
	if err != nil {
		a.log.Warn("acknowledging a view submission failed", "err", err)
	}
}

// viewRoute is where the result of a submitted answer goes.
func (v viewAnswer) route() *route {
	return &route{channel: v.Meta.Channel, user: v.User, hook: v.Meta.Hook}
}

// answerView has the core score a submitted answer and posts the result
// privately: through the press's response_url while it lasts (30
// minutes), else directly; one whose recording is in doubt is left for
// later (adapters.Deferred).
func (a *Adapter) answerView(ctx context.Context, v viewAnswer, delivery string) error {
	r := v.route()
	req := a.request(ctx, v.Team, r.channel, v.User, v.Name)
	req.Reply, req.Delivery = &quiz.Reply{Prompt: v.Meta.Token, Text: v.Text}, delivery
	resp := a.core.Handle(ctx, req)
	if err := adapters.Deferred(resp); err != nil {
		return err
	}
	for _, m := range resp.Shown() {
		_, err := a.send(ctx, r, m)
		if err != nil && r.hook != "" {
			r.hook = ""
			_, err = a.send(ctx, r, m)
		}
		if err != nil {
			a.log.Warn("sending an answer's result failed", "channel", r.channel, adapters.ErrAttr(err))
			a.apologize(ctx, r)
			return nil
		}
	}
	return nil
}
