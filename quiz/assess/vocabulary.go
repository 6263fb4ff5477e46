package assess

import (
	"slices"
	"strings"
	"unicode"
)

// concept is one entry of a scorer's vocabulary.
type concept struct {
	name string
	kind kind
	// authored is set on a term made of an author's keyword (see
	// addKeyword and isAuthored).
	authored bool
}

// vocabulary is the lexicon made ready for matching, plus the identifiers
// of one bank that the lexicon does not know, each a term of its own.
type vocabulary struct {
	concepts []concept
	// byName finds a concept by its name in lower case.
	byName map[string]int
	trie   trie
	// meanings are the descriptors that explain a term (see meanings).
	meanings map[int][]int
	// valueMeanings are those that explain a value under a policy (see
	// valueMeanings).
	valueMeanings []policyValue
	// contraries has, for each concept, those that say its contrary (see
	// opposites), both ways.
	contraries map[int][]contrary
	// singular are the concepts of singular (see there).
	singular map[int]bool
	// spelt are the Latin forms of one word, in lower case, and
	// spellings those of each term (see addSpelling).
	spelt     map[string]bool
	spellings map[int][]string
	// does has, for each command of commands, what it does.
	does map[int][]int
}

// contrary is a concept that says the contrary of another.
type contrary struct {
	concept    int
	relational bool
}

// policyValue is a valueMeaning resolved to concepts.
type policyValue struct {
	policy, value int
	means         []int
}

// newVocabulary builds the lexicon's concepts and forms. A form's spelled
// variants (camel case split, words joined) are added where no explicit
// form of another concept claims them.
func newVocabulary() *vocabulary {
	v := &vocabulary{byName: map[string]int{}, meanings: map[int][]int{}, contraries: map[int][]contrary{}, singular: map[int]bool{}}
	for _, e := range lexicon {
		c := v.newConcept(e.forms[0], e.kind)
		for _, f := range e.forms {
			for _, ks := range e.keysOf(f) {
				v.trie.add(ks, c)
			}
			v.addSpelling(f, c)
		}
	}
	respelt := map[string][]string{} // read before any compound is a form
	for form := range compounds {
		respelt[form] = v.respelt(form)
	}
	for form, names := range compounds {
		for _, n := range names {
			v.trie.add(keys(form), v.mustFind(n))
		}
	}
	for form, names := range compounds {
		for _, variant := range respelt[form] {
			if ks := keys(variant); !v.trie.claimed(ks) {
				for _, n := range names {
					v.trie.add(ks, v.mustFind(n))
				}
			}
		}
	}
	for c, e := range lexicon {
		for _, f := range e.forms {
			if !e.asWritten {
				v.addVariants(f, c)
			}
		}
	}
	for term, descs := range meanings {
		for _, n := range descs {
			c := v.mustFind(term)
			v.meanings[c] = append(v.meanings[c], v.mustFind(n))
		}
	}
	for _, o := range opposites {
		a, b := v.mustFind(o.concept), v.mustFind(o.contrary)
		v.contraries[a] = append(v.contraries[a], contrary{b, o.relational})
		v.contraries[b] = append(v.contraries[b], contrary{a, o.relational})
	}
	v.does = map[int][]int{}
	for cmd, descs := range commands {
		for _, n := range descs {
			c := v.mustFind(cmd)
			v.does[c] = append(v.does[c], v.mustFind(n))
		}
	}
	for _, n := range singular {
		v.singular[v.mustFind(n)] = true
	}
	for _, vm := range valueMeanings {
		pv := policyValue{policy: v.mustFind(vm.policy), value: v.mustFind(vm.value)}
		for _, n := range vm.means {
			pv.means = append(pv.means, v.mustFind(n))
		}
		v.valueMeanings = append(v.valueMeanings, pv)
	}
	return v
}

// maxRespelt bounds the spellings derived from one compound.
const maxRespelt = 256

