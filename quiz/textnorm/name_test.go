package textnorm

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestDisplayNameNeutralisesWhatSpoofsABoard(t *testing.T) {
	const isolated = "\u2068%s\u2069"
	tests := []struct{ name, in, want string }{
		{"a right-to-left override", "\u202Eevil", "evil"},
		{"an override meant to reverse what follows", "Mallory\u202E stp 01 —", "Mallory stp 01 —"},
		{"every bidi control", "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j\u200Ek\u200Fl\u061Cm", "abcdefghijklm"},
		{"zero-width and soft hyphen", "A\u200Bl\u00ADi\u2060c\uFEFFe", "Alice"},
		{"line breaks that would forge a board line", "Ann\n2. Mallory — 1000 pts\u2028x", "Ann 2. Mallory — 1000 pts x"},
		{"nothing visible", " \u200B\u3164\u2800\u115F\u202E ", ""},
		{"a Hebrew name is isolated", "דוד", strings.ReplaceAll(isolated, "%s", "דוד")},
		{"an Arabic name with its own marks stripped", "\u202Bعلي\u202C", strings.ReplaceAll(isolated, "%s", "علي")},
		{"emoji joined with ZWJ keep their joiners", "👨\u200D👩\u200D👧 Li", "👨\u200D👩\u200D👧 Li"},
		{"Chinese and full-width forms are kept", "张伟　ＰＶ", "张伟 ＰＶ"},
		{"a pile of combining marks is cut", "Zo" + strings.Repeat("\u0301", 40) + "e", "Zo\u0301\u0301\u0301\u0301e"},
		{"invalid UTF-8", "Bo\xffb", "Bo\uFFFDb"},
		{"tag characters", "Al\U000E0041\U000E007Fex", "Alex"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DisplayName(tc.in); got != tc.want {
				t.Errorf("DisplayName(%+q) = %+q, want %+q", tc.in, got, tc.want)
			}
		})
	}
}

func TestDisplayNameIsCut(t *testing.T) {
	got := DisplayName(strings.Repeat("ab ", 100))
	if n := utf8.RuneCountInString(got); n != MaxNameRunes+1 || !strings.HasSuffix(got, "…") {
		t.Errorf("got %d characters %q, want %d and an ellipsis", n, got, MaxNameRunes+1)
	}
	if got := DisplayName(strings.Repeat("x", MaxNameRunes)); got != strings.Repeat("x", MaxNameRunes) {
		t.Errorf("a name of exactly %d characters was cut: %q", MaxNameRunes, got)
	}
}

// TestDisplayNameOfPlainASCII checks the shortcut for names of printable
// ASCII against the character by character path, on names near its edges:
// spaces first, last, doubled; control characters; 64 and 65 characters.
func TestDisplayNameOfPlainASCII(t *testing.T) {
	names := []string{"Ann", "bench:r12", "Ann Lee", " Ann", "Ann ", "Ann  Lee", "A\tB", "A\x7fB", "~!@#$%^&*()", " ", "",
		strings.Repeat("x", MaxNameRunes), strings.Repeat("x", MaxNameRunes+1), strings.Repeat("a ", MaxNameRunes/2) + "b"}
	for c := 0; c < 128; c++ {
		names = append(names, "a"+string(rune(c))+"b", string(rune(c)))
	}
	for _, n := range names {
		if got, want := DisplayName(n), buildDisplayName(n); got != want {
			t.Errorf("DisplayName(%+q) = %+q, want %+q", n, got, want)
		}
		checkDisplayName(t, n)
	}
	if !plainASCII("Ann Lee") || plainASCII("Ann  Lee") || plainASCII("Zoë") {
		t.Error("plainASCII takes the wrong names")
	}
}

// checkDisplayName checks what DisplayName promises of any input.
func checkDisplayName(t *testing.T, in string) {
	got := DisplayName(in)
	if !utf8.ValidString(got) || got != strings.TrimSpace(got) || strings.Contains(got, "  ") {
		t.Fatalf("DisplayName(%+q) = %+q: invalid, untrimmed or with runs of spaces", in, got)
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(got, "\u2068"), "\u2069")
	if strings.ContainsFunc(inner, func(r rune) bool { return hidden(r) || unicode.IsSpace(r) && r != ' ' }) {
		t.Fatalf("DisplayName(%+q) = %+q still holds hidden characters", in, got)
	}
	if strings.HasPrefix(got, "\u2068") != strings.HasSuffix(got, "\u2069") {
		t.Fatalf("DisplayName(%+q) = %+q: an unbalanced isolate", in, got)
	}
	if n := utf8.RuneCountInString(inner); n > MaxNameRunes+1 {
		t.Fatalf("DisplayName(%+q) has %d characters", in, n)
	}
	if slow := buildDisplayName(in); slow != got {
		t.Fatalf("DisplayName(%+q) = %+q, but built character by character %+q", in, got, slow)
	}
	if again := DisplayName(got); again != got {
		t.Fatalf("DisplayName is not idempotent on %+q: %+q, then %+q", in, got, again)
	}
}

func FuzzDisplayName(f *testing.F) {
	for _, s := range []string{"\u202Eevil", "דוד 10", "a\nb", "", "\xff\xfe", strings.Repeat("é", 80)} {
		f.Add(s)
	}
	f.Fuzz(checkDisplayName)
}
