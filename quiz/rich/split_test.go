package rich

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// measure is a stand-in for an adapter's renderer: plain text plus a little
// markup per block, as real markup adds.
func measure(blocks []Block) int {
	n := 0
	var walk func([]Block)
	walk = func(bs []Block) {
		for _, b := range bs {
			n += 3 // a separator or marker
			switch b.Kind {
			case Paragraph:
				for _, s := range b.Spans {
					n += utf8.RuneCountInString(s.Text)
					if s.Style != 0 {
						n += 2
					}
				}
			case Code:
				n += utf8.RuneCountInString(b.Text) + 8
			case List:
				for _, item := range b.Items {
					n += 2
					walk(item)
				}
			case Quote:
				walk(b.Children)
			}
		}
	}
	walk(blocks)
	return n
}

// words is the text of blocks as words, to compare contents across cuts.
func words(blocks []Block) string { return strings.Join(strings.Fields(Plain(blocks)), "") }

func checkSplit(t *testing.T, blocks []Block, limit int) [][]Block {
	t.Helper()
	chunks := Split(blocks, limit, measure)
	var joined []Block
	for i, c := range chunks {
		if len(c) == 0 {
			t.Fatalf("chunk %d is empty", i)
		}
		if got := measure(c); got > limit {
			t.Errorf("chunk %d measures %d, over the limit %d", i, got, limit)
		}
		joined = append(joined, c...)
	}
	if words(joined) != words(blocks) {
		t.Fatalf("the chunks lost or changed text:\n got %q\nwant %q", words(joined), words(blocks))
	}
	return chunks
}

func TestSplitKeepsSmallAnswersWhole(t *testing.T) {
	blocks := []Block{Text("one"), {Kind: List, Items: [][]Block{{Text("a")}, {Text("b")}}}}
	if chunks := checkSplit(t, blocks, 1000); len(chunks) != 1 || len(chunks[0]) != 2 {
		t.Errorf("a small answer was split: %+v", chunks)
	}
}

func TestSplitCutsAtTheGentlestPlace(t *testing.T) {
	long := strings.Repeat("字", 90)
	t.Run("blocks are packed whole before anything is cut", func(t *testing.T) {
		blocks := []Block{Text(long), Text(long), Text(long)}
		chunks := checkSplit(t, blocks, 200)
		if len(chunks) != 2 || len(chunks[0]) != 2 {
			t.Errorf("want two paragraphs then one, got %d chunks", len(chunks))
		}
	})
	t.Run("a long list is cut between items and keeps its numbering", func(t *testing.T) {
		var items [][]Block
		for range 6 {
			items = append(items, []Block{Text(long)})
		}
		chunks := checkSplit(t, []Block{{Kind: List, Ordered: true, Start: 1, Items: items}}, 220)
		last := chunks[len(chunks)-1]
		if l := last[len(last)-1]; l.Kind != List || l.Start != 6 {
			t.Errorf("the last item should be numbered 6: %+v", l)
		}
	})
	t.Run("a long paragraph is cut between lines", func(t *testing.T) {
		p := Para(Span{Text: long + "\n" + long + "\n" + long, Style: Bold})
		for _, c := range checkSplit(t, []Block{p}, 200) {
			for _, b := range c {
				for _, s := range b.Spans {
					if s.Style != Bold && strings.TrimSpace(s.Text) != "" {
						t.Errorf("a cut lost the span's style: %+v", s)
					}
				}
			}
		}
	})
	t.Run("a long code block is cut between lines and stays code", func(t *testing.T) {
		code := Block{Kind: Code, Lang: "yaml", Text: strings.Repeat("key: value\n", 100)}
		for _, c := range checkSplit(t, []Block{code}, 150) {
			for _, b := range c {
				if b.Kind != Code || b.Lang != "yaml" {
					t.Errorf("a piece of code became %+v", b)
				}
			}
		}
	})
	t.Run("a single line too long is cut between characters", func(t *testing.T) {
		checkSplit(t, []Block{Text(strings.Repeat("x", 10_000))}, 3000)
	})
	t.Run("quotes and nested lists", func(t *testing.T) {
		nested := Block{Kind: List, Items: [][]Block{{Text(long), {Kind: List, Items: [][]Block{{Text(long)}, {Text(long)}}}}}}
		checkSplit(t, []Block{{Kind: Quote, Children: []Block{Text(long), Text(long)}}, nested}, 120)
	})
}

func FuzzSplit(f *testing.F) {
	f.Add("para\nline", "code\nmore", 50, uint8(3))
	f.Add(strings.Repeat("长", 500), "", 30, uint8(7))
	f.Fuzz(func(t *testing.T, text, code string, limit int, items uint8) {
		if limit < 40 || limit > 5000 || !utf8.ValidString(text) || !utf8.ValidString(code) {
			return
		}
		var list [][]Block
		runes := []rune(text)
		for i := range int(items % 8) {
			list = append(list, []Block{Text(string(runes[:len(runes)*i/8]))})
		}
		blocks := []Block{Text(text), {Kind: Code, Text: code}, {Kind: List, Items: list}, {Kind: Quote, Children: []Block{Text(text)}}}
		chunks := Split(blocks, limit, measure)
		var joined []Block
		for _, c := range chunks {
			if measure(c) > limit {
				t.Fatalf("a chunk over the limit")
			}
			joined = append(joined, c...)
		}
		if words(joined) != words(blocks) {
			t.Fatalf("text changed")
		}
		for _, size := range []func([]Block) int{measure, markupLen} {
			if got, want := Split(blocks, limit, size), splitReference(blocks, limit, size); !reflect.DeepEqual(got, want) {
				t.Fatalf("Split differs from the reference: %s", firstDifference(got, want))
			}
		}
	})
}

func TestSplitTakesAnyLimitWithoutPanicking(t *testing.T) {
	blocks := []Block{Text("a\nb\n\nc d"), {Kind: Code, Text: "x\ny"}, {Kind: List, Items: [][]Block{{Text("i")}, {Text("j\nk")}}}}
	for _, limit := range []int{-5, 0, 1} {
		var joined []Block
		for _, c := range Split(blocks, limit, measure) {
			joined = append(joined, c...)
		}
		if words(joined) != words(blocks) {
			t.Errorf("limit %d: the chunks lost or changed text: %q", limit, words(joined))
		}
	}
}
