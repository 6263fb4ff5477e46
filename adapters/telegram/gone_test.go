package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// TestAKickedBotTurnsItsDailyOff turns the daily on in a group as its
// creator, then removes the bot from the group: the day's post is refused
// with 403 and not tried again, the daily is off in the store, the admin
// is told once in their private chat, and the next day nothing is posted.
func TestAKickedBotTurnsItsDailyOff(t *testing.T) {
	e, sched, dc, r := dailyEnv(t, 0)
	e.api.SetMember(e.group, e.alice, "creator")
	e.deliver(r.Adapter, telegramtest.Message(1, e.group, e.alice, 1, "/daily on 10:00 UTC"))
	if calls := e.await("sendMessage", 1); !strings.Contains(calls[0].Params.Get("text"), "every day at 10:00 (UTC)") {
		t.Fatalf("daily on: %s", calls[0].Params.Get("text"))
	}
	e.api.Kick(e.group)
	scope, group, admin := fmt.Sprintf("tg:%d", e.group), fmt.Sprint(e.group), fmt.Sprint(e.alice)

	dc.Set(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
	sched.Tick(context.Background())
	sched.Tick(context.Background())
	told := e.await("sendMessage", 2)[1]
	if told.Params.Get("chat_id") != admin || !strings.Contains(told.Params.Get("text"), "daily question is off") {
		t.Fatalf("the admin was not told in their private chat: %+v", told.Params)
	}
	if _, on, err := e.store.Daily(context.Background(), scope, group); err != nil || on {
		t.Errorf("the daily is still on (%v) after the bot was kicked", err)
	}

	dc.Set(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
	sched.Tick(context.Background())
	sched.Tick(context.Background())
	if n := toChat(e.api.Calls("sendPoll"), group) + toChat(e.api.Calls("sendMessage"), group); n != 2 {
		t.Errorf("%d calls to the group, want the daily on's reply and the one refused post", n)
	}
	if n := toChat(e.api.Calls("sendMessage"), admin); n != 1 {
		t.Errorf("the admin was told %d times, want once", n)
	}
}

// toChat counts the calls to a chat.
func toChat(calls []telegramtest.Call, chat string) int {
	n := 0
	for _, c := range calls {
		if c.Params.Get("chat_id") == chat {
			n++
		}
	}
	return n
}

// TestPostSaysWhenTheChatIsGone: the Bot API's refusals that say the bot
// can no longer post in a chat are quiz.ErrGone, other refusals only
// quiz.ErrNotSent, and none is tried again.
func TestPostSaysWhenTheChatIsGone(t *testing.T) {
	refusal := func(status int, description string) telegramtest.Fault {
		return telegramtest.Fault{Status: status, Body: fmt.Sprintf(`{"ok":false,"error_code":%d,"description":%q}`, status, description)}
	}
	cases := []struct {
		refusal telegramtest.Fault
		gone    bool
	}{
		{refusal(http.StatusForbidden, "Forbidden: bot was kicked from the group chat"), true},
		{refusal(http.StatusForbidden, "Forbidden: bot was blocked by the user"), true},
		{refusal(http.StatusBadRequest, "Bad Request: chat not found"), true},
		{refusal(http.StatusBadRequest, "Bad Request: group chat was upgraded to a supergroup chat"), true},
		{refusal(http.StatusBadRequest, "Bad Request: group chat was deactivated"), true},
		{refusal(http.StatusBadRequest, "Bad Request: message is too long"), false},
	}
	e := newEnv(t)
	r := e.start()
	for i, c := range cases {
		e.api.Inject("sendMessage", c.refusal)
		_, err := r.Post(context.Background(), fmt.Sprint(e.group), quiz.Message{Blocks: []rich.Block{rich.Text("hello")}})
		if !errors.Is(err, quiz.ErrNotSent) || errors.Is(err, quiz.ErrGone) != c.gone {
			t.Errorf("%s: %v; want ErrNotSent, and ErrGone %v", c.refusal.Body, err, c.gone)
		}
		if n := len(e.api.Calls("sendMessage")); n != i+1 {
			t.Fatalf("%s: %d calls in all after %d posts: a refusal was tried again", c.refusal.Body, n, i+1)
		}
	}
}
