package assess

import "slices"

// negators are the tokens that turn what follows them into its opposite
// ("存活探针失败不会杀死容器", "it cannot be mounted by many nodes"): a
// Chinese character, or a Latin word as tokenize keys it (n't is the word
// t once its apostrophe has split it off).
var negators = map[string]bool{
	"不": true, "没": true, "无": true, "非": true, "未": true, "别": true, "勿": true,
	"not": true, "no": true, "never": true, "cannot": true, "cant": true, "nor": true, "neither": true,
	"without": true, "t": true, "dont": true, "doesnt": true, "isnt": true, "wont": true, "arent": true, "didnt": true,
}

// prefixNegators negate the one word they stand before, as a prefix
// does: 非0 (non-zero) says nothing of what 表示不健康 says after it.
var prefixNegators = map[string]bool{"非": true, "无": true, "未": true}

// wordNegators are words a prefix negator starts that negate a verb
// phrase as 不 does: 无法 (cannot), 未能 (failed to), 未曾 (never).
var wordNegators = map[string]bool{"无法": true, "未能": true, "未曾": true}

// notNegating are words that start with a negator and negate nothing: 不同
// (different), 非常 (very), 无论 (whatever), not only, no matter.
var notNegating = map[string]bool{
	"不同": true, "不断": true, "不仅": true, "不但": true, "不管": true, "无论": true, "非常": true,
	"不少": true, "不久": true, "不过": true, "不错": true, "无状态": true, "非得": true,
	"不论": true, "不一样": true, "不止": true, "不光": true, "无关": true,
	"not only": true, "no matter": true, "no doubt": true, "not just": true,
}

// negationReach is how many tokens before a mention a negator may stand
// and still negate it ("不会被杀死", "can not be mounted").
const negationReach = 4

// sense is how a text says a mention: plainly, negated (a negator in its
// clause within negationReach tokens before it), or unclear (a negator
// further back in its clause, whose reach Chinese lets run long:
// "偶数个节点并不比少一个的奇数个节点更能容错").
type sense int

const (
	plainly sense = iota
	negatedly
	unclearly
)

// senses says, for each mention, how the text says it. A negator that is
// part of a mention of a term (Never, the restart policy) negates nothing,
// nor does one before a term reach past it: in an answer, the term begins
// what the negator does not reach ("does not respond the liveness probe
// fails"); in a key point (inPoint), where the term may as well be part of
// what is negated ("不满足预选策略的条件"), the sense is unclear.
func (v *vocabulary) senses(toks []token, ms []mention, inPoint bool) []sense {
	// A term's mention: one that names terms alone (RWX, Never), not a
	// phrase that also says what one means (多个节点读写). A negator inside
	// a mention is the mention's own (不健康, 不通过, 永不重启), but for one
	// that starts a mention of two tokens at most: 不能, cannot, which are
	// negations themselves.
	inTerm, inMention := make([]bool, len(toks)), make([]bool, len(toks))
	for _, m := range ms {
		terms := !slices.ContainsFunc(m.concepts, func(c int) bool { return v.concepts[c].kind != term })
		for i := m.first; i <= m.last; i++ {
			inTerm[i] = inTerm[i] || terms
			inMention[i] = inMention[i] || i > m.first || m.last-m.first >= 2
		}
	}
	out := make([]sense, len(ms))
	for mi, m := range ms {
		if v.negatesWithin(toks, m) {
			out[mi] = negatedly
			continue
		}
		pastTerm := false
	scan:
		for j := m.first - 1; j >= 0 && toks[j].clause == toks[m.first].clause; j-- {
			switch {
			case inTerm[j] && !inPoint:
				break scan // a negator does not reach past a subject: "does not respond the liveness probe fails"
			case inTerm[j]:
				pastTerm = true
				continue
			case inMention[j]:
				continue // a mention's own words (不健康, 只读) neither negate nor end a negation
			case negatedComparison(toks, j):
				// "偶数个节点并不比奇数个节点更能容错": the negator before 比
				// negates the comparison, however far its predicate.
				out[mi] = negatedly
				break scan
			case resets(toks, j):
				break scan // nor past a "but": "不重启而是移出"
			case !negates(toks, j):
				continue
			}
			reach := negationReach
			if prefixNegators[toks[j].key] && !(j+1 < len(toks) && wordNegators[toks[j].key+toks[j+1].key]) {
				reach = 1
			}
			out[mi] = unclearly
			if j >= m.first-reach && !pastTerm {
				out[mi] = negatedly
			}
			break
		}
	}
	return out
}

