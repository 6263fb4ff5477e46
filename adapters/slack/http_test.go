package slack_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/adapters/slack"
	"github.com/kubequiz/kubequiz/adapters/slack/slackfake"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

func TestSignedRequests(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{})
	q := e.ask("U1", "C1", "quiz", 1)[0]
	press := httpBody("interactive", e.click("U2", "C1", q, q.Button(t, "a:")))
	now := time.Now()

	tests := []struct {
		name   string
		path   string
		body   []byte
		at     time.Time
		header func(h http.Header)
		want   int
	}{
		{name: "a press with a wrong signature is refused", path: "/slack/interactive", body: press, at: now,
			header: func(h http.Header) { h.Set("X-Slack-Signature", "v0="+strings.Repeat("ab", 32)) }, want: http.StatusUnauthorized},
		{name: "a press signed with another secret is refused", path: "/slack/interactive", body: press, at: now,
			header: func(h http.Header) { slackfake.Sign(h, press, now, "some-other-secret") }, want: http.StatusUnauthorized},
		{name: "a press whose body was changed after signing is refused", path: "/slack/interactive", body: press, at: now,
			header: func(h http.Header) { slackfake.Sign(h, append([]byte("x"), press...), now, signingSecret) }, want: http.StatusUnauthorized},
		{name: "a press signed six minutes ago is refused", path: "/slack/interactive", body: press, at: now.Add(-6 * time.Minute), want: http.StatusUnauthorized},
		{name: "a press signed six minutes ahead is refused", path: "/slack/interactive", body: press, at: now.Add(6 * time.Minute), want: http.StatusUnauthorized},
		{name: "a press without a signature is refused", path: "/slack/interactive", body: press, at: now,
			header: func(h http.Header) { h.Del("X-Slack-Signature") }, want: http.StatusUnauthorized},
		{name: "a press without a timestamp is refused", path: "/slack/interactive", body: press, at: now,
			header: func(h http.Header) { h.Del("X-Slack-Request-Timestamp") }, want: http.StatusUnauthorized},
		{name: "a signed body over 1 MiB is refused as too large", path: "/slack/events", body: bytes.Repeat([]byte("a"), 1<<20+1), at: now, want: http.StatusRequestEntityTooLarge},
		{name: "a signed command without a team is malformed", path: "/slack/commands", body: []byte("user_id=U2&channel_id=C1&text=top"), at: now, want: http.StatusBadRequest},
		{name: "a signed command that is not a form is malformed", path: "/slack/commands", body: []byte("%zz"), at: now, want: http.StatusBadRequest},
		{name: "a signed interaction whose payload is not JSON is malformed", path: "/slack/interactive", body: []byte("payload=%7Bnot-json"), at: now, want: http.StatusBadRequest},
		{name: "a signed interaction without a payload is malformed", path: "/slack/interactive", body: []byte("x=1"), at: now, want: http.StatusBadRequest},
		{name: "a signed event that is not JSON is malformed", path: "/slack/events", body: []byte("{"), at: now, want: http.StatusBadRequest},
		{name: "a signed event callback without an event ID is malformed", path: "/slack/events", body: []byte(`{"type":"event_callback","team_id":"T1","event":{"type":"app_mention"}}`), at: now, want: http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, e.web.URL+tc.path, bytes.NewReader(tc.body))
			slackfake.Sign(req.Header, tc.body, tc.at, signingSecret)
			if tc.header != nil {
				tc.header(req.Header)
			}
			resp, err := roundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.want {
				t.Errorf("got %s, want %d", resp.Status, tc.want)
			}
		})
	}
	t.Run("none of the refused requests scored or replied", func(t *testing.T) {
		e.slack.Settle(t)
		if st := e.stats("U2"); st.Answered != 0 {
			t.Errorf("a refused press scored: %d answers", st.Answered)
		}
		if got := e.slack.Sent(func(sent) bool { return true }); len(got) != 1 {
			t.Errorf("want only the quiz message, got: %s", e.slack.dump())
		}
	})
	t.Run("the same press, signed, is acknowledged before it is answered, and scored", func(t *testing.T) {
		release := e.slack.Hold(t, "response") // the answer waits
		acked := make(chan *http.Response, 1)
		go func() {
			resp, err := e.postSigned("/slack/interactive", press, time.Now(), nil)
			if err != nil {
				t.Error(err)
			}
			acked <- resp
		}()
		testkit.Eventually(t, "the answer to be sent (and held)", func() bool { return e.slack.Holding("response") > 0 })
		select {
		case resp := <-acked:
			if resp == nil || resp.StatusCode != http.StatusOK {
				t.Errorf("got %v, want 200", resp)
			}
		case <-time.After(testkit.Patience):
			t.Fatal("no acknowledgement while the answer was held: the acknowledgement waits for the answer")
		}
		release()
		e.slack.Wait(t, 1, func(s sent) bool { return strings.Contains(s.Sections(), "The right answer") })
		if st := e.stats("U2"); st.Answered != 1 {
			t.Errorf("answered %d, want 1", st.Answered)
		}
	})
}

