package pacing

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/testkit"
)

// waitingIn counts the goroutines parked in p's wait: asleep in its
// clock's Sleep, or waiting their turn.
func waitingIn(p *Pacer) int {
	frame := fmt.Sprintf("pacing.(*Pacer).wait(%p", p)
	buf := make([]byte, 1<<22)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for g := range strings.SplitSeq(string(buf), "\n\n") {
		if strings.Contains(g, frame) && strings.Contains(g, " [select") {
			n++
		}
	}
	return n
}

// TestAReplyWaitsForOneBackgroundMessageNotAll: twenty background
// messages (a burst of votes' private feedback) wait for the overall
// limit, 30 a second; a reply that comes after them (a command's, its
// user waiting) is sent at the limit's next turn, not after all of them
// (two thirds of a second on); then the background messages are sent,
// all of them. Virtual time.
func TestAReplyWaitsForOneBackgroundMessageNotAll(t *testing.T) {
	clk := &gatedClock{Clock: newClock(), sleeping: make(chan time.Duration, 100), gate: make(chan struct{})}
	p := New(Config{Global: Per(30, time.Second), Clock: clk})
	const background = 20
	var sent atomic.Int64
	bg := InBackground(context.Background())
	for i := range background {
		go func() {
			_ = p.SendMethod(bg, "", "voter"+strconv.Itoa(i), func(context.Context) error { sent.Add(1); return nil })
		}()
	}
	testkit.Eventually(t, "the background messages sent or waiting", func() bool {
		return sent.Load() == 1 && waitingIn(p) == background-1
	})
	for len(clk.sleeping) > 0 { // the background messages' own waits
		<-clk.sleeping
	}
	go func() {
		_ = p.SendMethod(context.Background(), "", "asker", func(context.Context) error { return nil })
	}()
	select {
	case d := <-clk.sleeping:
		if turn := time.Second / 30; d > turn+time.Millisecond {
			t.Errorf("the reply waits %s behind the background messages, want at most one turn of the overall limit (%s)", d, turn)
		}
	case <-time.After(testkit.Patience):
		t.Fatal("the reply did not wait for the overall limit")
	}
	close(clk.gate)
	go func() {
		for range clk.sleeping { // the waits go on in virtual time
		}
	}()
	testkit.Eventually(t, "every background message sent", func() bool { return sent.Load() == background })
}
