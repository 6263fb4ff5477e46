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
