package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// TestNoTokenAndNoInputIsAnError is issue 11's item 12: a container
// started without a token and without an interactive stdin (/dev/null, or
// input that ends at once) exits non-zero, naming the token variables,
// instead of exiting 0 into a restart loop. Piped input still works.
func TestNoTokenAndNoInputIsAnError(t *testing.T) {
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	var out, errOut syncBuffer
	code := run(context.Background(), nil, envOf(nil), devNull, &out, &errOut)
	if code != exitConfig {
		t.Errorf("stdin /dev/null: exit %d, want %d", code, exitConfig)
	}
	for _, want := range []string{"SLACK_BOT_TOKEN", "TELEGRAM_BOT_TOKEN", "no chat platform is configured"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("the message lacks %s:\n%s", want, errOut.String())
		}
	}
	if out.String() != "" {
		t.Errorf("/dev/null is not a terminal: nothing is printed on stdout, got %q", out.String())
	}
	if code, _, errOut := script(t, nil, ""); code != exitConfig || !strings.Contains(errOut, "TELEGRAM_BOT_TOKEN") {
		t.Errorf("empty piped input: exit %d, %q", code, errOut)
	}
	if code, out, _ := script(t, map[string]string{"BOT_LANG": "en"}, "topics\n"); code != exitOK || !strings.Contains(out, "52 questions") {
		t.Errorf("piped input: exit %d\n%s", code, out)
	}
}

// TestACleanExitWarnsOfNothing is issue 11's item 13 end to end: the end
// of piped input stops the scheduler mid-tick at times; that is no store
// failure (the core's test TestAStopIsNoStoreFailure pins the cause), nor
// is a dial go-redis started for it failing against the stopped embedded
// server (TestRedisHealthIsQuietOnceClosed pins that).
func TestACleanExitWarnsOfNothing(t *testing.T) {
	for range 5 {
		code, _, log := script(t, map[string]string{"LOG_LEVEL": "debug"}, "daily on 00:00\ntopics\n")
		if code != exitOK || strings.Contains(log, "store unavailable") || strings.Contains(log, "context canceled") ||
			strings.Contains(log, "Redis is unreachable") {
			t.Fatalf("exit %d, log:\n%s", code, log)
		}
	}
}

// TestARedisOutageIsLoggedOnceEachWay is issue 11's item 14: with Redis
// down, commands print no warnings between messages; the log says once
// that Redis is lost (a warning) and once that it is back (info). Beside
// those, only the commands' own info lines: no go-redis line (another
// test's client may log into this test's logger: go-redis's logger is the
// process's, and its failed dials are debug lines).
func TestARedisOutageIsLoggedOnceEachWay(t *testing.T) {
	srv := redistest.Start(t)
	bot := startBot(t, map[string]string{"REDIS_URL": srv.URL(), "BOT_LANG": "en", "LOG_LEVEL": "info"})
	bot.send(t, "top", "Nobody has points yet")
	srv.Stop()
	bot.send(t, "top", "Scores are unavailable right now")
	bot.send(t, "stats", "> stats\nScores are unavailable right now")
	bot.send(t, "ask pv", "📝 ")
	srv.Restart(t)
	testkit.Eventually(t, "scores come back with Redis", func() bool {
		return strings.HasPrefix(bot.reply(t, "top"), "🏆")
	})
	bot.stop(t)
	log := bot.log.String()
	if n := strings.Count(log, `level=WARN msg="Redis is unreachable`); n != 1 {
		t.Errorf("%d lines say Redis is lost, want 1:\n%s", n, log)
	}
	if n := strings.Count(log, `level=INFO msg="Redis is reachable again"`); n != 1 {
		t.Errorf("%d lines say Redis is back, want 1:\n%s", n, log)
	}
	var other []string
	for _, l := range strings.Split(strings.TrimSpace(log), "\n") {
		if !strings.Contains(l, "Redis is") && !strings.Contains(l, "level=INFO msg=command ") && !strings.Contains(l, "level=INFO msg=stopped") {
			other = append(other, l)
		}
	}
	if len(other) > 0 {
		t.Errorf("log lines beside Redis's two and the commands':\n%s", strings.Join(other, "\n"))
	}
}