// negatesWithin reports whether m is a mention of an author's term whose
// own words hold a negator: its words say what they name negated, as
// they would without the term ("未调度" says scheduling, negated).
func (v *vocabulary) negatesWithin(toks []token, m mention) bool {
	if !slices.ContainsFunc(m.concepts, v.isAuthored) {
		return false
	}
	for j := m.first; j < m.last; j++ {
		if negates(toks, j) {
			return true
		}
	}
	return false
}

// negatedMentions reports, for each of an answer's mentions, whether a
// negator stands within negationReach tokens before it in its clause (see
// senses). Not further: a condition's negation ("没有通过时就把pod移出",
// "if it does not pass the pod is removed") says nothing of the main verb
// after it, which is what a point grades; "不能被多个节点以读写方式挂载"
// loses its nodes, not its mounting.
func (v *vocabulary) negatedMentions(toks []token, ms []mention) []bool {
	out := make([]bool, len(ms))
	for i, s := range v.senses(toks, ms, false) {
		out[i] = s == negatedly
	}
	return out
}

// failingMentions reports, for each mention, whether the text says it
// fails: a mention of failure right after it ("调度失败", "the pull
// failed") or, in English, before it with "to" between ("failed to
// pull"). Failing to do a thing is not doing it: "调度失败" says what
// "cannot be scheduled" and "无法调度" do.
func (v *vocabulary) failingMentions(toks []token, ms []mention) []bool {
	fail, ok := v.byName["失败"]
	out := make([]bool, len(ms))
	if !ok {
		return out
	}
	fails := func(m mention) bool { return slices.Contains(m.concepts, fail) }
	for i, m := range ms {
		if fails(m) {
			continue
		}
		if i+1 < len(ms) && ms[i+1].first == m.last+1 && toks[ms[i+1].first].clause == toks[m.last].clause && fails(ms[i+1]) {
			out[i] = true
		}
		if i > 0 && fails(ms[i-1]) && ms[i-1].last == m.first-2 && toks[m.first-1].key == "to" && toks[ms[i-1].last].clause == toks[m.first].clause {
			out[i] = true
		}
	}
	return out
}

// negatedComparison reports whether toks[j] is 比 with a negator right
// before it, or one word before it ("不比", "并不会比").
func negatedComparison(toks []token, j int) bool {
	if toks[j].key != "比" {
		return false
	}
	for i := j - 1; i >= 0 && i >= j-2 && toks[i].clause == toks[j].clause; i-- {
		if negates(toks, i) {
			return true
		}
	}
	return false
}

// comparedMentions reports, for each mention, whether it is what a
// comparison says, plainly (see comparison): "偶数个比奇数个更能容错",
// "4 nodes tolerate more failures than 3".
func comparedMentions(toks []token, ms []mention) []bool {
	out := make([]bool, len(ms))
	for mi, m := range ms {
		at, negated := comparison(toks, m)
		out[mi] = at >= 0 && !negated
	}
	return out
}

// comparison finds the comparison that m is said in: the nearest 比
// before it in its clause, or else the nearest than after it, at that
// token, or -1; and whether it is negated, a negator right before 比 (see
// negatedComparison) or between m and than ("4 nodes tolerate no more
// failures than 3").
func comparison(toks []token, m mention) (at int, negated bool) {
	for j := m.first - 1; j >= 0 && toks[j].clause == toks[m.first].clause; j-- {
		if toks[j].key == "比" {
			return j, negatedComparison(toks, j)
		}
	}
	for j := m.last + 1; j < len(toks) && toks[j].clause == toks[m.last].clause; j++ {
		if toks[j].key == "than" {
			return j, slices.ContainsFunc(toks[m.last+1:j], func(t token) bool { return negators[t.key] })
		}
	}
	return -1, false
}

// resetters end what a negator before them negates: "不重启而是移出",
// "不会重启只会移出", "not restarted but removed".
var resetters = map[string]bool{"但": true, "却": true, "而": true, "只": true, "仅": true, "but": true, "instead": true, "rather": true, "however": true, "only": true}

