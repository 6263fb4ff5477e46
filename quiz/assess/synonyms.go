package assess

import (
	"slices"
	"strings"
	"sync"
)

// synonymTable is the lexicon made ready for matching, built once for
// Synonyms; it is only read.
var synonymTable = sync.OnceValue(newVocabulary)

// Synonyms is word followed by the other forms the synonym table gives the
// concept it names as a whole: "liveness" gives livenessProbe, liveness
// probe, 存活探针…; "RWO" gives ReadWriteOnce…; "重启" gives restart. A
// word the table does not know, or one of the nouns every answer uses
// (pod, node), is given alone.
func Synonyms(word string) []string { return forms(word, false) }

// Translations is word followed by every form the synonym table gives the
// concept it names, the nouns every answer uses included ("container"
// gives 容器): Synonyms for a search, which only finds, where a word of one
// language must find the bank's other. Grading leaves those nouns out, as
// naming one proves nothing.
func Translations(word string) []string { return forms(word, true) }

// forms is word and the table's other forms of it, the generic concepts'
// only when withGeneric.
func forms(word string, withGeneric bool) []string {
	out := []string{word}
	// In lower case: searching Delete finds the word delete too, not
	// only the value written so.
	m := synonymTable().wholeMention(strings.ToLower(word))
	if m == nil {
		return out
	}
	for _, c := range m.concepts {
		if lexicon[c].kind == generic && !withGeneric { // the table's concepts come first, in its order
			continue
		}
		for _, f := range lexicon[c].forms {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}
