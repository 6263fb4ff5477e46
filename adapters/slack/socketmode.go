package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"time"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// runSocketMode keeps a Socket Mode connection (slack-go reconnects it)
// and acknowledges every envelope before anything else, until ctx is done.
func (a *Adapter) runSocketMode(ctx context.Context) error {
	client := socketmode.New(a.api)
	errc := make(chan error, 1)
	go func() { errc <- client.RunContext(ctx) }()
	defer a.ready.Store(false)
	for {
		select {
		case err := <-errc:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("slack: Socket Mode stopped: %w (check SLACK_APP_TOKEN and that Socket Mode is enabled for the app)", err)
		case evt := <-client.Events:
			a.onSocketEvent(client, evt)
		}
	}
}

// onSocketEvent handles one event of the Socket Mode client.
func (a *Adapter) onSocketEvent(client *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnected:
		a.ready.Store(true)
		a.log.Info("connected to Slack in Socket Mode")
	case socketmode.EventTypeConnecting:
		a.ready.Store(false)
		a.log.Info("Socket Mode is not connected", "state", string(evt.Type))
	case socketmode.EventTypeConnectionError:
		// Why, for whoever is looking into it: the operator wants it at
		// once, not at debug level (slack-go tries again after backoff).
		a.ready.Store(false)
		args := []any{"state", string(evt.Type)}
		if e, ok := evt.Data.(*slackapi.ConnectionErrorEvent); ok && e.ErrorObj != nil {
			args = append(args, "attempt", e.Attempt, "retry_in", e.Backoff.Round(time.Second).String(), "err", withoutTicket(e.ErrorObj.Error()))
		}
		a.log.Warn("Socket Mode is not connected", args...)
	case socketmode.EventTypeInvalidAuth:
		a.ready.Store(false)
		a.log.Warn("Socket Mode is not connected: Slack refused the app token (SLACK_APP_TOKEN)", "state", string(evt.Type))
	case socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive, socketmode.EventTypeEventsAPI:
		a.acceptEnvelope(client, evt)
	case socketmode.EventTypeErrorBadMessage:
		// An envelope slack-go could not read (an event type it does not
		// know, say): acknowledge it all the same, or Slack resends it.
		if bad, ok := evt.Data.(*socketmode.ErrorBadMessage); ok {
			var env struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if json.Unmarshal(bad.Message, &env) == nil && env.EnvelopeID != "" {
				a.ack(client, env.EnvelopeID)
			}
		}
	}
}

// ack acknowledges an envelope.
func (a *Adapter) ack(client *socketmode.Client, envelopeID string) {
	if err := client.Ack(socketmode.Request{EnvelopeID: envelopeID}); err != nil {
		a.log.Warn("acknowledging a Socket Mode envelope failed", "err", err)
	}
}

// acceptEnvelope puts an envelope's delivery in the inbox, or has it
// handled in memory when the inbox is unreachable, and acknowledges it.
// An event the inbox could not take otherwise is not acknowledged,
// so that Slack sends it again; a command or press is acknowledged all the
// same (Slack does not send those again) and its user told.
func (a *Adapter) acceptEnvelope(client *socketmode.Client, evt socketmode.Event) {
	ctx, cancel := context.WithTimeout(context.Background(), acceptTimeout)
	defer cancel()
	switch data := evt.Data.(type) {
	case slackapi.SlashCommand:
		if validCommand(data) {
			a.acceptOrTell(ctx, commandDelivery(data))
		}
	case slackapi.InteractionCallback: // the inbox keeps the payload as Slack sent it
		h, d, err := readInteraction(evt.Request.Payload)
		switch {
		case err != nil:
		case h.Type == slackapi.InteractionTypeViewSubmission:
			a.ackView(ctx, client, evt.Request.EnvelopeID, data)
			return
		default:
			a.acceptOrTell(ctx, d)
		}
	default: // events_api: read with the same parser as HTTP mode
		ev, err := parseEvent(evt.Request.Payload)
		if err == nil && ev.Type == typeEventCallback && a.refused(ctx, eventDelivery(ev, evt.Request.Payload)) {
			return // not acknowledged: Slack delivers it again
		}
	}
	a.ack(client, evt.Request.EnvelopeID)
}

// acceptTimeout bounds accepting one delivery before it is acknowledged:
// Slack wants the acknowledgement within 3 s.
const acceptTimeout = 2 * time.Second

// ticketParam is the one-time ticket of a Socket Mode URL, which a dial
// error may quote: a credential of its connection.
var ticketParam = regexp.MustCompile(`ticket=[^&\s"]+`)

// withoutTicket is an error's text with any Socket Mode ticket masked.
func withoutTicket(msg string) string { return ticketParam.ReplaceAllString(msg, "ticket=***") }
