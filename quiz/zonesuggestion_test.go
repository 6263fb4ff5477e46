package quiz_test

import (
	"strings"
	"testing"
)

// TestAZoneSuggestedKeepsTheTimeTyped: daily on with a mistyped zone
// suggests the zone meant, and the command to type keeps the time the
// user typed (none when they typed none), in both languages.
func TestAZoneSuggestedKeepsTheTimeTyped(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ lang, typed, want string }{
		{"en", "daily on 21:15 Europe/Berln", "Did you mean Europe/Berlin? Type /daily on 21:15 Europe/Berlin"},
		{"en", "daily on 9pm berln", "Did you mean Europe/Berlin? Type /daily on 21:00 Europe/Berlin"},
		{"en", "daily on 9:00 GMT+0530", "Did you mean Asia/Kolkata? Type /daily on 09:00 Asia/Kolkata"},
		{"en", "daily on Europe/Berln", "Did you mean Europe/Berlin? Type /daily on Europe/Berlin"},
		{"zh", "每日一题 开启 下午3点 Europe/Berln", "你是想用 Europe/Berlin 吗？请输入 /每日一题 开启 15:00 Europe/Berlin"},
		{"zh", "每日一题 开启 Europe/Berln", "你是想用 Europe/Berlin 吗？请输入 /每日一题 开启 Europe/Berlin"},
	} {
		e.cmd("admin", "lang "+c.lang)
		if got := text(e.cmd("admin", c.typed)); !strings.HasSuffix(got, c.want) || strings.Contains(got, "09:30") {
			t.Errorf("%s: %s, want it to end %s", c.typed, got, c.want)
		}
	}
}
