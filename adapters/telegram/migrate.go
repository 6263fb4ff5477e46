package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/ids"
	"github.com/kubequiz/kubequiz/quiz"
)

// A group upgraded to a supergroup gets a new chat ID, and so a new scope.
// Telegram says so three ways, any of which may reach the bot first: a
// service message in the old group (migrate_to_chat_id), one in the new
// supergroup (migrate_from_chat_id), and the refusal of any later call to
// the old group (400 with parameters.migrate_to_chat_id). Each moves the
// group's data — scores, boards, streaks, settings, the daily question and
// its schedule — to the supergroup's scope, once (quiz.ScopeMover): the
// others, and deliveries handled again, find it moved.

// isMigration reports whether m is (or claims to be) a service message of
// a group's upgrade. Nobody waits for an answer to one, and nobody can
// send it again: it is handled however late, and never apologised for.
func isMigration(m *tgbotapi.Message) bool {
	return m != nil && m.Chat != nil && (m.MigrateToChatID != 0 || m.MigrateFromChatID != 0)
}

// onMigration moves a group's data to the supergroup it became, told by
// either service message. A move that fails is left for later
// (edge.ErrRetryLater), unless it can never succeed.
func (a *Adapter) onMigration(ctx context.Context, m *tgbotapi.Message) error {
	from, to, err := migration(m)
	if err == nil {
		err = a.migrate(ctx, from, to)
	}
	switch {
	case err == nil:
		return nil
	case cannotMove(err):
		a.log.Warn("a group's upgrade to a supergroup was not followed", slog.Int64("chat", from), slog.Int64("to", to), slog.Any("err", err))
		return nil
	}
	a.log.Warn("a group's data could not follow it to its supergroup yet; it is tried again later", slog.Int64("chat", from), slog.Int64("to", to), slog.Any("err", err))
	return fmt.Errorf("moving chat %d to %d: %w: %w", from, to, err, edge.ErrRetryLater)
}

var (
	errNotAMigration = errors.New("not a group's upgrade to a supergroup: both chats must be groups, and differ")
	errNoMover       = errors.New("the adapter was given no way to move a scope's data")
)

// cannotMove reports whether a move failed in a way no retry can mend.
func cannotMove(err error) bool {
	return errors.Is(err, errNotAMigration) || errors.Is(err, errNoMover) || errors.Is(err, quiz.ErrMovedElsewhere)
}

// migration reads the group and supergroup of an upgrade's service
// message as Telegram sends it: migrate_to_chat_id alone, in the group (a
// basic group: a supergroup never migrates), or migrate_from_chat_id
// alone, in the supergroup. Any other message with either field is
// malformed, and moves nothing.
func migration(m *tgbotapi.Message) (from, to int64, err error) {
	switch {
	case m.MigrateToChatID != 0 && m.MigrateFromChatID == 0 && m.Chat.IsGroup():
		return m.Chat.ID, m.MigrateToChatID, nil
	case m.MigrateFromChatID != 0 && m.MigrateToChatID == 0 && m.Chat.IsSuperGroup():
		return m.MigrateFromChatID, m.Chat.ID, nil
	}
	return 0, 0, fmt.Errorf("%w: a %s chat's message with migrate_to_chat_id %d and migrate_from_chat_id %d",
		errNotAMigration, m.Chat.Type, m.MigrateToChatID, m.MigrateFromChatID)
}

// migrate moves a group's data to the supergroup it became, and logs the
// move once: calls after the first find it done.
func (a *Adapter) migrate(ctx context.Context, from, to int64) error {
	if from >= 0 || to >= 0 || from == to {
		return errNotAMigration
	}
	if a.scopes == nil {
		return errNoMover
	}
	m := quiz.ScopeMove{
		Platform:  Name,
		FromScope: ids.TelegramScope(from), FromChannel: strconv.FormatInt(from, 10),
		ToScope: ids.TelegramScope(to), ToChannel: strconv.FormatInt(to, 10),
	}
	res, err := a.scopes.MoveScope(ctx, m)
	if err == nil {
		err = a.values.Put(ctx, a.legacyMovedKey(from), strconv.FormatInt(to, 10), 0)
	}
	if err != nil {
		return err
	}
	if !res.Already {
		a.log.Info("a group became a supergroup: its scores, settings and daily question moved with it",
			slog.Int64("chat", from), slog.Int64("to", to), slog.Int("keys", res.Keys), slog.Bool("merged", res.Merged))
	}
	if res.Late > 0 {
		a.log.Info("what was written in a group after it became a supergroup followed it",
			slog.Int64("chat", from), slog.Int64("to", to), slog.Int("keys", res.Late))
	}
	return nil
}

