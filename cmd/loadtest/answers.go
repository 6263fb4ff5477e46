package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/data"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/redisstore"
)

const answersUsage = `usage: loadtest answers [flags]

Compares, on one real redis-server, in short alternating slices of one run
(so that the machine's noise falls on all alike):

  core   an answer through the core: quiz.Service.Handle of an answer
         payload, scored by the store's answer script (the whole answer path
         but the platform's edge); the store sends the answers of callers
         that arrive while others are on the wire together, in one pipeline
  SET    a plain go-redis SET
  floor  the four-command floor of an atomic answer: one Lua script of
         HSETNX + HINCRBY + 2 ZINCRBY, one Script.Run (EVALSHA) a call

for a first answer (a new user every time) and a returning user (one who
answered before, answering a quiz new to them), at each -callers level.
Every variant uses the client production uses (redisstore.ParseURL's
options, its pool). It prints the min/median/max operations a second of
each variant over the slices, the ratios of the slices next to each other,
Redis's own time per operation (INFO commandstats), and the processor time
an operation costs this process and redis-server (getrusage, INFO cpu): on
a machine they share, what one takes the other cannot use.

flags:
`

// floorScript is the least an atomic answer can do: keep the first answer,
// count it, and score it on both boards.
//
// KEYS: the quiz's answers, the user, the week's board, the all-time board.
// ARGV: user, choice, points.
var floorScript = redis.NewScript(`
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[2], 'answered', 1)
redis.call('ZINCRBY', KEYS[3], ARGV[3], ARGV[1])
redis.call('ZINCRBY', KEYS[4], ARGV[3], ARGV[1])
return 1
`)

// The variants, in the order of the first round.
var answerVariants = []string{"core", "SET", "floor"}

// answerBench is the comparison's state: the core, its quizzes and users.
type answerBench struct {
	rdb      redis.UniversalClient
	core     *quiz.Service
	scope    string
	quizzes  []string
	regulars int // users who answered quiz 0 before the timer

	fresh    atomic.Int64 // new users so far
	returned atomic.Int64 // returning answers so far
	failures atomic.Int64
}

// runAnswers runs the interleaved comparison.
func runAnswers(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("answers", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), answersUsage)
		fs.PrintDefaults()
	}
	redisURL := fs.String("redis", "", "redis://host:port/db of a real redis-server; empty: start one on a free port")
	callersList := fs.String("callers", "1,8,50", "concurrent callers, one comparison each")
	rounds := fs.Int("rounds", 10, "rounds: one slice of each variant per round, the order rotating")
	slice := fs.Duration("slice", 250*time.Millisecond, "how long one slice runs")
	quizzes := fs.Int("quizzes", 1000, "quizzes posted first (returning users answer them in turn)")
	regulars := fs.Int("regulars", 2000, "returning users, each having answered once before")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of this process (the client side) to this file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	var callers []int
	for c := range strings.SplitSeq(*callersList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			return fmt.Errorf("-callers %q: use positive counts, as 1,8,50", *callersList)
		}
		callers = append(callers, n)
	}
	if *rounds < 1 || *slice <= 0 || *quizzes < 2 || *regulars < 1 {
		return errors.New("-rounds, -slice and -regulars must be positive, -quizzes at least 2")
	}
	url := *redisURL
	if url == "" {
		srv, err := redistest.Launch(redistest.Options{})
		if err != nil {
			return err
		}
		defer srv.Close()
		url = srv.URL()
	}
	b, err := newAnswerBench(ctx, url, *quizzes, *regulars)
	if err != nil {
		return err
	}
	defer b.rdb.Close()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	fmt.Printf("answers: core vs SET vs floor on %s, %d rounds of %s slices each, interleaved\n", redisstore.RedactURL(url), *rounds, *slice)
	for _, returning := range []bool{false, true} {
		for _, c := range callers {
			if err := b.compare(ctx, returning, c, *rounds, *slice); err != nil {
				return err
			}
		}
	}
	if n := b.failures.Load(); n > 0 {
		return fmt.Errorf("%d answers through the core were not scored", n)
	}
	return nil
}

