package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/redistest"
)

// The backlog of TestSIGKILLWithABacklog: presses acknowledged at once,
// and the replica killed once killAfter of them are answered.
const (
	backlogPresses = 400
	killAfter      = 40
	// latePresses reach Telegram after the kill, for the next poller.
	latePresses = 50
	// tgInbox is the Telegram bot's inbox stream.
	tgInbox = "kq:{inbox:telegram:" + tgBotID + "}"
)

// TestSIGKILLWithABacklog kills a replica (SIGKILL) that has acknowledged
// several hundred presses and answered only a few — Slack in HTTP mode
// (users.info slow), Telegram by webhook and by long polling (replies
// paced within Telegram's flood limits) — and starts a second replica:
// it answers every press, and the users told their answer was scored are
// those whose answer Redis holds. A press may be answered twice only if
// the killed replica had it in hand, its reply perhaps sent, its entry not
// yet removed (RELIABILITY.md).
func TestSIGKILLWithABacklog(t *testing.T) {
	t.Parallel()
	t.Run("Slack HTTP mode", func(t *testing.T) {
		t.Parallel()
		srv := redistest.Start(t)
		rdb := srv.Client(t)
		sf := newSlackFake(t)
		env := append(botEnv(srv.URL()), sf.env()...)
		sf.lookupDelay.Store(int64(2 * time.Second))
		a := startBot(t, "replica-a", env)
		ws := newSlackWorkspace(sf, "T0CRASH", "C0QUIZ")
		quiz, choices := ws.postQuiz(t, a.base, "U0000")

		triggers := make([]string, backlogPresses)
		var wg sync.WaitGroup
		for i := range backlogPresses {
			triggers[i] = slackTrigger(i)
			wg.Add(1)
			go func() {
				defer wg.Done()
				if code, err := ws.press(a.base, slackUser(i), slackTrigger(i), fmt.Sprintf("a:%s:%d", quiz, i%choices)); err != nil || code != http.StatusOK {
					t.Errorf("press %d: %d %v", i, code, err)
				}
			}()
		}
		wg.Wait()
		eventually(t, 30*time.Second, "the first replies", func() bool { return sf.replied(triggers) >= killAfter })
		inHand := killWithBacklog(t, a, rdb, "kq:{inbox:slack}")

		sf.lookupDelay.Store(0)
		b := startBot(t, "replica-b", env)
		eventually(t, 90*time.Second, "a reply to every press", func() bool { return sf.replied(triggers) == backlogPresses },
			func() string {
				return fmt.Sprintf("%d of %d answered\n%s", sf.replied(triggers), backlogPresses, b.logTail())
			})
		time.Sleep(2 * time.Second) // a second reply would come now
		told, _ := tally(t, backlogPresses, inHand, slackReplies(sf, ws.team))
		sameUsers(t, told, storedAnswers(t, rdb, "slack:"+ws.team, quiz))
		b.stop()
	})

	t.Run("Telegram webhook", func(t *testing.T) {
		t.Parallel()
		srv := redistest.Start(t)
		rdb := srv.Client(t)
		tf := newTelegramFake(t)
		env := append(botEnv(srv.URL()), tf.env(true)...)
		a := startBot(t, "replica-a", env)
		sender := newWebhookSender()
		quiz := postTelegramQuiz(t, tf, rdb, tgGroup, func(u []byte) {
			if !sender.post(context.Background(), a.base, u) {
				t.Fatal("the /quiz update was not taken")
			}
		})
		var wg sync.WaitGroup
		for i := range backlogPresses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if !sender.post(context.Background(), a.base, groupPress(i, quiz)) {
					t.Errorf("press %d was not acknowledged", i)
				}
			}()
		}
		wg.Wait()
		eventually(t, 30*time.Second, "the first answers", func() bool { return tf.answered(tgUpdate(0), tgUpdate(backlogPresses)) >= killAfter })
		inHand := killWithBacklog(t, a, rdb, tgInbox)

		b := startBot(t, "replica-b", env)
		awaitTelegramAnswers(t, tf, b, backlogPresses, 90*time.Second)
		told, _ := tally(t, backlogPresses, inHand, telegramReplies(tf))
		sameUsers(t, told, storedAnswers(t, rdb, tgScope, quiz))
		b.stop()
	})

	t.Run("Telegram long polling", func(t *testing.T) {
		t.Parallel()
		srv := redistest.Start(t)
		rdb := srv.Client(t)
		tf := newTelegramFake(t)
		env := append(botEnv(srv.URL()), tf.env(false)...)
		a := startBot(t, "replica-a", env)
		quiz := postTelegramQuiz(t, tf, rdb, tgGroup, tf.Push)
		for i := range backlogPresses {
			tf.Push(groupPress(i, quiz))
		}
		// The poller takes updates in order: once the last is in the
		// inbox, Telegram has forgotten them all.
		lastTaken := tgInbox + ":seen:update:" + strconv.Itoa(tgUpdate(backlogPresses-1))
		eventually(t, 30*time.Second, "every press taken and the first answers", func() bool {
			return rdb.Exists(context.Background(), lastTaken).Val() == 1 && tf.answered(tgUpdate(0), tgUpdate(backlogPresses)) >= killAfter
		})
		inHand := killWithBacklog(t, a, rdb, tgInbox)
		for i := backlogPresses; i < backlogPresses+latePresses; i++ {
			tf.Push(groupPress(i, quiz)) // for whoever polls next: the killed poller's lease must lapse first
		}

		b := startBot(t, "replica-b", env)
		awaitTelegramAnswers(t, tf, b, backlogPresses+latePresses, 90*time.Second)
		told, _ := tally(t, backlogPresses+latePresses, inHand, telegramReplies(tf))
		sameUsers(t, told, storedAnswers(t, rdb, tgScope, quiz))
		b.stop()
	})
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

// awaitTelegramAnswers waits up to d until the presses of updates
// tgUpdate(0) … tgUpdate(n-1) are answered, then a little more for any
// second answer.
func awaitTelegramAnswers(t *testing.T, tf *tgFake, b *bot, n int, d time.Duration) {
	t.Helper()
	eventually(t, d, "an answer to every press", func() bool { return tf.answered(tgUpdate(0), tgUpdate(n)) == n },
		func() string {
			return fmt.Sprintf("%d of %d answered\n%s", tf.answered(tgUpdate(0), tgUpdate(n)), n, b.logTail())
		})
	time.Sleep(2 * time.Second) // a second answer would come now
}
