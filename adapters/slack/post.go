package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// maxHookUses is how many messages one response_url takes (Slack: 5 in
// 30 minutes); later replies go through the Web API.
const maxHookUses = 5

// route is where the replies to one delivery go.
type route struct {
	channel string
	// user is who asked; private messages are for their eyes only.
	user string
	// thread is the thread the request came from, if any.
	thread string
	// hook is the response_url of a slash command or an interaction: it
	// posts where the request came from even when the bot is not a member
	// of the channel. hookUses counts the messages sent through it.
	hook     string
	hookUses int
	// dm marks a direct conversation with the bot: nobody else is there, so
	// every message is posted plainly (ephemeral ones vanish on reload).
	dm bool
	// pressed is the message whose button was pressed, for Response.Update.
	pressed *pressed
}

// pressed is the message that held a pressed button.
type pressed struct {
	ts        string
	ephemeral bool
}

// paceKey is the conversation a message counts against: the channel for
// public messages, the user in the channel for private ones.
func (r *route) paceKey(private bool) string {
	if private && !r.dm {
		return "p:" + r.channel + "/" + r.user
	}
	return "c:" + r.channel
}

// paceRules allow about one message a second to each conversation, with
// short bursts, as Slack does for chat.postMessage.
func paceRules(string) []pacing.Rule { return []pacing.Rule{{Limit: 1, Burst: 3}} }

// retryable turns Slack's 429 into the pacer's "retry after".
func retryable(err error) error {
	var rl *slackapi.RateLimitedError
	if errors.As(err, &rl) {
		return &pacing.RetryAfterError{After: rl.RetryAfter, Err: err}
	}
	return err
}

// reply sends a core response along r: its messages in order (the notice
// when there are none), then its update of the pressed message. A message
// that cannot be sent ends the reply with an apology.
func (a *Adapter) reply(ctx context.Context, r *route, resp quiz.Response) {
	for _, m := range resp.Shown() {
		if _, err := a.send(ctx, r, m); err != nil {
			a.log.Warn("sending a reply failed", "channel", r.channel, errAttr(err))
			a.apologize(ctx, r)
			return
		}
	}
	if resp.Update != nil {
		a.update(ctx, r, *resp.Update)
	}
}

// apologize tells the user their request failed, in their language when
// users.info says it (else in both); best effort.
func (a *Adapter) apologize(ctx context.Context, r *route) {
	line := quiz.Bilingual(quiz.Apology)
	lctx, cancel := context.WithTimeout(ctx, lookupBudget)
	if p, err := a.users.lookup(lctx, r.user); err == nil && p.locale != "" {
		line = quiz.Apology(quiz.ParseLang(p.locale))
	}
	cancel()
	if _, err := a.send(ctx, r, quiz.Message{Private: true, Blocks: []rich.Block{rich.Text(line)}}); err != nil {
		a.log.Warn("sending an apology failed", "channel", r.channel, errAttr(err))
	}
}

// Post sends m to a channel as a public message (the daily question and its
// reveal), split and paced like every reply, and returns the ts of its last
// part, which holds the buttons. It implements quiz.Outbox.
func (a *Adapter) Post(ctx context.Context, channel string, m quiz.Message) (string, error) {
	m.Private = false
	ts, err := a.send(ctx, &route{channel: channel}, m)
	var refused slackapi.SlackErrorResponse
	if ts == "" && errors.As(err, &refused) { // refused before any part was posted
		err = fmt.Errorf("%w: %w", quiz.ErrNotSent, err)
	}
	return ts, err
}

// CloseQuiz redraws a revealed daily without its buttons (quiz.Outbox).
func (a *Adapter) CloseQuiz(ctx context.Context, channel, ts string, final quiz.Message) error {
	parts := render(final)
	if len(parts) == 0 {
		return nil
	}
	p := parts[len(parts)-1] // the part that held the buttons
	return a.pacer.Send(ctx, "u:"+channel+"/"+ts, func(ctx context.Context) error {
		_, _, _, err := a.api.UpdateMessageContext(ctx, channel, ts, p.options()...)
		return retryable(err)
	})
}

