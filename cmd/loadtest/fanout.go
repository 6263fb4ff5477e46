package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram"
	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/ids"
	"github.com/kubequiz/kubequiz/quiz"
)

const fanoutUsage = `usage: loadtest fanout [flags]

One message posted through the Telegram adapter's Post (as the daily
question is) to many groups at once, paced within Telegram's flood limits,
against a fake Bot API that refuses more than -rate messages a second with
429 retry_after 1: how long it takes on the wall clock, and that every chat
gets it exactly once. The adapter runs in this process on the embedded
store (-redis for a real one): what is measured is the pacing.

flags:
`

// runFanOut posts one message to many groups at once through the Outbox,
// paced by Telegram's limits, against a fake that enforces the overall
// rate, and checks that each chat got it exactly once.
func runFanOut(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("fanout", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), fanoutUsage)
		fs.PrintDefaults()
	}
	chats := fs.Int("chats", 1000, "groups to post the message to")
	rate := fs.Int("rate", 30, "messages a second the fake Bot API takes before answering 429")
	redisURL := fs.String("redis", "", "Redis URL (redis://…); empty: an embedded in-process Redis")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if *chats < 1 || *rate < 1 {
		return errors.New("-chats and -rate must be positive")
	}
	core, store, closeStore, _, err := loadCore(ctx, *redisURL, nil)
	if err != nil {
		return err
	}
	defer closeStore()
	token := fmt.Sprintf("%d:loadtest_%016x", 100000000+rand.IntN(800000000), rand.Uint64())
	api := telegramtest.NewServer(token, telegramtest.Options{MessagesPerSecond: *rate})
	defer api.Close()
	a, err := telegram.New(telegram.Config{Token: token, APIEndpoint: api.Endpoint()},
		deps(core, store, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))))
	if err != nil {
		return err
	}
	msg := core.Handle(ctx, quiz.Request{Platform: telegram.Name, Scope: ids.TelegramScope(1), Channel: "1", User: ids.TelegramUser(1), Prefix: "/", Text: "help"}).Messages[0]
	const firstGroup = -1_000_000_000_000
	start := time.Now()
	failed := make(chan error, *chats)
	var wg sync.WaitGroup
	for i := range *chats {
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
	for i := range *chats {
		switch n := got[strconv.Itoa(firstGroup-i)]; {
		case n == 0:
			lost++
		case n > 1:
			twice++
		}
	}
	floor := time.Duration(float64(*chats-1) / float64(*rate) * float64(time.Second))
	fmt.Printf("fanout: 1 message to %d groups through Post, paced at Telegram's limits; the fake takes %d messages/s\n", *chats, *rate)
	fmt.Printf("  all sent in %s on the wall clock (floor %s): %.1f messages/s\n", elapsed.Round(100*time.Millisecond), floor.Round(100*time.Millisecond), float64(len(got))/elapsed.Seconds())
	fmt.Printf("  delivered %d, lost %d, sent twice %d; refused with 429 and sent again after retry_after: %d; Post errors: %d\n",
		len(got), lost, twice, refused, len(failed))
	fmt.Printf("BenchmarkFanOut/chats=%d 1 %.2f s %.2f floor-s %d lost %d twice %d 429s\n", *chats, elapsed.Seconds(), floor.Seconds(), lost, twice, refused)
	if err := <-failed; err != nil {
		return err
	}
	if lost+twice > 0 {
		return fmt.Errorf("%d chats lost the message and %d got it twice", lost, twice)
	}
	return nil
}
