package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/ids"
	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// allowedUpdates are the update types the bot asks for, in both transports.
var allowedUpdates = []string{"message", "callback_query", "poll_answer", "my_chat_member"}

// key is the Redis key of one of the bot's values.
func (a *Adapter) key(name string) string { return a.cfg.key(name) }

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

// kindUpdate is the kind of the adapter's deliveries: an update's JSON.
const kindUpdate = "update"

// acceptUpdate puts an update in the inbox, once per update_id (Telegram
// may deliver one again, to any replica): nil when it is in, or was before.
func (a *Adapter) acceptUpdate(ctx context.Context, id int, raw []byte) error {
	v, err := a.inbox.Accept(ctx, edge.Delivery{ID: "update:" + strconv.Itoa(id), Kind: kindUpdate, Body: raw})
	switch {
	case err != nil:
		return err
	case v == edge.Full:
		return errInboxFull
	}
	return nil
}

// acceptOrServe puts an update in the inbox, or, when the inbox is
// unreachable (edge.ErrUnreachable: Redis down, or refusing the bot), has
// the runner handle it at once in memory (serveUpdate), unless it is a
// quiz-poll vote and refusable: a webhook's vote is refused, and Telegram
// delivers it again. A poller's update is not served when Redis refuses the
// bot: the poller gives its lease up to a replica Redis takes, which fetches
// the update again (runPolling). The error is nil when the update is in the
// inbox or served; inMemory says it was served.
func (a *Adapter) acceptOrServe(ctx context.Context, id int, raw []byte, refusable bool) (inMemory bool, err error) {
	err = a.acceptUpdate(ctx, id, raw)
	if err == nil || !errors.Is(err, edge.ErrUnreachable) || refusable && isVote(raw) ||
		a.Polls() && errors.Is(err, edge.ErrRefused) || !a.serveUpdate(id, raw) {
		return false, err
	}
	return true, nil
}

// serveUpdate has the runner handle an update at once, in memory
// (edge.Runner.Serve), reporting false when it has too much in hand.
func (a *Adapter) serveUpdate(id int, raw []byte) bool {
	return a.runner.Serve(edge.Delivery{ID: "update:" + strconv.Itoa(id), Kind: kindUpdate, Body: raw})
}

// isVote reports whether an update is a quiz-poll vote.
func isVote(raw []byte) bool {
	var u struct {
		PollAnswer json.RawMessage `json:"poll_answer"`
	}
	return json.Unmarshal(raw, &u) == nil && len(u.PollAnswer) > 0
}

// errInboxFull sheds an update: Telegram delivers it again later.
var errInboxFull = errors.New("the inbox is full")

// worker handles the adapter's updates from the inbox (edge.Worker).
type worker struct{ a *Adapter }

// Work handles one accepted update; one whose answer or grade is in doubt,
// the store having failed during it (adapters.Deferred), or a vote whose
// poll's owner cannot be read now, is left for later (edge.ErrRetryLater).
func (w worker) Work(ctx context.Context, d edge.Delivery) error {
	upd, id, err := decodeUpdate(d.Body)
	if err != nil {
		w.a.log.Warn("an update the library cannot read was dropped", slog.Int("update_id", id), slog.Any("err", err))
		return nil
	}
	return w.a.process(ctx, upd, threadOf(d.Body), d.Accepted)
}

// Apologize tells the user of an update that it failed: the callback
// answer of a press, else a message in the chat (privately for a vote);
// an upgrade's service message has no user to tell.
func (w worker) Apologize(ctx context.Context, d edge.Delivery) {
	upd, _, err := decodeUpdate(d.Body)
	if err != nil || isMigration(upd.Message) {
		return
	}
	a := w.a
	switch {
	case upd.CallbackQuery != nil:
		cq := upd.CallbackQuery
		a.answerPress(ctx, cq, tooLateToToast(d.Accepted), false, callbackAnswer{text: a.notice(cq.From, quiz.Apology)})
	case upd.Message != nil && upd.Message.Chat != nil:
		a.deliver(ctx, route{chat: upd.Message.Chat.ID, thread: threadOf(d.Body)}, []quiz.Message{quiz.PrivateLine(a.notice(upd.Message.From, quiz.Apology))})
	case upd.PollAnswer != nil:
		a.deliver(ctx, route{chat: upd.PollAnswer.User.ID}, []quiz.Message{quiz.PrivateLine(a.notice(&upd.PollAnswer.User, quiz.Apology))})
	}
}

