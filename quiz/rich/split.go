package rich

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Split groups blocks into chunks whose size, as size measures them, is at
// most limit: each adapter measures in its own markup (Slack mrkdwn,
// Telegram HTML) and renders each chunk as one section or message.
//
// Blocks are kept whole where they fit. A block that alone is too large is
// cut at the gentlest place that works: a list between items (numbering
// continues), a paragraph or code block between lines, a quote inside its
// children; only a single line that is itself too large is cut inside,
// between grapheme clusters (never inside an emoji or a flag), at the
// gentlest edge near where it must be cut: after a sentence, else at a
// space or comma, else between words, and only inside a word when none of
// these is near (see gentlest). Every character of the input is in exactly
// one chunk, in order. Chunks are packed greedily, each as long as it can
// be but for that edge.
//
// size must add up, as a renderer that writes one thing after another
// does: blocks measure together what each measures alone plus a constant
// for each boundary between two, and so do the lines of a paragraph (its
// spans, cut at line breaks and joined by a "\n" span) and of a code block.
// A block must measure at least what a first part of it does: a paragraph
// or code block its text before a line break, a list its first items, a
// quote its first children; and a line too long for any chunk at least
// what each of its prefixes does.
//
// Split learns the constants by measuring tiny blocks, then adds sizes
// rather than measuring every candidate chunk, so that it measures each
// character about once and its cost is linear in the answer's length: a
// block too large is told by a first part, not measured whole; where a
// chunk goes on, the lines of a block it cuts are measured together, as
// many as should fit (one by one only where it ends); a line too long for
// any chunk is cut by measuring its prefixes, and the edge where a part
// ends is looked for among its last fifth only.
func Split(blocks []Block, limit int, size func([]Block) int) [][]Block {
	c := cutter{limit: limit, size: size, one: make([]Block, 1)}
	for _, b := range blocks {
		c.fit(b)
	}
	a, b := Text("a"), Text("b")
	between := size([]Block{a, b}) - size([]Block{a}) - size([]Block{b})
	var chunks [][]Block
	for _, r := range runs(c.sizes, between, limit) {
		// A block too large even alone is a chunk of its own.
		chunks = append(chunks, c.blocks[r.from:r.to:r.to])
	}
	return chunks
}

// cutter cuts blocks into atoms, blocks that each measure at most limit
// (bar a single character too large), and keeps their sizes.
type cutter struct {
	limit int
	size  func([]Block) int
	// blocks are the atoms so far, sizes their sizes.
	blocks []Block
	sizes  []int
	// one is the slice measure passes to size, reused rather than made
	// for every line.
	one []Block
}

// measure is the size of b alone.
func (c *cutter) measure(b Block) int {
	c.one[0] = b
	size := c.size(c.one)
	c.one[0] = Block{}
	return size
}

func (c *cutter) add(b Block, size int) {
	c.blocks = append(c.blocks, b)
	c.sizes = append(c.sizes, size)
}

// joinCost is what joining one and other into joined adds to their sizes.
func (c *cutter) joinCost(one, other, joined Block) int {
	return c.measure(joined) - c.measure(one) - c.measure(other)
}

// fit adds b as atoms, cut where it does not fit.
func (c *cutter) fit(b Block) {
	size, ok := c.alone(b)
	if ok {
		c.add(b, size)
		return
	}
	switch b.Kind {
	case List:
		switch {
		case len(b.Items) > 1:
			for i, item := range b.Items {
				one := b
				one.Items = [][]Block{item}
				one.Start = b.Start + i
				c.fit(one)
			}
		case len(b.Items) == 1 && len(b.Items[0]) > 1:
			// One item of several blocks: the first keeps the marker.
			first := b
			first.Items = [][]Block{b.Items[0][:1]}
			c.fit(first)
			for _, inner := range b.Items[0][1:] {
				c.fit(inner)
			}
		case len(b.Items) == 1:
			// A single item of one block: drop the list around it.
			c.fit(b.Items[0][0])
		default:
			c.add(b, size)
		}
	case Quote:
		for _, child := range b.Children {
			from := len(c.blocks)
			c.fit(child)
			for i := from; i < len(c.blocks); i++ {
				q := Block{Kind: Quote, Children: []Block{c.blocks[i]}}
				// Unless the quote mark itself does not fit, the part is quoted.
				if size := c.measure(q); size <= c.limit {
					c.blocks[i], c.sizes[i] = q, size
				}
			}
		}
	case Code:
		c.cutCode(b)
	default:
		// A paragraph: cut between lines, keeping each span's style.
		c.cutSpans(b.Spans, size)
	}
}

