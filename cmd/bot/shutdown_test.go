package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// botBinary builds the bot once per test run.
var botBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "kubequiz-bin")
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "bot")
	if b, err := exec.Command("go", "build", "-o", out, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, b)
	}
	return out, nil
})

const webhookSecret = "test-webhook-secret-not-real"

// process is the bot running as a real process in Telegram webhook mode
// against a fake Bot API.
type process struct {
	cmd  *exec.Cmd
	base string
	api  *telegramtest.Server
	log  *syncBuffer
	done chan error
}

func startProcess(t *testing.T, redisURL string, shutdown time.Duration) *process {
	t.Helper()
	bin, err := botBinary()
	if err != nil {
		t.Fatal(err)
	}
	token := "123456:test-token-not-real"
	api := telegramtest.NewServer(token, telegramtest.Options{Username: "kubequiz_test_bot"})
	t.Cleanup(api.Close)
	p := &process{api: api, log: &syncBuffer{}, done: make(chan error, 1)}
	p.cmd = exec.Command(bin)
	p.cmd.Env = []string{
		"REDIS_URL=" + redisURL, "HTTP_ADDR=" + anyPort, "SHUTDOWN_TIMEOUT=" + shutdown.String(),
		"TELEGRAM_BOT_TOKEN=" + token, "TELEGRAM_API_ENDPOINT=" + api.Endpoint(),
		"TELEGRAM_WEBHOOK_URL=https://kubequiz.example.com/telegram/webhook", "TELEGRAM_WEBHOOK_SECRET=" + webhookSecret,
		"BOT_LANG=en", "LOG_FORMAT=json",
	}
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() { _ = p.cmd.Process.Kill() })
	p.base = servingAt(t, p.log)
	testkit.Eventually(t, "the bot is ready", func() bool { code, _ := get(t, p.base+"/readyz"); return code == 200 })
	return p
}

// deliver posts an update to the bot's webhook as Telegram would.
func (p *process) deliver(update []byte) (int, error) {
	req, _ := http.NewRequest(http.MethodPost, p.base+"/telegram/webhook", bytes.NewReader(update))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", webhookSecret)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// TestSIGTERMWhileAnswersAreInFlight answers a group quiz from 300 users at
// once and sends SIGTERM once 30 are acknowledged, the rest in flight: every answer a user was told about
// (its answerCallbackQuery reached Telegram) is stored in Redis, and the
// process exits 0 within the shutdown timeout.
func TestSIGTERMWhileAnswersAreInFlight(t *testing.T) {
	srv := redistest.Start(t)
	p := startProcess(t, srv.URL(), 10*time.Second)
	const chat = -1001
	if code, err := p.deliver(telegramtest.Message(1, chat, 7, 1, "/quiz")); err != nil || code != 200 {
		t.Fatalf("posting /quiz: %d %v\n%s", code, err, p.log)
	}
	rdb := srv.Client(t)
	var quizKeys []string
	testkit.Eventually(t, "the quiz is stored", func() bool {
		quizKeys, _ = rdb.Keys(context.Background(), "kq:{tg:"+strconv.Itoa(chat)+"}:quiz:*").Result()
		return len(quizKeys) == 1
	})
	quizID := quizKeys[0][strings.LastIndex(quizKeys[0], ":")+1:]
	// The quiz went out as a native poll; buttons carry the same payload.
	payload := "a:" + quizID + ":0"

	const users = 300
	var wg sync.WaitGroup
	for u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = p.deliver(telegramtest.Callback(100+u, chat, int64(1000+u), 1, payload))
		}()
	}
	// SIGTERM once some answers are acknowledged and others are still on
	// their way in.
	if _, err := p.api.Await(10*time.Second, "answerCallbackQuery", 30); err != nil {
		t.Fatalf("answers are not being acknowledged: %v\n%s", err, p.log)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	// The pod is leaving the Service: /readyz says so at once, and a
	// webhook routed to it meanwhile is still taken (and its answer stored,
	// checked below with the others).
	testkit.Eventually(t, "/readyz says the bot is stopping", func() bool {
		code, body := get(t, p.base+"/readyz")
		return code == http.StatusServiceUnavailable && strings.Contains(body, `"status":"stopping"`)
	})
	if code, err := p.deliver(telegramtest.Callback(100+users, chat, int64(1000+users), 1, payload)); err != nil || code != http.StatusOK {
		t.Errorf("a webhook delivered while the bot leaves the Service: %d, %v; want it taken", code, err)
	}
	wg.Wait()
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("the bot exited with %v (want 0)\n%s", err, p.log)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("the bot did not exit within the 10 s shutdown timeout\n%s", p.log)
	}
	t.Logf("exited %s after the last delivery", time.Since(start).Round(time.Millisecond))

	told := 0
	for _, c := range p.api.Calls("answerCallbackQuery") {
		text := c.Params.Get("text")
		if !strings.Contains(text, "Right") && !strings.Contains(text, "Wrong") {
			continue
		}
		told++
		update, _ := strconv.Atoi(strings.TrimPrefix(c.Params.Get("callback_query_id"), "cb-"))
		user := "tg:" + strconv.Itoa(1000+update-100)
		if ok, _ := rdb.HExists(context.Background(), quizKeys[0], "a:"+user).Result(); !ok {
			t.Errorf("%s was told %q but the answer is not stored", user, text)
		}
	}
	if told < 30 {
		t.Fatalf("only %d answers were acknowledged:\n%s", told, p.log)
	}
	t.Logf("%d of %d answers were acknowledged before the bot stopped; every one is stored", told, users)
	if !strings.Contains(p.log.String(), `"msg":"stopped"`) {
		t.Errorf("the bot did not log a clean stop:\n%s", p.log)
	}
}

// TestAWebhookBotShowsNoPollingLease runs the bot in Telegram webhook mode:
// it polls for nothing, so /metrics has no polling-lease gauge (one stuck
// at 0 would read as a lease lost), while its connection gauge is there.
func TestAWebhookBotShowsNoPollingLease(t *testing.T) {
	srv := redistest.Start(t)
	p := startProcess(t, srv.URL(), 5*time.Second)
	_, m := get(t, p.base+"/metrics")
	if !strings.Contains(m, `kubequiz_adapter_connected{platform="telegram"} 1`) {
		t.Errorf("/metrics lacks the adapter's connection gauge:\n%s", grepLines(m, "kubequiz_"))
	}
	if strings.Contains(m, "kubequiz_polling_lease_held") {
		t.Errorf("/metrics of a webhook bot shows a polling lease:\n%s", grepLines(m, "kubequiz_polling"))
	}
}

// TestTheBotLimitsAFloodingUser: the bot's core limits each chat user
// (quiz.DefaultUserLimit): twenty commands at once from one user are
// answered up to the limit, the rest counted as limited.
func TestTheBotLimitsAFloodingUser(t *testing.T) {
	srv := redistest.Start(t)
	p := startProcess(t, srv.URL(), 5*time.Second)
	for i := range 20 {
		if code, err := p.deliver(telegramtest.Message(500+i, 9, 9, 10+i, "/stats")); err != nil || code != http.StatusOK {
			t.Fatalf("update %d: %d %v", i, code, err)
		}
	}
	limited := regexp.MustCompile(`kubequiz_commands_total\{command="limited",outcome="limited",platform="telegram"\} (\d+)`)
	var m string
	testkit.Eventually(t, "commands counted as limited", func() bool {
		_, m = get(t, p.base+"/metrics")
		return limited.MatchString(m)
	}, func() string { return grepLines(m, "kubequiz_commands_total") })
}
