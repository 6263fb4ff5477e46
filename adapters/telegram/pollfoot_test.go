package telegram

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/quiz"
)

// seenBeforeVoting is what a group sees of a quiz poll before voting: the
// message sent just before it in the chat (the poll's intro, when there is
// one) and the poll's question.
func seenBeforeVoting(e *env, poll telegramtest.Call) string {
	seen := ""
	for _, c := range e.api.Calls("sendMessage") {
		if c.OK() && c.Params.Get("chat_id") == poll.Params.Get("chat_id") && c.MessageID == poll.MessageID-1 {
			seen = c.Params.Get("text") + "\n"
		}
	}
	return seen + poll.Params.Get("question")
}

// readsOnceBeforeVoting checks that a poll's chat reads each of want once
// before voting.
func readsOnceBeforeVoting(t *testing.T, e *env, poll telegramtest.Call, want ...string) {
	t.Helper()
	seen := seenBeforeVoting(e, poll)
	for _, w := range want {
		if strings.Count(seen, w) != 1 {
			t.Errorf("chat %s does not read %q once before voting:\n%s", poll.Params.Get("chat_id"), w, seen)
		}
	}
}

// postQuiz has the core draw a quiz for a user of the given Telegram
// language, lets change adjust a copy of its poll, and posts it in the group
// through the Outbox.
func postQuiz(t *testing.T, e *env, a running, locale string, change func(*quiz.MultipleChoice)) telegramtest.Call {
	t.Helper()
	req := a.request(e.group, 0, &tgbotapi.User{ID: e.alice, FirstName: "Alice", LanguageCode: locale})
	req.Text = "quiz"
	m := e.core.Handle(context.Background(), req).Messages[0]
	card := *m.Quiz // the drawing is shared: change a copy
	change(&card)
	m.Quiz = &card
	if _, err := a.Post(context.Background(), strconv.FormatInt(e.group, 10), m); err != nil {
		t.Fatal(err)
	}
	return e.await("sendPoll", 1)[0]
}

func TestAQuizPollSaysWhatARightAnswerIsWorthBeforeVoting(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/quiz"))
	poll := e.await("sendPoll", 1)[0]
	readsOnceBeforeVoting(t, e, poll, fmt.Sprintf("Right answer +%d points · your first answer to a question each week counts", quiz.RightAnswerPoints))
}

func TestAChineseQuizPollSaysWhatARightAnswerIsWorth(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	poll := postQuiz(t, e, a, "zh-hans", func(*quiz.MultipleChoice) {})
	readsOnceBeforeVoting(t, e, poll, fmt.Sprintf("答对 +%d 分 · 每道题每周只计你的第一次作答", quiz.RightAnswerPoints))
}

// TestAQuizWhoseLineDoesNotFitThePollSaysItJustBefore stretches the prompt
// so that the header and the line no longer fit in the poll's question with
// it: they are sent as a message just before the poll, whose question is
// the prompt alone.
func TestAQuizWhoseLineDoesNotFitThePollSaysItJustBefore(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	prompt := strings.Repeat("長", maxPollQuestion-20)
	var card quiz.MultipleChoice
	poll := postQuiz(t, e, a, "en", func(c *quiz.MultipleChoice) { c.Prompt = prompt; card = *c })
	if q := poll.Params.Get("question"); q != prompt {
		t.Errorf("the poll's question is %q, want the prompt alone", q)
	}
	intro := to(e.api.Calls("sendMessage"), e.group)
	if len(intro) != 1 || intro[0].MessageID != poll.MessageID-1 {
		t.Fatalf("want one message just before the poll, got %+v", intro)
	}
	text := intro[0].Params.Get("text")
	for _, want := range []string{"<b>" + card.Header + "</b>", "<i>" + card.Footer + "</i>"} {
		if !strings.Contains(text, want) {
			t.Errorf("the intro lacks %q: %q", want, text)
		}
	}
}

// TestADailyPollSaysWhenItsAnswerIsRevealed posts the daily in an English
// and a Chinese group: each reads, before voting, the date, when the answer
// is revealed in its zone, and what a right answer is worth.
func TestADailyPollSaysWhenItsAnswerIsRevealed(t *testing.T) {
	e, sched, dc, _ := dailyEnv(t, 0)
	groups := map[int64]struct {
		zone, lang string
		hour       int
		want       []string
	}{
		-3001: {"UTC", "en", 9, []string{"2026-12-01 · answer revealed", "(UTC)", fmt.Sprintf("right +%d points, first right +%d more", quiz.DailyPoints, quiz.DailyFirstBonus)}},
		-3002: {"Asia/Shanghai", "zh", 17, []string{"2026-12-01 · ", "（Asia/Shanghai）公布答案", fmt.Sprintf("答对 +%d 分，第一个答对再 +%d", quiz.DailyPoints, quiz.DailyFirstBonus)}},
	}
	for chat, g := range groups {
		err := e.store.SaveDaily(context.Background(), quiz.DailySettings{
			Platform: "telegram", Scope: fmt.Sprintf("tg:%d", chat), Channel: fmt.Sprint(chat),
			Hour: g.hour, Minute: 30, Zone: g.zone, Since: dc.Now(), Lang: g.lang,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	dc.Set(time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC))
	sched.Tick(context.Background())
	sched.Tick(context.Background())
	polls := e.await("sendPoll", len(groups))
	if len(polls) != len(groups) {
		t.Fatalf("%d daily polls, want %d", len(polls), len(groups))
	}
	for _, poll := range polls {
		chat, _ := strconv.ParseInt(poll.Params.Get("chat_id"), 10, 64)
		readsOnceBeforeVoting(t, e, poll, groups[chat].want...)
	}
}
