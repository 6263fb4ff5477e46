package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/redisstore"
)

// platformLoad is one platform's side of an answer load: its fake API, the
// bot's configuration for it, the quizzes it posts first, and how an answer
// is delivered.
type platformLoad interface {
	// name is the platform's, in reports.
	name() string
	// botEnv is the bot's configuration for the platform (the fake API,
	// webhook secrets).
	botEnv() map[string]string
	// setup posts the quizzes the answers answer, through the bot.
	setup(ctx context.Context, bot *child) error
	// send delivers answer i to the bot.
	send(ctx context.Context, client *http.Client, i int) delivery
	// redraws counts the quiz messages redrawn so far.
	redraws() int
	// followUps counts the private messages sent so far after the replies
	// (Telegram's feedback in the user's private chat).
	followUps() int
	// close stops the fake API.
	close()
}

// loadFlags are the flags every answer load takes.
type loadFlags struct {
	redisURL string
	rates    string
	n        int
	clients  int
	quizzes  int
	wait     time.Duration
	bot      string
	label    string
	perf     string
	botLog   string
}

func (f *loadFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.redisURL, "redis", "", "the bot's REDIS_URL (redis://host:port/db); empty: the bot's embedded Redis")
	fs.StringVar(&f.rates, "rate", "200,1000,max", "offered answers a second, one step each (open loop); max: saturation with -c clients (closed loop)")
	fs.IntVar(&f.n, "n", 5000, "answers each step sends")
	fs.IntVar(&f.clients, "c", 64, "clients: the answers in flight at most (open loop), the closed loop's clients (max)")
	fs.IntVar(&f.quizzes, "quizzes", 20, "quizzes posted first, in as many channels; the answers are spread over them")
	fs.DurationVar(&f.wait, "wait", 2*time.Minute, "how long to wait for a step's replies after its last acknowledgement")
	fs.StringVar(&f.bot, "bot", "", "the bot binary to run (default: go build "+botPackage+")")
	fs.StringVar(&f.label, "label", "", "a name for the bot in the benchmark lines (BenchmarkLoad/<platform>/<store>/<label>/…), to tell two bots apart in a summary")
	fs.StringVar(&f.botLog, "botlog", "", "keep the bot's log (JSON lines) in this file, to look into a step after the run")
	fs.StringVar(&f.perf, "perf", "", "record the bot's CPU profile with Linux perf (perf record -g) into this file, over all the steps; read it with perf report -i FILE")
}

