package main

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// TestReadinessFollowsTelegramPolling runs the bot polling a fake Bot API:
// ready while getUpdates answers; when it answers 502 several times in a
// row, /readyz is 503 and names Telegram's getUpdates; ready again once it
// answers. The replica holds the polling lease throughout, and says so.
func TestReadinessFollowsTelegramPolling(t *testing.T) {
	srv := redistest.Start(t)
	const token = "424242:test-token-not-real"
	api := telegramtest.NewServer(token, telegramtest.Options{})
	t.Cleanup(api.Close)
	base := startPollingBot(t, srv.URL(), token, api).base
	readyz := func() (int, string) { return get(t, base+"/readyz") }
	testkit.Eventually(t, "the bot polls and is ready", func() bool {
		code, body := readyz()
		_, m := get(t, base+"/metrics")
		return code == http.StatusOK && strings.Contains(body, `"telegram":"ok"`) &&
			strings.Contains(m, `kubequiz_polling_lease_held{platform="telegram"} 1`) &&
			strings.Contains(m, `kubequiz_adapter_connected{platform="telegram"} 1`)
	})

	// The poll in flight ends with an update; the next five answer 502.
	bad := telegramtest.Fault{Status: http.StatusBadGateway}
	api.Inject("getUpdates", bad, bad, bad, bad, bad)
	api.Push(telegramtest.Message(1, 77, 77, 1, "/help"))
	testkit.Eventually(t, "/readyz turns unready while getUpdates fails", func() bool {
		code, body := readyz()
		return code == http.StatusServiceUnavailable && strings.Contains(body, `"status":"not ready"`) &&
			strings.Contains(body, `"telegram":"not ready: getUpdates failed`)
	})
	if _, m := get(t, base+"/metrics"); !strings.Contains(m, `kubequiz_adapter_connected{platform="telegram"} 0`) ||
		!strings.Contains(m, `kubequiz_polling_lease_held{platform="telegram"} 1`) {
		t.Errorf("/metrics while getUpdates fails:\n%s", grepLines(m, "{platform=\"telegram\"}"))
	}

	// Once the faults are spent, the next poll returns this update at once.
	api.Push(telegramtest.Message(2, 77, 77, 2, "/help"))
	testkit.Eventually(t, "/readyz turns ready when getUpdates answers again", func() bool {
		code, body := readyz()
		return code == http.StatusOK && strings.Contains(body, `"telegram":"ok"`)
	})
	if _, err := api.Await(10*time.Second, "sendMessage", 2); err != nil {
		t.Errorf("the updates around the outage were not both answered: %v", err)
	}
}

// TestATelegramBotStartedBeforeRedisPollsOnceItAnswers: Redis does not
// answer when a polling bot starts. The bot keeps running (degraded: no
// polling lease can be taken, so nobody polls and no update is lost),
// and once Redis answers it takes the lease, polls, and answers.
func TestATelegramBotStartedBeforeRedisPollsOnceItAnswers(t *testing.T) {
	srv := redistest.Start(t)
	srv.Stop()
	const token = "434343:test-token-not-real"
	api := telegramtest.NewServer(token, telegramtest.Options{})
	t.Cleanup(api.Close)
	bot := startPollingBot(t, srv.URL(), token, api)
	base, log, done := bot.base, bot.log, bot.done
	if code, body := get(t, base+"/readyz"); !strings.Contains(body, `"status":`) {
		t.Fatalf("/readyz of a bot started before Redis: %d %s", code, body)
	}
	select {
	case code := <-done:
		t.Fatalf("the bot exited (%d) while Redis did not answer:\n%s", code, log.String())
	case <-time.After(time.Second):
	}
	api.Push(telegramtest.Message(1, 78, 78, 1, "/help"))
	srv.Restart(t)
	if _, err := api.Await(20*time.Second, "sendMessage", 1); err != nil {
		t.Fatalf("no reply once Redis answered: %v\n%s", err, log.String())
	}
	if _, m := get(t, base+"/metrics"); !strings.Contains(m, `kubequiz_polling_lease_held{platform="telegram"} 1`) {
		t.Errorf("the lease once Redis answered:\n%s", grepLines(m, "lease"))
	}
}