// resets reports whether toks[i] is a resetter.
func resets(toks []token, i int) bool { return resetters[toks[i].key] }

// negates reports whether toks[i] is a negator that starts no word of
// notNegating.
func negates(toks []token, i int) bool {
	if !negators[toks[i].key] {
		return false
	}
	word := toks[i].key
	for j := i + 1; j < len(toks) && j <= i+2 && toks[j].clause == toks[i].clause; j++ {
		if toks[i].han {
			word += toks[j].key
		} else {
			word += " " + toks[j].key
		}
		if notNegating[word] {
			return false
		}
	}
	return true
}

// polarityMasks are, of the keywords a point's text names, those it
// names only negated (negated) and those it names only plainly (plain); a
// keyword named both ways, or unclearly, is in neither. A keyword the text does not name
// (one the lexicon adds, an author's) is in neither: nothing says its
// sense, and "不再接收流量" may well say what "移出endpoint" does. Of the
// plain ones, failing are those it says fail ("调度失败": see
// failingMentions).
func (v *vocabulary) polarityMasks(text string, kws []int) (negated, plain, failing uint64) {
	toks := tokenize(normalise(text))
	ms := v.trie.match(toks)
	fails := v.failingMentions(toks, ms)
	var unclear, notFailing uint64
	for mi, sn := range v.senses(toks, ms, true) {
		for _, c := range ms[mi].concepts {
			ki := slices.Index(kws, c)
			if ki < 0 || ki >= 64 {
				continue
			}
			switch sn {
			case negatedly:
				negated |= 1 << ki
			case plainly:
				plain |= 1 << ki
				if fails[mi] {
					failing |= 1 << ki
				} else {
					notFailing |= 1 << ki
				}
			default:
				unclear |= 1 << ki
			}
		}
	}
	mixed := negated&plain | unclear
	plain &^= mixed
	return negated &^ mixed, plain, failing & plain &^ notFailing
}

// sameSense reports whether an answer's mention of keyword ki, negated or
// not, failing or not, may say what the point says of it: not when the
// point names it only plainly and the answer negates it, or the other way
// round, unless one of them says it fails, which is not doing it ("调度器
// 调度失败" and "the scheduler cannot place it", "无法动态创建" and "动态创建
// 失败"). A term is what is talked about, whatever is said of it: its
// sense is not checked ("when the app does not respond the liveness probe
// fails"). A descriptor the point does not name, what the lexicon says
// its terms mean, negated says the term does not do it ("HPA …，不会改变
// 副本数"): it counts only for a point that itself says what does not
// happen or fails, whose meaning may be put in negated words ("不再接收
// 流量" for "移出endpoint", "a PVC that cannot bind" for "无法动态创建").
func (pt preparedPoint) sameSense(ki int, negated, failing, isTerm bool) bool {
	if ki < 0 || ki >= 64 || isTerm {
		return true
	}
	if negated && ki >= pt.own {
		return pt.negated != 0 || pt.failing != 0
	}
	if negated {
		return pt.plain&(1<<ki) == 0 || pt.failing&(1<<ki) != 0
	}
	return pt.negated&(1<<ki) == 0 || failing
}

// denial is a keyword a point denies, a negator right before it ("PID
// 命名空间：默认不共享", "not shared"), with what it is denied of.
type denial struct {
	keyword int // index in the point's keywords
	// comparative: what is denied is a comparison ("并不比少一个的奇数个
	// 节点更能容错"): only a clause that compares claims it; "4 个节点和 3
	// 个节点都只能容忍 1 个节点故障" says the keyword plainly, and rightly.
	comparative bool
	// of masks the point's keywords said in the clause of the denial, the
	// point's name among them ("PID 命名空间", "默认"): a clause that says
	// the keyword plainly with these alone claims what the point denies,
	// but one that names what else the point says ("shared only with
	// shareProcessNamespace") may say when it holds.
	of uint64
	// by are the concepts of a mention that holds the negator ("没有",
	// "no"): a clause that names one of them denies the keyword too.
	by []int
}