func TestURLVerification(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{})
	t.Run("the challenge is answered", func(t *testing.T) {
		body := []byte(`{"token":"x","challenge":"c-3po","type":"url_verification"}`)
		resp, err := e.postSigned("/slack/events", body, time.Now(), nil)
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ Challenge string }
		raw, _ := io.ReadAll(resp.Body)
		if err := json.Unmarshal(raw, &got); err != nil || resp.StatusCode != http.StatusOK || got.Challenge != "c-3po" {
			t.Errorf("got %s %q, want the challenge back", resp.Status, raw)
		}
	})
	t.Run("an unsigned challenge is refused", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, e.web.URL+"/slack/events", strings.NewReader(`{"challenge":"c","type":"url_verification"}`))
		resp, err := roundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("got %s, want 401", resp.Status)
		}
	})
	t.Run("other methods are not allowed", func(t *testing.T) {
		resp, err := http.Get(e.web.URL + "/slack/events")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("got %s, want 405", resp.Status)
		}
	})
}

// TestUnsignedBodiesCostLittle: a body is read before its signature can be
// checked, by anyone who reaches the port. A body declared over the limit
// is refused before it is read; bodies that trickle in hold their places
// for the body timeout at most; while every place is held, another request
// is refused at once (503) rather than read into memory; once the slow
// bodies are cut, a signed press is taken again.
func TestUnsignedBodiesCostLittle(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{bodyTimeout: 3 * time.Second})
	addr := strings.TrimPrefix(e.web.URL, "http://")
	head := func(length int) string {
		return fmt.Sprintf("POST /slack/events HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"+
			"X-Slack-Request-Timestamp: %d\r\nX-Slack-Signature: v0=%s\r\n\r\n", addr, length, time.Now().Unix(), strings.Repeat("ab", 32))
	}
	status := func(conn net.Conn) int {
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	dial := func() net.Conn {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		return conn
	}

	big := dial()
	_, _ = io.WriteString(big, head(64<<20))
	if got := status(big); got != http.StatusRequestEntityTooLarge {
		t.Errorf("a body declared 64 MiB: %d, want 413 before it is read", got)
	}

	slow := make([]net.Conn, slack.MaxReading)
	for i := range slow {
		slow[i] = dial()
		_, _ = io.WriteString(slow[i], head(1000)+"{")
	}
	// The slow bodies hold every place for 3 s; another request waits half
	// a second for one and is refused. (A first try may come before the
	// slow ones have their places.)
	refused := false
	for try := 0; try < 3 && !refused; try++ {
		time.Sleep(100 * time.Millisecond)
		extra := dial()
		_, _ = io.WriteString(extra, head(10)+"0123456789")
		refused = status(extra) == http.StatusServiceUnavailable
		extra.Close()
	}
	if !refused {
		t.Errorf("with %d bodies trickling in, another request was still read", slack.MaxReading)
	}
	for _, c := range slow {
		if got := status(c); got != http.StatusBadRequest && got != 0 {
			t.Errorf("a body that stopped arriving: %d, want it cut (400, or the connection closed)", got)
		}
	}
	q := e.ask("U1", "C1", "quiz", 1)[0]
	press := httpBody("interactive", e.click("U2", "C1", q, q.Button(t, "a:")))
	if resp, err := e.postSigned("/slack/interactive", press, time.Now(), nil); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("a signed press once the slow bodies were cut: %v, %v", resp, err)
	}
}

