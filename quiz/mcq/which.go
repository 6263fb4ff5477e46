package mcq

import (
	"cmp"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// Limits of an excerpt, in characters: key points are joined until the
// excerpt says enough, and cut where it would be too long to read (or to fit
// a Telegram quiz poll).
const (
	maxExcerptRunes  = 160
	fullExcerptRunes = 40
	minExcerptRunes  = 12
)

// Distractor pools: an excerpt's distractors are drawn from the poolSize
// titles most like the right one that the excerpt does not also answer.
const (
	poolSize = 4
	// familyWeight is what sharing a topic family adds to a rival's score;
	// sharing a topic adds its rarity.
	familyWeight = 0.5
	// alsoAnswers is the share of an excerpt's distinctive character pairs
	// another answer must hold to be taken as answering it too: a masked
	// excerpt keeps few of them, so that an answer saying the same in other
	// words holds fewer than half (pod有什么特点 on the pause container, the
	// update strategies on a rolling update, etcd's features on Raft's
	// consistency: each also right beside its excerpt); overlaps is
	// the share two answers must each hold of the other's to be taken as
	// saying much the same, overlapsOnTopic the share when they are also on
	// the same topics (one's topics are among the other's): two answers
	// listing the same things in other words share fewer pairs than they
	// say, and fewer still once one of them says more (the persistence
	// question's PV beside the volume question's emptyDir and hostPath).
	alsoAnswers     = 0.4
	overlaps        = 0.3
	overlapsOnTopic = 0.25
	// sameSaying is the share of an excerpt's units (see units) another
	// question must say, itself about a name the excerpt masks, to be
	// taken as answering it too (see alsoSays).
	sameSaying = 0.2
	// alikeSaying is the share of an excerpt's units a question about
	// the same things must say to be taken as answering it too (see
	// aboutAlike).
	alikeSaying = 0.1
)

// excerpt is one "which question?" item.
type excerpt struct {
	key    string
	prompt string
	title  string
	// distractors draws from the titles of the excerpt's pool.
	distractors picker
}

// quiz makes a question of the excerpt with distractors from its pool.
func (x *excerpt) quiz(q *bank.Question, rnd *rand.Rand) Question {
	choices := append([]string{x.title}, x.distractors.pick(rnd)...)
	return shuffled(Question{Format: WhichQuestion, QuestionID: q.ID, Item: x.key, Prompt: x.prompt}, choices, rnd)
}

// findExcerpts lists q's "which question?" items: its key points with what
// names the answer masked, joined where short, each with a pool of
// distractors it neither names nor also answers.
func findExcerpts(ix *textIndex, q *bank.Question) []excerpt {
	rivals, related := ix.rivals(q)
	var out []excerpt
	for _, c := range excerptChunks(ix, q) {
		// First the most readable excerpt with the most related
		// distractors; when guessers would do too well on it, or too few
		// rivals echo the title words it shows (see echoes), related
		// rivals of other lengths; then the same with the words it shows
		// that too few of the closest rivals echo masked too (see lone),
		// then the words many titles share masked, with the lone words of
		// that, then every word of the title it shows (each if that leaves
		// enough to read), but widespread and generic words (see
		// maskTitle). A try of more than maxExcerptBlanks blanks is not
		// offered; of the others, the first that offers Options-1
		// distractors is taken, else the first that offers fewer.
		tries := []chunk{c, c}
		strict := masking{strict: true}
		strictPrompt, _ := ix.maskTitle(q, c.text, strict)
		strictPrompt = cut(strictPrompt)
		for _, m := range []masking{
			{false, ix.lone(q, rivals, related, c.prompt)},
			strict,
			{true, ix.lone(q, rivals, related, strictPrompt)},
			{true, echoes(q.Title, strictPrompt)},
		} {
			more := c
			if more.prompt, more.shown = ix.maskUncapped(q, c.text, m); more.prompt == "" {
				continue
			}
			if more.prompt = cut(more.prompt); readable(more.prompt, c.text, m) && more.prompt != tries[len(tries)-1].prompt {
				tries = append(tries, more, more)
			}
		}
		var found []excerpt
		for i, try := range tries {
			if strings.Count(try.prompt, Blank) > c.maxBlanks() || crowded(try.prompt) {
				continue
			}
			try.shown = ix.withEchoes(try.shown, q.Title, try.prompt)
			if x, ok := ix.excerpt(q, rivals, related, try, i%2 == 1); ok && x.distractors.exposure() <= maxExposure &&
				!slices.ContainsFunc(out, func(o excerpt) bool { return o.key == x.key }) {
				if found = append(found, x); len(x.distractors.candidates) >= Options-1 {
					break
				}
			}
		}
		if i := slices.IndexFunc(found, func(x excerpt) bool { return len(x.distractors.candidates) >= Options-1 }); i >= 0 {
			out = append(out, found[i])
		} else if len(found) > 0 {
			out = append(out, found[0])
		}
	}
	return out
}

// readable reports whether prompt, text masked by m, leaves enough of it
// to read: half of it, or two fifths when m masks words past maxBlanks,
// as those are words that the reader fills in from what surrounds them
// ("滚动____" for 滚动更新).
func readable(prompt, text string, m masking) bool {
	if crowded(prompt) {
		return false
	}
	if len(m.uncapped) > 0 {
		return 5*content(prompt) >= 2*content(text)
	}
	return 2*content(prompt) >= content(text)
}

// Bounds of a readable excerpt's blanks: at least minBetweenBlanks
// characters between two of them ("进行____间的____", "请求____到____各个Pod"
// leave nothing to read between), and, for three blanks or more, at
// least runesPerBlank characters of the excerpt for each ("每个Pod都设置一个
// IP地址的____使得…共享同一个____命名空间，也就是同一个Linux____协议栈"
// leaves a riddle); two blanks apart read well ("仅当本地没有对应____时，
// 才从目标仓库中____").
const (
	minBetweenBlanks = 3
	runesPerBlank    = 20
)

// crowded reports whether prompt holds blanks too close together or too
// many for its length to be read (see minBetweenBlanks, runesPerBlank).
func crowded(prompt string) bool {
	parts := strings.Split(prompt, Blank)
	if len(parts) < 3 {
		return false
	}
	for _, between := range parts[1 : len(parts)-1] {
		if content(between) < minBetweenBlanks {
			return true
		}
	}
	return len(parts) > 3 && content(prompt) < runesPerBlank*(len(parts)-1)
}

// maskUncapped is maskTitle of text by m, but for the words m uncaps that
// the prompt would show anyway (in an identifier): masking them elsewhere
// would only make it harder to read. Without them, a masking that is not
// strict is the first try's, and the prompt is "".
func (ix *textIndex) maskUncapped(q *bank.Question, text string, m masking) (prompt string, shown []string) {
	for {
		if !m.strict && len(m.uncapped) == 0 {
			return "", nil
		}
		prompt, shown = ix.maskTitle(q, text, m)
		still := func(e string) bool { return slices.Contains(echoes(q.Title, prompt), e) }
		if !slices.ContainsFunc(m.uncapped, still) {
			return prompt, shown
		}
		m.uncapped = slices.DeleteFunc(slices.Clone(m.uncapped), still)
	}
}

// lone are the echoes of q's title in prompt (see echoes) that fewer than
// Options-1 of the rivals an excerpt's pool draws on first name: the
// related ones, or all when the bank has too few.
func (ix *textIndex) lone(q *bank.Question, rivals []*bank.Question, related int, prompt string) []string {
	if related >= Options-1 {
		rivals = rivals[:related]
	}
	return slices.DeleteFunc(echoes(q.Title, prompt), func(e string) bool {
		n := 0
		for _, r := range rivals {
			if textnorm.ContainsWord(r.Title, e) {
				if n++; n == Options-1 {
					return true
				}
			}
		}
		return false
	})
}

// maxExposure is the most a guesser of the quality gate may score on an
// item's quizzes: above, the item is not offered.
const maxExposure = MaxQuestionCueRate

// excerpt makes the item of chunk c of q, with its pool of distractors
// (looking widely, beyond related rivals); false when too little is left to
// read or the pool is too small, holds too few titles of q's area where
// the bank has enough (the words the excerpt shows may leave only titles
// of other areas), or cannot balance the options' lengths.
func (ix *textIndex) excerpt(q *bank.Question, rivals []*bank.Question, related int, c chunk, widely bool) (excerpt, bool) {
	if !widely {
		rivals = rivals[:related]
	}
	pool, foreign := ix.pool(q, rivals, related, c)
	if len(pool) < minOptions-1 || foreign < min(related, Options-2) || content(c.prompt) < minExcerptRunes || !spansLength(q.Title, pool) {
		return excerpt{}, false
	}
	return excerpt{
		key: itemKey(q, WhichQuestion, c.text), prompt: c.prompt, title: q.Title,
		distractors: newPicker(q.Title, c.prompt, pool, foreign, Options, ix.pairsOf),
	}, true
}

// chunk is the text of one excerpt, masked as prompt; shown are the title
// words it holds where they cannot be masked (see maskTitle).
type chunk struct {
	text, prompt string
	shown        []string
	// joined marks a chunk of several key points (see maxJoinedBlanks).
	joined bool
	// passages are its joins with the key points beside it, refused for
	// their blanks: a rival whose answer says one says what the chunk is
	// part of, and is not offered beside it (see pool).
	passages []chunk
}

// maxBlanks is the most blanks an excerpt of the chunk may hold.
func (c *chunk) maxBlanks() int {
	if c.joined {
		return maxJoinedBlanks
	}
	return maxExcerptBlanks
}

// excerptChunks are q's key points, each masked, left out when masking
// leaves little of it, then joined in order until fullExcerptRunes long
// (while they hold maxJoinedBlanks blanks at most) and cut at
// maxExcerptRunes. When that leaves nothing (an answer of a lead-in
// and code), the answer's lines are taken instead.
func excerptChunks(ix *textIndex, q *bank.Question) []chunk {
	var points []string
	for _, kp := range q.KeyPoints {
		points = append(points, textnorm.WithoutNotes(kp.Text))
	}
	out := chunks(ix, q, points)
	if len(out) == 0 {
		out = chunks(ix, q, bank.Sentences(shownText(q.Answer, true)))
	}
	return out
}

// chunks masks points, leaves out those masking leaves little of, and
// joins the rest in order into chunks.
func chunks(ix *textIndex, q *bank.Question, points []string) []chunk {
	var out []chunk
	var cur chunk
	flush := func() {
		if cur.text != "" {
			cur.prompt = cut(cur.prompt)
			out = append(out, cur)
		}
		cur = chunk{}
	}
	for _, p := range points {
		p = strings.TrimRight(strings.TrimSpace(p), " ->→；;")
		if isLabel(p) {
			continue
		}
		prompt, shown := ix.maskTitle(q, p, masking{})
		if 2*content(prompt) < content(p) {
			continue
		}
		next := chunk{text: p, prompt: prompt, shown: shown}
		if cur.text != "" {
			switch joined := cur.join(next); {
			case utf8.RuneCountInString(joined.prompt) >= maxExcerptRunes:
				flush()
			case strings.Count(joined.prompt, Blank) > maxJoinedBlanks:
				cur.passages = append(cur.passages, joined)
				next.passages = append(next.passages, joined)
				flush()
			default:
				next = joined
			}
		}
		cur = next
		if utf8.RuneCountInString(cur.prompt) >= fullExcerptRunes {
			flush()
		}
	}
	flush()
	return out
}

// join is c with next, a masked key point, after it.
func (c *chunk) join(next chunk) chunk {
	joined := chunk{text: joinPoints(c.text, next.text), prompt: joinPoints(c.prompt, next.prompt), joined: true, passages: c.passages}
	joined.shown = slices.Clone(c.shown)
	for _, w := range next.shown {
		if !slices.Contains(joined.shown, w) {
			joined.shown = append(joined.shown, w)
		}
	}
	return joined
}

// labelRunes is the longest a key point ending in a colon may be to be
// taken as a label with nothing after it.
const labelRunes = 30

// isLabel reports whether a key point is only a label, with nothing after
// its colon ("控制循环：", "PersistentVolume（简称PV）："): a short phrase
// ending in a colon, with no other clause.
func isLabel(p string) bool {
	body, ok := strings.CutSuffix(p, "：")
	if !ok {
		body, ok = strings.CutSuffix(p, ":")
	}
	return p == "" || ok && utf8.RuneCountInString(body) <= labelRunes && !strings.ContainsAny(body, "，,。；;：:")
}

// joinPoints joins two key points into one text, with "；" between unless
// the first ends a sentence.
func joinPoints(a, b string) string {
	if strings.ContainsAny(lastRune(a), "。；;！？!?") {
		return a + b
	}
	return a + "；" + b
}

// lastRune is the last character of s, as a string.
func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

// cut shortens s to maxExcerptRunes, at the end of a sentence or a line
// where one ends in the second half, else with "…".
func cut(s string) string {
	if utf8.RuneCountInString(s) <= maxExcerptRunes {
		return s
	}
	r := []rune(s)[:maxExcerptRunes+1]
	for i := len(r) - 1; i >= maxExcerptRunes/2; i-- {
		switch {
		case r[i] == '\n':
			return strings.TrimRight(string(r[:i]), " ，,")
		case i < maxExcerptRunes && strings.ContainsRune("。；;！？!?", r[i]):
			return string(r[:i+1])
		}
	}
	return bank.Truncate(s, maxExcerptRunes)
}

// echoes are what prompt shows of title: its Latin words (of two
// characters or more) and its pairs of adjacent Chinese characters, but
// those of words that ask ("什么"). A title word an excerpt shows (one many
// titles share, "k8s", or one past maxBlanks, "更新") would point to the
// right option if no distractor echoed it too: every distractor must name
// them, but the widespread and generic ones (see withEchoes).
func echoes(title, prompt string) []string {
	var out []string
	for _, w := range latinWords(title) {
		if len(w) >= 2 && textnorm.ContainsWord(prompt, w) {
			out = append(out, w)
		}
	}
	var prev rune
	for _, r := range title {
		if pair := string([]rune{prev, r}); isHan(prev) && isHan(r) && strings.Contains(prompt, pair) && !slices.Contains(out, pair) &&
			!slices.ContainsFunc(questionWords, func(w string) bool { return strings.Contains(w, pair) }) {
			out = append(out, pair)
		}
		prev = r
	}
	return out
}

// withEchoes adds to shown, the title words a prompt holds where they
// cannot be masked, the other echoes of title in prompt (see echoes) but
// the widespread and generic ones: a word the bank says in many questions
// ("容器") or what is asked of a subject ("作用"), which masking leaves, is
// left to the picker, which balances the options' echoes of the prompt,
// and to the cue gate. (Asked of every distractor, it left several
// questions without a quiz.)
func (ix *textIndex) withEchoes(shown []string, title, prompt string) []string {
	out := slices.Clone(shown)
	for _, e := range echoes(title, prompt) {
		if !ix.widespread(e) && !isGeneric(e) && !slices.ContainsFunc(out, func(s string) bool { return strings.EqualFold(s, e) }) {
			out = append(out, e)
		}
	}
	return out
}

// titleWords are the Latin words of a title (pod, etcd, DaemonSet…) with
// their plural or singular form ("pods", "kube-proxy" for "kube-proxys").
func titleWords(title string) []string {
	var out []string
	add := func(w string) {
		if len(w) >= 2 && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, w) }) {
			out = append(out, w)
		}
	}
	for _, w := range latinWords(title) {
		add(w)
		add(w + "s")
		if s, ok := strings.CutSuffix(toLowerASCII(w), "s"); ok && len(s) >= 3 {
			add(w[:len(s)])
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// titleFillers are words of titles that neither ask nor name: what is left
// of a title without them, its question words and its generic words, is
// what it is about (see soleSubject).
var titleFillers = []string{"及其", "是", "的", "有", "吗"}

// soleSubject is, folded, the one thing a title asks about when it asks
// only what that is, how it works or what it is like ("pod" of "pod是什么？",
// "pod的原理是什么？" and "pod有什么特点"): the blank an excerpt of its
// answer keeps for it however many questions say it, and the subject that
// makes such titles one another's answers too. It is "" when the title
// names more than one thing.
func soleSubject(title string) string {
	rest := title
	for _, w := range slices.Concat(questionWords, genericWords, titleFillers) {
		rest = strings.ReplaceAll(rest, w, " ")
	}
	words := strings.FieldsFunc(rest, func(r rune) bool {
		return !isHan(r) && !(r < utf8.RuneSelf && (textnorm.IsWordByte(byte(r)) || r == '-'))
	})
	if len(words) != 1 {
		return ""
	}
	return textnorm.Fold(words[0])
}

// isSubject reports whether w, or its singular, is the title's sole subject.
func (t titleInfo) isSubject(w string) bool {
	w = textnorm.Fold(w)
	return t.subject != "" && (w == t.subject || w == t.subject+"s")
}

// questionWords are Chinese words of titles that ask rather than name:
// an excerpt may show them.
var questionWords = []string{"什么", "哪些", "哪几", "几种", "如何", "怎么", "为什么", "简述", "一下", "一般", "有哪", "是否", "分别", "可以", "主要"}

// masking is how much of a title maskTitle hides: unless strict, it
// leaves the words many titles share and the words of the trade; it masks
// the words holding one of uncapped's character pairs (echoes, see
// echoes) past maxBlanks. Widespread and generic words it never masks.
type masking struct {
	strict   bool
	uncapped []string
}

// maskTitle hides in text what names q's title: its Latin words (a
// hyphenated name holding one whole, "kube-scheduler" for Scheduler), the
// Latin names of what the title says in Chinese ("namespace" for
// "命名空间"), and the glosses beside them, all of them; and the Chinese
// words it shares with the title ("回收策略" for "pv的回收策略有哪几种"):
// the rarest in the bank, which names the title most, and the others, the
// rarer first, as long as the prompt keeps at most maxBlanks blanks, so
// that it stays readable (past that, those m uncaps). It never masks
// a word the bank says in many questions ("容器", "pod", "Kubernetes", see
// widespread), but the one thing the title asks about (see soleSubject),
// nor the generic words of a question ("原理", "作用", "策略"): blanked,
// they made a cloze of filler words. Unless m is
// strict, it leaves too the words many titles share ("k8s") and the words
// of the trade (see ofTheTrade), which tell no title from the others (the
// distractors must then echo them, see echoes). shown are the
// title words text holds inside identifiers or commands, where masking
// would mangle them: every distractor must name them too.
func (ix *textIndex) maskTitle(q *bank.Question, text string, m masking) (prompt string, shown []string) {
	info := ix.titles[q.ID]
	strict := m.strict
	var spans []span
	for _, w := range append(slices.Clip(info.words), ix.translations(q, text)...) {
		if ix.widespread(w) && !info.isSubject(w) || !strict && ix.isCommon(w) && !slices.ContainsFunc(m.uncapped, func(e string) bool { return strings.EqualFold(e, w) }) {
			continue
		}
		found, joined := wordSpans(text, w, true)
		if joined && !slices.ContainsFunc(shown, func(s string) bool { return strings.EqualFold(s, w) }) {
			shown = append(shown, w)
		}
		for _, sp := range found {
			spans = append(spans, withGloss(text, sp)...)
		}
	}
	words := ix.hanWords(q, text, m)
	prompt = render(text, slices.Clone(spans))
	for i, w := range words {
		with := slices.Clone(spans)
		for _, sp := range w.spans {
			with = append(with, withGloss(text, sp)...)
		}
		if p := render(text, slices.Clone(with)); i == 0 || ix.uncaps(m, w.pairs) || strings.Count(p, Blank) <= maxBlanks {
			spans, prompt = with, p
		}
	}
	return strings.TrimSpace(prompt), shown
}

// uncaps reports whether m masks a word of these character pairs
// whatever it is and past maxBlanks: one of them is of m's uncapped.
func (ix *textIndex) uncaps(m masking, pairs []uint64) bool {
	return slices.ContainsFunc(m.uncapped, func(e string) bool {
		return slices.ContainsFunc(ix.pairsOf(e), func(bg uint64) bool { return has(pairs, bg) })
	})
}

// hanWord is a Chinese word a title shares with a text, with the spans of
// the text that say it or part of it ("标签选择器", "标签" and "选择" are
// one word: masked apart, one would show what the other hides).
type hanWord struct {
	spans     []span
	pairs     []uint64
	frequency int // see textIndex.frequency
}

// hanWords are the Chinese words maskTitle may mask in text, the rarest
// first: the runs q's title shares with it (see sharedHan), those that
// share a character pair taken as one word; widespread and generic words
// left out (but the title's sole subject), and unless m is strict, the
// words many titles share and words of the trade, but those m uncaps.
func (ix *textIndex) hanWords(q *bank.Question, text string, m masking) []hanWord {
	var words []hanWord
	for _, sp := range sharedHan(ix, q.Title, text, m.strict || len(m.uncapped) > 0) {
		run := text[sp.start:sp.end]
		pairs := ix.pairsOf(run)
		if ix.widespread(run) && !ix.titles[q.ID].isSubject(run) || isGeneric(run) || !m.strict && (ix.isCommon(run) || ix.ofTheTrade(run)) && !ix.uncaps(m, pairs) {
			continue
		}
		i := slices.IndexFunc(words, func(w hanWord) bool {
			return slices.ContainsFunc(pairs, func(bg uint64) bool { return has(w.pairs, bg) })
		})
		if i < 0 {
			words = append(words, hanWord{})
			i = len(words) - 1
		}
		w := &words[i]
		w.spans = append(w.spans, sp)
		w.pairs = slices.Compact(slices.Sorted(slices.Values(append(w.pairs, pairs...))))
		w.frequency = max(w.frequency, ix.frequency(run))
	}
	slices.SortStableFunc(words, func(a, b hanWord) int { return a.frequency - b.frequency })
	return words
}

// maxBlanks is the most blanks the Chinese words masked in an excerpt,
// besides the rarest, bring it to: past that, a prompt is a puzzle ("通过Raft协议进行____间的
// ____；保证____间的____一致性").
const maxBlanks = 3

// maxExcerptBlanks is the most blanks an excerpt offered may hold, a
// repeated name's included: a try masking more is not offered. More
// would leave a cloze to solve rather than a passage to recognise.
const maxExcerptBlanks = 4

// maxJoinedBlanks is the most blanks key points joined into one excerpt
// may hold: each blank of a point read alone has the rest of its sentence
// around it, but joined, two points of two blanks each read as a cloze
// ("通过Raft协议进行____间的____；保证____间的____一致性"), and are offered
// apart. A point alone may hold up to maxExcerptBlanks (a name it repeats:
// "一个____一旦被某个pvc绑定，那么该pvc就独占该____").
const maxJoinedBlanks = 2

// genericWords are Chinese words of titles that name no subject, what is
// asked of one ("pod的原理是什么？"): an excerpt may show them.
var genericWords = []string{"原理", "作用", "方式", "方法", "特点", "特性", "过程", "机制", "类型", "种类", "区别", "功能", "场景", "情况", "策略"}

// isGeneric reports whether a Chinese word is a generic word with a
// character or none beside it ("作用是" of "作用是什么").
func isGeneric(w string) bool {
	for _, g := range genericWords {
		if rest := strings.Replace(w, g, "", 1); rest != w && utf8.RuneCountInString(rest) < 2 {
			return true
		}
	}
	return false
}

// widespread reports whether the bank's questions say w in more than
// commonShare of them (each unit of w, see units, is found that often): a
// word like "容器", "pod" or "Kubernetes" names no question in particular,
// and blanked it would turn an excerpt into a cloze of filler words.
func (ix *textIndex) widespread(w string) bool {
	us := units(w)
	return len(us) > 0 && !slices.ContainsFunc(us, func(u uint64) bool {
		return float64(ix.unitCount[u]) <= commonShare*float64(ix.bank.Len())
	})
}

// ofTheTrade reports whether every character pair of w is common in the
// bank's questions: a word every other answer says ("容器", "节点").
func (ix *textIndex) ofTheTrade(w string) bool {
	return !slices.ContainsFunc(ix.pairsOf(w), func(bg uint64) bool { return !ix.common[bg] })
}

// frequency is the number of the bank's questions holding w's most common
// character pair: the fewer, the more w tells its question apart.
func (ix *textIndex) frequency(w string) int {
	n := 0
	for _, bg := range ix.pairsOf(w) {
		n = max(n, ix.pairCount[bg])
	}
	return n
}

// translations are the Latin words of text that name a topic q's title
// names in Chinese, as the bank's topic words have it ("namespace" for
// "命名空间"); a Chinese word standing for several topics ("服务发现") names
// none of them.
func (ix *textIndex) translations(q *bank.Question, text string) []string {
	topics := ix.titles[q.ID].hanTopics
	if len(topics) == 0 {
		return nil
	}
	var out []string
	for _, w := range latinWords(text) {
		for _, t := range namedTopics(ix.bank, w) {
			if slices.Contains(topics, t) && textnorm.Fold(w) == t && !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// hanTopics are the topics that words of three Chinese characters or more
// in title stand for alone (see bank.Bank.Resolve): "命名空间" for
// namespace. Shorter words ("监控") are too loose a translation.
func hanTopics(b *bank.Bank, title string) []string {
	var out []string
	for _, run := range strings.FieldsFunc(title, func(r rune) bool { return !isHan(r) }) {
		r := []rune(run)
		for i := range r {
			for j := i + 3; j <= min(len(r), i+6); j++ {
				if ts := b.Resolve(string(r[i:j])); len(ts) == 1 && !slices.Contains(out, ts[0]) {
					out = append(out, ts[0])
				}
			}
		}
	}
	return out
}

// latinWords are the distinct Latin words of s (letters, digits and inner
// hyphens), as spelled.
func latinWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !(r < utf8.RuneSelf && (textnorm.IsWordByte(byte(r)) || r == '-'))
	}) {
		if w = strings.Trim(w, "-"); w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// names reports whether text (lower, in ASCII lower case) names q's title:
// holds one of its Latin words (but those known to be shown) or shares a
// Chinese word with it, other than words common to the whole bank.
func (ix *textIndex) names(q *bank.Question, text, lower string, shown []string) bool {
	for _, w := range ix.titles[q.ID].words {
		if strings.Contains(lower, toLowerASCII(w)) && textnorm.ContainsWord(text, w) && !ix.isCommon(w) && !ix.widespread(w) &&
			!slices.ContainsFunc(shown, func(s string) bool { return strings.EqualFold(s, w) }) {
			return true
		}
	}
	return len(sharedHan(ix, q.Title, text, false)) > 0
}

// isCommon reports whether every character pair of w is common in the
// bank's titles: a word that many titles hold tells none of them apart.
func (ix *textIndex) isCommon(w string) bool {
	return !slices.ContainsFunc(ix.pairsOf(w), func(bg uint64) bool { return !ix.titled[bg] })
}

// sharedHan finds the runs of two Chinese characters or more that text
// shares with title, longest first from left to right, leaving out question
// words and, unless strict, runs every pair of which many titles hold.
func sharedHan(ix *textIndex, title, text string, strict bool) []span {
	var out []span
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isHan(r) {
			i += n
			continue
		}
		end := i + n
		for j := end; j < len(text); {
			r2, n2 := utf8.DecodeRuneInString(text[j:])
			if !isHan(r2) || !strings.Contains(title, text[i:j+n2]) {
				break
			}
			j += n2
			end = j
		}
		start, end := ix.wordEdges(text, i, end)
		run := text[start:end]
		if utf8.RuneCountInString(run) >= 2 && !slices.Contains(questionWords, run) && (strict || !ix.isCommon(run) && !ix.widespread(run)) {
			out = append(out, span{start: start, end: end})
			i = end
			continue
		}
		i += n
	}
	return out
}

// wordEdges trims a run of three Chinese characters or more that text
// shares with a title of an end character that, in text, belongs with its
// neighbour rather than with the run, as the pairs' frequency in the bank
// tells: in "应用场景", against the title's "使用场景", the shared "用场景"
// loses "用", as "应用" is more common than "用场"; "种回收策略" keeps
// "回收策略" whole.
func (ix *textIndex) wordEdges(text string, start, end int) (int, int) {
	pair := func(a, b rune) int { return ix.pairCount[uint64(a)<<32|uint64(b)] }
	if utf8.RuneCountInString(text[start:end]) < 3 {
		return start, end
	}
	first, fn := utf8.DecodeRuneInString(text[start:])
	second, _ := utf8.DecodeRuneInString(text[start+fn:])
	if prev, pn := utf8.DecodeLastRuneInString(text[:start]); pn > 0 && isHan(prev) && pair(prev, first) > pair(first, second) {
		start += fn
	}
	last, ln := utf8.DecodeLastRuneInString(text[:end])
	before, _ := utf8.DecodeLastRuneInString(text[:end-ln])
	if next, nn := utf8.DecodeRuneInString(text[end:]); nn > 0 && isHan(next) && pair(last, next) > pair(before, last) &&
		utf8.RuneCountInString(text[start:end]) >= 3 {
		end -= ln
	}
	return start, end
}

// rivals ranks the other questions as q's distractors, most alike first:
// by the rarity of the topics they share and their shared topic families,
// ties in an order of their own for each q. related is how many of them,
// first, share a topic family with q.
func (ix *textIndex) rivals(q *bank.Question) (ranked []*bank.Question, related int) {
	type scored struct {
		q     *bank.Question
		score float64
		tie   uint64
	}
	families := ix.titles[q.ID].families
	cands := make([]scored, 0, ix.bank.Len())
	for _, o := range ix.bank.Questions() {
		if o.ID == q.ID {
			continue
		}
		s := 0.0
		for _, t := range o.Topics {
			if slices.Contains(q.Topics, t) {
				s += ix.rarity[t]
			}
		}
		for _, f := range ix.titles[o.ID].families {
			if slices.Contains(families, f) {
				s += familyWeight
			}
		}
		h := fnv.New64a()
		h.Write([]byte(q.ID + o.ID))
		cands = append(cands, scored{o, s, h.Sum64()})
	}
	slices.SortFunc(cands, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.tie, b.tie)
	})
	ranked = make([]*bank.Question, len(cands))
	for i, c := range cands {
		ranked[i] = c.q
		if c.score > 0 {
			related++
		}
	}
	return ranked, related
}

// familiesOf are the topic families q is about: of the families of its
// topics, the one its topics weigh most in, each by its rarity (or those
// that tie). A topic of another family that the answer touches on (the
// endpoints a terminating pod leaves, the lifecycle of a PV), or that the
// whole bank is about (the pod its scheduling algorithms place), does not
// make q of that family too; a topic of every family (kubectl) makes it of
// none.
func familiesOf(q *bank.Question, rarity map[string]float64) []string {
	var out []string
	weight := map[string]float64{}
	for _, t := range q.Topics {
		f, ok := topicFamilies[t]
		if !ok {
			f = t
		}
		if f == "" {
			continue
		}
		weight[f] += rarity[t]
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	most := 0.0
	for _, w := range weight {
		most = max(most, w)
	}
	return slices.DeleteFunc(out, func(f string) bool { return weight[f] < most })
}

// Bounds of a pool walk: it takes the poolSize best rivals, then up to
// spread titles shorter and as many longer than the right one, and as many
// echoing the prompt as the right one does, among the next; it looks at
// maxRivals rivals at most.
const (
	spread    = 3
	maxRivals = 64
)

// pool picks the distractors of an excerpt c of q from the ranked rivals,
// of which the first related share a topic family with q. It takes the
// first poolSize related rivals whose titles name the words c shows but
// that c does not otherwise name (it would point to them), whose answers
// are not about a rare word c shows ("Raft", "Metrics") and do not say
// what c says (see alsoSays), nor the passages c was cut from, that do not overlap q's heavily (offered
// together, both would be right) nor ask what q asks of its subject (see
// sameSubject); then more, until the pool has spread
// titles shorter and spread longer than q's, and spread sharing with the
// prompt as many character pairs as q's title (words too common to mask,
// "容器", "状态"), so that neither length nor shared words need say
// anything. Unrelated rivals are taken only for a length or an echo the
// related ones lack; foreign is the index in out of the first of them (the
// picker offers one at most in a quiz: a title of another area is ruled
// out at a glance).
func (ix *textIndex) pool(q *bank.Question, rivals []*bank.Question, related int, c chunk) (out []string, foreign int) {
	own := ix.titles[q.ID].runes
	promptPairs := ix.pairsOf(c.prompt)
	echo := func(title string) int {
		n := 0
		for _, bg := range ix.pairsOf(title) {
			if has(promptPairs, bg) {
				n++
			}
		}
		return n
	}
	ownEcho := echo(q.Title)
	type claim struct {
		text           string
		distinct, said []uint64
		named          []string // the topics it is about (namedAbout)
	}
	var claims []claim // what c says, and the passages it was cut from
	for _, p := range append([]chunk{c}, c.passages...) {
		claims = append(claims, claim{p.text, ix.distinctive(p.prompt), ix.saying(p.text, units(q.Title)), ix.namedAbout(p.text, p.shown)})
	}
	alsoRight := func(r *bank.Question) bool {
		return slices.ContainsFunc(claims, func(cl claim) bool {
			return ix.covers(r.ID, cl.distinct) >= alsoAnswers || ix.alsoSays(q, r, cl.text, cl.said) || ix.aboutAlike(q, r, cl.named, cl.said)
		})
	}
	lower := toLowerASCII(c.prompt)
	var rare []string
	for _, w := range latinWords(c.prompt) {
		if w = textnorm.Fold(w); ix.rare[w] && !slices.ContainsFunc(c.shown, func(s string) bool { return textnorm.Fold(s) == w }) {
			rare = append(rare, w)
		}
	}
	shorter, longer, echoing := 0, 0, 0
	foreign = -1
	for i, r := range rivals {
		if i == related+maxRivals || len(out) == maxCandidates {
			break
		}
		if i == related {
			foreign = len(out)
		}
		n := ix.titles[r.ID].runes
		isShorter, isLonger := n < own, n > own
		isEchoing := ownEcho > 0 && echo(r.Title) >= ownEcho
		lacking := isShorter && shorter < spread || isLonger && longer < spread || isEchoing && echoing < spread
		if i < related && len(out) >= poolSize && !(isShorter && shorter < spread || isLonger && longer < spread || isEchoing && echoing < spread) ||
			i >= related && !lacking {
			continue
		}
		if slices.Contains(out, r.Title) || slices.ContainsFunc(c.shown, func(w string) bool { return !textnorm.ContainsWord(r.Title, w) }) ||
			ix.names(r, c.prompt, lower, c.shown) || slices.ContainsFunc(rare, func(w string) bool { return slices.Contains(ix.focus[r.ID], w) }) ||
			alsoRight(r) || ix.overlap(q, r) || ix.sameSubject(q, r) {
			continue
		}
		out = append(out, r.Title)
		if isShorter {
			shorter++
		}
		if isLonger {
			longer++
		}
		if isEchoing {
			echoing++
		}
	}
	if foreign < 0 {
		foreign = len(out)
	}
	return out, foreign
}

// sameSubject reports whether q and r ask only what one same thing is, how
// it works or what it is like (see soleSubject): an excerpt of one answers
// the other too ("一个容器会被设计为运行一个进程" of "pod的原理是什么？" beside
// "pod是什么？").
func (ix *textIndex) sameSubject(q, r *bank.Question) bool {
	s := ix.titles[q.ID].subject
	return s != "" && s == ix.titles[r.ID].subject
}

// spansLength reports whether the pool has titles both shorter and longer
// than title: else the right option would always be the longest or the
// shortest.
func spansLength(title string, pool []string) bool {
	own := utf8.RuneCountInString(title)
	return slices.ContainsFunc(pool, func(t string) bool { return utf8.RuneCountInString(t) < own }) &&
		slices.ContainsFunc(pool, func(t string) bool { return utf8.RuneCountInString(t) > own })
}

// overlap reports whether the answers of a and b say much the same: each
// holds at least overlaps of the other's distinctive pairs, or
// overlapsOnTopic when one's topics are among the other's.
func (ix *textIndex) overlap(a, b *bank.Question) bool {
	pair := [2]string{min(a.ID, b.ID), max(a.ID, b.ID)}
	o, ok := ix.overlaps[pair]
	if !ok {
		shared := min(ix.covers(b.ID, ix.answers[a.ID]), ix.covers(a.ID, ix.answers[b.ID]))
		o = shared >= overlaps || shared >= overlapsOnTopic && (within(a.Topics, b.Topics) || within(b.Topics, a.Topics))
		ix.overlaps[pair] = o
	}
	return o
}

// within reports whether every one of topics, at least one, is among
// others.
func within(topics, others []string) bool {
	return len(topics) > 0 && !slices.ContainsFunc(topics, func(t string) bool { return !slices.Contains(others, t) })
}

// alsoSays reports whether r says what excerpt text of q says: r's title
// names a name of q's title that text holds (masked in the prompt), and
// r's title, answer or key points say at least sameSaying of said, what
// text says besides q's title (see saying). The blank then stands for r's
// subject as well as q's, and r is right too: "____会监听api-server中从而
// 获取____和____的变化情况" (the kube-proxy of the service, endpoint and
// kube-proxy question) is what "kube-proxy原理?" says.
func (ix *textIndex) alsoSays(q, r *bank.Question, text string, said []uint64) bool {
	return ix.sharesName(q, r, text) && ix.saysShare(r.ID, said) >= sameSaying
}

// namedAbout are the topics excerpt text names (see namedIn) but those a
// name shown in every option names (see chunk.shown: "deployment" in a
// command), which tells nothing of what text is about.
func (ix *textIndex) namedAbout(text string, shown []string) []string {
	named := ix.namedIn(text)
	for _, w := range shown {
		named = slices.DeleteFunc(named, func(t string) bool { return slices.Contains(namedTopics(ix.bank, w), t) })
	}
	return named
}

// aboutAlike reports whether r is about what excerpt text of q is about,
// either way round: the topics text names (see namedIn) are all r's, as
// "kube-proxy" and "Service" in an excerpt of kube-proxy原理? are those of
// the service, endpoint and kube-proxy question; or a key point of r names
// only topics of q's and one that text names too, as "调度完成后，目标Node上的
// kubelet接管后续工作" (the scheduler question's) does beside the kubelet
// step of "kubectl 创建 Pod 背后到底发生了什么？". When r's title, answer or
// key points also say alikeSaying of said, what text says besides q's
// title (see saying), r says what text says of those things in its own
// words, and its title is right too; one that says less is about other
// sides of them (the PV's access modes beside what a PV is). named are
// the topics text is about (namedAbout).
func (ix *textIndex) aboutAlike(q, r *bank.Question, named []string, said []uint64) bool {
	if len(named) == 0 || ix.saysShare(r.ID, said) < alikeSaying {
		return false
	}
	if within(named, r.Topics) {
		return true
	}
	return slices.ContainsFunc(r.KeyPoints, func(kp bank.KeyPoint) bool {
		theirs := ix.namedIn(kp.Text)
		return within(theirs, q.Topics) && slices.ContainsFunc(theirs, func(t string) bool { return slices.Contains(named, t) })
	})
}

// namedIn are the topics the Latin words of text name (see namedTopics),
// but those of words the bank's questions say widely ("pod", see
// widespread), the places things run in (placeNames) and the tools of
// every area (kubectl, see topicFamilies): the things text is about.
func (ix *textIndex) namedIn(text string) []string {
	var out []string
	for _, w := range latinWords(text) {
		if ix.widespread(w) || slices.Contains(placeNames, textnorm.Fold(w)) {
			continue
		}
		for _, t := range namedTopics(ix.bank, w) {
			if f, ok := topicFamilies[t]; !slices.Contains(out, t) && (!ok || f != "") {
				out = append(out, t)
			}
		}
	}
	return out
}

// placeNames are the Latin words, folded, that name where things run
// rather than a thing an answer is about: "目标Node上的kubelet" is about the
// kubelet.
var placeNames = []string{"node", "nodes", "pod", "pods", "cluster", "container", "containers"}

// sharesName reports whether r's title names a Latin word of q's title,
// one that tells titles apart, that text holds: in either title as it is
// or with a plural "s" ("kube-proxy", "kube-proxys").
func (ix *textIndex) sharesName(q, r *bank.Question, text string) bool {
	for _, w := range ix.titles[q.ID].words {
		if ix.isCommon(w) || !textnorm.ContainsWord(text, w) {
			continue
		}
		stem, _ := strings.CutSuffix(w, "s")
		if textnorm.ContainsWord(r.Title, stem) || textnorm.ContainsWord(r.Title, stem+"s") {
			return true
		}
	}
	return false
}
