package quiz_test

import (
	"strings"
	"testing"
)

// TestAListedTermIsNamedNotMissed: an answer that lists the access modes
// is a keyword list and gets Again, but its result does not mark the
// modes it named as missed: each is named, not explained, in either
// language, and a mode it did not name is missed.
func TestAListedTermIsNamedNotMissed(t *testing.T) {
	e := newEnv(t)
	e.cmd("li", "lang zh")
	for _, tc := range []struct {
		user, named, warning, again string
	}{
		{"ann", "(named, not explained)", "A list of terms explains nothing", "Recorded: Again"},
		{"li", "（只提到了名称，没有解释）", "只罗列术语不算解释", "已记录：重来"},
	} {
		got := text(e.cmd(tc.user, "answer "+accessModes+" ReadWriteOnce ReadOnlyMany"))
		if !strings.Contains(got, tc.warning) || !strings.Contains(got, tc.again) {
			t.Errorf("%s: want the keyword-list warning and Again:\n%s", tc.user, got)
		}
		for _, mode := range []string{"ReadWriteOnce", "ReadOnlyMany"} {
			if !strings.Contains(got, "🔸 "+mode+"（") || strings.Contains(got, "❌ "+mode+"（") || !strings.Contains(got, tc.named) {
				t.Errorf("%s: %s is not marked named, not explained:\n%s", tc.user, mode, got)
			}
		}
		if !strings.Contains(got, "❌ ReadWriteMany") {
			t.Errorf("%s: ReadWriteMany, not named, is not marked missed:\n%s", tc.user, got)
		}
	}
}
