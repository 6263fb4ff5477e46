package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// Redis as deployed: an append-only file fsync'd before a write is
// answered, so that a SIGKILL loses nothing Redis answered (with everysec
// it could lose up to 2 s of them, which no client can tell: RELIABILITY.md).
var deployedRedis = []string{"--appendonly", "yes", "--appendfsync", "always", "--enable-debug-command", "local"}

// The load of TestRedisFaultsUnderLoad: presses and votes spread over
// loadSpan, the fault injected faultAt after the first; the later three
// quarters of each kind wait until the fault has begun, so that it meets
// them however late a busy machine injects it.
const (
	slackPresses    = 300
	telegramPresses = 200
	telegramVotes   = 100
	loadSpan        = 8 * time.Second
	faultAt         = 2 * time.Second
	tgGroup         = int64(-1001)
	tgScope         = "tg:-1001"
	// slackInbox is the Slack inbox's stream.
	slackInbox = "kq:{inbox:slack}"
)

// A Redis fault, injected while users answer a quiz: inject calls begun
// once the fault is in effect (or about to be, for a command that only
// answers when it ends), and returns when Redis serves again.
type redisFault struct {
	name string
	// redis is how the server is configured.
	redis  []string
	inject func(t *testing.T, srv *redistest.Server, admin *redis.Client, begun func())
}

var redisFaults = []redisFault{
	{"paused past the client's read timeout (CLIENT PAUSE 5000)", deployedRedis, func(t *testing.T, _ *redistest.Server, admin *redis.Client, begun func()) {
		if err := admin.Do(context.Background(), "CLIENT", "PAUSE", "5000").Err(); err != nil {
			t.Fatal(err)
		}
		begun()
		time.Sleep(5 * time.Second)
	}},
	{"asleep past the client's read timeout (DEBUG SLEEP 6)", deployedRedis, func(t *testing.T, _ *redistest.Server, admin *redis.Client, begun func()) {
		begun()
		if err := admin.Do(context.Background(), "DEBUG", "SLEEP", "6").Err(); err != nil {
			t.Fatal(err)
		}
	}},
	{"killed (SIGKILL) and restarted from its AOF", deployedRedis, func(t *testing.T, srv *redistest.Server, _ *redis.Client, begun func()) {
		srv.Stop()
		begun()
		time.Sleep(2 * time.Second)
		srv.Restart(t)
	}},
}

