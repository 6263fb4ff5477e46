package assess

import (
	"slices"
	"testing"
)

func TestSynonyms(t *testing.T) {
	tests := []struct {
		word string
		has  []string
		only bool // the word alone
	}{
		{word: "liveness", has: []string{"liveness", "livenessProbe", "存活探针"}},
		{word: "存活探针", has: []string{"存活探针", "livenessProbe"}},
		{word: "ＲＷＯ", has: []string{"ＲＷＯ", "ReadWriteOnce"}},
		{word: "liveness probes", has: []string{"liveness probes", "存活探针"}},
		{word: "pod", only: true},
		{word: "xyzzy", only: true},
		{word: "liveness readiness", only: true}, // two concepts: no one word's forms
		{word: "", only: true},
	}
	for _, tt := range tests {
		got := Synonyms(tt.word)
		if len(got) == 0 || got[0] != tt.word {
			t.Errorf("Synonyms(%q) = %q: the word itself must come first", tt.word, got)
			continue
		}
		if tt.only && len(got) != 1 {
			t.Errorf("Synonyms(%q) = %q, want the word alone", tt.word, got)
		}
		for _, w := range tt.has {
			if !slices.Contains(got, w) {
				t.Errorf("Synonyms(%q) = %q lacks %q", tt.word, got, w)
			}
		}
	}
	if slices.Contains(Synonyms("liveness"), "就绪探针") {
		t.Error("liveness's forms include the readiness probe's")
	}
}
