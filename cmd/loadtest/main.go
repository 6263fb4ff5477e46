// Command loadtest measures the bot's chat adapters under load on loopback,
// against fake platform APIs, for BENCHMARKS.md:
//
//	go run ./cmd/loadtest slack [flags]      signed slash commands, acknowledgement latency
//	go run ./cmd/loadtest telegram [flags]   webhook updates to replies, and a fan-out to many chats
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
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: loadtest slack|telegram [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "slack":
		err = runSlack(ctx, os.Args[2:])
	case "telegram":
		err = runTelegram(ctx, os.Args[2:])
	default:
		fmt.Fprintf(os.Stderr, "unknown load test %q: use slack or telegram\n", os.Args[1])
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}
