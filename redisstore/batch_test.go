package redisstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// scriptGate is a client hook that holds back the store's scripts until
// it is opened: single EVALSHAs at one gate, pipelines of them at
// another. It counts what it holds and the size of every such pipeline.
type scriptGate struct {
	singles, pipes chan struct{} // closed: open

	mu        sync.Mutex
	held      int   // single EVALSHAs that reached the gate
	pipelines []int // the commands of each pipeline, as they reached it
}

func newScriptGate() *scriptGate {
	return &scriptGate{singles: make(chan struct{}), pipes: make(chan struct{})}
}

func (g *scriptGate) DialHook(next redis.DialHook) redis.DialHook { return next }

func (g *scriptGate) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if cmd.Name() == "evalsha" {
			g.mu.Lock()
			g.held++
			g.mu.Unlock()
			<-g.singles
		}
		return next(ctx, cmd)
	}
}

func (g *scriptGate) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if cmds[0].Name() != "evalsha" { // a new connection's handshake
			return next(ctx, cmds)
		}
		g.mu.Lock()
		g.pipelines = append(g.pipelines, len(cmds))
		g.mu.Unlock()
		<-g.pipes
		return next(ctx, cmds)
	}
}

// heldSingles and sizes read what the gate saw.
func (g *scriptGate) heldSingles() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.held
}

func (g *scriptGate) sizes() []int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.pipelines)
}

// batchFx answers through a store whose client is gated, on quizzes made
// through an ungated one.
type batchFx struct {
	*fx
	gate  *scriptGate
	gated *Store
}

func newBatchFx(t *testing.T, addr string, opts *redis.Options) *batchFx {
	t.Helper()
	if opts == nil {
		opts = &redis.Options{}
	}
	opts.Addr = addr
	rdb := redis.NewClient(opts)
	t.Cleanup(func() { _ = rdb.Close() })
	g := newScriptGate()
	rdb.AddHook(g)
	// Whatever the test leaves held is let go at its end.
	t.Cleanup(func() { openGate(g.singles); openGate(g.pipes) })
	setup := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { _ = setup.Close() })
	return &batchFx{fx: &fx{t: t, st: preloaded(t, setup), scope: newScope(t), ctx: ctxFor(t)}, gate: g, gated: New(rdb)}
}

func openGate(c chan struct{}) {
	select {
	case <-c:
	default:
		close(c)
	}
}

// answerAsync answers q rightly as user through the gated store, held and
// marked with a delivery of its own, and reports on the channel it
// returns.
func (f *batchFx) answerAsync(ctx context.Context, q quiz.Quiz, user string) <-chan answerReply {
	out := make(chan answerReply, 1)
	go func() {
		res, err := f.gated.Answer(ctx, quiz.Answer{
			Scope: q.Scope, Channel: q.Channel, QuizID: q.ID, User: user, UserName: user, Held: &q,
			Choice: q.Correct, At: t0.Add(time.Minute), Day: day0, Week: week1, Delivery: "press:" + user,
		})
		out <- answerReply{user, res, err}
	}()
	return out
}

type answerReply struct {
	user string
	res  quiz.AnswerResult
	err  error
}

// fillSenders has as many answers as there may be batches on the wire
// reach the single gate, and returns their replies' channels.
func (f *batchFx) fillSenders(q quiz.Quiz) []<-chan answerReply {
	var replies []<-chan answerReply
	for i := range maxScriptBatches {
		replies = append(replies, f.answerAsync(f.ctx, q, fmt.Sprintf("sender%d", i)))
	}
	testkit.Eventually(f.t, "every sender at the gate", func() bool { return f.gate.heldSingles() == maxScriptBatches })
	return replies
}

// batchAtTheGate has the senders answer q and n answers (of user i, with
// ctxOf(i)) queue behind them, lets the senders through, and returns the queued
// answers' replies once they, sent as one pipeline, wait at its gate.
func (f *batchFx) batchAtTheGate(q quiz.Quiz, n int, ctxOf func(i int) context.Context) []<-chan answerReply {
	f.t.Helper()
	senders := f.fillSenders(q)
	var batch []<-chan answerReply
	for i := range n { // one after another: user0 leads the batch
		batch = append(batch, f.answerAsync(ctxOf(i), q, fmt.Sprintf("user%d", i)))
		testkit.Eventually(f.t, "the answer queued", func() bool { return f.queued() == i+1 })
	}
	openGate(f.gate.singles)
	for _, r := range senders {
		if got := recv(f.t, r); got.err != nil {
			f.t.Fatalf("%s: %v", got.user, got.err)
		}
	}
	testkit.Eventually(f.t, "the batch at the gate", func() bool { return slices.Equal(f.gate.sizes(), []int{n}) })
	return batch
}

