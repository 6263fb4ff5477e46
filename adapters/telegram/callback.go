package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/quiz"
)

// maxCallbackText is the longest answerCallbackQuery text Telegram shows.
const maxCallbackText = 200

// answerTimeout bounds answering a press: after about 15 s Telegram no
// longer takes the answer.
const answerTimeout = 15 * time.Second

// toastMargin is what is kept of answerTimeout for the time a press took
// to reach the inbox and its answer to reach Telegram: a press accepted
// longer than answerTimeout-toastMargin ago is answered by message.
const toastMargin = 5 * time.Second

// tooLateToToast reports whether a press accepted at accepted (zero:
// unknown, taken as now) is too old for Telegram to take its answer.
func tooLateToToast(accepted time.Time) bool {
	return !accepted.IsZero() && time.Since(accepted) > answerTimeout-toastMargin
}

// callbackAnswer is the reply to a button press: the notice shown over the
// chat, and a link that opens the bot's private chat.
type callbackAnswer struct {
	text, url string
}

// onCallback handles a button press accepted at accepted, and always
// answers it, also when the press fails. The press is answered as soon as
// the core has handled it, with its toast (answerCallbackQuery: a quiz
// answer's right or wrong and the right option, in the user's language);
// what follows is sent after, paced, off the worker: in a group, the
// private messages to the user (a quiz answer's feedback with its Full
// answer button), and the redraw of the pressed message (a quiz's answer
// count). So a press never waits for Telegram's 30 messages a second. Only
// a press whose whole reply is private and that has no notice (Show answer
// in a group) waits for its message, so that its answer says where it
// went, or how to open the bot's private chat when the bot may not write
// there.
//
// A press handled too late for a toast (tooLateToToast: taken over after a
// crash, or at the back of a long backlog) is told by message instead, once:
// its reply's messages, sent on the worker, or its notice as a private
// message when it has none (see answerPress). A press whose answer or
// grade is in doubt (adapters.Deferred) is not answered now: it is when it
// is handled again. A press in a group that became a supergroup is
// answered there (handleMoving).
func (a *Adapter) onCallback(ctx context.Context, cq *tgbotapi.CallbackQuery, thread int, delivery string, accepted time.Time) error {
	lang := a.langOf(cq.From)
	late := tooLateToToast(accepted)
	answer := callbackAnswer{text: quiz.Apology(lang)}
	answered, told, toasted := false, false, false
	finish := func() {
		if !answered {
			answered = true
			toasted = a.answerPress(ctx, cq, late, told, answer)
		}
	}
	defer finish()
	if cq.From == nil || cq.Message == nil || cq.Message.Chat == nil || cq.Data == "" {
		answer.text = txtButtonGone.In(lang)
		return nil
	}
	pressed := cq.Message.Chat.ID
	resp, chat, err := a.handleMoving(ctx, pressed, thread, cq.From, cq.Data, delivery)
	if err == nil {
		err = adapters.Deferred(resp)
	}
	if err != nil {
		answered = true // left unanswered: the press is answered when handled again
		return err
	}
	answer.text = resp.Notice
	if resp.Prompt != nil && a.sendPrompt(ctx, chat, thread, cq.From, *resp.Prompt) {
		return nil // the prompt replaces the messages that say how to answer by command
	}
	r := route{chat: chat, thread: thread, user: cq.From.ID, toUser: chat < 0, from: cq.Message.Chat.Title}
	switch {
	case !r.reachesUser(resp.Messages):
		told = len(resp.Messages) > 0
		finish()
		a.deliver(ctx, r, resp.Messages)
	case resp.Notice != "":
		told = true // by the private messages that follow
		if !late && a.followUps.refusedBy(r.user) {
			answer = a.openBotAnswer(lang, answer.text, txtOpenBotForMore)
		}
		finish()
		if toasted {
			a.followUp(ctx, r, resp.Messages)
			break
		}
		a.followUps.remember(r.user, a.deliver(ctx, r, resp.Messages)) // the one reply: neither dropped nor put off
	default:
		d := a.deliver(ctx, r, resp.Messages)
		a.followUps.remember(r.user, d)
		told = d.sent || d.refused // a refusal would refuse the notice too
		switch {
		case d.refused:
			answer = a.openBotAnswer(lang, answer.text, txtOpenBot)
		case d.sent && answer.text == "":
			answer.text = txtSentPrivately.In(lang)
		}
		finish()
	}
	// Redraws of one message are coalesced: when a group answers at once,
	// only the latest count is drawn. A message of a group that became a
	// supergroup (the press answered there) stays in the group, which
	// takes no more calls.
	if u := resp.Update; u != nil && (!u.Private || chat > 0) && chat == pressed {
		msg := cq.Message.MessageID
		redraw := func(ctx context.Context) {
			a.redraw.Do(ctx, fmt.Sprintf("%d/%d", chat, msg), u.Version, func(ctx context.Context) {
				if err := a.edit(ctx, chat, msg, *u); err != nil {
					a.log.Warn("updating the pressed message failed", slog.Int64("chat", chat), slog.Any("err", err))
				}
			})
		}
		if !a.runner.Later(redraw) {
			redraw(ctx) // too much in the background: the worker waits its turn
		}
	}
	return nil
}

