package bank

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// MaxKeyPoints is the most key points a question keeps: a checklist longer
// than this is not something anyone ticks through.
const MaxKeyPoints = 20

// labelRunes is the longest Label of a key point, in characters.
const labelRunes = 48

// keyPoints are the answer's top-level bullets, or its sentences when it has
// no bullets.
func keyPoints(answer []rich.Block) []KeyPoint {
	var texts []string
	for _, b := range answer {
		if b.Kind != rich.List {
			continue
		}
		for _, item := range b.Items {
			if t := firstLine(rich.Plain(item)); t != "" {
				texts = append(texts, t)
			}
		}
	}
	if len(texts) == 0 {
		for _, b := range answer {
			if b.Kind == rich.Paragraph {
				texts = append(texts, Sentences(rich.SpansText(b.Spans))...)
			}
		}
	}
	var out []KeyPoint
	for _, t := range texts {
		if len(out) == MaxKeyPoints {
			break
		}
		out = append(out, KeyPoint{Text: t, Label: label(t)})
	}
	return out
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(s)
}

// Sentences splits text at sentence ends (Chinese and Latin), semicolons and
// line ends, dropping fragments too short to be a point. A full stop ends a
// sentence only before white space or the end of the text, so that
// "cluster.local" and "v1.8" stay whole.
func Sentences(text string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		s := strings.TrimSpace(cur.String())
		cur.Reset()
		s = strings.TrimRight(s, "；;，,、 ")
		if utf8.RuneCountInString(s) >= 4 {
			out = append(out, s)
		}
	}
	for i, r := range text {
		cur.WriteRune(r)
		switch r {
		case '。', '；', ';', '！', '？', '!', '?', '\n':
			flush()
		case '.':
			next, _ := utf8.DecodeRuneInString(text[i+1:])
			if i+1 == len(text) || unicode.IsSpace(next) {
				flush()
			}
		}
	}
	flush()
	return out
}

// label is a short form of a key point: the part before a colon when that is
// short ("节点管理 : …" → "节点管理"), else the text cut at labelRunes.
func label(t string) string {
	for _, sep := range []string{"：", ":"} {
		if head, _, ok := strings.Cut(t, sep); ok {
			head = strings.TrimSpace(head)
			if n := utf8.RuneCountInString(head); n >= 2 && n <= labelRunes {
				return head
			}
		}
	}
	return Truncate(t, labelRunes)
}

// Truncate cuts s to at most n characters, ending in "…" when it cut.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
