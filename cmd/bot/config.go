package main

import (
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"

	slackbot "github.com/kubequiz/kubequiz/adapters/slack"
	"github.com/kubequiz/kubequiz/adapters/telegram"
	"github.com/kubequiz/kubequiz/quiz"
)

// config is the bot's configuration, read from the environment (the
// variables are listed in settings.go).
type config struct {
	RedisURL string
	BankDir  string
	Lang     string
	Location *time.Location
	AdminIDs []string
	// RevealAfter is how long after a daily question its answer is
	// revealed; Grace how late a missed daily may still be posted.
	RevealAfter, Grace time.Duration

	// HTTPAddr is the one HTTP port; HTTPAddrSet says it was given.
	HTTPAddr        string
	HTTPAddrSet     bool
	ShutdownTimeout time.Duration
	LogLevel        slog.Level
	// LogFormat is "json", "text" or "" (decide by the terminal).
	LogFormat string

	Slack    slackbot.Config
	Telegram telegram.Config
}

// chat reports whether any chat platform is configured; without one the
// bot runs the console.
func (c config) chat() bool { return c.Slack.BotToken != "" || c.Telegram.Token != "" }

// loadConfig reads and checks the environment, with messages that say what
// is wrong and how to fix it.
func loadConfig(getenv func(string) string) (config, error) {
	get := func(name string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		for _, s := range settings {
			if s.name == name {
				return s.def
			}
		}
		return ""
	}
	c := config{
		RedisURL: get("REDIS_URL"), BankDir: get("BANK_DIR"),
		HTTPAddr: get("HTTP_ADDR"), HTTPAddrSet: strings.TrimSpace(getenv("HTTP_ADDR")) != "",
		Slack: slackbot.Config{
			BotToken: get("SLACK_BOT_TOKEN"), AppToken: get("SLACK_APP_TOKEN"),
			SigningSecret: get("SLACK_SIGNING_SECRET"), APIURL: get("SLACK_API_URL"),
		},
		Telegram: telegram.ConfigFromEnv(getenv),
	}
	if c.Slack.BotToken != "" || c.Slack.AppToken != "" || c.Slack.SigningSecret != "" {
		if err := c.Slack.Validate(); err != nil {
			return c, err
		}
	}
	if c.Telegram.Token != "" {
		if err := c.Telegram.Validate(); err != nil {
			return c, err
		}
	}
	l, ok := quiz.LookupLang(get("BOT_LANG"))
	if !ok {
		return c, fmt.Errorf("BOT_LANG=%q: use zh or en", get("BOT_LANG"))
	}
	c.Lang = string(l)
	var err error
	if tz := get("BOT_TIMEZONE"); tz != "UTC" && !strings.Contains(tz, "/") {
		err = fmt.Errorf("not Area/City")
	} else {
		c.Location, err = time.LoadLocation(tz)
	}
	if err != nil {
		return c, fmt.Errorf("BOT_TIMEZONE=%q is not an IANA time zone: use a name such as Asia/Shanghai or Europe/London", get("BOT_TIMEZONE"))
	}
	level := get("LOG_LEVEL")
	if strings.TrimSpace(getenv("LOG_LEVEL")) == "" && !c.chat() {
		level = "warn" // the console's own screen is the user's: log only what matters
	}
	if err := c.LogLevel.UnmarshalText([]byte(level)); err != nil {
		return c, fmt.Errorf("LOG_LEVEL=%q: use debug, info, warn or error", get("LOG_LEVEL"))
	}
	switch c.LogFormat = strings.ToLower(get("LOG_FORMAT")); c.LogFormat {
	case "", "json", "text":
	default:
		return c, fmt.Errorf("LOG_FORMAT=%q: use json or text", c.LogFormat)
	}
	c.AdminIDs = strings.FieldsFunc(get("ADMIN_IDS"), func(r rune) bool { return r == ',' || r == ' ' })
	if c.RevealAfter, err = duration(get, "DAILY_REVEAL_AFTER", time.Minute, 7*24*time.Hour); err != nil {
		return c, err
	}
	if c.Grace, err = duration(get, "DAILY_GRACE", time.Minute, 24*time.Hour); err != nil {
		return c, err
	}
	if c.ShutdownTimeout, err = duration(get, "SHUTDOWN_TIMEOUT", time.Second, 10*time.Minute); err != nil {
		return c, err
	}
	if c.RedisURL != "" && !strings.HasPrefix(c.RedisURL, "redis://") && !strings.HasPrefix(c.RedisURL, "rediss://") {
		return c, fmt.Errorf("REDIS_URL must start with redis:// or rediss:// (for example redis://redis:6379/0)")
	}
	if _, port, err := net.SplitHostPort(c.HTTPAddr); err != nil || port == "" {
		return c, fmt.Errorf("HTTP_ADDR=%q is not host:port: use a form such as :8080 or 0.0.0.0:8080", c.HTTPAddr)
	}
	return c, nil
}

// duration reads a Go duration variable within [lo, hi].
func duration(get func(string) string, name string, lo, hi time.Duration) (time.Duration, error) {
	v := get(name)
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%q is not a duration: use a form such as 8h, 90m or 20s", name, v)
	}
	if d < lo || d > hi {
		return 0, fmt.Errorf("%s=%s is out of range: use between %s and %s", name, d, lo, hi)
	}
	return d, nil
}
