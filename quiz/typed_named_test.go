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

// TestAWrongPointIsMarkedApart: a point whose term the answer says
// something wrong of is marked wrong, with a note that quotes the words
// judged wrong, apart from a point named with words the scorer does not
// recognise, which is named, in either language (a tester: both, and a
// point left out, were ❌; ⛔ did not say which words were wrong).
func TestAWrongPointIsMarkedApart(t *testing.T) {
	e := newEnv(t)
	e.cmd("wen", "lang zh")
	for _, tc := range []struct {
		user, wrong, named string
	}{
		{"bob", "(you wrote “RWO:多节点读写”: it contradicts the reference, or belongs to another point)", "(named, not explained)"},
		{"wen", "（你写的「RWO:多节点读写」与参考答案相反，或属于另一项）", "（只提到了名称，没有解释）"},
	} {
		got := text(e.cmd(tc.user, "answer "+accessModes+" RWO：多节点读写；RWOP：专门给它用"))
		if !strings.Contains(got, "⛔ ReadWriteOnce") || !strings.Contains(got, tc.wrong) {
			t.Errorf("%s: ReadWriteOnce is not marked wrong:\n%s", tc.user, got)
		}
		if !strings.Contains(got, "🔸 ReadWriteOncePod") || !strings.Contains(got, tc.named) {
			t.Errorf("%s: ReadWriteOncePod is not marked named:\n%s", tc.user, got)
		}
		if !strings.Contains(got, "❌ ReadOnlyMany") || strings.Count(got, "⛔") != 1 {
			t.Errorf("%s: ReadOnlyMany, not named, is not marked missed alone:\n%s", tc.user, got)
		}
	}
}
