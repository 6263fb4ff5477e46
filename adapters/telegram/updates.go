package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/quiz"
)

// allowedUpdates are the update types the bot asks for, in both transports.
var allowedUpdates = []string{"message", "callback_query", "poll_answer", "my_chat_member"}

// onceTTL is how long update and callback markers are kept: Telegram keeps
// undelivered updates for 24 hours.
const onceTTL = 24 * time.Hour

// key is the Redis key of one of the bot's values.
func (a *Adapter) key(name string) string { return "tg:" + a.cfg.BotID() + ":" + name }

// decodeUpdate reads one update. Its ID is returned even when the rest does
// not fit the library's types, so that the poller can move past it.
func decodeUpdate(raw []byte) (tgbotapi.Update, int, error) {
	var upd tgbotapi.Update
	err := json.Unmarshal(raw, &upd)
	if err != nil {
		var id struct {
			UpdateID int `json:"update_id"`
		}
		_ = json.Unmarshal(raw, &id)
		return upd, id.UpdateID, err
	}
	return upd, upd.UpdateID, nil
}

// dispatch hands an update to a worker, waiting for a free one (or ctx),
// and reports whether it did; after Run has returned it does not. The
// update is handled on a context of its own, so that it finishes even when
// the request or poll that brought it ends; Run waits for it.
func (a *Adapter) dispatch(ctx context.Context, upd tgbotapi.Update) bool {
	select {
	case a.slots <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.stopped {
		<-a.slots
		return false
	}
	a.inflight.Add(1)
	go func() {
		defer func() {
			<-a.slots
			a.inflight.Done()
		}()
		pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), processTimeout)
		defer cancel()
		a.process(pctx, upd)
	}()
	return true
}

// process handles one update once across replicas. A panic is logged, not
// spread: one bad update must not stop the bot.
func (a *Adapter) process(ctx context.Context, upd tgbotapi.Update) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("handling an update panicked", slog.Int("update_id", upd.UpdateID), slog.Any("panic", p))
		}
	}()
	if !a.first(ctx, "update:"+strconv.Itoa(upd.UpdateID)) {
		a.log.Debug("update already handled", slog.Int("update_id", upd.UpdateID))
		return
	}
	switch {
	case upd.Message != nil:
		a.onMessage(ctx, upd.Message)
	case upd.CallbackQuery != nil:
		a.onCallback(ctx, upd.CallbackQuery)
	case upd.PollAnswer != nil:
		a.onPollAnswer(ctx, upd.PollAnswer)
	case upd.MyChatMember != nil:
		a.onMyChatMember(ctx, upd.MyChatMember)
	}
}

// first claims a once-only marker and reports whether this call was the
// first. When Redis cannot say, the update is handled: the core still
// scores each answer once.
func (a *Adapter) first(ctx context.Context, name string) bool {
	ok, err := a.store.Once(ctx, a.key(name), onceTTL)
	if err != nil {
		a.log.Warn("once-only marker unavailable; handling anyway", slog.String("marker", name), slog.Any("err", err))
		return true
	}
	return ok
}

// onMessage answers a command. In a group, the reply quotes the command.
func (a *Adapter) onMessage(ctx context.Context, m *tgbotapi.Message) {
	if m.From == nil || m.From.IsBot || m.Chat == nil || m.Chat.IsChannel() {
		return
	}
	text, ok := a.commandText(m.Text, m.Chat.ID > 0)
	if !ok {
		return
	}
	req := a.request(m.Chat.ID, m.From)
	req.Text = text
	resp := a.core.Handle(ctx, req)
	r := route{chat: m.Chat.ID}
	if m.Chat.ID < 0 {
		r.replyTo = m.MessageID
	}
	a.deliver(ctx, r, resp.Shown())
}

// onMyChatMember greets a group that added the bot with the help text, and
// logs the rest (removed from a group, blocked by a user).
func (a *Adapter) onMyChatMember(ctx context.Context, u *tgbotapi.ChatMemberUpdated) {
	joined := (u.OldChatMember.HasLeft() || u.OldChatMember.WasKicked()) &&
		(u.NewChatMember.Status == "member" || u.NewChatMember.IsAdministrator())
	a.log.Info("membership changed", slog.Int64("chat", u.Chat.ID), slog.String("from", u.OldChatMember.Status), slog.String("to", u.NewChatMember.Status))
	if !joined || u.Chat.ID > 0 || u.Chat.IsChannel() {
		return
	}
	req := a.request(u.Chat.ID, &u.From)
	req.Text = "help"
	a.deliver(ctx, route{chat: u.Chat.ID}, a.core.Handle(ctx, req).Shown())
}

// request is the core's request for a user in a chat. In Telegram a
// private chat's ID is its user's ID (positive); groups' are negative.
func (a *Adapter) request(chat int64, from *tgbotapi.User) quiz.Request {
	id := strconv.FormatInt(chat, 10)
	return quiz.Request{
		Platform:      "telegram",
		Scope:         "tg:" + id,
		Channel:       id,
		User:          "tg:" + strconv.FormatInt(from.ID, 10),
		UserName:      displayName(from),
		Locale:        from.LanguageCode,
		Prefix:        "/",
		PlatformAdmin: a.adminCheck(chat, from.ID),
	}
}

// displayName is how boards show a user: their name, else @username.
func displayName(u *tgbotapi.User) string {
	if name := strings.TrimSpace(u.FirstName + " " + u.LastName); name != "" {
		return name
	}
	if u.UserName != "" {
		return "@" + u.UserName
	}
	return fmt.Sprintf("user %d", u.ID)
}

// adminCheck asks getChatMember whether the user is the chat's creator or
// an administrator. In a private chat the user is its only member, and
// administers it.
func (a *Adapter) adminCheck(chat, user int64) func(context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		if chat > 0 {
			return chat == user, nil
		}
		var member struct {
			Status string `json:"status"`
		}
		err := a.invoke(ctx, "getChatMember", tgbotapi.Params{
			"chat_id": strconv.FormatInt(chat, 10),
			"user_id": strconv.FormatInt(user, 10),
		}, &member)
		if err != nil {
			return false, err
		}
		return member.Status == "creator" || member.Status == "administrator", nil
	}
}