// TestRedisFaultsUnderLoad answers one Slack quiz (HTTP mode) and one
// Telegram group quiz (webhook: button presses, and votes on its quiz
// poll) from hundreds of users while Redis is paused, asleep, or killed
// and restarted: every press and vote the bot acknowledged gets exactly
// one reply, and the users told their answer was scored are exactly those
// whose answer Redis holds.
//
// Redis slow (paused, asleep; or an accept cut off by the kill: Redis may
// have run it) and Redis unreachable (killed, until it is restarted: no
// connection can be made) are met differently. Slow, a Telegram update
// is refused (503) and delivered again until the inbox takes it, and a
// Slack press is acknowledged and offered to the inbox again for up to
// 10 s. Unreachable, a press the inbox cannot take is acknowledged and
// served in memory at once (edge.Runner.Serve), Slack's and Telegram's
// alike, while a vote is still refused (503) until the inbox takes it. A
// press or vote taken or served but not scored while Redis was away — its
// answer in doubt, perhaps run by Redis — is handled again once Redis is
// back: from the inbox, or, served in memory, once the replica's offers
// of it to the inbox are taken. No one is told "unavailable". Only a Slack
// press the inbox neither took nor was found unreachable for within those
// 10 s is told "not recorded", and is not stored.
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
	srv := redistest.StartWith(t, redistest.Options{Args: fault.redis})
	rdb := srv.Client(t)
	// The fault's own client: it must neither time out nor send its
	// command again.
	admin := redis.NewClient(&redis.Options{Addr: srv.Addr, ReadTimeout: 15 * time.Second, MaxRetries: -1})
	t.Cleanup(func() { _ = admin.Close() })
	sf, tf := newSlackFake(t), newTelegramFake(t)
	b := startBot(t, "bot", append(append(botEnv(srv.URL()), sf.env()...), tf.env(true)...))

	ws := newSlackWorkspace(sf, "T0FAULT", "C0QUIZ")
	slackQuiz, choices := ws.postQuiz(t, b.base, "U0000")
	sender := newWebhookSender(tf)
	tgQuiz := postTelegramQuiz(t, tf, rdb, tgGroup, func(u []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if !sender.deliver(ctx, b.base, u, time.Second) {
			t.Fatalf("the /quiz update was not taken in a minute\n%s", b.logTail())
		}
	})
	poll := tf.Calls("sendPoll")[0].PollID

	// The load: presses and votes spread over loadSpan, the fault in the
	// middle. Telegram delivers each again until the bot acknowledges it
	// (taken by the inbox, or a press served in memory).
	ctx, cancel := context.WithTimeout(context.Background(), waitLong)
	defer cancel()
	start := time.Now()
	faultBegun := make(chan struct{})
	var wg sync.WaitGroup
	spread := func(n int, send func(i int)) {
		for i := range n {
			wg.Go(func() {
				time.Sleep(time.Until(start.Add(loadSpan * time.Duration(i) / time.Duration(n))))
				if i >= n/4 {
					<-faultBegun
				}
				send(i)
			})
		}
	}
	spread(slackPresses, func(i int) {
		ws.press(t, b.base, slackUser(i), slackTrigger(i), fmt.Sprintf("a:%s:%d", slackQuiz, i%choices))
	})
	spread(telegramPresses, func(i int) {
		if !sender.deliver(ctx, b.base, groupPress(i, tgQuiz), 500*time.Millisecond) {
			t.Errorf("Telegram press %d was never taken", i)
		}
	})
	spread(telegramVotes, func(i int) {
		if !sender.deliver(ctx, b.base, telegramtest.PollAnswer(tgVoteUpdate(i), poll, tgVoter(i), i%2), 500*time.Millisecond) {
			t.Errorf("Telegram vote %d was never taken", i)
		}
	})
	time.Sleep(time.Until(start.Add(faultAt)))
	fault.inject(t, srv, admin, sync.OnceFunc(func() {
		t.Logf("the fault began %s after the load", time.Since(start).Round(100*time.Millisecond))
		close(faultBegun)
	}))
	t.Logf("the fault ended %s after the load began", time.Since(start).Round(100*time.Millisecond))
	wg.Wait()
	t.Logf("every delivery was acknowledged %s after the load began", time.Since(start).Round(100*time.Millisecond))

	// Every acknowledged delivery is answered; one whose taking was lost
	// with a timed-out reply, or one left in the inbox for later (its
	// answer in doubt), waits out the inbox's 30 s claim time; one served
	// in memory with its answer in doubt waits until the inbox takes it
	// once Redis is back. Either way the inbox ends empty.
	acked := ws.acknowledged()
	testkit.EventuallyWithin(t, waitLong, "a reply to every acknowledged delivery", func() bool {
		return sf.replied(acked) == len(acked) && tf.answered(tgUpdate(0), tgUpdate(telegramPresses)) == telegramPresses &&
			tf.toldVoters(tgVoter(0), tgVoter(telegramVotes)) == telegramVotes && drained(rdb, slackInbox, tgInbox)
	}, func() string {
		return fmt.Sprintf("Slack: %d of %d answered; Telegram: %d of %d presses, %d of %d votes\n%s", sf.replied(acked), len(acked),
			tf.answered(tgUpdate(0), tgUpdate(telegramPresses)), telegramPresses,
			tf.toldVoters(tgVoter(0), tgVoter(telegramVotes)), telegramVotes, b.logTail())
	})
	t.Logf("every acknowledged delivery was answered %s after the load began", time.Since(start).Round(100*time.Millisecond))
	time.Sleep(2 * time.Second) // a reply sent beside the inbox (Slack's "not recorded") would come now

	told, kinds := tally(t, slackPresses, leeway{unacknowledged: ws.unacknowledged()}, slackReplies(sf, ws.team))
	checkStored(t, told, storedAnswers(t, rdb, "slack:"+ws.team, slackQuiz))
	noneUnavailable(t, "Slack presses", kinds)
	t.Logf("Slack: %d presses, %d acknowledged within 3 s, answered: %v", slackPresses, len(acked), kinds)
	told, kinds = tally(t, telegramPresses, leeway{}, telegramReplies(tf))
	toldVoters, votes := tally(t, telegramVotes, leeway{}, voteReplies(tf))
	noneUnavailable(t, "Telegram presses", kinds)
	noneUnavailable(t, "Telegram votes", votes)
	maps.Copy(told, toldVoters)
	checkStored(t, told, storedAnswers(t, rdb, tgScope, tgQuiz))
	t.Logf("Telegram: %d presses, each answered once: %v; %d votes, each scored once: %v; %d deliveries refused and delivered again",
		telegramPresses, kinds, telegramVotes, votes, sender.refused.Load())
	t.Logf("replies sent again after the answer to their first sending was lost (kept once): Slack %d, Telegram %d",
		sf.resent.repeats(&sf.mu), tf.resent.repeats(&tf.mu))
	t.Logf("deliveries left in the inbox for later (an answer in doubt, or a vote's poll unreadable), by platform: %v", leftForLater(t, b))
	// The fault was felt, not only injected: the bot lost Redis, and found
	// it again.
	if lost, back := logged(t, b, msgRedisLost)+logged(t, b, msgRedisStalled), logged(t, b, msgRedisBack); lost == 0 || back == 0 {
		t.Errorf("the bot logged Redis lost %d times and back %d times; the fault did not reach it", lost, back)
	}
	b.stop()
}

