package quiz_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// TestForgettingSomeoneOnNoBoard: a user who only set their language (no
// answer, so no name on a board) is found by their platform's own ID, as
// a mention gives it.
func TestForgettingSomeoneOnNoBoard(t *testing.T) {
	e := newEnv(t)
	e.cmd("carl", "lang en")
	r := e.cmd("admin", "forget @carl")
	if r.Outcome != quiz.OutcomeOK || e.forgetsWhom(r) != "test:carl" {
		t.Fatalf("forget @carl, who is on no board: %s %s", r.Outcome, text(r))
	}
	if got := e.press("admin", payloadWithPrefix(t, r, "f:")); redrawn(got) != "Forgotten." {
		t.Errorf("confirming: %+v", got)
	}
}

// forgetsWhom is the user the Yes of a confirmation a response shows
// forgets: f:<token>, which the store holds.
func (e *env) forgetsWhom(r quiz.Response) string {
	e.t.Helper()
	token := strings.TrimPrefix(payloadWithPrefix(e.t, r, "f:"), "f:")
	if cancel := payloadWithPrefix(e.t, r, "x:"); cancel != "x:"+token {
		e.t.Fatalf("the Cancel of f:%s is %s", token, cancel)
	}
	user, err := e.store.Confirmation(e.t.Context(), e.scope, token, "")
	if err != nil || user == "" {
		e.t.Fatalf("the token of f:%s is not held: %v", token, err)
	}
	return user
}

// redrawn is the text a response redraws its pressed message as, "" when
// it redraws none.
func redrawn(r quiz.Response) string {
	if r.Update == nil {
		return ""
	}
	return text(quiz.Response{Messages: []quiz.Message{*r.Update}})
}

