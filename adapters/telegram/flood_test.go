package telegram

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/redisstore"
)

// repliedTo is the message a sent message replies to, 0 for none.
func repliedTo(c telegramtest.Call) int {
	var p struct {
		MessageID int `json:"message_id"`
	}
	_ = json.Unmarshal([]byte(c.Params.Get("reply_parameters")), &p)
	return p.MessageID
}

// heldClock is a fake clock whose sleeps wait until open is closed,
// counted while they wait: the time a test's replies are paced by stands
// still until it has seen every delivery take its place.
type heldClock struct {
	*testkit.Clock
	sleeping atomic.Int32
	open     chan struct{}
}

func (c *heldClock) Sleep(ctx context.Context, d time.Duration) error {
	c.sleeping.Add(1)
	select {
	case <-c.open:
	case <-ctx.Done():
		return ctx.Err()
	}
	return c.Clock.Sleep(ctx, d)
}

// TestWhatAFloodedGroupCannotTakeIsTheFloodersReplies: one member of a
// group types commands faster than the group's flood limits let the bot
// answer; then two others type one each. The flooder's replies fill half
// the chat's backlog at most, the rest shed, and the others' replies come
// in the other half, before the flood's third (scaled: a reply a fifth of
// a second, a backlog of 0.6 s). The replies are paced on a fake clock
// that stands still until every update has been handled or is waiting.
func TestWhatAFloodedGroupCannotTakeIsTheFloodersReplies(t *testing.T) {
	e := setup(t, newFakeClock())
	clock := &heldClock{Clock: e.clock, open: make(chan struct{})}
	e.cfg.Clock = clock
	e.cfg.WebhookURL, e.cfg.WebhookSecret = "https://bot.example.com/telegram/webhook", testSecret
	e.cfg.Workers = 4
	e.cfg.Limits = &Limits{PerChat: pacing.Per(1, 200*time.Millisecond), Backlog: 600 * time.Millisecond}
	a := e.start()
	var flood [][]byte
	for i := range 25 {
		flood = append(flood, telegramtest.Message(1000+i, e.group, e.alice, 100+i, "/top"))
	}
	e.deliver(a.Adapter, flood...)
	e.deliver(a.Adapter, telegramtest.Message(2000, e.group, e.bob, 200, "/help"), telegramtest.Message(2001, e.group, e.carol, 201, "/help"))
	in := a.inbox.(*redisstore.Inbox)
	testkit.Eventually(t, "the flood's first reply sent, three waiting and the rest shed", func() bool {
		n, err := in.Backlog(context.Background())
		return err == nil && n == 3 && clock.sleeping.Load() == 3 && len(e.api.Calls("sendMessage")) == 1
	})
	close(clock.open)
	e.await("sendMessage", 4)
	settle(a)
	var order []int
	for _, c := range to(e.api.Calls("sendMessage"), e.group) {
		order = append(order, repliedTo(c))
	}
	fromFlood := 0
	others := map[int]bool{}
	for _, id := range order {
		switch {
		case id == 200 || id == 201:
			others[id] = true
		case len(others) < 2:
			fromFlood++
		}
	}
	if len(others) != 2 || fromFlood > 2 || len(order) != 4 {
		t.Errorf("the group's replies, by the message each quotes: %v; want the flood's first two and the others' two, theirs before any third of the flood", order)
	}
}
