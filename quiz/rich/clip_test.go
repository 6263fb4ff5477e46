package rich_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// Texts whose clusters are more than one character: a family (four people
// joined by U+200D, 7 runes, 11 UTF-16 units), two flags (two regional
// indicators each), and letters with a combining accent.
const (
	family = "👨\u200d👩\u200d👧\u200d👦"
	flags  = "🇨🇳🇯🇵"
	accent = "e\u0301"
)

// escapedLen measures text as escaped for HTML: each of & < > takes more.
func escapedLen(s string) int {
	return rich.UTF16Len(strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s))
}

func TestPrefixKeepsWholeGraphemeClusters(t *testing.T) {
	for _, tt := range []struct {
		name, s string
		n       int
		size    func(string) int
		want    string
	}{
		{"fits whole", "ab" + family, 9, utf8.RuneCountInString, "ab" + family},
		{"family, by runes", "ab" + family + "cd", 8, utf8.RuneCountInString, "ab"},
		{"family, by runes, just fits", "ab" + family + "cd", 9, utf8.RuneCountInString, "ab" + family},
		{"family, by UTF-16 units", "ab" + family, 12, rich.UTF16Len, "ab"},
		{"family, by UTF-16 units, just fits", "ab" + family + "c", 13, rich.UTF16Len, "ab" + family},
		{"flags, by runes", "x" + flags, 4, utf8.RuneCountInString, "x🇨🇳"},
		{"flags, by UTF-16 units", flags + "y", 6, rich.UTF16Len, "🇨🇳"},
		{"combining accent", "caf" + accent + "s", 4, utf8.RuneCountInString, "caf"},
		{"escaped length", "a<b" + family, 4, escapedLen, "a"},
		{"escaped length, fits", "a<b" + family, 5, escapedLen, "a<"},
		{"nothing fits", family, 6, utf8.RuneCountInString, ""},
		{"nothing asked", "abc", 0, utf8.RuneCountInString, ""},
		{"negative", "abc", -2, utf8.RuneCountInString, ""},
		{"empty", "", 5, utf8.RuneCountInString, ""},
		{"invalid UTF-8", "a\xffb", 2, utf8.RuneCountInString, "a\xff"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := rich.Prefix(tt.s, tt.n, tt.size)
			if got != tt.want {
				t.Errorf("Prefix(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
			}
		})
	}
}

func TestClipEndsWithAnEllipsisOnlyWhenItCut(t *testing.T) {
	for _, tt := range []struct {
		name, s string
		n       int
		size    func(string) int
		want    string
	}{
		{"fits", "ab" + family, 9, utf8.RuneCountInString, "ab" + family},
		{"family at the cut", "ab" + family + "cd", 9, utf8.RuneCountInString, "ab…"},
		{"family before the cut", "ab" + family + "cd", 10, utf8.RuneCountInString, "ab" + family + "…"},
		{"flag at the cut, by UTF-16 units", "🇨🇳🇯🇵🇩🇪", 6, rich.UTF16Len, "🇨🇳…"},
		{"accent at the cut", "caf" + accent + "s", 5, utf8.RuneCountInString, "caf…"},
		{"escaped", "<<<<", 5, escapedLen, "<…"},
		{"too little room", family + "x", 1, utf8.RuneCountInString, "…"},
		{"no room", "abc", 0, utf8.RuneCountInString, "…"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := rich.Clip(tt.s, tt.n, tt.size)
			if got != tt.want {
				t.Errorf("Clip(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
			}
		})
	}
}