// alone is the size of b and whether it fits alone; for one that does not,
// the size may be any over the limit. A block is first measured by a first
// part (see firstPart), then one twice as large, and so on: one that does
// not fit is not measured whole, as a block measures at least what a
// first part of it does.
func (c *cutter) alone(b Block) (int, bool) {
	for n, k := max(c.limit, 1), 1; ; n, k = 2*n, 2*k {
		first, ok := firstPart(b, n, k)
		if !ok {
			break
		}
		if size := c.measure(first); size > c.limit {
			return size, false
		}
	}
	size := c.measure(b)
	return size, size <= c.limit
}

// firstPart is a first part of b, if it is not all of b: of a paragraph
// or code block, the text before the first line break after its first n
// bytes; of a list, its first k items; of a quote, its first k children.
func firstPart(b Block, n, k int) (Block, bool) {
	first := b
	switch b.Kind {
	case Code:
		if n >= len(b.Text) {
			return Block{}, false
		}
		end := strings.IndexByte(b.Text[n:], '\n')
		if end < 0 {
			return Block{}, false
		}
		first.Text = b.Text[:n+end]
		return first, true
	case Paragraph:
		for i, s := range b.Spans {
			if n >= len(s.Text) {
				n -= len(s.Text)
				continue
			}
			end := strings.IndexByte(s.Text[n:], '\n')
			if end < 0 {
				n = 0 // the break after n bytes is in a later span
				continue
			}
			last := s
			last.Text = s.Text[:n+end]
			return Para(append(b.Spans[:i:i], last)...), true
		}
	case List:
		if k < len(b.Items) {
			first.Items = b.Items[:k:k]
			return first, true
		}
	case Quote:
		if k < len(b.Children) {
			first.Children = b.Children[:k:k]
			return first, true
		}
	}
	return Block{}, false
}

// run is items[from:to] of a sequence, packed together, and its size.
type run struct {
	from, to int
	size     int
}

// over reports whether r is a single item too large alone.
func (r run) over(limit int) bool { return r.to-r.from == 1 && r.size > limit }

// runs packs items of the given sizes into consecutive runs, greedily: a
// run takes the next item while, with it, it measures at most limit. Two
// items joined measure their sizes plus join.
func runs(sizes []int, join, limit int) []run {
	seq := sequence{n: len(sizes), join: join, sizes: sizes}
	return seq.runs(limit)
}

// sequence is the lines of a block (or any items) to pack into runs, with
// what joining two costs. Lines are measured lazily, by measure: one by one
// where a run starts or may end, several together where it goes on.
type sequence struct {
	n, join int
	// measure is the size of lines i..j-1 together.
	measure func(i, j int) int
	// empty, if not nil, tells an empty line: one starting a run is
	// dropped when the run goes on, as cutSpans drops the empty lines a
	// paragraph would start with.
	empty func(i int) bool
	// sizes, if given, are the sizes of the lines, which are then not
	// measured one by one.
	sizes []int
	// last is the line last measured alone, and lastSize its size: the
	// line that does not fit in one run starts the next.
	last, lastSize int
	// emptySize is the size of an empty line, -1 until measured: all are
	// the same block.
	emptySize int
}

// extraLines is how many more lines than twice its own a run measures
// together.
const extraLines = 32

func (l *sequence) isEmpty(i int) bool { return l.empty != nil && l.empty(i) }

func (l *sequence) size(i int) int {
	if l.sizes != nil {
		return l.sizes[i]
	}
	if l.isEmpty(i) {
		if l.emptySize < 0 {
			l.emptySize = l.measure(i, i+1)
		}
		return l.emptySize
	}
	if l.last != i {
		l.last, l.lastSize = i, l.measure(i, i+1)
	}
	return l.lastSize
}

