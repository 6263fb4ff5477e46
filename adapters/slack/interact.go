package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/bank"
)

// An interaction (a button press, a modal's submission) is read in two
// steps, each once: accepting it reads only its head (pressHead), and the
// inbox keeps the payload as Slack sent it, less the legacy verification
// token; the worker that answers a press reads what it needs (press). Only
// a modal's submission, answered within the request, is read in full, by
// slack-go.

// pressHead is what accepting an interaction reads of its payload: enough
// to check it, name its delivery, tell its user, and keep the token out of
// the inbox.
type pressHead struct {
	Type        slackapi.InteractionType `json:"type"`
	Token       string                   `json:"token"`
	TriggerID   string                   `json:"trigger_id"`
	ResponseURL string                   `json:"response_url"`
	Team        struct {
		ID string `json:"id"`
	} `json:"team"`
	User struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"user"`
}

// readInteraction reads an interaction payload's head and makes its
// delivery: the payload less its token, by its trigger_id (which Slack
// keeps when it delivers again). An interaction that names no type, team
// or user is errMalformed.
func readInteraction(raw []byte) (pressHead, edge.Delivery, error) {
	var h pressHead
	if err := json.Unmarshal(raw, &h); err != nil {
		return h, edge.Delivery{}, errors.Join(errMalformed, err)
	}
	if h.Type == "" || h.Team.ID == "" || h.User.ID == "" {
		return h, edge.Delivery{}, errMalformed
	}
	body, err := withoutToken(raw, h.Token)
	return h, edge.Delivery{ID: "trigger:" + h.Team.ID + ":" + h.TriggerID, Kind: kindInteraction, Body: body}, err
}

// withoutToken is a payload without its top-level "token" member, whose
// value is token. Slack writes it compactly, so it is cut out as written;
// a payload written otherwise is decoded and written again without it.
func withoutToken(raw []byte, token string) ([]byte, error) {
	if token == "" {
		return raw, nil
	}
	value, _ := json.Marshal(token) // a string always encodes
	member := append([]byte(`"token":`), value...)
	for _, cut := range [][]byte{append(member, ','), append([]byte{','}, member...)} {
		if i := bytes.Index(raw, cut); i >= 0 {
			return append(raw[:i:i], raw[i+len(cut):]...), nil
		}
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil {
		return nil, errors.Join(errMalformed, err)
	}
	delete(members, "token")
	return json.Marshal(members)
}

// press is what answering a button press reads of its payload: its head,
// where it was pressed, what, and the state of the message's checkboxes.
type press struct {
	pressHead
	Channel struct {
		ID string `json:"id"`
	} `json:"channel"`
	Container struct {
		ChannelID   string `json:"channel_id"`
		MessageTs   string `json:"message_ts"`
		IsEphemeral bool   `json:"is_ephemeral"`
	} `json:"container"`
	Actions []struct {
		ActionID string `json:"action_id"`
		Value    string `json:"value"`
	} `json:"actions"`
	State struct {
		// Values are the message's inputs by block and action ID.
		Values map[string]map[string]struct {
			SelectedOptions []struct {
				Value string `json:"value"`
			} `json:"selected_options"`
		} `json:"values"`
	} `json:"state"`
}

// readPress reads a press from its delivery's body.
func readPress(body []byte) (press, error) {
	var p press
	err := json.Unmarshal(body, &p)
	return p, err
}

// interaction answers a button press, after its acknowledgement: the reply
// first, then the redraw of the pressed message; a press whose answer is
// in doubt is left for later (adapters.Deferred). Ticking a checklist box
// needs no answer: the boxes are read on submit.
func (a *Adapter) interaction(ctx context.Context, p press, delivery string) error {
	if p.Type != slackapi.InteractionTypeBlockActions {
		return nil
	}
	payload, ok := p.payload()
	if !ok {
		return nil
	}
	r := p.route()
	req := a.request(ctx, p.Team.ID, r.channel, p.User.ID, p.User.Name)
	req.Payload, req.Delivery = payload, delivery
	resp := a.core.Handle(ctx, req)
	if err := adapters.Deferred(resp); err != nil {
		return err
	}
	if resp.Prompt != nil && a.openPrompt(ctx, p.TriggerID, r, *resp.Prompt) {
		return nil // the modal replaces the messages that say how to answer by command
	}
	update := resp.Update
	resp.Update = nil
	a.reply(ctx, r, resp)
	if update == nil {
		return nil
	}
	// The redraw waits its turn within the pressed message's rate limit
	// (about one a second): off the worker, so that the next presses'
	// replies do not wait behind it.
	redraw := func(ctx context.Context) { a.update(ctx, r, *update) }
	if !a.runner.Later(redraw) {
		redraw(ctx) // too much in the background: the worker waits its turn
	}
	return nil
}

// route is where the replies to a button press go: its channel, its
// response_url, and the pressed message.
func (p press) route() *route {
	channel := p.Channel.ID
	if channel == "" {
		channel = p.Container.ChannelID
	}
	return &route{
		channel: channel, user: p.User.ID, hook: p.ResponseURL,
		pressed: &pressed{ts: p.Container.MessageTs, ephemeral: p.Container.IsEphemeral},
	}
}

// payload is the core payload of the pressed button: its value, or for a
// checklist's submit button the payload of the points ticked in the
// message's state.
func (p press) payload() (string, bool) {
	for _, act := range p.Actions {
		switch {
		case strings.HasPrefix(act.ActionID, actionButton) && act.Value != "":
			return act.Value, true
		case act.ActionID == actionSubmit:
			return quiz.ChecklistFromRef(act.Value).SubmitPayload(p.ticked()), true
		}
	}
	return "", false
}

// ticked is the bit set of the checklist points ticked in the message's
// state, from every checkboxes group of the checklist.
func (p press) ticked() uint32 {
	var mask uint32
	for _, actions := range p.State.Values {
		for id, act := range actions {
			if !strings.HasPrefix(id, actionCheckbox) {
				continue
			}
			for _, o := range act.SelectedOptions {
				if i, err := strconv.Atoi(o.Value); err == nil && i >= 0 && i < bank.MaxKeyPoints {
					mask |= 1 << uint(i)
				}
			}
		}
	}
	return mask
}

// TooLate tells the user of a delivery that waited too long to be answered
// in time that the bot is busy and did not handle it (edge.LateTeller), in
// their language where it is known (notice), as when the inbox is full: a
// command or a press through its response_url, an event in its
// conversation. Every Slack delivery can be given again.
func (w worker) TooLate(ctx context.Context, d edge.Delivery) bool {
	r, err := w.a.routeOf(d)
	if err != nil {
		return false // unreadable: the worker drops it
	}
	if _, err := w.a.send(ctx, r, quiz.PrivateLine(w.a.notice(ctx, r.user, quiz.Busy))); err != nil {
		w.a.log.Warn("telling a user the bot was too busy failed", adapters.ErrAttr(err))
	}
	return true
}
