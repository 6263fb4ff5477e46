package assess

import (
	"slices"
	"strings"
)

// commandsAlone lets a command typed in full with kubectl, in a sentence
// that says nothing of it, say what it does (see commands): "kubectl
// drain" typed alone answers how the pods leave a node, but "kubectl
// rollout undo 查看历史版本" says what the command is said to do, and is
// judged on that.
func (s *Scorer) commandsAlone(r *reading) {
	for mi, m := range r.mentions {
		c := slices.IndexFunc(m.concepts, func(c int) bool { return len(s.lex.does[c]) > 0 })
		if c < 0 || r.toks[m.first].key != "kubectl" || m.first == m.last || s.saysMore(r, mi) {
			continue
		}
		r.mentions[mi].concepts = appendNew(slices.Clone(m.concepts), s.lex.does[m.concepts[c]]...)
	}
}

// saysMore reports whether the sentence of r's mention mi says something
// of it: a descriptor in its clause, or in a clause after it, up to the
// end of the sentence or the next term.
func (s *Scorer) saysMore(r *reading, mi int) bool {
	cl := r.toks[r.mentions[mi].first].clause
	for _, m := range r.mentions[mi+1:] {
		mcl := r.toks[m.first].clause
		if mcl != cl {
			between := r.text[r.toks[r.mentions[mi].last].end:r.toks[m.first].start]
			if strings.ContainsAny(between, sentenceEnds) {
				return false
			}
			if slices.ContainsFunc(m.concepts, func(c int) bool { return s.lex.concepts[c].kind == term }) {
				return false
			}
		}
		if s.lex.describing(m) {
			return true
		}
	}
	return false
}
