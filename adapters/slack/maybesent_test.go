package slack_test

import (
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// TestAReplyWhosePostMayHaveArrivedIsPostedOnceMoreOnly has the response
// URL of /k8s top (a reply in the channel) take longer than a call's
// timeout, answer a success that is not JSON, or drop the connection once
// the post is sent, once or twice: Slack may
// have shown the reply, so it is posted once more only — never again and
// again (the slow hook's posts all arrive) — logged at warn once with the
// method and the channel (not the URL), and counted. In doubt twice, it is
// given up with an apology, through the hook still: the reply never moves
// to a direct message, and the hook is not spent.
func TestAReplyWhosePostMayHaveArrivedIsPostedOnceMoreOnly(t *testing.T) {
	t.Parallel()
	const timeout = 400 * time.Millisecond
	slow := func(f *fakeSlack) { f.Delay("response", 3*timeout) }
	garbage := func(f *fakeSlack) { f.Inject("response", fault{Body: "<html>bad gateway</html>"}) }
	dropped := func(f *fakeSlack) { f.Inject("response", fault{Drop: true}) }
	for _, c := range []struct {
		name      string
		faults    []func(*fakeSlack)
		delivered int    // copies of the reply shown
		told      []bool // OnInDoubt: posted again, given up
	}{
		{name: "slow once", faults: []func(*fakeSlack){slow}, delivered: 2, told: []bool{true}},
		{name: "slow twice", faults: []func(*fakeSlack){slow, slow}, delivered: 2, told: []bool{true, false}},
		{name: "not JSON once", faults: []func(*fakeSlack){garbage}, delivered: 1, told: []bool{true}},
		{name: "not JSON twice", faults: []func(*fakeSlack){garbage, garbage}, delivered: 0, told: []bool{true, false}},
		{name: "dropped, then not JSON", faults: []func(*fakeSlack){dropped, garbage}, delivered: 0, told: []bool{true, false}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			logs := &testkit.LogBuffer{T: t}
			var mu sync.Mutex
			var told []bool
			e := newEnv(t, httpMode, options{apiTimeout: timeout, deps: func(d *adapters.Deps) {
				d.Log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
				d.OnInDoubt = func(again bool) {
					mu.Lock()
					defer mu.Unlock()
					told = append(told, again)
				}
			}})
			for _, f := range c.faults {
				f(e.slack)
			}
			channel := fmt.Sprintf("C%d", time.Now().UnixNano())
			hook := e.command("U1", channel, "top")
			reply := func(s sent) bool { return ToHook(hook)(s) && !strings.Contains(s.Sections(), "Sorry") }
			apology := func(s sent) bool { return ToHook(hook)(s) && strings.Contains(s.Sections(), "Sorry") }
			givenUp := c.told[len(c.told)-1] == false
			if givenUp {
				e.slack.Wait(t, 1, apology)
			}
			e.slack.Wait(t, c.delivered, reply)
			e.slack.Settle(t)
			time.Sleep(3 * timeout) // a post the fake holds arrives
			got := e.slack.Sent(reply)
			if len(got) != c.delivered {
				t.Errorf("the reply was shown %d times, want %d:%s", len(got), c.delivered, e.slack.dump())
			}
			for _, s := range got {
				if s.Private() {
					t.Errorf("the reply to /k8s top was private: %q", s.Text)
				}
			}
			attempts := 0
			for _, s := range e.slack.Attempts("response") {
				if reply(s) || s.Faulty && !apology(s) {
					attempts++
				}
			}
			if attempts != 2 {
				t.Errorf("%d posts of the reply, want 2: one, and once more:%s", attempts, e.slack.dump())
			}
			if n := len(e.slack.Sent(apology)); n != map[bool]int{false: 0, true: 1}[givenUp] {
				t.Errorf("%d apologies, want one only when the reply was given up (%v)", n, givenUp)
			}
			if n := len(e.slack.Attempts("chat.postMessage")) + e.slack.Opened("U1"); n != 0 {
				t.Errorf("%d calls to post by direct message or in the channel, want none: the reply stays with the hook:%s", n, e.slack.dump())
			}
			mu.Lock()
			gotTold := slices.Clone(told)
			mu.Unlock()
			if fmt.Sprint(gotTold) != fmt.Sprint(c.told) {
				t.Errorf("OnInDoubt told %v, want %v", gotTold, c.told)
			}
			var warned []string
			for _, line := range strings.Split(logs.String(), "\n") {
				if strings.Contains(line, "unknown outcome") {
					warned = append(warned, line)
				}
			}
			if len(warned) != 1 || !strings.Contains(warned[0], "level=WARN") || !strings.Contains(warned[0], "method=response_url") || !strings.Contains(warned[0], "channel="+channel) {
				t.Errorf("logged %q; want one warning naming the method and the channel", warned)
			}
			if strings.Contains(logs.String(), "response/") || strings.Contains(logs.String(), botToken) {
				t.Errorf("the log names the response URL or the token:\n%s", logs.String())
			}
		})
	}
}
