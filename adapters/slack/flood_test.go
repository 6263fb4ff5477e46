package slack_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/slack"
	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// One user flooding the bot delays nobody else: the core lets ten of their
// commands through and tells them once to slow down (quiz.UserLimit), and
// what is answered waits on their own conversation's pacing, not on every
// worker.
func TestAFloodingUserDelaysNobodyElse(t *testing.T) {
	t.Parallel()
	st := sharedStore(t)
	// The core's clock stands still, so that the user's allowance does not
	// refill however long a busy machine takes over the flood.
	now := time.Now()
	core, err := quiz.New(quiz.Config{
		Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: st, Daily: st, Lang: "en", Location: time.UTC,
		UserLimit: quiz.DefaultUserLimit, Now: func() time.Time { return now },
	})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, httpMode, options{core: core, store: st})
	flood := map[string]bool{}
	for range 150 {
		flood[e.command("UEVIL", "C1", "stats")] = true
	}
	bob := e.command("UBOB", "C2", "stats")
	e.slack.Wait(t, 1, ToHook(bob))
	fromFlood := func(s sent) bool { return s.Method == "response" && flood[s.Hook] }
	before := 0
	for _, s := range e.slack.Sent(func(s sent) bool { return fromFlood(s) || ToHook(bob)(s) }) {
		if s.Hook == bob {
			break
		}
		before++
	}
	if before >= quiz.DefaultUserLimit.Burst {
		t.Errorf("bob's reply came after %d of the flood's, want before its %dth", before, quiz.DefaultUserLimit.Burst)
	}
	e.slack.Wait(t, quiz.DefaultUserLimit.Burst+1, fromFlood)
	e.slack.Settle(t)
	got := e.slack.Sent(fromFlood)
	slowDowns := 0
	for _, s := range got {
		if strings.Contains(s.Sections(), "Slow down") {
			slowDowns++
			if !s.Private() {
				t.Errorf("the slow-down was public")
			}
		}
	}
	if len(got) != quiz.DefaultUserLimit.Burst+1 || slowDowns != 1 {
		t.Errorf("the flood got %d replies, %d of them slow-downs; want %d and 1", len(got), slowDowns, quiz.DefaultUserLimit.Burst+1)
	}
}

// A message that would wait for its conversation's pacing longer than the
// adapter's backlog allows is shed at once, rather than hold a worker.
func TestAConversationsBacklogIsBounded(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	shed, sent := 0, 0
	var wg sync.WaitGroup
	for range 40 {
		wg.Go(func() {
			err := slack.Call(ctx, e.ad, "test.method", "c:CFLOOD", func(context.Context) error { return nil })
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.Is(err, pacing.ErrShed):
				shed++
			case err == nil:
				sent++
			}
		})
	}
	// 40 at once, at 1/s in bursts of 3: about 13 fit within ten seconds'
	// wait; the rest are shed without waiting.
	testkit.EventuallyWithin(t, 2*time.Second, "the excess to be shed", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return shed >= 25
	}, func() string { return "" })
	cancel() // those still waiting give up
	wg.Wait()
	if shed > 30 || sent < 3 {
		t.Errorf("%d shed, %d sent; want about 27 shed and the first 3 sent", shed, sent)
	}
}

// One user's public replies flooding a channel fill half its backlog: the
// rest is shed, and another user's reply there still waits its turn.
func TestAChannelsBacklogIsNotAllOneUsers(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	call := func(user string) error {
		return slack.Call(pacing.WithSender(ctx, user), e.ad, "test.method", "c:CPUBLIC", func(context.Context) error { return nil })
	}
	var mu sync.Mutex
	shed := 0
	var wg sync.WaitGroup
	for range 40 {
		wg.Go(func() {
			if err := call("UEVIL"); errors.Is(err, pacing.ErrShed) {
				mu.Lock()
				shed++
				mu.Unlock()
			}
		})
	}
	// At 1/s in bursts of 3, about 8 fit within five seconds' wait.
	testkit.EventuallyWithin(t, 2*time.Second, "the flood's excess to be shed", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return shed >= 30
	}, func() string { return "" })
	bob := make(chan error, 1)
	go func() { bob <- call("UBOB") }()
	select {
	case err := <-bob:
		t.Errorf("another user's reply, about six seconds behind: %v; want it to wait its turn", err)
	case <-time.After(300 * time.Millisecond):
	}
	cancel()
	wg.Wait()
}
