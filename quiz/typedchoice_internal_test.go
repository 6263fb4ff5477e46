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

// TestOnlyAnOptionsWholeTextNamesIt: an option's text names it only when
// no other option has that text, and only whole.
func TestOnlyAnOptionsWholeTextNamesIt(t *testing.T) {
	choices := []string{"Pod", "Pod", "Deployment", "ＳｔａｔｅｆｕｌＳｅｔ"}
	for typed, want := range map[string]int{"pod": -1, "Deploy": -1, "deployment": 2, "statefulset": 3, "DEPLOYMENT.": 2, "": -1} {
		if got, ok := optionNamed(choices, typed); ok != (want >= 0) || ok && got != want {
			t.Errorf("optionNamed(%q): %d %v, want %d", typed, got, ok, want)
		}
	}
}
