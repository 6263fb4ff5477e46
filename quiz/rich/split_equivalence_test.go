package rich

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// markup renders blocks in a small Slack-like markup: styled spans
// wrapped in markers, list items and quote lines prefixed, code fenced,
// blocks apart by a blank line. Like a real renderer it writes one thing
// after another, so its length adds up as Split requires.
func markup(blocks []Block) string {
	var lines []string
	for i, b := range blocks {
		if i > 0 {
			lines = append(lines, "")
		}
		bl := markupLines(b, 0)
		if len(bl) == 0 {
			bl = []string{""} // an empty list is an empty line
		}
		lines = append(lines, bl...)
	}
	return strings.Join(lines, "\n")
}

// markupLen measures markup in characters.
func markupLen(blocks []Block) int { return utf8.RuneCountInString(markup(blocks)) }

// markupBytes measures markup in bytes, another weighting.
func markupBytes(blocks []Block) int { return len(markup(blocks)) }

func markupLines(b Block, depth int) []string {
	switch b.Kind {
	case List:
		var out []string
		for _, item := range b.Items {
			for i, child := range item {
				for j, l := range markupLines(child, depth+1) {
					prefix := "    "
					if i == 0 && j == 0 {
						prefix = "• "
					}
					out = append(out, prefix+l)
				}
			}
		}
		return out
	case Code:
		return append(append([]string{"```"}, strings.Split(b.Text, "\n")...), "```")
	case Quote:
		var out []string
		for _, c := range b.Children {
			for _, l := range markupLines(c, depth) {
				out = append(out, "> "+l)
			}
		}
		return out
	default:
		var s strings.Builder
		for _, sp := range b.Spans {
			for i, l := range strings.Split(sp.Text, "\n") {
				if i > 0 {
					s.WriteByte('\n')
				}
				if sp.Style != 0 && l != "" {
					l = "*" + l + "*"
				}
				if sp.URL != "" && l != "" {
					l = "<" + sp.URL + "|" + l + ">"
				}
				s.WriteString(l)
			}
		}
		return strings.Split(s.String(), "\n")
	}
}

// randomText is text of words, Chinese, blank and long lines, markup
// characters, trailing line breaks, sentences' ends and pauses, and
// characters of several code points (an emoji family, a flag, an accent).
func randomText(r *rand.Rand) string {
	pieces := []string{"word", " ", "\n", "\n\n", "字符", "`", "*", "&<>", "", strings.Repeat("长", 40), strings.Repeat("x", 90), "kubectl get pods",
		"。", "; ", "，", "v1.2", "👨\u200d👩\u200d👧", "🇨🇳🇯🇵", "e\u0301", "”"}
	var b strings.Builder
	for range r.IntN(12) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func randomBlocks(r *rand.Rand, depth int) []Block {
	var out []Block
	for range r.IntN(4) + 1 {
		kind := BlockKind(r.IntN(4))
		if depth > 1 {
			kind = Paragraph
		}
		switch kind {
		case Paragraph:
			var spans []Span
			for range r.IntN(4) {
				s := Span{Text: randomText(r), Style: Style(r.IntN(8))}
				if r.IntN(4) == 0 {
					s.URL = "https://kubernetes.io/docs"
				}
				spans = append(spans, s)
			}
			out = append(out, Para(spans...))
		case Code:
			out = append(out, Block{Kind: Code, Lang: "yaml", Text: randomText(r) + randomText(r)})
		case List:
			var items [][]Block
			for range r.IntN(4) {
				items = append(items, randomBlocks(r, depth+1))
			}
			out = append(out, Block{Kind: List, Ordered: r.IntN(2) == 0, Start: 1, Items: items})
		case Quote:
			out = append(out, Block{Kind: Quote, Children: randomBlocks(r, depth+1)})
		}
	}
	return out
}

// manyLines is a paragraph and a code block of hundreds of lines, short,
// long and empty, some styled: Split measures such lines a batch at a time.
func manyLines(r *rand.Rand) []Block {
	var spans []Span
	var code strings.Builder
	for range 40 + r.IntN(200) {
		line := strings.Repeat("ab字 ", r.IntN(6)) + "\n"
		if r.IntN(50) == 0 {
			line = strings.Repeat("x", 60+r.IntN(200)) + "\n"
		}
		spans = append(spans, Span{Text: line, Style: Style(r.IntN(3))})
		code.WriteString(line)
	}
	return []Block{Para(spans...), {Kind: Code, Lang: "sh", Text: code.String()}}
}

// TestSplitGivesTheReferenceChunks checks, on random answers and limits,
// that Split packs exactly as the implementation it replaced.
func TestSplitGivesTheReferenceChunks(t *testing.T) {
	measures := map[string]func([]Block) int{"counted": measure, "markup": markupLen, "markup bytes": markupBytes}
	r := rand.New(rand.NewPCG(13, 2026))
	for i := range 600 {
		blocks := randomBlocks(r, 0)
		if i%4 == 0 {
			blocks = manyLines(r)
		}
		limit := 1 + r.IntN(400)
		for name, size := range measures {
			got, want := Split(blocks, limit, size), splitReference(blocks, limit, size)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("case %d, %s measure, limit %d: Split differs from the reference\n%s", i, name, limit, firstDifference(got, want))
			}
		}
	}
}

// firstDifference shows where two splits part.
func firstDifference(got, want [][]Block) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("chunk %d:\n got %#v\nwant %#v", i, got[i], want[i])
		}
	}
	return fmt.Sprintf("%d chunks, want %d", len(got), len(want))
}
