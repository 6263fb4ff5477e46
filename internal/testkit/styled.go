package testkit

import "github.com/kubequiz/kubequiz/quiz/rich"

// Styled is the text of the spans of blocks, nested ones included, that
// carry style (rich.Bold, rich.InlineCode…), in order.
func Styled(blocks []rich.Block, style rich.Style) []string {
	var out []string
	for _, bl := range blocks {
		for _, s := range bl.Spans {
			if s.Style&style != 0 {
				out = append(out, s.Text)
			}
		}
		for _, item := range bl.Items {
			out = append(out, Styled(item, style)...)
		}
		out = append(out, Styled(bl.Children, style)...)
	}
	return out
}
