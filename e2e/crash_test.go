package e2e

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// The backlog of TestSIGKILLWithABacklog: presses acknowledged at once,
// and the replica killed once killAfter of them are answered.
const (
	backlogPresses = 400
	killAfter      = 40
	// backlogDelay slows the platform's API down until the kill (under
	// the adapters' budgets for one call; Slack's users.info and response
	// URLs both), so that the 64 workers of the replica answer or shed
	// (too busy) a few dozen presses a second and the backlog stays.
	backlogDelay = 2500 * time.Millisecond
	// backlogSenders send the presses, each as soon as its last is
	// acknowledged (Telegram keeps up to 100 connections to a webhook):
	// even held back by the bot (edge.Runner.Admit, up to 2 s each), they
	// bring presses several times faster than the slowed workers serve
	// them, also on a busy machine, where 400 at once would not all be
	// acknowledged within Slack's 3 s.
	backlogSenders = 100
	// latePresses reach Telegram after the kill, for the next poller.
	latePresses = 50
	// tgInbox is the Telegram bot's inbox stream.
	tgInbox = "kq:{inbox:telegram:" + tgBotID + "}"
)

// TestSIGKILLWithABacklog kills a replica (SIGKILL) that has acknowledged
// several hundred presses and answered only a few — Slack in HTTP mode
// (users.info and response URLs slow), Telegram by webhook and by long
// polling (the Bot API slow) — and starts a second replica: it gives every
// press one reply — its answer, or, for one that waited in the inbox too
// long to be answered in time, "too busy" (not scored) — and the users
// told their answer was scored are those whose answer Redis holds. A
// Telegram press taken over too late for a toast is answered by private
// message. A press may be answered twice, the same, only if the killed
// replica had it in hand, its reply perhaps sent, its entry not yet
// removed (RELIABILITY.md).
func TestSIGKILLWithABacklog(t *testing.T) {
	t.Parallel()
	t.Run("Slack HTTP mode", func(t *testing.T) {
		t.Parallel()
		srv := redistest.Start(t)
		rdb := srv.Client(t)
		sf := newSlackFake(t)
		env := append(botEnv(srv.URL()), sf.env()...)
		a := startBot(t, "replica-a", env)
		ws := newSlackWorkspace(sf, "T0CRASH", "C0QUIZ")
		quiz, choices := ws.postQuiz(t, a.base, "U0000")
		sf.lookupDelay.Store(int64(backlogDelay))
		sf.hookDelay.Store(int64(backlogDelay))

		sendAll(backlogPresses, backlogSenders, func(i int) {
			ws.press(t, a.base, slackUser(i), slackTrigger(i), fmt.Sprintf("a:%s:%d", quiz, i%choices))
		})
		acked := ws.acknowledged()
		testkit.EventuallyWithin(t, waitLong, "the first replies", func() bool { return sf.replied(acked) >= killAfter })
		inHand := killWithBacklog(t, a, rdb, slackInbox)

		sf.lookupDelay.Store(0)
		sf.hookDelay.Store(0)
		b := startBot(t, "replica-b", env)
		awaitSlackReplies(t, sf, b, rdb, acked, waitLong)
		told, _ := tally(t, backlogPresses, leeway{twice: inHand, unacknowledged: ws.unacknowledged()}, slackReplies(sf, ws.team))
		checkStored(t, told, storedAnswers(t, rdb, "slack:"+ws.team, quiz))
		b.stop()
	})

	t.Run("Telegram webhook", func(t *testing.T) {
		t.Parallel()
		rdb, tf, env, a := startTelegramBot(t, "replica-a", true)
		tf.delay.Store(int64(backlogDelay))
		sender := newWebhookSender(tf)
		quiz := postTelegramQuiz(t, tf, rdb, tgGroup, func(u []byte) {
			if !sender.post(context.Background(), a.base, u) {
				t.Fatal("the /quiz update was not taken")
			}
		})
		sendAll(backlogPresses, backlogSenders, func(i int) {
			if !sender.post(context.Background(), a.base, groupPress(i, quiz)) {
				t.Errorf("press %d was not acknowledged", i)
			}
		})
		testkit.EventuallyWithin(t, waitLong, "the first answers", func() bool { return tf.answered(tgUpdate(0), tgUpdate(backlogPresses)) >= killAfter })
		inHand := killWithBacklog(t, a, rdb, tgInbox)
		takeOverTelegram(t, rdb, tf, env, quiz, backlogPresses, inHand)
	})

	t.Run("Telegram long polling", func(t *testing.T) {
		t.Parallel()
		rdb, tf, env, a := startTelegramBot(t, "replica-a", false)
		quiz := postTelegramQuiz(t, tf, rdb, tgGroup, tf.Push)
		tf.delay.Store(int64(backlogDelay))
		for i := range backlogPresses {
			tf.Push(groupPress(i, quiz))
		}
		// The poller takes updates in order: once the last is in the
		// inbox, Telegram has forgotten them all.
		lastTaken := tgInbox + ":seen:update:" + strconv.Itoa(tgUpdate(backlogPresses-1))
		testkit.EventuallyWithin(t, waitLong, "every press taken and the first answers", func() bool {
			return rdb.Exists(context.Background(), lastTaken).Val() == 1 && tf.answered(tgUpdate(0), tgUpdate(backlogPresses)) >= killAfter
		})
		inHand := killWithBacklog(t, a, rdb, tgInbox)
		for i := backlogPresses; i < backlogPresses+latePresses; i++ {
			tf.Push(groupPress(i, quiz)) // for whoever polls next: the killed poller's lease must lapse first
		}
		takeOverTelegram(t, rdb, tf, env, quiz, backlogPresses+latePresses, inHand)
	})
}