// more takes, after a run of lines lines measuring size that ends before
// line to, as many of the next lines as should fit at the run's size per
// line, measured together, or if they do not fit, as many as should at
// their own size per line, and so on; it returns how many it took (none
// once fewer than two should fit) and the run's size with them. Lines
// only add to a size, so each line taken would have been taken alone. At
// most twice the run's lines, and extraLines more, are measured at once, so
// that a guess from a few lines wastes little.
func (l *sequence) more(to, size, lines, limit int) (int, int) {
	room, per := limit-size-l.join, size+l.join
	if room <= 0 {
		return 0, size
	}
	k := min(l.n-to, 2*lines+extraLines)
	if per > 0 {
		k = min(k, room*lines/per)
	}
	for k >= 2 {
		s := l.measure(to, to+k)
		if s <= room {
			return k, size + l.join + s
		}
		k = min(k-1, room*k/s)
	}
	return 0, size
}

// runs packs the lines greedily: a run takes the next line while, with it,
// it measures at most limit.
func (l *sequence) runs(limit int) []run {
	l.last, l.emptySize = -1, -1
	var out []run
	for from := 0; from < l.n; {
		size, started := l.size(from), !l.isEmpty(from)
		to := from + 1
		for to < l.n {
			if started && l.measure != nil {
				if k, next := l.more(to, size, to-from, limit); k > 0 {
					size, to = next, to+k
					continue
				}
			}
			next := l.size(to)
			if started {
				next += size + l.join
			}
			if next > limit {
				break
			}
			size, started = next, started || !l.isEmpty(to)
			to++
		}
		out = append(out, run{from: from, to: to, size: size})
		from = to
	}
	return out
}

// cutCode adds a code block cut between lines, cutting an overlong line
// at its gentlest edges (cutLine).
func (c *cutter) cutCode(b Block) {
	mk := func(s string) Block { return Block{Kind: Code, Lang: b.Lang, Text: s} }
	// starts[i] is where line i begins in b.Text; each line keeps its "\n".
	var starts []int
	for at := 0; at < len(b.Text); {
		starts = append(starts, at)
		if nl := strings.IndexByte(b.Text[at:], '\n'); nl >= 0 {
			at += nl + 1
		} else {
			at = len(b.Text)
		}
	}
	n := len(starts)
	starts = append(starts, len(b.Text))
	text := func(i, j int) string { return strings.TrimSuffix(b.Text[starts[i]:starts[j]], "\n") }

	code := sequence{n: n, join: c.joinCost(mk("a"), mk("b"), mk("a\nb")), measure: func(i, j int) int { return c.measure(mk(text(i, j))) }}
	for _, r := range code.runs(c.limit) {
		switch {
		case r.over(c.limit):
			c.cutLine(text(r.from, r.to), mk)
		case r.to == n && text(r.from, r.to) == "":
			// A last line holding only its line break shows nothing.
		default:
			c.add(mk(text(r.from, r.to)), r.size)
		}
	}
}

// cutSpans adds a paragraph's spans cut at line breaks into paragraphs
// that fit, cutting an overlong line at its gentlest edges. Empty lines at
// the start of a paragraph are dropped, as are paragraphs left empty.
// size is the paragraph's, over the limit.
func (c *cutter) cutSpans(spans []Span, size int) {
	// flat holds the lines' spans, a "\n" span between two lines; line i
	// is flat[starts[i]:ends[i]].
	lines, parts := 1, 0
	for _, s := range spans {
		breaks := strings.Count(s.Text, "\n")
		lines += breaks
		parts += breaks + 1 - emptyParts(s.Text)
	}
	flat := make([]Span, 0, parts+lines-1)
	starts, ends := make([]int32, 1, lines), make([]int32, 0, lines)
	for _, s := range spans {
		rest := s.Text
		for i := 0; ; i++ {
			part, after, more := strings.Cut(rest, "\n")
			// Spans are set field by field: appending a whole Span
			// costs a bulk write barrier while the collector runs.
			if i > 0 {
				ends = append(ends, int32(len(flat)))
				flat = flat[:len(flat)+1]
				flat[len(flat)-1].Text = "\n"
				starts = append(starts, int32(len(flat)))
			}
			if part != "" {
				flat = flat[:len(flat)+1]
				last := &flat[len(flat)-1]
				last.Text, last.Style, last.URL = part, s.Style, s.URL
			}
			if !more {
				break
			}
			rest = after
		}
	}
	ends = append(ends, int32(len(flat)))
	empty := func(i int) bool { return starts[i] == ends[i] }

	para := sequence{
		n:     len(starts),
		join:  c.joinCost(Text("a"), Text("b"), Para(Span{Text: "a"}, Span{Text: "\n"}, Span{Text: "b"})),
		empty: empty,
		// Lines i..j-1 as they are in the paragraph, even empty ones first.
		measure: func(i, j int) int { return c.measure(Para(flat[starts[i]:ends[j-1]:ends[j-1]]...)) },
	}
	if len(starts) == 1 && len(flat) == len(spans) {
		// One line, the paragraph itself: it does not fit.
		para.sizes = []int{size}
	}
	for _, r := range para.runs(c.limit) {
		if r.over(c.limit) {
			for _, s := range flat[starts[r.from]:ends[r.from]] {
				c.cutLine(s.Text, func(t string) Block { return Para(Span{Text: t, Style: s.Style, URL: s.URL}) })
			}
			continue
		}
		from := r.from
		for from < r.to && empty(from) {
			from++
		}
		if from < r.to {
			end := ends[r.to-1]
			c.add(Para(flat[starts[from]:end:end]...), r.size)
		}
	}
}