// TestConfigurationAtOnce is issue 11's item 15: every bad variable is
// reported in one run, BANK_DIR that is no directory exits 2 naming it,
// `bot config` shows the log level in effect, and the usual flags work.
func TestConfigurationAtOnce(t *testing.T) {
	bad := map[string]string{
		"SLACK_BOT_TOKEN": "xoxp-test-not-real", "SLACK_APP_TOKEN": "xapp-test-not-real",
		"TELEGRAM_BOT_TOKEN": "not-a-token", "BOT_LANG": "fr", "BANK_DIR": "./no-such-dir",
	}
	code, _, errOut := script(t, bad, "")
	if code != exitConfig {
		t.Errorf("exit %d, want %d", code, exitConfig)
	}
	for _, want := range []string{"SLACK_BOT_TOKEN", "TELEGRAM_BOT_TOKEN must look like", "BOT_LANG", `BANK_DIR="./no-such-dir"`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the report lacks %s:\n%s", want, errOut)
		}
	}

	if code, _, errOut := script(t, map[string]string{"BOT_TIMEZONE": "Europe/Berln"}, "", "config"); code != exitConfig || !strings.Contains(errOut, "did you mean Europe/Berlin?") {
		t.Errorf("a mistyped zone: %d %q", code, errOut)
	}
	if code, out, _ := script(t, map[string]string{"BOT_TIMEZONE": "europe/berlin", "BOT_LANG": "en"}, "daily now\n"); code != exitOK || !strings.Contains(out, "(Europe/Berlin)") {
		t.Errorf("a zone in lower case is read: %d\n%s", code, out)
	}

	_, console, _ := script(t, nil, "", "config")
	_, chat, _ := script(t, map[string]string{"TELEGRAM_BOT_TOKEN": "123:test-not-real"}, "", "config")
	_, set, _ := script(t, map[string]string{"LOG_LEVEL": "debug"}, "", "config")
	for _, c := range []struct{ out, want string }{
		{console, "LOG_LEVEL                warn (in effect)"},
		{chat, "LOG_LEVEL                info (default)"},
		{set, "LOG_LEVEL                debug\n"},
	} {
		if !strings.Contains(c.out, c.want) {
			t.Errorf("bot config lacks %q:\n%s", c.want, c.out)
		}
	}

	for _, flag := range []string{"version", "--version", "-v"} {
		if code, out, _ := script(t, nil, "", flag); code != exitOK || !strings.HasPrefix(out, "kubequiz dev (go1.") {
			t.Errorf("bot %s: %d %q", flag, code, out)
		}
	}
	for _, flag := range []string{"help", "--help", "-h"} {
		if code, out, _ := script(t, nil, "", flag); code != exitOK || !strings.HasPrefix(out, "usage: bot [command]") {
			t.Errorf("bot %s: %d %q", flag, code, out)
		}
	}
	if code, _, errOut := script(t, nil, "", "--frob"); code != exitConfig || !strings.Contains(errOut, "usage: bot") {
		t.Errorf("an unknown flag: %d %q", code, errOut)
	}
}

// TestEverySubcommandRefusesWhatItDoesNotTake: an unknown flag or an
// extra argument is refused with the usage, exit 2 — `bot run --help`
// used to start the bot, and `bot config --json` printed the table.
func TestEverySubcommandRefusesWhatItDoesNotTake(t *testing.T) {
	for _, args := range [][]string{
		{"run", "--json"}, {"run", "extra"}, {"config", "--json"}, {"config", "-v"}, {"version", "--short"}, {"help", "me"},
		{"lint", "--json"}, {"lint", "a", "b"}, {"export", "-scope", "console", "extra"}, {"export", "--frob"}, {"import", "--frob", "f.json"},
	} {
		code, out, errOut := script(t, nil, "ask pv\n", args...)
		if code != exitConfig || !strings.Contains(errOut, "usage: bot") || strings.Contains(out, "Show answer") {
			t.Errorf("bot %v: exit %d, stdout %q, stderr %q; want 2 and the usage", args, code, out, errOut)
		}
	}
	for _, args := range [][]string{{"run", "--help"}, {"config", "-h"}} {
		if code, out, _ := script(t, nil, "ask pv\n", args...); code != exitOK || !strings.HasPrefix(out, "usage: bot [command]") {
			t.Errorf("bot %v: exit %d, %q; want the usage", args, code, out)
		}
	}
}

// TestBotConfigShowsWhatIsInEffect: the console opens no HTTP port unless
// HTTP_ADDR is set, and a chat platform's variables set wrongly are no
// console (its log level is info, as once they are right); a shutdown
// timeout beyond the manifests' grace period is warned of; valid admin
// IDs of every shape are taken.
func TestBotConfigShowsWhatIsInEffect(t *testing.T) {
	for _, c := range []struct {
		vars map[string]string
		want []string
	}{
		{nil, []string{"HTTP_ADDR                (not opened: the console opens no HTTP port unless HTTP_ADDR is set)\n", "LOG_LEVEL                warn (in effect)\n"}},
		{map[string]string{"HTTP_ADDR": ":9090"}, []string{"HTTP_ADDR                :9090\n"}},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-test-not-real"}, []string{"HTTP_ADDR                :8080 (default)\n", "LOG_LEVEL                info (default)\n"}},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-test-not-real", "SLACK_APP_TOKEN": "xapp-test-not-real"}, []string{"HTTP_ADDR                :8080 (default)\n", "LOG_LEVEL                info (default)\n"}},
	} {
		_, out, _ := script(t, c.vars, "", "config")
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("bot config with %v lacks %q:\n%s", c.vars, w, out)
			}
		}
	}
	code, _, errOut := script(t, map[string]string{"SHUTDOWN_TIMEOUT": "40s"}, "", "config")
	if code != exitOK || !strings.Contains(errOut, "warning: SHUTDOWN_TIMEOUT=40s leaves less than 5 s of the 30s") {
		t.Errorf("a shutdown timeout beyond the grace period: exit %d, %q", code, errOut)
	}
	if code, _, errOut := script(t, map[string]string{"SHUTDOWN_TIMEOUT": "20s"}, "", "config"); code != exitOK || errOut != "" {
		t.Errorf("the default shutdown timeout: exit %d, %q", code, errOut)
	}
	if code, out, errOut := script(t, map[string]string{"ADMIN_IDS": "slack:T01AB:U02CD, tg:42,U03EF,42 ,console:alice"}, "", "config"); code != exitOK {
		t.Errorf("admin IDs of every shape: exit %d, %q\n%s", code, errOut, out)
	}
}
