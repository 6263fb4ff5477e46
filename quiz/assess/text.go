package assess

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// token is one unit of normalised text: a Latin word or one Chinese
// character.
type token struct {
	// key is what the token is matched by: a word in lower case with its
	// English inflection stripped (see stem), or the character itself.
	key string
	// start and end are byte offsets in the normalised text.
	start, end int
	han        bool
	// clause numbers the clause the token is in, from 0: clauses end at
	// sentence ends, commas, enumeration commas and colons.
	clause int
	// written is the key of a Latin word with a capital in it as it is
	// written (see writtenKey), of a word that alone heads its clause
	// before a colon as it is written capitalised (see headWord), of
	// another lower-case word that heads its clause its subject key (see
	// subjectKey), or "".
	written string
	// heads: the token is the first of its clause.
	heads bool
}

// writtenKey is the key of a word as written, case and inflection kept:
// it matches the forms of an entry matched as written (Delete, not
// delete or Deleted).
func writtenKey(word string) string { return "=" + word }

// subjectKey is the key of a lower-case word that heads its clause: it
// matches the forms of an entry matched as a subject (never, not the
// adverb in "Always is never the default").
func subjectKey(word string) string { return "^" + word }

// isSubjectKey reports whether a written key is a subject key.
func isSubjectKey(key string) bool { return strings.HasPrefix(key, "^") }

// units is the token's share of an answer's length: a Chinese word is
// about two characters, so a character counts half a Latin word.
func (t token) units() float64 {
	if t.han {
		return 0.5
	}
	return 1
}

// normalise is text as the scorer reads it: invalid UTF-8 read as spaces,
// each line NFKC-normalised with its spaces folded (textnorm.Input), line
// ends kept, since they end clauses. Case is kept for display; keys are
// lower-cased.
func normalise(s string) string {
	lines := strings.Split(strings.ToValidUTF8(s, " "), "\n")
	for i, l := range lines {
		lines[i] = textnorm.Input(l)
	}
	return strings.Join(lines, "\n")
}

// tokenize splits normalised text into tokens and numbers its clauses.
// Clauses end where sentences do (Chinese and Latin stops, semicolons,
// line ends) and at commas, enumeration commas and colons. A full stop
// ends one only before a space or the end of the text, so that
// "cluster.local" and "v1.8" stay whole. Anything that is neither a letter
// nor a digit separates words, so "kube-proxy" is the words kube, proxy.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/3)
	clause := 0
	wordStart := -1
	flushWord := func(end int) {
		if wordStart >= 0 {
			raw := s[wordStart:end]
			tok := token{key: stem(strings.ToLower(raw)), start: wordStart, end: end, clause: clause}
			tok.heads = len(toks) == 0 || toks[len(toks)-1].clause != clause
			switch {
			case strings.ContainsFunc(raw, unicode.IsUpper):
				tok.written = writtenKey(raw)
			case tok.heads:
				tok.written = subjectKey(raw)
			}
			toks = append(toks, tok)
			wordStart = -1
		}
	}
	for i, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			flushWord(i)
			end := i + utf8.RuneLen(r)
			toks = append(toks, token{key: s[i:end], start: i, end: end, han: true, clause: clause})
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if wordStart < 0 {
				wordStart = i
			}
		default:
			flushWord(i)
			if r == ':' || r == '：' {
				headWord(s, toks, clause)
			}
			if endsClause(s, i, r) && len(toks) > 0 && toks[len(toks)-1].clause == clause {
				clause++
			}
		}
	}
	flushWord(len(s))
	return toks
}

// headWord gives the word that alone makes up clause, up to the colon
// that ends it, the written key of the word capitalised: a value in lower
// case that heads what is said of it ("available: pv可用") names it as
// "Available" does, where in running text it is the common word ("the
// PV is available").
func headWord(s string, toks []token, clause int) {
	n := len(toks)
	if n == 0 || toks[n-1].clause != clause || n > 1 && toks[n-2].clause == clause {
		return
	}
	head := &toks[n-1]
	if raw := s[head.start:head.end]; !head.han && (head.written == "" || isSubjectKey(head.written)) {
		first, size := utf8.DecodeRuneInString(raw)
		head.written = writtenKey(string(unicode.ToUpper(first)) + raw[size:])
	}
}

// endsClause reports whether the rune r at byte i of s ends a clause.
func endsClause(s string, i int, r rune) bool {
	switch r {
	case '。', '！', '？', '；', ';', '!', '?', '\n', '，', ',', '、', '：', ':':
		return true
	case '.':
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		return i+1 == len(s) || unicode.IsSpace(next)
	}
	return false
}

