package slack

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/internal/retry"
	"github.com/kubequiz/kubequiz/quiz"
)

// maxHookUses is how many messages one response_url takes (Slack: 5 in
// 30 minutes); later replies go through the Web API.
const maxHookUses = 5

// The Web API methods the adapter calls, by the names the pacer pauses
// them by: Slack's rate limits, and a 429's Retry-After, are per method.
// Posts to response URLs are a method of their own.
const (
	methodPostMessage   = "chat.postMessage"
	methodPostEphemeral = "chat.postEphemeral"
	methodUpdate        = "chat.update"
	methodOpenDM        = "conversations.open"
	methodResponseURL   = "response_url"
)

// route is where the replies to one delivery go.
type route struct {
	channel string
	// user is who asked; private messages are for their eyes only.
	user string
	// thread is the thread the request came from, if any.
	thread string
	// hook is the response_url of a slash command or an interaction: it
	// posts where the request came from even when the bot is not a member
	// of the channel. hookState is what is left of it (see responseURL).
	hook      string
	hookState *responseURL
	// imChannel is the user's direct conversation with the bot, once
	// opened: where replies go when the hook is spent.
	imChannel string
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

// responseURL is what is left of a route's hook, nil when it has none.
func (r *route) responseURL() *responseURL {
	if r.hook == "" {
		return nil
	}
	if r.hookState == nil {
		r.hookState = &responseURL{url: r.hook}
	}
	return r.hookState
}

// responseURL is a response_url and what is left of it: Slack takes
// maxHookUses posts through one, within 30 minutes of the request. The
// posts that reached Slack, or may have (one written whole and not
// answered, a success that cannot be read), count; not a 429, a 5xx, a
// post not sent: their retries spend nothing. Once Slack says it is spent
// or expired (whatever it counted), it is gone. It is safe for concurrent
// use: a coalesced redraw may use it from another worker.
type responseURL struct {
	url string

	mu   sync.Mutex
	used int
	gone bool
}

// errHookGone is a response URL that takes no more posts.
var errHookGone = errors.New("the response URL is spent or expired")

// take reserves one post, if the URL takes one more.
func (h *responseURL) take() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.gone || h.used >= maxHookUses {
		return false
	}
	h.used++
	return true
}

// settle records the failure of a post reserved with take: one that did
// not reach Slack gives its use back; one refused as spent or expired
// leaves the URL gone. It reports whether the URL is gone.
func (h *responseURL) settle(err error) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case !reachedSlack(err):
		h.used--
	case spentOrExpired(err):
		h.gone = true
	}
	return h.gone
}

