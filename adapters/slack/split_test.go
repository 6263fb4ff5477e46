package slack

import (
	"testing"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// TestMrkdwnLenIsAMeasureForSplit checks mrkdwnLen adds up as rich.Split
// assumes, and that the chunks it makes fit a section.
func TestMrkdwnLenIsAMeasureForSplit(t *testing.T) {
	testkit.CheckSplitMeasure(t, mrkdwnLen, func(chunk []rich.Block) int { return textLen(mrkdwn(chunk)) }, maxSectionText)
}

// TestALongLineIsCutAtASentenceAndBetweenGraphemes checks where a line
// too long for one section is cut.
func TestALongLineIsCutAtASentenceAndBetweenGraphemes(t *testing.T) {
	testkit.CheckLongLinesAreCutAtEdges(t, func(blocks []rich.Block) []string {
		var texts []string
		for _, m := range render(quiz.Message{Blocks: blocks}) {
			for _, b := range m.blocks {
				if s, ok := b.(*slackapi.SectionBlock); ok {
					texts = append(texts, s.Text.Text)
				}
			}
		}
		return texts
	})
}

// BenchmarkSplit200KB splits long answers into sections.
func BenchmarkSplit200KB(b *testing.B) { testkit.BenchmarkSplit(b, mrkdwnLen, maxSectionText, 200_000) }

// BenchmarkSplit400KB splits answers twice as long: it takes twice the
// time of BenchmarkSplit200KB, as splitting is linear.
func BenchmarkSplit400KB(b *testing.B) { testkit.BenchmarkSplit(b, mrkdwnLen, maxSectionText, 400_000) }
