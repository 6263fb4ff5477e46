package slack_test

import (
	"fmt"
	"strings"
	"testing"
)

// A fill-in-the-blank quiz reaches Slack with its gap in look-alikes only:
// a real underscore left beside a word could open or close italics.
func TestFillInTheBlankGapHasNoRealUnderscore(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{})
	// Quizzes alternate at random between formats: draw until a blank
	// comes, in channels of their own so that none waits for another.
	for i := range 60 {
		q := e.ask("U1", fmt.Sprintf("CBLANK%d", i), "quiz kubelet", 1)[0]
		text := q.Sections()
		if !strings.Contains(text, "Fill in the blank") {
			continue
		}
		// The prompt is the quoted part; the footer is in italics.
		var prompt []string
		for _, l := range strings.Split(text, "\n") {
			if strings.HasPrefix(l, "> ") {
				prompt = append(prompt, l)
			}
		}
		p := strings.Join(prompt, "\n")
		if !strings.Contains(p, "ˍˍˍˍ") {
			t.Fatalf("the blank quiz's prompt shows no gap of four look-alikes:\n%+q", text)
		}
		if strings.Contains(p, "_") {
			t.Errorf("the blank quiz's prompt holds a real underscore, which Slack may read as italics:\n%+q", p)
		}
		return
	}
	t.Fatal("no fill-in-the-blank quiz in 60 draws of quiz kubelet")
}