// ctxOf is the test's context, for any answer.
func (f *batchFx) ctxOf(int) context.Context { return f.ctx }

// recv is the reply r brings, failing the test if it takes longer than
// any wait a test here means.
func recv(t *testing.T, r <-chan answerReply) answerReply {
	t.Helper()
	select {
	case got := <-r:
		return got
	case <-time.After(testkit.Patience):
		t.Fatalf("no reply after %s", testkit.Patience)
		return answerReply{}
	}
}

// queued is how many calls wait for a batch.
func (f *batchFx) queued() int {
	f.gated.held.mu.Lock()
	defer f.gated.held.mu.Unlock()
	return len(f.gated.held.waiting)
}

// TestAnswersThatArriveTogetherGoTogether holds the answers on the wire
// while more arrive: those go to Redis in one pipeline once one of the
// first is answered, and each is scored as an answer of its own is — its
// points on the board, the quiz's count one more for each.
func TestAnswersThatArriveTogetherGoTogether(t *testing.T) {
	t.Parallel()
	f := newBatchFx(t, redistest.Shared(t).Addr, nil)
	q := f.quiz()
	replies := f.fillSenders(q)
	const queued = 10
	for i := range queued {
		replies = append(replies, f.answerAsync(f.ctx, q, fmt.Sprintf("user%d", i)))
	}
	testkit.Eventually(t, "the answers queued", func() bool { return f.queued() == queued })
	openGate(f.gate.singles)
	openGate(f.gate.pipes)
	var counts []int
	for _, r := range replies {
		got := recv(t, r)
		if got.err != nil || got.res.Status != quiz.AnswerScored || got.res.Points != quiz.RightAnswerPoints {
			t.Errorf("%s: %+v, %v; want scored with %d points", got.user, got.res, got.err, quiz.RightAnswerPoints)
		}
		counts = append(counts, got.res.Answered)
		if p := f.points(week1, got.user); p != int64(quiz.RightAnswerPoints) {
			t.Errorf("%s has %d points on the board, want %d", got.user, p, quiz.RightAnswerPoints)
		}
	}
	slices.Sort(counts)
	for i, n := range counts {
		if n != i+1 {
			t.Fatalf("the answers' counts %v; want 1 to %d, each answer counted once", counts, len(replies))
		}
	}
	if got := f.gate.sizes(); !slices.Equal(got, []int{queued}) {
		t.Errorf("pipelines of %v scripts; want the %d queued answers in one", got, queued)
	}
}

// TestACallerWhoStopsWaitingIsLeftOut: an answer whose caller's context
// ends while it waits for a batch gets the context's error and is not
// sent, so it is not recorded, and answering again scores it; the answers
// queued with it are sent.
func TestACallerWhoStopsWaitingIsLeftOut(t *testing.T) {
	t.Parallel()
	f := newBatchFx(t, redistest.Shared(t).Addr, nil)
	q := f.quiz()
	replies := f.fillSenders(q)
	ctx, cancel := context.WithCancel(f.ctx)
	gone := f.answerAsync(ctx, q, "quitter")
	testkit.Eventually(t, "the quitter queued", func() bool { return f.queued() == 1 })
	replies = append(replies, f.answerAsync(f.ctx, q, "stayer"))
	testkit.Eventually(t, "the stayer queued", func() bool { return f.queued() == 2 })
	cancel()
	if got := recv(t, gone); !errors.Is(got.err, context.Canceled) {
		t.Fatalf("the quitter's answer: %+v, %v; want context.Canceled", got.res, got.err)
	}
	openGate(f.gate.singles)
	openGate(f.gate.pipes)
	for _, r := range replies {
		if got := recv(t, r); got.err != nil || got.res.Status != quiz.AnswerScored {
			t.Errorf("%s: %+v, %v; want scored", got.user, got.res, got.err)
		}
	}
	if p := f.points(week1, "quitter"); p != -1 {
		t.Errorf("the quitter has %d points: an answer its caller gave up on was sent", p)
	}
	again := recv(t, f.answerAsync(f.ctx, q, "quitter"))
	if again.err != nil || again.res.Status != quiz.AnswerScored || again.res.Answered != maxScriptBatches+2 {
		t.Errorf("the quitter answering again: %+v, %v; want scored as the quiz's answer %d", again.res, again.err, maxScriptBatches+2)
	}
}

