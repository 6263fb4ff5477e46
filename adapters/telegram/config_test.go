package telegram

import (
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
	base := Config{Token: token}
	for _, tc := range []struct {
		name string
		edit func(*Config)
		want string // a part of the error; "" for none
	}{
		{"accepts a token alone, for long polling", func(*Config) {}, ""},
		{"accepts a webhook with its secret", func(c *Config) {
			c.WebhookURL, c.WebhookSecret = "https://bot.example.com:8443/telegram/webhook", "abc_DEF-123"
		}, ""},
		{"accepts a self-hosted Bot API server", func(c *Config) { c.APIEndpoint = "http://tg-api:8081/bot%s/%s" }, ""},
		{"refuses a token without its numeric ID", func(c *Config) { c.Token = "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" }, "TELEGRAM_BOT_TOKEN must look like"},
		{"refuses a token with spaces", func(c *Config) { c.Token = "123: abc" }, "TELEGRAM_BOT_TOKEN must look like"},
		{"refuses an endpoint without the two %s", func(c *Config) { c.APIEndpoint = "http://tg-api:8081/bot" }, "http://host:port/bot%s/%s"},
		{"refuses an endpoint with other verbs", func(c *Config) { c.APIEndpoint = "http://tg-api:8081/%d/bot%s/%s" }, "TELEGRAM_API_ENDPOINT"},
		{"refuses an endpoint that is not http", func(c *Config) { c.APIEndpoint = "ftp://tg-api/bot%s/%s" }, "TELEGRAM_API_ENDPOINT"},
		{"refuses a plain http webhook", func(c *Config) {
			c.WebhookURL, c.WebhookSecret = "http://bot.example.com/telegram/webhook", "abc"
		}, "public https URL"},
		{"refuses a webhook port Telegram does not use", func(c *Config) {
			c.WebhookURL, c.WebhookSecret = "https://bot.example.com:8080/telegram/webhook", "abc"
		}, "ports 443, 80, 88 and 8443"},
		{"requires a secret in webhook mode", func(c *Config) { c.WebhookURL = "https://bot.example.com/telegram/webhook" }, "TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters"},
		{"refuses a secret with other characters", func(c *Config) {
			c.WebhookURL, c.WebhookSecret = "https://bot.example.com/telegram/webhook", "no spaces allowed"
		}, "A-Z, a-z, 0-9, _ and -"},
		{"refuses a secret of 257 characters", func(c *Config) {
			c.WebhookURL, c.WebhookSecret = "https://bot.example.com/telegram/webhook", strings.Repeat("a", 257)
		}, "1 to 256"},
		{"refuses a secret without a webhook", func(c *Config) { c.WebhookSecret = "abc" }, "TELEGRAM_WEBHOOK_URL is not"},
		{"refuses a lease shorter than a poll", func(c *Config) { c.PollTimeout, c.LeaseTTL = 30*time.Second, 20*time.Second }, "LeaseTTL must be longer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := base
			tc.edit(&c)
			err := c.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			case err != nil && (strings.Contains(err.Error(), "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw") || strings.Contains(err.Error(), c.WebhookSecret) && c.WebhookSecret != ""):
				t.Fatalf("the error repeats a secret: %v", err)
			}
		})
	}
}

func TestConfigFromEnvReadsTheTelegramVariables(t *testing.T) {
	env := map[string]string{
		"TELEGRAM_BOT_TOKEN": " 1:abc ", "TELEGRAM_API_ENDPOINT": "http://h:1/bot%s/%s",
		"TELEGRAM_WEBHOOK_URL": "https://h/telegram/webhook", "TELEGRAM_WEBHOOK_SECRET": "s",
	}
	got := ConfigFromEnv(func(k string) string { return env[k] })
	if got.Token != "1:abc" || got.APIEndpoint != "http://h:1/bot%s/%s" || got.WebhookURL != "https://h/telegram/webhook" || got.WebhookSecret != "s" {
		t.Fatalf("got %+v", got)
	}
	if got.BotID() != "1" {
		t.Fatalf("BotID %q", got.BotID())
	}
}
