// Command bot runs kubequiz: the console on a terminal with no tokens set,
// or the chat adapters that the environment configures.
//
//	bot                       run (the default)
//	bot lint [dir | file.md]  report on a question bank
//	bot config                the configuration in effect
//	bot version, bot help     (also --version, -v, --help, -h)
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // IANA zones in the binary, for minimal images
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