// TestABatchWhoseReplyIsLostIsRecognisedWhenSentAgain cuts the connection
// of a batch of answers after Redis ran it: go-redis sends the pipeline
// again, and each answer finds its delivery's mark and reports what its
// first run did; when the replies stay lost past the client's retries,
// every caller gets an error, and each answer given again (as the inbox
// hands it out again) is scored once.
func TestABatchWhoseReplyIsLostIsRecognisedWhenSentAgain(t *testing.T) {
	t.Parallel()
	srv := redistest.Shared(t)
	for _, c := range []struct {
		name  string
		lose  int
		fails bool
	}{{"lost once", 1, false}, {"lost past the retries", 10, true}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			proxy := redistest.StartProxy(t, srv.Addr)
			f := newBatchFx(t, proxy.Addr, &redis.Options{ReadTimeout: 2 * time.Second, MaxRetries: 2,
				MinRetryBackoff: time.Millisecond, MaxRetryBackoff: 5 * time.Millisecond})
			q := f.quiz()
			batch := f.batchAtTheGate(q, 5, f.ctxOf)
			proxy.CutReplies(c.lose)
			openGate(f.gate.pipes)
			for _, r := range batch {
				got := recv(t, r)
				if c.fails {
					if got.err == nil {
						t.Errorf("%s: %+v with every reply lost; want an error", got.user, got.res)
					}
					continue
				}
				if got.err != nil || got.res.Status != quiz.AnswerScored || got.res.Points != quiz.RightAnswerPoints {
					t.Errorf("%s: %+v, %v; want scored with its points, as its first run did", got.user, got.res, got.err)
				}
			}
			proxy.CutReplies(0)
			if proxy.Lost() == 0 {
				t.Fatal("no reply was lost")
			}
			for i := range 5 {
				user := fmt.Sprintf("user%d", i)
				if c.fails { // the inbox hands the answer out again
					if got := recv(t, f.answerAsync(f.ctx, q, user)); got.err != nil || got.res.Status != quiz.AnswerScored {
						t.Errorf("%s given again: %+v, %v; want scored", user, got.res, got.err)
					}
				}
				if p := f.points(week1, user); p != int64(quiz.RightAnswerPoints) {
					t.Errorf("%s has %d points, want %d: scored once", user, p, quiz.RightAnswerPoints)
				}
			}
			if s := f.stats("user0", week1); s.Answered != 1 {
				t.Errorf("user0 answered %d quizzes, want 1", s.Answered)
			}
		})
	}
}

