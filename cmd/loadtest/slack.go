package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kubequiz/kubequiz/adapters/slack"
)

// Fake credentials of the load test's own fake Slack.
const (
	slackLoadToken  = "xoxb-loadtest-not-a-real-token"
	slackLoadSecret = "loadtest-signing-secret-not-real"
)

const slackUsage = `usage: loadtest slack [flags]

Sends signed /k8s slash commands from concurrent clients to the Slack
adapter's HTTP handler on a loopback port, with the real quiz core on Redis
and a fake Slack Web API that takes the replies. Prints requests per second
and the acknowledgement latency (p50, p99, max), then waits for every reply.

flags:
`

// slackLoad is the load test's configuration.
type slackLoad struct {
	clients  int
	total    int
	users    int
	channels int
	redisURL string
	commands []string
	wait     time.Duration
}

func parseSlackLoad(args []string) (slackLoad, error) {
	var l slackLoad
	var cmds string
	fs := flag.NewFlagSet("slack", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), slackUsage)
		fs.PrintDefaults()
	}
	fs.IntVar(&l.clients, "c", 200, "concurrent clients")
	fs.IntVar(&l.total, "n", 20000, "slash commands to send in all")
	fs.IntVar(&l.users, "users", 0, "distinct users (0: a new user for every command, so that no reply waits on the 1/s per-user pacing)")
	fs.IntVar(&l.channels, "channels", 50, "channels the commands come from")
	fs.StringVar(&l.redisURL, "redis", "", "Redis URL (redis://host:port/db); empty: an embedded in-process Redis")
	fs.StringVar(&cmds, "cmds", "ask,ask pv,help,stats,topics,search pod", "comma-separated commands the clients take turns to type")
	fs.DurationVar(&l.wait, "wait", time.Minute, "how long to wait for the replies after the last acknowledgement")
	if err := fs.Parse(args); err != nil {
		return l, err
	}
	l.commands = strings.Split(cmds, ",")
	if l.clients < 1 || l.total < 1 || l.users < 0 || l.channels < 1 {
		return l, errors.New("-c, -n and -channels must be positive, -users not negative")
	}
	return l, nil
}

// runSlack runs the Slack load test.
func runSlack(ctx context.Context, args []string) error {
	l, err := parseSlackLoad(args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	core, store, closeStore, where, err := loadCore(ctx, l.redisURL, quiet)
	if err != nil {
		return err
	}
	defer closeStore()

	replies := newSlackReplies(l.total)
	fake := httptest.NewServer(replies)
	defer fake.Close()
	ad, err := slack.New(slack.Config{BotToken: slackLoadToken, SigningSecret: slackLoadSecret, APIURL: fake.URL + "/api/"}, deps(core, store, quiet))
	if err != nil {
		return err
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- ad.Run(runCtx) }()
	defer func() { stop(); <-done }()
	for !ad.Ready() {
		time.Sleep(10 * time.Millisecond)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: ad.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(lis) }()
	defer srv.Close()

	fmt.Printf("slack: %d signed slash commands from %d clients to http://%s/slack/commands (Redis: %s)\n",
		l.total, l.clients, lis.Addr(), where)
	start := time.Now()
	lat, err := slackLoadSend(ctx, l, "http://"+lis.Addr().String()+"/slack/commands", fake.URL)
	elapsed := time.Since(start)
	if err != nil {
		return err
	}
	slices.Sort(lat)
	fmt.Printf("acknowledged %d in %.2fs: %.0f requests/s\n", len(lat), elapsed.Seconds(), float64(len(lat))/elapsed.Seconds())
	ms := func(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }
	fmt.Printf("ack latency: p50 %s  p99 %s  max %s\n", ms(percentile(lat, 50)), ms(percentile(lat, 99)), ms(lat[len(lat)-1]))

	got := replies.wait(ctx, l.wait)
	if got < l.total {
		return fmt.Errorf("only %d of %d replies arrived within -wait %s", got, l.total, l.wait)
	}
	fmt.Printf("replies: all %d arrived, the last %.2fs after the first command\n", got, replies.last().Sub(start).Seconds())
	return nil
}

// slackLoadSend runs the clients and returns every acknowledgement latency.
func slackLoadSend(ctx context.Context, l slackLoad, endpoint, fakeURL string) ([]time.Duration, error) {
	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConns: l.clients, MaxIdleConnsPerHost: l.clients},
	}
	// A workspace and trigger IDs of this run's own, so that a run against
	// a Redis kept from an earlier one is not taken for its retries.
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	var next atomic.Int64
	lat := make([]time.Duration, l.total)
	errs := make(chan error, l.clients)
	var wg sync.WaitGroup
	for c := range l.clients {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= l.total {
					return
				}
				user := i
				if l.users > 0 {
					user = i % l.users
				}
				form := url.Values{
					"team_id": {"TLOAD" + run}, "channel_id": {fmt.Sprintf("C%04d", c%l.channels)}, "user_id": {fmt.Sprintf("U%07d", user)},
					"user_name": {fmt.Sprintf("user%d", user)}, "command": {"/k8s"}, "text": {l.commands[i%len(l.commands)]},
					"response_url": {fakeURL + "/response/" + strconv.Itoa(i)}, "trigger_id": {run + "." + strconv.Itoa(i)},
				}
				d, err := slackLoadPost(ctx, client, endpoint, []byte(form.Encode()))
				if err != nil {
					errs <- fmt.Errorf("command %d: %w", i, err)
					return
				}
				lat[i] = d
			}
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return nil, err
	}
	return lat, ctx.Err()
}

// slackLoadPost sends one signed command and times its acknowledgement.
func slackLoadPost(ctx context.Context, client *http.Client, endpoint string, body []byte) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(slackLoadSecret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("answered %s", resp.Status)
	}
	return d, nil
}

// slackReplies is the fake Slack Web API: it answers every method with ok
// and counts the replies that arrive at each command's response URL.
type slackReplies struct {
	arrived []atomic.Bool
	count   atomic.Int64
	lastAt  atomic.Int64 // unix nanoseconds of the latest reply
}

func newSlackReplies(n int) *slackReplies { return &slackReplies{arrived: make([]atomic.Bool, n)} }

func (s *slackReplies) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	w.Header().Set("Content-Type", "application/json")
	if id, ok := strings.CutPrefix(r.URL.Path, "/response/"); ok {
		if i, err := strconv.Atoi(id); err == nil && i >= 0 && i < len(s.arrived) && !s.arrived[i].Swap(true) {
			s.count.Add(1)
			s.lastAt.Store(time.Now().UnixNano())
		}
	}
	if r.URL.Path == "/api/users.info" {
		fmt.Fprint(w, `{"ok":true,"user":{"id":"U1","name":"user","locale":"en-US","profile":{"display_name":"Load Tester"}}}`)
		return
	}
	fmt.Fprint(w, `{"ok":true,"ts":"1700000000.000001"}`)
}

// wait waits until every reply arrived, or for at most d.
func (s *slackReplies) wait(ctx context.Context, d time.Duration) int {
	deadline := time.Now().Add(d)
	for int(s.count.Load()) < len(s.arrived) && time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(20 * time.Millisecond)
	}
	return int(s.count.Load())
}

func (s *slackReplies) last() time.Time { return time.Unix(0, s.lastAt.Load()) }
