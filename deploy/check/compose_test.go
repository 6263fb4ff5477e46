package check

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

// loadCompose loads compose.yaml as docker compose does when given
// --env-file bot.env, with bot.env made from bot.env.example with its
// REDIS_PASSWORD set to password. The files are copied to a directory of
// the test's own, so that no real bot.env is read or written.
func loadCompose(t *testing.T, password string) (*types.Project, error) {
	t.Helper()
	dir := t.TempDir()
	compose, err := os.ReadFile("../compose/compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("../compose/bot.env.example")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(example), "\nREDIS_PASSWORD=\n") {
		t.Fatal("bot.env.example has no empty REDIS_PASSWORD= line")
	}
	env := strings.Replace(string(example), "\nREDIS_PASSWORD=\n", "\nREDIS_PASSWORD="+password+"\n", 1)
	for name, data := range map[string]string{"compose.yaml": string(compose), "bot.env": env} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	opts, err := cli.NewProjectOptions([]string{filepath.Join(dir, "compose.yaml")},
		cli.WithWorkingDirectory(dir), cli.WithEnvFiles(filepath.Join(dir, "bot.env")), cli.WithDotEnv)
	if err != nil {
		t.Fatal(err)
	}
	return opts.LoadProject(context.Background())
}

// TestComposeRunsRedisWithAOFAndThePassword loads the compose file as
// docker compose would (schema, interpolation, env_file): Redis keeps an
// AOF and requires bot.env's REDIS_PASSWORD, redis-cli logs in with it, and
// the bot's REDIS_URL carries it.
func TestComposeRunsRedisWithAOFAndThePassword(t *testing.T) {
	p, err := loadCompose(t, testPassword)
	if err != nil {
		t.Fatalf("docker compose would refuse the file: %v", err)
	}
	redis, bot := p.Services["redis"], p.Services["bot"]
	cmd := strings.Join(redis.Command, " ")
	for _, want := range []string{"--appendonly yes", "--appendfsync always", "--requirepass " + testPassword} {
		if !strings.Contains(cmd, want) {
			t.Errorf("Redis runs %q, which lacks %s", cmd, want)
		}
	}
	if a := redis.Environment["REDISCLI_AUTH"]; a == nil || *a != testPassword {
		t.Error("redis-cli in the Redis container does not log in with REDIS_PASSWORD")
	}
	if hc := redis.HealthCheck; hc == nil || !slices.Contains(hc.Test, "redis-cli ping | grep -qx PONG") {
		t.Errorf("Redis's health check %v does not check for PONG", redis.HealthCheck)
	}
	raw := bot.Environment["REDIS_URL"]
	if raw == nil {
		t.Fatal("the bot has no REDIS_URL")
	}
	u, err := url.Parse(*raw)
	if err != nil {
		t.Fatalf("the bot's REDIS_URL: %v", err)
	}
	if pw, _ := u.User.Password(); pw != testPassword || u.Host != "redis:6379" {
		t.Errorf("the bot's REDIS_URL goes to %s with password %q; want redis:6379 with bot.env's", u.Host, pw)
	}
	// The bot reads the rest of bot.env.
	if l := bot.Environment["BOT_LANG"]; l == nil || *l != "zh" {
		t.Error("the bot does not read bot.env")
	}
}

// TestComposeRefusesAnEmptyRedisPassword: an empty password would turn
// Redis's authentication off, so docker compose stops with a message that
// says what to do.
func TestComposeRefusesAnEmptyRedisPassword(t *testing.T) {
	_, err := loadCompose(t, "")
	if err == nil || !strings.Contains(err.Error(), "set REDIS_PASSWORD in bot.env") {
		t.Errorf("an empty REDIS_PASSWORD gave %v; want a refusal that says to set it", err)
	}
}

func TestComposeWritesNoPassword(t *testing.T) {
	doc, err := os.ReadFile("../compose/compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(doc), "\n") {
		if strings.Contains(line, "redis://") && !strings.Contains(line, "redis://:${REDIS_PASSWORD}@") {
			t.Errorf("a Redis URL without the password from bot.env: %s", line)
		}
	}
	if !strings.Contains(string(doc), `"--requirepass", "${REDIS_PASSWORD:?`) {
		t.Error("Redis does not take --requirepass from bot.env's REDIS_PASSWORD")
	}
}
