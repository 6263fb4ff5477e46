package telegram

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/redisstore"
)

// dailyEnv is a bot on a Redis of its own (the daily channels are listed
// per Redis), with a core that keeps daily questions and a scheduler that
// posts through the adapter.
func dailyEnv(t *testing.T, perSecond int) (*env, *quiz.Scheduler, *testkit.Clock, running) {
	t.Helper()
	rdb, _ := testkit.Redis(t)
	return dailyEnvOn(t, perSecond, rdb)
}

// dailyEnvOn is dailyEnv on rdb.
func dailyEnvOn(t *testing.T, perSecond int, rdb redis.UniversalClient) (*env, *quiz.Scheduler, *testkit.Clock, running) {
	t.Helper()
	clock := newFakeClock()
	token := fmt.Sprintf("%d:TEST-daily_%s", 990000+botCount.Add(1), strings.Repeat("y", 30))
	api := telegramtest.NewServer(token, telegramtest.Options{Now: clock.Now, MessagesPerSecond: perSecond})
	t.Cleanup(api.Close)
	store := redisstore.New(rdb)
	dc := testkit.NewClock(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	core, err := quiz.New(quiz.Config{
		Bank: testkit.ShippedBank(t), Quizzes: shippedQuizzes(t), Store: store, Daily: store, Lang: "en", Rand: rand.NewPCG(9, 9), Now: dc.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, api: api, store: store, rdb: rdb, core: core, clock: clock, logs: &testkit.LogBuffer{T: t},
		cfg: Config{Token: token, APIEndpoint: api.Endpoint(), Clock: clock,
			WebhookURL: "https://bot.example.com/telegram/webhook", WebhookSecret: testSecret},
		group: -1009, alice: 11, bob: 12}
	r := e.start()
	sched := quiz.NewScheduler(core, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"telegram": r.Adapter}})
	return e, sched, dc, r
}