// denialsIn are the denials of a point's text whose keywords are kws; named
// masks the keywords of the point's name.
func (v *vocabulary) denialsIn(text string, kws []int, named uint64) []denial {
	toks := tokenize(normalise(text))
	ms := v.trie.match(toks)
	senses := v.senses(toks, ms, true)
	var out []denial
	for mi, m := range ms {
		comparative := senses[mi] == negatedly && compares(toks, m)
		if senses[mi] != negatedly || m.first == 0 || !deniedRightBefore(toks, m.first) && !comparative {
			continue
		}
		of := named
		for _, n := range ms {
			if toks[n.first].clause == toks[m.first].clause {
				of |= maskOf(kws, n.concepts)
			}
		}
		neg := m.first - 1
		if !negates(toks, neg) {
			neg-- // before an auxiliary (see deniedRightBefore)
		}
		var by []int
		for _, n := range ms {
			if n.last < m.first && n.first <= neg && neg <= n.last {
				by = append(by, n.concepts...)
			}
		}
		for _, c := range m.concepts {
			if ki := slices.Index(kws, c); ki >= 0 && ki < 64 {
				out = append(out, denial{keyword: ki, of: of, comparative: comparative, by: by})
			}
		}
	}
	return out
}

// auxiliaries are the verbs a negator denies what comes after them
// with: "没有 cluster ip" denies the cluster IP as "无 cluster ip" does.
var auxiliaries = map[string]bool{"有": true, "是": true, "会": true, "能": true, "用": true}

// deniedRightBefore reports whether a negator stands right before the
// token at, or before an auxiliary right before it ("没有 cluster ip").
func deniedRightBefore(toks []token, at int) bool {
	return negates(toks, at-1) || at >= 2 && auxiliaries[toks[at-1].key] && toks[at-2].clause == toks[at].clause && negates(toks, at-2)
}

// compares reports whether m is said in a negated comparison.
func compares(toks []token, m mention) bool {
	at, negated := comparison(toks, m)
	return at >= 0 && negated
}

// maskOf masks the concepts cs among kws.
func maskOf(kws, cs []int) uint64 {
	var mask uint64
	for _, c := range cs {
		if ki := slices.Index(kws, c); ki >= 0 && ki < 64 {
			mask |= 1 << ki
		}
	}
	return mask
}

// claimsDenied reports whether a clause that names hits, negated as
// negated says, claims what the point denies: it says a denied keyword
// plainly, and of the point's keywords nothing the denial is not of.
func (pt preparedPoint) claimsDenied(hits []hit, r reading) bool {
	var said, plainly, compared uint64
	for _, h := range hits {
		m := maskOf(pt.keywords, []int{h.concept})
		said |= m
		if !r.negated[h.mention] && !r.failing[h.mention] {
			plainly |= m
			if r.compared[h.mention] {
				compared |= m
			}
		}
	}
	return slices.ContainsFunc(pt.denials, func(d denial) bool {
		claimed := plainly
		if d.comparative {
			claimed = compared
		}
		return claimed&(1<<d.keyword) != 0 && said&^d.of == 0 &&
			!slices.ContainsFunc(hits, func(h hit) bool { return slices.Contains(d.by, h.concept) })
	})
}

// needless are the phrases that say what follows them in their clause
// need not be done ("不用先设置不可调度", "no need to cordon the node"), as
// tokenize keys them: a step a point says plainly, said after one, is
// denied, whatever names it, a term too.
var needless = [][]string{
	{"不", "用"}, {"不", "需", "要"}, {"不", "必"}, {"无", "需"}, {"无", "须"}, {"没", "必", "要"}, {"不", "需"},
	{"no", "need"}, {"dont", "need"}, {"doesnt", "need"}, {"not", "necessary"}, {"needn", "t"}, {"unnecessary"},
}

// needlessMentions reports, for each mention, whether a needless phrase
// comes before it in its clause (see needless).
func needlessMentions(toks []token, ms []mention) []bool {
	out := make([]bool, len(ms))
	for mi, m := range ms {
		for j := m.first - 1; j >= 0 && toks[j].clause == toks[m.first].clause && !out[mi]; j-- {
			out[mi] = slices.ContainsFunc(needless, func(p []string) bool {
				if j+len(p) > m.first {
					return false
				}
				for i, k := range p {
					if toks[j+i].key != k {
						return false
					}
				}
				return true
			})
		}
	}
	return out
}
