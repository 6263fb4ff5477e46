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

// TestALongLineIsCutAtASentenceAndBetweenGraphemes checks where a line
// too long for one message is cut.
func TestALongLineIsCutAtASentenceAndBetweenGraphemes(t *testing.T) {
	testkit.CheckLongLinesAreCutAtEdges(t, htmlChunks)
}

// BenchmarkSplit200KB splits long answers into messages.
func BenchmarkSplit200KB(b *testing.B) { testkit.BenchmarkSplit(b, htmlSize, maxText, 200_000) }

// BenchmarkSplit400KB splits answers twice as long: it takes twice the
// time of BenchmarkSplit200KB, as splitting is linear.
func BenchmarkSplit400KB(b *testing.B) { testkit.BenchmarkSplit(b, htmlSize, maxText, 400_000) }