// send sends m along r, in as many parts as Slack's limits need, each paced
// and retried after a 429; it returns the ts of the last part where Slack
// tells it (not through a response_url).
func (a *Adapter) send(ctx context.Context, r *route, m quiz.Message) (string, error) {
	var ts string
	for _, part := range render(m) {
		err := a.pacer.Send(ctx, r.paceKey(m.Private), func(ctx context.Context) error {
			var err error
			ts, err = a.deliver(ctx, r, m.Private, part)
			return retryable(err)
		})
		if err != nil {
			return ts, err
		}
	}
	return ts, nil
}

// deliver makes one Slack call for one message part: through the hook
// while it lasts, else chat.postEphemeral for a private message in a
// channel, else chat.postMessage.
func (a *Adapter) deliver(ctx context.Context, r *route, private bool, p outMessage) (string, error) {
	opts := p.options()
	if r.thread != "" {
		opts = append(opts, slackapi.MsgOptionTS(r.thread))
	}
	switch {
	case r.hook != "" && r.hookUses < maxHookUses:
		r.hookUses++
		kind := slackapi.ResponseTypeInChannel
		if private {
			kind = slackapi.ResponseTypeEphemeral
		}
		_, _, err := a.api.PostMessageContext(ctx, r.channel, append(opts, slackapi.MsgOptionResponseURL(r.hook, kind))...)
		return "", err
	case private && !r.dm && r.user != "":
		_, err := a.api.PostEphemeralContext(ctx, r.channel, r.user, opts...)
		return "", err
	default:
		_, ts, err := a.api.PostMessageContext(ctx, r.channel, opts...)
		return ts, err
	}
}

// options are the message options of a part: its blocks and notification
// text. Mentions are never parsed (no link_names) and links not unfurled.
func (p outMessage) options() []slackapi.MsgOption {
	return []slackapi.MsgOption{
		slackapi.MsgOptionText(p.text, false),
		slackapi.MsgOptionBlocks(p.blocks...),
		slackapi.MsgOptionDisableLinkUnfurl(),
	}
}

// update redraws the message whose button was pressed: an ephemeral one
// through the hook (the only way), a public one with chat.update, falling
// back to the hook when Slack will not let the bot edit it. Redraws of one
// message are coalesced: while one is sent, only the latest waits.
func (a *Adapter) update(ctx context.Context, r *route, m quiz.Message) {
	parts := render(m)
	if r.pressed == nil || len(parts) == 0 {
		return
	}
	p := parts[0] // a redraw is one message; the core's are short
	hook, key := r.hook, r.paceKey(m.Private)
	if r.pressed.ephemeral || r.pressed.ts == "" {
		a.logFailure(a.replace(ctx, key, hook, p), "replacing a message")
		return
	}
	channel, ts := r.channel, r.pressed.ts
	a.redraw.Do(ctx, channel+"/"+ts, m.Version, func(ctx context.Context) {
		err := a.pacer.Send(ctx, "u:"+channel+"/"+ts, func(ctx context.Context) error {
			_, _, _, err := a.api.UpdateMessageContext(ctx, channel, ts, p.options()...)
			return retryable(err)
		})
		if err != nil && hook != "" {
			a.log.Info("chat.update failed; replacing through the response URL", "channel", channel, errAttr(err))
			err = a.replace(ctx, key, hook, p)
		}
		a.logFailure(err, "updating a message")
	})
}

// replace replaces the pressed message through its hook.
func (a *Adapter) replace(ctx context.Context, key, hook string, p outMessage) error {
	if hook == "" {
		return errors.New("no response URL to replace the message through")
	}
	return a.pacer.Send(ctx, key, func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, "", append(p.options(), slackapi.MsgOptionReplaceOriginal(hook))...)
		return retryable(err)
	})
}

// logFailure logs a failed send, if it failed.
func (a *Adapter) logFailure(err error, doing string) {
	if err != nil {
		a.log.Warn(doing+" failed", errAttr(err))
	}
}

// errAttr is err for the log without the URL a *url.Error names: a
// response_url lets anyone who has it post into the conversation.
func errAttr(err error) slog.Attr {
	var ue *url.Error
	if errors.As(err, &ue) {
		return slog.String("err", ue.Op+": "+ue.Err.Error())
	}
	return slog.Any("err", err)
}
