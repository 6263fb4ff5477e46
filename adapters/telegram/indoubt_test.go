package telegram

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/observe"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// A send whose outcome is unknown — no answer within attemptTimeout to a
// request sent whole, or an answer of success that is not JSON — may have
// been shown: it is sent once more at most, logged at warn once with its
// method and chat, and counted.

// postInDoubt posts "hello" to alice's private chat through an adapter
// whose in-doubt sends are counted by metrics, and returns the sendMessage
// calls made, the lines of the metrics about sends in doubt, and Post's
// error.
func postInDoubt(t *testing.T, e *env) (calls int, series string, err error) {
	t.Helper()
	metrics := observe.NewMetrics()
	d := deps(e.core, e.store, slogTo(e.logs))
	d.OnInDoubt = metrics.OutboundInDoubt(Name)
	a, err := New(e.cfg, d)
	if err != nil {
		t.Fatal(err)
	}
	_, err = a.Post(context.Background(), fmt.Sprint(e.alice), quiz.Message{Blocks: []rich.Block{rich.Text("hello")}})
	// A call the bot gave up waiting for is recorded once the fake sees
	// its caller gone.
	testkit.EventuallyWithin(t, 5*time.Second, "the second call recorded", func() bool { return len(e.api.Calls("sendMessage")) >= 2 })
	rec := httptest.NewRecorder()
	metrics.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	return len(to(e.api.Calls("sendMessage"), e.alice)), grepLines(string(body), "kubequiz_outbound_in_doubt_total{"), err
}

// checkWarnedOnce checks that the logs say once that a sendMessage to
// alice had an unknown outcome, naming the method and chat, not the token.
func checkWarnedOnce(t *testing.T, e *env) {
	t.Helper()
	logs := e.logs.String()
	const warning = "has an unknown outcome: it is sent once more"
	lines := grepLines(logs, warning)
	if n := strings.Count(logs, warning); n != 1 {
		t.Fatalf("%d warnings of a send in doubt, want 1:\n%s", n, logs)
	}
	if !strings.Contains(lines, "level=WARN") || !strings.Contains(lines, "method=sendMessage") || !strings.Contains(lines, fmt.Sprintf("chat=%d", e.alice)) {
		t.Errorf("the warning does not say its level, method and chat: %s", lines)
	}
	if strings.Contains(logs, e.cfg.Token) || strings.Contains(logs, strings.Split(e.cfg.Token, ":")[1]) {
		t.Error("the logs hold the bot's token")
	}
}

// inDoubtAnswers are answers after which the Bot API may have carried the
// request out: a success that is not JSON, or cut short, and a connection
// dropped once the request was read.
var inDoubtAnswers = map[string]telegramtest.Fault{
	"not JSON":           {Body: "<html>bad gateway"},
	"cut short":          {Body: `{"ok":true,"result":{"message_id":`},
	"connection dropped": {Drop: true},
}

func TestAnAnswerInDoubtIsSentAgainOnceOnly(t *testing.T) {
	for name, fault := range inDoubtAnswers {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			e.api.AddStorm(telegramtest.Storm{Method: "sendMessage", Until: e.clock.Now().Add(time.Hour), Faults: []telegramtest.Fault{fault}})
			calls, series, err := postInDoubt(t, e)
			if err == nil || calls != 2 {
				t.Fatalf("Post made %d calls and returned %v; want 2 calls, then an error", calls, err)
			}
			checkWarnedOnce(t, e)
			for _, want := range []string{
				`kubequiz_outbound_in_doubt_total{platform="telegram",then="sent_again"} 1`,
				`kubequiz_outbound_in_doubt_total{platform="telegram",then="given_up"} 1`,
			} {
				if !strings.Contains(series, want) {
					t.Errorf("the metrics lack %s:\n%s", want, series)
				}
			}
		})
	}
}

// TestASendPastItsTimeoutIsSentAgainOnceOnly holds the Bot API's answers
// past attemptTimeout, in real time (the HTTP client's own timeout, the
// polling lease's, set longer as in production).
func TestASendPastItsTimeoutIsSentAgainOnceOnly(t *testing.T) {
	t.Parallel()
	held := telegramtest.Fault{Hold: attemptTimeout + time.Second}
	newEnv := func(t *testing.T) *env {
		e := newEnv(t)
		e.cfg.LeaseTTL = 3 * attemptTimeout
		return e
	}
	t.Run("answered the second time", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		e.api.Inject("sendMessage", held)
		calls, series, err := postInDoubt(t, e)
		if err != nil || calls != 2 || len(okTo(e, "sendMessage", e.alice)) != 1 {
			t.Fatalf("Post made %d calls (%d answered) and returned %v; want the second answered", calls, len(okTo(e, "sendMessage", e.alice)), err)
		}
		checkWarnedOnce(t, e)
		if want := `kubequiz_outbound_in_doubt_total{platform="telegram",then="sent_again"} 1`; !strings.Contains(series, want) || strings.Contains(series, "given_up") {
			t.Errorf("the metrics say\n%s\nwant only %s", series, want)
		}
	})
	t.Run("held both times", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		e.api.Inject("sendMessage", held, held, held)
		calls, series, err := postInDoubt(t, e)
		if err == nil || calls != 2 {
			t.Fatalf("Post made %d calls and returned %v; want 2 calls, then an error", calls, err)
		}
		checkWarnedOnce(t, e)
		if want := `kubequiz_outbound_in_doubt_total{platform="telegram",then="given_up"} 1`; !strings.Contains(series, want) {
			t.Errorf("the metrics lack %s:\n%s", want, series)
		}
	})
}
