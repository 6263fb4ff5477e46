package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram"
	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

const telegramUsage = `usage: loadtest telegram [flags]

Two measurements on loopback, against a fake Telegram Bot API:

  webhook  updates POSTed to the adapter's webhook, each from its own private
           chat, answered by the quiz core; the time from an update's POST to
           its reply's arrival at the fake API, and the throughput. Messages
           are not paced here: this measures the adapter, not Telegram's
           flood limits.
  fanout   one message posted (as the daily question is) to many chats, with
           Telegram's flood limits, against a fake that refuses more than
           -rate messages a second with 429 retry_after 1; how long it takes
           on the wall clock, and that every chat gets it exactly once.

flags:
`

// tgLoad is the Telegram load test's settings.
type tgLoad struct {
	parts       string
	updates     int
	concurrency int
	command     string
	chats       int
	rate        int
	redisURL    string
}

func parseTelegramLoad(args []string) (tgLoad, error) {
	var l tgLoad
	fs := flag.NewFlagSet("telegram", flag.ContinueOnError)
	fs.StringVar(&l.parts, "part", "both", "which measurement: webhook, fanout or both")
	fs.IntVar(&l.updates, "updates", 2000, "webhook: updates to send")
	fs.IntVar(&l.concurrency, "concurrency", 32, "webhook: updates in flight at once")
	fs.StringVar(&l.command, "command", "/ask pv", "webhook: the command every update carries")
	fs.IntVar(&l.chats, "chats", 1000, "fanout: chats to post the message to")
	fs.IntVar(&l.rate, "rate", 30, "fanout: messages a second the fake Bot API takes before answering 429")
	fs.StringVar(&l.redisURL, "redis", "", "Redis URL (redis://…); empty starts an embedded in-process Redis")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), telegramUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return l, err
	}
	switch {
	case l.parts != "webhook" && l.parts != "fanout" && l.parts != "both":
		return l, fmt.Errorf("-part %q: use webhook, fanout or both", l.parts)
	case l.updates < 1 || l.concurrency < 1 || l.chats < 1 || l.rate < 1:
		return l, errors.New("-updates, -concurrency, -chats and -rate must be positive")
	}
	return l, nil
}

// runTelegram runs the Telegram load test and prints its figures.
func runTelegram(ctx context.Context, args []string) error {
	l, err := parseTelegramLoad(args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	core, store, closeStore, where, err := loadCore(ctx, l.redisURL, nil)
	if err != nil {
		return err
	}
	defer closeStore()
	fmt.Printf("Telegram load test on %s; Redis: %s; Go %d CPUs\n", time.Now().Format(time.DateOnly), where, runtime.GOMAXPROCS(0))
	if l.parts != "fanout" {
		if err := tgWebhookLoad(ctx, l, core, store); err != nil {
			return fmt.Errorf("webhook: %w", err)
		}
	}
	if l.parts != "webhook" {
		if err := tgFanOut(ctx, l, core, store); err != nil {
			return fmt.Errorf("fanout: %w", err)
		}
	}
	return nil
}

// tgBot sets up a fake Bot API and an adapter for a bot of its own (a
// random ID, so that runs on one Redis do not share markers).
func tgBot(core *quiz.Service, store *redisstore.Store, opts telegramtest.Options, cfg telegram.Config) (*telegramtest.Server, *telegram.Adapter, error) {
	token := fmt.Sprintf("%d:loadtest_%016x", 100000000+rand.IntN(800000000), rand.Uint64())
	api := telegramtest.NewServer(token, opts)
	cfg.Token, cfg.APIEndpoint = token, api.Endpoint()
	a, err := telegram.New(cfg, deps(core, store, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))))
	if err != nil {
		api.Close()
		return nil, nil, err
	}
	return api, a, nil
}

