package slack

import (
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// TestMrkdwnLenIsAMeasureForSplit checks mrkdwnLen adds up as rich.Split
// assumes, and that the chunks it makes fit a section.
func TestMrkdwnLenIsAMeasureForSplit(t *testing.T) {
	testkit.CheckSplitMeasure(t, mrkdwnLen, func(chunk []rich.Block) int { return textLen(mrkdwn(chunk)) }, maxSectionText)
}

// BenchmarkSplit200KB splits long answers into sections.
func BenchmarkSplit200KB(b *testing.B) { testkit.BenchmarkSplit(b, mrkdwnLen, maxSectionText, 200_000) }

// BenchmarkSplit400KB splits answers twice as long: it takes twice the
// time of BenchmarkSplit200KB, as splitting is linear.
func BenchmarkSplit400KB(b *testing.B) { testkit.BenchmarkSplit(b, mrkdwnLen, maxSectionText, 400_000) }
