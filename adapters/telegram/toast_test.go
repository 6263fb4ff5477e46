package telegram

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/quiz"
)

// postButtonQuizzes posts n quizzes with buttons in the group (see
// postButtonQuiz) and returns their messages' IDs and cards.
func postButtonQuizzes(t *testing.T, e *env, a running, n int) ([]int, []quiz.MultipleChoice) {
	t.Helper()
	var ids []int
	var cards []quiz.MultipleChoice
	for range n {
		req := a.request(e.group, 0, &tgbotapi.User{ID: e.alice, FirstName: "Alice"})
		req.Text = "quiz"
		m := e.core.Handle(context.Background(), req).Messages[0]
		m.Quiz.Prompt = strings.Repeat("长", maxPollQuestion+1) // too long for a poll
		id, err := a.Post(context.Background(), strconv.FormatInt(e.group, 10), m)
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := strconv.Atoi(id)
		ids, cards = append(ids, msg), append(cards, *m.Quiz)
	}
	return ids, cards
}

// speaking makes an update's users speak another language.
func speaking(lang string, update []byte) []byte {
	return bytes.ReplaceAll(update, []byte(`"language_code":"en"`), []byte(`"language_code":"`+lang+`"`))
}

// TestAPressIsAnsweredAtOnceAndItsPrivateFeedbackFollows: a quiz answer in
// a group is answered with a toast that says right or wrong and the right
// option, in the user's language, before the private message is sent,
// however long that waits for Telegram's limits (a 429 here, waited in the
// test's virtual time).
func TestAPressIsAnsweredAtOnceAndItsPrivateFeedbackFollows(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	ids, cards := postButtonQuizzes(t, e, a, 1)
	card := cards[0]
	right := quiz.AnswerPayload(card.ID, card.Correct)
	wrong := quiz.AnswerPayload(card.ID, (card.Correct+1)%len(card.Choices))
	e.api.FailNext("sendMessage", 3) // the private message waits 3 s
	e.deliver(a.Adapter, telegramtest.Callback(2, e.group, e.alice, ids[0], right))
	settle(a)
	toast := e.api.Calls("answerCallbackQuery")[0]
	dm := to(e.api.Calls("sendMessage"), e.alice)
	if len(dm) != 2 || !toast.At.Before(dm[1].At) {
		t.Errorf("the press was not answered before its private message was sent (toast at %v, messages %v)", toast.At, dm)
	}
	e.deliver(a.Adapter, speaking("zh-hans", telegramtest.Callback(3, e.group, e.bob, ids[0], wrong)))
	settle(a)

	letter := string(rune('A' + card.Correct))
	toasts := e.toasts()
	if got := toasts["cb-2"]; !strings.Contains(got, "Right") {
		t.Errorf("the right answer's toast: %q", got)
	}
	if got := toasts["cb-3"]; !strings.Contains(got, "错误") || !strings.Contains(got, letter+". "+card.Choices[card.Correct]) {
		t.Errorf("the wrong answer's toast, in Chinese with the right option %s in full: %q", letter, got)
	}
	for _, user := range []int64{e.alice, e.bob} {
		dm := to(e.api.Calls("sendMessage"), user)
		if len(dm) == 0 || !dm[len(dm)-1].OK() || !strings.Contains(dm[len(dm)-1].Params.Get("text"), card.Choices[card.Correct]) {
			t.Errorf("user %d's private feedback: %v", user, dm)
		}
		if got := buttons(t, dm[len(dm)-1]); len(got) != 1 || !strings.HasPrefix(got[0], "s:") {
			t.Errorf("user %d's feedback has buttons %v, want the Full answer", user, got)
		}
	}
	if e.points(e.group, e.alice) != quiz.RightAnswerPoints || e.points(e.group, e.bob) != 0 {
		t.Errorf("points: alice %d, bob %d", e.points(e.group, e.alice), e.points(e.group, e.bob))
	}
}

