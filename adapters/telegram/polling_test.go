package telegram

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

func TestTwoPollersTakeTurnsAndTheOtherTakesOver(t *testing.T) {
	e := newPollingEnv(t)
	e.api.FailNext("getUpdates", 1) // the first poll is told to wait a second
	first := e.start()
	e.api.Push(telegramtest.Message(1, e.alice, e.alice, 1, "/help"))
	e.await("sendMessage", 1)
	second := e.start() // stands by while the first polls
	time.Sleep(2 * second.standbyWait())
	e.api.Push(telegramtest.Message(2, e.alice, e.alice, 2, "/topics"))
	e.await("sendMessage", 2)

	holder := func() string { h, _, _ := e.store.Get(context.Background(), "lease:"+first.key("poller")); return h } // as redisstore keeps leases
	if holder() != first.holder || !first.LeaseHeld() || second.LeaseHeld() {
		t.Fatalf("the lease is held by %q (the first poller %v, the second %v); want the first poller's %q", holder(), first.LeaseHeld(), second.LeaseHeld(), first.holder)
	}

	first.stop()
	e.api.Push(telegramtest.Message(3, e.alice, e.alice, 3, "/help"))
	e.await("sendMessage", 3) // within the fake's wait, the second took over
	if holder() != second.holder || !second.LeaseHeld() {
		t.Errorf("after the first poller stopped the lease is held by %q (the second poller %v); want the second poller's %q", holder(), second.LeaseHeld(), second.holder)
	}
	settle(second)

	if n := e.api.Conflicts(); n != 0 {
		t.Fatalf("%d getUpdates overlapped (409 Conflict)", n)
	}
	if n := len(e.api.Calls("sendMessage")); n != 3 {
		t.Fatalf("%d replies to 3 updates", n)
	}
	polls := e.api.Calls("getUpdates")
	if polls[0].Status != 429 || polls[1].At.Sub(polls[0].At) < time.Second {
		t.Errorf("after a 429 with retry_after 1 the next poll came %s later", polls[1].At.Sub(polls[0].At))
	}
	offset := 0
	for i, p := range polls {
		got, _ := strconv.Atoi(p.Params.Get("offset"))
		if got < offset {
			t.Fatalf("the offset went back from %d to %d: updates would be replayed", offset, got)
		}
		offset = got
		timeout := "1" // the env's poll timeout; short after a failed poll
		if i > 0 && !polls[i-1].OK() {
			timeout = "0"
		}
		if p.Params.Get("timeout") != timeout || p.Params.Get("allowed_updates") != `["message","callback_query","poll_answer","my_chat_member"]` {
			t.Fatalf("getUpdates %v, want timeout %s", p.Params, timeout)
		}
	}
	if saved, _, _ := e.store.Get(context.Background(), second.key("offset")); saved != "4" {
		t.Fatalf("the saved offset is %q, want 4, past the last update", saved)
	}
}

func TestPollingDeletesAWebhookBeforePolling(t *testing.T) {
	e := newPollingEnv(t)
	e.start()
	if calls := e.api.Calls("deleteWebhook"); len(calls) != 1 || !calls[0].OK() {
		t.Fatalf("deleteWebhook calls: %v", calls)
	}
}

