package telegram

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
)

// TestRefusedWebhookRequestsAreCountedAndLogged: requests to the webhook
// refused unread — without the secret token, with a wrong one, a body
// over 1 MiB, one that is no update — are counted by path and reason
// (adapters.Deps.OnRefused, kubequiz_refused_requests_total) and logged
// without the token: the first at once, the rest counted in a line at
// most a minute, which comes when the adapter stops at the latest.
func TestRefusedWebhookRequestsAreCountedAndLogged(t *testing.T) {
	e := newEnv(t)
	var mu sync.Mutex
	counted := map[string]int{}
	e.onRefused = func(path, reason string) {
		mu.Lock()
		defer mu.Unlock()
		counted[path+" "+reason]++
	}
	a := e.start()
	update := telegramtest.Message(1, e.alice, e.alice, 1, "/help")
	for i, r := range []struct {
		body   []byte
		secret string
		want   int
	}{
		{update, "", 401}, {update, "", 401}, {update, "wrong-" + testSecret, 403},
		{bytes.Repeat([]byte(" "), maxUpdateBytes+1), testSecret, 413},
		{[]byte("{not json"), testSecret, 400}, {[]byte(`{"message":{"text":"/help"}}`), testSecret, 400},
	} {
		if got := post(a.Adapter, r.body, r.secret); got != r.want {
			t.Errorf("request %d: status %d, want %d", i, got, r.want)
		}
	}
	mu.Lock()
	got := fmt.Sprint(counted)
	mu.Unlock()
	if want := "map[/telegram/webhook bad_secret:1 /telegram/webhook missing_secret:2 /telegram/webhook too_large:1 /telegram/webhook unreadable:2]"; got != want {
		t.Errorf("refusals counted %s, want %s", got, want)
	}
	a.stop() // the count waiting is logged as the adapter stops
	line := regexp.MustCompile(`msg="refused Telegram requests" .*?path=/telegram/webhook count=(\d+) reason=(\S+) status=(\d+)`)
	lines := line.FindAllStringSubmatch(e.logs.String(), -1)
	total := 0
	for _, m := range lines {
		n, _ := strconv.Atoi(m[1])
		total += n
	}
	if total != 6 || len(lines) != 2 || lines[0][2] != "missing_secret" || lines[0][3] != "401" {
		t.Errorf("%d lines counting %d refusals, want the first at once and the other 5 in one line:\n%s", len(lines), total, e.logs.String())
	}
	if strings.Contains(e.logs.String(), "wrong-") {
		t.Error("the log has the secret token a request sent")
	}
}
