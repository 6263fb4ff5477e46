package quiz_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// A bot killed while it sends a daily question: the platform showed it, and
// the bot never learnt so. Whichever replica is up at the reveal time
// reveals it, once.

// killedInPost is the outbox of a bot killed during a send: the platform
// shows the message (in shown), and the process never runs another
// instruction — Post never returns, so nothing after the send is recorded.
type killedInPost struct {
	shown  *outbox
	posted chan struct{} // closed once the platform showed the message
	once   sync.Once
}

func newKilledInPost(e *env) *killedInPost {
	return &killedInPost{shown: &outbox{now: e.clock.Now}, posted: make(chan struct{})}
}

func (k *killedInPost) Post(ctx context.Context, channel string, m quiz.Message) (string, error) {
	_, _ = k.shown.Post(ctx, channel, m)
	k.once.Do(func() { close(k.posted) })
	select {} // killed
}

func (k *killedInPost) CloseQuiz(context.Context, string, string, quiz.Message) error { select {} }

// killedWhilePosting turns the daily on in chan-1 at 09:30 on 1 December
// and has a bot post it at 09:31 and die during the send; it returns the
// quiz the channel was shown.
func killedWhilePosting(t *testing.T, e *env) *quiz.MultipleChoice {
	t.Helper()
	e.clock.Set(time.Date(2026, 12, 1, 9, 30, 0, 0, shanghai))
	e.enableDaily(t, "chan-1", 9, 30, "Asia/Shanghai")
	e.clock.Advance(time.Minute)
	dying := newKilledInPost(e)
	go replica(t, e, dying).Tick(context.Background()) // never returns
	<-dying.posted
	shown := dying.shown.all()
	if len(shown) != 1 || shown[0].msg.Quiz == nil {
		t.Fatalf("the dying bot showed %+v; want the daily", shown)
	}
	return shown[0].msg.Quiz
}

// dailies and reveals splits what an outbox sent.
func dailiesAndReveals(out *outbox) (dailies, reveals []sent) {
	for _, p := range out.all() {
		if isReveal(p.msg) {
			reveals = append(reveals, p)
		} else {
			dailies = append(dailies, p)
		}
	}
	return dailies, reveals
}

// revealDue is 17:31 on 1 December: eight hours after the daily's send.
var revealDue = time.Date(2026, 12, 1, 17, 31, 0, 0, shanghai)

// TestADailyWhoseBotDiedDuringTheSendIsRevealedOnce: the bot is killed
// after the platform showed the daily and before anything after the send
// was recorded; two users answer it. A restarted bot reveals it at its
// time, once, naming who was right, without posting the daily again, and
// posts the next day's as usual. (Before, the post was recorded only after
// the send: its reveal never came.)
func TestADailyWhoseBotDiedDuringTheSendIsRevealedOnce(t *testing.T) {
	e := dailyEnv(t)
	card := killedWhilePosting(t, e)
	e.press("ann", quiz.AnswerPayload(card.ID, card.Correct))
	e.press("bob", quiz.AnswerPayload(card.ID, wrongChoice(card)))

	out := &outbox{now: e.clock.Now}
	restarted := replica(t, e, out)
	e.ticks(restarted, time.Date(2026, 12, 2, 9, 40, 0, 0, shanghai))

	dailies, reveals := dailiesAndReveals(out)
	if len(reveals) != 1 {
		t.Fatalf("%d reveals, want 1", len(reveals))
	}
	got := rich.Plain(reveals[0].msg.Blocks)
	if !strings.Contains(got, "2 answered, 1 right.") || !strings.Contains(got, "Right: ann") || reveals[0].at.Before(revealDue) {
		t.Errorf("the reveal at %s reads %q; want it at %s or later, with 2 answered and ann right", reveals[0].at, got, revealDue)
	}
	if len(dailies) != 1 || dailies[0].at.In(shanghai).Format("01-02") != "12-02" {
		t.Errorf("the restarted bot posted dailies %+v; want only 2 December's, the 1st's not again", dailies)
	}
	if len(out.closed) != 0 {
		t.Errorf("closed %+v: the daily's message is not known, so nothing is to be closed", out.closed)
	}
}

// TestADailyWhoseBotDiedDuringTheSendAndNobodyAnsweredIsNotRevealed: with
// no answer, nothing says the channel saw the daily: its reveal is skipped,
// quietly and once, and is not due again; an admin may still reveal it.
func TestADailyWhoseBotDiedDuringTheSendAndNobodyAnsweredIsNotRevealed(t *testing.T) {
	e := dailyEnv(t)
	killedWhilePosting(t, e)
	out := &outbox{now: e.clock.Now}
	var events []string
	// The env's own Service restarted: its `daily reveal` goes through it.
	restarted := quiz.NewScheduler(e.svc, quiz.SchedulerConfig{
		Outboxes: map[string]quiz.Outbox{"test": out},
		OnEvent:  func(event, _ string) { events = append(events, event) },
	})
	e.ticks(restarted, revealDue.Add(time.Hour))

	if _, reveals := dailiesAndReveals(out); len(reveals) != 0 {
		t.Fatalf("%d reveals of a daily nobody answered whose send's outcome is unknown", len(reveals))
	}
	if !slices.Equal(events, []string{"unrevealed"}) {
		t.Errorf("events %v, want one unrevealed", events)
	}
	if due, err := e.store.Due(context.Background(), []string{"test"}, revealDue.Add(time.Hour), 10); err != nil || len(due.Reveals) != 0 {
		t.Errorf("reveals still due: %+v, %v", due.Reveals, err)
	}
	if r := e.cmd("admin", "daily reveal"); !strings.Contains(r.Notice, "is revealed") {
		t.Fatalf("an admin's daily reveal says %q", r.Notice)
	}
	if _, reveals := dailiesAndReveals(out); len(reveals) != 1 || !strings.Contains(rich.Plain(reveals[0].msg.Blocks), "0 answered") {
		t.Errorf("after the admin's daily reveal, reveals %+v; want one", reveals)
	}
}

