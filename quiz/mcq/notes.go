package mcq

import (
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// shownText is the plain text of an answer's blocks that a quiz may show:
// without notes to the reader and, unless withCode, without code blocks.
//
// A note ("（注：Initializers 已在 v1.14 移除……）", a paragraph opening with
// "注：") says what changed since the answer was written: context for the
// learner once the answer is shown, not what the answer says. An excerpt
// carrying one would grow with words of other questions (CoreDNS, CSI) and
// say when rather than what; a blank inside one would test release history
// instead of the answer. The text index still reads notes, so that an
// answer whose note names what an excerpt says is still taken as answering
// it.
func shownText(blocks []rich.Block, withCode bool) string {
	return textnorm.WithoutNotes(rich.Plain(shownBlocks(blocks, withCode)))
}

// shownBlocks is blocks without the paragraphs that are notes and, unless
// withCode, without code blocks, at any depth.
func shownBlocks(blocks []rich.Block, withCode bool) []rich.Block {
	var out []rich.Block
	for _, b := range blocks {
		switch b.Kind {
		case rich.Code:
			if !withCode {
				continue
			}
		case rich.Paragraph:
			if textnorm.IsNote(rich.SpansText(b.Spans)) {
				continue
			}
		case rich.List:
			nb := b
			nb.Items = nil
			for _, item := range b.Items {
				nb.Items = append(nb.Items, shownBlocks(item, withCode))
			}
			b = nb
		case rich.Quote:
			b.Children = shownBlocks(b.Children, withCode)
		}
		out = append(out, b)
	}
	return out
}