// TestAUserWhoNeverStartedTheBotIsToldHowToOpenIt: the first answer's
// private feedback is refused; from then on, the user's toasts say how to
// open the bot's private chat, with the link that opens it.
func TestAUserWhoNeverStartedTheBotIsToldHowToOpenIt(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.api.Forbid(e.bob)
	ids, cards := postButtonQuizzes(t, e, a, 2)
	e.deliver(a.Adapter, telegramtest.Callback(2, e.group, e.bob, ids[0], quiz.AnswerPayload(cards[0].ID, cards[0].Correct)))
	settle(a)
	e.deliver(a.Adapter, telegramtest.Callback(3, e.group, e.bob, ids[1], quiz.AnswerPayload(cards[1].ID, cards[1].Correct)))
	settle(a)
	toasts := e.toasts()
	if got := toasts["cb-2"]; !strings.Contains(got, "Right") || strings.Contains(got, "t.me") {
		t.Errorf("the first toast: %q, want the verdict alone (the refusal is not known yet)", got)
	}
	if got := toasts["cb-3"]; !strings.Contains(got, "Right") ||
		!strings.Contains(got, "open a private chat with @KubeQuizBot") || !strings.Contains(got, "https://t.me/KubeQuizBot?start=again") {
		t.Errorf("the second toast: %q, want the verdict, how to open the bot and its link", got)
	}
	if n := len(to(e.api.Calls("sendMessage"), e.group)); n != 2 {
		t.Errorf("%d messages in the group, want the 2 quizzes: feedback is never posted there", n)
	}
}

// TestAnUpdateTooLateIsToldBusyExceptAVote: what the runner sheds by age
// (edge.LateTeller) — a press is answered "too busy" in the user's
// language, a command told in its chat; a vote is never shed.
func TestAnUpdateTooLateIsToldBusyExceptAVote(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	w := worker{a.Adapter}
	press := edge.Delivery{ID: "update:2", Kind: kindUpdate, Body: speaking("zh-hans", telegramtest.Callback(2, e.group, e.alice, 5, "a:x:0"))}
	command := edge.Delivery{ID: "update:3", Kind: kindUpdate, Body: telegramtest.Message(3, e.group, e.bob, 7, "/quiz")}
	vote := edge.Delivery{ID: "update:4", Kind: kindUpdate, Body: telegramtest.PollAnswer(4, "p", e.carol, 0)}
	if !w.TooLate(context.Background(), press) || !w.TooLate(context.Background(), command) {
		t.Fatal("a press or a command was not told")
	}
	if w.TooLate(context.Background(), vote) {
		t.Fatal("a vote was shed: its voter cannot vote again")
	}
	if got := e.toasts()["cb-2"]; got != quiz.Busy(quiz.LangZH) {
		t.Errorf("the press's answer: %q, want %q", got, quiz.Busy(quiz.LangZH))
	}
	sent := to(e.api.Calls("sendMessage"), e.group)
	if len(sent) != 1 || !strings.Contains(sent[0].Params.Get("text"), "Too busy") || !strings.Contains(sent[0].Params.Get("reply_parameters"), `"message_id":7`) {
		t.Errorf("the command's telling: %v", sent)
	}
	if n := len(e.api.Calls("sendPoll")); n != 0 {
		t.Errorf("the shed command was handled: %d polls", n)
	}
}

// TestAnUpdateTooLateIsToldBusyInTheBotsLanguage: a user whose Telegram
// language the bot does not speak (fr) is told "too busy" in the bot's
// default language (adapters.Deps.Lang), or in both when it has none, as
// an apology is; not in Chinese alone.
func TestAnUpdateTooLateIsToldBusyInTheBotsLanguage(t *testing.T) {
	for _, c := range []struct {
		lang quiz.Lang
		want string
	}{{quiz.LangEN, quiz.Busy(quiz.LangEN)}, {"", quiz.Bilingual(quiz.Busy)}} {
		e := newEnv(t)
		e.lang = c.lang
		a := e.start()
		w := worker{a.Adapter}
		press := edge.Delivery{ID: "update:2", Kind: kindUpdate, Body: speaking("fr", telegramtest.Callback(2, e.group, e.alice, 5, "a:x:0"))}
		command := edge.Delivery{ID: "update:3", Kind: kindUpdate, Body: speaking("fr", telegramtest.Message(3, e.group, e.bob, 7, "/quiz"))}
		if !w.TooLate(context.Background(), press) || !w.TooLate(context.Background(), command) {
			t.Fatal("a press or a command was not told")
		}
		if got := e.toasts()["cb-2"]; got != c.want {
			t.Errorf("bot language %q: the press's answer: %q, want %q", c.lang, got, c.want)
		}
		if sent := to(e.api.Calls("sendMessage"), e.group); len(sent) != 1 || sent[0].Params.Get("text") != c.want {
			t.Errorf("bot language %q: the command's telling: %v, want %q", c.lang, sent, c.want)
		}
	}
}

