package slack_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters/slack"
	"github.com/kubequiz/kubequiz/internal/settings"
)

// TestSlackIsOnlyTurnedOnByItsBotToken: Slack's settings without
// SLACK_BOT_TOKEN are refused, naming the token and what is set (never its
// value); a token pasted with a trailing newline or space works.
func TestSlackIsOnlyTurnedOnByItsBotToken(t *testing.T) {
	refused := []map[string]string{
		{"SLACK_SIGNING_SECRET": signingSecret},
		{"SLACK_APP_TOKEN": appToken},
		{"SLACK_API_URL": "https://slack-gov.com/api/"},
		{"SLACK_BOT_TOKEN": " \n", "SLACK_SIGNING_SECRET": signingSecret},
	}
	for _, vars := range refused {
		mk, err := slack.Platform.Configure(settings.Env(func(k string) string { return vars[k] }))
		if err == nil || mk != nil {
			t.Errorf("%v: configured (%v), want an error", slices.Sorted(maps.Keys(vars)), err)
			continue
		}
		for k, v := range vars {
			if strings.TrimSpace(v) != "" && !strings.Contains(err.Error(), k) {
				t.Errorf("%v: the error %q does not name %s", slices.Sorted(maps.Keys(vars)), err, k)
			}
			if strings.TrimSpace(v) != "" && strings.Contains(err.Error(), v) {
				t.Errorf("%v: the error repeats the value of %s", slices.Sorted(maps.Keys(vars)), k)
			}
		}
		if !strings.Contains(err.Error(), "SLACK_BOT_TOKEN") {
			t.Errorf("%v: the error %q does not name SLACK_BOT_TOKEN", slices.Sorted(maps.Keys(vars)), err)
		}
	}

	vars := map[string]string{"SLACK_BOT_TOKEN": botToken + "\n", "SLACK_SIGNING_SECRET": " " + signingSecret + " \r\n"}
	env := settings.Env(func(k string) string { return vars[k] })
	if mk, err := slack.Platform.Configure(env); err != nil || mk == nil {
		t.Fatalf("a token and secret with white space around them: %v", err)
	}
	if cfg := slack.ConfigFromEnv(env); cfg.BotToken != botToken || cfg.SigningSecret != signingSecret {
		t.Errorf("read %q and %q, not trimmed", cfg.BotToken, cfg.SigningSecret)
	}

	if mk, err := slack.Platform.Configure(settings.Env(func(string) string { return "" })); mk != nil || err != nil {
		t.Errorf("nothing set: configured (%v), want Slack off", err)
	}
}
