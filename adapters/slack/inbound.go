package slackbot

import (
	"context"
	"runtime/debug"
	"time"

	"github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/quiz"
)

// Deliveries are handled once: events by event_id, slash commands and
// button presses by trigger_id, which a redelivery keeps.
const (
	dedupeTTL    = time.Hour
	lookupBudget = 3 * time.Second // for users.info before a reply
)

// first reports whether a delivery is new, across replicas. When the store
// cannot tell, the delivery is handled: twice is better than never.
func (a *Adapter) first(ctx context.Context, kind, team, id string) bool {
	if id == "" {
		return true
	}
	ok, err := a.dedupe.Once(ctx, "slack:"+kind+":"+team+":"+id, dedupeTTL)
	if err != nil {
		a.log.Warn("cannot check for a repeated delivery; handling it", "kind", kind, "err", err)
		return true
	}
	return ok
}

// request is the core's request from user of team in channel. The name
// leaderboards show and the language hint come from users.info, falling
// back to name (from the payload) and then the user ID.
func (a *Adapter) request(ctx context.Context, team, channel, user, name string) quiz.Request {
	lctx, cancel := context.WithTimeout(ctx, lookupBudget)
	p, err := a.users.lookup(lctx, user)
	cancel()
	if err != nil {
		a.log.Debug("users.info failed; using the name Slack sent", errAttr(err))
	}
	for _, n := range []string{p.name, name, user} {
		if n != "" {
			p.name = n
			break
		}
	}
	return quiz.Request{
		Platform: Platform, Scope: "slack:" + team, Channel: channel,
		User: "slack:" + team + ":" + user, UserName: p.name, Locale: p.locale, Prefix: prefix,
		PlatformAdmin: func(ctx context.Context) (bool, error) {
			p, err := a.users.lookup(ctx, user)
			return p.admin, err
		},
	}
}

// serve asks the core and sends its reply along r. It never panics: a
// failure becomes an apology to the user.
func (a *Adapter) serve(ctx context.Context, r *route, req quiz.Request) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("panic while answering a Slack request", "panic", p, "stack", string(debug.Stack()))
			a.apologize(ctx, r)
		}
	}()
	a.reply(ctx, r, a.core.Handle(ctx, req))
}

// validCommand reports whether a slash command names a team, a channel and
// a user.
func validCommand(c slack.SlashCommand) bool {
	return c.TeamID != "" && c.ChannelID != "" && c.UserID != ""
}

// command answers a slash command, after its acknowledgement.
func (a *Adapter) command(ctx context.Context, c slack.SlashCommand) {
	if !a.first(ctx, "trigger", c.TeamID, c.TriggerID) {
		return
	}
	r := &route{channel: c.ChannelID, user: c.UserID, hook: c.ResponseURL}
	req := a.request(ctx, c.TeamID, c.ChannelID, c.UserID, c.UserName)
	req.Text = unescaper.Replace(c.Text)
	a.serve(ctx, r, req)
}