// noneUnavailable fails the test when a delivery was told the store was
// unavailable once it had been accepted (taken by the inbox, or served in
// memory): one whose answer is in doubt is handled again once Redis is
// back instead.
func noneUnavailable(t *testing.T, what string, kinds map[replyKind]int) {
	t.Helper()
	if n := kinds[unavailable]; n > 0 {
		t.Errorf("%s: %d accepted ones were told the store was unavailable, want none (handled again once Redis is back)", what, n)
	}
}

// The bot's log lines when it loses Redis (no connection; or one that does
// not answer) and when Redis is back (cmd/bot's redisHealth).
const (
	msgRedisLost    = "Redis is unreachable: scores, schedules and the daily question wait until it is back; questions still work"
	msgRedisStalled = "Redis is unreachable: it does not answer (stalled or overloaded); every delivery waits until it does, questions too"
	msgRedisBack    = "Redis is reachable again"
)

// logged counts the bot's log lines with message msg.
func logged(t *testing.T, b *bot, msg string) int {
	t.Helper()
	n := 0
	eachLogLine(t, b, func(m, _ string) {
		if m == msg {
			n++
		}
	})
	return n
}

// leftForLater counts, by platform, the times the bot's workers left a
// delivery in the inbox for later, from its log. (A delivery served in
// memory and kept until the inbox takes it is not counted: its line is
// another. Nor are the core's own lines of answers in doubt: while Redis
// is down the bot leaves out of its log the warnings that only repeat
// that it is.)
func leftForLater(t *testing.T, b *bot) map[string]int {
	t.Helper()
	out := map[string]int{}
	eachLogLine(t, b, func(msg, adapter string) {
		if msg == "a delivery is left for later" {
			out[adapter]++
		}
	})
	return out
}

// eachLogLine calls f with the message and adapter of each of the bot's
// JSON log lines.
func eachLogLine(t *testing.T, b *bot, f func(msg, adapter string)) {
	t.Helper()
	raw, err := os.ReadFile(b.logPath)
	if err != nil {
		t.Fatal(err)
	}
	for line := range bytes.Lines(raw) {
		var l struct{ Msg, Adapter string }
		if json.Unmarshal(line, &l) == nil {
			f(l.Msg, l.Adapter)
		}
	}
}

// The users, deliveries and response URLs of the load, by press.
func slackUser(i int) string    { return fmt.Sprintf("U%05d", i+1) }
func slackTrigger(i int) string { return fmt.Sprintf("trigger-%d", i+1) }
func tgUser(i int) int64        { return int64(10000 + i) }
func tgUpdate(i int) int        { return 100 + i }
func tgVoter(i int) int64       { return int64(20000 + i) }
func tgVoteUpdate(i int) int    { return 5000 + i }
