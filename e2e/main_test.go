package e2e

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// long runs the scenarios at the scale of RELIABILITY.md's figures: a
// flood of 100,000 deliveries to each platform (many minutes) against the
// bot's default inbox of 5,000, rather than 1,500 against an inbox of 500.
var long = flag.Bool("e2e.long", false, "run the flood at full scale: 100,000 deliveries to each platform (RELIABILITY.md)")

// floodSize is how many deliveries TestFloodOfDeliveries offers to each
// platform.
func floodSize() int {
	if *long {
		return 100_000
	}
	return 1500
}

// floodEnv is the flooded bot's inbox setting: a small inbox at the
// default scale, so that a Telegram flood, whose late presses are told by
// private message within Telegram's 30 messages a second, drains in a
// minute.
func floodEnv() []string {
	if *long {
		return nil
	}
	return []string{"INBOX_LIMIT=500"}
}

// binDir holds the bot binary built for this run.
var binDir string

// TestMain lets the tests run side by side by default: they spend most of
// their time waiting for the bot's timers (the inbox's 30 s claim time, the
// polling lease), not computing, so the default of one test per CPU would
// only make the run longer. An explicit -test.parallel is kept.
func TestMain(m *testing.M) {
	flag.Parse()
	parallelSet := false
	flag.Visit(func(f *flag.Flag) { parallelSet = parallelSet || f.Name == "test.parallel" })
	if !parallelSet {
		_ = flag.Set("test.parallel", "8")
	}
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// botBinary builds the bot once per test run.
var botBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "kubequiz-e2e")
	if err != nil {
		return "", err
	}
	binDir = dir
	out := filepath.Join(dir, "bot")
	if b, err := exec.Command("go", "build", "-o", out, "github.com/kubequiz/kubequiz/cmd/bot").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, b)
	}
	return out, nil
})
