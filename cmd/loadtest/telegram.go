package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram"
	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

const telegramUsage = `usage: loadtest telegram [flags]

Runs the bot (cmd/bot, a child process) in Telegram's webhook mode against
the fake Bot API (adapters/telegram/telegramtest, which checks every message
as Telegram would), posts -quizzes quizzes with /quiz in as many groups,
then answers them through the webhook: a poll_answer update for a quiz sent
as a native quiz poll, a callback_query (a button press) for one sent with
buttons; each answer by a user of its own. An update the bot refuses (503)
is delivered again after its Retry-After, as Telegram does. For each -rate
step it reports the acknowledgements and the replies, counted from when
each answer was due: a press's reply is its answerCallbackQuery (the toast
over the chat: right or wrong and the right option); a vote's is the moment
the bot has scored it (its log line of the answer), as Telegram itself shows
the voter right or wrong at once. The private messages that follow (the
feedback in each user's private chat, paced at Telegram's 30 messages a
second) are counted apart; and the bot's peak RSS and CPU. The bot runs with
Telegram's flood limits (30 messages a second overall, one a second per
chat, 20 a minute per group), as in production.

flags:
`

// telegramLoadSecret is the webhook's secret in the load test.
const telegramLoadSecret = "loadtest-webhook-secret"

// runTelegram runs the Telegram answer load.
func runTelegram(ctx context.Context, args []string) error {
	var f loadFlags
	fs := flag.NewFlagSet("telegram", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), telegramUsage)
		fs.PrintDefaults()
	}
	f.register(fs)
	presses := fs.Float64("presses", 0.5, "the share of answers given by pressing the quiz's answer button (callback_query) rather than voting in its poll; a poll's quiz ID is read from the bot's Redis, so this needs -redis")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	steps, err := parseSteps(f.rates, f.n)
	if err != nil {
		return err
	}
	if f.quizzes < 1 || f.clients < 1 || *presses < 0 || *presses > 1 {
		return errors.New("-quizzes and -c must be positive, -presses between 0 and 1")
	}
	if f.redisURL == "" && *presses > 0 {
		fmt.Println("without -redis the quiz IDs of polls cannot be read: every poll is answered by a vote (-presses 0)")
		*presses = 0
	}
	replies := newReplyLog(f.n * len(steps))
	t := newTelegramLoad(replies, f.quizzes, f.wait)
	t.presses, t.redisURL = *presses, f.redisURL
	defer t.close()
	return runLoad(ctx, t, f, replies, steps)
}

// telegramLoad is the Telegram side of the load.
type telegramLoad struct {
	api     *telegramtest.Server
	replies *replyLog
	wait    time.Duration
	// presses is the share of answers given by pressing a button; redisURL
	// is the bot's Redis, where the quiz IDs of polls are read.
	presses  float64
	redisURL string

	webhook   string
	chatBase  int64 // group q is chatBase - q
	userBase  int64 // the user of answer i is userBase + i
	updBase   int   // setup update q is updBase + q; answer i's is updBase + len(quizzes) + i
	quizzes   []tgQuiz
	stopWatch func()
}

// tgQuiz is a posted quiz: a poll to vote in, or a message with buttons.
type tgQuiz struct {
	chat    int64
	pollID  string
	options int
	// message is the quiz's message; buttons the callback data of its
	// answer buttons (a quiz sent as text, or a poll's, made of its ID)
	message int
	buttons []string
}

func newTelegramLoad(replies *replyLog, quizzes int, wait time.Duration) *telegramLoad {
	token := fmt.Sprintf("%d:loadtest_%016x", 100000000+rand.IntN(800000000), rand.Uint64())
	return &telegramLoad{
		api: telegramtest.NewServer(token, telegramtest.Options{}), replies: replies, wait: wait,
		chatBase: -1_000_000_000_000 - rand.Int64N(1e9)*1000, userBase: 1_000_000_000 + rand.Int64N(1e9)*1000,
		updBase: 1 + rand.IntN(1e8), quizzes: make([]tgQuiz, quizzes), stopWatch: func() {},
	}
}

func (t *telegramLoad) name() string { return "telegram" }

func (t *telegramLoad) close() {
	t.stopWatch()
	t.api.Close()
}

func (t *telegramLoad) redraws() int { return len(t.api.Calls("editMessageText")) }

// followUps counts the messages sent to the answering users' private chats.
func (t *telegramLoad) followUps() int {
	n := 0
	for _, c := range t.api.Calls("sendMessage") {
		if chat, err := strconv.ParseInt(c.Params.Get("chat_id"), 10, 64); err == nil && chat >= t.userBase && c.OK() {
			n++
		}
	}
	return n
}