// migratedTo reports the supergroup a call's chat was upgraded to, when
// err is the Bot API's refusal that says so.
func migratedTo(err error) (int64, bool) {
	e, ok := errors.AsType[*apiError](err)
	if !ok || e.MigrateTo == 0 {
		return 0, false
	}
	return e.MigrateTo, true
}

// moved is Post's error for a message refused because its group became a
// supergroup (refused wraps quiz.ErrNotSent): once the group's data has
// moved, a quiz.MovedError naming the new place, where the daily is given
// back to be posted; if it could not move now (the store), refused as it
// is, given back where it was, to be tried again; if it never can, the
// group is gone for the bot (quiz.ErrGone).
func (a *Adapter) moved(ctx context.Context, from, to int64, refused error) error {
	if err := a.migrate(ctx, from, to); err != nil {
		a.log.Warn("a group's data could not follow it to its supergroup", slog.Int64("chat", from), slog.Int64("to", to), slog.Any("err", err))
		if cannotMove(err) {
			return fmt.Errorf("%w: %w", quiz.ErrGone, refused)
		}
		return refused
	}
	return &quiz.MovedError{Scope: ids.TelegramScope(to), Channel: strconv.FormatInt(to, 10), Err: refused}
}

// legacyMovedKey keeps the supergroup a group became where versions
// before December 2026 look it up for a vote on the group's polls (this
// one reads the store's marker, MovedTo): written so that, during a
// rollout, a replica of such a version still scores those votes.
func (a *Adapter) legacyMovedKey(group int64) string {
	return a.key("moved:" + strconv.FormatInt(group, 10))
}

// movedChat reports the supergroup a group became and how far the move
// has gone, when resp refused a request in the group as invalid (its quiz
// not found there: a vote on one of the group's polls, a press of one of
// its buttons) and the group's scope is marked moved, from the moment its
// move began; only then does it read the marker. A store that cannot say
// leaves the request for later (edge.ErrRetryLater).
func (a *Adapter) movedChat(ctx context.Context, chat int64, resp quiz.Response) (int64, quiz.MoveStage, error) {
	if chat >= 0 || resp.Outcome != quiz.OutcomeInvalid || a.scopes == nil {
		return 0, quiz.NotMoved, nil
	}
	m, stage, err := a.scopes.MovedTo(ctx, ids.TelegramScope(chat))
	if err != nil {
		return 0, quiz.NotMoved, fmt.Errorf("reading whether chat %d moved: %w: %w", chat, edge.ErrRetryLater, err)
	}
	to, perr := strconv.ParseInt(m.ToChannel, 10, 64)
	if perr != nil || to >= 0 {
		return 0, quiz.NotMoved, nil
	}
	return to, stage, nil
}

// handleMoving has the core handle a vote or a press (payload) of a user
// in a chat, and, when it was refused because the chat is a group that
// became a supergroup (movedChat), again in the supergroup; it returns
// the response and the chat that answered it. Refused there too while
// the move is not done (the group's data frozen, not yet copied, by a
// replica that died or is still at it), the request finishes it, which
// also brings what was written in the group since, and is handled there
// once more. A move that cannot be finished now leaves the request for
// later (edge.ErrRetryLater). A refused request wrote nothing, and every
// handling carries the delivery, so a vote handled again is scored once.
func (a *Adapter) handleMoving(ctx context.Context, chat int64, thread int, from *tgbotapi.User, payload, delivery string) (quiz.Response, int64, error) {
	handle := func(chat int64) quiz.Response {
		req := a.request(chat, thread, from)
		req.Payload, req.Delivery = payload, delivery
		return a.core.Handle(ctx, req)
	}
	resp := handle(chat)
	to, stage, err := a.movedChat(ctx, chat, resp)
	if err != nil || stage == quiz.NotMoved {
		return resp, chat, err
	}
	if resp = handle(to); resp.Outcome != quiz.OutcomeInvalid || stage == quiz.MoveCopied {
		return resp, to, nil
	}
	switch err := a.migrate(ctx, chat, to); {
	case err == nil:
		return handle(to), to, nil
	case cannotMove(err):
		a.log.Warn("a request in a group that became a supergroup could not follow it", slog.Int64("chat", chat), slog.Int64("to", to), slog.Any("err", err))
		return resp, to, nil
	default:
		return resp, chat, fmt.Errorf("finishing the move of chat %d to %d: %w: %w", chat, to, edge.ErrRetryLater, err)
	}
}
