package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/kubequiz/kubequiz/redisstore"
)

// setting is one environment variable the bot reads. The list is the single
// source for loading, for `bot config`, and for the README's table (a test
// checks that the README names every one).
type setting struct {
	name string
	def  string
	// secret values are never printed or logged.
	secret bool
	help   string
}

var settings = []setting{
	{"REDIS_URL", "", false, "Redis: redis://host:6379/0, rediss:// for TLS, ?addr=… for Cluster, ?master_name=… for Sentinel; unset: an embedded in-memory Redis (nothing survives a restart)"},
	{"BANK_DIR", "", false, "a directory of extra *.md question banks"},
	{"BOT_LANG", "zh", false, "default interface language: zh or en"},
	{"BOT_TIMEZONE", "Asia/Shanghai", false, "zone of days and weeks (streaks, weekly boards) and of the daily question by default"},
	{"ADMIN_IDS", "", false, "comma-separated user IDs allowed admin commands besides the platforms' admins: slack:T01:U02, tg:42, or U02, 42"},
	{"DAILY_REVEAL_AFTER", "8h", false, "how long after posting a daily question its answer is revealed"},
	{"DAILY_GRACE", "2h", false, "how late a daily missed while every replica was down may still be posted"},
	{"HTTP_ADDR", ":8080", false, "the one HTTP port: /healthz, /readyz, /metrics and the Slack and Telegram webhooks (not opened for the console unless set)"},
	{"SHUTDOWN_TIMEOUT", "20s", false, "on SIGTERM, how long to finish work in flight before exiting"},
	{"LOG_LEVEL", "info", false, "debug, info, warn or error (warn by default for the console, whose screen is yours)"},
	{"LOG_FORMAT", "", false, "json or text; default: text on a terminal or with the console, json otherwise"},
	{"SLACK_BOT_TOKEN", "", true, "Slack bot token (xoxb-…): turns Slack on"},
	{"SLACK_APP_TOKEN", "", true, "Slack app-level token (xapp-…): Socket Mode, no public URL needed"},
	{"SLACK_SIGNING_SECRET", "", true, "Slack signing secret: HTTP mode, when no app token is set"},
	{"SLACK_API_URL", "", false, "Slack Web API base URL (GovSlack, tests); default https://slack.com/api/"},
	{"TELEGRAM_BOT_TOKEN", "", true, "Telegram bot token from BotFather: turns Telegram on"},
	{"TELEGRAM_API_ENDPOINT", "", false, "Bot API endpoint in the library's format, http://host:port/bot%s/%s, for a self-hosted Bot API server"},
	{"TELEGRAM_WEBHOOK_URL", "", false, "public https URL of /telegram/webhook: webhook mode instead of long polling"},
	{"TELEGRAM_WEBHOOK_SECRET", "", true, "secret token Telegram sends with every webhook request (required with a webhook)"},
}

// writeConfig prints the effective configuration, secrets masked.
func writeConfig(w io.Writer, getenv func(string) string) {
	for _, s := range settings {
		v := strings.TrimSpace(getenv(s.name))
		shown := v
		switch {
		case v == "" && s.def != "":
			shown = s.def + " (default)"
		case v == "":
			shown = "(unset)"
		case s.secret:
			shown = mask(v)
		case s.name == "REDIS_URL":
			shown = redisstore.RedactURL(v)
		}
		fmt.Fprintf(w, "%-24s %s\n", s.name, shown)
	}
}

// mask shows that a secret is set, and its kind by a known prefix, never
// any of its secret part.
func mask(v string) string {
	for _, p := range []string{"xoxb-", "xapp-", "xoxp-"} {
		if strings.HasPrefix(v, p) {
			return p + "**** (set)"
		}
	}
	return "**** (set)"
}
