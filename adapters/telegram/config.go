package telegram

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/internal/settings"
)

// Config sets up an Adapter. The first four fields come from the
// environment (see ConfigFromEnv); the rest are for tests and load tests.
type Config struct {
	// Token is the bot's token from @BotFather (TELEGRAM_BOT_TOKEN).
	Token string
	// APIEndpoint is the Bot API's URL in the library's format,
	// "http://host:port/bot%s/%s" (TELEGRAM_API_ENDPOINT), for a
	// self-hosted Bot API server; empty means api.telegram.org.
	APIEndpoint string
	// WebhookURL, when set, selects webhook mode: the public https URL
	// that Telegram posts updates to (TELEGRAM_WEBHOOK_URL). Empty means
	// long polling.
	WebhookURL string
	// WebhookSecret is the secret_token Telegram sends back in
	// X-Telegram-Bot-Api-Secret-Token (TELEGRAM_WEBHOOK_SECRET); required
	// in webhook mode.
	WebhookSecret string

	// PollTimeout is the long-polling timeout of getUpdates (default 25 s).
	PollTimeout time.Duration
	// LeaseTTL is how long the polling lease lasts without renewal
	// (default PollTimeout + 10 s): a replica that dies is replaced after
	// at most this long, one that stops at once.
	LeaseTTL time.Duration
	// Limits overrides Telegram's flood limits; nil means Telegram's.
	Limits *Limits
	// Clock is the time outgoing messages are paced by (default real time).
	Clock pacing.Clock
	// Workers bounds the updates handled at once (default 64).
	Workers int
}

// Limits are the flood limits outgoing messages are paced within; a zero
// rule is no limit.
type Limits struct {
	// PerChat applies to every chat, PerGroup on top of it to groups
	// (negative chat IDs), Global to all messages together.
	PerChat, PerGroup, Global pacing.Rule
	// Backlog is the longest a message waits for its chat's limits
	// (default chatBacklog); half of it, for a message whose sender has
	// another waiting there (see chatBacklog).
	Backlog time.Duration
}

// DefaultLimits are Telegram's documented limits: about one message a
// second in a chat, twenty a minute in a group, thirty a second overall.
func DefaultLimits() Limits {
	return Limits{
		PerChat:  pacing.Per(1, time.Second),
		PerGroup: pacing.Per(20, time.Minute),
		Global:   pacing.Per(30, time.Second),
	}
}

// Defaults of the tuning fields.
const (
	defaultPollTimeout = 25 * time.Second
	defaultWorkers     = 64
)

// The environment variables ConfigFromEnv reads.
const (
	EnvToken         = "TELEGRAM_BOT_TOKEN"
	EnvAPIEndpoint   = "TELEGRAM_API_ENDPOINT"
	EnvWebhookURL    = "TELEGRAM_WEBHOOK_URL"
	EnvWebhookSecret = "TELEGRAM_WEBHOOK_SECRET"
)

// The settings ConfigFromEnv reads, described for the bot's table of
// settings.
var (
	envToken         = settings.Setting{Name: EnvToken, Secret: true, Help: "Telegram bot token from BotFather: turns Telegram on"}
	envAPIEndpoint   = settings.Setting{Name: EnvAPIEndpoint, Help: "Bot API endpoint in the library's format, http://host:port/bot%s/%s, for a self-hosted Bot API server"}
	envWebhookURL    = settings.Setting{Name: EnvWebhookURL, Help: "public https URL of /telegram/webhook: webhook mode instead of long polling"}
	envWebhookSecret = settings.Setting{Name: EnvWebhookSecret, Secret: true, Help: "secret token Telegram sends with every webhook request (required with a webhook)"}
)

// settingsList are the adapter's settings, its token first.
var settingsList = []settings.Setting{envToken, envAPIEndpoint, envWebhookURL, envWebhookSecret}

// Platform is Telegram to cmd/bot: on when TELEGRAM_BOT_TOKEN is set.
var Platform = adapters.Platform{
	Name:         Name,
	MessageLimit: maxText,
	Settings:     settingsList,
	Configure:    adapters.ConfigureByToken(Name, settingsList, ConfigFromEnv, New),
}

