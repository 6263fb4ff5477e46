package assess_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// labelled is one answer of the labelled set with its expected verdict.
type labelled struct {
	questionID string
	kind, lang string
	grade      srs.Grade
	// covered and points are -1 where the set does not pin them.
	covered, points int
	answer          string
	line            int
}

// The kinds of answer in the labelled set.
var labelledKinds = []string{"complete", "partial", "wrong", "offtopic", "keywords", "stuffing"}

// readLabelled parses testdata/labelled.md (its format is described at
// its top).
func readLabelled(t *testing.T) []labelled {
	t.Helper()
	src, err := os.ReadFile("testdata/labelled.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	if _, after, ok := strings.Cut(text, "-->"); ok {
		text = strings.Repeat("\n", strings.Count(text[:len(text)-len(after)], "\n")) + after
	}
	var out []labelled
	var question string
	var cur *labelled
	var body []string
	flush := func() {
		if cur != nil {
			cur.answer = strings.TrimSpace(strings.Join(body, "\n"))
			out = append(out, *cur)
		}
		cur, body = nil, nil
	}
	for i, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			flush()
			cur = parseCase(t, question, line[3:], i+1)
		case strings.HasPrefix(line, "# "):
			flush()
			question, _, _ = strings.Cut(line[2:], " ")
		case cur != nil:
			body = append(body, line)
		}
	}
	flush()
	return out
}

// parseCase parses "<kind> <lang> <grade> [<covered>/<points>]".
func parseCase(t *testing.T, question, head string, line int) *labelled {
	t.Helper()
	f := strings.Fields(head)
	if question == "" || len(f) < 3 || len(f) > 4 {
		t.Fatalf("labelled.md:%d: malformed case %q", line, head)
	}
	g, err := srs.ParseGrade(f[2])
	if err != nil {
		t.Fatalf("labelled.md:%d: %v", line, err)
	}
	c := &labelled{questionID: question, kind: f[0], lang: f[1], grade: g, covered: -1, points: -1, line: line}
	if len(f) == 4 {
		k, n, ok := strings.Cut(f[3], "/")
		var errK, errN error
		c.covered, errK = strconv.Atoi(k)
		c.points, errN = strconv.Atoi(n)
		if !ok || errK != nil || errN != nil {
			t.Fatalf("labelled.md:%d: malformed count %q", line, f[3])
		}
	}
	return c
}

// TestLabelledSetShape checks the set is what it claims to be: at least
// 12 shipped questions, each with at least 7 answers of every kind, in
// Chinese and in English.
func TestLabelledSetShape(t *testing.T) {
	b := testkit.ShippedBank(t)
	byQuestion := map[string][]labelled{}
	for _, c := range readLabelled(t) {
		if _, ok := b.ByID(c.questionID); !ok {
			t.Errorf("labelled.md:%d: %s is no shipped question", c.line, c.questionID)
		}
		if c.lang != "zh" && c.lang != "en" {
			t.Errorf("labelled.md:%d: language %q", c.line, c.lang)
		}
		if c.answer == "" {
			t.Errorf("labelled.md:%d: no answer", c.line)
		}
		byQuestion[c.questionID] = append(byQuestion[c.questionID], c)
	}
	if len(byQuestion) < 12 {
		t.Errorf("%d questions, want at least 12", len(byQuestion))
	}
	topics := map[string]bool{}
	for id, cases := range byQuestion {
		q, _ := b.ByID(id)
		if q != nil {
			topics[q.Topics[0]] = true
		}
		have := map[string]bool{}
		for _, c := range cases {
			have[c.kind] = true
			have[c.lang] = true
		}
		for _, want := range append([]string{"zh", "en"}, labelledKinds...) {
			if !have[want] {
				t.Errorf("question %s has no %s answer", id, want)
			}
		}
		if len(cases) < 7 {
			t.Errorf("question %s has %d answers, want at least 7", id, len(cases))
		}
	}
	if len(topics) < 8 {
		t.Errorf("the questions' first topics are %d, want a spread of at least 8", len(topics))
	}
}

// TestLabelledAgreement runs the scorer over the labelled set against the
// shipped bank's key points and holds it to the agreement the issue asks:
// at least 90 % overall, complete answers Good in at least 90 %, wrong and
// off-topic ones Again in at least 90 %, and no keyword list ever Good.
func TestLabelledAgreement(t *testing.T) {
	s := assess.FromBank(testkit.ShippedBank(t))
	cases := readLabelled(t)
	agree := 0
	type tally struct{ hit, all int }
	var complete, wrongOff tally
	for _, c := range cases {
		res, err := s.Score(c.questionID, c.answer)
		if err != nil {
			t.Fatalf("labelled.md:%d: %v", c.line, err)
		}
		ok := res.Grade == c.grade && (c.covered < 0 || res.Covered == c.covered && res.Scored == c.points)
		if ok {
			agree++
		} else {
			t.Logf("labelled.md:%d %s %s %s: got %v %d/%d [%v], want %v %s", c.line, c.questionID, c.kind, c.lang,
				res.Grade, res.Covered, res.Scored, res.Flags, c.grade, count(c))
			for _, p := range res.Points {
				t.Logf("    covered=%v %v in %q: %s", p.Covered, p.Evidence, p.Excerpt, p.Text)
			}
		}
		switch c.kind {
		case "complete":
			complete.all++
			if res.Grade >= srs.Good {
				complete.hit++
			}
		case "wrong", "offtopic":
			wrongOff.all++
			if res.Grade == srs.Again {
				wrongOff.hit++
			}
		case "keywords", "stuffing":
			if res.Grade >= srs.Good {
				t.Errorf("labelled.md:%d: a %s answer to %s passes as %v", c.line, c.kind, c.questionID, res.Grade)
			}
		}
	}
	share := func(n, of int) float64 { return float64(n) / float64(of) }
	t.Logf("agreement %d/%d = %.1f%%; complete answers Good %d/%d = %.1f%%; wrong or off-topic Again %d/%d = %.1f%%",
		agree, len(cases), 100*share(agree, len(cases)),
		complete.hit, complete.all, 100*share(complete.hit, complete.all),
		wrongOff.hit, wrongOff.all, 100*share(wrongOff.hit, wrongOff.all))
	if share(agree, len(cases)) < 0.9 {
		t.Errorf("agreement %.1f%% is below 90%%", 100*share(agree, len(cases)))
	}
	if share(complete.hit, complete.all) < 0.9 {
		t.Errorf("complete answers reach Good in %.1f%%, below 90%%", 100*share(complete.hit, complete.all))
	}
	if share(wrongOff.hit, wrongOff.all) < 0.9 {
		t.Errorf("wrong or off-topic answers get Again in %.1f%%, below 90%%", 100*share(wrongOff.hit, wrongOff.all))
	}
}

func count(c labelled) string {
	if c.covered < 0 {
		return "(any k/n)"
	}
	return fmt.Sprintf("%d/%d", c.covered, c.points)
}
