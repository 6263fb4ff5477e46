package quiz

import (
	"slices"
	"testing"
)

// TestTheSkipWordsAreNoCommands: a word that skips an interview's
// question is no command's name or alias, nor a Chinese name of one run
// into what follows, so that typed outside an interview it is told there
// is none (or draws the next card) rather than run as something else, and
// reads as a skip however it is typed; the next words alone read as next.
func TestTheSkipWordsAreNoCommands(t *testing.T) {
	for _, w := range skipWords {
		if isNextLine(w) {
			t.Errorf("%q reads as next", w)
		}
	}
	for _, w := range nextWords {
		if !isNextLine(w) || !isNextLine(" "+w+"! ") {
			t.Errorf("%q does not read as next", w)
		}
	}
	for _, w := range append(slices.Clone(skipWords), nextWords...) {
		noCommand(t, w)
		if !isSkipLine(w) || !isSkipLine(" "+w+"! ") {
			t.Errorf("%q does not read as a skip", w)
		}
	}
	for _, w := range []string{"skipper", "跳", "过", "下一", "ask", "pass pv", "不会杀死"} {
		if isSkipLine(w) {
			t.Errorf("%q reads as a skip", w)
		}
	}
}

// noCommand fails t when a word typed alone is a command: its name or
// alias, a Chinese name of one run into what follows, or a line that
// parses as one.
func noCommand(t *testing.T, w string) {
	t.Helper()
	if c, ok := LookupCommand(w); ok {
		t.Errorf("%q is the command %s", w, c.Name)
	}
	if c, name, ok := gluedCommand(w); ok {
		t.Errorf("%q starts with %s, a name of %s", w, name, c.Name)
	}
	if _, problem, _ := parseCommand(w); problem != problemUnknown {
		t.Errorf("%q parses as a command (%d)", w, problem)
	}
}
