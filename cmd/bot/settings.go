package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/kubequiz/kubequiz/internal/settings"
	"github.com/kubequiz/kubequiz/redisstore"
)

// The core's settings. With each platform's own (adapters.Platform), they
// are the single source for loading, for `bot config`, and for the README's
// table (a test checks that the README names every one).
var (
	setRedisURL        = settings.Setting{Name: "REDIS_URL", Help: "Redis: redis://host:6379/0, rediss:// for TLS, ?addr=… for Cluster, ?master_name=… for Sentinel; unset: an embedded in-memory Redis (nothing survives a restart)"}
	setBankDir         = settings.Setting{Name: "BANK_DIR", Help: "a directory of extra *.md question banks (in a cluster or compose: a volume, see docs/operations.md, \"Extra question banks\")"}
	setLang            = settings.Setting{Name: "BOT_LANG", Default: "zh", Help: "default interface language: zh or en"}
	setTimezone        = settings.Setting{Name: "BOT_TIMEZONE", Default: "Asia/Shanghai", Help: "the default zone of days and weeks (streaks, weekly boards) and of the daily question: that of every workspace or chat that set none of its own (the zone command)"}
	setAdminIDs        = settings.Setting{Name: "ADMIN_IDS", Help: "comma-separated user IDs allowed admin commands besides the platforms' admins: slack:<team ID>:<user ID> (slack:T01AB:U02CD), tg:<user ID> (tg:42), console:<account>, or a platform's own (U02CD, 42); anything else stops the bot"}
	setRevealAfter     = settings.Setting{Name: "DAILY_REVEAL_AFTER", Default: "8h", Help: "how long after posting a daily question its answer is revealed"}
	setGrace           = settings.Setting{Name: "DAILY_GRACE", Default: "2h", Help: "how late a daily missed while every replica was down may still be posted"}
	setHTTPAddr        = settings.Setting{Name: "HTTP_ADDR", Default: ":8080", Help: "the one HTTP port: /healthz, /readyz, /metrics and the Slack and Telegram webhooks (not opened for the console unless set)"}
	setShutdownTimeout = settings.Setting{Name: "SHUTDOWN_TIMEOUT", Default: "20s", Help: "on SIGTERM, how long to finish work in flight before exiting; keep it 5 s under the time the pod is given to stop (30 s in deploy/: terminationGracePeriodSeconds, compose's stop_grace_period), raising that with it"}
	setInboxLimit      = settings.Setting{Name: "INBOX_LIMIT", Default: "5000", Help: "the most acknowledged deliveries each platform's inbox holds in Redis; beyond, the bot sheds the platform's way (RELIABILITY.md)"}
	setLogLevel        = settings.Setting{Name: "LOG_LEVEL", Default: "info", Help: "debug, info, warn or error (warn by default for the console, whose screen is yours)"}
	setLogFormat       = settings.Setting{Name: "LOG_FORMAT", Help: "json or text; default: text on a terminal or with the console, json otherwise"}
)

// coreSettings lists the core's settings in the README's order.
var coreSettings = []settings.Setting{
	setRedisURL, setBankDir, setLang, setTimezone, setAdminIDs, setRevealAfter, setGrace,
	setHTTPAddr, setShutdownTimeout, setInboxLimit, setLogLevel, setLogFormat,
}

// allSettings are the core's settings, then each platform's.
func allSettings() []settings.Setting {
	all := append([]settings.Setting(nil), coreSettings...)
	for _, p := range platforms {
		all = append(all, p.Settings...)
	}
	return all
}

// writeConfig prints the configuration in effect, secrets masked: a
// setting's value, or its default, or what is in effect when it is unset
// and that depends on others (see config.effective).
func writeConfig(w io.Writer, env settings.Env, effective map[string]string) {
	for _, s := range allSettings() {
		v := strings.TrimSpace(env(s.Name))
		shown := v
		switch {
		case v == "" && effective[s.Name] != "":
			shown = effective[s.Name]
		case v == "" && s.Default != "":
			shown = s.Default + " (default)"
		case v == "":
			shown = "(unset)"
		case s.Secret:
			shown = mask(v)
		case s.Name == setRedisURL.Name:
			shown = redisstore.RedactURL(v)
		}
		fmt.Fprintf(w, "%-24s %s\n", s.Name, shown)
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
