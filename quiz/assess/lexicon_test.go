package assess

import (
	"strings"
	"testing"
)

// TestLexiconIntegrity checks the synonym table: no form belongs to two
// concepts (a form naming several is a compound), every name compounds
// and meanings refer to exists, and no form is empty after normalising.
func TestLexiconIntegrity(t *testing.T) {
	owner := map[string]string{}
	for _, e := range lexicon {
		for _, f := range e.forms {
			for _, ks := range e.keysOf(f) {
				k := strings.Join(ks, " ")
				if k == "" {
					t.Errorf("form %q of %q has no word", f, e.forms[0])
					continue
				}
				if prev, dup := owner[k]; dup && prev != e.forms[0] {
					t.Errorf("form %q is in %q and %q", f, prev, e.forms[0])
				}
				owner[k] = e.forms[0]
			}
		}
	}
	v := newVocabulary()
	for form, names := range compounds {
		if len(keys(form)) == 0 || len(names) < 2 {
			t.Errorf("compound %q: %v", form, names)
		}
		for _, n := range names {
			if _, ok := v.byName[strings.ToLower(n)]; !ok {
				t.Errorf("compound %q names unknown concept %q", form, n)
			}
		}
	}
	for _, vm := range valueMeanings {
		for _, n := range append([]string{vm.policy, vm.value}, vm.means...) {
			if _, ok := v.byName[strings.ToLower(n)]; !ok {
				t.Errorf("meanings of %q under %q name unknown concept %q", vm.value, vm.policy, n)
			}
		}
	}
	for _, o := range opposites {
		for _, n := range []string{o.concept, o.contrary} {
			if _, ok := v.byName[strings.ToLower(n)]; !ok {
				t.Errorf("opposites %q and %q name unknown concept %q", o.concept, o.contrary, n)
			}
		}
	}
	for name, descs := range meanings {
		if c, ok := v.byName[strings.ToLower(name)]; !ok || v.concepts[c].kind != term {
			t.Errorf("meanings of %q: no such term", name)
		}
		for _, n := range descs {
			if _, ok := v.byName[strings.ToLower(n)]; !ok {
				t.Errorf("meanings of %q name unknown concept %q", name, n)
			}
		}
	}
}
