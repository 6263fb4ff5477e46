package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestTheReadmeWarnsOfTheFirstBuild is issue 11's item 18: the README's
// first section says, next to `go run ./cmd/bot`, that the first run is
// silent while Go compiles.
func TestTheReadmeWarnsOfTheFirstBuild(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(readme), "\n## ")
	for _, want := range []string{"go run ./cmd/bot", "the first `go run` is silent", "compiles"} {
		if !strings.Contains(first, want) {
			t.Errorf("the README's first section lacks %q", want)
		}
	}
}

// TestThePlatformDocsNameEveryCommand is issue 11's item 19 for the
// platform guides: docs/slack.md and docs/telegram.md name every command
// and every daily subcommand (daily reveal was missing).
func TestThePlatformDocsNameEveryCommand(t *testing.T) {
	daily, ok := quiz.LookupCommand("daily")
	if !ok {
		t.Fatal("no daily command")
	}
	var subs []string // "daily on [HH:MM] [Area/City] | off | …": on, off, …
	for _, part := range strings.Split(strings.TrimPrefix(daily.Usage(quiz.LangEN), "daily "), "|") {
		if f := strings.Fields(part); len(f) > 0 {
			subs = append(subs, f[0])
		}
	}
	for _, doc := range []string{"../../docs/slack.md", "../../docs/telegram.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, c := range quiz.Commands() {
			if !strings.Contains(text, c.Name) {
				t.Errorf("%s does not name %s", doc, c.Name)
			}
		}
		for _, sub := range subs {
			if !strings.Contains(text, "daily "+sub) && !strings.Contains(text, "|"+sub) {
				t.Errorf("%s does not name daily %s", doc, sub)
			}
		}
	}
	if len(subs) != 5 {
		t.Errorf("read the daily subcommands %v from %q", subs, daily.Usage(quiz.LangEN))
	}
}

// TestBenchmarksAreReproducedByTheScript is the rest of issue 11's item 19:
// every load command BENCHMARKS.md names is one bench.sh runs, the script
// starts the redis-server it needs, and no command names a Redis on a fixed
// port that nothing starts.
func TestBenchmarksAreReproducedByTheScript(t *testing.T) {
	doc, err := os.ReadFile("../../BENCHMARKS.md")
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("../../scripts/bench.sh")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(script), `"$redis_server" --port "$port"`) {
		t.Error("bench.sh does not start a redis-server of its own")
	}
	for _, part := range []string{"answers", "slack", "telegram", "fanout"} {
		if strings.Contains(string(doc), "loadtest "+part) && !strings.Contains(string(script), "loadtest\" "+part) {
			t.Errorf("BENCHMARKS.md names loadtest %s, which bench.sh does not run", part)
		}
	}
	for _, fixed := range []string{"127.0.0.1:6379", "127.0.0.1:6399", "localhost:6399"} {
		if strings.Contains(string(doc), fixed) {
			t.Errorf("BENCHMARKS.md names a Redis at %s that nothing starts", fixed)
		}
	}
}

// TestTheShutdownWarningKnowsTheDeployedGracePeriod: `bot config` warns
// of a SHUTDOWN_TIMEOUT near shutdownGrace, the time the manifests give
// the bot to stop; they must say that time.
func TestTheShutdownWarningKnowsTheDeployedGracePeriod(t *testing.T) {
	for file, re := range map[string]*regexp.Regexp{
		"../../deploy/k8s/base/deployment.yaml": regexp.MustCompile(`(?m)^\s*terminationGracePeriodSeconds:\s*(\d+)\s*$`),
		"../../deploy/compose/compose.yaml":     regexp.MustCompile(`(?m)^\s*stop_grace_period:\s*(\d+)s\s*$`),
	} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		m := re.FindSubmatch(b)
		if m == nil {
			t.Errorf("%s names no grace period", file)
			continue
		}
		if secs, _ := strconv.Atoi(string(m[1])); time.Duration(secs)*time.Second != shutdownGrace {
			t.Errorf("%s gives the bot %ss to stop; shutdownGrace is %s", file, m[1], shutdownGrace)
		}
	}
}
