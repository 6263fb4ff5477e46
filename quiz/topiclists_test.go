package quiz_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/testkit"
)

// etcdRaft is a question on two topics (etcd, raft) whose labelled
// answers include a complete one; onRollout one on two others
// (deployment, rollout) with a wrong one.
const (
	etcdRaft  = "6yurox"
	onRollout = "cd4vyt"
)

// topicListIn matches a list of two topics or more as language lang
// lists them, each topic followed by what the pattern item says of it:
// with 、 in Chinese, with a comma in English, never with " · ".
func topicListIn(lang, item string) *regexp.Regexp {
	sep := ", "
	if lang == "zh" {
		sep = "、"
	}
	return regexp.MustCompile(`[a-z-]+` + item + sep + `[a-z-]+` + item)
}

// TestFlashcardsAndStatsListTopicsAsTheLanguageLists: a flashcard's
// topics, the weakest topics of stats, the best and weakest in words, and
// an interview report's weakest topics are listed as every other list of
// topics: with 、 in Chinese, with a comma in English.
func TestFlashcardsAndStatsListTopicsAsTheLanguageLists(t *testing.T) {
	e := newEnv(t)
	b := shippedBank(t)
	for _, id := range []string{etcdRaft, onRollout} {
		if q, ok := b.ByID(id); !ok || len(q.Topics) < 2 {
			t.Fatalf("%s is no question of two topics or more in the shipped bank", id)
		}
	}
	for _, c := range []struct{ lang, ask, interview, weakest, inWords, report string }{
		{"zh", "提问 " + etcdRaft, "面试 raft 1", "薄弱主题", "作答最好的主题", "最薄弱的主题（"},
		{"en", "ask " + etcdRaft, "interview raft 1", "Weakest topics (", "Best topics in words", "Weakest topics (by each"},
	} {
		user := "u-" + c.lang
		e.cmd(user, "lang "+c.lang)
		card := text(e.cmd(user, c.ask))
		if !topicListIn(c.lang, "").MatchString(card) || strings.Contains(card, " · raft") {
			t.Errorf("%s: %s, want its topics listed as %s lists them", c.ask, card, c.lang)
		}

		// Two Again grades of one card: each of its topics is weakest.
		e.grade(user, etcdRaft, 1)
		e.clock.Advance(11 * time.Minute)
		e.grade(user, etcdRaft, 1)
		// Answers in words: one complete, one wrong, on two topics each.
		e.cmd(user, "answer "+etcdRaft+" "+testkit.LabelledAnswer(t, etcdRaft, "complete", "zh"))
		e.cmd(user, "answer "+onRollout+" "+testkit.LabelledAnswer(t, onRollout, "wrong", "zh"))
		stats := text(e.cmd(user, "stats"))
		for _, lead := range []string{c.weakest, c.inWords} {
			line := lineWith(stats, lead)
			if !topicListIn(c.lang, ` \d+%`).MatchString(line) || strings.Contains(line, " · ") {
				t.Errorf("stats in %s: %q, want its topics listed as %s lists them:\n%s", c.lang, line, c.lang, stats)
			}
		}

		// A mock interview on a question of both topics, answered wrong.
		r := e.cmd(user, c.interview)
		report := text(e.cmd(user, "answer "+testkit.LabelledAnswer(t, onRollout, "wrong", "zh")))
		if line := lineWith(report, c.report); !topicListIn(c.lang, ` \d+%`).MatchString(line) || strings.Contains(line, " · ") {
			t.Errorf("the report of %s in %s: %q, want its topics listed as %s lists them:\n%s\n%s", c.interview, c.lang, line, c.lang, text(r), report)
		}
	}
}

// lineWith is the line of text that contains lead, "" when none does.
func lineWith(text, lead string) string {
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, lead) {
			return line
		}
	}
	return ""
}