// emptyParts is how many of the parts of s, cut at line breaks, are empty.
func emptyParts(s string) int {
	n := 0
	for at := 0; ; {
		end := strings.IndexByte(s[at:], '\n')
		if end == 0 {
			n++
		}
		if end < 0 {
			if at == len(s) {
				n++
			}
			return n
		}
		at += end + 1
	}
}

// cutLine adds s, a line too large for any chunk, cut into parts that
// fit, made blocks by mk (see cutUnits): the parts end between grapheme
// clusters, so that no emoji, flag or accented letter is torn apart.
func (c *cutter) cutLine(s string, mk func(string) Block) {
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // each invalid byte a U+FFFD, as it is cut
	}
	c.cutUnits(s, clusterStarts(s), true, mk)
}

// clusterStarts is where each grapheme cluster of s begins, and len(s)
// last; nil when every byte is a cluster of its own (ASCII with no
// "\r\n").
func clusterStarts(s string) []int32 {
	if utf8.RuneCountInString(s) == len(s) && !strings.Contains(s, "\r\n") {
		return nil
	}
	starts := make([]int32, 0, len(s)/2+1)
	state := -1
	for at := 0; at < len(s); {
		starts = append(starts, int32(at))
		var cluster string
		cluster, _, _, state = uniseg.FirstGraphemeClusterInString(s[at:], state)
		at += len(cluster)
	}
	return append(starts, int32(len(s)))
}

// runeStarts is where each character of s begins, and len(s) last; nil
// when every character is one byte.
func runeStarts(s string) []int32 {
	n := utf8.RuneCountInString(s)
	if n == len(s) {
		return nil
	}
	starts := make([]int32, 0, n+1)
	for i := range s {
		starts = append(starts, int32(i))
	}
	return append(starts, int32(len(s)))
}

// cutUnits adds s cut into parts that fit, made blocks by mk, each part
// whole units of s: unit i is s[starts[i]:starts[i+1]] (a byte each when
// starts is nil). A part is the longest prefix that fits, ended at the
// gentlest edge near its end (see gentlest); clusters tells the units are
// grapheme clusters, one of which, too large alone, is cut between its
// characters; a single character too large is a part all the same.
//
// Each longest prefix is guessed as long as the one before (the first,
// one unit), then found by galloping from the guess and bisecting: O(log
// k) measures of at most 2k units for a prefix of k. The parts are slices
// of s, not copies.
func (c *cutter) cutUnits(s string, starts []int32, clusters bool, mk func(string) Block) {
	// offset is where unit i begins in s.
	offset := func(i int) int {
		if starts == nil {
			return i
		}
		return int(starts[i])
	}
	at, left := 0, len(s) // the units not yet added are at..at+left-1
	if starts != nil {
		left = len(starts) - 1
	}
	prefix := func(k int) string { return s[offset(at):offset(at+k)] }
	guess := 1
	for left > 0 {
		// A prefix of lo units, measuring loSize (-1: not measured), fits
		// or is one unit, taken all the same; one of hi, if hi <= left,
		// does not fit.
		lo, loSize, hi := 1, -1, left+1
		try := func(k int) bool {
			size := c.measure(mk(prefix(k)))
			if size > c.limit {
				hi = k
				return false
			}
			lo, loSize = k, size
			return true
		}
		if try(min(guess, left)) {
			for step := 1; lo < left && try(min(lo+step, left)); step *= 2 {
			}
		} else {
			for step := 1; hi-step > lo && !try(hi-step); step *= 2 {
			}
		}
		for hi-lo > 1 {
			try(lo + (hi-lo)/2)
		}
		guess = lo
		if lo == 1 && loSize < 0 && clusters {
			if one := prefix(1); utf8.RuneCountInString(one) > 1 {
				// A cluster too large alone: cut between its characters.
				c.cutUnits(one, runeStarts(one), false, mk)
				at, left = at+1, left-1
				continue
			}
		}
		if lo < left {
			edge := gentlest(lo, func(j int) (rune, rune) {
				before, _ := utf8.DecodeLastRuneInString(s[:offset(at+j)])
				after, _ := utf8.DecodeRuneInString(s[offset(at+j):])
				return before, after
			})
			if edge < lo {
				if size := c.measure(mk(prefix(edge))); size <= c.limit {
					lo, loSize = edge, size
				}
			}
		}
		if loSize < 0 {
			loSize = c.measure(mk(prefix(lo)))
		}
		c.add(mk(prefix(lo)), loSize)
		at, left = at+lo, left-lo
	}
}