// spentOrExpired reports whether Slack refused a post to a response URL
// because the URL takes no more: 404 or 410, as for a webhook that is no
// more, or an error saying so.
func spentOrExpired(err error) bool {
	if sc, ok := errors.AsType[slackapi.StatusCodeError](err); ok {
		return sc.Code == http.StatusNotFound || sc.Code == http.StatusGone
	}
	return strings.Contains(err.Error(), "expired_url") || strings.Contains(err.Error(), "used_url")
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

// paceBacklog is the longest a message waits for its conversation's
// pacing (pacing.Config.MaxBacklog): beyond it, it is shed and counted,
// so that one conversation flooded with replies holds a worker for at
// most that long, never every worker for minutes. It leaves room for
// what one user may ask at once (quiz.DefaultUserLimit: ten replies,
// the last about seven seconds after the first at 1/s in bursts of 3)
// and the slow-down that follows. A public reply in a channel whose
// asker has another waiting there waits half as long at most
// (pacing.Config.SenderBacklog, left at its default): one user flooding
// a channel fills half its backlog, and the others' replies have the
// rest.
const paceBacklog = 10 * time.Second

// isRateLimited reports whether err is Slack's 429.
func isRateLimited(err error) bool {
	_, ok := errors.AsType[*slackapi.RateLimitedError](err)
	return ok
}

// transientCodes are the errors Slack answers with ok: false that a later
// attempt may not meet.
var transientCodes = map[string]bool{"internal_error": true, "fatal_error": true, "service_unavailable": true, "request_timeout": true}

// showsTwice are the methods whose call, carried out twice, shows its
// message twice: Slack takes no idempotency key.
var showsTwice = map[string]bool{methodPostMessage: true, methodPostEphemeral: true, methodResponseURL: true}

// call makes one Slack call of method for conversation: paced within the
// conversation's limits; after a 429, the method paused for every
// conversation until its Retry-After has passed; after a failure a later
// attempt may not meet (no answer, a 5xx, an answer that cannot be read,
// an error such as internal_error), tried again with growing waits for up
// to retry.DefaultWithin. A refusal is returned at once. A message whose
// post Slack may have carried out (retry.InDoubt: no answer to a request
// written whole, a success that cannot be read) is posted once more only,
// logged at warn and counted (adapters.InDoubtReporter): its user may see it twice, never
// more.
func (a *Adapter) call(ctx context.Context, method, conversation string, f func(ctx context.Context) error) error {
	p := retry.Policy{}
	if showsTwice[method] {
		// The channel of conversation (a pace key), never the response URL.
		channel, _, _ := strings.Cut(conversation[strings.Index(conversation, ":")+1:], "/")
		p.OnInDoubt = adapters.InDoubtReporter(a.log, a.onInDoubt, method, "channel", channel)
	}
	return p.Do(ctx, func(ctx context.Context) error {
		return a.pacer.SendMethod(ctx, method, conversation, func(ctx context.Context) error {
			err := f(ctx)
			if rl, ok := errors.AsType[*slackapi.RateLimitedError](err); ok {
				return &pacing.RetryAfterError{After: rl.RetryAfter, Err: err}
			}
			if se, ok := errors.AsType[slackapi.SlackErrorResponse](err); ok && transientCodes[se.Err] {
				return retry.Transient(err)
			}
			return err
		})
	})
}

// reply sends a core response along r: its messages in order (the notice
// when there are none), then its update of the pressed message. A message
// that cannot be sent ends the reply with an apology.
func (a *Adapter) reply(ctx context.Context, r *route, resp quiz.Response) {
	for _, m := range resp.Shown() {
		_, err := a.send(ctx, r, m)
		if errors.Is(err, pacing.ErrShed) {
			// Its conversation has more waiting than paceBacklog (counted):
			// an apology would be shed too.
			a.log.Debug("a reply was shed: its conversation has too many waiting", "channel", r.channel)
			return
		}
		if err != nil {
			a.log.Warn("a reply could not be sent; it is given up", "channel", r.channel, adapters.ErrAttr(err))
			a.apologize(ctx, r)
			return
		}
	}
	if resp.Update != nil {
		a.update(ctx, r, *resp.Update)
	}
}

// apologize tells the user their request failed, in their language where
// it is known (notice); best effort.
func (a *Adapter) apologize(ctx context.Context, r *route) {
	if _, err := a.send(ctx, r, quiz.PrivateLine(a.notice(ctx, r.user, quiz.Apology))); err != nil {
		a.log.Warn("sending an apology failed", "channel", r.channel, adapters.ErrAttr(err))
	}
}

// notice is a line the adapter says without the core (an apology, a
// refusal) for user: in their language as users.info gives it (their
// Slack locale) when the bot speaks it, else in the bot's default
// language (adapters.Deps.Lang), else in both (quiz.InHintedLang). Their language chosen in the bot,
// which the core keeps in the store, is not read: the store may be what
// failed.
func (a *Adapter) notice(ctx context.Context, user string, line func(quiz.Lang) string) string {
	lctx, cancel := context.WithTimeout(ctx, lookupBudget)
	defer cancel()
	hint := ""
	if p, err := a.users.lookup(lctx, user); err == nil {
		hint = p.locale
	}
	return quiz.InHintedLang(hint, a.lang, line)
}

// Post sends m to a channel as a public message (the daily question and its
// reveal), split and paced like every reply, and returns the ts of its last
// part, which holds the buttons. It implements quiz.Outbox: a refusal
// before any part was posted is quiz.ErrNotSent, and also quiz.ErrGone
// when the bot can no longer post there (see goneCodes).
func (a *Adapter) Post(ctx context.Context, channel string, m quiz.Message) (string, error) {
	m.Private = false
	ts, err := a.send(ctx, &route{channel: channel}, m)
	refused, ok := errors.AsType[slackapi.SlackErrorResponse](err)
	switch {
	case ts != "" || !ok:
	case goneCodes[refused.Err]:
		err = fmt.Errorf("%w: %w: %w", quiz.ErrNotSent, quiz.ErrGone, err)
	default:
		err = fmt.Errorf("%w: %w", quiz.ErrNotSent, err)
	}
	return ts, err
}

// goneCodes are Slack's refusals of a post that say the bot can no longer
// post in the conversation: removed from it, the conversation archived or
// deleted, the app's user deactivated. No later day's post would fare
// better.
var goneCodes = map[string]bool{
	"channel_not_found": true, "is_archived": true, "channel_is_archived": true,
	"not_in_channel": true, "account_inactive": true,
}

// CloseQuiz redraws a revealed daily without its buttons (quiz.Outbox).
func (a *Adapter) CloseQuiz(ctx context.Context, channel, ts string, final quiz.Message) error {
	parts := render(final)
	if ts == "" || len(parts) == 0 { // no message to close (quiz.Outbox)
		return nil
	}
	return a.updateMessage(ctx, channel, ts, parts[len(parts)-1]) // the part that held the buttons
}

// send sends m along r, in as many parts as Slack's limits need; it
// returns the ts of the last part where Slack tells it (not through a
// response_url).
func (a *Adapter) send(ctx context.Context, r *route, m quiz.Message) (string, error) {
	if !m.Private && !r.dm && r.user != "" {
		ctx = pacing.WithSender(ctx, r.user) // the asker's share of the channel (paceBacklog)
	}
	var ts string
	for _, part := range render(m) {
		var err error
		if ts, err = a.deliver(ctx, r, m.Private, part); err != nil {
			return ts, err
		}
	}
	return ts, nil
}

// deliver sends one message part along r: through the hook while it takes
// posts; then, for a route that had one, a private message by direct
// message (chat.postEphemeral fails where the bot is not a member) and a
// public one to the channel, or by direct message where the bot may not
// post there. A route without a hook posts with chat.postEphemeral (a
// private message in a channel) or chat.postMessage.
func (a *Adapter) deliver(ctx context.Context, r *route, private bool, p outMessage) (string, error) {
	opts := p.options()
	if r.thread != "" {
		opts = append(opts, slackapi.MsgOptionTS(r.thread))
	}
	hook := r.responseURL()
	if hook != nil {
		kind := slackapi.ResponseTypeInChannel
		if private {
			kind = slackapi.ResponseTypeEphemeral
		}
		err := a.postToHook(ctx, r.paceKey(private), hook, append(opts, slackapi.MsgOptionResponseURL(hook.url, kind)))
		if !errors.Is(err, errHookGone) {
			return "", err
		}
		a.log.Info("the response URL is spent or expired; replying by direct message", "channel", r.channel, adapters.ErrAttr(err))
	}
	switch {
	case hook != nil && private && !r.dm:
		return a.postDirect(ctx, r, p)
	case private && !r.dm && r.user != "":
		return "", a.call(ctx, methodPostEphemeral, r.paceKey(private), func(ctx context.Context) error {
			_, err := a.api.PostEphemeralContext(ctx, r.channel, r.user, opts...)
			return err
		})
	}
	ts, err := a.postMessage(ctx, r.channel, opts)
	if hook != nil && !r.dm && cannotPostIn(err) {
		return a.postDirect(ctx, r, p)
	}
	return ts, err
}

// postToHook posts through a response URL, within what is left of it; a
// post it takes no more is errHookGone.
func (a *Adapter) postToHook(ctx context.Context, key string, hook *responseURL, opts []slackapi.MsgOption) error {
	return a.call(ctx, methodResponseURL, key, func(ctx context.Context) error {
		if !hook.take() {
			return errHookGone
		}
		_, _, err := a.api.PostMessageContext(ctx, "", opts...)
		if err != nil && hook.settle(err) {
			return fmt.Errorf("%w: %w", errHookGone, err)
		}
		return err
	})
}

// postMessage posts a message to a channel and returns its ts.
func (a *Adapter) postMessage(ctx context.Context, channel string, opts []slackapi.MsgOption) (string, error) {
	var ts string
	err := a.call(ctx, methodPostMessage, "c:"+channel, func(ctx context.Context) error {
		var err error
		_, ts, err = a.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	return ts, err
}

// postDirect posts a message part to the user's direct conversation with
// the bot, opening it once per route (conversations.open).
func (a *Adapter) postDirect(ctx context.Context, r *route, p outMessage) (string, error) {
	if r.imChannel == "" {
		err := a.call(ctx, methodOpenDM, "o:"+r.user, func(ctx context.Context) error {
			ch, _, _, err := a.api.OpenConversationContext(ctx, &slackapi.OpenConversationParameters{Users: []string{r.user}})
			if err == nil {
				r.imChannel = ch.ID
			}
			return err
		})
		if err != nil {
			return "", fmt.Errorf("opening a direct message: %w", err)
		}
	}
	return a.postMessage(ctx, r.imChannel, p.options())
}

// cannotPostIn reports whether Slack refused a post because the bot may
// not post in the channel.
func cannotPostIn(err error) bool {
	se, ok := errors.AsType[slackapi.SlackErrorResponse](err)
	return ok && (se.Err == "not_in_channel" || se.Err == "channel_not_found")
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
	if r.pressed == nil {
		return
	}
	hook, key := r.responseURL(), r.paceKey(m.Private)
	if r.pressed.ephemeral || r.pressed.ts == "" {
		if p, ok := redrawn(m); ok {
			a.logFailure(a.replace(ctx, key, hook, p), "replacing a message")
		}
		return
	}
	channel, ts := r.channel, r.pressed.ts
	a.redraw.Do(ctx, channel+"/"+ts, m.Version, func(ctx context.Context) {
		p, ok := redrawn(m) // rendered only when drawn, not for a redraw coalesced away
		if !ok {
			return
		}
		err := a.updateMessage(ctx, channel, ts, p)
		if err != nil && hook != nil {
			a.log.Info("chat.update failed; replacing through the response URL", "channel", channel, adapters.ErrAttr(err))
			err = a.replace(ctx, key, hook, p)
		}
		a.logFailure(err, "updating a message")
	})
}

// redrawn is a message rendered for a redraw: one message, its first part
// (the core's redraws are short).
func redrawn(m quiz.Message) (outMessage, bool) {
	parts := render(m)
	if len(parts) == 0 {
		return outMessage{}, false
	}
	return parts[0], true
}

// updateMessage redraws a message with chat.update.
func (a *Adapter) updateMessage(ctx context.Context, channel, ts string, p outMessage) error {
	return a.call(ctx, methodUpdate, "u:"+channel+"/"+ts, func(ctx context.Context) error {
		_, _, _, err := a.api.UpdateMessageContext(ctx, channel, ts, p.options()...)
		return err
	})
}

// replace replaces the pressed message through its hook.
func (a *Adapter) replace(ctx context.Context, key string, hook *responseURL, p outMessage) error {
	if hook == nil {
		return errors.New("no response URL to replace the message through")
	}
	return a.postToHook(ctx, key, hook, append(p.options(), slackapi.MsgOptionReplaceOriginal(hook.url)))
}

// logFailure logs a failed send, if it failed.
func (a *Adapter) logFailure(err error, doing string) {
	if err != nil {
		a.log.Warn(doing+" failed", adapters.ErrAttr(err))
	}
}