// answerPress tells a press's user ans: by its toast, unless the press is
// too late for one (late) or the toast does not get through (refused as
// too old, or unanswered); then, unless told (the reply's messages tell
// them), by a private message with its text — in a group, to the user's
// private chat. It reports whether the toast got through.
func (a *Adapter) answerPress(ctx context.Context, cq *tgbotapi.CallbackQuery, late, told bool, ans callbackAnswer) (toasted bool) {
	if !late && a.answerCallback(ctx, cq.ID, ans) {
		return true
	}
	if told || cq.From == nil || ans.text == "" {
		return false
	}
	r := route{chat: cq.From.ID}
	if cq.Message != nil && cq.Message.Chat != nil {
		r = route{chat: cq.Message.Chat.ID, user: cq.From.ID, toUser: cq.Message.Chat.ID < 0, from: cq.Message.Chat.Title}
	}
	a.followUps.remember(r.user, a.deliver(ctx, r, []quiz.Message{quiz.PrivateLine(ans.text)}))
	return false
}

// openBotAnswer adds to a press's notice the line that says how to open
// the bot's private chat (line takes the bot's name), with the link that
// opens it.
func (a *Adapter) openBotAnswer(lang quiz.Lang, notice string, line quiz.Text) callbackAnswer {
	return callbackAnswer{
		text: join(notice, line.Format(lang, a.botName())),
		url:  a.startLink(startPressAgain),
	}
}

// privateBacklogSeconds bounds the private follow-ups waiting to be sent
// to what Telegram's overall limit sends in this many seconds: beyond, a
// follow-up is dropped (counted), and the redraws that share the limit
// wait no longer than that behind them.
const privateBacklogSeconds = 10

// maxRefusedRemembered bounds the users whose refusals a replica keeps.
const maxRefusedRemembered = 1 << 16

// followUps is what the adapter keeps about the private messages that
// follow a press's answer or a vote: how many wait to be sent, and which
// users' private chats refused the bot (they never started it, or blocked
// it), so that their next press says how to open it. Each replica keeps
// its own, in memory and bounded: it is a hint, and a message that gets
// through clears it. The zero value is ready to use.
type followUps struct {
	backlog atomic.Int64
	mu      sync.Mutex
	refused map[int64]struct{}
	drops   *edge.Tally
	// onDrop, if set, is told of each follow-up dropped, by reason
	// (adapters.Deps.OnFollowUpDropped).
	onDrop func(reason string)
}

// drop counts a follow-up dropped for reason ("backlog", "expired"),
// logged to log.
func (f *followUps) drop(log *slog.Logger, reason string) {
	f.mu.Lock()
	if f.drops == nil {
		f.drops = &edge.Tally{Log: log, Level: slog.LevelWarn, Msg: "private follow-ups were dropped: their delivery was accepted too long ago, or was in no inbox to put them off in while too many were waiting for Telegram's limits"}
	}
	drops := f.drops
	f.mu.Unlock()
	drops.Add("reason", reason)
	if f.onDrop != nil {
		f.onDrop(reason)
	}
}

// flush logs the drops not logged yet (edge.Tally.Flush).
func (f *followUps) flush() {
	f.mu.Lock()
	drops := f.drops
	f.mu.Unlock()
	if drops != nil {
		drops.Flush()
	}
}

// refusedBy reports whether user's private chat refused the bot's last
// message there.
func (f *followUps) refusedBy(user int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.refused[user]
	return ok
}

// remember keeps what a delivery to user's private chat showed: that it
// refused the bot, or took a message.
func (f *followUps) remember(user int64, d delivery) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case d.refused:
		if f.refused == nil {
			f.refused = map[int64]struct{}{}
		}
		if len(f.refused) >= maxRefusedRemembered {
			for u := range f.refused { // forget one, any
				delete(f.refused, u)
				break
			}
		}
		f.refused[user] = struct{}{}
	case d.sent:
		delete(f.refused, user)
	}
}

