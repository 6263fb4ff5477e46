package slack

import (
	"context"
	"strings"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/ids"
	"github.com/kubequiz/kubequiz/quiz"
)

// lookupBudget bounds the users.info call made before a reply.
const lookupBudget = 3 * time.Second

// request is the core's request from user of team in channel; the user's
// direct conversation is channel when it is a direct conversation (a
// command, press, answer or message from there: the core tells a private
// chat by it), else their user ID. The name
// leaderboards show and the language hint come from users.info, falling
// back to name (from the payload) and then the user ID.
func (a *Adapter) request(ctx context.Context, team, channel, user, name string) quiz.Request {
	lctx, cancel := context.WithTimeout(ctx, lookupBudget)
	p, err := a.users.lookup(lctx, user)
	cancel()
	if err != nil {
		a.log.Debug("users.info failed; using the name Slack sent", adapters.ErrAttr(err))
	}
	for _, n := range []string{p.name, name, user} {
		if n != "" {
			p.name = n
			break
		}
	}
	return quiz.Request{
		Platform: Name, Scope: ids.SlackScope(team), Channel: channel,
		User: ids.SlackUser(team, user), UserName: p.name, Locale: p.locale, Prefix: prefix,
		DirectChannel: directChannel(channel, user),
		PlatformAdmin: func(ctx context.Context) (bool, error) {
			p, err := a.users.lookup(ctx, user)
			return p.admin, err
		},
	}
}

// directChannel is the user's direct conversation with the bot, as a
// request from channel names it: channel itself when it is a direct
// conversation (Slack's IDs of those begin with D), else the user's ID, as
// chat.postMessage to a user ID posts in their direct conversation with
// the bot.
func directChannel(channel, user string) string {
	if strings.HasPrefix(channel, "D") {
		return channel
	}
	return user
}

// serve asks the core and sends its reply along r, unless its write is in
// doubt (adapters.Deferred). A panic is the edge's to recover from
// (edge.Runner), with an apology.
func (a *Adapter) serve(ctx context.Context, r *route, req quiz.Request) error {
	resp := a.core.Handle(ctx, req)
	if err := adapters.Deferred(resp); err != nil {
		return err
	}
	a.reply(ctx, r, resp)
	return nil
}

// validCommand reports whether a slash command names a team, a channel and
// a user.
func validCommand(c slackapi.SlashCommand) bool {
	return c.TeamID != "" && c.ChannelID != "" && c.UserID != ""
}

// command answers a slash command, once accepted.
func (a *Adapter) command(ctx context.Context, c slackapi.SlashCommand, delivery string) error {
	r := &route{channel: c.ChannelID, user: c.UserID, hook: c.ResponseURL}
	req := a.request(ctx, c.TeamID, c.ChannelID, c.UserID, c.UserName)
	req.Text, req.Delivery = inboundText(c.Text), delivery
	return a.serve(ctx, r, req)
}
