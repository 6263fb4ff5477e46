package observe

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

type fakeCore struct {
	resp    quiz.Response
	panics  bool
	started chan struct{}
	release chan struct{}
}

func (f *fakeCore) Handle(context.Context, quiz.Request) quiz.Response {
	if f.started != nil {
		close(f.started)
	}
	if f.release != nil {
		<-f.release
	}
	if f.panics {
		panic("boom")
	}
	return f.resp
}

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestEdgeLogsOneLinePerCommandAndCountsIt(t *testing.T) {
	var logs bytes.Buffer
	m := NewMetrics()
	core := &fakeCore{resp: quiz.Response{Command: "answer", Outcome: quiz.OutcomeOK, Scored: true}}
	e := NewEdge(core, slog.New(slog.NewJSONHandler(&logs, nil)), m)
	e.Handle(context.Background(), quiz.Request{Platform: "slack", Scope: "slack:T1", User: "slack:T1:U77", UserName: "Alice Example",
		Text: "secret-looking text xoxb-123", Delivery: "event:T1:Ev1"})

	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d log lines, want 1: %s", len(lines), logs.String())
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["platform"] != "slack" || rec["command"] != "answer" || rec["outcome"] != "ok" || rec["duration"] == nil || rec["delivery"] != "event:T1:Ev1" ||
		rec["scope"] != "slack:T1" {
		t.Errorf("log line %v", rec)
	}
	if strings.Contains(logs.String(), "xoxb") || strings.Contains(logs.String(), "secret-looking") ||
		strings.Contains(logs.String(), "Alice") || strings.Contains(logs.String(), "U77") {
		t.Errorf("the log shows what the user typed, or who they are: %s", logs.String())
	}
	got := scrape(t, m)
	for _, want := range []string{
		`kubequiz_commands_total{command="answer",outcome="ok",platform="slack"} 1`,
		`kubequiz_answers_scored_total{platform="slack"} 1`,
		`kubequiz_command_duration_seconds_count{command="answer",platform="slack"} 1`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestAPanicBecomesAnApology(t *testing.T) {
	var logs bytes.Buffer
	m := NewMetrics()
	e := NewEdge(&fakeCore{panics: true}, slog.New(slog.NewTextHandler(&logs, nil)), m)
	r := e.Handle(context.Background(), quiz.Request{Platform: "telegram", Locale: "en"})
	if len(r.Shown()) != 1 || r.Notice != quiz.Apology(quiz.LangEN) || r.Outcome != "panic" {
		t.Errorf("response to a panic: %+v", r)
	}
	if !strings.Contains(logs.String(), "panic while handling a command") || !strings.Contains(logs.String(), "boom") {
		t.Errorf("log: %s", logs.String())
	}
	if !strings.Contains(scrape(t, m), `kubequiz_commands_total{command="panic",outcome="panic",platform="telegram"} 1`) {
		t.Error("the panic is not counted")
	}
}

func TestWaitWaitsForWorkInFlight(t *testing.T) {
	core := &fakeCore{started: make(chan struct{}), release: make(chan struct{}), resp: quiz.Response{Command: "ask", Outcome: quiz.OutcomeOK}}
	e := NewEdge(core, slog.New(slog.DiscardHandler), NewMetrics())
	if err := e.Wait(context.Background()); err != nil {
		t.Fatalf("Wait with nothing in flight: %v", err)
	}
	go e.Handle(context.Background(), quiz.Request{})
	<-core.started
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := e.Wait(ctx); err == nil {
		t.Fatal("Wait returned while a command was in flight")
	}
	close(core.release)
	if err := e.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestRateLimitAndDailyAndRedisSeries(t *testing.T) {
	m := NewMetrics()
	m.RateLimitWait("telegram")(2*time.Second, true)
	m.RateLimitWait("telegram")(500*time.Millisecond, false)
	m.DailyEvent("posted", "slack")
	m.DailyEvent("revealed", "slack")
	m.OutboundDropped("slack")(pacing.Shed)
	got := scrape(t, m)
	for _, want := range []string{
		`kubequiz_outbound_rate_limit_waits_total{platform="telegram",reason="retry_after"} 1`,
		`kubequiz_outbound_rate_limit_wait_seconds_total{platform="telegram",reason="retry_after"} 2`,
		`kubequiz_outbound_rate_limit_waits_total{platform="telegram",reason="pacing"} 1`,
		`kubequiz_daily_events_total{event="posted",platform="slack"} 1`,
		`kubequiz_daily_events_total{event="revealed",platform="slack"} 1`,
		`kubequiz_outbound_dropped_total{platform="slack",reason="shed"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestRedisErrorsAreCountedButMissingKeysAreNot(t *testing.T) {
	m := NewMetrics()
	down := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialerRetries: 1})
	defer down.Close()
	down.AddHook(m.RedisHook(redisstore.Expected))
	_ = down.Get(context.Background(), "k").Err()
	if !strings.Contains(scrape(t, m), `kubequiz_redis_errors_total{command="get"} 1`) {
		t.Error("a failed GET is not counted")
	}
	srv := redistest.Shared(t)
	up := srv.Client(t)
	up.AddHook(m.RedisHook(redisstore.Expected))
	if err := up.Get(context.Background(), "observe:missing").Err(); !errors.Is(err, redis.Nil) {
		t.Fatal(err)
	}
	if strings.Contains(scrape(t, m), `kubequiz_redis_errors_total{command="get"} 2`) {
		t.Error("a missing key was counted as an error")
	}
}

// TestARedisHookExpectingNothingCountsEveryError: RedisHook(nil) expects
// no reply: a failed command is counted, not a crash of the command.
func TestARedisHookExpectingNothingCountsEveryError(t *testing.T) {
	m := NewMetrics()
	down := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialerRetries: 1})
	defer down.Close()
	down.AddHook(m.RedisHook(nil))
	if err := down.Get(context.Background(), "observe:nil-hook").Err(); err == nil {
		t.Fatal("a GET of a Redis that is not there did not fail")
	}
	if !strings.Contains(scrape(t, m), `kubequiz_redis_errors_total{command="get"} 1`) {
		t.Error("a failed GET is not counted")
	}
}

// TestAScriptRedisForgotIsNotCountedAsAFailure: once Redis has forgotten
// its scripts (a restart; SCRIPT FLUSH empties the cache the same way, on
// a server of the test's own) a script's next run is EVALSHA, NOSCRIPT,
// then EVAL, alone or in a pipeline as the store batches answers: no
// command failed. A script that fails still counts.
func TestAScriptRedisForgotIsNotCountedAsAFailure(t *testing.T) {
	opts, err := redisstore.ParseURL(redistest.Start(t).URL()) // the bot's client, which says nothing of itself on connecting
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewUniversalClient(opts)
	t.Cleanup(func() { _ = rdb.Close() })
	m := NewMetrics()
	rdb.AddHook(m.RedisHook(redisstore.Expected))
	ctx := context.Background()
	echo := redis.NewScript(`return ARGV[1]`)
	if err := echo.Load(ctx, rdb).Err(); err != nil {
		t.Fatal(err)
	}
	if err := rdb.ScriptFlush(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	if v, err := echo.Run(ctx, rdb, nil, "alone").Text(); err != nil || v != "alone" {
		t.Fatalf("the script's run after the flush: %q, %v", v, err)
	}
	if err := rdb.ScriptFlush(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	// As redisstore's scriptBatch: EVALSHA in a pipeline, then EVAL for
	// the calls Redis had no script for.
	cmds, _ := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		echo.EvalSha(ctx, p, nil, "a")
		echo.EvalSha(ctx, p, nil, "b")
		return nil
	})
	for _, c := range cmds {
		if !redis.HasErrorPrefix(c.Err(), "NOSCRIPT") {
			t.Fatalf("EVALSHA of a flushed script: %v, want NOSCRIPT", c.Err())
		}
	}
	if _, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error { echo.Eval(ctx, p, nil, "a"); return nil }); err != nil {
		t.Fatal(err)
	}
	if got := scrape(t, m); strings.Contains(got, "kubequiz_redis_errors_total{") {
		t.Errorf("a script Redis had forgotten, run again with EVAL, was counted as a failed command: %q", redisErrorSeries.FindAllString(got, -1))
	}

	fails := redis.NewScript(`return redis.error_reply('ERR the script failed')`)
	if err := fails.Run(ctx, rdb, nil).Err(); err == nil {
		t.Fatal("a failing script succeeded")
	}
	_, _ = rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		echo.EvalSha(ctx, p, nil, "a") // NOSCRIPT first: the pipeline's error is not the failure
		fails.Eval(ctx, p, nil)
		return nil
	})
	got := scrape(t, m)
	for _, want := range []string{`kubequiz_redis_errors_total{command="eval"} 1`, `kubequiz_redis_errors_total{command="pipeline"} 1`} {
		if !strings.Contains(got, want) {
			t.Errorf("metrics lack %s: %q", want, redisErrorSeries.FindAllString(got, -1))
		}
	}
}

// TestRepliesTheStoreExpectsAreNotCountedAsFailures starts the inbox
// twice on one stream, as every rollout does: the second start's XGROUP
// CREATE is answered BUSYGROUP (the group exists), which the inbox looks
// for, so no command failed; a missing key neither. A command Redis
// refuses still counts.
func TestRepliesTheStoreExpectsAreNotCountedAsFailures(t *testing.T) {
	opts, err := redisstore.ParseURL(redistest.Shared(t).URL()) // the bot's client, which says nothing of itself on connecting
	if err != nil {
		t.Fatal(err)
	}
	m := NewMetrics()
	client := func() redis.UniversalClient {
		rdb := redis.NewUniversalClient(opts)
		t.Cleanup(func() { _ = rdb.Close() })
		rdb.AddHook(m.RedisHook(redisstore.Expected))
		return rdb
	}
	ctx := context.Background()
	for range 2 {
		rdb := client()
		in := redisstore.New(rdb).Inbox(t.Name(), redisstore.InboxOptions{})
		if _, err := in.Next(ctx, 1, time.Millisecond); err != nil {
			t.Fatal(err)
		}
		if err := rdb.Get(ctx, t.Name()+":missing").Err(); !errors.Is(err, redis.Nil) {
			t.Fatal(err)
		}
	}
	if got := scrape(t, m); strings.Contains(got, "kubequiz_redis_errors_total{") {
		t.Errorf("replies the store expects were counted as failed commands: %q", redisErrorSeries.FindAllString(got, -1))
	}
	if err := client().Do(ctx, "XGROUP", "CREATE", t.Name()+":none", "g", "0").Err(); err == nil {
		t.Fatal("XGROUP CREATE on a stream that does not exist succeeded")
	}
	if got := scrape(t, m); !strings.Contains(got, `kubequiz_redis_errors_total{command="xgroup"} 1`) {
		t.Errorf("a refused XGROUP CREATE was not counted: %q", redisErrorSeries.FindAllString(got, -1))
	}
}

// redisErrorSeries are the kubequiz_redis_errors_total series of a scrape.
var redisErrorSeries = regexp.MustCompile(`(?m)^kubequiz_redis_errors_total\{.*$`)

func TestMain(m *testing.M) {
	code := m.Run()
	redistest.StopShared()
	os.Exit(code)
}

func TestHealthGaugesAskAtEveryScrape(t *testing.T) {
	m := NewMetrics()
	var redisUp, slackUp, telegramUp, lease atomic.Bool
	m.WatchRedis(redisUp.Load)
	m.WatchAdapter("slack", slackUp.Load)
	m.WatchAdapter("telegram", telegramUp.Load)
	m.WatchLease("telegram", lease.Load)
	for _, up := range []bool{true, false} {
		redisUp.Store(up)
		slackUp.Store(up)
		telegramUp.Store(!up)
		lease.Store(up)
		v, notV := "0", "1"
		if up {
			v, notV = "1", "0"
		}
		got := scrape(t, m)
		for _, want := range []string{
			"\nkubequiz_redis_up " + v + "\n",
			`kubequiz_adapter_connected{platform="slack"} ` + v + "\n",
			`kubequiz_adapter_connected{platform="telegram"} ` + notV + "\n",
			`kubequiz_polling_lease_held{platform="telegram"} ` + v + "\n",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("metrics lack %q", want)
			}
		}
	}
}

// TestTheOperationsGuideNamesEverySeries: docs/operations.md's table
// names every kubequiz_ series the bot serves. The series are found in
// the package's source (every "kubequiz_…" name it registers), so a new
// one is checked without a line here: the test touches each and fails on
// one it did not see gathered.
func TestTheOperationsGuideNamesEverySeries(t *testing.T) {
	m := NewMetrics()
	m.Command("slack", "ask", "ok", time.Millisecond, true)
	m.RateLimitWait("slack")(time.Second, false)
	m.OutboundDropped("slack")(pacing.Evicted)
	m.OutboundInDoubt("slack")(true)
	m.FollowUpsDropped("slack")("backlog")
	m.DailyEvent("posted", "slack")
	redisHook{m, redisstore.Expected}.count("get", errors.New("down"))
	m.RequestRefused("slack")("/slack/commands", "bad_signature")
	m.InboxLost("slack")()
	m.WatchRedis(func() bool { return true })
	m.WatchEviction(func() (bool, int64, bool) { return true, 1, true })
	m.WatchAdapter("slack", func() bool { return true })
	m.WatchLease("telegram", func() bool { return true })
	m.WatchBacklog("slack", func(context.Context) (int64, error) { return 0, nil })
	m.WatchBackground("slack", func() int { return 0 })
	families, err := m.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	gathered := map[string]bool{}
	for _, f := range families {
		if name := f.GetName(); strings.HasPrefix(name, "kubequiz_") {
			gathered[name] = true
		}
	}
	guide, err := os.ReadFile("../../docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	served := seriesInSource(t)
	if len(served) == 0 {
		t.Fatal("no kubequiz_ series found in the package's source")
	}
	for name := range served {
		if !gathered[name] {
			t.Errorf("%s is registered but this test did not touch it: call what fills it above", name)
		}
		if !strings.Contains(string(guide), "`"+name+"`") {
			t.Errorf("docs/operations.md does not name %s", name)
		}
	}
	for name := range gathered {
		if !served[name] {
			t.Errorf("%s was gathered but its name is not a literal in the source: seriesInSource cannot find it", name)
		}
	}
}

// seriesInSource is the set of kubequiz_ series names written in the
// package's non-test Go files.
func seriesInSource(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	quoted := regexp.MustCompile(`"(kubequiz_[a-z0-9_]+)"`)
	names := map[string]bool{}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, match := range quoted.FindAllSubmatch(src, -1) {
			names[string(match[1])] = true
		}
	}
	return names
}
