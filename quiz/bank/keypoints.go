package bank

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// MaxKeyPoints is the most key points a question keeps: a checklist longer
// than this is not something anyone ticks through.
const MaxKeyPoints = 20

// labelRunes is the longest Label of a key point, in characters.
const labelRunes = 48

// autoPoint is a key point found in an answer's structure, with where it
// comes from.
type autoPoint struct {
	block   int // index of the top-level block it starts in
	item    int // index of the list item it is, or -1
	content []rich.Block
	lead    string // the lead-in of its list ("…如下：", a section name)
}

// autoPoints splits an answer into key points. With lists, each top-level
// bullet is a point, except an empty one ("控制循环："), and a table is read
// as a list of its body rows, each a point (its header is not); a paragraph or a
// block quote after a list is a point of its own (a closing paragraph says
// something else than the last bullet), unless the paragraph leads into
// the next list; code after a list belongs to the point before it, the
// last bullet or the paragraph that introduces the code; and what comes
// before the first list is an introduction. Without lists, the sentences of
// paragraphs are the points, a numbered paragraph ("1）…") and a code block
// or quote one point each, except that code or a quote a paragraph leads
// into ("…如下：") belongs to the paragraph's last sentence. A note to the
// reader (a bullet, paragraph or quote that opens with 注：) says what
// changed since the answer was written: it is never a point nor part of one.
func autoPoints(answer []rich.Block) []autoPoint {
	return slices.DeleteFunc(splitPoints(answer), func(p autoPoint) bool {
		return strings.TrimSpace(textnorm.WithoutNotes(rich.Plain(p.content))) == ""
	})
}

// isNote reports whether b is a note to the reader as a whole.
func isNote(b rich.Block) bool {
	return !listLike(b) && textnorm.IsNote(rich.Plain([]rich.Block{b}))
}

// listLike reports whether b is read as a list of points: a list, or a
// table (of its rows).
func listLike(b rich.Block) bool { return b.Kind == rich.List || b.Kind == rich.Table }

// splitPoints is autoPoints before points without text are dropped.
func splitPoints(answer []rich.Block) []autoPoint {
	var pts []autoPoint
	if slices.ContainsFunc(answer, listLike) {
		seenList := false
		for i, b := range answer {
			switch {
			case isNote(b):
			case b.Kind == rich.Table:
				lead := leadIn(answer, i)
				for j, row := range b.Rows {
					pts = append(pts, autoPoint{block: i, item: j, content: []rich.Block{rich.Para(rich.RowSpans(row)...)}, lead: lead})
				}
				seenList = true
			case b.Kind == rich.List:
				lead := leadIn(answer, i)
				for j, item := range b.Items {
					if !emptyItem(item) {
						pts = append(pts, autoPoint{block: i, item: j, content: slices.Clone(item), lead: lead})
					}
				}
				seenList = true
			case !seenList, b.Kind == rich.Paragraph && i+1 < len(answer) && listLike(answer[i+1]):
				// An introduction: before the first list, or leading into the next.
			case b.Kind == rich.Quote, b.Kind == rich.Paragraph, len(pts) == 0:
				pts = append(pts, autoPoint{block: i, item: -1, content: []rich.Block{b}})
			default:
				last := &pts[len(pts)-1]
				last.content = append(last.content, b)
			}
		}
		return pts
	}
	for i, b := range answer {
		switch {
		case isNote(b):
		case b.Kind != rich.Paragraph && i > 0 && endsWithColon(answer[i-1]) && len(pts) > 0:
			// Code or a quote that the paragraph before leads into.
			last := &pts[len(pts)-1]
			last.content = append(last.content, b)
		case b.Kind != rich.Paragraph:
			pts = append(pts, autoPoint{block: i, item: -1, content: []rich.Block{b}})
		case numbered(b):
			lead := leadIn(answer, i)
			if i > 0 && numbered(answer[i-1]) {
				lead = pts[len(pts)-1].lead
			}
			pts = append(pts, autoPoint{block: i, item: -1, content: []rich.Block{b}, lead: lead})
		case i+1 < len(answer) && numbered(answer[i+1]) && endsWithColon(b):
			// Leads into numbered paragraphs.
		default:
			text := rich.SpansText(b.Spans)
			for _, r := range sentenceRanges(text) {
				pts = append(pts, autoPoint{block: i, item: -1, content: []rich.Block{rich.Para(sliceSpans(b.Spans, r[0], r[1])...)}})
			}
		}
	}
	return pts
}

