package quiz

import (
	"context"
	cryptorand "crypto/rand"
	"encoding/base32"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kubequiz/kubequiz/internal/ids"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// Forgetting a user: `forget me` for oneself, `forget <name or ID>` for an
// admin. Either is confirmed with a press, which checks again who may.
// The confirmation's Yes and Cancel carry a token the store holds for
// ForgetConfirmTTL: Yes forgets only while its token is held, and takes
// it; Cancel takes it too. A Yes pressed after its Cancel (a stale
// client, a payload replayed) or after its TTL forgets nothing. A yes or
// a no typed (yes, y, 确定; no, 取消) presses the Yes or Cancel of the
// confirmation asked of the typist, if they drew nothing since: their
// session keeps its token, so no one else's yes presses it.

// ForgetConfirmTTL is how long a confirmation of forgetting stands.
const ForgetConfirmTTL = 15 * time.Minute

// The messages of forgetting.
const (
	msgForgetUsage        msgKey = "forgetUsage"
	msgForgetConfirmSelf  msgKey = "forgetConfirmSelf"
	msgForgetConfirm      msgKey = "forgetConfirm"
	msgForgetButton       msgKey = "forgetButton"
	msgForgetKeepButton   msgKey = "forgetKeepButton"
	msgForgetKept         msgKey = "forgetKept"
	msgForgetAdminOnly    msgKey = "forgetAdminOnly"
	msgForgetNoUser       msgKey = "forgetNoUser"
	msgForgetSeveral      msgKey = "forgetSeveral"
	msgForgotten          msgKey = "forgotten"
	msgForgetNothing      msgKey = "forgetNothing"
	msgForgetNothingOfYou msgKey = "forgetNothingOfYou"
	msgForgetFailed       msgKey = "forgetFailed"
	msgForgetStale        msgKey = "forgetStale"
)

func init() {
	register(map[msgKey]Text{
		msgForgetUsage: {"用法：「%s删除记录 我」删除你在这里的全部记录；管理员可用「%s删除记录 <名字、用户 ID 或 @提及>」删除某人的记录。",
			"Usage: %sforget me to delete everything kept about you here; an admin deletes someone else's with %sforget <name, user ID or mention>."},
		msgForgetConfirmSelf: {"这会删除你在这里的积分、连续天数、复习计划、作答记录和语言设置，无法恢复。确定吗？",
			"This deletes your points, streak, review schedule, answers and language setting here, for good. Are you sure?"},
		msgForgetConfirm: {"这会删除 %s 在这里的积分、连续天数、复习计划、作答记录和语言设置，无法恢复。确定吗？",
			"This deletes %s's points, streak, review schedule, answers and language setting here, for good. Are you sure?"},
		msgForgetButton:       {"确定删除", "Yes, forget"},
		msgForgetKeepButton:   {"取消", "Cancel"},
		msgForgetKept:         {"已取消，什么都没有删除。", "Cancelled: nothing was forgotten."},
		msgForgetAdminOnly:    {"只有管理员可以删除别人的记录；删除自己的记录请用 %s删除记录 我。", "Only admins may forget someone else; to forget yourself, use %sforget me."},
		msgForgetNoUser:       {"这里没有叫「%s」的用户。", "Nobody here goes by \"%s\"."},
		msgForgetSeveral:      {"有好几个用户叫「%s」，请用用户 ID：%s", "Several users go by \"%s\"; use a user ID: %s"},
		msgForgotten:          {"已删除。", "Forgotten."},
		msgForgetNothing:      {"这里没有这个用户的任何记录。", "Nothing was kept about that user here."},
		msgForgetNothingOfYou: {"这里已经没有你的任何记录了。", "Nothing is kept about you here any more."},
		msgForgetFailed:       {"暂时无法删除，请稍后再试。", "That could not be done right now; try again in a moment."},
		msgForgetStale: {"这个确认已经失效（已取消、已使用或已过期），什么都没有做。要删除，请重新输入「%s删除记录 我」（管理员删除别人的记录用「%[1]s删除记录 <名字>」）。",
			"This confirmation is no longer valid (cancelled, used or expired); nothing was done. To forget, type %sforget me again (an admin forgetting someone else: %[1]sforget <name>)."},
	})
}

// isMe reports whether a word is the user speaking of themselves: me,
// myself (in any case or width), 我, 自己 …
func isMe(word string) bool { return slices.Contains(meWords, textnorm.Fold(word)) }

// forget asks to confirm forgetting the caller (`forget me`) or, for an
// admin, another user of the scope by name or ID.
func (s *Service) forget(ctx context.Context, req Request, args []string) Response {
	l := s.langOf(ctx, req)
	who := strings.TrimSpace(strings.TrimPrefix(textnorm.Input(strings.Join(args, " ")), "@")) // @李娜, ＠李娜: a mention typed by hand
	if who == "" {
		return s.invalid(l, msgForgetUsage, req.Prefix, req.Prefix)
	}
	if isMe(who) || who == req.User ||
		req.UserName != "" && textnorm.Fold(who) == textnorm.Fold(req.UserName) {
		// A user naming themselves needs no admin.
		return s.confirmForget(ctx, req, l, req.User, s.t(l, msgForgetConfirmSelf))
	}
	if admin, err := s.isAdmin(ctx, req); err != nil || !admin {
		return s.denied(l, msgForgetAdminOnly, req.Prefix)
	}
	users, err := s.store.FindUsers(ctx, req.Scope, who)
	if fellow, ok := ids.Fellow(req.User, who); err == nil && len(users) == 0 && ok && !strings.Contains(who, ":") {
		// The platform's own ID (U42, a Telegram number, a mention become
		// @U42) of someone on no board (flashcards and interviews only):
		// their whole ID has the prefix the caller's has, as they share
		// the workspace or chat.
		users, err = s.store.FindUsers(ctx, req.Scope, fellow)
	}
	switch {
	case err != nil:
		s.storeFailed(ctx, "finding a user", err)
		return s.unavailable(l, msgForgetFailed)
	case len(users) == 0:
		return s.invalid(l, msgForgetNoUser, clip(who, 40))
	case len(users) > 1:
		found := make([]string, len(users))
		for i, u := range users {
			found[i] = u.ID
		}
		return s.invalid(l, msgForgetSeveral, clip(who, 40), strings.Join(found, ", "))
	}
	// Named by their board name where they have one: an ID a mention
	// became (@U0123) says less than "Bob".
	named := who
	if users[0].Name != "" {
		named = users[0].Name
	}
	return s.confirmForget(ctx, req, l, users[0].ID, s.t(l, msgForgetConfirm, clip(named, 40)))
}

// FoundUser is a user FindUsers found: their ID and their name on the
// boards ("" when they have none).
type FoundUser struct {
	ID, Name string
}

// confirmForget is the question with its buttons, which carry a new
// token held for ForgetConfirmTTL, with the user it forgets, and kept as
// the confirmation asked of the caller (a yes or a no typed answers it:
// confirmTyped).
func (s *Service) confirmForget(ctx context.Context, req Request, l Lang, user, question string) Response {
	token := confirmToken()
	if err := s.store.HoldConfirmation(ctx, req.Scope, token, user, req.User, ForgetConfirmTTL); err != nil {
		s.storeFailed(ctx, "holding a confirmation", err)
		return s.unavailable(l, msgForgetFailed)
	}
	return Response{Messages: []Message{{
		Private: true,
		Blocks:  []rich.Block{rich.Text(question)},
		Buttons: [][]Button{{
			{Label: s.t(l, msgForgetButton), Payload: encodeForget(token)},
			{Label: s.t(l, msgForgetKeepButton), Payload: encodeKeep(token)},
		}},
	}}}
}

// redrawForget redraws a confirmation as what became of it, with no
// button left to press.
func (s *Service) redrawForget(l Lang, key msgKey, args ...any) Response {
	m := s.text(l, true, key, args...)
	return Response{Update: &m}
}

// takeConfirmation takes the token of a pressed Yes or Cancel, for whoever
// may press it (deniedForget), and finds the user it forgets. r is the
// reply when it is not taken (ok false): denied, the store unavailable,
// or stale, when the token is no longer held. A press sent before
// confirmations had tokens names its user itself, and has none to take.
// by names the press (pressID).
func (s *Service) takeConfirmation(ctx context.Context, req Request, l Lang, a action, by string, stale Response) (user string, r Response, ok bool) {
	user = a.user
	if a.token != "" {
		held, err := s.store.Confirmation(ctx, req.Scope, a.token, by)
		if err != nil {
			s.storeFailed(ctx, "reading a confirmation", err)
			return "", s.unavailable(l, msgForgetFailed), false
		}
		if held == "" {
			return "", stale, false
		}
		user = held
	}
	if r, ok := s.deniedForget(ctx, req, l, user); !ok {
		return "", r, false
	}
	if a.token == "" {
		return user, Response{}, true
	}
	taken, err := s.store.TakeConfirmation(ctx, req.Scope, a.token, user, by)
	switch {
	case err != nil:
		s.storeFailed(ctx, "taking a confirmation", err)
		return "", s.unavailable(l, msgForgetFailed), false
	case !taken: // cancelled or used meanwhile
		return "", stale, false
	}
	return user, Response{}, true
}

// confirmToken is a new confirmation's token: confirmTokenLength base32
// characters from the system's secure source, not the service's seeded
// one, whose stream also makes the quiz IDs that buttons show.
func confirmToken() string {
	b := make([]byte, confirmTokenLength*5/8)
	_, _ = cryptorand.Read(b) // never fails (crypto/rand)
	return strings.ToLower(base32.StdEncoding.EncodeToString(b))
}

// pressID names a press of a confirmation's button for taking its token:
// the button and the delivery it came in, so that the delivery handled
// again takes it again (a Yes whose forgetting did not finish finishes
// it), and no other press does. A request without a delivery (the
// console) is named at random: only a write of its own handling, resent,
// is it.
func (s *Service) pressID(req Request, a action) string {
	id := req.Delivery
	if id == "" {
		s.withRand(func(r *rand.Rand) { id = "once:" + randomID(r, confirmTokenLength) })
	}
	return strconv.Itoa(int(a.kind)) + " " + id
}

// forgetCancelled redraws a confirmation whose Cancel was pressed: nothing
// is forgotten, its token is taken so that its Yes no longer forgets, and
// no button is left to press. Only who may confirm it may cancel it: the
// user it forgets, or an admin. A Cancel of a confirmation that no longer
// stands redraws it so. An older Cancel that named no user is the
// presser's.
func (s *Service) forgetCancelled(ctx context.Context, req Request, a action) Response {
	l := s.langOf(ctx, req)
	if a.token == "" && a.user == "" {
		a.user = req.User
	}
	if _, r, ok := s.takeConfirmation(ctx, req, l, a, s.pressID(req, a), s.redrawForget(l, msgForgetStale, req.Prefix)); !ok {
		return r
	}
	return s.redrawForget(l, msgForgetKept)
}

// deniedForget refuses a press on the confirmation of forgetting user by
// someone who may not confirm it (ok false): anyone but the user, unless
// an admin. It is told where it was pressed (a toast).
func (s *Service) deniedForget(ctx context.Context, req Request, l Lang, user string) (Response, bool) {
	if user == req.User {
		return Response{}, true
	}
	if admin, err := s.isAdmin(ctx, req); err == nil && admin {
		return Response{}, true
	}
	r := s.notice(l, msgForgetAdminOnly, req.Prefix)
	r.Outcome = OutcomeDenied
	return r, false
}

// forgetConfirmed forgets a user once the button is pressed: the caller
// themselves, or anyone when the caller is an admin, and only while the
// confirmation stands (its token is taken). A Yes whose confirmation no
// longer stands (or that carries no token: sent before confirmations had
// them) is told so, where it was pressed, and forgets nothing.
func (s *Service) forgetConfirmed(ctx context.Context, req Request, a action) Response {
	l := s.langOf(ctx, req)
	stale := s.invalidNotice(l, msgForgetStale, req.Prefix)
	by := s.pressID(req, a)
	user, r, ok := s.takeConfirmation(ctx, req, l, a, by, stale)
	switch {
	case !ok:
		return r
	case a.token == "":
		return stale
	}
	forgot, err := s.store.Forget(ctx, req.Scope, user)
	if err != nil {
		s.storeFailed(ctx, "forgetting a user", err)
		// The confirmation stands again, for the press again it asks for.
		if err := s.store.RestoreConfirmation(ctx, req.Scope, a.token, user, by); err != nil {
			s.storeFailed(ctx, "holding a confirmation again", err)
		}
		return s.unavailable(l, msgForgetFailed)
	}
	s.langs.put(req.Scope, user, "") // their choice is forgotten too
	switch {
	case !forgot && user == req.User:
		return s.redrawForget(l, msgForgetNothingOfYou)
	case !forgot:
		return s.redrawForget(l, msgForgetNothing)
	}
	return s.redrawForget(l, msgForgotten)
}

// confirmTyped answers a yes or a no typed alone by pressing the Yes or
// the Cancel of the confirmation asked of the typist, as the buttons do,
// the reply in place of the redrawn confirmation; ok is false for any
// other line, or when none was asked of them since they last drew (it is
// then no answer: the line goes on as it would have).
func (s *Service) confirmTyped(ctx context.Context, req Request) (r Response, name string, ok bool) {
	line := phraseLine(req.Text)
	yes, no := slices.Contains(yesWords, line), slices.Contains(noWords, line)
	if !yes && !no {
		return Response{}, "", false
	}
	sess, err := s.store.Session(ctx, req.Scope, req.User)
	if err != nil {
		s.storeFailed(ctx, "reading session", err)
		return s.unavailable(s.langOf(ctx, req), msgForgetFailed), actionNames[actionForget], true
	}
	if sess.Confirm == "" {
		return Response{}, "", false
	}
	a := action{kind: actionKeep, token: sess.Confirm}
	if yes {
		a.kind = actionForget
		r = s.forgetConfirmed(ctx, req, a)
	} else {
		r = s.forgetCancelled(ctx, req, a)
	}
	if r.Update != nil { // no message of the typist's to redraw: say it
		r.Messages, r.Update = []Message{*r.Update}, nil
	}
	return r, actionNames[a.kind], true
}