// tgWebhookLoad POSTs updates to the webhook and times their replies.
func tgWebhookLoad(ctx context.Context, l tgLoad, core *quiz.Service, store *redisstore.Store) error {
	const secret = "loadtest-secret"
	api, a, err := tgBot(core, store, telegramtest.Options{}, telegram.Config{
		WebhookURL: "https://loadtest.invalid/telegram/webhook", WebhookSecret: secret, Limits: &telegram.Limits{},
	})
	if err != nil {
		return err
	}
	defer api.Close()
	srv := httptest.NewServer(a.Handler())
	defer srv.Close()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Run(runCtx) }()
	defer func() { stop(); <-done }()
	for !a.Ready() {
		if err := tgSleep(ctx, 10*time.Millisecond); err != nil {
			return err
		}
	}

	const firstChat = 1_000_000
	posted := make([]time.Time, l.updates)
	acks := make([]time.Duration, l.updates)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: l.concurrency}, Timeout: 30 * time.Second}
	work := make(chan int)
	errs := make(chan error, l.updates)
	var wg sync.WaitGroup
	for range l.concurrency {
		wg.Go(func() {
			for i := range work {
				chat := int64(firstChat + i)
				body := telegramtest.Message(i+1, chat, chat, 1, l.command)
				posted[i] = time.Now()
				if err := tgPost(ctx, client, srv.URL+telegram.WebhookPath, secret, body); err != nil {
					errs <- err
					continue
				}
				acks[i] = time.Since(posted[i])
			}
		})
	}
	start := time.Now()
	for i := 0; i < l.updates && ctx.Err() == nil; i++ {
		work <- i
	}
	close(work)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	replies, err := api.Await(time.Minute, "sendMessage", l.updates)
	if err != nil {
		return err
	}
	latency := make([]time.Duration, l.updates)
	last := start
	for _, r := range replies {
		i, _ := strconv.Atoi(r.Params.Get("chat_id"))
		if i -= firstChat; i >= 0 && i < l.updates && latency[i] == 0 {
			latency[i] = r.At.Sub(posted[i])
			if r.At.After(last) {
				last = r.At
			}
		}
	}
	slices.Sort(acks)
	slices.Sort(latency)
	elapsed := last.Sub(start)
	fmt.Printf("\nwebhook: %d updates %q, each from its own private chat, %d in flight at once\n", l.updates, l.command, l.concurrency)
	fmt.Printf("  webhook acknowledged:           p50 %s  p99 %s\n", tgRound(percentile(acks, 50)), tgRound(percentile(acks, 99)))
	fmt.Printf("  update POST → reply at the API: p50 %s  p99 %s  max %s\n", tgRound(percentile(latency, 50)), tgRound(percentile(latency, 99)), tgRound(latency[len(latency)-1]))
	fmt.Printf("  throughput: %.0f updates/s (%d replies in %s)\n", float64(l.updates)/elapsed.Seconds(), len(replies), tgRound(elapsed))
	return nil
}

// tgPost delivers one update to the webhook.
func tgPost(ctx context.Context, client *http.Client, url, secret string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the webhook answered %s", resp.Status)
	}
	return nil
}

// tgFanOut posts one message to many groups at once through the Outbox,
// paced by Telegram's limits, against a fake that enforces the overall
// rate, and checks that each chat got it exactly once.
func tgFanOut(ctx context.Context, l tgLoad, core *quiz.Service, store *redisstore.Store) error {
	api, a, err := tgBot(core, store, telegramtest.Options{MessagesPerSecond: l.rate}, telegram.Config{})
	if err != nil {
		return err
	}
	defer api.Close()
	msg := core.Handle(ctx, quiz.Request{Platform: "telegram", Scope: "tg:load", Channel: "load", User: "tg:1", Prefix: "/", Text: "help"}).Messages[0]
	const firstGroup = -1_000_000_000_000
	start := time.Now()
	failed := make(chan error, l.chats)
	var wg sync.WaitGroup
	for i := range l.chats {
		wg.Go(func() {
			if _, err := a.Post(ctx, strconv.Itoa(firstGroup-i), msg); err != nil {
				failed <- err
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(failed)

	got := map[string]int{}
	refused := 0
	for _, c := range api.Calls("sendMessage") {
		if c.OK() {
			got[c.Params.Get("chat_id")]++
		} else {
			refused++
		}
	}
	lost, twice := 0, 0
	for i := range l.chats {
		switch n := got[strconv.Itoa(firstGroup-i)]; {
		case n == 0:
			lost++
		case n > 1:
			twice++
		}
	}
	floor := time.Duration(float64(l.chats-1) / float64(l.rate) * float64(time.Second))
	fmt.Printf("\nfanout: 1 message to %d groups through Post, paced at Telegram's limits; the fake takes %d messages/s\n", l.chats, l.rate)
	fmt.Printf("  all sent in %s on the wall clock (floor %s): %.1f messages/s\n", tgRound(elapsed), tgRound(floor), float64(len(got))/elapsed.Seconds())
	fmt.Printf("  delivered %d, lost %d, sent twice %d; refused with 429 and sent again after retry_after: %d; Post errors: %d\n",
		len(got), lost, twice, refused, len(failed))
	if err := <-failed; err != nil {
		return err
	}
	if lost+twice > 0 {
		return fmt.Errorf("%d chats lost the message and %d got it twice", lost, twice)
	}
	return nil
}

// tgRound rounds a duration for printing.
func tgRound(d time.Duration) time.Duration {
	if d < time.Millisecond {
		return d.Round(time.Microsecond)
	}
	return d.Round(100 * time.Microsecond)
}

// tgSleep waits d or until ctx is done.
func tgSleep(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