// notice is a line the adapter says without the core (a "too busy") to
// user u: in the language of their Telegram app when it is one the bot
// speaks, else in the bot's default language (adapters.Deps.Lang), else,
// when neither is known, in both (quiz.InLang).
func (a *Adapter) notice(u *tgbotapi.User, line func(quiz.Lang) string) string {
	return quiz.InHintedLang(languageCode(u), a.lang, line)
}

// languageCode is Telegram's hint of u's language ("" for no user).
func languageCode(u *tgbotapi.User) string {
	if u == nil {
		return ""
	}
	return u.LanguageCode
}

// langOf is the language of the adapter's own lines to user u: their
// Telegram app's when the bot speaks it, else the bot's default language
// (adapters.Deps.Lang), else English.
func (a *Adapter) langOf(u *tgbotapi.User) quiz.Lang {
	if l, ok := quiz.LookupLang(languageCode(u)); ok {
		return l
	}
	if a.lang != "" {
		return a.lang
	}
	return quiz.LangEN
}

// process handles one update, accepted at accepted, whose message is in
// the forum topic thread (0 for none). Its update_id names
// the delivery in the requests it makes, so that a write done twice for it
// recognises itself.
func (a *Adapter) process(ctx context.Context, upd tgbotapi.Update, thread int, accepted time.Time) error {
	delivery := "update:" + strconv.Itoa(upd.UpdateID)
	if u := sender(upd); u != nil {
		ctx = pacing.WithSender(ctx, strconv.FormatInt(u.ID, 10)) // its replies are paced as its user's (chatBacklog)
	}
	switch {
	case upd.Message != nil:
		return a.onMessage(ctx, upd.Message, thread, delivery)
	case upd.CallbackQuery != nil:
		return a.onCallback(ctx, upd.CallbackQuery, thread, delivery, accepted)
	case upd.PollAnswer != nil:
		return a.onPollAnswer(ctx, upd.PollAnswer, delivery)
	case upd.MyChatMember != nil:
		a.onMyChatMember(ctx, upd.MyChatMember)
	}
	return nil
}

// sender is the user an update comes from, nil for none.
func sender(upd tgbotapi.Update) *tgbotapi.User {
	switch {
	case upd.Message != nil:
		return upd.Message.From
	case upd.CallbackQuery != nil:
		return upd.CallbackQuery.From
	case upd.PollAnswer != nil:
		return &upd.PollAnswer.User
	}
	return nil
}

// onMessage answers a command, or a reply to an answer prompt, unless its
// write is in doubt (adapters.Deferred). In a group, the reply quotes the
// command; in a forum topic (thread), it is posted there.
func (a *Adapter) onMessage(ctx context.Context, m *tgbotapi.Message, thread int, delivery string) error {
	if isMigration(m) {
		return a.onMigration(ctx, m)
	}
	if m.From == nil || m.Chat == nil || m.Chat.IsChannel() {
		return nil
	}
	anonymous := isAnonymousAdmin(m)
	if m.From.IsBot && !anonymous {
		return nil
	}
	token, mine, others := a.promptOf(ctx, m)
	switch {
	case mine && !anonymous:
		return a.onPromptReply(ctx, m, thread, token, delivery)
	case others && !anonymous:
		// A reply to someone else's answer box records nothing: the one
		// who typed it is told so, privately.
		note := quiz.PrivateLine(txtNotYourPrompt.In(a.langOf(m.From)))
		a.followUp(ctx, route{chat: m.Chat.ID, user: m.From.ID, toUser: true, from: m.Chat.Title}, []quiz.Message{note})
		return nil
	}
	text, ok := a.commandText(mentionsAsIDs(m), m.Chat.ID > 0)
	if !ok {
		return nil
	}
	var note quiz.Text
	if cmd, n, ok := deepLink(m.Text); ok {
		text, note = cmd, n
	}
	req := a.request(m.Chat.ID, thread, m.From)
	if anonymous {
		req = asAnonymousAdmin(req, m.Chat)
	}
	req.Text, req.Delivery = text, delivery
	resp := a.core.Handle(ctx, req)
	if err := adapters.Deferred(resp); err != nil {
		return err
	}
	if resp.Command == "answer" && resp.Outcome == quiz.OutcomeOK && note == (quiz.Text{}) {
		// An answer typed in a group is graded as one from the answer box;
		// how to type one (a bare /answer) is told in the group.
		a.deliverResult(ctx, m, thread, resp)
		return nil
	}
	r := route{chat: m.Chat.ID, thread: thread}
	if m.Chat.ID < 0 {
		r.replyTo = m.MessageID
	}
	msgs := resp.Shown()
	if note != (quiz.Text{}) {
		msgs = append([]quiz.Message{quiz.PrivateLine(note.In(a.langOf(m.From)))}, msgs...)
	}
	if m.Chat.ID < 0 && resp.Command == "interview" && resp.Outcome == quiz.OutcomeInvalid {
		msgs = a.withInterviewLink(msgs, a.langOf(m.From))
	}
	a.deliver(ctx, r, msgs)
	return nil
}

