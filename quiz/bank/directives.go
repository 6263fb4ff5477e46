package bank

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// An authoring directive is an HTML comment of "name: value" lines in a
// bank file; readers of the Markdown never see it:
//
//	<!-- topics: pv, pvc -->                 right under a question's heading
//	<!-- point: 通过 Raft 协议同步数据 -->      a key point stated in words
//	<!-- keywords: RWO, ReadWriteOnce -->    inside a bullet (or after it)
//	<!-- label: RWO -->                      a bullet's short label
//
// point, label and keywords may share one comment, one per line. Any other
// comment is an ordinary comment.
const (
	dirTopics   = "topics"
	dirPoint    = "point"
	dirLabel    = "label"
	dirKeywords = "keywords"
)

var directiveNames = []string{dirTopics, dirPoint, dirLabel, dirKeywords}

// directive is one directive comment.
type directive struct {
	line     int
	topics   []string // canonical topics, for a topics directive
	point    string   // a stated key point's text
	label    string
	keywords []string
}

// isTopics reports whether this is a topics directive.
func (d *directive) isTopics() bool { return d.topics != nil }

// isPoint reports whether this directive states a key point.
func (d *directive) isPoint() bool { return d.point != "" }

// commentBody is the text inside the HTML comment s starts with, or ok
// false when s does not start with a whole comment.
func commentBody(s string) (string, bool) {
	body, ok := strings.CutPrefix(strings.TrimSpace(s), "<!--")
	if !ok {
		return "", false
	}
	body, _, ok = strings.Cut(body, "-->")
	return body, ok
}

// parseDirective reads an HTML comment starting at line. It returns nil and
// no problems for an ordinary comment, and the problems of a directive that
// cannot be read (with the lines they are on).
func parseDirective(comment string, line int) (*directive, []located) {
	body, ok := commentBody(comment)
	if !ok {
		return nil, nil
	}
	lines := strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n")
	first := -1
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			first = i
			break
		}
	}
	if first < 0 {
		return nil, nil
	}
	name, _, hasColon := splitDirectiveLine(lines[first])
	known := slices.Contains(directiveNames, name)
	switch {
	case known && !hasColon:
		return nil, []located{{line + first, fmt.Sprintf("directive %q has no colon: write it as `%s: …`", name, name)}}
	case !known && hasColon && name != "" && closestDirective(name) != "":
		return nil, []located{{line + first, fmt.Sprintf("unknown directive %q: did you mean %q? (directives: %s)", name, closestDirective(name), strings.Join(directiveNames, ", "))}}
	case !known:
		return nil, nil
	}

	d := &directive{line: line + first}
	var problems []located
	seen := map[string]bool{}
	for i := first; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "" {
			continue
		}
		at := line + i
		name, value, hasColon := splitDirectiveLine(lines[i])
		if !hasColon || !slices.Contains(directiveNames, name) {
			problems = append(problems, located{at, fmt.Sprintf("directive line %q not understood: each line is one of %s, then a colon", strings.TrimSpace(lines[i]), strings.Join(directiveNames, ", "))})
			continue
		}
		if seen[name] {
			problems = append(problems, located{at, fmt.Sprintf("%s: given twice in one comment", name)})
			continue
		}
		seen[name] = true
		switch name {
		case dirTopics:
			topics, msgs := parseTopicList(value)
			for _, m := range msgs {
				problems = append(problems, located{at, m})
			}
			d.topics = topics
		case dirPoint:
			if d.point = value; value == "" {
				problems = append(problems, located{at, "point: has no text"})
			}
		case dirLabel:
			d.label = value
			switch n := utf8.RuneCountInString(value); {
			case n == 0:
				problems = append(problems, located{at, "label: has no text"})
			case n > labelRunes:
				problems = append(problems, located{at, fmt.Sprintf("label: is %d characters, more than %d", n, labelRunes)})
			}
		case dirKeywords:
			kws, ok := splitList(value)
			if !ok {
				problems = append(problems, located{at, "keywords: has an empty keyword (two commas in a row, or none given)"})
			}
			d.keywords = kws
		}
	}
	if seen[dirTopics] && len(seen) > 1 {
		problems = append(problems, located{d.line, "topics: goes in a comment of its own, right under the heading"})
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return d, nil
}

// located is a problem message at a line of the file being parsed.
type located struct {
	line int
	msg  string
}

// splitDirectiveLine cuts "name: value" (either colon), the name folded to
// lower case.
func splitDirectiveLine(l string) (name, value string, hasColon bool) {
	l = strings.TrimSpace(l)
	end := strings.IndexFunc(l, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_')
	})
	if end < 0 {
		return strings.ToLower(l), "", false
	}
	name = strings.ToLower(l[:end])
	rest := strings.TrimSpace(l[end:])
	for _, colon := range []string{":", "："} {
		if v, ok := strings.CutPrefix(rest, colon); ok {
			return name, strings.TrimSpace(v), true
		}
	}
	return name, "", false
}

// closestDirective is the directive name within two edits of name, or "".
func closestDirective(name string) string {
	for _, d := range directiveNames {
		if EditDistance(name, d) <= 2 {
			return d
		}
	}
	return ""
}

// splitList splits a comma-separated value (ASCII, full-width or
// enumeration commas). ok is false when an entry is empty or there is none.
func splitList(value string) (items []string, ok bool) {
	ok = true
	for part := range strings.SplitSeq(listSeparators.Replace(value), ",") {
		if p := strings.TrimSpace(part); p != "" {
			items = append(items, p)
		} else {
			ok = false
		}
	}
	return items, ok && len(items) > 0
}

var listSeparators = strings.NewReplacer("，", ",", "、", ",")

// parseTopicList reads the value of a topics directive: canonical topic
// names, any case or width.
func parseTopicList(value string) ([]string, []string) {
	names, ok := splitList(value)
	var msgs []string
	if !ok {
		msgs = append(msgs, "topics: has an empty topic (two commas in a row, or none given)")
	}
	var out []string
	for _, n := range names {
		t := textnorm.Fold(n)
		if !isTopic(t) {
			msg := fmt.Sprintf("topics: %q is not a known topic", n)
			if near := closestTopics(t, 3); len(near) > 0 {
				msg += fmt.Sprintf(" (closest: %s)", strings.Join(near, ", "))
			}
			msgs = append(msgs, msg)
			continue
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out, msgs
}
