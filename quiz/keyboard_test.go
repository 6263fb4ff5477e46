package quiz_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
)

// TestInputOnAChineseKeyboard is issue 11's item 3 for everything typed
// after a command: full-width letters, digits, punctuation and spaces read
// as their ASCII forms in topics, IDs, search words, times, languages,
// board periods and subcommands.
func TestInputOnAChineseKeyboard(t *testing.T) {
	e := newEnv(t)
	id := testkit.Question(t, "pod是什么？").ID
	wide := strings.Map(func(r rune) rune {
		if r >= '!' && r <= '~' {
			return r - '!' + '！'
		}
		return r
	}, id)
	cases := []struct{ typed, want string }{
		{"ａｓｋ　ＰＶ", "📝 "},
		{"ask " + wide, "📝 pod是什么？"},
		{"search ＰＶＣ", "questions"},
		{"top ＡＬＬ", "All-time leaderboard"},
		{"daily ＳＴＡＴＵＳ", "The daily question is off"},
		{"daily on ０９：３０ ＡＳＩＡ／ＳＨＡＮＧＨＡＩ", "every day at 09:30 (Asia/Shanghai)"},
		{"lang ＥＮ", "Interface language set to English."},
	}
	for _, c := range cases {
		if got := text(e.cmd("admin", c.typed)); !strings.Contains(got, c.want) {
			t.Errorf("%s: %s\nwant %q", c.typed, got, c.want)
		}
	}
}