// respelt are a Chinese compound's other spellings, its parts written
// with their synonyms: "从不重启" is also "永不重启" and "绝不重新启动",
// "单节点读写" also "一个节点读写". The compound must be made of forms of
// the lexicon's concepts alone, one concept each; nil otherwise.
func (v *vocabulary) respelt(form string) []string {
	if isLatin(form) {
		return nil
	}
	toks := tokenize(normalise(form))
	out := []string{""}
	next := 0
	for _, m := range v.trie.match(toks) {
		if m.first != next || len(m.concepts) != 1 || m.concepts[0] >= len(lexicon) {
			return nil
		}
		next = m.last + 1
		var grown []string
		for _, f := range lexicon[m.concepts[0]].forms {
			if strings.ContainsFunc(f, func(r rune) bool { return r < unicode.MaxASCII }) {
				continue
			}
			for _, o := range out {
				grown = append(grown, o+f)
			}
		}
		if len(grown) > maxRespelt {
			return nil
		}
		out = grown
	}
	if next != len(toks) {
		return nil
	}
	return out
}

// keysOf are the key sequences form matches by: its tokens' keys, or for
// a Latin form of an entry matched as written, the form as written and
// in capitals (see writtenKey), and in lower case heading its clause for
// one matched as a subject (see subjectKey).
func (e entry) keysOf(form string) [][]string {
	if !e.asWritten || !isLatin(form) {
		return [][]string{keys(form)}
	}
	out := [][]string{{writtenKey(form)}, {writtenKey(strings.ToUpper(form))}}
	if e.asSubject {
		out = append(out, []string{subjectKey(strings.ToLower(form))})
	}
	return out
}

// meaningsIn are the descriptors that explain the term c in a question
// that names the concepts of context: its meanings, and those of a value
// under a policy the question names.
func (v *vocabulary) meaningsIn(c int, context map[int]bool) []int {
	out := v.meanings[c]
	for _, pv := range v.valueMeanings {
		if pv.value == c && context[pv.policy] {
			out = appendNew(slices.Clip(out), pv.means...)
		}
	}
	return out
}

func (v *vocabulary) newConcept(name string, k kind) int {
	v.concepts = append(v.concepts, concept{name: name, kind: k})
	c := len(v.concepts) - 1
	v.byName[strings.ToLower(name)] = c
	return c
}

// mustFind is the concept the lexicon names so; the lexicon's tests make
// sure every name it refers to exists.
func (v *vocabulary) mustFind(name string) int {
	c, ok := v.byName[strings.ToLower(name)]
	if !ok {
		panic("assess: the lexicon refers to an unknown concept " + name)
	}
	return c
}

// addVariants adds a Latin form's other spellings: a camel-case identifier
// as separate words (ReadWriteOnce: read write once), and words as one
// (kube-proxy: kubeproxy). Each names c, and the concepts inner too.
func (v *vocabulary) addVariants(form string, c int, inner ...int) {
	for _, variant := range []string{splitCamel(form), joinWords(form)} {
		if ks := keys(variant); variant != "" && !v.trie.claimed(ks) {
			for _, n := range append([]int{c}, inner...) {
				v.trie.add(ks, n)
			}
		}
	}
}

// splitCamel puts a space inside a camel-case word where a lower-case
// letter meets an upper-case one, and before the last capital of a run
// followed by a lower-case letter (TCPSocket: TCP Socket). It returns ""
// when there is nothing to split.
func splitCamel(s string) string {
	r := []rune(s)
	var b strings.Builder
	split := false
	for i, c := range r {
		if i > 0 && unicode.IsUpper(c) && c < unicode.MaxASCII {
			prev := r[i-1]
			nextLower := i+1 < len(r) && unicode.IsLower(r[i+1])
			if unicode.IsLower(prev) || unicode.IsUpper(prev) && nextLower {
				b.WriteByte(' ')
				split = true
			}
		}
		b.WriteRune(c)
	}
	if !split {
		return ""
	}
	return b.String()
}

// joinWords is a form of several Latin words written as one, or "".
func joinWords(s string) string {
	if !isLatin(s) || !strings.ContainsFunc(s, func(r rune) bool { return !isWordRune(r) }) {
		return ""
	}
	return strings.Map(func(r rune) rune {
		if isWordRune(r) {
			return r
		}
		return -1
	}, s)
}

func isWordRune(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// isLatin reports whether s is written in ASCII alone.
func isLatin(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r >= unicode.MaxASCII })
}