// leadIn is the text of the paragraph before answer[i] when it leads into
// the list (or numbered paragraphs) there: it ends in a colon, or it is a
// short name such as "apiserver" heading a section.
func leadIn(answer []rich.Block, i int) string {
	if i == 0 || answer[i-1].Kind != rich.Paragraph {
		return ""
	}
	p := answer[i-1]
	if text := strings.TrimSpace(rich.SpansText(p.Spans)); endsWithColon(p) || utf8.RuneCountInString(text) <= 16 && !strings.Contains(text, "\n") {
		return text
	}
	return ""
}

// endsWithColon reports whether a paragraph leads into what follows it.
func endsWithColon(p rich.Block) bool {
	t := strings.TrimSpace(rich.SpansText(p.Spans))
	return strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":")
}

// numberedLine matches a paragraph numbered by hand: "1）", "2)", "（3）".
var numberedLine = regexp.MustCompile(`^\s*(\d{1,2}\s*[）)]|[（(]\d{1,2}[）)])`)

// numbered reports whether b is a paragraph numbered by hand.
func numbered(b rich.Block) bool {
	return b.Kind == rich.Paragraph && numberedLine.MatchString(rich.SpansText(b.Spans))
}

// emptyItem reports whether a bullet says nothing: no text, or only a head
// and a colon ("控制循环：").
func emptyItem(item []rich.Block) bool {
	text := strings.TrimSpace(rich.Plain(item))
	if text == "" {
		return true
	}
	return len(item) == 1 && item[0].Kind == rich.Paragraph && !strings.Contains(text, "\n") &&
		(strings.HasSuffix(text, "：") || strings.HasSuffix(text, ":"))
}

// topicUnits are the parts of an answer topics are counted over: each
// automatic key point with the lead-in of its list.
func topicUnits(answer []rich.Block) []string {
	pts := autoPoints(answer)
	out := make([]string, len(pts))
	for i, p := range pts {
		out[i] = strings.TrimSpace(p.lead + "\n" + rich.Plain(p.content))
	}
	return out
}

// note is what directives inside or after a bullet say about its point.
type note struct {
	line     int
	label    string
	keywords []string
}

// authoring is what a question's directives say about its key points.
type authoring struct {
	stated []*directive // key points stated with point:, in file order
	// items are notes inside top-level bullets, by block and item index.
	items map[[2]int]*note
	// after are label and keywords directives at the top level, each after
	// the answer block of index at (-1: before any).
	after []placedDirective
}

type placedDirective struct {
	at int
	d  *directive
}

// keyPoints builds a question's key points from its answer and what its
// directives say, with the problems of directives that fit no point. Points
// stated with point: are at most MaxKeyPoints (more is a problem); the
// automatic ones may be more (see capKeyPoints).
func keyPoints(answer []rich.Block, auth authoring) ([]KeyPoint, []located) {
	if len(auth.stated) > 0 {
		return statedPoints(auth)
	}
	var problems []located
	pts := autoPoints(answer)
	out := make([]KeyPoint, len(pts))
	for i, p := range pts {
		out[i] = newKeyPoint(p.content)
	}
	labelled := map[int]bool{}
	apply := func(i int, n note) {
		if n.label != "" {
			if labelled[i] {
				problems = append(problems, located{n.line, "label: given twice for one key point"})
			}
			labelled[i] = true
			out[i].Label = n.label
		}
		out[i].Keywords = append(out[i].Keywords, n.keywords...)
	}
	for ref, n := range sortedNotes(auth.items) {
		i := slices.IndexFunc(pts, func(p autoPoint) bool { return p.block == ref[0] && p.item == ref[1] })
		if i < 0 {
			problems = append(problems, located{n.line, "this bullet is empty, so it is no key point: its label or keywords belong to nothing"})
			continue
		}
		apply(i, *n)
	}
	for _, pd := range auth.after {
		i := -1
		for j, p := range pts {
			if p.block <= pd.at {
				i = j
			}
		}
		if i < 0 {
			problems = append(problems, located{pd.d.line, directiveName(pd.d) + ": belongs inside a bullet (indented under its text) or right after it; here it follows no key point"})
			continue
		}
		apply(i, note{line: pd.d.line, label: pd.d.label, keywords: pd.d.keywords})
	}
	return out, problems
}

