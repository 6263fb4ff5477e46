package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
)

// The loads run for real here, small: the bot built and run as a child
// process, every answer acknowledged and replied to (a silent answer fails
// the command), against a real redis-server and the bot's embedded one.

func buildTestBot(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "bot")
	out, err := exec.Command("go", "build", "-o", bin, botPackage).CombinedOutput()
	if err != nil {
		t.Fatalf("go build %s: %v\n%s", botPackage, err, out)
	}
	return bin
}

func TestEveryAnswerThroughTheBotIsReplied(t *testing.T) {
	bot := buildTestBot(t)
	redisURL := redistest.Start(t).URL()
	for _, tc := range []struct {
		name string
		run  func(context.Context, []string) error
		args []string
	}{
		{"slack on redis-server", runSlack, []string{"-redis", redisURL}},
		{"slack on the embedded Redis", runSlack, nil},
		{"telegram on redis-server", runTelegram, []string{"-redis", redisURL}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			botLog := filepath.Join(t.TempDir(), "bot.log")
			args := append([]string{"-bot", bot, "-botlog", botLog, "-rate", "100,max", "-n", "40", "-quizzes", "3", "-c", "8", "-wait", "30s"}, tc.args...)
			if err := tc.run(context.Background(), args); err != nil {
				t.Fatal(err)
			}
			// -botlog kept the bot's log: a JSON line for each of the 80
			// answers, at least.
			kept, err := os.ReadFile(botLog)
			if err != nil {
				t.Fatal(err)
			}
			if lines := bytes.Count(kept, []byte("\n{")); lines < 80 {
				t.Errorf("-botlog kept %d lines of the bot's log, want at least 80:\n%.500s", lines, kept)
			}
		})
	}
}

func TestTheInterleavedComparisonScoresEveryAnswer(t *testing.T) {
	args := []string{"-redis", redistest.Start(t).URL(), "-callers", "1,3", "-rounds", "2", "-slice", "20ms", "-quizzes", "10", "-regulars", "1000"}
	if err := runAnswers(context.Background(), args); err != nil {
		t.Fatal(err)
	}
}

func TestAnOpenLoopCountsLatencyFromWhenEachAnswerWasDue(t *testing.T) {
	const work = 30 * time.Millisecond
	slow := func(context.Context, *http.Client, int) delivery {
		time.Sleep(work)
		return delivery{acked: true}
	}
	// One client, an answer due every 10 ms, each taking 30 ms: answer k
	// cannot be acknowledged before (k+1)·30 ms from the start, though it
	// was due at k·10 ms.
	r := drive(context.Background(), step{rate: 100, n: 5}, 0, 1, slow)
	for k, lat := range r.ackLat {
		if least := time.Duration(k+1)*work - time.Duration(k)*10*time.Millisecond; lat < least {
			t.Errorf("answer %d: latency %s, at least %s since it was due", k, lat, least)
		}
	}
}

func TestStepsAreRatesOrSaturation(t *testing.T) {
	steps, err := parseSteps("200, 1000,max", 7)
	if err != nil || len(steps) != 3 || steps[0].rate != 200 || steps[1].rate != 1000 || steps[2].rate != 0 || steps[2].n != 7 {
		t.Errorf("parseSteps: %+v, %v", steps, err)
	}
	for _, bad := range []string{"", "0", "-5", "fast", "200,,max"} {
		if _, err := parseSteps(bad, 7); err == nil {
			t.Errorf("-rate %q was taken", bad)
		}
	}
	if _, err := parseSteps("200", 0); err == nil {
		t.Error("-n 0 was taken")
	}
}

func TestASummaryGivesMinMedianMaxOfEachMetric(t *testing.T) {
	s := newSummary()
	runs := "pkg: github.com/kubequiz/kubequiz/quiz\nBenchmarkX-2 10 30 ns/op 5 B/op\nnoise\nBenchmarkX-2 10 10 ns/op 7 B/op\nok \tgithub.com/kubequiz/kubequiz/quiz\t1s\n" +
		"BenchmarkY 1 2.5 replies/s\npkg: github.com/kubequiz/kubequiz/quiz\nBenchmarkX-2 10 20 ns/op 6 B/op\n"
	if err := s.read(strings.NewReader(runs)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	s.print(&out)
	want := "quiz BenchmarkX-2\n" +
		"  ns/op                  10.0 / 20.0 / 30.0  (3 runs)\n" +
		"  B/op                   5.00 / 6.00 / 7.00  (3 runs)\n" +
		"BenchmarkY\n" +
		"  replies/s              2.50 / 2.50 / 2.50  (1 runs)\n"
	if out.String() != want {
		t.Errorf("summary:\n%s\nwant:\n%s", out.String(), want)
	}
}

// TestSlackTellingsAreReadInTheUsersLanguage: the bot tells a refused
// press in its user's Slack locale, which the fake users.info gives as
// en-US: a reply that says so in English alone is read as that telling.
func TestSlackTellingsAreReadInTheUsersLanguage(t *testing.T) {
	for line, want := range map[string]int32{
		quiz.Busy(quiz.LangEN): toldShed, quiz.NotRecorded(quiz.LangEN): toldNotRecorded,
		quiz.Apology(quiz.LangEN): toldApology, "✅ Right!": toldNone,
	} {
		body, _ := json.Marshal(map[string]any{"text": line, "response_type": "ephemeral"})
		if got := slackTelling(body); got != want {
			t.Errorf("a reply of %q is read as telling %d, want %d", line, got, want)
		}
	}
}
