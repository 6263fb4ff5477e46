package slack

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Config is the Slack adapter's configuration, from the environment
// variables named in each field's comment.
type Config struct {
	// BotToken (SLACK_BOT_TOKEN, xoxb-…) calls the Web API. Always required.
	BotToken string
	// AppToken (SLACK_APP_TOKEN, xapp-… with connections:write) selects
	// Socket Mode: no public URL is needed.
	AppToken string
	// SigningSecret (SLACK_SIGNING_SECRET) selects HTTP mode when there is
	// no app token: every request to Handler is verified with it.
	SigningSecret string
	// APIURL (SLACK_API_URL) replaces https://slack.com/api/ as the Web API
	// base URL: GovSlack, a proxy, or a fake in tests.
	APIURL string
}

// Transport is how Slack reaches the bot.
type Transport string

// The transports.
const (
	// SocketMode: the bot opens a WebSocket to Slack (an app token is set).
	SocketMode Transport = "socket-mode"
	// HTTPMode: Slack posts signed requests to the bot's HTTP endpoints.
	HTTPMode Transport = "http"
)

// Transport says which transport the configuration selects: Socket Mode
// when an app token is set, else HTTP.
func (c Config) Transport() Transport {
	if c.AppToken != "" {
		return SocketMode
	}
	return HTTPMode
}

// Validate checks the configuration, with messages that say what is wrong
// and how to fix it. They never repeat a secret.
func (c Config) Validate() error {
	var problems []string
	switch {
	case c.BotToken == "":
		problems = append(problems, "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from your app's OAuth & Permissions page")
	case !strings.HasPrefix(c.BotToken, "xoxb-"):
		problems = append(problems, fmt.Sprintf("SLACK_BOT_TOKEN must be a bot token starting with xoxb- (found one starting with %q): use the Bot User OAuth Token from OAuth & Permissions", tokenKind(c.BotToken)))
	}
	if c.AppToken != "" && !strings.HasPrefix(c.AppToken, "xapp-") {
		problems = append(problems, fmt.Sprintf("SLACK_APP_TOKEN must be an app-level token starting with xapp- (found one starting with %q): create one with the connections:write scope under Basic Information → App-Level Tokens", tokenKind(c.AppToken)))
	}
	if c.AppToken == "" && c.SigningSecret == "" {
		problems = append(problems, "set SLACK_APP_TOKEN (xapp-…) for Socket Mode, or SLACK_SIGNING_SECRET for HTTP mode (from Basic Information → App Credentials)")
	}
	if strings.HasPrefix(c.SigningSecret, "xox") || strings.HasPrefix(c.SigningSecret, "xapp-") {
		problems = append(problems, "SLACK_SIGNING_SECRET holds a token: use the Signing Secret from Basic Information → App Credentials instead")
	}
	if c.APIURL != "" {
		if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			problems = append(problems, fmt.Sprintf("SLACK_API_URL=%q is not an http(s) URL: use a base URL such as https://slack-gov.com/api/", c.APIURL))
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// apiURL is the Web API base URL with the final slash slack-go needs.
func (c Config) apiURL() string {
	if c.APIURL == "" || strings.HasSuffix(c.APIURL, "/") {
		return c.APIURL
	}
	return c.APIURL + "/"
}

// tokenKind is the harmless start of a token, to say what kind it is.
func tokenKind(token string) string {
	if i := strings.IndexByte(token, '-'); i > 0 && i <= 5 {
		return token[:i+1]
	}
	return "something else"
}
