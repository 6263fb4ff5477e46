package textnorm

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// MaxNameRunes bounds a display name, in characters; a longer one is cut
// and ends in "…".
const MaxNameRunes = 64

// maxMarks bounds the combining marks kept on one character: enough for
// any script, too few to pile marks over the lines around a name.
const maxMarks = 4

// Unicode's directional isolates: what is between them is laid out on its
// own, and the text around it as if it were one neutral character.
const (
	firstStrongIsolate = '\u2068'
	popIsolate         = '\u2069'
)

// DisplayName is a user's name, as a platform gives it, made safe to show
// among the bot's own text (a leaderboard line, a reveal's list of
// names): valid UTF-8; without control or format characters (the
// directional overrides, embeddings, isolates and marks U+202A–U+202E,
// U+2066–U+2069, U+200E, U+200F and U+061C; zero-width spaces, soft
// hyphens, tag characters) or other characters shown as nothing (Hangul
// fillers), but for the joiners U+200C and U+200D that emoji and some
// scripts need; every run of white space one space, trimmed; at most
// maxMarks combining marks on a character; at most MaxNameRunes
// characters. A name that holds right-to-left letters (Hebrew, Arabic) is
// wrapped in a first-strong isolate, so that it cannot reorder what
// follows it ("— 10 pts") and is laid out as its own script wants. A name
// of nothing visible is "".
func DisplayName(name string) string {
	if plainASCII(name) {
		return name // what buildDisplayName would build, without building it
	}
	return buildDisplayName(name)
}

// buildDisplayName is DisplayName, character by character.
func buildDisplayName(name string) string {
	var b strings.Builder
	runes, marks := 0, 0
	pendingSpace, visible, rtl := false, false, false
	for _, r := range strings.ToValidUTF8(name, "\uFFFD") {
		switch {
		case unicode.IsSpace(r) || r == '\u2800': // braille blank: a space that is not one
			pendingSpace = runes > 0
			continue
		case hidden(r):
			continue
		case unicode.In(r, unicode.Mn, unicode.Me):
			if marks++; marks > maxMarks {
				continue
			}
		default:
			marks = 0
		}
		need := 1
		if pendingSpace {
			need = 2
		}
		if runes+need > MaxNameRunes {
			b.WriteRune('…')
			break
		}
		if pendingSpace {
			b.WriteByte(' ')
			pendingSpace = false
		}
		b.WriteRune(r)
		runes += need
		visible = visible || !unicode.In(r, unicode.Mn, unicode.Me) && r != '\u200c' && r != '\u200d'
		if p, _ := bidi.LookupRune(r); p.Class() == bidi.R || p.Class() == bidi.AL {
			rtl = true
		}
	}
	switch {
	case !visible:
		return ""
	case rtl:
		return string(firstStrongIsolate) + b.String() + string(popIsolate)
	}
	return b.String()
}

// plainASCII reports whether name is already a display name of printable
// ASCII: visible characters and single spaces between them, at most
// MaxNameRunes, nothing to drop, isolate or cut. Most names are, and
// DisplayName is on every request's path.
func plainASCII(name string) bool {
	if name == "" || len(name) > MaxNameRunes || name[0] == ' ' || name[len(name)-1] == ' ' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c < ' ' || c > '~' || c == ' ' && name[i-1] == ' ' {
			return false
		}
	}
	return true
}

// hidden reports whether r is shown as nothing and may change how the
// text around it is shown: a control or format character (but for the
// zero-width joiner and non-joiner), or one Unicode says to ignore.
func hidden(r rune) bool {
	if r == '\u200c' || r == '\u200d' {
		return false
	}
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point)
}
