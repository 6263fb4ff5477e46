package quiz

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/i18ncheck"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

func TestCountedFormsFollowTheirCount(t *testing.T) {
	cases := []struct {
		text string
		args []any
		want string
	}{
		{"%d {day|days}", []any{1}, "1 day"},
		{"%d {day|days}", []any{0}, "0 days"},
		{"%d {day|days}", []any{21}, "21 days"},
		{"%d {topic|topics}, %d {question|questions}", []any{1, 52}, "1 topic, 52 questions"},
		{"You: #%d of %d, %d {point|points}", []any{1, 1, 1}, "You: #1 of 1, 1 point"},
		{"\"%s\": %d {question|questions}", []any{"pv", 1}, "\"pv\": 1 question"},
		{"covered %d of %d {point|points} (%d%%)", []any{1, 1, 100}, "covered 1 of 1 point (100%)"},
		{"%[2]d then %[1]d {pt|pts}", []any{1, 5}, "5 then 1 pt"},
		{"%02d:%02d and %d {min|mins}", []any{9, 30, 1}, "09:30 and 1 min"},
		{"{alone|forms}", nil, "forms"},
		{"a { brace", nil, "a { brace"},
		{"%d %s {x|y}", []any{1, "s"}, "1 s x"},
	}
	for _, c := range cases {
		if got := format(c.text, c.args); got != c.want {
			t.Errorf("format(%q, %v) = %q, want %q", c.text, c.args, got, c.want)
		}
	}
}

// TestFormatWithoutFmtAgreesWithFmt renders every message of the catalog
// whose verbs are all %d (and %%), in both languages, with counts of 0, 1,
// 2 and more, by the shortcut and by fmt: the two read alike. Any other
// text, or the wrong arguments, is left to fmt.
func TestFormatWithoutFmtAgreesWithFmt(t *testing.T) {
	taken := 0
	for key, m := range catalog {
		for _, text := range []string{m.ZH, m.EN} {
			verbs := strings.Count(strings.ReplaceAll(text, "%%", ""), "%")
			for _, n := range []int{0, 1, 2, 1234567, -3} {
				args := make([]any, verbs)
				for i := range args {
					args[i] = n + i
				}
				got, ok := formatInts(text, args)
				if !ok {
					continue
				}
				taken++
				withFmt := text
				if strings.Contains(text, "{") {
					withFmt = pickForms(text, args)
				}
				if want := fmt.Sprintf(withFmt, args...); got != want {
					t.Errorf("%s: formatInts(%q, %v) = %q, fmt reads %q", key, text, args, got, want)
				}
			}
		}
	}
	if taken == 0 {
		t.Fatal("no message of the catalog took the shortcut")
	}
	for _, c := range []struct {
		text string
		args []any
	}{{"%d of %s", []any{1, "x"}}, {"%02d", []any{1}}, {"%d %d", []any{1}}, {"%d", []any{1, 2}}, {"%[1]d", []any{1}}, {"a {b", []any{1}}, {"%", []any{1}}, {"%d", []any{"1"}}} {
		if s, ok := formatInts(c.text, c.args); ok {
			t.Errorf("formatInts(%q, %v) = %q, want it left to fmt", c.text, c.args, s)
		}
	}
}

// zhTerm accepts the Latin words Chinese messages keep: topics and their
// aliases, the product's names. Not a command's English name, nor its
// English words (daily on, interview stop): Chinese messages name commands
// as a Chinese user types them (Command.NameIn).
func zhTerm(tb testing.TB) func(string) bool {
	b := testkit.ShippedBank(tb)
	kept := []string{"kubequiz", "Kubernetes"}
	return func(w string) bool {
		return slices.Contains(kept, w) || len(b.Resolve(w)) > 0
	}
}

// TestEveryMessageReadsInItsLanguage renders every message of the catalog,
// and every command's usage and help, in both languages with sample
// arguments: Chinese keeps no English beyond identifiers and Kubernetes
// terms, and English counts agree in number.
func TestEveryMessageReadsInItsLanguage(t *testing.T) {
	term := zhTerm(t)
	texts := map[string]Text{}
	for k, m := range catalog {
		texts["message "+string(k)] = m
	}
	for _, c := range commandTable {
		texts["usage of "+c.Name] = c.usage
		texts["help of "+c.Name] = c.help
	}
	for name, m := range texts {
		for _, n := range []int{1, 2} {
			zh := format(m.ZH, i18ncheck.SampleArgs(m.ZH, n, "示例"))
			for _, p := range i18ncheck.Untranslated(zh, term) {
				t.Errorf("%s in zh: %s", name, p)
			}
			en := format(m.EN, i18ncheck.SampleArgs(m.EN, n, "sample"))
			for _, p := range i18ncheck.WrongNumber(en) {
				t.Errorf("%s in en: %s", name, p)
			}
			if strings.Contains(zh, "{") || strings.Contains(en, "{") {
				t.Errorf("%s keeps a brace: %q / %q", name, zh, en)
			}
		}
	}
}

func TestTheChecksFindWhatTheyLookFor(t *testing.T) {
	term := zhTerm(t)
	for _, bad := range []string{"下次复习：Next review in 3 天", "Streak: 0-day", "输入 daily on 开启", "输入 help 查看"} {
		if len(i18ncheck.Untranslated(bad, term)) == 0 {
			t.Errorf("English in %q is not found", bad)
		}
	}
	for _, fine := range []string{"每天 09:30（Asia/Shanghai），用 提问 pv 或 每日一题 开启", "在 UTC 的 ConfigMap 里按 Ctrl-D"} {
		if p := i18ncheck.Untranslated(fine, term); len(p) > 0 {
			t.Errorf("%q is fine Chinese: %v", fine, p)
		}
	}
	for _, bad := range []string{"Next review in 1 days", "Reviews: 3, 1 cards due", "1 pts"} {
		if len(i18ncheck.WrongNumber(bad)) == 0 {
			t.Errorf("the plural of %q is not found", bad)
		}
	}
	for _, fine := range []string{"Next review in 1 day", "21 days", "#1 is first", "10.1 days", "You: #1 of 2"} {
		if p := i18ncheck.WrongNumber(fine); len(p) > 0 {
			t.Errorf("%q is fine English: %v", fine, p)
		}
	}
}
