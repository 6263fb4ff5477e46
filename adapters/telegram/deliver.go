package telegram

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// route says where a response's messages go. Telegram has no ephemeral
// messages: in a private chat everything is a normal message; in a group a
// command's replies quote the command, and the private results of a button
// press or a poll vote (feedback, a full answer) go to the user's private
// chat, never to the group.
type route struct {
	chat int64
	// thread, when not 0, is the chat's forum topic the messages go to.
	thread int
	// replyTo, when not 0, is the message the replies quote.
	replyTo int
	// toUser sends private messages to user's private chat instead.
	user   int64
	toUser bool
	// from is the group's title, shown atop the private messages sent
	// from it: the points a vote earned in a group are that group's, not
	// the private chat's.
	from string
}

// delivery is what became of the messages sent to the user's private chat.
type delivery struct {
	// sent: at least one arrived; refused: the bot may not write to the
	// user (they never started it, or blocked it).
	sent, refused bool
}

// reachesUser reports whether delivering msgs along r writes to the user's
// private chat.
func (r route) reachesUser(msgs []quiz.Message) bool {
	return r.toUser && slices.ContainsFunc(msgs, func(m quiz.Message) bool { return m.Private })
}

// deliver sends messages along a route, in order. A message that cannot
// be sent (refused, or still failing when its retries gave up) ends the
// delivery with an apology where the user is waiting; a user's private
// chat that refuses the bot is told to the caller instead.
func (a *Adapter) deliver(ctx context.Context, r route, msgs []quiz.Message) delivery {
	var d delivery
	for _, m := range msgs {
		chat, thread, replyTo := r.chat, r.thread, r.replyTo
		dm := m.Private && r.toUser
		if dm {
			chat, thread, replyTo = r.user, 0, 0
			if r.from != "" {
				m, r.from = fromGroup(m, r.from), "" // atop the first one
			}
		}
		_, err := a.send(ctx, chat, thread, m, replyTo)
		if to, ok := migratedTo(err); ok && !dm {
			// The group became a supergroup: its data follows, and so
			// does the reply (the message it quoted stayed behind).
			if err := a.migrate(ctx, chat, to); err != nil {
				a.log.Warn("a group's data could not follow it to its supergroup", slog.Int64("chat", chat), slog.Int64("to", to), slog.Any("err", err))
			}
			r.chat, r.thread, r.replyTo, chat, thread, replyTo = to, 0, 0, to, 0, 0
			_, err = a.send(ctx, chat, thread, m, replyTo)
		}
		switch {
		case err == nil:
			d.sent = d.sent || dm
		case dm && refusedWith(err, http.StatusForbidden):
			d.refused = true
		case errors.Is(err, pacing.ErrShed):
			// The chat has more waiting than its flood limits let through
			// (counted): an apology would be shed too.
			a.log.Debug("a reply was shed: its chat has too many waiting", slog.Int64("chat", chat))
			return d
		default:
			a.log.Warn("a reply could not be sent; it is given up", slog.Int64("chat", chat), slog.Any("err", err))
			a.apologize(ctx, chat, thread, replyTo)
			return d
		}
	}
	return d
}

// apologyBudget bounds the apology for a reply that could not be sent: if
// the API is still failing, it is not waited for long.
const apologyBudget = 15 * time.Second

// apologize tells a chat, best effort, that the reply to its user failed,
// in the bot's default language (a.lang).
func (a *Adapter) apologize(ctx context.Context, chat int64, thread, replyTo int) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), apologyBudget)
	defer cancel()
	if _, err := a.send(ctx, chat, thread, quiz.PrivateLine(quiz.InLang(a.lang, quiz.Apology)), replyTo); err != nil {
		a.log.Warn("sending an apology failed", slog.Int64("chat", chat), slog.Any("err", err))
	}
}

// fromGroup is a private message with the group it comes from named atop
// it ("💬 K8s study group").
func fromGroup(m quiz.Message, title string) quiz.Message {
	origin := rich.Para(rich.Span{Text: "💬 " + title, Style: rich.Italic})
	m.Blocks = append([]rich.Block{origin}, m.Blocks...)
	return m
}