func (t *telegramLoad) botEnv() map[string]string {
	return map[string]string{
		telegram.EnvToken: t.api.Token, telegram.EnvAPIEndpoint: t.api.Endpoint(),
		telegram.EnvWebhookURL: "https://loadtest.invalid" + telegram.WebhookPath, telegram.EnvWebhookSecret: telegramLoadSecret,
	}
}

// setup posts the quizzes (/quiz in each group) and reads how each was
// sent, then watches the fake API for the answers' replies.
func (t *telegramLoad) setup(ctx context.Context, bot *child) error {
	t.webhook = bot.base + telegram.WebhookPath
	client := &http.Client{Timeout: 30 * time.Second}
	for q := range t.quizzes {
		t.quizzes[q].chat = t.chatBase - int64(q)
		// A host of its own for each quiz: the bot limits how fast one
		// user is answered.
		body := telegramtest.Message(t.updBase+q, t.quizzes[q].chat, 42+int64(q), 1, "/quiz")
		if d := t.post(ctx, client, body); !d.acked {
			return fmt.Errorf("/quiz: %s", d.failure)
		}
	}
	deadline := time.Now().Add(time.Minute)
	for !t.readPosted() {
		if time.Now().After(deadline) || ctx.Err() != nil {
			return errors.New("the quizzes were not all posted within a minute")
		}
		time.Sleep(50 * time.Millisecond)
	}
	polls := 0
	for _, q := range t.quizzes {
		if q.pollID != "" {
			polls++
		}
	}
	fmt.Printf("the bot sent %d quizzes as native quiz polls and %d with buttons; %.0f %% of the answers to polls are presses of their answer buttons\n", polls, len(t.quizzes)-polls, 100*t.presses)
	if t.presses > 0 {
		if err := t.pollButtons(ctx); err != nil {
			return err
		}
	}
	t.stopWatch = t.watch()
	first := t.updBase + len(t.quizzes)
	bot.logs.onHandled(func(delivery string, at time.Time) {
		id, err := strconv.Atoi(strings.TrimPrefix(delivery, "update:"))
		if i := id - first; err == nil && i >= 0 && i < len(t.replies.at) && t.kindOf(i) == "poll" {
			t.replies.arrived(i, at, toldNone)
		}
	})
	return nil
}

// pollButtons gives each poll the answer buttons a quiz sent as text would
// have, from its quiz ID: the bot keeps which quiz a poll is in Redis (its
// owner, telegram.Config.PollOwnerKey).
func (t *telegramLoad) pollButtons(ctx context.Context) error {
	st, rdb, err := redisstore.Open(ctx, t.redisURL)
	if err != nil {
		return err
	}
	defer rdb.Close()
	bot := telegram.Config{Token: t.api.Token}
	for q := range t.quizzes {
		qz := &t.quizzes[q]
		if qz.pollID == "" {
			continue
		}
		owner, ok, err := st.Get(ctx, bot.PollOwnerKey(qz.pollID))
		_, id, _ := telegram.ParsePollOwner(owner)
		if err != nil || !ok || id == "" {
			return fmt.Errorf("the quiz of poll %s is not in Redis (%v): the adapter keeps it elsewhere now; use -presses 0", qz.pollID, err)
		}
		for c := range qz.options {
			qz.buttons = append(qz.buttons, quiz.AnswerPayload(id, c))
		}
	}
	return nil
}

// readPosted reads the quizzes sent so far; true when all are.
func (t *telegramLoad) readPosted() bool {
	byChat := map[string]int{}
	for q, qz := range t.quizzes {
		byChat[strconv.FormatInt(qz.chat, 10)] = q
	}
	for _, c := range t.api.Calls("sendPoll") {
		if q, ok := byChat[c.Params.Get("chat_id")]; ok && c.OK() {
			var options []json.RawMessage
			_ = json.Unmarshal([]byte(c.Params.Get("options")), &options)
			t.quizzes[q].pollID, t.quizzes[q].options, t.quizzes[q].message = c.PollID, len(options), c.MessageID
		}
	}
	for _, c := range t.api.Calls("sendMessage") {
		q, ok := byChat[c.Params.Get("chat_id")]
		if !ok || !c.OK() {
			continue
		}
		var kb struct {
			Rows [][]struct {
				Data string `json:"callback_data"`
			} `json:"inline_keyboard"`
		}
		_ = json.Unmarshal([]byte(c.Params.Get("reply_markup")), &kb)
		for _, row := range kb.Rows {
			for _, b := range row {
				if strings.HasPrefix(b.Data, "a:") {
					t.quizzes[q].buttons = append(t.quizzes[q].buttons, b.Data)
					t.quizzes[q].message = c.MessageID
				}
			}
		}
	}
	for _, q := range t.quizzes {
		if q.pollID == "" && len(q.buttons) == 0 {
			return false
		}
	}
	return true
}

