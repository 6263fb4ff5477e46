package slack

import (
	"strings"
	"testing"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// checkMrkdwn checks that text can neither mention nor link except through
// a link the renderer made: every < opens <http…|…>, <mailto:…|…>, every &
// starts an entity.
func checkMrkdwn(t *testing.T, text string) {
	t.Helper()
	for i := 0; i < len(text); i++ {
		rest := text[i:]
		switch text[i] {
		case '<':
			end, bar := strings.IndexByte(rest, '>'), strings.IndexByte(rest, '|')
			scheme := strings.HasPrefix(rest, "<http://") || strings.HasPrefix(rest, "<https://") || strings.HasPrefix(rest, "<mailto:")
			if !scheme || end < 0 || bar < 0 || bar > end || strings.Contains(rest[1:end], "<") {
				t.Fatalf("a < that is not one of our links at %d in %q", i, text)
			}
		case '&':
			if !strings.HasPrefix(rest, "&amp;") && !strings.HasPrefix(rest, "&lt;") && !strings.HasPrefix(rest, "&gt;") {
				t.Fatalf("a bare & at %d in %q", i, text)
			}
		}
	}
}

func FuzzRender(f *testing.F) {
	for _, seed := range []struct {
		text, url string
		style     uint8
	}{
		{"<!channel> & <@U123>", "https://example.com/?a=1&b=2", 1},
		{"a*b_c`d\n```\ncode", "javascript:alert(1)", 7},
		{"https://x|<!here>", "https://x|<!here>", 4},
		{strings.Repeat("长文本 ", 2000), "mailto:a@b.c", 2},
		{"&amp; &lt; &#64;", "", 0},
	} {
		f.Add(seed.text, seed.url, seed.style)
	}
	f.Fuzz(func(t *testing.T, text, url string, style uint8) {
		if strings.Count(text, "\n") > 300 {
			// Answers have at most a few hundred lines; more only slows the
			// fuzzer down, as the text goes into several blocks below.
			return
		}
		span := rich.Span{Text: text, Style: rich.Style(style & 7), URL: url}
		blocks := []rich.Block{
			rich.Para(span, rich.Span{Text: text}),
			{Kind: rich.List, Ordered: style&8 != 0, Items: [][]rich.Block{{rich.Para(span)}, {{Kind: rich.List, Items: [][]rich.Block{{rich.Text(text)}}}}}},
			{Kind: rich.Code, Text: text},
			{Kind: rich.Quote, Children: []rich.Block{rich.Para(span)}},
		}
		msgs := render(quiz.Message{
			Blocks:  blocks,
			Buttons: [][]quiz.Button{{{Label: text, Payload: "n:"}}},
		})
		if len(msgs) == 0 {
			t.Fatal("nothing rendered")
		}
		for _, m := range msgs {
			checkMrkdwn(t, m.text)
			total := textLen(m.text)
			for _, b := range m.blocks {
				switch b := b.(type) {
				case *slackapi.SectionBlock:
					checkMrkdwn(t, b.Text.Text)
					if n := textLen(b.Text.Text); n > maxSectionText || n == 0 {
						t.Fatalf("a section of %d characters", n)
					}
					total += textLen(b.Text.Text)
				case *slackapi.ActionBlock:
					for _, el := range b.Elements.ElementSet {
						label := el.(*slackapi.ButtonBlockElement).Text.Text
						checkMrkdwn(t, label)
						if textLen(label) > maxLabel {
							t.Fatalf("a label of %d characters", textLen(label))
						}
					}
				}
			}
			if len(m.blocks) > maxBlocks || total > maxMessageText {
				t.Fatalf("a message of %d blocks and %d characters", len(m.blocks), total)
			}
		}
	})
}