// TestAPollerThatRedisRefusesHandsThePollingOver changes Redis's password
// under the poller, as docs/operations.md's procedure does, and starts a
// replica with the new one: the old poller, refused, stops polling at once
// (another replica may reach Redis, and does), the new one takes the
// lapsed lease and answers, scores and all — with no 409 Conflict, and
// each command answered once: one the old poller fetched but could not
// accept is left to Telegram for the new one.
func TestAPollerThatRedisRefusesHandsThePollingOver(t *testing.T) {
	t.Parallel()
	e := newPollingEnv(t)
	srv := redistest.StartWith(t, redistest.Options{Password: "old-password"})
	e.useRedis(t, srv.URL())
	first := e.start()
	testkit.Eventually(t, "a poller", first.LeaseHeld)
	chat := e.alice
	e.api.Push(telegramtest.Message(1, chat, chat, 1, "/help"))
	e.awaitText(t, chat, 1)
	settle(first) // its delivery done in the inbox

	admin := srv.Client(t)
	ctx := context.Background()
	if err := admin.ConfigSet(ctx, "requirepass", "new-password").Err(); err != nil {
		t.Fatal(err)
	}
	if err := admin.ClientKillByFilter(ctx, "TYPE", "normal").Err(); err != nil { // as a restart of Redis would
		t.Fatal(err)
	}
	e.api.Push(telegramtest.Message(2, chat, chat, 2, "/stats")) // most likely fetched by the first poller, refused
	testkit.EventuallyWithin(t, 10*time.Second, "the refused poller to stop polling", func() bool { return !first.LeaseHeld() })

	e.useRedis(t, strings.Replace(srv.URL(), "old-password", "new-password", 1))
	second := e.start()
	testkit.EventuallyWithin(t, 10*time.Second, "the new replica to poll", second.LeaseHeld)
	if got := e.awaitText(t, chat, 2); strings.Contains(got, "unavailable") {
		t.Errorf("/stats after the handover was answered %q, want the user's stats", got)
	}
	e.api.Push(telegramtest.Message(3, chat, chat, 3, "/stats"))
	if got := e.awaitText(t, chat, 3); strings.Contains(got, "unavailable") {
		t.Errorf("/stats after the handover was answered %q, want the user's stats", got)
	}
	e.api.Push(telegramtest.Message(4, chat, chat, 4, "/"+sentinel))
	if got := e.sentUpTo(t, chat); len(got) != 3 {
		t.Errorf("3 commands got %d replies, want one each:\n%s", len(got), strings.Join(got, "\n---\n"))
	}
	if first.LeaseHeld() || !second.Ready() {
		t.Errorf("after the handover the refused replica polls (%v) or the new one is not ready: %s", first.LeaseHeld(), second.NotReadyBecause())
	}
	if n := e.api.Conflicts(); n != 0 {
		t.Errorf("getUpdates answered 409 Conflict %d times: two replicas polled at once", n)
	}
}

// TestAPollerIsReadyAgainWithTheFirstSuccessfulPoll fails getUpdates more
// than maxPollFailures times, which makes the poller not ready; once the
// Bot API answers again the poller is ready at once, though no update
// comes (an idle bot), not at the end of a long poll — and then polls
// long again.
func TestAPollerIsReadyAgainWithTheFirstSuccessfulPoll(t *testing.T) {
	t.Parallel()
	e := newPollingEnv(t)
	e.cfg.PollTimeout, e.cfg.LeaseTTL = 20*time.Second, 30*time.Second
	faults := make([]telegramtest.Fault, maxPollFailures+1)
	for i := range faults {
		faults[i] = telegramtest.Fault{Body: "<html>bad gateway"}
	}
	e.api.Inject("getUpdates", faults...)
	a := e.start()
	testkit.EventuallyWithin(t, 10*time.Second, "the failing poller to be not ready", func() bool { return !a.Ready() })
	failed := time.Now()
	testkit.EventuallyWithin(t, 10*time.Second, "the poller to be ready again", a.Ready)
	if took := time.Since(failed); took > 5*time.Second {
		t.Errorf("the poller was ready again %v after its last failure, want within 5s (getUpdates answered within 2s)", took)
	}
	e.api.Push(telegramtest.Message(1, e.alice, e.alice, 1, "/help"))
	e.awaitText(t, e.alice, 1)
	var timeouts []string
	for _, p := range e.api.Calls("getUpdates") {
		timeouts = append(timeouts, p.Params.Get("timeout"))
	}
	// A long poll, failed; short ones, failed then one answered; a long
	// poll again, which the update ended.
	if want := []string{"20", "0", "0", "0", "0", "20"}; !slices.Equal(timeouts, want) {
		t.Errorf("getUpdates asked for timeouts %v, want %v", timeouts, want)
	}
}
