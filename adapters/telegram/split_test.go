package telegram

import (
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// TestHTMLSizeIsAMeasureForSplit checks htmlSize adds up as rich.Split
// assumes, and that the chunks it makes fit a message.
func TestHTMLSizeIsAMeasureForSplit(t *testing.T) {
	testkit.CheckSplitMeasure(t, htmlSize, func(chunk []rich.Block) int { return textLen(renderHTML(chunk)) }, maxText)
}

// BenchmarkSplit200KB splits a 200 KB answer as the adapter does; the
// cost must be linear in its length, whatever the length of its lines.
func BenchmarkSplit200KB(b *testing.B) {
	for _, shape := range []struct {
		name    string
		lineLen int
	}{{"80-char lines", 80}, {"short lines", 8}, {"one line", 200_000}} {
		answer := testkit.LongAnswer(shape.lineLen)
		b.Run(shape.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rich.Split(answer, maxText, htmlSize)
			}
		})
	}
}