// TestAFloodOfForgedRequestsDoesNotFloodTheLog: forged requests are each
// refused, but logged at most once an interval (a minute; a second here),
// the first at once, each line with how many there were since: none goes
// uncounted, even the last ones, logged after the flood.
func TestAFloodOfForgedRequestsDoesNotFloodTheLog(t *testing.T) {
	t.Parallel()
	var log testkit.LogBuffer
	e := newEnv(t, httpMode, options{
		deps:       func(d *adapters.Deps) { d.Log = slog.New(slog.NewTextHandler(&log, nil)) },
		refusalLog: time.Second,
	})
	body := []byte(`{"type":"event_callback"}`)
	for range 30 {
		resp, err := e.postSigned("/slack/events", body, time.Now(), http.Header{"X-Slack-Signature": {"v0=" + strings.Repeat("ab", 32)}})
		if err != nil || resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("a forged request: %v, %v; want 401", resp, err)
		}
	}
	counted := regexp.MustCompile(`msg="refused Slack requests" .*?path=/slack/events count=(\d+) reason=bad_signature status=401`)
	lines, total := 0, 0
	for deadline := time.Now().Add(10 * time.Second); total < 30 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		lines, total = 0, 0
		for _, m := range counted.FindAllStringSubmatch(log.String(), -1) {
			n, _ := strconv.Atoi(m[1])
			lines, total = lines+1, total+n
		}
	}
	if total != 30 || lines >= 10 {
		t.Errorf("%d lines counting %d refusals for 30 forged requests, want every one counted in a few lines:\n%s", lines, total, log.String())
	}
}

// TestRefusedRequestsAreCountedByPathAndReason: requests signed with
// another secret (a wrong SLACK_SIGNING_SECRET), or signed too long ago,
// to each endpoint, are refused 401 and counted for the metrics by their
// path and why (adapters.Deps.OnRefused); the log's lines, one a minute at
// most for each endpoint, name the path each counts — not the latest
// request's path for every one.
func TestRefusedRequestsAreCountedByPathAndReason(t *testing.T) {
	t.Parallel()
	var log testkit.LogBuffer
	var mu sync.Mutex
	counted := map[string]int{}
	e := newEnv(t, httpMode, options{refusalLog: 10 * time.Millisecond, deps: func(d *adapters.Deps) {
		d.Log = slog.New(slog.NewTextHandler(&log, nil))
		d.OnRefused = func(path, reason string) {
			mu.Lock()
			defer mu.Unlock()
			counted[path+" "+reason]++
		}
	}})
	forged := http.Header{"X-Slack-Signature": {"v0=" + strings.Repeat("ab", 32)}}
	for _, r := range []struct {
		path    string
		n       int
		signed  time.Time
		headers http.Header
	}{
		{"/slack/commands", 3, time.Now(), forged},
		{"/slack/interactive", 1, time.Now(), forged},
		{"/slack/events", 2, time.Now().Add(-10 * time.Minute), nil},
	} {
		for range r.n {
			resp, err := e.postSigned(r.path, []byte("token=x"), r.signed, r.headers)
			if err != nil || resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("a refused request to %s: %v, %v; want 401", r.path, resp, err)
			}
		}
	}
	mu.Lock()
	got := fmt.Sprint(counted)
	mu.Unlock()
	if want := "map[/slack/commands bad_signature:3 /slack/events stale_timestamp:2 /slack/interactive bad_signature:1]"; got != want {
		t.Errorf("refusals counted %s, want %s", got, want)
	}
	line := regexp.MustCompile(`msg="refused Slack requests" .*?path=(\S+) count=(\d+) reason=(\S+) status=401`)
	testkit.Eventually(t, "the log counts every refusal under its path", func() bool {
		logged := map[string]int{}
		for _, m := range line.FindAllStringSubmatch(log.String(), -1) {
			n, _ := strconv.Atoi(m[2])
			logged[m[1]+" "+m[3]] += n
		}
		return fmt.Sprint(logged) == got
	})
}