// runLoad runs the bot against a platform's fake API, posts the quizzes,
// then drives each step's answers and reports acks and replies.
func runLoad(ctx context.Context, p platformLoad, f loadFlags, replies *replyLog, steps []step) error {
	binary, cleanup, err := buildBot(ctx, f.bot)
	if err != nil {
		return err
	}
	defer cleanup()
	env := p.botEnv()
	store := "embedded"
	if f.redisURL != "" {
		env["REDIS_URL"] = f.redisURL
		store = "redis"
	}
	bot, err := startBot(ctx, binary, env, f.botLog)
	if err != nil {
		return err
	}
	defer bot.stop()
	fmt.Printf("%s: the bot (pid %d, %s) on %s, Redis %s; the load generator and fakes in this process; %d CPUs\n",
		p.name(), bot.cmd.Process.Pid, binary, bot.base, store, runtime.NumCPU())
	setupStart := time.Now()
	if err := p.setup(ctx, bot); err != nil {
		return fmt.Errorf("posting the quizzes: %w (bot log: %s)", err, bot.logs.problems())
	}
	fmt.Printf("posted %d quizzes through the bot in %s\n", f.quizzes, time.Since(setupStart).Round(time.Millisecond))

	var rdb redis.UniversalClient
	if f.redisURL != "" {
		opts, err := redisstore.ParseURL(f.redisURL)
		if err != nil {
			return err
		}
		rdb = redis.NewUniversalClient(opts)
		defer rdb.Close()
	}
	if f.perf != "" {
		stop, err := perfRecord(bot, f.perf)
		if err != nil {
			return err
		}
		defer stop()
	}
	from, silent := 0, 0
	for _, s := range steps {
		var cmds0 map[string]cmdTime
		if rdb != nil {
			if cmds0, err = allCommandStats(ctx, rdb); err != nil {
				return err
			}
		}
		bot.resetPeak()
		before, err := bot.usage()
		if err != nil {
			return err
		}
		lines0, warn0, err0 := bot.logs.counts()
		self0, _ := processCPU("self")
		redis0 := redisCPU(ctx, rdb)
		redraws0, followUps0 := p.redraws(), p.followUps()
		r := drive(ctx, s, from, f.clients, p.send)
		awaitReplies(ctx, r, replies, f.wait)
		after, err := bot.usage()
		if err != nil {
			return err
		}
		rep := summarize(r, replies)
		rep.peakRSS, rep.cpu = after.peakRSS, after.cpu-before.cpu
		self1, _ := processCPU("self")
		rep.loadCPU, rep.redisCPU = self1-self0, redisCPU(ctx, rdb)-redis0
		lines, warn, errs := bot.logs.counts()
		rep.logLines, rep.warn, rep.err = lines-lines0, warn-warn0, errs-err0
		rep.redraws, rep.followUps = p.redraws()-redraws0, p.followUps()-followUps0
		name := p.name() + "/" + store
		if f.label != "" {
			name += "/" + f.label
		}
		rep.print(name)
		if rdb != nil {
			cmds, err := allCommandStats(ctx, rdb)
			if err != nil {
				return err
			}
			printCommandsPerAnswer(cmds0, cmds, rep.acked)
		}
		silent += rep.silent
		from += s.n
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if _, warn, errs := bot.logs.counts(); warn+errs > 0 {
		fmt.Printf("\nthe bot's first warnings and errors:\n%s\n", bot.logs.problems())
	}
	if silent > 0 {
		return fmt.Errorf("%d answers were acknowledged and then neither answered nor told within -wait %s", silent, f.wait)
	}
	return nil
}

// printCommandsPerAnswer prints the Redis commands a step cost, per
// acknowledged answer, most called first. Commands that scripts run appear
// too: their time is also within the script's (evalsha).
func printCommandsPerAnswer(before, after map[string]cmdTime, answers int) {
	type row struct {
		name string
		t    cmdTime
	}
	var rows []row
	for name, t := range after {
		t.add(cmdTime{}, before[name])
		if name != "info" && t.calls > 0 {
			rows = append(rows, row{name, t})
		}
	}
	slices.SortFunc(rows, func(a, b row) int { return int(b.t.calls - a.t.calls) })
	var parts []string
	for _, r := range rows {
		per := float64(r.t.calls) / float64(max(answers, 1))
		if per >= 0.01 {
			parts = append(parts, fmt.Sprintf("%s %.2f (%.0f µs)", r.name, per, r.t.perCall()))
		}
	}
	fmt.Printf("  Redis commands an answer (calls, µs each): %s\n", strings.Join(parts, ", "))
}

// perfRecord profiles the bot with Linux perf until stopped.
func perfRecord(bot *child, file string) (stop func(), err error) {
	cmd := exec.Command("perf", "record", "-g", "-F", "499", "-o", file, "-p", strconv.Itoa(bot.cmd.Process.Pid))
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting perf (apt-get install linux-perf): %w", err)
	}
	return func() {
		_ = cmd.Process.Signal(syscall.SIGINT)
		_ = cmd.Wait()
	}, nil
}

// redisCPU is the CPU time the Redis server has used (INFO cpu), or 0
// without one.
func redisCPU(ctx context.Context, rdb redis.UniversalClient) time.Duration {
	if rdb == nil {
		return 0
	}
	info, err := rdb.Info(ctx, "cpu").Result()
	if err != nil {
		return 0
	}
	var total float64
	for line := range strings.Lines(info) {
		k, v, _ := strings.Cut(strings.TrimSpace(line), ":")
		if k == "used_cpu_sys" || k == "used_cpu_user" {
			f, _ := strconv.ParseFloat(v, 64)
			total += f
		}
	}
	return time.Duration(total * float64(time.Second))
}