func TestTheDailyQuestionInAGroup(t *testing.T) {
	e, sched, dc, r := dailyEnv(t, 0)
	e.api.SetMember(e.group, e.alice, "creator")
	e.deliver(r.Adapter, telegramtest.Message(1, e.group, e.bob, 1, "/daily on 10:00 UTC"))
	if calls := e.await("sendMessage", 1); !strings.Contains(calls[0].Params.Get("text"), "Only admins") {
		t.Fatalf("a member turned the daily on: %s", calls[0].Params.Get("text"))
	}
	e.deliver(r.Adapter, telegramtest.Message(2, e.group, e.alice, 2, "/daily on 10:00 UTC"))
	if calls := e.await("sendMessage", 2); !strings.Contains(calls[1].Params.Get("text"), "every day at 10:00 (UTC)") {
		t.Fatalf("the creator's daily on: %s", calls[1].Params.Get("text"))
	}

	dc.Set(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
	sched.Tick(context.Background())
	sched.Tick(context.Background())
	polls := e.await("sendPoll", 1)
	if got := len(e.api.Calls("sendPoll")); got != 1 {
		t.Fatalf("%d daily polls, want 1", got)
	}
	if !strings.Contains(polls[0].Params.Get("question"), "Daily question") && !strings.Contains(lastText(e), "Daily question") {
		t.Errorf("the daily poll is not marked as the daily question")
	}
	correct := correctOption(t, polls[0])
	e.deliver(r.Adapter, telegramtest.PollAnswer(3, polls[0].PollID, e.alice, correct), telegramtest.PollAnswer(4, polls[0].PollID, e.bob, correct))
	// The two votes are handled concurrently: either may be first.
	want := int64(2*quiz.DailyPoints + quiz.DailyFirstBonus)
	testkit.Eventually(t, "both answers scored", func() bool { return e.points(e.group, e.alice)+e.points(e.group, e.bob) == want })
	if a, b := e.points(e.group, e.alice), e.points(e.group, e.bob); max(a, b) != quiz.DailyPoints+quiz.DailyFirstBonus {
		t.Errorf("points %d and %d: the first right answer should earn %d", a, b, quiz.DailyPoints+quiz.DailyFirstBonus)
	}

	dc.Set(time.Date(2026, 12, 1, 18, 0, 0, 0, time.UTC))
	sched.Tick(context.Background())
	// The voters' private feedback may be sent after the reveal: it is
	// looked for among the group's messages, not as the last one sent.
	var reveal string
	testkit.Eventually(t, "the reveal", func() bool {
		reveal = textIn(e, e.group, "The daily question's answer")
		return reveal != ""
	})
	for _, want := range []string{"2 answered, 2 right.", "This week's top five, ties included:"} {
		if !strings.Contains(reveal, want) {
			t.Errorf("the reveal lacks %q:\n%s", want, reveal)
		}
	}
	testkit.Eventually(t, "the daily's poll is stopped", func() bool { return len(e.api.Calls("stopPoll")) == 1 })
	if stop := e.api.Calls("stopPoll")[0]; !stop.OK() || stop.Params.Get("chat_id") != fmt.Sprint(e.group) {
		t.Errorf("stopPoll: %+v", stop)
	}
}

// TestDailyNowIsAPollThatDailyRevealCloses runs the daily by hand: the
// poll `daily now` posts is recorded with its message ID, so that `daily
// reveal` stops it.
func TestDailyNowIsAPollThatDailyRevealCloses(t *testing.T) {
	e, _, dc, r := dailyEnv(t, 0)
	e.api.SetMember(e.group, e.alice, "administrator")
	dc.Set(time.Date(2026, 12, 1, 17, 4, 0, 0, time.UTC))
	e.deliver(r.Adapter, telegramtest.Message(1, e.group, e.alice, 1, "/daily now"))
	poll := e.await("sendPoll", 1)[0]
	if poll.Params.Get("chat_id") != fmt.Sprint(e.group) || !strings.Contains(poll.Params.Get("question"), "Daily question") {
		t.Fatalf("daily now sent %+v", poll.Params)
	}
	testkit.Eventually(t, "the admin is told", func() bool { return strings.Contains(lastText(e), "Today's daily question is posted") })
	e.deliver(r.Adapter, telegramtest.PollAnswer(2, poll.PollID, e.bob, correctOption(t, poll)))
	testkit.Eventually(t, "the vote is scored", func() bool { return e.points(e.group, e.bob) == quiz.DailyPoints+quiz.DailyFirstBonus })
	e.deliver(r.Adapter, telegramtest.Message(3, e.group, e.alice, 3, "/daily reveal"))
	stops := e.await("stopPoll", 1)
	if stops[0].Params.Get("chat_id") != fmt.Sprint(e.group) || stops[0].Params.Get("message_id") != fmt.Sprint(poll.MessageID) || !stops[0].OK() {
		t.Errorf("stopPoll %+v, want the daily's poll %d stopped", stops[0].Params, poll.MessageID)
	}
	found := false
	for _, c := range e.api.Calls("sendMessage") {
		found = found || strings.Contains(c.Params.Get("text"), "The daily question's answer")
	}
	if !found {
		t.Error("the reveal was not posted in the group")
	}
}

// TestADailyNowHandledAgainRepliesAsItsFirstHandling, on a real
// redis-server: a group admin's `/daily now` posts the daily poll and says
// so; its update is then handled again, as the inbox does with one in
// flight when its bot was killed. The second handling says what the first
// did, "posted", never "posted already", and sends no second poll.
func TestADailyNowHandledAgainRepliesAsItsFirstHandling(t *testing.T) {
	e, _, dc, r := dailyEnvOn(t, 0, redistest.Start(t).Client(t))
	e.api.SetMember(e.group, e.alice, "administrator")
	dc.Set(time.Date(2026, 12, 1, 17, 4, 0, 0, time.UTC))
	update := telegramtest.Message(1, e.group, e.alice, 1, "/daily now")
	e.deliver(r.Adapter, update)
	e.await("sendPoll", 1)
	testkit.Eventually(t, "the admin is told", func() bool { return strings.Contains(lastText(e), "Today's daily question is posted") })
	settle(r)
	first, told := lastText(e), len(e.api.Calls("sendMessage"))

	if err := (worker{a: r.Adapter}).Work(context.Background(), edge.Delivery{ID: "update:1", Kind: kindUpdate, Body: update}); err != nil {
		t.Fatal(err)
	}
	testkit.Eventually(t, "the admin is told again", func() bool { return len(e.api.Calls("sendMessage")) > told })
	if again := lastText(e); again != first {
		t.Errorf("handled again, daily now says %q; want what its first handling said, %q", again, first)
	}
	settle(r)
	if n := len(e.api.Calls("sendPoll")); n != 1 {
		t.Errorf("%d polls sent, want the one daily", n)
	}
}

// TestAThousandGroupsDueAtOnce posts a daily to 1,000 groups due the same
// minute through the adapter, against a fake that refuses more than 30
// messages a second: every group gets its post once, none is lost, and the
// posts take at least the 33 s that 30/s allows (in virtual time).
func TestAThousandGroupsDueAtOnce(t *testing.T) {
	e, sched, dc, _ := dailyEnv(t, 30)
	const groups = 1000
	for i := range groups {
		err := e.store.SaveDaily(context.Background(), quiz.DailySettings{
			Platform: "telegram", Scope: fmt.Sprintf("tg:%d", -2000-i), Channel: fmt.Sprint(-2000 - i),
			Hour: 9, Minute: 30, Zone: "UTC", Since: dc.Now(), Lang: "en",
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	start := e.clock.Now()
	dc.Set(time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC))
	sched.Tick(context.Background())
	sched.Tick(context.Background())
	perChat := map[string]int{}
	refused := 0
	for _, c := range e.api.Calls("sendPoll") {
		if !c.OK() {
			refused++ // a 429: the adapter waits and sends it again
			continue
		}
		perChat[c.Params.Get("chat_id")]++
	}
	for _, c := range e.api.Calls("sendMessage") {
		if c.OK() && strings.Contains(c.Params.Get("reply_markup"), `"a:`) {
			perChat[c.Params.Get("chat_id")]++ // a daily too long for a poll, with buttons
		}
	}
	if len(perChat) != groups {
		t.Errorf("%d groups got a daily, want %d", len(perChat), groups)
	}
	for chat, n := range perChat {
		if n != 1 {
			t.Errorf("group %s got %d dailies", chat, n)
		}
	}
	took := e.clock.Now().Sub(start)
	t.Logf("1,000 dailies took %s of virtual time at 30/s; %d sends were refused with 429 and sent again", took, refused)
	if took < 33*time.Second {
		t.Errorf("1,000 posts took %s: faster than 30 a second", took)
	}
}

// textIn is the latest text sent to chat that holds part, or "".
func textIn(e *env, chat int64, part string) string {
	calls := e.api.Calls("sendMessage")
	for i := len(calls) - 1; i >= 0; i-- {
		if text := calls[i].Params.Get("text"); calls[i].Params.Get("chat_id") == fmt.Sprint(chat) && strings.Contains(text, part) {
			return text
		}
	}
	return ""
}

func lastText(e *env) string {
	calls := e.api.Calls("sendMessage")
	if len(calls) == 0 {
		return ""
	}
	return calls[len(calls)-1].Params.Get("text")
}

func correctOption(t *testing.T, poll telegramtest.Call) int {
	t.Helper()
	ids := poll.Params.Get("correct_option_ids")
	var n int
	if _, err := fmt.Sscanf(strings.Trim(ids, "[]"), "%d", &n); err != nil {
		t.Fatalf("correct_option_ids %q: %v", ids, err)
	}
	return n
}

func TestClosingAQuizSentWithButtonsTakesTheButtonsAway(t *testing.T) {
	e := newEnv(t)
	r := e.start()
	msg := quiz.Message{
		Blocks:  []rich.Block{rich.Text("a quiz too long for a poll")},
		Buttons: [][]quiz.Button{{{Label: "A", Payload: quiz.AnswerPayload("abcdefgh", 0)}}},
	}
	id, err := r.Post(context.Background(), fmt.Sprint(e.group), msg)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.CloseQuiz(context.Background(), fmt.Sprint(e.group), id, quiz.Message{}); err != nil {
		t.Fatalf("CloseQuiz: %v", err)
	}
	edits := e.await("editMessageReplyMarkup", 1)
	if edits[0].Params.Get("message_id") != id || strings.Contains(edits[0].Params.Get("reply_markup"), "callback_data") {
		t.Errorf("the buttons were not taken away: %+v", edits[0].Params)
	}
}

// TestClosingAQuizWithoutItsMessageIDCallsNoAPI: a daily whose send's
// outcome was unknown has no message ID; closing it is a no-op, not a
// refused stopPoll.
func TestClosingAQuizWithoutItsMessageIDCallsNoAPI(t *testing.T) {
	e := newEnv(t)
	r := e.start()
	if err := r.CloseQuiz(context.Background(), fmt.Sprint(e.group), "", quiz.Message{}); err != nil {
		t.Fatalf("CloseQuiz without a message ID: %v", err)
	}
	for _, method := range []string{"stopPoll", "editMessageReplyMarkup"} {
		if calls := e.api.Calls(method); len(calls) != 0 {
			t.Errorf("%s called without a message ID: %+v", method, calls)
		}
	}
}

// TestAnAnonymousAdminIsAnAdmin: a group's administrator who posts as the
// group (Telegram sends their messages from GroupAnonymousBot) may run
// admin commands and is answered; before, every message from a bot was
// dropped, and they met silence.
func TestAnAnonymousAdminIsAnAdmin(t *testing.T) {
	e, _, _, r := dailyEnv(t, 0)
	e.deliver(r.Adapter, telegramtest.AnonymousAdminMessage(1, e.group, 1, "/daily on 10:00 UTC"))
	if calls := e.await("sendMessage", 1); !strings.Contains(calls[0].Params.Get("text"), "every day at 10:00 (UTC)") {
		t.Fatalf("an anonymous admin's daily on: %s", calls[0].Params.Get("text"))
	}
	e.deliver(r.Adapter, telegramtest.AnonymousAdminMessage(2, e.group, 2, "/top"))
	if calls := e.await("sendMessage", 2); calls[1].Params.Get("chat_id") != strconv.FormatInt(e.group, 10) {
		t.Errorf("an anonymous admin's /top was answered elsewhere: %v", calls[1].Params)
	}
	if n := len(e.api.Calls("getChatMember")); n != 0 {
		t.Errorf("%d getChatMember calls for the group's own voice, want none", n)
	}
}
