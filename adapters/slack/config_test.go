package slack_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters/slack"
)

func TestConfig(t *testing.T) {
	tests := []struct {
		name      string
		cfg       slack.Config
		transport slack.Transport
		wantErr   []string // phrases the error must hold; none: valid
	}{
		{name: "a bot and an app token select Socket Mode",
			cfg: slack.Config{BotToken: botToken, AppToken: appToken}, transport: slack.SocketMode},
		{name: "a bot token and a signing secret select HTTP mode",
			cfg: slack.Config{BotToken: botToken, SigningSecret: signingSecret}, transport: slack.HTTPMode},
		{name: "an app token wins over a signing secret",
			cfg: slack.Config{BotToken: botToken, AppToken: appToken, SigningSecret: signingSecret}, transport: slack.SocketMode},
		{name: "an API URL without its final slash is fine",
			cfg: slack.Config{BotToken: botToken, AppToken: appToken, APIURL: "https://slack-gov.com/api"}, transport: slack.SocketMode},
		{name: "a missing bot token is named",
			cfg: slack.Config{AppToken: appToken}, wantErr: []string{"SLACK_BOT_TOKEN is not set", "xoxb-"}},
		{name: "a user token as bot token says what it is",
			cfg: slack.Config{BotToken: "xoxp-test-not-a-real-token", AppToken: appToken}, wantErr: []string{"SLACK_BOT_TOKEN must be a bot token", `"xoxp-"`}},
		{name: "a bot token as app token says what it is",
			cfg: slack.Config{BotToken: botToken, AppToken: botToken}, wantErr: []string{"SLACK_APP_TOKEN must be an app-level token", `"xoxb-"`, "connections:write"}},
		{name: "neither transport configured says how to pick one",
			cfg: slack.Config{BotToken: botToken}, wantErr: []string{"SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"}},
		{name: "a token in the signing secret is caught",
			cfg: slack.Config{BotToken: botToken, SigningSecret: botToken}, wantErr: []string{"SLACK_SIGNING_SECRET holds a token"}},
		{name: "an API URL that is not http(s) is refused",
			cfg: slack.Config{BotToken: botToken, AppToken: appToken, APIURL: "slackapi.com/api"}, wantErr: []string{"SLACK_API_URL"}},
		{name: "every problem is reported at once",
			cfg: slack.Config{BotToken: "nope-secret-value", AppToken: "also-secret-value"}, wantErr: []string{"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			if len(tc.wantErr) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if got := tc.cfg.Transport(); got != tc.transport {
					t.Errorf("transport %q, want %q", got, tc.transport)
				}
				return
			}
			if err == nil {
				t.Fatal("want an error")
			}
			for _, phrase := range tc.wantErr {
				if !strings.Contains(err.Error(), phrase) {
					t.Errorf("error %q does not say %q", err, phrase)
				}
			}
			for _, secret := range []string{tc.cfg.BotToken, tc.cfg.AppToken, tc.cfg.SigningSecret} {
				if len(secret) > 6 && strings.Contains(err.Error(), secret) {
					t.Errorf("error %q repeats a secret", err)
				}
			}
		})
	}
}