// newAnswerBench makes the core on the server at url with the production
// client, posts the quizzes and has the regulars answer quiz 0.
func newAnswerBench(ctx context.Context, url string, quizzes, regulars int) (*answerBench, error) {
	opts, err := redisstore.ParseURL(url)
	if err != nil {
		return nil, err
	}
	rdb := redis.NewUniversalClient(opts)
	st := redisstore.New(rdb)
	bk, err := bank.Load(data.Banks, data.Dir)
	var core *quiz.Service
	if err == nil {
		err = st.Preload(ctx)
	}
	if err == nil {
		core, err = quiz.New(quiz.Config{Bank: bk, Store: st, Lang: "en", Logger: slog.New(slog.DiscardHandler)})
	}
	if err == nil {
		err = floorScript.Load(ctx, rdb).Err()
	}
	if err != nil {
		_ = rdb.Close()
		return nil, err
	}
	b := &answerBench{rdb: rdb, core: core, scope: "bench:" + strconv.FormatInt(time.Now().UnixNano(), 36), regulars: regulars}
	for range quizzes {
		r := core.Handle(ctx, quiz.Request{Platform: "bench", Scope: b.scope, Channel: "c", User: "bench:host", UserName: "host", Text: "quiz"})
		if len(r.Messages) == 0 || r.Messages[0].Quiz == nil {
			_ = rdb.Close()
			return nil, fmt.Errorf("posting a quiz: %+v", r)
		}
		b.quizzes = append(b.quizzes, r.Messages[0].Quiz.ID)
	}
	for u := range regulars {
		if !b.answer(ctx, b.regular(u), b.quizzes[0]) {
			_ = rdb.Close()
			return nil, errors.New("a regular's first answer was not scored")
		}
	}
	return b, nil
}

func (b *answerBench) regular(u int) string { return "bench:r" + strconv.Itoa(u) }

// answer answers quiz through the core as user, as a platform's delivery
// (the adapters give every request its delivery's ID); true when it was
// scored.
func (b *answerBench) answer(ctx context.Context, user, quizID string) bool {
	r := b.core.Handle(ctx, quiz.Request{
		Platform: "bench", Scope: b.scope, Channel: "c", User: user, UserName: user, Payload: quiz.AnswerPayload(quizID, 0),
		Delivery: "press:" + user + ":" + quizID,
	})
	return r.Scored
}

// next is the next answer's user and quiz: a new user, or a regular on a
// quiz they have not answered.
func (b *answerBench) next(returning bool) (user, quizID string, err error) {
	if !returning {
		n := b.fresh.Add(1)
		return "bench:f" + strconv.FormatInt(n, 10), b.quizzes[int(n)%len(b.quizzes)], nil
	}
	k := int(b.returned.Add(1) - 1)
	q := 1 + k/b.regulars
	if q >= len(b.quizzes) {
		return "", "", errors.New("the regulars answered every quiz: raise -quizzes")
	}
	return b.regular(k % b.regulars), b.quizzes[q], nil
}

// op runs one operation of a variant.
func (b *answerBench) op(ctx context.Context, variant string, returning bool, seq int64) error {
	switch variant {
	case "SET":
		return b.rdb.Set(ctx, "bench:set:"+strconv.FormatInt(seq%1024, 10), "v", 0).Err()
	case "floor":
		user, q, err := b.next(returning)
		if err != nil {
			return err
		}
		tag := "kq:{" + b.scope + ":floor}:"
		return floorScript.Run(ctx, b.rdb, []string{tag + "quiz:" + q + ":answers", tag + "user:" + user, tag + "board:week:w", tag + "board:all"},
			user, 0, quiz.RightAnswerPoints).Err()
	default:
		user, q, err := b.next(returning)
		if err != nil {
			return err
		}
		if !b.answer(ctx, user, q) {
			b.failures.Add(1)
		}
		return nil
	}
}

// slice runs variant with c callers for d and returns its operations a
// second.
func (b *answerBench) slice(ctx context.Context, variant string, returning bool, c int, d time.Duration) (float64, error) {
	var ops atomic.Int64
	var firstErr atomic.Pointer[error]
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for range c {
		wg.Go(func() {
			for time.Now().Before(deadline) && ctx.Err() == nil {
				if err := b.op(ctx, variant, returning, ops.Add(1)); err != nil {
					firstErr.CompareAndSwap(nil, &err)
					return
				}
			}
		})
	}
	wg.Wait()
	if p := firstErr.Load(); p != nil {
		return 0, *p
	}
	return float64(ops.Load()) / time.Since(start).Seconds(), ctx.Err()
}

