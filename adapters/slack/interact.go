package slack

import (
	"context"
	"strconv"
	"strings"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/bank"
)

// validInteraction reports whether an interaction names its type, a team
// and a user.
func validInteraction(cb slackapi.InteractionCallback) bool {
	return cb.Type != "" && cb.Team.ID != "" && cb.User.ID != ""
}

// interaction answers a button press, after its acknowledgement. Ticking a
// checklist box needs no answer: the boxes are read on submit.
func (a *Adapter) interaction(ctx context.Context, cb slackapi.InteractionCallback, delivery string) {
	if cb.Type != slackapi.InteractionTypeBlockActions {
		return
	}
	payload, ok := payloadOf(cb)
	if !ok {
		return
	}
	r := interactionRoute(cb)
	req := a.request(ctx, cb.Team.ID, r.channel, cb.User.ID, cb.User.Name)
	req.Payload, req.Delivery = payload, delivery
	resp := a.core.Handle(ctx, req)
	if resp.Prompt != nil && a.openPrompt(ctx, cb, r, *resp.Prompt) {
		return // the modal replaces the messages that say how to answer by command
	}
	a.reply(ctx, r, resp)
}

// interactionRoute is where the replies to a button press go: its channel,
// its response_url, and the pressed message.
func interactionRoute(cb slackapi.InteractionCallback) *route {
	channel := cb.Channel.ID
	if channel == "" {
		channel = cb.Container.ChannelID
	}
	return &route{
		channel: channel, user: cb.User.ID, hook: cb.ResponseURL,
		pressed: &pressed{ts: cb.Container.MessageTs, ephemeral: cb.Container.IsEphemeral},
	}
}

// payloadOf is the core payload of the pressed button: its value, or for a
// checklist's submit button the payload of the points ticked in the
// message's state.
func payloadOf(cb slackapi.InteractionCallback) (string, bool) {
	for _, act := range cb.ActionCallback.BlockActions {
		switch {
		case strings.HasPrefix(act.ActionID, actionButton) && act.Value != "":
			return act.Value, true
		case act.ActionID == actionSubmit:
			return quiz.ChecklistFromRef(act.Value).SubmitPayload(ticked(cb.BlockActionState)), true
		}
	}
	return "", false
}

// ticked is the bit set of the checklist points ticked in a message's
// state, from every checkboxes group of the checklist.
func ticked(st *slackapi.BlockActionStates) uint32 {
	var mask uint32
	if st == nil {
		return 0
	}
	for _, actions := range st.Values {
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
