package e2e

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
)

// Redis as deployed: an append-only file, fsync'd every second.
var deployedRedis = []string{"--appendonly", "yes", "--appendfsync", "everysec", "--enable-debug-command", "local"}

// The load of TestRedisFaultsUnderLoad: presses spread over loadSpan, the
// fault injected faultAt after the first.
const (
	slackPresses    = 300
	telegramPresses = 200
	loadSpan        = 8 * time.Second
	faultAt         = 2 * time.Second
	tgGroup         = int64(-1001)
	tgScope         = "tg:-1001"
)

// A Redis fault, injected while users answer a quiz; it returns when Redis
// serves again.
type redisFault struct {
	name   string
	inject func(t *testing.T, srv *redistest.Server, admin *redis.Client)
}

var redisFaults = []redisFault{
	{"paused past the client's read timeout (CLIENT PAUSE 5000)", func(t *testing.T, _ *redistest.Server, admin *redis.Client) {
		if err := admin.Do(context.Background(), "CLIENT", "PAUSE", "5000").Err(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Second)
	}},
	{"asleep past the client's read timeout (DEBUG SLEEP 6)", func(t *testing.T, _ *redistest.Server, admin *redis.Client) {
		if err := admin.Do(context.Background(), "DEBUG", "SLEEP", "6").Err(); err != nil {
			t.Fatal(err)
		}
	}},
	{"killed and restarted from its AOF", func(t *testing.T, srv *redistest.Server, _ *redis.Client) {
		srv.Stop()
		time.Sleep(2 * time.Second)
		srv.Restart(t)
	}},
}

// TestRedisFaultsUnderLoad answers one Slack quiz (HTTP mode) and one
// Telegram group quiz (webhook) from hundreds of users while Redis is
// paused, asleep, or killed and restarted: every press the bot
// acknowledged gets exactly one reply, and the users told their answer
// was scored are exactly those whose answer Redis holds. Telegram
// delivers what the bot refused (503) again, until it is taken.
func TestRedisFaultsUnderLoad(t *testing.T) {
	t.Parallel()
	for _, fault := range redisFaults {
		t.Run(fault.name, func(t *testing.T) {
			t.Parallel()
			runRedisFault(t, fault)
		})
	}
}

func runRedisFault(t *testing.T, fault redisFault) {
	srv := redistest.StartWith(t, redistest.Options{Args: deployedRedis})
	rdb := srv.Client(t)
	// The fault's own client: it must neither time out nor send its
	// command again.
	admin := redis.NewClient(&redis.Options{Addr: srv.Addr, ReadTimeout: 15 * time.Second, MaxRetries: -1})
	t.Cleanup(func() { _ = admin.Close() })
	sf, tf := newSlackFake(t), newTelegramFake(t)
	b := startBot(t, "bot", append(append(botEnv(srv.URL()), sf.env()...), tf.env(true)...))

	ws := newSlackWorkspace(sf, "T0FAULT", "C0QUIZ")
	slackQuiz, choices := ws.postQuiz(t, b.base, "U0000")
	sender := newWebhookSender()
	tgQuiz := postTelegramQuiz(t, tf, rdb, tgGroup, func(u []byte) {
		if !sender.deliver(context.Background(), b.base, u, time.Second) {
			t.Fatal("the /quiz update was not taken")
		}
	})

	// The load: presses spread over loadSpan, the fault in the middle.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	slackStatus := make([]int, slackPresses)
	var slowAcks atomic.Int64 // acknowledged after Slack's 3 s
	for i := range slackPresses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Until(start.Add(loadSpan * time.Duration(i) / slackPresses)))
			sent := time.Now()
			code, err := ws.press(b.base, slackUser(i), slackTrigger(i), fmt.Sprintf("a:%s:%d", slackQuiz, i%choices))
			if err != nil {
				t.Errorf("press %d: %v", i, err)
			}
			if time.Since(sent) > 3*time.Second {
				slowAcks.Add(1)
			}
			slackStatus[i] = code
		}()
	}
	tgTaken := make([]bool, telegramPresses)
	for i := range telegramPresses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Until(start.Add(loadSpan * time.Duration(i) / telegramPresses)))
			tgTaken[i] = sender.deliver(ctx, b.base, groupPress(i, tgQuiz), 500*time.Millisecond)
		}()
	}
	time.Sleep(time.Until(start.Add(faultAt)))
	fault.inject(t, srv, admin)
	t.Logf("the fault ended %s after the load began", time.Since(start).Round(100*time.Millisecond))
	wg.Wait()
	t.Logf("every delivery was acknowledged %s after the load began", time.Since(start).Round(100*time.Millisecond))

	var acked []string
	for i, code := range slackStatus {
		if code == http.StatusOK {
			acked = append(acked, slackTrigger(i))
		} else {
			t.Errorf("Slack press %d answered %d, want 200 (acknowledged, and told if it was not taken)", i, code)
		}
	}
	for i, ok := range tgTaken {
		if !ok {
			t.Errorf("Telegram press %d was never taken, though delivered again for two minutes", i)
		}
	}
	// Every acknowledged delivery is answered; one whose taking was lost
	// with a timed-out reply waits out the inbox's 30 s claim time.
	eventually(t, 75*time.Second, "a reply to every acknowledged delivery", func() bool {
		return sf.replied(acked) == len(acked) && tf.answered(tgUpdate(0), tgUpdate(telegramPresses)) == telegramPresses
	}, func() string {
		return fmt.Sprintf("Slack: %d of %d answered; Telegram: %d of %d\n%s", sf.replied(acked), len(acked),
			tf.answered(tgUpdate(0), tgUpdate(telegramPresses)), telegramPresses, b.logTail())
	})
	t.Logf("every acknowledged delivery was answered %s after the load began", time.Since(start).Round(100*time.Millisecond))
	time.Sleep(2 * time.Second) // a second reply would come now

	told, kinds := tally(t, slackPresses, nil, slackReplies(sf, ws.team))
	sameUsers(t, told, storedAnswers(t, rdb, "slack:"+ws.team, slackQuiz))
	t.Logf("Slack: %d presses, each answered once: %v; %d acknowledged after Slack's 3 s", slackPresses, kinds, slowAcks.Load())
	told, kinds = tally(t, telegramPresses, nil, telegramReplies(tf))
	sameUsers(t, told, storedAnswers(t, rdb, tgScope, tgQuiz))
	t.Logf("Telegram: %d presses, each answered once: %v; %d deliveries refused and delivered again", telegramPresses, kinds, sender.refused.Load())
	b.stop()
}

// The users, deliveries and response URLs of the load, by press.
func slackUser(i int) string    { return fmt.Sprintf("U%05d", i+1) }
func slackTrigger(i int) string { return fmt.Sprintf("trigger-%d", i+1) }
func tgUser(i int) int64        { return int64(10000 + i) }
func tgUpdate(i int) int        { return 100 + i }
