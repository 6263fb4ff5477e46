package quiz

import (
	"slices"
	"testing"
)

// TestTheConfirmWordsAreNoCommands: a yes or a no typed alone is no
// command's name or alias, nor a word of another line typed alone (a skip
// or stop word), so that it answers a confirmation only, and reads as one
// however it is typed; the confirmation's buttons' labels are among them.
func TestTheConfirmWordsAreNoCommands(t *testing.T) {
	for _, w := range append(slices.Clone(yesWords), noWords...) {
		noCommand(t, w)
		if isSkipLine(w) || isStopWord(w) {
			t.Errorf("%q is a skip or stop word", w)
		}
		if phraseLine(" "+w+"! ") != w {
			t.Errorf("%q reads as %q", w, phraseLine(w))
		}
	}
	for _, l := range []Lang{LangZH, LangEN} {
		if yes := phraseLine(translate(l, msgForgetButton)); !slices.Contains(yesWords, yes) {
			t.Errorf("the Yes button's label %q typed is no yes", yes)
		}
		if no := phraseLine(translate(l, msgForgetKeepButton)); !slices.Contains(noWords, no) {
			t.Errorf("the Cancel button's label %q typed is no no", no)
		}
	}
}
