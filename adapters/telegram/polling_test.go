package telegram

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
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
	for _, p := range polls {
		got, _ := strconv.Atoi(p.Params.Get("offset"))
		if got < offset {
			t.Fatalf("the offset went back from %d to %d: updates would be replayed", offset, got)
		}
		offset = got
		if p.Params.Get("timeout") != "1" || p.Params.Get("allowed_updates") != `["message","callback_query","poll_answer","my_chat_member"]` {
			t.Fatalf("getUpdates %v", p.Params)
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