// pollingBot is the bot run in-process, polling a fake Bot API.
type pollingBot struct {
	base string // its HTTP address, "http://127.0.0.1:port"
	log  *syncBuffer
	done chan int // its exit code, once it returns
}

// startPollingBot runs the bot with Redis at redisURL, polling api with
// token, until the test ends; it then checks that the bot stopped, and
// stopped at once (a polling bot waits for no webhooks).
func startPollingBot(t *testing.T, redisURL, token string, api *telegramtest.Server) *pollingBot {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	b := &pollingBot{log: &syncBuffer{}, done: make(chan int, 1)}
	var out syncBuffer
	vars := map[string]string{
		"REDIS_URL": redisURL, "HTTP_ADDR": anyPort, "BOT_LANG": "en",
		"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_API_ENDPOINT": api.Endpoint(),
	}
	go func() { b.done <- run(ctx, nil, envOf(vars), strings.NewReader(""), &out, b.log) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-b.done:
		case <-time.After(20 * time.Second):
			t.Error("the bot did not stop")
		}
		if strings.Contains(b.log.String(), "webhooks are still taken") {
			t.Errorf("a polling bot waited for webhooks as it stopped:\n%s", b.log.String())
		}
	})
	b.base = servingAt(t, b.log)
	return b
}

// startAnsweringBot runs a polling bot (startPollingBot) on a fake Bot API
// of its own, waits until it is ready, and has it answer an update: the
// first, "/ask pv" in the private chat of user.
func startAnsweringBot(t *testing.T, redisURL, token string, user int64) (*pollingBot, *telegramtest.Server) {
	t.Helper()
	api := telegramtest.NewServer(token, telegramtest.Options{})
	t.Cleanup(api.Close)
	bot := startPollingBot(t, redisURL, token, api)
	testkit.Eventually(t, "the bot polls and is ready", func() bool {
		code, body := get(t, bot.base+"/readyz")
		return code == http.StatusOK && strings.Contains(body, `"telegram":"ok"`)
	})
	api.Push(telegramtest.Message(1, user, user, 1, "/ask pv"))
	if _, err := api.Await(10*time.Second, "sendMessage", 1); err != nil {
		t.Fatal(err)
	}
	return bot, api
}

// TestARedisThatRefusesTheBotFailsReadiness: a Redis that answers but
// refuses the bot — a wrong password, a database number it does not have —
// is a configuration error, not an outage: the log says so once (never
// "unreachable"), and /readyz answers 503 "refused login", so that a
// rollout bringing the wrong Secret stops at its first pod. Commands
// meanwhile log nothing more at warning level.
func TestARedisThatRefusesTheBotFailsReadiness(t *testing.T) {
	srv := redistest.StartWith(t, redistest.Options{Password: "right-pass-not-real"})
	for _, c := range []struct{ name, url, reply string }{
		{"a wrong password", "redis://:wrong-pass-not-real@" + srv.Addr + "/0", "WRONGPASS"},
		{"a database Redis does not have", "redis://:right-pass-not-real@" + srv.Addr + "/99", "DB index is out of range"},
	} {
		t.Run(c.name, func(t *testing.T) {
			bot := startBot(t, map[string]string{"REDIS_URL": c.url, "HTTP_ADDR": anyPort, "BOT_LANG": "en", "LOG_LEVEL": "info"})
			base := servingAt(t, bot.log)
			code, body := get(t, base+"/readyz")
			if code != http.StatusServiceUnavailable || !strings.Contains(body, `"redis":"refused login`) ||
				!strings.Contains(body, c.reply) || !strings.Contains(body, `"status":"not ready"`) {
				t.Errorf("/readyz: %d %s; want 503, refused login, %s", code, body, c.reply)
			}
			if _, m := get(t, base+"/metrics"); !strings.Contains(m, "\nkubequiz_redis_up 0\n") {
				t.Errorf("/metrics:\n%s", grepLines(m, "kubequiz_redis_up"))
			}
			bot.send(t, "top", "unavailable right now")
			bot.send(t, "stats", "> stats\nScores are unavailable right now")
			bot.stop(t)
			log := bot.log.String()
			if n := strings.Count(log, "Redis refuses the bot: a configuration error"); n != 1 || !strings.Contains(log, c.reply) {
				t.Errorf("%d lines say Redis refuses the bot (want 1, with %q):\n%s", n, c.reply, log)
			}
			if w := grepLines(log, "level=WARN"); w != "" || strings.Contains(log, "unreachable") {
				t.Errorf("a refusal logged as an outage, or repeated at warning level:\n%s", log)
			}
			if strings.Contains(log, "wrong-pass-not-real") || strings.Contains(log, "right-pass-not-real") {
				t.Errorf("the log shows the password:\n%s", log)
			}
		})
	}
}

