package assess

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// TestOwnKeywordListsNeverPass: for every shipped question, a bare list of
// all its points' keywords, however separated, gets Again.
func TestOwnKeywordListsNeverPass(t *testing.T) {
	s := FromBank(testkit.ShippedBank(t))
	for _, id := range s.order {
		q := s.questions[id]
		var names []string
		for _, pt := range q.points {
			names = append(names, s.names(pt.keywords)...)
		}
		if len(names) < 2 {
			continue
		}
		for _, sep := range []string{" ", "、", ", ", "\n"} {
			res := s.score(q, strings.Join(names, sep))
			if res.Grade != srs.Again {
				t.Errorf("%s %s: its keywords joined by %q get %v %d/%d [%v]", id, q.title, sep, res.Grade, res.Covered, res.Scored, res.Flags)
			}
		}
	}
}

// TestBankVocabularyIsStuffing: an answer naming the terms of every
// shipped question is stuffing, and covers nothing, whichever question it
// answers.
func TestBankVocabularyIsStuffing(t *testing.T) {
	s := FromBank(testkit.ShippedBank(t))
	var terms []string
	seen := map[int]bool{}
	for _, id := range s.order {
		for _, pt := range s.questions[id].points {
			for _, c := range pt.keywords[:pt.own] {
				if s.lex.concepts[c].kind == term && !seen[c] {
					seen[c] = true
					terms = append(terms, s.lex.concepts[c].name)
				}
			}
		}
	}
	answer := "这些都很重要：" + strings.Join(terms, "，") + "。"
	for _, id := range s.order {
		q := s.questions[id]
		res := s.score(q, answer)
		if !res.Flags.Has(Stuffing) && !res.Flags.Has(Unscorable) || res.Covered != 0 || res.Grade != srs.Again {
			t.Errorf("%s %s: %v %d/%d [%v]", id, q.title, res.Grade, res.Covered, res.Scored, res.Flags)
		}
	}
}

func TestGrade(t *testing.T) {
	for _, tc := range []struct {
		k, n int
		want srs.Grade
	}{
		{3, 3, srs.Good}, {2, 3, srs.Hard}, {1, 3, srs.Again},
		{1, 2, srs.Hard}, {0, 2, srs.Again}, {2, 4, srs.Hard},
		{1, 4, srs.Again}, {1, 1, srs.Good}, {0, 0, srs.Again},
	} {
		if got := grade(tc.k, tc.n); got != tc.want {
			t.Errorf("grade(%d, %d) = %v, want %v", tc.k, tc.n, got, tc.want)
		}
	}
}

func TestStem(t *testing.T) {
	for _, group := range [][]string{
		{"restart", "restarts", "restarted", "restarting"},
		{"schedule", "scheduled", "scheduling", "schedules"},
		{"policy", "policies"},
		{"probe", "probes", "probing"},
	} {
		for _, w := range group[1:] {
			if stem(w) != stem(group[0]) {
				t.Errorf("stem(%q) = %q, stem(%q) = %q", w, stem(w), group[0], stem(group[0]))
			}
		}
	}
	for _, w := range []string{"pv", "k8s", "v1", "ipv6", "rwo"} {
		if stem(w) != w {
			t.Errorf("stem(%q) = %q", w, stem(w))
		}
	}
}
