package telegram

import (
	"context"
	"log/slog"
	"net/http"
	"slices"

	"github.com/kubequiz/kubequiz/quiz"
)

// route says where a response's messages go. Telegram has no ephemeral
// messages: in a private chat everything is a normal message; in a group a
// command's replies quote the command, and the private results of a button
// press or a poll vote (feedback, a full answer) go to the user's private
// chat, never to the group.
type route struct {
	chat int64
	// replyTo, when not 0, is the message the replies quote.
	replyTo int
	// toUser sends private messages to user's private chat instead.
	user   int64
	toUser bool
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

// deliver sends messages along a route.
func (a *Adapter) deliver(ctx context.Context, r route, msgs []quiz.Message) delivery {
	var d delivery
	for _, m := range msgs {
		chat, replyTo := r.chat, r.replyTo
		dm := m.Private && r.toUser
		if dm {
			chat, replyTo = r.user, 0
		}
		_, err := a.send(ctx, chat, m, replyTo)
		switch {
		case err == nil:
			d.sent = d.sent || dm
		case dm && refusedWith(err, http.StatusForbidden):
			d.refused = true
		default:
			a.log.Warn("sending a message failed", slog.Int64("chat", chat), slog.Any("err", err))
		}
	}
	return d
}
