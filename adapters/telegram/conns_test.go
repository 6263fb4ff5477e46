package telegram

import (
	"context"
	"strconv"
	"sync"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestSendsReuseConnections sends 1,200 messages from 30 senders at once,
// as a bot at Telegram's 30 messages a second does, and counts the TCP
// connections the API saw: kept alive and reused, each carrying ten
// messages or more on average (about one per sender on a quiet machine; on
// a busy one a dial can race a connection coming back idle, and 61 were
// seen; the default transport, which keeps 2, opened 146–277).
func TestSendsReuseConnections(t *testing.T) {
	e := newEnv(t)
	e.cfg.Limits = &Limits{} // no pacing: all 30 at once
	a := e.start()
	const senders, each = 30, 40
	before := e.api.Connections()
	var wg sync.WaitGroup
	for s := range senders {
		wg.Go(func() {
			chat := strconv.FormatInt(e.alice+int64(1000*s), 10)
			for i := range each {
				if _, err := a.Post(context.Background(), chat, quiz.Message{Blocks: helpBlocks(i)}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	opened := e.api.Connections() - before
	t.Logf("%d messages from %d senders opened %d connections", senders*each, senders, opened)
	if opened > senders*each/10 {
		t.Errorf("%d messages from %d senders opened %d connections: they are not reused", senders*each, senders, opened)
	}
}
