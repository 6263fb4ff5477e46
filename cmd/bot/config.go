package main

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// config is the bot's configuration, read from the environment.
type config struct {
	RedisURL string
	BankDir  string
	Lang     string
	Location *time.Location
	LogLevel slog.Level
}

// loadConfig reads and checks the environment, with messages that say what
// is wrong and how to fix it.
func loadConfig(getenv func(string) string) (config, error) {
	c := config{
		RedisURL: strings.TrimSpace(getenv("REDIS_URL")),
		BankDir:  strings.TrimSpace(getenv("BANK_DIR")),
		Lang:     "zh",
	}
	if v := getenv("BOT_LANG"); v != "" {
		l, ok := quiz.LookupLang(v)
		if !ok {
			return c, fmt.Errorf("BOT_LANG=%q: use zh or en", v)
		}
		c.Lang = string(l)
	}
	tz := getenv("BOT_TIMEZONE")
	if tz == "" {
		tz = "Asia/Shanghai"
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return c, fmt.Errorf("BOT_TIMEZONE=%q is not an IANA time zone: use a name such as Asia/Shanghai or Europe/London", tz)
	}
	c.Location = loc
	if v := getenv("LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return c, fmt.Errorf("LOG_LEVEL=%q: use debug, info, warn or error", v)
		}
	}
	if c.RedisURL != "" && !strings.HasPrefix(c.RedisURL, "redis://") && !strings.HasPrefix(c.RedisURL, "rediss://") {
		return c, fmt.Errorf("REDIS_URL must start with redis:// or rediss:// (for example redis://redis:6379/0)")
	}
	return c, nil
}