// TestTheWebhookReadsOnlyTheUpdateIDToAcceptIt: a body without an update_id
// is refused; one the library cannot read is acknowledged (a redelivery
// would fail alike) and dropped by the worker that reads it, logged.
func TestTheWebhookReadsOnlyTheUpdateIDToAcceptIt(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	if got := post(a.Adapter, []byte(`{"message":{"text":"/help"}}`), testSecret); got != 400 {
		t.Errorf("a body without an update_id: status %d, want 400", got)
	}
	if got := post(a.Adapter, []byte(`{"update_id":7,"message":"not a message"}`), testSecret); got != 200 {
		t.Errorf("an update the library cannot read: status %d, want 200", got)
	}
	settle(a)
	if !strings.Contains(e.logs.String(), "an update the library cannot read was dropped") {
		t.Error("the unreadable update was not dropped with a log line")
	}
}

// queueAged puts updates in the bot's inbox as if accepted ago, the oldest
// first, as a Redis stream stamps its entries; those of inHand as taken by
// a replica that died with them in hand long enough ago to be taken over.
func queueAged(t *testing.T, e *env, a running, updates []agedUpdate) {
	t.Helper()
	ctx := context.Background()
	stream := "kq:{inbox:telegram:" + a.cfg.BotID() + "}"
	if err := e.rdb.XGroupCreateMkStream(ctx, stream, "workers", "$").Err(); err != nil && !strings.Contains(err.Error(), "BUSYGROUP") {
		t.Fatal(err)
	}
	for i, u := range updates {
		id := strconv.FormatInt(time.Now().Add(-u.ago).UnixMilli(), 10) + "-" + strconv.Itoa(i)
		if err := e.rdb.XAdd(ctx, &redis.XAddArgs{Stream: stream, ID: id, Values: []any{"k", kindUpdate, "b", u.body, "i", "update:" + strconv.Itoa(100+i)}}).Err(); err != nil {
			t.Fatal(err)
		}
		if !u.inHand {
			continue
		}
		taken, err := e.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "workers", Consumer: "died", Streams: []string{stream, ">"}, Count: 1}).Result()
		if err != nil || len(taken) != 1 || len(taken[0].Messages) != 1 || taken[0].Messages[0].ID != id {
			t.Fatalf("taking the entry in hand: %v %v", taken, err)
		}
		if err := e.rdb.Do(ctx, "XCLAIM", stream, "workers", "died", 0, id, "IDLE", time.Minute.Milliseconds(), "JUSTID").Err(); err != nil {
			t.Fatal(err)
		}
	}
}

// agedUpdate is an update in the inbox, accepted ago.
type agedUpdate struct {
	body   []byte
	ago    time.Duration
	inHand bool
}