func TestForgettingAUser(t *testing.T) {
	e := newEnv(t)
	card := quizCard(t, e.cmd("ann", "quiz"))
	e.press("ann", quiz.AnswerPayload(card.ID, card.Correct))
	e.press("bob", quiz.AnswerPayload(card.ID, card.Correct))

	t.Run("a confirmation can be cancelled, and nothing is forgotten", func(t *testing.T) {
		r := e.cmd("bob", "forget me")
		cancel := payloadWithPrefix(t, r, "x:")
		// Only who may confirm it may cancel it.
		if other := e.press("ann", cancel); other.Outcome != quiz.OutcomeDenied || other.Update != nil {
			t.Errorf("ann cancelled bob's confirmation: %+v", other)
		}
		// A Cancel sent before it named its user cancels for its presser.
		if old := e.press("bob", "x:"); old.Update == nil || old.Outcome == quiz.OutcomeInvalid {
			t.Errorf("an older Cancel: %+v", old)
		}
		got := e.press("bob", cancel)
		if redrawn(got) != "Cancelled: nothing was forgotten." || len(got.Update.Buttons) != 0 {
			t.Errorf("cancelling redraws the confirmation without buttons: %+v", got)
		}
		if st := e.stats("bob"); st.Points == 0 {
			t.Error("bob was forgotten though he cancelled")
		}
	})
	t.Run("forget me asks first, then forgets the caller", func(t *testing.T) {
		older := e.cmd("bob", "forget me")
		r := e.cmd("bob", "forget me")
		yes := payloadWithPrefix(t, r, "f:")
		if st := e.stats("bob"); st.Points == 0 {
			t.Fatal("forget me deleted before it was confirmed")
		}
		if got := e.press("bob", yes); redrawn(got) != "Forgotten." || len(got.Update.Buttons) != 0 {
			t.Errorf("confirming: %+v", got)
		}
		if st := e.stats("bob"); st.Points != 0 || st.Answered != 0 {
			t.Errorf("bob after forgetting: %+v", st)
		}
		if got := text(e.cmd("ann", "top")); strings.Contains(got, "bob") {
			t.Errorf("bob is still on the board:\n%s", got)
		}
		// Its token was taken: the same Yes again is no longer valid.
		if got := e.press("bob", yes); got.Outcome != quiz.OutcomeInvalid || !strings.HasPrefix(got.Notice, "This confirmation is no longer valid") {
			t.Errorf("confirming again: %s %q", got.Outcome, got.Notice)
		}
		// A confirmation asked for before another's Yes forgot: nothing is left.
		if got := e.press("bob", payloadWithPrefix(t, older, "f:")); redrawn(got) != "Nothing is kept about you here any more." {
			t.Errorf("confirming an older confirmation: %+v", got)
		}
	})
	t.Run("a member naming themselves is forget me", func(t *testing.T) {
		for _, in := range []string{"forget ann", "forget ANN", "forget test:ann", "forget myself", "删除记录 自己", "删除记录 我自己", "删除记录 本人"} {
			r := e.cmd("ann", in)
			if r.Outcome == quiz.OutcomeDenied || !strings.Contains(text(r), "This deletes your points") || e.forgetsWhom(r) != "test:ann" {
				t.Errorf("%s by ann: %q %q", in, r.Outcome, text(r))
			}
		}
		e.cmd("cai", "lang zh")
		// 忘记 is forget too, and 我 may run into it as into 删除记录.
		for _, in := range []string{"删除记录 自己", "忘记 我", "忘记我", "忘记我自己", "删除记录我", "/忘记 我"} {
			if r := e.cmd("cai", in); !strings.HasPrefix(text(r), "这会删除你在这里的积分") || e.forgetsWhom(r) != "test:cai" {
				t.Errorf("%s by cai: %q %q", in, r.Outcome, text(r))
			}
		}
		// Words that only start with 忘记 are no forget.
		if r := e.cmd("cai", "忘记密码了"); r.Outcome != quiz.OutcomeInvalid || !strings.HasPrefix(text(r), "不认识的命令「忘记密码了」") {
			t.Errorf("忘记密码了: %q %q", r.Outcome, text(r))
		}
	})
	t.Run("only an admin forgets someone else, by name", func(t *testing.T) {
		if r := e.cmd("bob", "forget ann"); r.Outcome != quiz.OutcomeDenied {
			t.Errorf("a member forgetting another: %q %q", r.Outcome, text(r))
		}
		// Someone else's button, pressed by a member: a notice where it was
		// pressed (a toast), no message in another chat.
		if r := e.press("bob", "f:test:ann"); r.Outcome != quiz.OutcomeDenied || len(r.Messages) != 0 || !strings.Contains(r.Notice, "Only admins") {
			t.Errorf("a forged confirmation by a member: %q %q, notice %q", r.Outcome, text(r), r.Notice)
		}
		if e.stats("ann").Points == 0 {
			t.Fatal("ann was forgotten by a member")
		}
		older := e.cmd("admin", "forget ann")
		r := e.cmd("admin", "forget ann")
		if got := e.press("admin", payloadWithPrefix(t, r, "f:")); redrawn(got) != "Forgotten." {
			t.Errorf("the admin confirming: %+v", got)
		}
		if st := e.stats("ann"); st.Points != 0 {
			t.Errorf("ann after the admin forgot her: %+v", st)
		}
		if got := e.press("admin", payloadWithPrefix(t, older, "f:")); redrawn(got) != "Nothing was kept about that user here." {
			t.Errorf("the admin confirming an older confirmation: %+v", got)
		}
		if r := e.cmd("admin", "forget nobody-here"); !strings.Contains(text(r), "Nobody here goes by") {
			t.Errorf("forgetting an unknown name: %q", text(r))
		}
	})
}