// ConfigFromEnv reads the adapter's settings from the environment, each
// trimmed; check them with Validate. The adapter is wanted when Token is
// not empty.
func ConfigFromEnv(env settings.Env) Config {
	return Config{
		Token:         env.Get(envToken),
		APIEndpoint:   env.Get(envAPIEndpoint),
		WebhookURL:    env.Get(envWebhookURL),
		WebhookSecret: env.Get(envWebhookSecret),
	}
}

var (
	tokenPattern  = regexp.MustCompile(`^[0-9]{1,20}:[A-Za-z0-9_-]+$`)
	secretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
)

// webhookPorts are the ports Telegram delivers webhooks to.
var webhookPorts = map[string]bool{"": true, "443": true, "80": true, "88": true, "8443": true}

// Validate checks the configuration and says what is wrong and how to fix
// it. It never repeats the token or the secret.
func (c Config) Validate() error {
	var errs []error
	if !tokenPattern.MatchString(c.Token) {
		errs = append(errs, fmt.Errorf("%s must look like 123456789:AAH… (the bot's numeric ID, a colon, then the secret), as @BotFather gives it", EnvToken))
	}
	if c.APIEndpoint != "" {
		if err := checkEndpoint(c.APIEndpoint); err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: %w", EnvAPIEndpoint, c.APIEndpoint, err))
		}
	}
	switch {
	case c.WebhookURL != "":
		if err := checkWebhookURL(c.WebhookURL); err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: %w", EnvWebhookURL, c.WebhookURL, err))
		}
		if !secretPattern.MatchString(c.WebhookSecret) {
			errs = append(errs, fmt.Errorf("%s must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - in webhook mode (for example the output of: openssl rand -hex 32)", EnvWebhookSecret))
		}
	case c.WebhookSecret != "":
		errs = append(errs, fmt.Errorf("%s is set but %s is not: set the webhook URL for webhook mode, or unset the secret for long polling", EnvWebhookSecret, EnvWebhookURL))
	}
	if c.PollTimeout < 0 || c.LeaseTTL < 0 || c.Workers < 0 {
		errs = append(errs, errors.New("PollTimeout, LeaseTTL and Workers cannot be negative"))
	}
	if c.LeaseTTL > 0 && c.LeaseTTL <= c.pollTimeout() {
		errs = append(errs, errors.New("LeaseTTL must be longer than PollTimeout, so that a poll ends before its lease does"))
	}
	return errors.Join(errs...)
}

// checkEndpoint checks the library's endpoint format: an http(s) URL whose
// path ends in bot%s/%s, with no other formatting verbs.
func checkEndpoint(e string) error {
	const want = "use the form http://host:port/bot%s/%s (the token and the method go in the two %s)"
	if strings.Count(e, "%") != 2 || !strings.HasSuffix(e, "/bot%s/%s") {
		return errors.New(want)
	}
	u, err := url.Parse(fmt.Sprintf(e, "0:x", "getMe"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New(want)
	}
	return nil
}

// checkWebhookURL checks what Telegram accepts for a webhook: https, a host,
// and one of its four ports.
func checkWebhookURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Hostname() == "" {
		return errors.New("must be a public https URL, for example https://bot.example.com/telegram/webhook")
	}
	if _, port, _ := net.SplitHostPort(u.Host); !webhookPorts[port] {
		return fmt.Errorf("port %s: Telegram delivers webhooks only to ports 443, 80, 88 and 8443", port)
	}
	return nil
}

// BotID is the bot's numeric ID, the part of the token before the colon; it
// is not secret and keys the adapter's state in Redis.
func (c Config) BotID() string {
	id, _, _ := strings.Cut(c.Token, ":")
	return id
}

// key is the Redis key of one of the values of the bot of c.
func (c Config) key(name string) string { return "tg:" + c.BotID() + ":" + name }

func (c Config) endpoint() string {
	if c.APIEndpoint == "" {
		return tgbotapi.APIEndpoint
	}
	return c.APIEndpoint
}

func (c Config) pollTimeout() time.Duration {
	if c.PollTimeout > 0 {
		return c.PollTimeout
	}
	return defaultPollTimeout
}

func (c Config) leaseTTL() time.Duration {
	if c.LeaseTTL > 0 {
		return c.LeaseTTL
	}
	return c.pollTimeout() + 10*time.Second
}

func (c Config) limits() Limits {
	if c.Limits != nil {
		return *c.Limits
	}
	return DefaultLimits()
}

func (c Config) workers() int {
	if c.Workers > 0 {
		return c.Workers
	}
	return defaultWorkers
}