// TestABatchAfterRedisForgotItsScripts: a batch sent to a Redis whose
// script cache is empty (a restart, SCRIPT FLUSH) is refused with NOSCRIPT
// call by call; each call is run again, loading the script, and scored.
func TestABatchAfterRedisForgotItsScripts(t *testing.T) {
	t.Parallel()
	srv, err := redistest.Launch(redistest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	f := newBatchFx(t, srv.Addr, nil)
	q := f.quiz()
	batch := f.batchAtTheGate(q, 3, f.ctxOf)
	if err := srv.Client(t).ScriptFlush(f.ctx).Err(); err != nil {
		t.Fatal(err)
	}
	openGate(f.gate.pipes)
	for _, r := range batch {
		if got := recv(t, r); got.err != nil || got.res.Status != quiz.AnswerScored {
			t.Errorf("%s: %+v, %v; want scored", got.user, got.res, got.err)
		}
	}
}

// TestABatchKeepsItsCallersDeadlines holds back the reply to a batch for
// good, with a client that would wait a minute for it: no caller waits
// past its own deadline — the batch ends at the nearest, its sender's (the
// others' a minute away) — the batch gives its place back, and the
// answers, which Redis ran, are recognised when given again.
func TestABatchKeepsItsCallersDeadlines(t *testing.T) {
	t.Parallel()
	f, proxy := newPatientFx(t)
	q := f.quiz()
	soon, cancelSoon := context.WithTimeout(f.ctx, 300*time.Millisecond)
	defer cancelSoon()
	later, cancelLater := context.WithTimeout(f.ctx, time.Minute)
	defer cancelLater()
	batch := f.batchAtTheGate(q, 3, leaderWith(soon, later))
	f.sendHeldBack(proxy)
	for _, r := range batch {
		if got := recv(t, r); got.err == nil {
			t.Errorf("%s: %+v with its reply held back; want its deadline's error", got.user, got.res)
		}
	}
	testkit.Eventually(t, "every batch's place given back", func() bool {
		f.gated.held.mu.Lock()
		defer f.gated.held.mu.Unlock()
		return f.gated.held.sending == 0
	})
	if proxy.Lost() != 1 {
		t.Fatalf("%d replies held back, want the batch's", proxy.Lost())
	}
	for i := range 3 { // the inbox hands each out again
		user := fmt.Sprintf("user%d", i)
		if got := recv(t, f.answerAsync(f.ctx, q, user)); got.err != nil || got.res.Status != quiz.AnswerScored || got.res.Points != quiz.RightAnswerPoints {
			t.Errorf("%s given again: %+v, %v; want scored, as its first run was", user, got.res, got.err)
		}
	}
}

// TestABatchIsSentWhenItsLeaderStopsWaiting: the caller a batch is handed
// to sends it for all; its context cancelled then stops neither the
// others' answers nor its own.
func TestABatchIsSentWhenItsLeaderStopsWaiting(t *testing.T) {
	t.Parallel()
	f := newBatchFx(t, redistest.Shared(t).Addr, nil)
	q := f.quiz()
	ctx, cancel := context.WithCancel(f.ctx)
	batch := f.batchAtTheGate(q, 3, leaderWith(ctx, f.ctx))
	cancel() // the leader, user0, is sending: its pipeline is at the gate
	openGate(f.gate.pipes)
	for _, r := range batch {
		if got := recv(t, r); got.err != nil || got.res.Status != quiz.AnswerScored {
			t.Errorf("%s: %+v, %v; want scored", got.user, got.res, got.err)
		}
	}
}

// newPatientFx is a batchFx through a proxy, whose client would wait a
// minute for a reply but keeps its callers' deadlines, as production's
// does, and sends nothing twice.
func newPatientFx(t *testing.T) (*batchFx, *redistest.Proxy) {
	t.Helper()
	proxy := redistest.StartProxy(t, redistest.Shared(t).Addr)
	return newBatchFx(t, proxy.Addr, &redis.Options{ReadTimeout: time.Minute, ContextTimeoutEnabled: true, MaxRetries: -1}), proxy
}

// sendHeldBack lets the batch at the gate go, its reply held back for good.
func (f *batchFx) sendHeldBack(proxy *redistest.Proxy) {
	proxy.HoldReplies(1)
	openGate(f.gate.pipes)
}

// leaderWith gives the batch's leader, user0, ctx, and the others rest.
func leaderWith(ctx, rest context.Context) func(int) context.Context {
	return func(i int) context.Context {
		if i == 0 {
			return ctx
		}
		return rest
	}
}

// TestABatchEndsAtTheNearestDeadlineOfThoseWaiting: a caller who has gone
// (its context ended, say a leader that gave up as it was handed the
// batch) does not cut the others' batch short.
func TestABatchEndsAtTheNearestDeadlineOfThoseWaiting(t *testing.T) {
	gone, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second)) // passed
	defer cancel()
	soon, cancelSoon := context.WithTimeout(context.Background(), time.Minute)
	defer cancelSoon()
	later, cancelLater := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancelLater()
	for _, c := range []struct {
		name  string
		ctxs  []context.Context
		until context.Context // whose deadline the batch keeps; nil: none
	}{
		{"the nearest", []context.Context{later, soon}, soon},
		{"not a gone caller's", []context.Context{gone, later, soon}, soon},
		{"none when nobody waiting has one", []context.Context{gone, context.Background()}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var batch []*scriptCall
			for _, ctx := range c.ctxs {
				batch = append(batch, &scriptCall{ctx: ctx})
			}
			ctx, cancel := batchContext(batch)
			defer cancel()
			if ctx.Err() != nil {
				t.Fatalf("the batch's context has ended: %v", ctx.Err())
			}
			got, ok := ctx.Deadline()
			if c.until == nil {
				if ok {
					t.Errorf("deadline %v, want none", got)
				}
				return
			}
			if want, _ := c.until.Deadline(); !ok || !got.Equal(want) {
				t.Errorf("deadline %v (%v), want %v", got, ok, want)
			}
		})
	}
}