// TestAForgetConfirmationStandsUntilCancelledOrUsed, on both stores: Yes
// forgets only while its own confirmation stands. A Yes pressed after its
// Cancel (a client not yet redrawn), replayed after it was used, carrying
// a token never given or none (sent before confirmations had tokens)
// forgets nothing, and its presser alone is told to type forget
// again; a press by someone who may not confirm takes nothing.
func TestAForgetConfirmationStandsUntilCancelledOrUsed(t *testing.T) {
	for name, open := range map[string]func(t *testing.T) *env{
		"embedded":     newEnv,
		"redis-server": func(t *testing.T) *env { return newEnvOn(t, redistest.Shared(t).Client(t)) },
	} {
		t.Run(name, func(t *testing.T) {
			e := open(t)
			card := quizCard(t, e.cmd("bob", "quiz"))
			e.press("bob", quiz.AnswerPayload(card.ID, card.Correct))
			stale := func(what string, r quiz.Response) {
				t.Helper()
				want := "This confirmation is no longer valid (cancelled, used or expired); nothing was done. To forget, type /forget me again (an admin forgetting someone else: /forget <name>)."
				if r.Outcome != quiz.OutcomeInvalid || r.Notice != want || len(r.Messages) != 0 || r.Update != nil {
					t.Errorf("%s: %s, notice %q, %d messages, update %v; want only %q to its presser", what, r.Outcome, r.Notice, len(r.Messages), r.Update, want)
				}
				if e.stats("bob").Points == 0 {
					t.Fatalf("%s forgot bob", what)
				}
			}

			first := e.cmd("bob", "forget me")
			yes, cancel := payloadWithPrefix(t, first, "f:"), payloadWithPrefix(t, first, "x:")
			if r := e.press("ann", cancel); r.Outcome != quiz.OutcomeDenied {
				t.Errorf("ann cancelling bob's confirmation: %+v", r)
			}
			if got := redrawn(e.press("bob", cancel)); got != "Cancelled: nothing was forgotten." {
				t.Fatalf("cancelling: %q", got)
			}
			stale("the Yes of a cancelled confirmation", e.press("bob", yes))
			if got := redrawn(e.press("bob", cancel)); !strings.HasPrefix(got, "This confirmation is no longer valid") {
				t.Errorf("cancelling again: %q", got)
			}

			second := e.cmd("bob", "forget me")
			yes = payloadWithPrefix(t, second, "f:")
			if r := e.press("ann", yes); r.Outcome != quiz.OutcomeDenied {
				t.Errorf("ann confirming bob's confirmation: %+v", r)
			}
			stale("a Yes of a token never given", e.press("bob", "f:abcd2345"))
			stale("a Yes without a token", e.press("bob", "f:test:bob"))
			if got := redrawn(e.press("bob", yes)); got != "Forgotten." {
				t.Fatalf("confirming, after the presses that took nothing: %q", got)
			}
			if e.stats("bob").Points != 0 {
				t.Error("bob was not forgotten")
			}
			e.cmd("bob", "lang zh")
			if r := e.press("bob", yes); r.Notice != "这个确认已经失效（已取消、已使用或已过期），什么都没有做。要删除，请重新输入「/删除记录 我」（管理员删除别人的记录用「/删除记录 <名字>」）。" {
				t.Errorf("a used Yes, in Chinese: %q", r.Notice)
			}
		})
	}
}

// TestAForgetConfirmationExpires: a Yes pressed after ForgetConfirmTTL
// forgets nothing.
func TestAForgetConfirmationExpires(t *testing.T) {
	rdb, srv := testkit.Redis(t)
	e := newEnvOn(t, rdb)
	card := quizCard(t, e.cmd("bob", "quiz"))
	e.press("bob", quiz.AnswerPayload(card.ID, card.Correct))
	yes := payloadWithPrefix(t, e.cmd("bob", "forget me"), "f:")
	srv.FastForward(quiz.ForgetConfirmTTL + time.Second)
	if r := e.press("bob", yes); r.Outcome != quiz.OutcomeInvalid || !strings.HasPrefix(r.Notice, "This confirmation is no longer valid") {
		t.Errorf("a Yes after its TTL: %s %q", r.Outcome, r.Notice)
	}
	if e.stats("bob").Points == 0 {
		t.Error("an expired confirmation forgot bob")
	}
}

// lostTakeStore loses the reply of the first confirmation it takes after
// lose is set: Redis took the token, the caller was told an error (a
// client that gave up on the reply).
type lostTakeStore struct {
	*redisstore.Store
	lose atomic.Bool
}

func (s *lostTakeStore) TakeConfirmation(ctx context.Context, scope, token, what, by string) (bool, error) {
	taken, err := s.Store.TakeConfirmation(ctx, scope, token, what, by)
	if err == nil && s.lose.CompareAndSwap(true, false) {
		return false, errors.New("i/o timeout")
	}
	return taken, err
}

