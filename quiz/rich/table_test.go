package rich

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// A table's readable form is made once, by NewTable: the header in bold,
// a row a line, cells joined by CellSep; empty cells and rows, and a header
// of empty cells, show nothing.
func TestNewTableWritesRowsAsLines(t *testing.T) {
	cell := func(s string) []Span { return []Span{{Text: s}} }
	b := NewTable([][]Span{cell("name"), cell(""), {{Text: "what", Style: Italic}}}, [][][]Span{
		{cell("kubelet"), cell(""), {{Text: "runs ", Style: 0}, {Text: "pods", Style: InlineCode}}},
		{cell(""), cell(" "), cell("")},
		{cell("etcd"), cell("x"), cell("stores state")},
	})
	if got, want := Plain([]Block{b}), "name — what\nkubelet — runs pods\netcd — x — stores state"; got != want {
		t.Errorf("Plain %q, want %q", got, want)
	}
	if len(b.Rows) != 2 || len(b.Header) != 3 {
		t.Errorf("%d rows, %d header cells: want the two rows with text and the header's three cells", len(b.Rows), len(b.Header))
	}
	want := []Span{{Text: "name — ", Style: Bold}, {Text: "what", Style: Bold | Italic}, {Text: "\nkubelet — runs "}, {Text: "pods", Style: InlineCode}, {Text: "\netcd — x — stores state"}}
	if fmt.Sprint(b.Spans) != fmt.Sprint(want) {
		t.Errorf("spans %+v, want %+v", b.Spans, want)
	}
	if empty := NewTable([][]Span{cell(" ")}, [][][]Span{{cell("a")}}); len(empty.Header) != 0 || SpansText(empty.Spans) != "a" {
		t.Errorf("a header of empty cells shows: %+v", empty)
	}
}

// A table too long for one message is cut between rows, every row whole
// in one chunk.
func TestSplitCutsATableBetweenRows(t *testing.T) {
	var rows [][][]Span
	var lines []string
	for i := range 60 {
		line := fmt.Sprintf("row%02d — some text — more text", i)
		rows = append(rows, [][]Span{{{Text: fmt.Sprintf("row%02d", i)}}, {{Text: "some text"}}, {{Text: "more text"}}})
		lines = append(lines, line)
	}
	// Like a renderer: a table's text and a little markup per block.
	size := func(blocks []Block) int {
		n := 0
		for _, b := range blocks {
			n += 3 + utf8.RuneCountInString(SpansText(b.Spans))
		}
		return n
	}
	chunks := Split([]Block{NewTable(nil, rows)}, 300, size)
	if len(chunks) < 2 {
		t.Fatalf("%d chunks", len(chunks))
	}
	var got []string
	for _, c := range chunks {
		if n := size(c); n > 300 {
			t.Errorf("a chunk of %d", n)
		}
		got = append(got, strings.Split(Plain(c), "\n")...)
	}
	if strings.Join(got, "\n") != strings.Join(lines, "\n") {
		t.Errorf("the rows, chunk after chunk:\n%s", strings.Join(got, "\n"))
	}
}
