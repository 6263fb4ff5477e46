// Command loadtest measures the bot's chat adapters under load on loopback,
// against fake platform APIs, for BENCHMARKS.md:
//
//	go run ./cmd/loadtest slack [flags]      signed slash commands, acknowledgement latency
//	go run ./cmd/loadtest telegram [flags]   webhook updates to replies, and a fan-out to many chats
//	go run ./cmd/loadtest answers [flags]    an answer through the core vs SET vs the four-command floor, interleaved
package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: loadtest slack|telegram|answers [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "slack":
		err = runSlack(ctx, os.Args[2:])
	case "telegram":
		err = runTelegram(ctx, os.Args[2:])
	case "answers":
		err = runAnswers(ctx, os.Args[2:])
	default:
		fmt.Fprintf(os.Stderr, "unknown load test %q: use slack, telegram or answers\n", os.Args[1])
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// freePort is a loopback TCP port free at the time of asking.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