// TestAYesHandledAgainFinishesItsForgetting: a Yes whose taking of the
// token was lost on the way back is told to try again; its delivery
// handled again (a platform's retry, the inbox after a crash) finds the
// token taken by itself and forgets, once; another press of the same Yes
// is stale.
func TestAYesHandledAgainFinishesItsForgetting(t *testing.T) {
	rdb, _ := testkit.Redis(t)
	st := redisstore.New(rdb)
	lossy := &lostTakeStore{Store: st}
	e := newEnvWith(t, rdb, st, lossy)
	card := quizCard(t, e.cmd("bob", "quiz"))
	e.press("bob", quiz.AnswerPayload(card.ID, card.Correct))
	yes := payloadWithPrefix(t, e.cmd("bob", "forget me"), "f:")

	lossy.lose.Store(true)
	if r := e.deliver("bob", "press:1", pressing(yes)); r.Outcome != quiz.OutcomeUnavailable {
		t.Fatalf("the Yes whose take was lost: %s %q", r.Outcome, text(r))
	}
	if e.stats("bob").Points == 0 {
		t.Fatal("bob was forgotten although the Yes failed")
	}
	if got := redrawn(e.deliver("bob", "press:1", pressing(yes))); got != "Forgotten." {
		t.Errorf("the same Yes handled again: %q, want Forgotten.", got)
	}
	if e.stats("bob").Points != 0 {
		t.Error("bob was not forgotten")
	}
	if r := e.deliver("bob", "press:2", pressing(yes)); !strings.HasPrefix(r.Notice, "This confirmation is no longer valid") {
		t.Errorf("another press of the used Yes: %s %q", r.Outcome, r.Notice)
	}
}

// TestAConfirmationAnsweredInWords: yes or no typed after forget me (yes,
// y, the Yes button's label; 确定, 取消) presses the confirmation's Yes or
// Cancel, as the buttons do, in either language; only the one it was asked
// of answers it by typing, and only before they draw something else; with
// none asked, yes is still no command.
func TestAConfirmationAnsweredInWords(t *testing.T) {
	e := newEnv(t)
	scored := func(user string) {
		t.Helper()
		card := quizCard(t, e.cmd(user, "quiz"))
		e.press(user, quiz.AnswerPayload(card.ID, card.Correct))
		if e.stats(user).Points == 0 {
			t.Fatalf("%s scored nothing", user)
		}
	}
	for _, c := range []struct{ user, lang, forget, no, yes, kept, forgotten string }{
		{"ann", "en", "forget me", "no", "Yes, forget", "Cancelled: nothing was forgotten.", "Forgotten."},
		{"bob", "en", "forget me", "Cancel", "y", "Cancelled: nothing was forgotten.", "Forgotten."},
		{"li", "zh", "删除记录 我", "取消", "确定", "已取消，什么都没有删除。", "已删除。"},
	} {
		scored(c.user)
		e.cmd(c.user, "lang "+c.lang)
		e.cmd(c.user, c.forget)
		if got := text(e.cmd(c.user, c.no)); got != c.kept {
			t.Errorf("%s typed to %s's confirmation: %q, want %q", c.no, c.user, got, c.kept)
		}
		if e.stats(c.user).Points == 0 {
			t.Errorf("%s was forgotten after %s", c.user, c.no)
		}
		e.cmd(c.user, c.forget)
		if got := text(e.cmd(c.user, c.yes)); got != c.forgotten {
			t.Errorf("%s typed to %s's confirmation: %q, want %q", c.yes, c.user, got, c.forgotten)
		}
		if e.stats(c.user).Points != 0 {
			t.Errorf("%s was not forgotten after %s", c.user, c.yes)
		}
	}

	// Another's yes presses nothing of carol's, even an admin's.
	scored("carol")
	asked := e.cmd("carol", "forget me")
	for _, other := range []string{"dave", "admin"} {
		if got := text(e.cmd(other, "yes")); !strings.Contains(got, `I don't know the command "yes"`) {
			t.Errorf("%s typed yes after carol's forget me: %q", other, got)
		}
	}
	if e.stats("carol").Points == 0 {
		t.Fatal("carol was forgotten by another's yes")
	}
	// A card drawn since: yes is no answer to the confirmation, whose
	// button still stands.
	e.cmd("carol", "ask pv")
	if got := text(e.cmd("carol", "yes")); !strings.Contains(got, `"yes" is no command, and was not taken as an answer`) || e.stats("carol").Points == 0 {
		t.Errorf("yes after a card drawn since the confirmation: %q", got)
	}
	if got := e.press("carol", payloadWithPrefix(t, asked, "f:")); redrawn(got) != "Forgotten." {
		t.Errorf("the Yes button after: %+v", got)
	}
}
