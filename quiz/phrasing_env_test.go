package quiz_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestAnswerUsageExampleIsTrue: the example answer of `answer` alone
// counts the access modes its question lists (one key point each), in
// both languages.
func TestAnswerUsageExampleIsTrue(t *testing.T) {
	e := newEnv(t)
	id := regexp.MustCompile(`gzrv43`)
	q, ok := shippedBank(t).ByID("gzrv43")
	if !ok {
		t.Fatal("the example's question gzrv43 is not in the bank")
	}
	n := len(q.KeyPoints)
	counts := map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
	for _, c := range []struct{ lang, pattern string }{
		{"en", `There are (\w+) access modes`}, {"zh", `有(.)种访问模式`},
	} {
		e.cmd("u-"+c.lang, "lang "+c.lang)
		got := text(e.cmd("u-"+c.lang, "answer"))
		m := regexp.MustCompile(c.pattern).FindStringSubmatch(got)
		if !id.MatchString(got) || m == nil {
			t.Fatalf("%s: the usage has no example of gzrv43's access modes: %q", c.lang, got)
		}
		if counts[strings.ToLower(m[1])] != n {
			t.Errorf("%s: the example says %q access modes, the question lists %d: %q", c.lang, m[1], n, got)
		}
	}
}