// startTelegramBot starts a Redis of the test's own, a fake Bot API and a
// bot called name on them (webhook or polling), with extra settings; it
// returns the bot's environment too, for another replica.
func startTelegramBot(t *testing.T, name string, webhook bool, extra ...string) (*redis.Client, *tgFake, []string, *bot) {
	t.Helper()
	srv := redistest.Start(t)
	tf := newTelegramFake(t)
	env := append(append(botEnv(srv.URL()), tf.env(webhook)...), extra...)
	return srv.Client(t), tf, env, startBot(t, name, env)
}

// takeOverTelegram starts a second replica after a kill, the Bot API fast
// again, and checks that it answers presses 0 … n-1 of quiz: each once,
// but for those in hand at the kill, and "scored" told as stored.
func takeOverTelegram(t *testing.T, rdb *redis.Client, tf *tgFake, env []string, quiz string, n int, inHand map[string]bool) {
	t.Helper()
	tf.delay.Store(0)
	b := startBot(t, "replica-b", env)
	awaitTelegramAnswers(t, tf, b, rdb, n, waitLong)
	told, _ := tally(t, n, leeway{twice: inHand}, telegramReplies(tf))
	checkStored(t, told, storedAnswers(t, rdb, tgScope, quiz))
	b.stop()
}

// groupPress is press i of a quiz in the group: tgUser(i) chooses A or B.
func groupPress(i int, quiz string) []byte {
	return telegramtest.Callback(tgUpdate(i), tgGroup, tgUser(i), 1, fmt.Sprintf("a:%s:%d", quiz, i%2))
}

// killWithBacklog kills a replica and returns the deliveries it had in
// hand; the inbox must hold several hundred.
func killWithBacklog(t *testing.T, replica *bot, rdb *redis.Client, stream string) map[string]bool {
	t.Helper()
	replica.kill()
	backlog, err := rdb.XLen(context.Background(), stream).Result()
	if err != nil {
		t.Fatal(err)
	}
	inHand := pendingDeliveries(t, rdb, stream)
	t.Logf("killed with %d acknowledged deliveries in the inbox, %d of them in hand", backlog, len(inHand))
	if backlog < 200 {
		t.Fatalf("only %d deliveries were left in the inbox: no backlog to take over\n%s", backlog, replica.logTail())
	}
	return inHand
}

// awaitSlackReplies waits up to d until the presses of triggers have replies and
// the inbox is empty, then a little more for any reply sent beside the
// inbox.
func awaitSlackReplies(t *testing.T, sf *slackFake, b *bot, rdb *redis.Client, triggers []string, d time.Duration) {
	t.Helper()
	testkit.EventuallyWithin(t, d, "a reply to every press acknowledged", func() bool { return sf.replied(triggers) == len(triggers) && drained(rdb, slackInbox) },
		func() string {
			return fmt.Sprintf("%d of %d answered\n%s", sf.replied(triggers), len(triggers), b.logTail())
		})
	time.Sleep(2 * time.Second)
}

// awaitTelegramAnswers waits up to d until the presses of updates tgUpdate(0) …
// tgUpdate(n-1) are answered and the inbox is empty.
func awaitTelegramAnswers(t *testing.T, tf *tgFake, b *bot, rdb *redis.Client, n int, d time.Duration) {
	t.Helper()
	testkit.EventuallyWithin(t, d, "an answer to every press", func() bool { return tf.answered(tgUpdate(0), tgUpdate(n)) == n && drained(rdb, tgInbox) },
		func() string {
			return fmt.Sprintf("%d of %d answered; inbox drained: %v\n%s%s", tf.answered(tgUpdate(0), tgUpdate(n)), n,
				drained(rdb, tgInbox), unansweredPresses(tf, b, n), b.logTail())
		})
}

// unansweredPresses describes the first presses of 0 … n-1 not answered
// yet: what the fake Bot API saw of them and what the bot logged.
func unansweredPresses(tf *tgFake, b *bot, n int) string {
	var out strings.Builder
	shown := 0
	for i := 0; i < n && shown < 3; i++ {
		if tf.answered(tgUpdate(i), tgUpdate(i+1)) == 1 {
			continue
		}
		shown++
		tf.mu.Lock()
		fmt.Fprintf(&out, "press %d (update %d): toasts %v, private messages %q\n", i, tgUpdate(i), tf.toasts[callbackID(tgUpdate(i))], tf.privateTexts[tgUser(i)])
		tf.mu.Unlock()
		fmt.Fprintf(&out, "%s", b.linesWith(`"update:`+strconv.Itoa(tgUpdate(i))+`"`))
	}
	return out.String()
}
