package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/adapters/slack"
	"github.com/kubequiz/kubequiz/adapters/telegram"
	"github.com/kubequiz/kubequiz/internal/ids"
	"github.com/kubequiz/kubequiz/internal/settings"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/redisstore"
)

// platforms are the chat platforms the bot can serve, in the order they
// start. A new platform is one more line here.
var platforms = []adapters.Platform{
	slack.Platform,
	telegram.Platform,
}

// config is the bot's configuration, read from the environment (the
// variables are listed in settings.go and by each platform).
type config struct {
	RedisURL string
	BankDir  string
	// Bank is the shipped bank with BankDir's, checked: a bank the bot
	// refuses is a configuration error.
	Bank     *bank.Bank
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
	// InboxLimit bounds each platform's inbox (redisstore.InboxOptions).
	InboxLimit int64
	LogLevel   slog.Level
	// LogFormat is "json", "text" or "" (decide by the terminal).
	LogFormat string
	// Chat are the chat platforms configured; none means the console.
	Chat []chatPlatform
	// ChatAsked says a chat platform's variables are set, even wrongly:
	// the defaults that differ for the console are not the console's.
	ChatAsked bool
}

// chatPlatform is a configured platform: its name and its adapter's maker.
type chatPlatform struct {
	name string
	make func(adapters.Deps) (adapters.Adapter, error)
}

// chat reports whether any chat platform is configured; without one the
// bot runs the console.
func (c config) chat() bool { return len(c.Chat) > 0 }

// effective are what `bot config` shows for settings left unset whose
// value in effect is not their default, because it depends on others: the
// console logs at warn and opens no HTTP port unless HTTP_ADDR is set.
func (c config) effective() map[string]string {
	out := map[string]string{}
	if level := strings.ToLower(c.LogLevel.String()); level != setLogLevel.Default {
		out[setLogLevel.Name] = level + " (in effect)"
	}
	if !c.ChatAsked && !c.HTTPAddrSet {
		out[setHTTPAddr.Name] = "(not opened: the console opens no HTTP port unless HTTP_ADDR is set)"
	}
	return out
}

// shutdownGrace is how long the deployed manifests give the bot to stop
// after SIGTERM before it is killed (terminationGracePeriodSeconds in
// deploy/k8s, stop_grace_period in deploy/compose; deploy/ tests check
// that they say so).
const shutdownGrace = 30 * time.Second

// warnings are settings that are valid but likely wrong where the bot is
// deployed as the repository's manifests deploy it.
func (c config) warnings() []string {
	var out []string
	if c.ShutdownTimeout > shutdownGrace-5*time.Second {
		out = append(out, fmt.Sprintf("SHUTDOWN_TIMEOUT=%s leaves less than 5 s of the %s that the deployed manifests give the bot to stop (terminationGracePeriodSeconds, compose's stop_grace_period): raise those with it, or the bot is killed before its work in flight ends", c.ShutdownTimeout, shutdownGrace))
	}
	return out
}