// TestTwoReplicasRevealADailyWhoseBotDiedOnce: two replicas, racing every
// tick, reveal the dead bot's daily once, and not before its time.
func TestTwoReplicasRevealADailyWhoseBotDiedOnce(t *testing.T) {
	e := dailyEnv(t)
	card := killedWhilePosting(t, e)
	e.press("ann", quiz.AnswerPayload(card.ID, card.Correct))
	out := &outbox{now: e.clock.Now}
	a, b := replica(t, e, out), replica(t, e, out)
	for end := revealDue.Add(time.Hour); !e.clock.Now().After(end); e.clock.Advance(10 * time.Minute) {
		var wg sync.WaitGroup
		for _, s := range []*quiz.Scheduler{a, b} {
			wg.Go(func() { s.Tick(context.Background()) })
		}
		wg.Wait()
	}
	dailies, reveals := dailiesAndReveals(out)
	if len(dailies) != 0 || len(reveals) != 1 {
		t.Fatalf("%d dailies and %d reveals, want the one reveal", len(dailies), len(reveals))
	}
	if reveals[0].at.Before(revealDue) {
		t.Errorf("revealed at %s, before its time %s", reveals[0].at, revealDue)
	}
}

// TestADailyNowWhoseBotDiedDuringTheSendIsRevealedOnce: `daily now` goes
// the same way as the scheduler's posts: killed during its send, its daily
// is revealed by a restarted bot.
func TestADailyNowWhoseBotDiedDuringTheSendIsRevealedOnce(t *testing.T) {
	e := dailyEnv(t)
	dying := newKilledInPost(e)
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": dying}})
	req := e.request("admin")
	req.Text = "daily now"
	go e.svc.Handle(context.Background(), req) // never answers
	<-dying.posted
	card := dying.shown.all()[0].msg.Quiz
	e.press("ann", quiz.AnswerPayload(card.ID, card.Correct))

	out := &outbox{now: e.clock.Now}
	e.ticks(replica(t, e, out), e.clock.Now().Add(9*time.Hour))
	dailies, reveals := dailiesAndReveals(out)
	if len(dailies) != 0 || len(reveals) != 1 || !strings.Contains(rich.Plain(reveals[0].msg.Blocks), "Right: ann") {
		t.Fatalf("%d dailies and reveals %+v; want one reveal naming ann", len(dailies), reveals)
	}
}

// TestADailyThePlatformRefusedLeavesNoRevealBehind: a daily refused outright
// (nothing sent) takes back its record, written before the send, with its
// reveal: the channel's latest daily is the day before's again, and no
// reveal is due for a post that never was.
func TestADailyThePlatformRefusedLeavesNoRevealBehind(t *testing.T) {
	e := dailyEnv(t)
	e.clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai))
	e.enableDaily(t, "chan-1", 9, 30, "Asia/Shanghai")
	out := &refusingOutbox{outbox: outbox{now: e.clock.Now}}
	s := replica(t, e, out)
	e.ticks(s, time.Date(2026, 12, 1, 20, 0, 0, 0, shanghai)) // 1 December: posted and revealed
	out.refusals.Store(1 << 30)                               // 2 December: refused, all day
	e.ticks(s, time.Date(2026, 12, 2, 12, 0, 0, 0, shanghai)) // past the grace window: skipped

	ctx := context.Background()
	if last, ok, err := e.store.LastPost(ctx, e.scope, "chan-1"); err != nil || !ok || last.Date != "2026-12-01" || last.Pending {
		t.Errorf("the channel's latest daily: %+v, %v, %v; want 1 December's, sent", last, ok, err)
	}
	if due, err := e.store.Due(ctx, []string{"test"}, time.Date(2026, 12, 3, 0, 0, 0, 0, shanghai), 10); err != nil || len(due.Reveals) != 0 {
		t.Errorf("reveals due after the refused daily: %+v, %v; want none", due.Reveals, err)
	}
	if dailies, reveals := dailiesAndReveals(&out.outbox); len(dailies) != 1 || len(reveals) != 1 {
		t.Errorf("%d dailies and %d reveals sent, want 1 December's", len(dailies), len(reveals))
	}
	if got := text(e.cmd("ann", "daily status")); strings.Contains(got, "is open") {
		t.Errorf("daily status after the refused daily: %s", got)
	}
}
