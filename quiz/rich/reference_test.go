package rich

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// splitReference is Split as it was before it was made linear: it
// re-measures the growing chunk for every block and line. The property
// tests check that Split gives exactly its chunks.
func splitReference(blocks []Block, limit int, size func([]Block) int) [][]Block {
	var atoms []Block
	for _, b := range blocks {
		atoms = append(atoms, fitReference(b, limit, size)...)
	}
	var chunks [][]Block
	var cur []Block
	for _, a := range atoms {
		next := append(append([]Block(nil), cur...), a)
		if len(cur) > 0 && size(next) > limit {
			chunks = append(chunks, cur)
			next = []Block{a}
		}
		cur = next
	}
	if len(cur) > 0 {
		chunks = append(chunks, cur)
	}
	return chunks
}

// fitReference cuts b into blocks that each measure at most limit.
func fitReference(b Block, limit int, size func([]Block) int) []Block {
	if size([]Block{b}) <= limit {
		return []Block{b}
	}
	var out []Block
	switch b.Kind {
	case List:
		if len(b.Items) > 1 {
			for i, item := range b.Items {
				one := b
				one.Items = [][]Block{item}
				one.Start = b.Start + i
				out = append(out, fitReference(one, limit, size)...)
			}
			return out
		}
		if len(b.Items) == 1 && len(b.Items[0]) > 1 {
			// One item of several blocks: the first keeps the marker.
			first := b
			first.Items = [][]Block{b.Items[0][:1]}
			out = append(out, fitReference(first, limit, size)...)
			for _, inner := range b.Items[0][1:] {
				out = append(out, fitReference(inner, limit, size)...)
			}
			return out
		}
		if len(b.Items) == 1 && len(b.Items[0]) == 1 {
			// A single item of one block: drop the list around it.
			return fitReference(b.Items[0][0], limit, size)
		}
		return []Block{b}
	case Quote:
		for _, c := range b.Children {
			for _, part := range fitReference(c, limit, size) {
				q := Block{Kind: Quote, Children: []Block{part}}
				if size([]Block{q}) > limit {
					out = append(out, part) // the quote mark itself does not fit
				} else {
					out = append(out, q)
				}
			}
		}
		return out
	case Code:
		return cutTextReference(b.Text, "\n", limit, size, func(s string) Block {
			return Block{Kind: Code, Lang: b.Lang, Text: s}
		})
	default:
		// A paragraph: cut between lines, keeping each span's style.
		return cutSpansReference(b.Spans, limit, size)
	}
}

// cutTextReference packs the lines of text into blocks made by mk, each fitting.
func cutTextReference(text, sep string, limit int, size func([]Block) int, mk func(string) Block) []Block {
	var out []Block
	cur := ""
	for _, line := range strings.SplitAfter(text, sep) {
		if line == "" {
			continue
		}
		if size([]Block{mk(strings.TrimSuffix(cur+line, sep))}) <= limit {
			cur += line
			continue
		}
		if cur != "" {
			out = append(out, mk(strings.TrimSuffix(cur, sep)))
			cur = ""
		}
		if size([]Block{mk(strings.TrimSuffix(line, sep))}) <= limit {
			cur = line
			continue
		}
		// One line too long: cut it between characters.
		for _, part := range cutRunesReference(strings.TrimSuffix(line, sep), limit, size, mk) {
			out = append(out, mk(part))
		}
	}
	if strings.TrimSuffix(cur, sep) != "" {
		out = append(out, mk(strings.TrimSuffix(cur, sep)))
	}
	return out
}

