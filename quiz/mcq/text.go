package mcq

import (
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// textIndex holds what generation reads about a bank's text as a whole. It
// is built and used by NewGenerator alone, then dropped.
type textIndex struct {
	bank *bank.Bank
	// pairs are the character pairs (see bigrams) of each question's title
	// and answer, by question ID.
	pairs map[string][]uint64
	// pairCount counts the questions each pair is found in.
	pairCount map[uint64]int
	// common are the pairs found in more than commonShare of the questions:
	// words of the trade ("容器", "节点", "po") that name nothing in particular.
	common map[uint64]bool
	// titled are the pairs found in more than commonShare of the titles:
	// words that tell no title from the others ("pod", "Kubernetes").
	titled map[uint64]bool
	// answers are each answer's pairs that are not common, by question ID.
	answers map[string][]uint64
	// rarity weighs each topic by how few questions are on it.
	rarity map[string]float64
	// titles holds what distractor choice reads of each title, by question
	// ID.
	titles map[string]titleInfo
	// rare are the Latin words few answers name (see rareShare), folded;
	// focus are the rare words each answer is about, by question ID: those
	// it names twice or more, or its only one ("Raft" for "etcd集群节点之间是
	// 怎么同步数据的？").
	rare  map[string]bool
	focus map[string][]string
	// memo holds the character pairs of texts read again and again;
	// overlaps which pairs of questions overlap (see overlap), by their IDs
	// in order.
	memo     map[string][]uint64
	overlaps map[[2]string]bool
	// says are the units (see units) of each question's title, answer and
	// key points, by question ID; unitCount counts the questions each unit
	// is found in.
	says      map[string][]uint64
	unitCount map[uint64]int
}

// Shares of a bank: commonShare is the share of questions (or titles) a
// character pair must be in to be common; rareShare the most answers a
// Latin word may be in to be rare, and point to the answers naming it.
const (
	commonShare = 0.2
	rareShare   = 0.1
)

// titleInfo is what distractor choice reads of a title.
type titleInfo struct {
	words     []string // see titleWords
	runes     int
	families  []string // see familiesOf
	hanTopics []string // see hanTopics
	subject   string   // see soleSubject
}

func newTextIndex(b *bank.Bank) *textIndex {
	n := b.Len()
	ix := &textIndex{
		bank: b, pairs: make(map[string][]uint64, n), answers: make(map[string][]uint64, n),
		titles: make(map[string]titleInfo, n), rarity: map[string]float64{},
		rare: map[string]bool{}, focus: make(map[string][]string, n),
		memo: map[string][]uint64{}, overlaps: map[[2]string]bool{},
	}
	plain := make(map[string]string, n)
	inQuestions, inTitles := map[uint64]int{}, map[uint64]int{}
	for _, q := range b.Questions() {
		plain[q.ID] = rich.Plain(q.Answer)
		ix.pairs[q.ID] = bigrams(q.Title + "\n" + plain[q.ID])
		for _, bg := range ix.pairs[q.ID] {
			inQuestions[bg]++
		}
		for _, bg := range ix.pairsOf(q.Title) {
			inTitles[bg]++
		}
		ix.titles[q.ID] = titleInfo{
			words: titleWords(q.Title), runes: utf8.RuneCountInString(q.Title),
			hanTopics: hanTopics(b, q.Title), subject: soleSubject(q.Title),
		}
	}
	ix.pairCount = inQuestions
	ix.says, ix.unitCount = make(map[string][]uint64, n), map[uint64]int{}
	for _, q := range b.Questions() {
		text := []string{q.Title, plain[q.ID]}
		for _, kp := range q.KeyPoints {
			text = append(text, kp.Text)
		}
		ix.says[q.ID] = units(strings.Join(text, "\n"))
		for _, u := range ix.says[q.ID] {
			ix.unitCount[u]++
		}
	}
	ix.common, ix.titled = frequent(inQuestions, n), frequent(inTitles, n)
	for _, q := range b.Questions() {
		ix.answers[q.ID] = ix.distinctive(plain[q.ID])
	}
	ix.indexRareWords(plain)
	for _, tc := range b.TopicCounts() {
		ix.rarity[tc.Topic] = math.Log(1 + float64(n)/float64(tc.Count))
	}
	for _, q := range b.Questions() {
		info := ix.titles[q.ID]
		info.families = familiesOf(q, ix.rarity)
		ix.titles[q.ID] = info
	}
	return ix
}

// indexRareWords finds the rare Latin words of the answers (plain, by
// question ID) and those each answer is about.
func (ix *textIndex) indexRareWords(plain map[string]string) {
	words := make(map[string][]string, len(plain))
	inAnswers := map[string]int{}
	for id, answer := range plain {
		for _, w := range latinWords(answer) {
			if w = textnorm.Fold(w); len(w) >= 3 && !slices.Contains(words[id], w) {
				words[id] = append(words[id], w)
				inAnswers[w]++
			}
		}
	}
	for w, n := range inAnswers {
		if float64(n) <= rareShare*float64(len(plain)) {
			ix.rare[w] = true
		}
	}
	for id, answer := range plain {
		rare := slices.DeleteFunc(words[id], func(w string) bool { return !ix.rare[w] })
		for _, w := range rare {
			if len(rare) == 1 || textnorm.CountWord(answer, w) >= 2 {
				ix.focus[id] = append(ix.focus[id], w)
			}
		}
	}
}

// pairsOf is bigrams(s), computed once for each s.
func (ix *textIndex) pairsOf(s string) []uint64 {
	p, ok := ix.memo[s]
	if !ok {
		p = bigrams(s)
		ix.memo[s] = p
	}
	return p
}

// frequent are the pairs of counts found in more than commonShare of n.
func frequent(counts map[uint64]int, n int) map[uint64]bool {
	out := map[uint64]bool{}
	for bg, c := range counts {
		if float64(c) > commonShare*float64(n) {
			out[bg] = true
		}
	}
	return out
}

// distinctive are the pairs of s that are not common.
func (ix *textIndex) distinctive(s string) []uint64 {
	return slices.DeleteFunc(slices.Clone(ix.pairsOf(s)), func(bg uint64) bool { return ix.common[bg] })
}

// covers is the share of the distinctive pairs of s found in the answer of
// question id: how much of s that answer says too.
func (ix *textIndex) covers(id string, s []uint64) float64 {
	return shareIn(s, ix.pairs[id])
}

// shareIn is the share of the elements of s that the sorted set holds, 0
// for an empty s.
func shareIn(s, set []uint64) float64 {
	if len(s) == 0 {
		return 0
	}
	n := 0
	for _, x := range s {
		if has(set, x) {
			n++
		}
	}
	return float64(n) / float64(len(s))
}

// bigrams are the distinct pairs of adjacent letters or digits of s, read
// as textnorm.Fold reads it (NFKC, simplified characters, lower case),
// each packed in a uint64, sorted.
func bigrams(s string) []uint64 {
	var out []uint64
	var prev rune
	for _, r := range textnorm.Fold(s) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			prev = 0
			continue
		}
		if prev != 0 {
			out = append(out, uint64(prev)<<32|uint64(r))
		}
		prev = r
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// units are what sayings are compared by: the distinct Latin words of s
// (two letters or more), each one unit however long, and its pairs of
// adjacent Chinese characters, read as textnorm.Fold reads it, each packed
// in a uint64, sorted. A long identifier (maxUnavailable) weighs no more
// than a Chinese word.
func units(s string) []uint64 {
	s = textnorm.Fold(s)
	var out []uint64
	var prev rune
	word := -1
	flush := func(end int) {
		if word >= 0 && end-word >= 2 {
			h := fnv.New64a()
			h.Write([]byte(s[word:end]))
			out = append(out, h.Sum64()|1<<63) // Chinese pairs are below 1<<63
		}
		word = -1
	}
	for i, r := range s {
		switch {
		case isHan(r):
			flush(i)
			if prev != 0 {
				out = append(out, uint64(prev)<<32|uint64(r))
			}
			prev = r
			continue
		case r < utf8.RuneSelf && textnorm.IsWordByte(byte(r)):
			if word < 0 {
				word = i
			}
		default:
			flush(i)
		}
		prev = 0
	}
	flush(len(s))
	slices.Sort(out)
	return slices.Compact(out)
}

// saying are the units of text that tell what it says: those found in at
// most commonShare of the questions, and not in the sorted set except.
func (ix *textIndex) saying(text string, except []uint64) []uint64 {
	return slices.DeleteFunc(units(text), func(u uint64) bool {
		return float64(ix.unitCount[u]) > commonShare*float64(ix.bank.Len()) || has(except, u)
	})
}

// saysShare is the share of the units us that the title, answer or key
// points of question id say too.
func (ix *textIndex) saysShare(id string, us []uint64) float64 {
	return shareIn(us, ix.says[id])
}

// has reports whether the sorted set holds bg.
func has(set []uint64, bg uint64) bool {
	_, ok := slices.BinarySearch(set, bg)
	return ok
}

// span is a byte range [start, end) of a text to blank, or, when drop is
// set, to leave out.
type span struct {
	start, end int
	drop       bool
}

// render blanks the spans of s and leaves out the dropped ones. Blanks that
// overlap, or that only spaces, hyphens or slashes separate, become one, so
// that a masked phrase ("init container") shows as one blank, not "____ ____".
func render(s string, spans []span) string {
	if len(spans) == 0 {
		return s
	}
	slices.SortStableFunc(spans, func(a, b span) int { return a.start - b.start })
	var merged []span
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp.start <= merged[n-1].end && sp.drop == merged[n-1].drop {
			merged[n-1].end = max(merged[n-1].end, sp.end)
			continue
		}
		if n := len(merged); n > 0 && !sp.drop && !merged[n-1].drop && strings.Trim(s[merged[n-1].end:sp.start], " -/") == "" {
			merged[n-1].end = max(merged[n-1].end, sp.end)
			continue
		}
		if n := len(merged); n > 0 && sp.start < merged[n-1].end {
			sp.start = merged[n-1].end // a drop inside a blank, or the reverse
			if sp.start >= sp.end {
				continue
			}
		}
		merged = append(merged, sp)
	}
	var b strings.Builder
	last := 0
	for _, sp := range merged {
		b.WriteString(s[last:sp.start])
		if !sp.drop {
			b.WriteString(Blank)
		}
		last = sp.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// wordSpans finds the whole-word, case-insensitive occurrences of w in s
// (see textnorm.CountWord). An occurrence inside an identifier or a path
// ("deployment/deployment-nginx", "service.spec.clusterIP") is not
// returned, as blanking it would mangle it: joined reports there was one.
// With whole set, an occurrence inside a hyphenated name ("kube-scheduler"
// for "scheduler") returns the whole name; without, it counts as joined.
func wordSpans(s, w string, whole bool) (spans []span, joined bool) {
	if w == "" {
		return nil, false
	}
	ls, lw := toLowerASCII(s), toLowerASCII(w)
	for i := 0; ; {
		j := strings.Index(ls[i:], lw)
		if j < 0 {
			return spans, joined
		}
		start, end := i+j, i+j+len(lw)
		i = end
		if textnorm.IsWordByte(lw[0]) && start > 0 && textnorm.IsWordByte(ls[start-1]) ||
			textnorm.IsWordByte(lw[len(lw)-1]) && end < len(ls) && textnorm.IsWordByte(ls[end]) {
			continue
		}
		if whole {
			start, end = hyphenated(ls, start, end)
		}
		if isJoint(ls, start-1, -1) || isJoint(ls, end, 1) {
			joined = true
			continue
		}
		spans = append(spans, span{start: start, end: end})
	}
}

// hyphenated widens s[start:end] to the hyphenated name it is part of.
func hyphenated(s string, start, end int) (int, int) {
	for start >= 2 && s[start-1] == '-' && textnorm.IsWordByte(s[start-2]) {
		start -= 2
		for start > 0 && textnorm.IsWordByte(s[start-1]) {
			start--
		}
	}
	for end+1 < len(s) && s[end] == '-' && textnorm.IsWordByte(s[end+1]) {
		end += 2
		for end < len(s) && textnorm.IsWordByte(s[end]) {
			end++
		}
	}
	return start, end
}

// isJoint reports whether s[i] joins a word to the next one in direction
// dir (an identifier's ".", "/", "-", "_" or "=" with a word or "<" beyond).
func isJoint(s string, i, dir int) bool {
	if i < 0 || i >= len(s) || !strings.ContainsRune("./-_=", rune(s[i])) {
		return false
	}
	k := i + dir
	return k >= 0 && k < len(s) && (textnorm.IsWordByte(s[k]) || s[k] == '<' || s[k] == '>')
}

// Brackets that hold a gloss: a translation or an expansion beside a term.
const (
	openers = "（("
	closers = "）)"
)

// withGloss returns the spans that hide sp of s and the gloss beside it,
// which would name what sp hides: a translation or expansion after it is
// left out ("Pending（挂起）", "IPVS（IP Virtual Server）", "ReadWriteOnce，
// 简写：RWO", "Recreate 重建更新：", "Retain：保留，"); when sp is itself the
// gloss of the phrase before it ("预选（Predicates）", "Horizontal Pod
// Autoscaler（HPA）"), the blank covers the phrase and the brackets.
func withGloss(s string, sp span) []span {
	before := strings.TrimRight(s[:sp.start], " ")
	after := strings.TrimLeft(s[sp.end:], " ")
	if r, n := utf8.DecodeLastRuneInString(before); n > 0 && strings.ContainsRune(openers, r) {
		if c, m := utf8.DecodeRuneInString(after); m > 0 && strings.ContainsRune(closers, c) {
			if phrase := glossedPhrase(before[:len(before)-n]); phrase < len(before)-n {
				return []span{{start: phrase, end: len(s) - len(after) + m}}
			}
		}
	}
	out := []span{sp}
	end := sp.end
	drop := func(to int) {
		out = append(out, span{start: end, end: to, drop: true})
		end = to
	}
	// A bracketed gloss: "（挂起）", " （启动探针）".
	if t := strings.TrimLeft(s[end:], " "); t != "" {
		if r, n := utf8.DecodeRuneInString(t); strings.ContainsRune(openers, r) {
			if c := strings.IndexAny(t[n:], closers); c >= 0 && utf8.RuneCountInString(t[n:n+c]) <= 30 {
				_, cn := utf8.DecodeRuneInString(t[n+c:])
				drop(len(s) - len(t) + n + c + cn)
			}
		}
	}
	// An abbreviation: "，简写：RWO", "，简称 PV".
	if t := strings.TrimLeft(strings.TrimLeft(s[end:], " "), "，, "); len(t) < len(s[end:]) {
		for _, word := range []string{"简写", "简称", "缩写"} {
			if u, ok := strings.CutPrefix(t, word); ok {
				u = strings.TrimLeft(u, " ：:")
				if w := latinPrefix(u); w > 0 {
					drop(len(s) - len(u) + w)
				}
			}
		}
	}
	// A translation as a label, "Recreate 重建更新：", keeps the colon.
	if t, ok := strings.CutPrefix(s[end:], " "); ok {
		if h := hanPrefix(t); h > 0 && utf8.RuneCountInString(t[:h]) <= 6 && strings.HasPrefix(strings.TrimLeft(t[h:], " "), "：") {
			drop(len(s) - len(t) + h)
		}
	}
	// A translation after the colon, "Retain：保留，", keeps the colon.
	for _, colon := range []string{"：", ":"} {
		if t, ok := strings.CutPrefix(strings.TrimLeft(s[end:], " "), colon); ok {
			u := strings.TrimLeft(t, " ")
			if h := hanPrefix(u); h > 0 && utf8.RuneCountInString(u[:h]) <= 4 && strings.HasPrefix(u[h:], "，") {
				end = len(s) - len(t)
				drop(len(s) - len(u) + h + len("，"))
			}
		}
	}
	return out
}

// glossedPhrase is where the phrase that ends s starts: a run of Chinese
// after the last word that links a name to what it is ("轮询" of "默认算法
// 是轮询", "预选" of "旧称预选"), or of Latin words and spaces ("Horizontal
// Pod Autoscaler").
func glossedPhrase(s string) int {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !isHan(r) || strings.ContainsRune(linkWords, r) && i < len(s) {
			break
		}
		i -= n
	}
	if i < len(s) {
		return i
	}
	for i > 0 {
		c := s[i-1]
		if !textnorm.IsWordByte(c) && c != ' ' && c != '-' {
			break
		}
		i--
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// hanPrefix is the length in bytes of the run of Chinese characters s
// starts with.
func hanPrefix(s string) int {
	return len(s) - len(strings.TrimLeftFunc(s, isHan))
}

// latinPrefix is the length in bytes of the Latin word s starts with.
func latinPrefix(s string) int {
	return len(s) - len(strings.TrimLeftFunc(s, func(r rune) bool { return r < utf8.RuneSelf && textnorm.IsWordByte(byte(r)) }))
}

// linkWords are the characters that link a name to what it is or is
// called: a gloss's phrase starts after them.
const linkWords = "是的为称即"

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// content counts the characters of s that are neither blanks nor
// punctuation nor spaces: how much of a prompt is left to read.
func content(s string) int {
	n := 0
	for _, r := range strings.ReplaceAll(s, Blank, "") {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
