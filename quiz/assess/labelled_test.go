package assess_test

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// labelledSets are the labelled sets: the answers the scorer was tuned
// on, then answers written afterwards and never tuned on, before the bank
// was corrected and after.
var labelledSets = []string{"testdata/labelled.md", "testdata/heldout.md", "testdata/heldout2.md"}

// labelled is one answer of a labelled set with its expected verdict.
type labelled struct {
	file       string
	questionID string
	kind, lang string
	grade      srs.Grade
	// covered and points are -1 where the set does not pin them.
	covered, points int
	answer          string
	line            int
}

// where locates the case for messages.
func (c labelled) where() string { return fmt.Sprintf("%s:%d", c.file, c.line) }

// The kinds of answer in the labelled set.
var labelledKinds = []string{"complete", "partial", "wrong", "offtopic", "keywords", "stuffing"}

// readLabelled parses a labelled set (the format is described at the top
// of labelled.md).
func readLabelled(t *testing.T, file string) []labelled {
	t.Helper()
	src, err := os.ReadFile(file)
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
			cur = parseCase(t, file, question, line[3:], i+1)
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
func parseCase(t *testing.T, file, question, head string, line int) *labelled {
	t.Helper()
	c := &labelled{file: file, questionID: question, covered: -1, points: -1, line: line}
	f := strings.Fields(head)
	if question == "" || len(f) < 3 || len(f) > 4 {
		t.Fatalf("%s: malformed case %q", c.where(), head)
	}
	g, err := srs.ParseGrade(f[2])
	if err != nil {
		t.Fatalf("%s: %v", c.where(), err)
	}
	c.kind, c.lang, c.grade = f[0], f[1], g
	if len(f) == 4 {
		k, n, ok := strings.Cut(f[3], "/")
		var errK, errN error
		c.covered, errK = strconv.Atoi(k)
		c.points, errN = strconv.Atoi(n)
		if !ok || errK != nil || errN != nil {
			t.Fatalf("%s: malformed count %q", c.where(), f[3])
		}
	}
	return c
}

// TestLabelledSetShape checks the sets are what they claim to be: at
// least 12 shipped questions, each with at least 7 answers of every kind,
// in Chinese and in English, and no question in two sets.
func TestLabelledSetShape(t *testing.T) {
	b := testkit.ShippedBank(t)
	byQuestion := map[string][]labelled{}
	for _, file := range labelledSets {
		for _, c := range readLabelled(t, file) {
			if _, ok := b.ByID(c.questionID); !ok {
				t.Errorf("%s: %s is no shipped question", c.where(), c.questionID)
			}
			if !slices.Contains(labelledKinds, c.kind) || c.lang != "zh" && c.lang != "en" {
				t.Errorf("%s: kind %q, language %q", c.where(), c.kind, c.lang)
			}
			if c.answer == "" {
				t.Errorf("%s: no answer", c.where())
			}
			if prev := byQuestion[c.questionID]; len(prev) > 0 && prev[0].file != file {
				t.Errorf("%s: question %s is in %s too", c.where(), c.questionID, prev[0].file)
			}
			byQuestion[c.questionID] = append(byQuestion[c.questionID], c)
		}
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

// agreement tallies a scorer's verdicts on a set of answers.
type agreement struct {
	agree, all                  int
	completeGood, complete      int
	wrongAgain, wrongOrOffTopic int
}

func (a agreement) String() string {
	pc := func(n, of int) string { return fmt.Sprintf("%d/%d = %.1f%%", n, of, 100*share(n, of)) }
	return fmt.Sprintf("agreement %s; complete answers Good %s; wrong or off-topic Again %s",
		pc(a.agree, a.all), pc(a.completeGood, a.complete), pc(a.wrongAgain, a.wrongOrOffTopic))
}

func (a *agreement) add(b agreement) {
	a.agree += b.agree
	a.all += b.all
	a.completeGood += b.completeGood
	a.complete += b.complete
	a.wrongAgain += b.wrongAgain
	a.wrongOrOffTopic += b.wrongOrOffTopic
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// TestLabelledAgreement runs the scorer over the labelled sets against the
// shipped bank's key points, logs the agreement on each, and holds it to
// what the issue asks, over all of them: at least 90 % overall, complete answers
// Good in at least 90 %, wrong and off-topic ones Again in at least 90 %,
// and no keyword list or stuffed answer ever Good. A case agrees when its
// grade, and its covered/points count where the set pins one, are as
// expected; disagreements are logged point by point.
func TestLabelledAgreement(t *testing.T) {
	s := assess.FromBank(testkit.ShippedBank(t))
	var total agreement
	for _, file := range labelledSets {
		a := scoreSet(t, s, readLabelled(t, file))
		t.Logf("%s: %v", file, a)
		total.add(a)
	}
	t.Logf("all sets: %v", total)
	if share(total.agree, total.all) < 0.9 {
		t.Errorf("agreement %.1f%% is below 90%%", 100*share(total.agree, total.all))
	}
	if share(total.completeGood, total.complete) < 0.9 {
		t.Errorf("complete answers reach Good in %.1f%%, below 90%%", 100*share(total.completeGood, total.complete))
	}
	if share(total.wrongAgain, total.wrongOrOffTopic) < 0.9 {
		t.Errorf("wrong or off-topic answers get Again in %.1f%%, below 90%%", 100*share(total.wrongAgain, total.wrongOrOffTopic))
	}
}

func scoreSet(t *testing.T, s *assess.Scorer, cases []labelled) agreement {
	t.Helper()
	var a agreement
	for _, c := range cases {
		res, err := s.Score(c.questionID, c.answer)
		if err != nil {
			t.Fatalf("%s: %v", c.where(), err)
		}
		a.all++
		if res.Grade == c.grade && (c.covered < 0 || res.Covered == c.covered && res.Scored == c.points) {
			a.agree++
		} else {
			t.Logf("%s %s %s %s: got %v %d/%d [%v], want %v %s", c.where(), c.questionID, c.kind, c.lang,
				res.Grade, res.Covered, res.Scored, res.Flags, c.grade, count(c))
			for _, p := range res.Points {
				t.Logf("    covered=%v %v in %q: %s", p.Covered, p.Evidence, p.Excerpt, p.Text)
			}
		}
		switch c.kind {
		case "complete":
			a.complete++
			if res.Grade >= srs.Good {
				a.completeGood++
			}
		case "wrong", "offtopic":
			a.wrongOrOffTopic++
			if res.Grade == srs.Again {
				a.wrongAgain++
			}
		case "keywords", "stuffing":
			if res.Grade >= srs.Good {
				t.Errorf("%s: a %s answer to %s passes as %v", c.where(), c.kind, c.questionID, res.Grade)
			}
		}
	}
	return a
}

func count(c labelled) string {
	if c.covered < 0 {
		return "(any k/n)"
	}
	return fmt.Sprintf("%d/%d", c.covered, c.points)
}

// TestVerdictsAgreeWithThemselves: over every labelled answer, what a
// reply shows says one thing: the count is the points shown covered, the
// grade is the one the count proposes, and an answer flagged as a keyword
// list has no point covered (a tester: ✅ on points, 4/4, of a list
// graded Again).
func TestVerdictsAgreeWithThemselves(t *testing.T) {
	s := assess.FromBank(testkit.ShippedBank(t))
	for _, file := range labelledSets {
		for _, c := range readLabelled(t, file) {
			res, err := s.Score(c.questionID, c.answer)
			if err != nil {
				t.Fatal(err)
			}
			covered := 0
			for _, p := range res.Points {
				if p.Covered {
					covered++
				}
			}
			want := srs.Again
			switch {
			case res.Scored > 0 && covered == res.Scored:
				want = srs.Good
			case res.Scored > 0 && 2*covered >= res.Scored:
				want = srs.Hard
			}
			if covered != res.Covered || res.Grade != want || res.Flags.Has(assess.KeywordList) && covered > 0 {
				t.Errorf("%s %s: %d points shown covered, %d/%d, %v [%v]", c.where(), c.questionID, covered, res.Covered, res.Scored, res.Grade, res.Flags)
			}
		}
	}
}
