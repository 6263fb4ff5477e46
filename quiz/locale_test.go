package quiz_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestALocaleTheBotDoesNotSpeakGetsTheDefault: a user whose platform
// reports a language the bot does not speak (fr-FR) is answered in the
// bot's default language, not in Chinese; one it speaks still wins.
func TestALocaleTheBotDoesNotSpeakGetsTheDefault(t *testing.T) {
	e := newEnv(t) // the bot's default language is English
	for _, c := range []struct{ user, locale, want string }{
		{"fr", "fr-FR", "topics, 52 questions"},
		{"zh", "zh-CN", "主题"},
		{"none", "", "topics, 52 questions"},
	} {
		got := text(e.deliver(c.user, "", func(r *quiz.Request) { r.Text, r.Locale = "topics", c.locale }))
		if !strings.Contains(got, c.want) {
			t.Errorf("locale %q: %q, want it to contain %q", c.locale, got, c.want)
		}
	}
}