// compare runs rounds of one slice of each variant, rotating their order,
// and prints the figures.
func (b *answerBench) compare(ctx context.Context, returning bool, c, rounds int, d time.Duration) error {
	rate := map[string][]float64{}
	redisTime := map[string]*cmdTime{}
	cpu := map[string]*cpuTime{}
	for _, v := range answerVariants {
		redisTime[v], cpu[v] = &cmdTime{}, &cpuTime{}
	}
	var coreSET, coreFloor, floorSET []float64
	for r := range rounds {
		got := map[string]float64{}
		for k := range answerVariants {
			v := answerVariants[(k+r)%len(answerVariants)]
			cmd := "evalsha"
			if v == "SET" {
				cmd = "set"
			}
			before, err := commandStats(ctx, b.rdb, cmd)
			if err != nil {
				return err
			}
			cpu0, err := b.cpu(ctx)
			if err != nil {
				return err
			}
			start := time.Now()
			ops, err := b.slice(ctx, v, returning, c, d)
			if err != nil {
				return fmt.Errorf("%s: %w", v, err)
			}
			n := ops * time.Since(start).Seconds()
			cpu1, err := b.cpu(ctx)
			if err != nil {
				return err
			}
			after, err := commandStats(ctx, b.rdb, cmd)
			if err != nil {
				return err
			}
			redisTime[v].add(after, before)
			cpu[v].add(cpu1, cpu0, n)
			got[v] = ops
			rate[v] = append(rate[v], ops)
		}
		coreSET = append(coreSET, got["core"]/got["SET"])
		coreFloor = append(coreFloor, got["core"]/got["floor"])
		floorSET = append(floorSET, got["floor"]/got["SET"])
	}
	who := "first answer"
	if returning {
		who = "returning user"
	}
	fmt.Printf("\n%s, %d caller(s): min / median / max of %d slices of %s each\n", who, c, rounds, d)
	for _, v := range answerVariants {
		lo, mid, hi := spread(rate[v])
		client, server := cpu[v].perOp()
		fmt.Printf("  %-6s %8.0f / %8.0f / %8.0f ops/s   Redis %5.1f µs an op in the command; CPU an op: this process %5.1f µs, redis-server %5.1f µs\n",
			v, lo, mid, hi, redisTime[v].perCall(), client, server)
	}
	for _, r := range []struct {
		name string
		v    []float64
	}{{"core/SET", coreSET}, {"core/floor", coreFloor}, {"floor/SET", floorSET}} {
		lo, mid, hi := spread(r.v)
		fmt.Printf("  %-10s %.2f / %.2f / %.2f\n", r.name, lo, mid, hi)
	}
	kind := "first"
	if returning {
		kind = "returning"
	}
	_, c1, _ := spread(rate["core"])
	_, s1, _ := spread(rate["SET"])
	_, f1, _ := spread(rate["floor"])
	_, r1, _ := spread(coreSET)
	_, r2, _ := spread(coreFloor)
	_, r3, _ := spread(floorSET)
	coreClient, coreServer := cpu["core"].perOp()
	floorClient, floorServer := cpu["floor"].perOp()
	fmt.Printf("BenchmarkAnswerInterleaved/%s/callers=%d %d %.0f core-ops/s %.0f SET-ops/s %.0f floor-ops/s %.3f core/SET %.3f core/floor %.3f floor/SET %.1f core-redis-µs/op %.1f floor-redis-µs/op %.1f core-client-cpu-µs/op %.1f floor-client-cpu-µs/op %.1f core-server-cpu-µs/op %.1f floor-server-cpu-µs/op\n",
		kind, c, rounds, c1, s1, f1, r1, r2, r3, redisTime["core"].perCall(), redisTime["floor"].perCall(), coreClient, floorClient, coreServer, floorServer)
	return nil
}

// spread is the min, median and max of v.
func spread(v []float64) (lo, mid, hi float64) {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[0], s[len(s)/2], s[len(s)-1]
}

// cpu reads the processor time this process and redis-server have used.
func (b *answerBench) cpu(ctx context.Context) (cpuTime, error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return cpuTime{}, err
	}
	server, err := redistest.CPU(ctx, b.rdb)
	return cpuTime{client: time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), server: server}, err
}

// cpuTime is processor time of this process (the client, the core) and of
// redis-server, and the operations it was spent on.
type cpuTime struct {
	client, server time.Duration
	ops            float64
}

func (t *cpuTime) add(after, before cpuTime, ops float64) {
	t.client += after.client - before.client
	t.server += after.server - before.server
	t.ops += ops
}

// perOp is the microseconds of processor time an operation of the client
// and of redis-server.
func (t *cpuTime) perOp() (client, server float64) {
	if t.ops == 0 {
		return 0, 0
	}
	return float64(t.client.Microseconds()) / t.ops, float64(t.server.Microseconds()) / t.ops
}

// cmdTime is the calls of a command and Redis's time in them.
type cmdTime struct{ calls, usec int64 }

func (t *cmdTime) add(after, before cmdTime) {
	t.calls += after.calls - before.calls
	t.usec += after.usec - before.usec
}

func (t *cmdTime) perCall() float64 {
	if t.calls == 0 {
		return 0
	}
	return float64(t.usec) / float64(t.calls)
}

// commandStats reads a command's calls and time from INFO commandstats.
func commandStats(ctx context.Context, rdb redis.UniversalClient, cmd string) (cmdTime, error) {
	all, err := allCommandStats(ctx, rdb)
	return all[cmd], err
}

// allCommandStats reads every command's calls and time from INFO
// commandstats, by command name in lower case ("evalsha", "xack").
func allCommandStats(ctx context.Context, rdb redis.UniversalClient) (map[string]cmdTime, error) {
	stats, err := redistest.CommandStats(ctx, rdb)
	if err != nil {
		return nil, err
	}
	out := make(map[string]cmdTime, len(stats))
	for name, st := range stats {
		out[name] = cmdTime{calls: st.Calls, usec: st.Usec}
	}
	return out, nil
}
