package slack_test

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// TestAnAnswerInDoubtIsLeftForLaterAndScoredOnce presses a quiz's right
// button while the store loses its replies — Redis runs the answer, and
// the bot cannot tell — so the answer is in doubt: its user is told
// nothing, and the press stays in the inbox. Once the store answers again
// it is handled again: answered once, "Right" (never "already answered"),
// and stored once.
func TestAnAnswerInDoubtIsLeftForLaterAndScoredOnce(t *testing.T) {
	// The core's store loses its replies on demand; the inbox, on a Redis
	// of its own, does not.
	rdb, lossy, lost := testkit.LosingRedis(t)
	scores, coreStore := redisstore.New(rdb), redisstore.New(lossy) // scores reads what the core's store wrote
	ctx := context.Background()
	if err := coreStore.Preload(ctx); err != nil { // its scripts, as the bot loads them at start
		t.Fatal(err)
	}
	core, err := quiz.New(quiz.Config{Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: coreStore, Lang: "en", Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	inboxRedis, _ := testkit.Redis(t)
	var inbox *redisstore.Inbox
	logs := &testkit.LogBuffer{T: t}
	e := newEnv(t, httpMode, options{core: core, store: redisstore.New(inboxRedis), deps: func(d *adapters.Deps) {
		d.Log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		d.Inbox = func(name string) edge.Inbox {
			// Taken again a second after it was left: longer than the runner's
			// wait on the inbox (250 ms), during which an entry it took over waits.
			inbox = redisstore.New(inboxRedis).Inbox(name, redisstore.InboxOptions{ClaimIdle: time.Second})
			return inbox
		}
	}})
	q := e.ask("U1", "C1", "quiz", 1)[0]
	id := strings.Split(q.Button(t, "a:").Value, ":")[1]
	kept, ok, err := scores.LoadQuiz(ctx, "slack:"+e.team, id)
	if err != nil || !ok {
		t.Fatalf("quiz %s: %v, %v", id, ok, err)
	}
	scope, user := "slack:"+e.team, "slack:"+e.team+":U2"
	stats := func() quiz.Stats {
		st, err := scores.Stats(ctx, scope, user, "")
		if err != nil {
			t.Fatal(err)
		}
		return st
	}

	e.slack.Settle(t) // the quiz command out of the inbox

	lost.Set(true)
	cb := e.click("U2", "C1", q, q.Button(t, "a:"+id+":"+strconv.Itoa(kept.Correct)))
	e.deliver("interactive", cb)
	testkit.Eventually(t, "the core to try to score the answer", func() bool { return lost.Lost() >= 1 })
	// The press stays in the inbox: the adapter is done with it when its
	// worker has left it for later, having sent what it would send.
	testkit.Eventually(t, "the press left for later", func() bool { return strings.Contains(logs.String(), "a delivery is left for later") })
	if got := e.slack.Sent(ToHook(cb.ResponseURL)); len(got) != 0 {
		t.Errorf("the user was told %q while the answer was in doubt, want nothing yet", got[0].Text)
	}
	if n, err := inbox.Backlog(ctx); err != nil || n != 1 {
		t.Errorf("%d deliveries in the inbox (%v) while the answer is in doubt, want the press", n, err)
	}
	if st := stats(); st.Answered != 1 || st.Points != quiz.RightAnswerPoints {
		t.Fatalf("while in doubt Redis holds %d answers, %d points; the store ran the answer", st.Answered, st.Points)
	}

	lost.Set(false)
	replies := e.slack.Wait(t, 1, ToHook(cb.ResponseURL))
	if !strings.Contains(replies[0].Text, "Right! +10") {
		t.Errorf("the press's reply once the store is back: %q, want it scored", replies[0].Text)
	}
	testkit.Eventually(t, "the press to leave the inbox", func() bool { n, err := inbox.Backlog(ctx); return err == nil && n == 0 })
	e.slack.Settle(t)
	if got := e.slack.Sent(ToHook(cb.ResponseURL)); len(got) != 1 {
		t.Errorf("%d replies to the press, want one: %+v", len(got), got)
	}
	if st := stats(); st.Answered != 1 || st.Points != quiz.RightAnswerPoints {
		t.Errorf("Redis holds %d answers, %d points; want the answer once", st.Answered, st.Points)
	}
}
