package rich_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// runeLen measures blocks as their plain text in characters, so that a
// test knows how long the longest part that fits is.
func runeLen(blocks []rich.Block) int {
	n := 0
	for _, b := range blocks {
		n += utf8.RuneCountInString(rich.SpansText(b.Spans)) + utf8.RuneCountInString(b.Text)
	}
	return n
}

// partsOf splits one block of text with limit and returns the text of each
// chunk, checking that each fits and that together they are the text.
func partsOf(t *testing.T, b rich.Block, limit int, size func([]rich.Block) int) []string {
	t.Helper()
	var parts []string
	for i, chunk := range rich.Split([]rich.Block{b}, limit, size) {
		if got := size(chunk); got > limit {
			t.Errorf("chunk %d measures %d, over the limit %d", i, got, limit)
		}
		var text strings.Builder
		for _, b := range chunk {
			text.WriteString(rich.SpansText(b.Spans) + b.Text)
		}
		parts = append(parts, text.String())
	}
	whole := rich.SpansText(b.Spans) + b.Text
	if strings.Join(parts, "") != whole {
		t.Fatalf("the %d parts are not the text", len(parts))
	}
	return parts
}

func TestSplitCutsALongLineAtASentenceEndRatherThanInAWord(t *testing.T) {
	const limit = 3000
	text := testkit.Sentences(8000)
	for name, b := range map[string]rich.Block{
		"paragraph": rich.Text(text),
		"bold":      rich.Para(rich.Span{Text: text, Style: rich.Bold}),
		"code":      {Kind: rich.Code, Text: text},
	} {
		t.Run(name, func(t *testing.T) {
			parts := partsOf(t, b, limit, runeLen)
			if len(parts) < 3 {
				t.Fatalf("%d parts of 8,000 characters at %d", len(parts), limit)
			}
			for i, p := range parts[:len(parts)-1] {
				end := strings.TrimRightFunc(p, unicode.IsSpace)
				last, _ := utf8.DecodeLastRuneInString(end)
				if !strings.ContainsRune("。；.", last) {
					t.Errorf("part %d ends %q, not at a sentence's end; the next starts %q", i, tail(p), head(parts[i+1]))
				}
				if n := utf8.RuneCountInString(p); n < limit*4/5 {
					t.Errorf("part %d is %d characters, much shorter than the limit %d", i, n, limit)
				}
			}
		})
	}
}

func TestSplitCutsALongLineWithoutSentencesAtASpaceOrComma(t *testing.T) {
	const limit = 500
	for name, text := range map[string]string{
		"words":  strings.Repeat("kubelet talks to the apiserver ", 60),
		"commas": strings.Repeat("kubelet、apiserver，etcd", 60),
	} {
		t.Run(name, func(t *testing.T) {
			parts := partsOf(t, rich.Text(text), limit, runeLen)
			for i, p := range parts[:len(parts)-1] {
				last, _ := utf8.DecodeLastRuneInString(p)
				if !unicode.IsSpace(last) && !strings.ContainsRune("，、,", last) {
					t.Errorf("part %d ends %q, inside a word; the next starts %q", i, tail(p), head(parts[i+1]))
				}
				if n := utf8.RuneCountInString(p); n < limit*4/5 {
					t.Errorf("part %d is %d characters, much shorter than the limit %d", i, n, limit)
				}
			}
		})
	}
}

func TestSplitCutsInsideAWordOnlyWhenNothingElseIsNear(t *testing.T) {
	// One word of 1,000 letters after a sentence far back: the parts are
	// as long as they can be.
	text := "短句。" + strings.Repeat("k", 1000)
	parts := partsOf(t, rich.Text(text), 300, runeLen)
	if got := utf8.RuneCountInString(parts[0]); got != 300 {
		t.Errorf("the first part is %d characters, want the longest, 300: the sentence end is too far back", got)
	}
	// Chinese without punctuation is cut between two characters, as long
	// as can be.
	parts = partsOf(t, rich.Text(strings.Repeat("调度", 500)), 301, runeLen)
	if got := utf8.RuneCountInString(parts[0]); got != 301 {
		t.Errorf("the first part is %d characters, want 301", got)
	}
}

func TestSplitNeverCutsAGraphemeCluster(t *testing.T) {
	family := "👨\u200d👩\u200d👧\u200d👦"
	for name, text := range map[string]string{
		"families":            strings.Repeat(family, 400),
		"flags":               "中" + strings.Repeat("🇨🇳", 700),
		"accents":             strings.Repeat("e\u0301", 900),
		"keycaps and skins":   strings.Repeat("1\ufe0f\u20e3👍🏽", 300),
		"text around emoji":   strings.Repeat("节点 "+family+" 🇯🇵，", 200),
		"invalid UTF-8 too":   strings.Repeat("\xff"+family, 300),
		"a lone huge cluster": "a" + strings.Repeat("\u0301", 900),
	} {
		t.Run(name, func(t *testing.T) {
			if !utf8.ValidString(text) {
				text = string([]rune(text))
			}
			for _, limit := range []int{97, 500, 1000} {
				parts := partsOf(t, rich.Text(text), limit, utf16Measure)
				if name == "a lone huge cluster" {
					continue // one cluster too large for a part is cut all the same
				}
				clusters := 0
				for _, p := range parts {
					clusters += uniseg.GraphemeClusterCount(p)
				}
				if want := uniseg.GraphemeClusterCount(text); clusters != want {
					t.Errorf("limit %d: the parts hold %d grapheme clusters, the text %d: one was cut", limit, clusters, want)
					for i := 1; i < len(parts); i++ {
						t.Logf("part %d ends %q, part %d starts %q", i-1, tail(parts[i-1]), i, head(parts[i]))
					}
				}
			}
		})
	}
}

// utf16Measure measures blocks in UTF-16 code units, as the platforms do.
func utf16Measure(blocks []rich.Block) int {
	n := 0
	for _, b := range blocks {
		n += rich.UTF16Len(rich.SpansText(b.Spans)) + rich.UTF16Len(b.Text)
	}
	return n
}

// tail is the end of s, to show where it was cut.
func tail(s string) string {
	r := []rune(s)
	return string(r[max(0, len(r)-12):])
}

// head is the start of s.
func head(s string) string {
	r := []rune(s)
	return string(r[:min(len(r), 12)])
}