// cutRunesReference cuts s into parts that fit: each the longest prefix of
// whole grapheme clusters that fits, found by binary search, then ended
// at the gentlest edge in its last fifth (edgeReference), if that fits
// too; a cluster too large alone is cut into the longest prefixes of its
// characters that fit.
func cutRunesReference(s string, limit int, size func([]Block) int, mk func(string) Block) []string {
	var units []string
	for g := uniseg.NewGraphemes(string([]rune(s))); g.Next(); {
		units = append(units, g.Str())
	}
	fits := func(units []string) bool { return size([]Block{mk(strings.Join(units, ""))}) <= limit }
	var out []string
	for len(units) > 0 {
		lo, hi := 1, len(units) // the longest fitting prefix is in [lo, hi]
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if fits(units[:mid]) {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		if lo == 1 && !fits(units[:1]) && utf8.RuneCountInString(units[0]) > 1 {
			out = append(out, cutClusterReference(units[0], limit, size, mk)...)
			units = units[1:]
			continue
		}
		if lo < len(units) {
			if edge := edgeReference(units, lo); fits(units[:edge]) {
				lo = edge
			}
		}
		out = append(out, strings.Join(units[:lo], ""))
		units = units[lo:]
	}
	return out
}

// edgeReference is where, among the first lo units (more follow), a part
// best ends: the last edge in the last fifth after 。！？； or after .!?;
// followed by a space, else the last after ，、 or next to a space, else
// the last not between two letters or digits of a word (Chinese and
// Japanese characters are no such letters), else lo; moved on past any
// spaces and closing marks that follow, up to lo.
func edgeReference(units []string, lo int) int {
	letter := func(r rune) bool {
		return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_') &&
			!unicode.Is(unicode.Han, r) && !unicode.Is(unicode.Hiragana, r) && !unicode.Is(unicode.Katakana, r)
	}
	rank := func(j int) int {
		before, _ := utf8.DecodeLastRuneInString(units[j-1])
		after, _ := utf8.DecodeRuneInString(units[j])
		space := unicode.IsSpace(after)
		switch {
		case before == '。' || before == '！' || before == '？' || before == '；',
			(before == '.' || before == '!' || before == '?' || before == ';') && space:
			return 3
		case before == '，' || before == '、' || unicode.IsSpace(before) || space:
			return 2
		case !(letter(before) && letter(after)):
			return 1
		}
		return 0
	}
	best := lo
search:
	for r := 3; r > 0; r-- {
		for j := lo; j >= max(1, lo-lo/5); j-- {
			if rank(j) == r {
				best = j
				break search
			}
		}
	}
	for best < lo {
		after, _ := utf8.DecodeRuneInString(units[best])
		if !unicode.IsSpace(after) && !unicode.Is(unicode.Pe, after) && !unicode.Is(unicode.Pf, after) {
			break
		}
		best++
	}
	return best
}

// cutClusterReference cuts s into the longest prefixes of its characters
// that fit, by binary search.
func cutClusterReference(s string, limit int, size func([]Block) int, mk func(string) Block) []string {
	var out []string
	r := []rune(s)
	for len(r) > 0 {
		lo, hi := 1, len(r) // the longest fitting prefix is in [lo, hi]
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if size([]Block{mk(string(r[:mid]))}) <= limit {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		out = append(out, string(r[:lo]))
		r = r[lo:]
	}
	return out
}

// cutSpansReference splits a paragraph's spans at line breaks into paragraphs that
// fit, cutting an overlong line between characters.
func cutSpansReference(spans []Span, limit int, size func([]Block) int) []Block {
	// Lines of spans: a span holding "\n" ends a line.
	var lines [][]Span
	var line []Span
	for _, s := range spans {
		parts := strings.Split(s.Text, "\n")
		for i, p := range parts {
			if p != "" {
				line = append(line, Span{Text: p, Style: s.Style, URL: s.URL})
			}
			if i < len(parts)-1 {
				lines = append(lines, line)
				line = nil
			}
		}
	}
	lines = append(lines, line)

	var out []Block
	var cur []Span
	join := func(a []Span, b []Span) []Span {
		if len(a) == 0 {
			return append([]Span(nil), b...)
		}
		return append(append(append([]Span(nil), a...), Span{Text: "\n"}), b...)
	}
	for _, l := range lines {
		if size([]Block{Para(join(cur, l)...)}) <= limit {
			cur = join(cur, l)
			continue
		}
		if len(cur) > 0 {
			out = append(out, Para(cur...))
			cur = nil
		}
		if size([]Block{Para(l...)}) <= limit {
			cur = l
			continue
		}
		for _, s := range l {
			for _, part := range cutRunesReference(s.Text, limit, size, func(t string) Block {
				return Para(Span{Text: t, Style: s.Style, URL: s.URL})
			}) {
				out = append(out, Para(Span{Text: part, Style: s.Style, URL: s.URL}))
			}
		}
	}
	if len(cur) > 0 {
		out = append(out, Para(cur...))
	}
	return out
}