// capKeyPoints keeps the first MaxKeyPoints of a question's key points,
// warning when it leaves any out. More points stated with point: refuse
// the bank (see statedPoints), as their author chose each; automatic ones
// were not chosen, so the bank stays usable, but those left out are in no
// checklist and score no typed answer, which the author must hear of.
func (p *fileParser) capKeyPoints(q *Question, kps []KeyPoint) []KeyPoint {
	if len(kps) <= MaxKeyPoints {
		return kps
	}
	p.warn(q.Line, "question %q has %d key points: only the first %d are kept, and from %q on they are in no checklist and score no typed answer; group them under fewer bullets, or state the points with point:",
		q.Title, len(kps), MaxKeyPoints, Truncate(firstLine(kps[MaxKeyPoints].Text), labelRunes))
	return kps[:MaxKeyPoints]
}

// statedPoints are the key points a question states with point: directives.
func statedPoints(auth authoring) ([]KeyPoint, []located) {
	var problems []located
	for _, n := range sortedNotes(auth.items) {
		problems = append(problems, located{n.line, "this question states its key points with point:, so a bullet's label or keywords belong to none: put them in the point: comment"})
	}
	out := make([]KeyPoint, 0, len(auth.stated))
	for _, d := range auth.stated {
		kp := newKeyPoint([]rich.Block{rich.Text(d.point)})
		if d.label != "" {
			kp.Label = d.label
		}
		kp.Keywords = slices.Clone(d.keywords)
		out = append(out, kp)
	}
	for _, pd := range auth.after {
		i := -1
		for j, d := range auth.stated {
			if d.line < pd.d.line {
				i = j
			}
		}
		if i < 0 {
			problems = append(problems, located{pd.d.line, directiveName(pd.d) + ": comes before any point: it belongs to none"})
			continue
		}
		if pd.d.label != "" {
			out[i].Label = pd.d.label
		}
		out[i].Keywords = append(out[i].Keywords, pd.d.keywords...)
	}
	if len(out) > MaxKeyPoints {
		problems = append(problems, located{auth.stated[MaxKeyPoints].line, fmt.Sprintf("more than %d key points: a checklist this long is not ticked through", MaxKeyPoints)})
		out = out[:MaxKeyPoints]
	}
	return out, problems
}

// sortedNotes yields notes in file order.
func sortedNotes(items map[[2]int]*note) func(func([2]int, *note) bool) {
	refs := make([][2]int, 0, len(items))
	for r := range items {
		refs = append(refs, r)
	}
	slices.SortFunc(refs, func(a, b [2]int) int { return items[a].line - items[b].line })
	return func(yield func([2]int, *note) bool) {
		for _, r := range refs {
			if !yield(r, items[r]) {
				return
			}
		}
	}
}

// directiveName names a label or keywords directive in a message.
func directiveName(d *directive) string {
	if d.label != "" && d.keywords == nil {
		return dirLabel
	}
	return dirKeywords
}

// newKeyPoint is the key point showing content, labelled automatically.
func newKeyPoint(content []rich.Block) KeyPoint {
	text := rich.Plain(content)
	return KeyPoint{Text: text, Label: label(firstLine(text)), Content: content}
}

// firstLine is the first line of s, trimmed.
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(s)
}

// Sentences splits text at sentence ends (Chinese and Latin), semicolons and
// line ends, dropping fragments too short to be a point. A full stop ends a
// sentence only before white space or the end of the text, so that
// "cluster.local" and "v1.8" stay whole.
func Sentences(text string) []string {
	ranges := sentenceRanges(text)
	out := make([]string, len(ranges))
	for i, r := range ranges {
		out[i] = text[r[0]:r[1]]
	}
	return out
}

