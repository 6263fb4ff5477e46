package quiz

import "testing"

// TestATypedLetterThatIsACommandIsNoOption: of the letters read as a
// quiz's option (A–H), one that names a command (h: help) is not one,
// whoever calls typedChoice; the others are, up to H.
func TestATypedLetterThatIsACommandIsNoOption(t *testing.T) {
	for typed, want := range map[string]bool{"a": true, "E": true, "g": true, "h": false, "H": false, "ｈ": false, "i": false} {
		if _, _, ok := typedChoice(typed); ok != want {
			t.Errorf("typedChoice(%q): ok %v, want %v", typed, ok, want)
		}
	}
}
