package slack

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/quiz"
)

// The kinds of delivery the adapter accepts; each body is JSON.
const (
	kindCommand     = "command"     // a slackapi.SlashCommand
	kindInteraction = "interaction" // a slackapi.InteractionCallback
	kindEvent       = "event"       // an Events API callback
)

// commandDelivery is a slash command as a delivery: handled once per
// trigger_id, which Slack keeps when it delivers again. The legacy
// verification token is not kept.
func commandDelivery(c slackapi.SlashCommand) edge.Delivery {
	c.Token = ""
	body, _ := json.Marshal(c) // a struct of strings always encodes
	return edge.Delivery{ID: "trigger:" + c.TeamID + ":" + c.TriggerID, Kind: kindCommand, Body: body}
}

// interactionDelivery is a button press as a delivery, by its trigger_id.
func interactionDelivery(cb slackapi.InteractionCallback) (edge.Delivery, error) {
	cb.Token = ""
	body, err := json.Marshal(&cb)
	return edge.Delivery{ID: "trigger:" + cb.Team.ID + ":" + cb.TriggerID, Kind: kindInteraction, Body: body}, err
}

// eventDelivery is an Events API callback as a delivery, by its event_id.
func eventDelivery(ev eventCallback, raw []byte) edge.Delivery {
	return edge.Delivery{ID: "event:" + ev.TeamID + ":" + ev.EventID, Kind: kindEvent, Body: raw}
}

// refusal says how accepting a delivery failed: the inbox was full (shed),
// or it could not be reached (nothing recorded).
type refusal struct {
	full bool
	err  error
}

// accept offers a delivery to the inbox; nil means it is in (or was
// before), else why not.
func (a *Adapter) accept(ctx context.Context, d edge.Delivery) *refusal {
	v, err := a.inbox.Accept(ctx, d)
	switch {
	case err != nil:
		a.log.Warn("a Slack delivery could not be accepted", "kind", d.Kind, errAttr(err))
		return &refusal{err: err}
	case v == edge.Full:
		a.log.Warn("the inbox is full: a Slack delivery was shed", "kind", d.Kind)
		return &refusal{full: true}
	}
	return nil
}

// tellRefused tells the user, through the response_url of their command or
// press, that it was shed or not recorded; the user's language is not
// known yet, so both are used. Best effort, in the background: the
// acknowledgement must not wait for it.
func (a *Adapter) tellRefused(hook string, why *refusal) {
	if hook == "" {
		return
	}
	line := quiz.Bilingual(quiz.NotRecorded)
	if why.full {
		line = quiz.Bilingual(quiz.Busy)
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		opts := []slackapi.MsgOption{slackapi.MsgOptionText(escape(line), false), slackapi.MsgOptionResponseURL(hook, slackapi.ResponseTypeEphemeral)}
		if _, _, err := a.api.PostMessageContext(ctx, "", opts...); err != nil {
			a.log.Warn("telling a user their action was not taken failed", errAttr(err))
		}
	}()
}

// worker handles the adapter's deliveries from the inbox (edge.Worker).
type worker struct{ a *Adapter }

// Work answers one accepted delivery. Nothing is left for later: a user
// told that the store is unavailable can type or press again.
func (w worker) Work(ctx context.Context, d edge.Delivery) error {
	a := w.a
	switch d.Kind {
	case kindCommand:
		var c slackapi.SlashCommand
		if err := json.Unmarshal(d.Body, &c); err == nil {
			a.command(ctx, c, d.ID)
			return nil
		}
	case kindInteraction:
		var cb slackapi.InteractionCallback
		if err := json.Unmarshal(d.Body, &cb); err == nil {
			a.interaction(ctx, cb, d.ID)
			return nil
		}
	case kindEvent:
		if ev, err := parseEvent(d.Body); err == nil {
			a.event(ctx, ev, d.ID)
			return nil
		}
	case kindViewAnswer:
		var v viewAnswer
		if err := json.Unmarshal(d.Body, &v); err == nil {
			a.answerView(ctx, v, d.ID)
			return nil
		}
	}
	a.log.Error("a delivery in the inbox cannot be read; dropped", "kind", d.Kind)
	return nil
}

// Apologize tells the delivery's user that it failed.
func (w worker) Apologize(ctx context.Context, d edge.Delivery) {
	if r, err := w.a.routeOf(d); err == nil {
		w.a.apologize(ctx, r)
	}
}

// routeOf is where the replies to a delivery go.
func (a *Adapter) routeOf(d edge.Delivery) (*route, error) {
	switch d.Kind {
	case kindCommand:
		var c slackapi.SlashCommand
		err := json.Unmarshal(d.Body, &c)
		return &route{channel: c.ChannelID, user: c.UserID, hook: c.ResponseURL}, err
	case kindInteraction:
		var cb slackapi.InteractionCallback
		err := json.Unmarshal(d.Body, &cb)
		return interactionRoute(cb), err
	case kindEvent:
		ev, err := parseEvent(d.Body)
		if r := eventRoute(ev); r != nil {
			return r, err
		}
		return nil, errors.Join(err, errMalformed)
	case kindViewAnswer:
		var v viewAnswer
		err := json.Unmarshal(d.Body, &v)
		return v.route(), err
	}
	return nil, errMalformed
}