// sentenceRanges are the byte ranges of Sentences in text.
func sentenceRanges(text string) [][2]int {
	var out [][2]int
	start := 0
	flush := func(end int) {
		s, e := start, end
		start = end
		for s < e {
			r, n := utf8.DecodeRuneInString(text[s:e])
			if !unicode.IsSpace(r) {
				break
			}
			s += n
		}
		for e > s {
			r, n := utf8.DecodeLastRuneInString(text[s:e])
			if !unicode.IsSpace(r) && !strings.ContainsRune("；;，,、", r) {
				break
			}
			e -= n
		}
		if utf8.RuneCountInString(text[s:e]) >= 4 {
			out = append(out, [2]int{s, e})
		}
	}
	// Inside brackets a full stop ends nothing; a sentence followed by a
	// bracketed note ends after the note.
	depth, pending := 0, false
	end := func(at int) {
		if pending = noteFollows(text[at:]); !pending {
			flush(at)
		}
	}
	for i, r := range text {
		next := i + utf8.RuneLen(r)
		switch r {
		case '（', '(':
			depth++
		case '）', ')':
			if depth = max(depth-1, 0); depth == 0 && pending {
				end(next)
			}
		case '\n':
			depth, pending = 0, false
			flush(next)
		case '。', '；', ';', '！', '？', '!', '?':
			if depth == 0 {
				end(next)
			}
		case '.':
			after, _ := utf8.DecodeRuneInString(text[next:])
			if depth == 0 && (next == len(text) || unicode.IsSpace(after)) {
				end(next)
			}
		}
	}
	flush(len(text))
	return out
}

// noteFollows reports whether rest starts with a bracketed remark
// ("…被拒绝；（注：…）"), which belongs to the sentence before it.
func noteFollows(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	return strings.HasPrefix(rest, "（") || strings.HasPrefix(rest, "(")
}

// sliceSpans is the part of spans covering bytes [from, to) of their joined
// text, styles kept.
func sliceSpans(spans []rich.Span, from, to int) []rich.Span {
	var out []rich.Span
	pos := 0
	for _, s := range spans {
		start, end := pos, pos+len(s.Text)
		pos = end
		lo, hi := max(start, from), min(end, to)
		if lo >= hi {
			continue
		}
		s.Text = s.Text[lo-start : hi-start]
		out = append(out, s)
	}
	return out
}

// labelLeadIns end (or, for the first two, appear in) the text before a
// colon when that text leads into its content instead of naming it:
// "pod的DNS域名格式为：…", "CSI包括…：".
var labelLeadIns = []string{"包括", "如下", "以下", "为", "是", "有", "即"}

// label is a short form of a key point's first line: the name before a
// colon ("节点管理 : …" → "节点管理", "1）BestEffort：…" → "BestEffort"),
// else the line cut at labelRunes. A head that leads into its content
// ("pod的DNS域名格式为：") or holds a clause ("ReadWriteOnce，简写：") is no
// name.
func label(t string) string {
	if head, ok := labelHead(t); ok {
		return head
	}
	if trimmed := strings.TrimRight(t, "；;，,。、 "); trimmed != "" {
		t = trimmed
	}
	return Truncate(t, labelRunes)
}

// labelHead is the name before the first colon of t, when there is one.
func labelHead(t string) (string, bool) {
	i := strings.IndexAny(t, ":：")
	if i < 0 {
		return "", false
	}
	head := strings.TrimSpace(numberedLine.ReplaceAllString(t[:i], ""))
	if n := utf8.RuneCountInString(head); n < 2 || n > labelRunes || strings.ContainsAny(head, "，,。；;") {
		return "", false
	}
	for k, w := range labelLeadIns {
		if k < 2 && strings.Contains(head, w) || strings.HasSuffix(head, w) {
			return "", false
		}
	}
	return head, true
}

// Truncate cuts s to at most n characters, ending in "…" when it cut,
// between grapheme clusters (an emoji sequence, a flag, a letter with its
// accents stays whole; see rich.Prefix). It does not cut inside a Latin
// word ("service", "kube-proxy") but before it, unless the word is all
// that would be left.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	kept := rich.Prefix(s, n-1, utf8.RuneCountInString)
	if next, _ := utf8.DecodeRuneInString(s[len(kept):]); isLatinWordRune(next) {
		// Before an ASCII letter, digit, hyphen or underscore is always a
		// cluster's edge.
		if word := strings.TrimRightFunc(kept, isLatinWordRune); strings.TrimSpace(word) != "" {
			kept = word
		}
	}
	return strings.TrimSpace(kept) + rich.Ellipsis
}

// isLatinWordRune reports whether r is part of a Latin word or name:
// an ASCII letter or digit, or a hyphen or underscore joining them.
func isLatinWordRune(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_')
}
