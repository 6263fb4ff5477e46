package slack

import (
	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/settings"
)

// The environment variables the Slack adapter reads.
var (
	envBotToken      = settings.Setting{Name: "SLACK_BOT_TOKEN", Secret: true, Help: "Slack bot token (xoxb-…): turns Slack on"}
	envAppToken      = settings.Setting{Name: "SLACK_APP_TOKEN", Secret: true, Help: "Slack app-level token (xapp-…): Socket Mode, no public URL needed"}
	envSigningSecret = settings.Setting{Name: "SLACK_SIGNING_SECRET", Secret: true, Help: "Slack signing secret: HTTP mode, when no app token is set"}
	envAPIURL        = settings.Setting{Name: "SLACK_API_URL", Help: "Slack Web API base URL (GovSlack, tests); default https://slack.com/api/"}
)

// Platform is Slack to cmd/bot: on when SLACK_BOT_TOKEN is set.
var Platform = adapters.Platform{
	Name:         Name,
	MessageLimit: maxSectionText,
	Settings:     settingsList,
	Configure:    adapters.ConfigureByToken(Name, settingsList, ConfigFromEnv, New),
}

// settingsList are the adapter's settings, its token first.
var settingsList = []settings.Setting{envBotToken, envAppToken, envSigningSecret, envAPIURL}

// ConfigFromEnv reads the adapter's settings; check them with Validate.
func ConfigFromEnv(env settings.Env) Config {
	return Config{
		BotToken: env.Get(envBotToken), AppToken: env.Get(envAppToken),
		SigningSecret: env.Get(envSigningSecret), APIURL: env.Get(envAPIURL),
	}
}