// loadConfig reads and checks the environment, with messages that say what
// is wrong and how to fix it: every problem at once, one per line.
func loadConfig(getenv func(string) string) (config, error) {
	env := settings.Env(getenv)
	var errs []error
	c := config{
		RedisURL: env.Get(setRedisURL), BankDir: env.Get(setBankDir),
		HTTPAddr: env.Get(setHTTPAddr), HTTPAddrSet: env.IsSet(setHTTPAddr),
	}
	bankDirOK := true
	if c.BankDir != "" {
		if st, err := os.Stat(c.BankDir); err != nil || !st.IsDir() {
			errs = append(errs, fmt.Errorf("BANK_DIR=%q is not a directory: set it to a directory of *.md question banks, or unset it", c.BankDir))
			bankDirOK = false
		}
	}
	if bankDirOK {
		b, err := loadBank(c.BankDir)
		if err != nil {
			errs = append(errs, fmt.Errorf("question bank: the bot refuses it (bot lint lists every problem and warning):\n%w", err))
		}
		c.Bank = b
	}
	for _, p := range platforms {
		maker, err := p.Configure(env)
		if err != nil {
			errs = append(errs, err)
			c.ChatAsked = true
		} else if maker != nil {
			c.Chat = append(c.Chat, chatPlatform{name: p.Name, make: maker})
			c.ChatAsked = true
		}
	}
	if l, ok := quiz.LookupLang(env.Get(setLang)); ok {
		c.Lang = string(l)
	} else {
		errs = append(errs, fmt.Errorf("BOT_LANG=%q: use zh or en", env.Get(setLang)))
	}
	tz := env.Get(setTimezone)
	if _, loc, ok := quiz.LookupZone(tz); ok {
		c.Location = loc
	} else if near := quiz.SuggestZone(tz); near != "" {
		errs = append(errs, fmt.Errorf("BOT_TIMEZONE=%q is not an IANA time zone: did you mean %s?", tz, near))
	} else {
		errs = append(errs, fmt.Errorf("BOT_TIMEZONE=%q is not an IANA time zone: use a name such as Asia/Shanghai or Europe/London", tz))
	}
	level := env.Get(setLogLevel)
	if !env.IsSet(setLogLevel) && !c.ChatAsked {
		level = "warn" // the console's own screen is the user's: log only what matters
	}
	if err := c.LogLevel.UnmarshalText([]byte(level)); err != nil {
		errs = append(errs, fmt.Errorf("LOG_LEVEL=%q: use debug, info, warn or error", level))
	}
	switch c.LogFormat = strings.ToLower(env.Get(setLogFormat)); c.LogFormat {
	case "", "json", "text":
	default:
		errs = append(errs, fmt.Errorf("LOG_FORMAT=%q: use json or text", c.LogFormat))
	}
	c.AdminIDs = strings.FieldsFunc(env.Get(setAdminIDs), func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	if bad := slices.DeleteFunc(slices.Clone(c.AdminIDs), ids.IsUser); len(bad) > 0 {
		errs = append(errs, fmt.Errorf("ADMIN_IDS: not %s: %s; use %s, separated by commas", plural(len(bad), "a user ID"), quoteAll(bad), ids.UserForms))
	}
	for _, d := range []struct {
		s      settings.Setting
		to     *time.Duration
		lo, hi time.Duration
	}{
		{setRevealAfter, &c.RevealAfter, time.Minute, 7 * 24 * time.Hour},
		{setGrace, &c.Grace, time.Minute, 24 * time.Hour},
		{setShutdownTimeout, &c.ShutdownTimeout, time.Second, 10 * time.Minute},
	} {
		v, err := duration(env.Get(d.s), d.s.Name, d.lo, d.hi)
		if err != nil {
			errs = append(errs, err)
		}
		*d.to = v
	}
	if n, err := strconv.ParseInt(env.Get(setInboxLimit), 10, 64); err != nil || n < 1 {
		errs = append(errs, fmt.Errorf("INBOX_LIMIT=%q: use a number of deliveries, at least 1", env.Get(setInboxLimit)))
	} else {
		c.InboxLimit = n
	}
	if c.RedisURL != "" && !strings.HasPrefix(c.RedisURL, "redis://") && !strings.HasPrefix(c.RedisURL, "rediss://") {
		errs = append(errs, fmt.Errorf("REDIS_URL must start with redis:// or rediss:// (for example redis://redis:6379/0)"))
	} else if _, err := redisstore.ParseURL(c.RedisURL); c.RedisURL != "" && err != nil {
		errs = append(errs, fmt.Errorf("%w: use a form such as redis://:password@redis:6379/0 (a password with %%, @, : or / in it percent-encoded: openssl rand -hex 32 makes one that needs none)", err))
	}
	if _, port, err := net.SplitHostPort(c.HTTPAddr); err != nil || port == "" {
		errs = append(errs, fmt.Errorf("HTTP_ADDR=%q is not host:port: use a form such as :8080 or 0.0.0.0:8080", c.HTTPAddr))
	} else if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		errs = append(errs, fmt.Errorf("HTTP_ADDR=%q: the port must be a number from 0 to 65535: use a form such as :8080 or 0.0.0.0:8080", c.HTTPAddr))
	}
	return c, errors.Join(errs...)
}

// duration reads a Go duration variable within [lo, hi].
func duration(v, name string, lo, hi time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%q is not a duration: use a form such as 8h, 90m or 20s", name, v)
	}
	if d < lo || d > hi {
		return 0, fmt.Errorf("%s=%s is out of range: use between %s and %s", name, d, lo, hi)
	}
	return d, nil
}

// quoteAll quotes each of vs, comma-separated.
func quoteAll(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}