// watch records the replies as the fake API receives them, until stopped:
// an answerCallbackQuery answers the press of its query ID; a message to a
// voter's private chat says their vote was scored (or failed), for a bot
// whose log does not tell it earlier (see setup).
func (t *telegramLoad) watch() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	apology, busy := quiz.Apology(quiz.LangEN), quiz.Busy(quiz.LangEN)
	told := func(c telegramtest.Call) int32 {
		switch text := c.Params.Get("text"); {
		case strings.Contains(text, apology):
			return toldApology
		case strings.Contains(text, busy):
			return toldShed
		}
		return toldNone
	}
	first := t.updBase + len(t.quizzes)
	wg.Go(func() {
		seen := map[string]int{}
		for ctx.Err() == nil {
			for _, method := range []string{"answerCallbackQuery", "sendMessage"} {
				calls := t.api.Calls(method)
				for _, c := range calls[seen[method]:] {
					if !c.OK() {
						continue
					}
					if method == "answerCallbackQuery" {
						if id, err := strconv.Atoi(strings.TrimPrefix(c.Params.Get("callback_query_id"), "cb-")); err == nil {
							t.replies.arrived(id-first, c.At, told(c))
						}
						continue
					}
					if chat, err := strconv.ParseInt(c.Params.Get("chat_id"), 10, 64); err == nil && chat >= t.userBase {
						i := int(chat - t.userBase)
						if i < len(t.replies.at) && t.kindOf(i) == "poll" {
							t.replies.arrived(i, c.At, told(c)) // scored by then, if not logged earlier
						}
					}
				}
				seen[method] = len(calls)
			}
			select {
			case <-ctx.Done():
			case <-time.After(200 * time.Millisecond):
			}
		}
	})
	return func() { cancel(); wg.Wait() }
}

// quizOf is the quiz answer i answers: the answers go round the quizzes.
func (t *telegramLoad) quizOf(i int) tgQuiz { return t.quizzes[i%len(t.quizzes)] }

// kindOf is how answer i is given: "poll" or "press".
func (t *telegramLoad) kindOf(i int) string {
	if q := t.quizOf(i); q.pollID != "" && float64(i%100) >= 100*t.presses {
		return "poll"
	}
	return "press"
}

// send delivers answer i: a vote in the quiz's poll, or a press of one of
// its buttons.
func (t *telegramLoad) send(ctx context.Context, client *http.Client, i int) delivery {
	q := t.quizOf(i)
	user, update := t.userBase+int64(i), t.updBase+len(t.quizzes)+i
	var body []byte
	if t.kindOf(i) == "poll" {
		body = telegramtest.PollAnswer(update, q.pollID, user, i%q.options)
	} else {
		body = telegramtest.Callback(update, q.chat, user, q.message, q.buttons[i%len(q.buttons)])
	}
	return t.post(ctx, client, body)
}

// post delivers an update to the webhook as Telegram does: again after a
// refusal (503), when its Retry-After has passed, for up to the -wait.
func (t *telegramLoad) post(ctx context.Context, client *http.Client, body []byte) delivery {
	var d delivery
	giveUp := time.Now().Add(t.wait)
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.webhook, bytes.NewReader(body))
		if err != nil {
			return delivery{failure: err.Error()}
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", telegramLoadSecret)
		resp, err := client.Do(req)
		if err != nil {
			d.failure = "transport error"
			return d
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusOK:
			d.acked = true
			return d
		case resp.StatusCode != http.StatusServiceUnavailable && resp.StatusCode != http.StatusTooManyRequests:
			d.failure = "HTTP " + strconv.Itoa(resp.StatusCode)
			return d
		}
		d.refusals++
		after, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		if time.Now().Add(time.Duration(max(after, 1)) * time.Second).After(giveUp) {
			d.failure = "refused until -wait ran out"
			return d
		}
		select {
		case <-ctx.Done():
			d.failure = "stopped"
			return d
		case <-time.After(time.Duration(max(after, 1)) * time.Second):
		}
	}
}
