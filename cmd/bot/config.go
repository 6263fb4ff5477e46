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
	AdminIDs []string
	// RevealAfter is how long after a daily question its answer is
	// revealed; Grace how late a missed daily may still be posted.
	RevealAfter, Grace time.Duration
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
	c.AdminIDs = strings.FieldsFunc(getenv("ADMIN_IDS"), func(r rune) bool { return r == ',' || r == ' ' })
	if c.RevealAfter, err = duration(getenv, "DAILY_REVEAL_AFTER", 8*time.Hour, time.Minute, 7*24*time.Hour); err != nil {
		return c, err
	}
	if c.Grace, err = duration(getenv, "DAILY_GRACE", 2*time.Hour, 0, 24*time.Hour); err != nil {
		return c, err
	}
	if c.RedisURL != "" && !strings.HasPrefix(c.RedisURL, "redis://") && !strings.HasPrefix(c.RedisURL, "rediss://") {
		return c, fmt.Errorf("REDIS_URL must start with redis:// or rediss:// (for example redis://redis:6379/0)")
	}
	return c, nil
}

// duration reads a Go duration variable within [lo, hi], or def when unset.
func duration(getenv func(string) string, name string, def, lo, hi time.Duration) (time.Duration, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%q is not a duration: use a form such as 8h or 90m", name, v)
	}
	if d < lo || d > hi {
		return 0, fmt.Errorf("%s=%s is out of range: use between %s and %s", name, d, lo, hi)
	}
	return d, nil
}
