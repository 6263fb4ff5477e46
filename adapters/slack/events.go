package slack

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
)

// eventCallback is an Events API delivery, as much of it as the adapter
// reads. Both transports carry the same JSON.
type eventCallback struct {
	Type      string `json:"type"`
	Challenge string `json:"challenge"`
	TeamID    string `json:"team_id"`
	EventID   string `json:"event_id"`
	Event     struct {
		Type        string `json:"type"`
		Subtype     string `json:"subtype"`
		User        string `json:"user"`
		BotID       string `json:"bot_id"`
		Text        string `json:"text"`
		Channel     string `json:"channel"`
		ChannelType string `json:"channel_type"`
		ThreadTS    string `json:"thread_ts"`
	} `json:"event"`
}

// The outer event types the adapter acts on.
const (
	typeURLVerification = "url_verification"
	typeEventCallback   = "event_callback"
)

// errMalformed is a delivery the adapter cannot read.
var errMalformed = errors.New("malformed Slack delivery")

// parseEvent reads an Events API delivery; any other outer type Slack may
// add is read too, and ignored later.
func parseEvent(body []byte) (eventCallback, error) {
	var ev eventCallback
	if err := json.Unmarshal(body, &ev); err != nil || ev.Type == "" {
		return ev, errMalformed
	}
	switch {
	case ev.Type == typeURLVerification && ev.Challenge == "",
		ev.Type == typeEventCallback && (ev.EventID == "" || ev.TeamID == "" || ev.Event.Type == ""):
		return ev, errMalformed
	}
	return ev, nil
}

// event answers a mention in a channel or a direct message to the bot,
// once accepted; anything else (edits, bots' own messages, joins) is
// ignored.
func (a *Adapter) event(ctx context.Context, ev eventCallback, delivery string) error {
	r := eventRoute(ev)
	if r == nil {
		return nil
	}
	e := ev.Event
	text := e.Text
	if e.Type == "app_mention" {
		text = stripMentions(text)
	}
	req := a.request(ctx, ev.TeamID, e.Channel, e.User, "")
	req.Text, req.Delivery = unescaper.Replace(text), delivery
	return a.serve(ctx, r, req)
}

// eventRoute is where the replies to an event go: the thread of a mention,
// or the direct conversation; nil for an event the bot does not answer.
func eventRoute(ev eventCallback) *route {
	e := ev.Event
	if ev.Type != typeEventCallback || e.Subtype != "" || e.BotID != "" || e.User == "" || e.Channel == "" {
		return nil
	}
	switch {
	case e.Type == "app_mention":
		return &route{channel: e.Channel, user: e.User, thread: e.ThreadTS}
	case e.Type == "message" && e.ChannelType == "im":
		return &route{channel: e.Channel, user: e.User, dm: true}
	}
	return nil
}

// stripMentions drops the mentions (<@U…>) that start or end a message:
// "@kubequiz stats" and "stats @kubequiz" are both stats.
func stripMentions(text string) string {
	text = strings.TrimSpace(text)
	for strings.HasPrefix(text, "<@") {
		end := strings.IndexByte(text, '>')
		if end < 0 {
			break
		}
		text = strings.TrimSpace(text[end+1:])
	}
	for strings.HasSuffix(text, ">") {
		start := strings.LastIndex(text, "<@")
		if start < 0 || strings.IndexByte(text[start:], '>') != len(text)-start-1 {
			break
		}
		text = strings.TrimSpace(text[:start])
	}
	return text
}
