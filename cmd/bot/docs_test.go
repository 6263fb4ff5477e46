package main

import (
	"os"
	"strings"
	"testing"

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