// TestAPressTooOldForAToastIsToldByMessageOnce: Telegram takes a press's
// answer for about 15 s (the fake refuses it later). A press handled later
// than that after its acceptance — taken over from a replica that died
// with it in hand — is answered by its private feedback alone, no toast; a
// press shed that late is told "too busy" privately; one shed in time is
// told in its toast; one whose toast Telegram refuses as too old (it
// waited at Telegram) is told by its private feedback. Each user is told
// once, and only the presses answered are scored.
func TestAPressTooOldForAToastIsToldByMessageOnce(t *testing.T) {
	e := newEnv(t)
	first := e.start()
	ids, cards := postButtonQuizzes(t, e, first, 1)
	first.stop()
	right := quiz.AnswerPayload(cards[0].ID, cards[0].Correct)
	press := func(update int, user int64) []byte {
		return telegramtest.Callback(update, e.group, user, ids[0], right)
	}
	taken, shedLate, shedInTime, waited := press(2, e.alice), press(3, e.bob), press(4, e.carol), press(5, e.dave)
	now := e.clock.Now()
	e.api.Pressed(taken, now.Add(-20*time.Second))
	e.api.Pressed(shedLate, now.Add(-20*time.Second))
	e.api.Pressed(shedInTime, now)
	e.api.Pressed(waited, now.Add(-20*time.Second))
	queueAged(t, e, first, []agedUpdate{{taken, 20 * time.Second, true}, {shedLate, 20 * time.Second, false}, {shedInTime, 6 * time.Second, false}})
	a := e.start()
	e.deliver(a.Adapter, waited)
	settle(a)

	toasts := map[string][]telegramtest.Call{}
	for _, c := range e.api.Calls("answerCallbackQuery") {
		toasts[c.Params.Get("callback_query_id")] = append(toasts[c.Params.Get("callback_query_id")], c)
	}
	if n := len(toasts["cb-2"]) + len(toasts["cb-3"]); n != 0 {
		t.Errorf("%d toasts for the presses handled too late for one, want none: %v", n, toasts)
	}
	if got := toasts["cb-4"]; len(got) != 1 || !got[0].OK() || !strings.Contains(got[0].Params.Get("text"), "Too busy") {
		t.Errorf("the toast of the press shed in time: %v, want one saying too busy", got)
	}
	if got := toasts["cb-5"]; len(got) != 1 || got[0].OK() {
		t.Errorf("the toast of the press that waited at Telegram: %v, want one, refused as too old", got)
	}
	private := func(user int64) []string {
		var texts []string
		for _, c := range to(e.api.Calls("sendMessage"), user) {
			if c.OK() {
				texts = append(texts, c.Params.Get("text"))
			}
		}
		return texts
	}
	for _, who := range []struct {
		name string
		user int64
		want string
	}{{"taken over", e.alice, cards[0].Choices[cards[0].Correct]}, {"shed late", e.bob, "Too busy"}, {"waited at Telegram", e.dave, cards[0].Choices[cards[0].Correct]}} {
		if got := private(who.user); len(got) != 1 || !strings.Contains(got[0], who.want) {
			t.Errorf("the press %s was told privately %q, want once, with %q", who.name, got, who.want)
		}
	}
	if got := private(e.carol); len(got) != 0 {
		t.Errorf("the press shed in time was also told privately: %q", got)
	}
	if e.points(e.group, e.alice) != quiz.RightAnswerPoints || e.points(e.group, e.dave) != quiz.RightAnswerPoints ||
		e.points(e.group, e.bob) != 0 || e.points(e.group, e.carol) != 0 {
		t.Errorf("points: alice %d, bob %d, carol %d, dave %d: want the presses answered scored, the shed ones not",
			e.points(e.group, e.alice), e.points(e.group, e.bob), e.points(e.group, e.carol), e.points(e.group, e.dave))
	}
}

// TestFollowUpsBeyondTheBacklogAreDroppedAndTheVoteStillScored: when the
// private messages waiting for Telegram's limits are as many as it sends in
// ten seconds, a vote is scored and its feedback dropped, and logged.
func TestFollowUpsBeyondTheBacklogAreDroppedAndTheVoteStillScored(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/quiz"))
	poll := e.await("sendPoll", 1)[0]
	a.followUps.backlog.Store(a.maxPrivateBacklog()) // Telegram's next ten seconds are taken
	e.deliver(a.Adapter, telegramtest.PollAnswer(2, poll.PollID, e.bob, 0))
	settle(a)
	a.followUps.backlog.Store(0)
	if n := len(to(e.api.Calls("sendMessage"), e.bob)); n != 0 {
		t.Errorf("%d private messages to the voter, want the feedback dropped", n)
	}
	if !strings.Contains(e.logs.String(), "private follow-ups were dropped") {
		t.Error("the dropped follow-up was not logged")
	}
	e.deliver(a.Adapter, telegramtest.PollAnswer(3, poll.PollID, e.carol, 0))
	settle(a)
	if n := len(to(e.api.Calls("sendMessage"), e.carol)); n != 1 {
		t.Errorf("%d private messages to the next voter, want the feedback", n)
	}
}
