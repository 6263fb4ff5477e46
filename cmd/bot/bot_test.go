package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

func TestMain(m *testing.M) {
	code := m.Run()
	redistest.StopShared()
	os.Exit(code)
}

func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// script runs the bot on piped input and returns its exit code, output and log.
// Both are read under a lock: a goroutine of go-redis's may still log as
// the bot returns.
func script(t *testing.T, vars map[string]string, input string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut syncBuffer
	code := run(context.Background(), args, envOf(vars), strings.NewReader(input), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestFreshCloneConsoleSession(t *testing.T) {
	code, out, log := script(t, map[string]string{"BOT_LANG": "en"},
		"topics\nask pv\n1\n3\nquiz etcd\n1\ntop\nstats\n")
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, log)
	}
	for _, want := range []string{
		"42 topics, 52 questions",                 // topics
		"[1] Show answer",                         // ask pv
		"[1] Again  [2] Hard  [3] Good  [4] Easy", // Show answer
		"Recorded: Good",                          // a grade
		"🧩 Quiz",                                  // quiz etcd
		"The right answer:",                       // an answer
		"This week's leaderboard",                 // top
		"Your stats",                              // stats
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the session lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(log, "embedded in-memory Redis") {
		t.Errorf("without REDIS_URL the bot must warn that nothing survives a restart; log:\n%s", log)
	}
}

// liveBot is a bot whose console is driven line by line.
type liveBot struct {
	in   *io.PipeWriter
	out  *syncBuffer
	log  *syncBuffer
	done chan int
}

// syncBuffer is a log the bot writes while the test reads it.
type syncBuffer = testkit.LogBuffer

func startBot(t *testing.T, vars map[string]string) *liveBot {
	t.Helper()
	r, w := io.Pipe()
	b := &liveBot{in: w, out: &syncBuffer{}, log: &syncBuffer{}, done: make(chan int, 1)}
	go func() { b.done <- run(context.Background(), nil, envOf(vars), r, b.out, b.log) }()
	return b
}

// send types a line and waits until the output contains want.
func (b *liveBot) send(t *testing.T, line, want string) string {
	t.Helper()
	if _, err := io.WriteString(b.in, line+"\n"); err != nil {
		t.Fatal(err)
	}
	testkit.Eventually(t, fmt.Sprintf("%q in the output after %q", want, line), func() bool { return strings.Contains(b.out.String(), want) }, b.out.String)
	return b.out.String()
}

// reply types a line and returns the reply to it, once it is complete
// (a reply of one message: it ends with a blank line).
func (b *liveBot) reply(t *testing.T, line string) string {
	t.Helper()
	echoed := "> " + line + "\n"
	before := strings.Count(b.out.String(), echoed)
	b.send(t, line, "")
	var reply string
	testkit.Eventually(t, fmt.Sprintf("the reply to %q", line), func() bool {
		out := b.out.String()
		if strings.Count(out, echoed) <= before {
			return false
		}
		reply = out[strings.LastIndex(out, echoed)+len(echoed):]
		return strings.HasSuffix(reply, "\n\n")
	}, b.out.String)
	return reply
}

func (b *liveBot) stop(t *testing.T) {
	t.Helper()
	_ = b.in.Close()
	select {
	case code := <-b.done:
		if code != exitOK {
			t.Fatalf("the bot exited %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the bot did not stop at the end of its input")
	}
}

// TestABotStartedBeforeRedisRunsDegradedUntilItAnswers: Redis does not
// answer when the bot starts (a cluster coming back, Redis loading its
// AOF). The bot starts all the same — an exit would be a crash loop in
// Kubernetes, backing off for minutes after Redis is back — serves
// questions, says scores are unavailable, and scores once Redis answers.
func TestABotStartedBeforeRedisRunsDegradedUntilItAnswers(t *testing.T) {
	srv := redistest.Start(t)
	srv.Stop()
	bot := startBot(t, map[string]string{"REDIS_URL": srv.URL(), "BOT_LANG": "en", "HTTP_ADDR": anyPort, "LOG_LEVEL": "info"})
	base := servingAt(t, bot.log)
	if code, body := get(t, base+"/readyz"); code != 200 || !strings.Contains(body, `"status":"degraded"`) {
		t.Errorf("/readyz of a bot started before Redis: %d %s; want 200, degraded", code, body)
	}
	if out := bot.reply(t, "ask pv"); !strings.Contains(out, "Show answer") {
		t.Errorf("ask before Redis answers:\n%s", out)
	}
	if out := bot.reply(t, "quiz etcd"); !strings.Contains(out, "unavailable") {
		t.Errorf("quiz before Redis answers:\n%s", out)
	}
	if !strings.Contains(bot.log.String(), "Redis is unreachable: scores, schedules and the daily question wait until it is back; questions still work") {
		t.Errorf("the log does not say the bot runs degraded:\n%s", bot.log.String())
	}
	srv.Restart(t)
	testkit.Eventually(t, "scores once Redis answers", func() bool { return strings.Contains(bot.reply(t, "quiz etcd"), "[4] D") })
	if !strings.Contains(bot.log.String(), "Redis is reachable again") {
		t.Errorf("the log does not say Redis is back:\n%s", bot.log.String())
	}
}

func TestScoresSurviveARestartWithRedis(t *testing.T) {
	srv := redistest.Start(t)
	rdb := srv.Client(t)
	vars := map[string]string{"REDIS_URL": srv.URL(), "BOT_LANG": "en"}

	bot := startBot(t, vars)
	bot.send(t, "quiz etcd", "[4] D")
	// Read the right option from the quiz the bot stored in Redis.
	keys, err := rdb.Keys(context.Background(), "kq:{console}:quiz:*").Result()
	if err != nil || len(keys) != 1 {
		t.Fatalf("quiz keys %v, %v", keys, err)
	}
	correct, err := rdb.HGet(context.Background(), keys[0], "correct").Int()
	if err != nil {
		t.Fatal(err)
	}
	bot.send(t, strconv.Itoa(correct+1), "Right! +10 points")
	bot.stop(t)

	code, out, _ := script(t, vars, "stats\ntop\n")
	if code != exitOK {
		t.Fatalf("second run exited %d", code)
	}
	if !regexp.MustCompile(`Points: 10 this week \(#1\) · 10 in all \(#1\)`).MatchString(out) {
		t.Errorf("stats after a restart:\n%s", out)
	}
	if !strings.Contains(out, "— 10 pts") {
		t.Errorf("top after a restart:\n%s", out)
	}
}

func TestMisconfigurationIsExplained(t *testing.T) {
	cases := []struct {
		name string
		vars map[string]string
		code int
		want string
	}{
		{"an unknown language", map[string]string{"BOT_LANG": "fr"}, exitConfig, "BOT_LANG"},
		{"an unknown time zone", map[string]string{"BOT_TIMEZONE": "Mars/Olympus"}, exitConfig, "IANA time zone"},
		{"a Redis URL of the wrong scheme", map[string]string{"REDIS_URL": "http://localhost:6379"}, exitConfig, "redis://"},
		{"a bad log level", map[string]string{"LOG_LEVEL": "loud"}, exitConfig, "LOG_LEVEL"},
		{"a Slack user token for the bot token", map[string]string{"SLACK_BOT_TOKEN": "xoxp-test-not-real", "SLACK_APP_TOKEN": "xapp-test-not-real"}, exitConfig, "starting with xoxb-"},
		{"a Slack bot token alone", map[string]string{"SLACK_BOT_TOKEN": "xoxb-test-not-real"}, exitConfig, "set SLACK_APP_TOKEN (xapp-…) for Socket Mode, or SLACK_SIGNING_SECRET"},
		{"a Slack bot token as the app token", map[string]string{"SLACK_BOT_TOKEN": "xoxb-test-not-real", "SLACK_APP_TOKEN": "xoxb-test-not-real"}, exitConfig, "app-level token starting with xapp-"},
		{"a Slack API URL that is not http", map[string]string{"SLACK_BOT_TOKEN": "xoxb-test-not-real", "SLACK_APP_TOKEN": "xapp-test-not-real", "SLACK_API_URL": "ftp://slack"}, exitConfig, "SLACK_API_URL"},
		{"a Telegram token of the wrong form", map[string]string{"TELEGRAM_BOT_TOKEN": "not-a-token"}, exitConfig, "TELEGRAM_BOT_TOKEN must look like"},
		{"a Telegram webhook over plain http", map[string]string{"TELEGRAM_BOT_TOKEN": "123:test-not-real", "TELEGRAM_WEBHOOK_URL": "http://bot.example.com/telegram/webhook", "TELEGRAM_WEBHOOK_SECRET": "s3cret"}, exitConfig, "https"},
		{"a Telegram webhook without a secret", map[string]string{"TELEGRAM_BOT_TOKEN": "123:test-not-real", "TELEGRAM_WEBHOOK_URL": "https://bot.example.com/telegram/webhook"}, exitConfig, "TELEGRAM_WEBHOOK_SECRET"},
		{"a Telegram endpoint of the wrong form", map[string]string{"TELEGRAM_BOT_TOKEN": "123:test-not-real", "TELEGRAM_API_ENDPOINT": "http://localhost:8081/bot"}, exitConfig, "TELEGRAM_API_ENDPOINT"},
		{"a reveal delay that is not a duration", map[string]string{"DAILY_REVEAL_AFTER": "8"}, exitConfig, "DAILY_REVEAL_AFTER=\"8\" is not a duration"},
		{"a shutdown timeout out of range", map[string]string{"SHUTDOWN_TIMEOUT": "0s"}, exitConfig, "SHUTDOWN_TIMEOUT=0s is out of range"},
		{"an inbox limit that is not a positive number", map[string]string{"INBOX_LIMIT": "none"}, exitConfig, `INBOX_LIMIT="none": use a number of deliveries`},
		{"an HTTP address without a port", map[string]string{"HTTP_ADDR": "8080"}, exitConfig, "HTTP_ADDR"},
		{"an HTTP port out of range", map[string]string{"HTTP_ADDR": ":99999"}, exitConfig, `HTTP_ADDR=":99999": the port must be a number from 0 to 65535`},
		{"an HTTP port that is no number", map[string]string{"HTTP_ADDR": "0.0.0.0:80a"}, exitConfig, `HTTP_ADDR="0.0.0.0:80a": the port must be a number from 0 to 65535`},
		{"an HTTP port below zero", map[string]string{"HTTP_ADDR": "127.0.0.1:-1"}, exitConfig, `HTTP_ADDR="127.0.0.1:-1": the port must be a number from 0 to 65535`},
		{"an unknown log format", map[string]string{"LOG_FORMAT": "xml"}, exitConfig, "LOG_FORMAT"},
		{"a zone abbreviation", map[string]string{"BOT_TIMEZONE": "CST"}, exitConfig, "IANA time zone"},
		{"a missing bank directory", map[string]string{"BANK_DIR": "./no-such-dir"}, exitConfig, `BANK_DIR="./no-such-dir" is not a directory`},
		{"a Redis password with a bad escape", map[string]string{"REDIS_URL": "redis://:p@ss%zz-s3cret@127.0.0.1:26379/0"}, exitConfig, "REDIS_URL is not a valid URL (redis://***@127.0.0.1:26379/0): a % is not followed by two hex digits"},
		{"a Redis port that is no number", map[string]string{"REDIS_URL": "redis://:s3cret@127.0.0.1:notaport/0"}, exitConfig, `REDIS_URL is not a valid URL (redis://***@127.0.0.1:notaport/0): invalid port`},
		{"a Redis URL option go-redis does not know", map[string]string{"REDIS_URL": "redis://:s3cret@127.0.0.1:26379/0?foo=bar"}, exitConfig, "unexpected option: foo"},
		{"admin IDs of no user's shape", map[string]string{"ADMIN_IDS": "slack:T01,foo bar,,tg:42"}, exitConfig, `ADMIN_IDS: not user IDs: "slack:T01", "foo", "bar"; use slack:<team ID>:<user ID>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, args := range [][]string{nil, {"config"}} { // what runs, bot config checks
				code, _, errOut := script(t, c.vars, "", args...)
				if code != c.code || !strings.Contains(errOut, c.want) {
					t.Errorf("bot %v: exit %d (want %d), stderr %q (want %q)", args, code, c.code, errOut, c.want)
				}
				if strings.Contains(errOut, "test-not-real") || strings.Contains(errOut, "s3cret") || strings.Contains(errOut, "zz") {
					t.Errorf("bot %v: the message shows a secret: %q", args, errOut)
				}
			}
		})
	}
}

func TestRedisPasswordIsNeverPrinted(t *testing.T) {
	_, _, errOut := script(t, map[string]string{"REDIS_URL": "redis://:s3cr3t-pass@127.0.0.1:1/0"}, "")
	if strings.Contains(errOut, "s3cr3t-pass") {
		t.Errorf("the password leaked: %q", errOut)
	}
}

func TestTheDailyFlowInTheConsole(t *testing.T) {
	code, out, _ := script(t, map[string]string{"BOT_LANG": "en"}, "daily now\n1\ndaily reveal\ndaily on 09:30 Europe/London\ndaily status\ndaily off\n")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, want := range []string{
		"📅 Daily question · ",
		"answer revealed ", // at a time, or on a date: the reveal may be on the next day
		"[1] A  [2] B  [3] C  [4] D",
		"The daily question's answer",
		"1 answered,",
		"The daily question is on: every day at 09:30 (Europe/London).",
		"The daily question: every day at 09:30 (Europe/London). Next:",
		"The daily question is off in this channel.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the session lacks %q:\n%s", want, out)
		}
	}
}

func TestVersionAndConfig(t *testing.T) {
	code, out, _ := script(t, nil, "", "version")
	if code != exitOK || !strings.HasPrefix(out, "kubequiz dev (go1.") {
		t.Errorf("version: %d %q", code, out)
	}
	vars := map[string]string{
		"SLACK_BOT_TOKEN": "xoxb-test-not-a-real-token", "SLACK_SIGNING_SECRET": "not-a-real-signing-secret",
		"REDIS_URL": "redis://:hunter2-not-real@redis:6379/0", "BOT_LANG": "en",
	}
	code, out, _ = script(t, vars, "", "config")
	if code != exitOK {
		t.Fatalf("config exited %d", code)
	}
	for _, secret := range []string{"test-not-a-real-token", "not-a-real-signing-secret", "hunter2-not-real"} {
		if strings.Contains(out, secret) {
			t.Errorf("bot config shows a secret:\n%s", out)
		}
	}
	for _, want := range []string{"SLACK_BOT_TOKEN          xoxb-**** (set)", "SLACK_SIGNING_SECRET     **** (set)", "REDIS_URL                redis://***@redis:6379/0", "BOT_LANG                 en", "BOT_TIMEZONE             Asia/Shanghai (default)", "TELEGRAM_BOT_TOKEN       (unset)"} {
		if !strings.Contains(out, want) {
			t.Errorf("bot config lacks %q:\n%s", want, out)
		}
	}
}

func TestEveryVariableIsInTheReadme(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range allSettings() {
		if !strings.Contains(string(readme), "| `"+s.Name+"` |") {
			t.Errorf("README's configuration table lacks %s", s.Name)
		}
	}
}

// anyPort is the HTTP_ADDR of a bot under test: a loopback port of the
// bot's own choosing, so that no other test can take it between a pick and
// the bind; servingAt reads which.
const anyPort = "127.0.0.1:0"

// servingRE finds the address in the bot's "serving HTTP" log line, as
// text or JSON.
var servingRE = regexp.MustCompile(`serving HTTP".*?\baddr"?[=:]"?(\d+\.\d+\.\d+\.\d+:\d+)`)

// servingAt waits for the bot's log to say where it serves HTTP, and
// returns its base URL ("http://127.0.0.1:port").
func servingAt(t *testing.T, log fmt.Stringer) string {
	t.Helper()
	var base string
	testkit.Eventually(t, "the bot serves HTTP", func() bool {
		if m := servingRE.FindStringSubmatch(log.String()); m != nil {
			base = "http://" + m[1]
		}
		return base != ""
	})
	return base
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestHealthReadinessAndMetrics(t *testing.T) {
	srv := redistest.Start(t)
	// The console logs warnings only, unless told otherwise: info says
	// where it serves HTTP.
	bot := startBot(t, map[string]string{"REDIS_URL": srv.URL(), "HTTP_ADDR": anyPort, "BOT_LANG": "en", "LOG_LEVEL": "info"})
	base := servingAt(t, bot.log)
	testkit.Eventually(t, "/healthz answers", func() bool { code, _ := get(t, base+"/healthz"); return code == 200 })
	if _, body := get(t, base+"/healthz"); !strings.Contains(body, `"version":"dev"`) {
		t.Errorf("/healthz: %s", body)
	}
	if code, body := get(t, base+"/readyz"); code != 200 || !strings.Contains(body, `"redis":"ok"`) || !strings.Contains(body, `"console":"ok"`) {
		t.Errorf("/readyz: %d %s", code, body)
	}

	bot.send(t, "quiz etcd", "[4] D")
	bot.send(t, "1", "The right answer:")
	bot.send(t, "daily now", "Daily question")
	bot.send(t, "daily reveal", "The daily question's answer")
	bot.send(t, "export", "bot export -scope console")
	_, metrics := get(t, base+"/metrics")
	for _, want := range []string{
		`kubequiz_commands_total{command="export",outcome="ok",platform="console"} 1`,
		`kubequiz_commands_total{command="quiz",outcome="ok",platform="console"} 1`,
		`kubequiz_commands_total{command="answer",outcome="ok",platform="console"} 1`,
		`kubequiz_answers_scored_total{platform="console"} 1`,
		`kubequiz_command_duration_seconds_bucket{command="quiz",platform="console",le=`,
		`kubequiz_redis_up 1`,
		`kubequiz_adapter_connected{platform="console"} 1`,
		"go_goroutines",
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	if w := grepLines(bot.log.String(), "level=WARN"); w != "" {
		t.Errorf("warnings while Redis was up (go-redis refusing a second client's push handlers?):\n%s", w)
	}
	if strings.Contains(metrics, "kubequiz_redis_errors_total{") {
		t.Errorf("Redis errors were counted while Redis was up (the CLIENT SETINFO handshake?):\n%s", grepLines(metrics, "redis_errors"))
	}
	srv.Stop()
	// Redis killed: the bot runs degraded, and stays ready.
	if code, body := get(t, base+"/readyz"); code != 200 || !strings.Contains(body, `"status":"degraded"`) || !strings.Contains(body, `"redis":"unreachable: running degraded`) {
		t.Errorf("/readyz with Redis down: %d %s; want 200, degraded", code, body)
	}
	if _, m := get(t, base+"/metrics"); !strings.Contains(m, "\nkubequiz_redis_up 0\n") {
		t.Errorf("/metrics with Redis down:\n%s", grepLines(m, "kubequiz_redis_up"))
	}
	bot.send(t, "top", "unavailable right now")
	if _, m := get(t, base+"/metrics"); !regexp.MustCompile(`kubequiz_redis_errors_total\{command="evalsha"\} [1-9]`).MatchString(m) {
		t.Errorf("Redis errors are not counted:\n%s", grepLines(m, "redis_errors"))
	}
	srv.Restart(t)
	testkit.Eventually(t, "/readyz says Redis is back", func() bool {
		code, body := get(t, base+"/readyz")
		return code == 200 && strings.Contains(body, `"status":"ready"`) && strings.Contains(body, `"redis":"ok"`)
	})
	bot.stop(t)
}

// TestAStalledRedisLeavesTheBotReadyInTime: Redis stops answering without
// refusing the connection (its node lost, a pause). /readyz must answer
// "degraded" before a kubelet gives up on it (1 s unless set): a probe
// that timed out would take every replica out of the Service at once,
// which is what answering 200 when Redis is unreachable avoids.
func TestAStalledRedisLeavesTheBotReadyInTime(t *testing.T) {
	srv := redistest.Start(t)
	bot := startBot(t, map[string]string{"REDIS_URL": srv.URL(), "HTTP_ADDR": anyPort, "BOT_LANG": "en", "LOG_LEVEL": "info"})
	base := servingAt(t, bot.log)
	if out := bot.reply(t, "help"); !strings.Contains(out, "ask") {
		t.Fatalf("help:\n%s", out)
	}
	if err := srv.Client(t).Do(context.Background(), "CLIENT", "PAUSE", "3000").Err(); err != nil {
		t.Fatal(err)
	}
	kubelet := &http.Client{Timeout: time.Second} // a probe's default timeoutSeconds
	resp, err := kubelet.Get(base + "/readyz")
	if err != nil {
		t.Fatalf("/readyz while Redis stalls did not answer within a probe's default timeout: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"status":"degraded"`) {
		t.Errorf("/readyz while Redis stalls: %d %s; want 200, degraded", resp.StatusCode, body)
	}
	bot.stop(t)
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestTheEmbeddedStoreCountsNoRedisErrors: on the embedded store the
// client connects as to a real Redis (the same options), so no refused
// handshake command is counted as a failed Redis command.
func TestTheEmbeddedStoreCountsNoRedisErrors(t *testing.T) {
	bot := startBot(t, map[string]string{"HTTP_ADDR": anyPort, "BOT_LANG": "en", "LOG_LEVEL": "info"})
	base := servingAt(t, bot.log)
	bot.send(t, "quiz etcd", "[4] D")
	if _, m := get(t, base+"/metrics"); strings.Contains(m, "kubequiz_redis_errors_total{") || !strings.Contains(m, "\nkubequiz_redis_up 1\n") {
		t.Errorf("/metrics on the embedded store:\n%s", grepLines(m, "kubequiz_redis"))
	}
}
