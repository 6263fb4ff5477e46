// Command loadtest measures the bot for BENCHMARKS.md:
//
//	go run ./cmd/loadtest slack [flags]     quiz answers through Slack's signed HTTP, acks and replies
//	go run ./cmd/loadtest telegram [flags]  quiz answers through Telegram's webhook, acks and replies
//	go run ./cmd/loadtest fanout [flags]    one message to many Telegram chats within the flood limits
//	go run ./cmd/loadtest answers [flags]   an answer through the core vs SET vs the four-command floor, interleaved
//	go run ./cmd/loadtest summary [files]   min/median/max of benchmark lines of several runs
//
// The slack and telegram loads run the real bot (cmd/bot) as a child
// process against fake platform APIs served by this one; see each
// command's -h.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	commands := map[string]func(context.Context, []string) error{
		"slack": runSlack, "telegram": runTelegram, "fanout": runFanOut, "answers": runAnswers, "summary": runSummary,
	}
	if len(os.Args) < 2 || commands[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: loadtest slack|telegram|fanout|answers|summary [flags]")
		os.Exit(2)
	}
	if err := commands[os.Args[1]](ctx, os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}