// TestAStalledRedisIsSaidAsItIs pauses the real redis-server (SIGSTOP)
// under a polling bot, a command arriving meanwhile. Redis takes
// connections but answers nothing, so the command's accept waits (Redis
// may yet run it: it is not served in memory) and is answered once Redis
// runs again. /readyz says that — degraded, not answering, every delivery
// waiting, questions too — not that questions still work, and so does the
// log; its down_for counts from the command that waited first, not from
// when a PING found the stall.
func TestAStalledRedisIsSaidAsItIs(t *testing.T) {
	srv := redistest.Start(t)
	bot, api := startAnsweringBot(t, srv.URL(), "454545:test-token-not-real", 79)

	const stall = 5 * time.Second
	srv.Pause(t)
	paused := time.Now()
	api.Push(telegramtest.Message(2, 79, 79, 2, "/ask pv"))
	time.Sleep(3 * time.Second) // nobody asks /readyz meanwhile: the stall is found late
	code, body := get(t, bot.base+"/readyz")
	if code != http.StatusOK || !strings.Contains(body, `"status":"degraded"`) ||
		!strings.Contains(body, `"redis":"not answering (stalled or overloaded): running degraded (every delivery waits until Redis answers, questions too`) {
		t.Errorf("/readyz while Redis was stalled: %d %s; want 200, degraded, not answering", code, body)
	}
	if n := len(api.Calls("sendMessage")); n != 1 {
		t.Errorf("%d messages sent while Redis was stalled; the command waits for Redis", n-1)
	}
	time.Sleep(stall - time.Since(paused))
	srv.Resume(t)
	if _, err := api.Await(10*time.Second, "sendMessage", 2); err != nil {
		t.Fatalf("the command sent during the stall was not answered after it: %v", err)
	}
	testkit.Eventually(t, "the log says Redis is back", func() bool { return strings.Contains(bot.log.String(), "Redis is reachable again") })
	log := bot.log.String()
	if !strings.Contains(log, `"msg":"Redis is unreachable: it does not answer (stalled or overloaded); every delivery waits until it does, questions too"`) ||
		strings.Contains(log, "questions still work") {
		t.Errorf("the log, want the stall said as one, not as Redis unreachable with questions working:\n%s", grepLines(log, "Redis"))
	}
	m := regexp.MustCompile(`"down_for":"([^"]+)"`).FindStringSubmatch(log)
	if m == nil {
		t.Fatalf("the log does not say how long Redis was down:\n%s", log)
	}
	if d, err := time.ParseDuration(m[1]); err != nil || d < stall-500*time.Millisecond || d > stall+2*time.Second {
		t.Errorf("Redis stalled for %v was down for %s by the log, want about as long", stall, m[1])
	}
}
