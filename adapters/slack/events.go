package slack

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
)

// eventCallback is an Events API delivery, as much of it as the adapter
// reads. Both transports carry the same JSON.
type eventCallback struct {
	Type      string `json:"type"`
	Challenge string `json:"challenge"`
	TeamID    string `json:"team_id"`
	EventID   string `json:"event_id"`
	// Authorizations name who the event is for: the bot's own user ID
	// among them, whose mentions are the bot's address, not words.
	Authorizations []struct {
		UserID string `json:"user_id"`
		IsBot  bool   `json:"is_bot"`
	} `json:"authorizations"`
	Event struct {
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
		var bots []string
		for _, au := range ev.Authorizations {
			if au.IsBot {
				bots = append(bots, au.UserID)
			}
		}
		text = stripMentions(text, bots)
	}
	req := a.request(ctx, ev.TeamID, e.Channel, e.User, "")
	req.Text, req.Delivery = inboundText(text), delivery
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

// stripMentions drops the bot's mentions (<@U…>) at a message's ends:
// "@kubequiz stats" and "stats @kubequiz" are both stats, and so is
// "@bob @kubequiz stats" (the mentions before the command, the bot's
// among them, address it), while "@kubequiz forget @bob" keeps bob. bots
// are the bot's user IDs (the event's authorizations); with none known,
// the first mention is taken for the bot's, or, with none at the start,
// the last.
func stripMentions(text string, bots []string) string {
	text = strings.TrimSpace(text)
	idOf := func(m string) string {
		id, _, _ := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(m, "<@"), ">"), "|")
		return id
	}
	lead, rest := []string{}, text
	for strings.HasPrefix(rest, "<@") {
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			break
		}
		lead = append(lead, idOf(rest[:end+1]))
		rest = strings.TrimSpace(rest[end+1:])
	}
	if len(bots) == 0 && len(lead) > 0 {
		bots = lead[:1]
	}
	if slices.ContainsFunc(lead, func(id string) bool { return slices.Contains(bots, id) }) {
		text = rest
	}
	for strings.HasSuffix(text, ">") {
		start := strings.LastIndex(text, "<@")
		if start < 0 || strings.IndexByte(text[start:], '>') != len(text)-start-1 {
			break
		}
		if id := idOf(text[start:]); len(bots) == 0 {
			bots = []string{id}
		} else if !slices.Contains(bots, id) {
			break
		}
		text = strings.TrimSpace(text[:start])
	}
	return text
}

// userMention is a user's mention as Slack writes it in a message, or in a
// slash command's text when the app escapes users: <@U123> or
// <@U123|name>.
var userMention = regexp.MustCompile(`<@([UW][A-Z0-9]+)(?:\|[^>]*)?>`)

// inboundText is what a user typed as the core reads it: a mention of
// someone is their user ID after an @ (forget @U123 finds them by it), and
// Slack's escapes of &, < and > are undone.
func inboundText(text string) string {
	return unescaper.Replace(userMention.ReplaceAllString(text, "@$1"))
}