// maxPrivateBacklog is how many private follow-ups may wait at once.
func (a *Adapter) maxPrivateBacklog() int64 {
	g := a.cfg.limits().Global
	if g.Limit <= 0 || float64(g.Limit) > 1e6 {
		return 1000
	}
	return max(10, int64(float64(g.Limit)*privateBacklogSeconds))
}

// followUp sends what follows an answered press or a scored vote — the
// user's private feedback — after, paced, off the worker, for the delivery
// whose Work has ctx: owed in the inbox (edge.Runner.Owe), whose entry is
// removed only once it is sent, so that a replica that dies first leaves it
// to whoever takes the delivery over, who handles it again and sends it
// then: once more at most, a send in doubt, counted (sentAgain). It is
// sent in the background (pacing.InBackground): replies go first. Beyond
// the backlog Telegram can send within privateBacklogSeconds (a burst of
// votes on one poll), or with too much work off the workers, it is
// dropped, counted and logged ("backlog"), as is one whose delivery was
// accepted longer than the runner keeps work for ("expired"). Putting it
// off in the inbox instead was measured and taken back: at saturation the
// entries put off filled the inbox, and every user's updates were refused
// for seconds (RELIABILITY.md).
func (a *Adapter) followUp(ctx context.Context, r route, msgs []quiz.Message) {
	if len(msgs) == 0 {
		return
	}
	repeat := edge.MayRepeat(ctx)
	send := func(ctx context.Context) {
		defer a.followUps.backlog.Add(-1)
		if repeat {
			a.sentAgain(r.user)
		}
		// Nobody waits on it as on a command's reply: replies go first.
		a.followUps.remember(r.user, a.deliver(pacing.InBackground(ctx), r, msgs))
	}
	err := edge.ErrBusy
	if a.followUps.backlog.Add(1) <= a.maxPrivateBacklog() {
		if err = a.runner.Owe(ctx, send); err == nil {
			return
		}
	}
	a.followUps.backlog.Add(-1)
	reason := "backlog"
	if errors.Is(err, edge.ErrOwedTooLong) {
		reason = "expired"
	}
	a.followUps.drop(a.log, reason)
}

// sentAgain counts, as a send in doubt sent again (onInDoubt), a private
// follow-up to user owed by a delivery taken over from a replica that
// stopped on it (edge.MayRepeat): its first send may have been shown. It
// is logged at warn.
func (a *Adapter) sentAgain(user int64) {
	a.log.Warn("a private follow-up is sent again, its delivery taken over from a replica that stopped on it: it may show twice", slog.Int64("chat", user))
	if a.onInDoubt != nil {
		a.onInDoubt(true)
	}
}

// answerCallback answers a button press; its text is cut to what Telegram
// shows. It runs even when ctx is done, as the press must be answered. It
// reports whether Telegram took the answer: false when it refused it (too
// old: the press was made too long ago) or did not answer in time (the
// toast may have been shown; the message that follows says the same).
func (a *Adapter) answerCallback(ctx context.Context, id string, ans callbackAnswer) bool {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), answerTimeout)
	defer cancel()
	prm := tgbotapi.Params{"callback_query_id": id}
	prm.AddNonEmpty("text", clipText(cleanText(latinCommands(ans.text)), maxCallbackText))
	prm.AddNonEmpty("url", ans.url)
	err := a.invoke(ctx, "answerCallbackQuery", prm, &json.RawMessage{})
	if err != nil {
		a.log.Warn("answering a button press failed; the press is told by message", slog.Any("err", err))
	}
	return err == nil
}

// TooLate tells the user of an update that waited too long to be answered
// in time that the bot is busy (edge.LateTeller), in their language where
// it is known (notice): a press in its answer (by message when it is too
// late for a toast), a command in the chat. A quiz-poll vote cannot be
// cast again, so it is never shed: it is scored however late; nor is a
// group's upgrade (isMigration).
func (w worker) TooLate(ctx context.Context, d edge.Delivery) bool {
	upd, _, err := decodeUpdate(d.Body)
	if err != nil {
		return false
	}
	a := w.a
	switch {
	case upd.CallbackQuery != nil:
		cq := upd.CallbackQuery
		a.answerPress(ctx, cq, tooLateToToast(d.Accepted), false, callbackAnswer{text: a.notice(cq.From, quiz.Busy)})
		return true
	case upd.Message != nil && upd.Message.Chat != nil && upd.Message.From != nil && !isMigration(upd.Message):
		m := upd.Message
		r := route{chat: m.Chat.ID, thread: threadOf(d.Body)}
		if m.Chat.ID < 0 {
			r.replyTo = m.MessageID
		}
		a.deliver(ctx, r, []quiz.Message{quiz.PrivateLine(a.notice(m.From, quiz.Busy))})
		return true
	}
	return false
}

// join puts two sentences of a notice together.
func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}
