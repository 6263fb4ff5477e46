package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/redisstore"
)

// settle waits until the adapter has handled every update accepted so far,
// and sent what follows the replies: an entry leaves the inbox once
// handled, after its follow-ups were given to the runner.
func settle(a running) {
	in := a.inbox.(*redisstore.Inbox)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if n, err := in.Backlog(context.Background()); err == nil && n == 0 && a.runner.LaterRunning() == 0 {
			return
		}
	}
	panic("the adapter did not handle its updates within 10 s")
}

// sentButton is a button of a sent message's inline keyboard.
type sentButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// sentKeyboard reads the buttons of a sent message's keyboard, row after row.
func sentKeyboard(t *testing.T, c telegramtest.Call) []sentButton {
	t.Helper()
	var kb struct {
		InlineKeyboard [][]sentButton `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(c.Params.Get("reply_markup")), &kb); err != nil {
		t.Fatalf("reply_markup %q: %v", c.Params.Get("reply_markup"), err)
	}
	var out []sentButton
	for _, row := range kb.InlineKeyboard {
		out = append(out, row...)
	}
	return out
}

// buttons reads the callback data of a sent message's keyboard.
func buttons(t *testing.T, c telegramtest.Call) []string {
	t.Helper()
	var out []string
	for _, b := range sentKeyboard(t, c) {
		out = append(out, b.CallbackData)
	}
	return out
}

// toasts are the answers to button presses, text and link, by query ID.
func (e *env) toasts() map[string]string {
	out := map[string]string{}
	for _, c := range e.api.Calls("answerCallbackQuery") {
		out[c.Params.Get("callback_query_id")] = strings.TrimSpace(c.Params.Get("text") + " " + c.Params.Get("url"))
	}
	return out
}

// to keeps the calls to one chat.
func to(calls []telegramtest.Call, chat int64) []telegramtest.Call {
	return slices.DeleteFunc(slices.Clone(calls), func(c telegramtest.Call) bool {
		return c.Params.Get("chat_id") != strconv.FormatInt(chat, 10)
	})
}

func TestAskInAGroupRepliesWithAQuestionOnTheTopicInHTML(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/ask pv"))
	msg := e.await("sendMessage", 1)[0]
	if msg.Params.Get("chat_id") != strconv.FormatInt(e.group, 10) || msg.Params.Get("parse_mode") != "HTML" {
		t.Fatalf("sent %v", msg.Params)
	}
	if got := msg.Params.Get("reply_parameters"); !strings.Contains(got, `"message_id":10`) {
		t.Errorf("not a reply to the command: reply_parameters %q", got)
	}
	visible := checkHTML(t, msg.Params.Get("text"))
	show := buttons(t, msg)[0]
	id, _, _ := strings.Cut(strings.TrimPrefix(show, "s:"), ":") // s:<id>[:<topic>]
	q, ok := testkit.ShippedBank(t).ByID(id)
	if !ok || !strings.HasPrefix(show, "s:") {
		t.Fatalf("the first button %q does not show a question's answer", show)
	}
	if !slices.Contains(q.Topics, "pv") || !strings.Contains(visible, q.Title) {
		t.Fatalf("asked %q (topics %v), showing:\n%s", q.Title, q.Topics, visible)
	}
}

func TestCommandsForAnotherBotAreIgnored(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter,
		telegramtest.Message(1, e.group, e.alice, 10, "/ask@otherbot pv"),
		telegramtest.Message(2, e.group, e.alice, 11, "/help@KubeQuizBot"),
	)
	settle(a)
	sent := e.api.Calls("sendMessage")
	if len(sent) != 1 || !strings.Contains(sent[0].Params.Get("reply_parameters"), `"message_id":11`) {
		t.Fatalf("want only the reply to /help@KubeQuizBot, sent %d messages", len(sent))
	}
}

func TestQuizPollAnswersAreScoredOnceAlsoAfterARestart(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/quiz"))
	poll := e.await("sendPoll", 1)[0]
	p := poll.Params
	var correct []int
	if err := json.Unmarshal([]byte(p.Get("correct_option_ids")), &correct); err != nil || len(correct) != 1 {
		t.Fatalf("correct_option_ids %q", p.Get("correct_option_ids"))
	}
	if p.Get("is_anonymous") != "false" || p.Get("type") != "quiz" || p.Has("correct_option_id") {
		t.Fatalf("not a non-anonymous quiz poll in the current parameters: %v", p)
	}
	if p.Get("protect_content") != "true" {
		t.Errorf("the poll may be forwarded, and voted on by anyone who sees a copy: %v", p)
	}
	if !strings.Contains(p.Get("reply_parameters"), `"message_id":10`) {
		t.Errorf("the poll does not reply to /quiz")
	}
	if q := p.Get("question"); !strings.HasPrefix(q, "🧩 ") || !strings.Contains(q, "\n\n") {
		t.Errorf("the poll's question lacks the quiz's header: %q", q)
	}
	wrong := (correct[0] + 1) % 4

	e.deliver(a.Adapter, telegramtest.PollAnswer(2, poll.PollID, e.alice, correct[0]))
	settle(a)
	a.stop() // a restart: a new adapter, the same Redis
	b := e.start()
	e.deliver(b.Adapter,
		telegramtest.PollAnswer(3, poll.PollID, e.bob, correct[0]),
		telegramtest.PollAnswer(4, poll.PollID, e.alice, correct[0]), // Telegram would not send it; counted once all the same
		telegramtest.PollAnswer(5, poll.PollID, e.carol, wrong),
		telegramtest.PollAnswer(6, "poll-of-someone-else", e.dave, 0),
	)
	settle(b)
	for user, want := range map[int64]int64{e.alice: quiz.RightAnswerPoints, e.bob: quiz.RightAnswerPoints, e.carol: 0, e.dave: 0} {
		if got := e.points(e.group, user); got != want {
			t.Errorf("user %d has %d points, want %d", user, got, want)
		}
	}
	if n := len(to(e.api.Calls("sendMessage"), e.group)); n != 0 {
		t.Errorf("%d messages in the e.group: feedback on a poll answer is private", n)
	}
	feedback := to(e.api.Calls("sendMessage"), e.bob)
	if len(feedback) != 1 || !strings.Contains(feedback[0].Params.Get("text"), "Right") {
		t.Errorf("e.bob's private feedback: %v", feedback)
	}
	// The poll's owner stays "<chat>:<quiz>", as an older version reads it
	// (a rollback, or an older replica during a rollout, scores votes).
	owner, _, _ := e.store.Get(context.Background(), e.cfg.PollOwnerKey(poll.PollID))
	if chat, quizID, ok := strings.Cut(owner, ":"); !ok || chat != strconv.FormatInt(e.group, 10) || quizID == "" || strings.Contains(quizID, ":") {
		t.Errorf("the poll's owner %q is not <chat>:<quiz>", owner)
	}
	// The points are the group's: the private feedback names it.
	if len(feedback) == 1 && !strings.HasPrefix(feedback[0].Params.Get("text"), "<i>💬 Group</i>") {
		t.Errorf("e.bob's private feedback does not name the group it comes from: %q", feedback[0].Params.Get("text"))
	}
}

// postButtonQuiz posts, through the Outbox, a quiz in the e.group that does
// not fit a poll, and returns the posted message and the quiz's card. The
// shipped bank's quizzes all fit a poll, so the card's prompt is stretched
// past Telegram's 300 characters.
func postButtonQuiz(t *testing.T, e *env, a running) (telegramtest.Call, quiz.MultipleChoice) {
	t.Helper()
	req := a.request(e.group, 0, &tgbotapi.User{ID: e.alice, FirstName: "Alice"})
	req.Text = "quiz"
	m := e.core.Handle(context.Background(), req).Messages[0]
	m.Quiz.Prompt = strings.Repeat("长", maxPollQuestion+1)
	id, err := a.Post(context.Background(), strconv.FormatInt(e.group, 10), m)
	if err != nil {
		t.Fatal(err)
	}
	msg := e.await("sendMessage", 1)[0]
	if strconv.Itoa(msg.MessageID) != id || len(e.api.Calls("sendPoll")) != 0 {
		t.Fatalf("Post returned %q for message %d (polls: %d)", id, msg.MessageID, len(e.api.Calls("sendPoll")))
	}
	return msg, *m.Quiz
}

func TestAButtonAnswerIsScoredOnceAndAnsweredPrivately(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	msg, card := postButtonQuiz(t, e, a)
	right := buttons(t, msg)[card.Correct]
	if right != quiz.AnswerPayload(card.ID, card.Correct) {
		t.Fatalf("button %d carries %q", card.Correct, right)
	}
	e.deliver(a.Adapter,
		telegramtest.Callback(2, e.group, e.alice, msg.MessageID, right),
		telegramtest.Callback(3, e.group, e.alice, msg.MessageID, right), // a second press
	)
	settle(a)

	if got := e.points(e.group, e.alice); got != quiz.RightAnswerPoints {
		t.Fatalf("e.alice has %d points, want %d", got, quiz.RightAnswerPoints)
	}
	answers := e.api.Calls("answerCallbackQuery")
	if len(answers) != 2 || !slices.ContainsFunc(answers, func(c telegramtest.Call) bool {
		return c.OK() && strings.Contains(c.Params.Get("text"), "Right")
	}) || !slices.ContainsFunc(answers, func(c telegramtest.Call) bool {
		return c.OK() && strings.Contains(c.Params.Get("text"), "already answered")
	}) {
		t.Fatalf("callback answers: %v", answers)
	}
	edits := e.api.Calls("editMessageText")
	if len(edits) == 0 || !edits[0].OK() || edits[0].Params.Get("message_id") != strconv.Itoa(msg.MessageID) ||
		!strings.Contains(edits[0].Params.Get("text"), "1 answered") || len(buttons(t, edits[0])) != len(card.Choices) {
		t.Fatalf("the quiz was not updated with its answer count: %v", edits)
	}
	if n := len(to(e.api.Calls("sendMessage"), e.group)); n != 1 {
		t.Fatalf("%d messages in the e.group; the answer's feedback must stay private", n)
	}
	dm := to(e.api.Calls("sendMessage"), e.alice)
	if len(dm) != 1 || !strings.Contains(dm[0].Params.Get("text"), card.Choices[card.Correct]) {
		t.Fatalf("e.alice's private feedback: %v", dm)
	}
}

func TestPrivateResultsInAGroupGoToTheUsersPrivateChat(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.api.Forbid(e.bob) // e.bob never started the bot
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/ask pv"))
	card := e.await("sendMessage", 1)[0]
	show := buttons(t, card)[0]
	e.deliver(a.Adapter,
		telegramtest.Callback(2, e.group, e.alice, card.MessageID, show),
		telegramtest.Callback(3, e.group, e.bob, card.MessageID, show),
	)
	settle(a)

	if n := len(to(e.api.Calls("sendMessage"), e.group)); n != 1 {
		t.Errorf("%d messages in the e.group; the answers belong in private chats", n)
	}
	dm := to(e.api.Calls("sendMessage"), e.alice)
	if len(dm) != 1 || !dm[0].OK() || !strings.Contains(dm[0].Params.Get("text"), "💡") {
		t.Fatalf("e.alice's private chat: %v", dm)
	}
	toasts := e.toasts()
	for id, want := range map[string]string{
		"cb-2": "Sent to you in a private chat",
		"cb-3": "Open a private chat with @KubeQuizBot, press Start, then press again. https://t.me/KubeQuizBot?start=again",
	} {
		if !strings.Contains(toasts[id], want) {
			t.Errorf("answer to %s: %q, want %q", id, toasts[id], want)
		}
	}
}

func TestAPrivateChatGetsEverythingAsMessages(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.Message(1, e.alice, e.alice, 10, "ask pv"))
	card := e.await("sendMessage", 1)[0]
	if card.Params.Has("reply_parameters") {
		t.Errorf("a reply in a private chat quotes the command")
	}
	e.deliver(a.Adapter, telegramtest.Callback(2, e.alice, e.alice, card.MessageID, buttons(t, card)[0]))
	answer := e.await("sendMessage", 2)[1]
	grades := buttons(t, answer)
	if answer.Params.Get("chat_id") != strconv.FormatInt(e.alice, 10) || len(grades) < 4 {
		t.Fatalf("the answer with its grades: %v", answer.Params)
	}
	if pressed := e.api.Calls("answerCallbackQuery"); len(pressed) != 1 || !pressed[0].At.Before(answer.At) {
		t.Errorf("the press was not answered before its reply was sent (paced a second later)")
	}
	e.deliver(a.Adapter, telegramtest.Callback(3, e.alice, e.alice, answer.MessageID, grades[2]))
	settle(a)
	toasts := e.toasts()
	if len(toasts) != 2 || toasts["cb-2"] != "" || !strings.Contains(toasts["cb-3"], "Good") {
		t.Fatalf("answers to the presses: %v", toasts)
	}
}

func TestWebhookRequestsWithoutTheSecretAreRefusedAndNotHandled(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	for i, tc := range []struct {
		name, secret string
		want         int
	}{
		{"a request without the secret is refused as unauthorized", "", 401},
		{"a request with a wrong secret is forbidden", "wrong", 403},
		{"a request with the secret and more is forbidden", testSecret + "x", 403},
		{"a request with the secret's prefix is forbidden", testSecret[:4], 403},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := post(a.Adapter, telegramtest.Message(i+1, e.alice, e.alice, i+1, "/help"), tc.secret); got != tc.want {
				t.Fatalf("status %d, want %d", got, tc.want)
			}
		})
	}
	t.Run("a body that is not an update is a bad request", func(t *testing.T) {
		if got := post(a.Adapter, []byte("{not json"), testSecret); got != 400 {
			t.Fatalf("status %d, want 400", got)
		}
	})
	t.Run("nothing refused was handled", func(t *testing.T) {
		e.deliver(a.Adapter, telegramtest.Message(100, e.alice, e.alice, 100, "/help"))
		settle(a)
		if n := len(e.api.Calls("sendMessage")); n != 1 {
			t.Fatalf("%d messages sent, want only the reply to the accepted update", n)
		}
	})
	t.Run("a polling adapter refuses every webhook request", func(t *testing.T) {
		p := newPollingEnv(t)
		b, err := New(p.cfg, deps(p.core, p.store, nil))
		if err != nil {
			t.Fatal(err)
		}
		if got := post(b, telegramtest.Message(1, e.alice, e.alice, 1, "/help"), testSecret); got != 403 {
			t.Fatalf("status %d, want 403", got)
		}
	})
}

func TestTheSameUpdateIsHandledOnceAcrossReplicas(t *testing.T) {
	e := newEnv(t)
	a, b := e.start(), e.start()
	help := telegramtest.Message(1, e.alice, e.alice, 10, "/help")
	e.deliver(a.Adapter, help, help)
	e.deliver(b.Adapter, help)
	settle(a)
	settle(b)
	msg := e.await("sendMessage", 1)[0]
	if n := len(e.api.Calls("sendMessage")); n != 1 {
		t.Fatalf("the update was answered %d times", n)
	}
	press := telegramtest.Callback(2, e.alice, e.alice, msg.MessageID, "n:pv")
	e.deliver(a.Adapter, press)
	e.deliver(b.Adapter, press)
	settle(a)
	settle(b)
	if answers := e.api.Calls("answerCallbackQuery"); len(answers) != 1 || !answers[0].OK() {
		t.Fatalf("the press was answered %d times: %v", len(answers), answers)
	}
}

func TestATooManyRequestsWaitsItsRetryAfterAndDelivers(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.api.FailNext("sendMessage", 2)
	e.deliver(a.Adapter, telegramtest.Message(1, e.alice, e.alice, 10, "/help"))
	settle(a)
	sent := e.api.Calls("sendMessage")
	if len(sent) != 2 || sent[0].Status != 429 || !sent[1].OK() {
		t.Fatalf("want a 429 then the message, got %v", sent)
	}
	if waited := sent[1].At.Sub(sent[0].At); waited < 2*time.Second {
		t.Fatalf("sent again after %s, before the 2 s retry_after", waited)
	}
	if !slices.Contains(e.clock.Slept(), 2*time.Second) {
		t.Fatalf("the adapter slept %v, never the 2 s asked", e.clock.Slept())
	}
}

func TestMessagesToOneGroupArePacedByTelegramsLimits(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	for i := range 25 {
		if _, err := a.Post(context.Background(), strconv.FormatInt(e.group, 10), quiz.Message{Blocks: helpBlocks(i)}); err != nil {
			t.Fatal(err)
		}
	}
	sent := e.api.Calls("sendMessage")
	for i := 1; i < len(sent); i++ {
		if gap := sent[i].At.Sub(sent[i-1].At); gap < time.Second {
			t.Fatalf("messages %d and %d to one chat %s apart", i-1, i, gap)
		}
	}
	if span := sent[24].At.Sub(sent[4].At); span < time.Minute {
		t.Fatalf("21 messages to one e.group within %s: more than 20 a minute", span)
	}
}

func TestStartPublishesTheCommandMenuAndTheWebhook(t *testing.T) {
	e := newEnv(t)
	e.start()
	langs := map[string]string{}
	for _, c := range e.api.Calls("setMyCommands") {
		if c.OK() {
			langs[c.Params.Get("language_code")] = c.Params.Get("commands")
		}
	}
	if len(langs) != 3 || !strings.Contains(langs["zh"], "面试题") || !strings.Contains(langs["en"], "interview question") || langs[""] != langs["en"] {
		t.Fatalf("command menus: %v", langs)
	}
	wh := e.api.Webhook()
	if wh.Get("url") != e.cfg.WebhookURL || wh.Get("secret_token") != testSecret ||
		wh.Get("allowed_updates") != `["message","callback_query","poll_answer","my_chat_member"]` {
		t.Fatalf("webhook: %v", wh)
	}
}

func TestAGroupThatAddsTheBotIsGreetedWithHelp(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.BotAdded(1, e.group, e.alice, e.api.BotID))
	msg := e.await("sendMessage", 1)[0]
	if msg.Params.Get("chat_id") != strconv.FormatInt(e.group, 10) || !strings.Contains(msg.Params.Get("text"), "/ask") {
		t.Fatalf("greeting: %v", msg.Params)
	}
}

func TestChatAdminsComeFromGetChatMember(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.api.SetMember(e.group, e.alice, "creator")
	e.api.SetMember(e.group, e.bob, "administrator")
	e.api.SetMember(e.group, e.carol, "member")
	for _, tc := range []struct {
		name       string
		chat, user int64
		want       bool
	}{
		{"the e.group's creator is an admin", e.group, e.alice, true},
		{"a e.group administrator is an admin", e.group, e.bob, true},
		{"a member is not", e.group, e.carol, false},
		{"a user administers their private chat with the bot", e.dave, e.dave, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := a.request(tc.chat, 0, &tgbotapi.User{ID: tc.user}).PlatformAdmin(context.Background())
			if err != nil || got != tc.want {
				t.Fatalf("admin = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
	if n := len(e.api.Calls("getChatMember")); n != 3 {
		t.Fatalf("%d getChatMember calls, want one per e.group check", n)
	}
}

func TestErrorsInTheLogNeverCarryTheToken(t *testing.T) {
	e := newPollingEnv(t)
	e.api.Close() // every call fails in the transport, where the URL holds the token
	a, err := New(e.cfg, deps(e.core, e.store, slogTo(e.logs)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	testkit.Eventually(t, "the failure logged", func() bool { return strings.Contains(e.logs.String(), "getMe") })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	secret := strings.SplitN(e.cfg.Token, ":", 2)[1]
	if logs := e.logs.String(); strings.Contains(logs, secret) || !strings.Contains(logs, "<token>") {
		t.Fatalf("the log shows the token or no redacted URL:\n%s", logs)
	}
}

func TestPostTakesDecimalChatIDs(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	if _, err := a.Post(context.Background(), "general", quiz.Message{Blocks: helpBlocks(0)}); err == nil {
		t.Fatal("Post to a channel that is not a chat ID did not fail")
	}
	id, err := a.Post(context.Background(), strconv.FormatInt(e.group, 10), quiz.Message{Blocks: helpBlocks(1)})
	if sent := e.await("sendMessage", 1)[0]; err != nil || id != strconv.Itoa(sent.MessageID) {
		t.Fatalf("Post = %q, %v; sent message %d", id, err, sent.MessageID)
	}
}

// helpBlocks is a short message, numbered.
func helpBlocks(i int) []rich.Block { return []rich.Block{rich.Text(fmt.Sprintf("message %d <&>", i))} }

func TestAPressIsAnsweredBeforeASlowRedraw(t *testing.T) {
	e := newEnv(t)
	r := e.start()
	e.deliver(r.Adapter, telegramtest.Message(1, e.group, e.alice, 1, "/quiz"))
	poll, quizID := e.groupQuiz(t)
	e.api.FailNext("editMessageText", 30) // the redraw meets a 30 s retry_after
	start := e.clock.Now()
	e.deliver(r.Adapter, telegramtest.Callback(2, e.group, e.bob, poll.MessageID, quiz.AnswerPayload(quizID, 0)))
	answers := e.await("answerCallbackQuery", 1)
	if waited := answers[0].At.Sub(start); waited >= 30*time.Second {
		t.Errorf("the press was answered %s after it was made, behind the redraw's retry_after", waited)
	}
	e.await("editMessageText", 1) // the redraw still happens, after its wait
}

func TestAGroupAnsweringAtOnceGetsFewRedrawsEndingWithTheCount(t *testing.T) {
	e := newEnv(t)
	r := e.start()
	e.deliver(r.Adapter, telegramtest.Message(1, e.group, e.alice, 1, "/quiz"))
	poll, quizID := e.groupQuiz(t)
	const users = 20
	var wg sync.WaitGroup
	for u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			post(r.Adapter, telegramtest.Callback(10+u, e.group, int64(5000+u), poll.MessageID, quiz.AnswerPayload(quizID, 0)), testSecret)
		}()
	}
	wg.Wait()
	e.await("answerCallbackQuery", users)
	testkit.Eventually(t, "the last redraw shows every answer", func() bool {
		edits := e.api.Calls("editMessageText")
		return len(edits) > 0 && strings.Contains(edits[len(edits)-1].Params.Get("text"), fmt.Sprintf("%d answered", users))
	})
	if n := len(e.api.Calls("editMessageText")); n >= users {
		t.Errorf("%d redraws for %d answers: they are not coalesced", n, users)
	}
}

// groupQuiz waits for the quiz poll just posted in the group and returns it
// with the quiz it stands for.
func (e *env) groupQuiz(t *testing.T) (telegramtest.Call, string) {
	t.Helper()
	poll := e.await("sendPoll", 1)[0]
	var owner string
	testkit.Eventually(t, "the poll's quiz is recorded", func() bool {
		v, ok, _ := e.store.Get(context.Background(), e.cfg.PollOwnerKey(poll.PollID))
		owner = v
		return ok
	})
	_, quizID, _ := ParsePollOwner(owner)
	return poll, quizID
}
