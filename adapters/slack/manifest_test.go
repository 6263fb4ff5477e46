package slack

import (
	"os"
	"regexp"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestTheManifestHintsAtEveryCommand checks the slash command's usage hint
// in deploy/slack/manifest.yaml against the core's command table, so that a
// new command is not left out of what Slack shows while typing /k8s.
func TestTheManifestHintsAtEveryCommand(t *testing.T) {
	manifest, err := os.ReadFile("../../deploy/slack/manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*usage_hint:\s*(.+)$`).FindSubmatch(manifest)
	if m == nil {
		t.Fatal("the manifest has no usage_hint")
	}
	hint := string(m[1])
	words := regexp.MustCompile(`[a-z]+`).FindAllString(hint, -1)
	for _, c := range quiz.Commands() {
		found := false
		for _, w := range words {
			found = found || w == c.Name
		}
		if !found {
			t.Errorf("the manifest's usage_hint %q does not name %q", hint, c.Name)
		}
	}
}

// TestTheManifestGrantsEveryScopeTheAdapterNeeds: each Web API method the
// adapter calls needs a bot scope (Slack's method pages), which the
// manifest must ask for; without im:write, conversations.open fails and a
// private reply whose response URL is used up never reaches its user.
func TestTheManifestGrantsEveryScopeTheAdapterNeeds(t *testing.T) {
	manifest, err := os.ReadFile("../../deploy/slack/manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	granted := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s*- ([a-z_.]+:[a-z_.]+|commands)\b`).FindAllSubmatch(manifest, -1) {
		granted[string(m[1])] = true
	}
	needs := map[string]string{
		methodPostMessage:   "chat:write",
		methodPostEphemeral: "chat:write",
		methodUpdate:        "chat:write",
		methodOpenDM:        "im:write",
		"users.info":        "users:read",
		"the daily in a public channel the bot has not joined": "chat:write.public",
		"the /k8s command":   "commands",
		"app_mention events": "app_mentions:read",
		"message.im events":  "im:history",
	}
	for method, scope := range needs {
		if !granted[scope] {
			t.Errorf("%s needs the %s scope, which deploy/slack/manifest.yaml does not ask for (granted: %v)", method, scope, granted)
		}
	}
}