// stopwords are English words that are never an identifier of their own.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the of and or to in on at by for with from as is are was be been
		it its this that these those not no can will would should may if then than so but also such
		via per into onto out up down over under each every all any some one two three
		i e g etc eg ie vs add on side car`) {
		stopwords[w] = true
	}
}

// addLiterals adds, as terms of their own, the identifiers of a text that
// no concept covers: Latin words of two letters or more that are not
// common English.
func (v *vocabulary) addLiterals(text string) {
	norm := normalise(text)
	toks := tokenize(norm)
	covered := make([]bool, len(toks))
	for _, m := range v.trie.match(toks) {
		for i := m.first; i <= m.last; i++ {
			covered[i] = true
		}
	}
	for i, tk := range toks {
		raw := norm[tk.start:tk.end]
		if covered[i] || tk.han || stopwords[strings.ToLower(raw)] || letters(raw) < 2 {
			continue
		}
		if _, known := v.byName[strings.ToLower(raw)]; known {
			continue
		}
		v.addForm(raw)
	}
}

// addKeyword adds an author's keyword that the vocabulary does not name
// as one concept already: a phrase of descriptors alone (单一节点读写,
// single node and read-write) as a compound of them, anything else as a
// term of its own that names the concepts of its words too. A keyword
// adds to what a text says, never takes away from it: "kubectl scale"
// is a term, and still says kubectl and scaling; "未调度" still says
// scheduling.
func (v *vocabulary) addKeyword(k string) {
	k = strings.TrimSpace(normalise(k))
	if k == "" || v.wholeMention(k) != nil {
		return
	}
	if ds := v.descriptorsOnly(k); ds != nil {
		for _, c := range ds {
			v.trie.add(keys(k), c)
		}
		return
	}
	if _, known := v.byName[strings.ToLower(k)]; !known {
		v.concepts[v.addForm(k, v.conceptsOf(k)...)].authored = true
	}
}

// isAuthored reports whether c is a term made of an author's keyword: a
// keyword that names it names the concepts of its words too, which are no
// phrase saying what the point's terms mean.
func (v *vocabulary) isAuthored(c int) bool { return v.concepts[c].authored }

// describing reports whether mention m says what something is or does:
// it names a descriptor, and is no author's term, whose words it names
// as its name ("kubectl scale" names scaling, and says nothing of it).
func (v *vocabulary) describing(m mention) bool {
	return slices.ContainsFunc(m.concepts, func(c int) bool { return v.concepts[c].kind == word }) &&
		!slices.ContainsFunc(m.concepts, v.isAuthored)
}

// addForm makes form a term of its own, which names the concepts inner
// too wherever it is matched, and returns it.
func (v *vocabulary) addForm(form string, inner ...int) int {
	c := v.newConcept(form, term)
	for _, n := range append([]int{c}, inner...) {
		v.trie.add(keys(form), n)
	}
	v.addSpelling(form, c)
	v.addVariants(form, c, inner...)
	return c
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// descriptorsOnly are the concepts a normalised text names when all its
// words name concepts, descriptors among them and no term; nil otherwise.
func (v *vocabulary) descriptorsOnly(text string) []int {
	toks := tokenize(text)
	var out []int
	next, describes := 0, false
	for _, m := range v.trie.match(toks) {
		if m.first != next {
			return nil
		}
		next = m.last + 1
		for _, c := range m.concepts {
			switch v.concepts[c].kind {
			case term:
				return nil
			case word:
				describes = true
			}
			out = appendNew(out, c)
		}
	}
	if next != len(toks) || !describes {
		return nil
	}
	return out
}

// wholeMention is the mention that spans all of text, or nil.
func (v *vocabulary) wholeMention(text string) *mention {
	toks := tokenize(normalise(text))
	ms := v.trie.match(toks)
	if len(toks) == 0 || len(ms) != 1 || ms[0].first != 0 || ms[0].last != len(toks)-1 {
		return nil
	}
	return &ms[0]
}

// conceptsOf lists the concepts a text names, generic ones left out, each
// once, in the order the text names them.
func (v *vocabulary) conceptsOf(text string) []int {
	var out []int
	for _, m := range v.trie.match(tokenize(normalise(text))) {
		for _, c := range m.concepts {
			if v.concepts[c].kind != generic {
				out = appendNew(out, c)
			}
		}
	}
	return out
}

// keywordConcepts are the concepts an author's keyword stands for.
func (v *vocabulary) keywordConcepts(k string) []int {
	k = strings.TrimSpace(normalise(k))
	if m := v.wholeMention(k); m != nil {
		var out []int
		for _, c := range m.concepts {
			if v.concepts[c].kind != generic {
				out = append(out, c)
			}
		}
		return out
	}
	if c, ok := v.byName[strings.ToLower(k)]; ok {
		return []int{c}
	}
	return nil
}