// lookBack is the share of the longest part that fits which gentlest may
// give up for a gentler edge: a part is never shorter than 1-1/lookBack
// of it.
const lookBack = 5

// The edges a line may be cut at, gentlest last.
const (
	inWord     = iota // between two characters of a word
	between           // between words, or between two CJK characters
	atPause           // at a space or a comma
	atSentence        // after a sentence
)

// gentlest is where, of the first lo units of a line's remainder (more of
// it follow), a part best ends: the last edge after a sentence among the
// last lo/lookBack units, else the last at a space or comma there, else
// the last between words, else lo itself; moved past the spaces and
// closing marks after it while they fit. around(j) are the characters
// either side of the edge before unit j.
func gentlest(lo int, around func(j int) (rune, rune)) int {
	best, bestKind := lo, -1
	for j := lo; j >= max(1, lo-lo/lookBack) && bestKind < atSentence; j-- {
		if kind := edgeKind(around(j)); kind > bestKind {
			best, bestKind = j, kind
		}
	}
	for best < lo {
		if _, after := around(best); !unicode.IsSpace(after) && !unicode.In(after, unicode.Pe, unicode.Pf) {
			break
		}
		best++
	}
	return best
}

// edgeKind is how gentle an edge between the characters before and after
// is: ASCII punctuation ends a sentence only before a space (not in 3.14
// or kubelet.io), full-width punctuation anywhere.
func edgeKind(before, after rune) int {
	b, a := classOf(before), classOf(after)
	switch {
	case b == fullStop || b == stop && a == space:
		return atSentence
	case b == pause || b == space || a == space:
		return atPause
	case b == letter && a == letter:
		return inWord
	}
	return between
}

// charClass is what a character is to edgeKind.
type charClass uint8

// The classes of character.
const (
	other    charClass = iota
	space              // white space
	stop               // . ! ? ; which end a sentence before a space
	fullStop           // 。！？； which end a sentence
	pause              // ，、
	letter             // part of a word a cut would tear (see wordChar)
)

// asciiClasses are the classes of the ASCII characters, the most cut.
var asciiClasses = func() (classes [utf8.RuneSelf]charClass) {
	for r := range rune(utf8.RuneSelf) {
		classes[r] = classify(r)
	}
	return classes
}()

// classOf is r's class.
func classOf(r rune) charClass {
	if r >= 0 && r < utf8.RuneSelf {
		return asciiClasses[r]
	}
	return classify(r)
}

// classify works out r's class.
func classify(r rune) charClass {
	switch {
	case unicode.IsSpace(r):
		return space
	case strings.ContainsRune(".!?;", r):
		return stop
	case strings.ContainsRune("。！？；", r):
		return fullStop
	case strings.ContainsRune("，、", r):
		return pause
	case wordChar(r):
		return letter
	}
	return other
}

// wordChar reports whether r is part of a word that a cut would tear: a
// letter, digit or mark of a script that puts spaces between its words
// (Chinese and Japanese do not, so a cut between two of their characters
// tears nothing).
func wordChar(r rune) bool {
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && r != '_' {
		return false
	}
	return !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}