// stem strips the English inflections of a lower-case word, so that
// "restarts", "restarted" and "restarting" are one key, and "schedule",
// "scheduled" and "scheduling" another. It is applied alike to the
// lexicon and to answers, so it need only be consistent, not linguistic.
// Words with digits, and short words, are kept as they are.
func stem(w string) string {
	if len(w) < 4 || strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return w
	}
	switch {
	case len(w) >= 5 && strings.HasSuffix(w, "ies"):
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		w = w[:len(w)-1]
	}
	switch {
	case len(w) >= 5 && strings.HasSuffix(w, "ed"):
		w = w[:len(w)-2]
	case len(w) >= 6 && strings.HasSuffix(w, "ing"):
		w = w[:len(w)-3]
	}
	if len(w) >= 5 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// keys are the match keys of a form's tokens.
func keys(form string) []string {
	toks := tokenize(normalise(form))
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.key
	}
	return out
}

// trie maps token-key sequences to the concepts they name.
type trie struct {
	next     map[string]*trie
	concepts []int
}

// add records that the key sequence names concept c. It reports whether
// the sequence was new, and adds nothing for an empty sequence.
func (t *trie) add(seq []string, c int) bool {
	if len(seq) == 0 {
		return false
	}
	n := t
	for _, k := range seq {
		if n.next == nil {
			n.next = map[string]*trie{}
		}
		child := n.next[k]
		if child == nil {
			child = &trie{}
			n.next[k] = child
		}
		n = child
	}
	for _, have := range n.concepts {
		if have == c {
			return false
		}
	}
	fresh := len(n.concepts) == 0
	n.concepts = append(n.concepts, c)
	return fresh
}

// claimed reports whether the key sequence already names a concept.
func (t *trie) claimed(seq []string) bool {
	n := t
	for _, k := range seq {
		if n = n.next[k]; n == nil {
			return false
		}
	}
	return len(n.concepts) > 0
}

// mention is a stretch of tokens that names one or more concepts.
type mention struct {
	first, last int // token indexes, inclusive
	concepts    []int
}

// longest is the last token of the longest form that starts at toks[i],
// within its clause, and the concepts it names, and the same for the
// longest form shorter than that; -1 where there is none.
func (t *trie) longest(toks []token, i int) (last int, found []int, shorter int, shorterFound []int) {
	n, last, shorter := t, -1, -1
	for j := i; j < len(toks) && toks[j].clause == toks[i].clause; j++ {
		if n = n.next[toks[j].key]; n == nil {
			break
		}
		if len(n.concepts) > 0 {
			shorter, shorterFound = last, found
			last, found = j, n.concepts
		}
	}
	return last, found, shorter, shorterFound
}

// headsAsSubject reports whether tok heads its clause and is a form of an
// entry matched as a subject (see tp), as written or in lower case.
func (t *trie) headsAsSubject(tok token) bool {
	if !tok.heads || tok.written == "" {
		return false
	}
	key := tok.written
	if !isSubjectKey(key) {
		key = subjectKey(strings.ToLower(key[1:]))
	}
	return t.next[key] != nil
}

// match finds the mentions in toks, leftmost and longest first, never
// across a clause end. A form gives way to the one a word shorter where
// its last word begins a longer form: "read only many nodes" is read
// only, many nodes, not ReadOnlyMany and nodes. A word as written names
// what its form as written does rather than what it names in lower case
// (Delete, delete), unless it begins a longer form; but a value matched as
// a subject that heads its clause names the value before any longer form
// ("Never restarts once" is Never said to restart).
func (t *trie) match(toks []token) []mention { return t.matchIn(toks, nil) }

// matchIn is match in a question whose own concepts are own (nil: any
// text): a word as written names its form's concept only when the
// question has that concept, so that a capitalised "Delete" in an answer
// about probes is the common word, not the PV reclaim policy.
func (t *trie) matchIn(toks []token, own map[int]bool) []mention {
	var out []mention
	for i := 0; i < len(toks); {
		last, found, shorter, shorterFound := t.longest(toks, i)
		if shorter >= 0 && shorter == last-1 {
			if next, _, _, _ := t.longest(toks, last); next > last {
				last, found = shorter, shorterFound
			}
		}
		if w := t.next[toks[i].written]; (last <= i || t.headsAsSubject(toks[i])) && toks[i].written != "" && w != nil && len(w.concepts) > 0 &&
			(own == nil || slices.ContainsFunc(w.concepts, func(c int) bool { return own[c] })) {
			last, found = i, w.concepts
		}
		if last < 0 {
			i++
			continue
		}
		out = append(out, mention{first: i, last: last, concepts: found})
		i = last + 1
	}
	return out
}
