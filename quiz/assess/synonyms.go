package assess

import (
	"slices"
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
func Synonyms(word string) []string {
	out := []string{word}
	m := synonymTable().wholeMention(word)
	if m == nil {
		return out
	}
	for _, c := range m.concepts {
		if lexicon[c].kind == generic { // the table's concepts come first, in its order
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