// mentionsAsIDs is a message's text with each mention of a user who has
// no username (Telegram's text_mention, which carries the user) as
// @<their ID>, which forget finds them by, as it finds a Slack mention;
// "/forget @Li Lei" names Li Lei, not Li and Lei. Entities count UTF-16
// units.
func mentionsAsIDs(m *tgbotapi.Message) string {
	var units []uint16
	for i := len(m.Entities) - 1; i >= 0; i-- {
		e := m.Entities[i]
		if e.Type != "text_mention" || e.User == nil {
			continue
		}
		if units == nil {
			units = utf16.Encode([]rune(m.Text))
		}
		if e.Offset < 0 || e.Length <= 0 || e.Offset+e.Length > len(units) {
			continue
		}
		id := utf16.Encode([]rune("@" + strconv.FormatInt(e.User.ID, 10)))
		units = append(units[:e.Offset], append(id, units[e.Offset+e.Length:]...)...)
	}
	if units == nil {
		return m.Text
	}
	return string(utf16.Decode(units))
}

// isAnonymousAdmin reports whether a group's message comes from one of
// its administrators posting as the group: Telegram sends it from
// GroupAnonymousBot with the group as its sender_chat, and only
// administrators may post so.
func isAnonymousAdmin(m *tgbotapi.Message) bool {
	return m.From.IsBot && m.Chat.ID < 0 && m.SenderChat != nil && m.SenderChat.ID == m.Chat.ID
}

// asAnonymousAdmin is req as the group's anonymous administrators make it:
// one user, the group ("tg:<chat ID>", never a person's positive ID), named
// after it, an administrator, with no private chat (its replies are
// posted in the group).
func asAnonymousAdmin(req quiz.Request, chat *tgbotapi.Chat) quiz.Request {
	req.User = ids.TelegramUser(chat.ID)
	req.UserName = textnorm.DisplayName(chat.Title)
	req.DirectChannel = ""
	req.PlatformAdmin = func(context.Context) (bool, error) { return true, nil }
	return req
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
	req := a.request(u.Chat.ID, 0, &u.From)
	req.Text = "help"
	a.deliver(ctx, route{chat: u.Chat.ID}, a.core.Handle(ctx, req).Shown())
}

// request is the core's request for a user in a chat, or in one of its
// forum topics (thread, 0 for none: see channelID). In Telegram a
// private chat's ID is its user's ID (positive); groups' are negative. The
// user's direct conversation is their private chat, where the bot can post
// once they have started it.
func (a *Adapter) request(chat int64, thread int, from *tgbotapi.User) quiz.Request {
	return quiz.Request{
		Platform:      Name,
		Scope:         ids.TelegramScope(chat),
		Channel:       channelID(chat, thread),
		User:          ids.TelegramUser(from.ID),
		UserName:      displayName(from),
		Locale:        from.LanguageCode,
		Prefix:        "/",
		DirectChannel: strconv.FormatInt(from.ID, 10),
		PlatformAdmin: a.adminCheck(chat, from.ID),
		// In a group a command's private replies are posted in it.
		Shared: chat < 0,
	}
}

// displayName is how boards show a user: their name made safe to show
// among the bot's text (textnorm.DisplayName), else @username.
func displayName(u *tgbotapi.User) string {
	if name := textnorm.DisplayName(u.FirstName + " " + u.LastName); name != "" {
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
