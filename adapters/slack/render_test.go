package slack

import (
	"fmt"
	"strings"
	"testing"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

func TestMrkdwn(t *testing.T) {
	z := zwsp
	item := func(bs ...rich.Block) []rich.Block { return bs }
	tests := []struct {
		name   string
		blocks []rich.Block
		want   string
	}{
		{"plain text is escaped", []rich.Block{rich.Text("a & b <!channel> <@U1> > c")},
			"a &amp; b &lt;!channel&gt; &lt;@U1&gt; &gt; c"},
		{"styles get markers, with spaces kept outside", []rich.Block{rich.Para(
			rich.Span{Text: "粗体", Style: rich.Bold}, rich.Span{Text: " italic ", Style: rich.Italic},
			rich.Span{Text: "kubectl", Style: rich.InlineCode}, rich.Span{Text: "both", Style: rich.Bold | rich.Italic})},
			z + "*粗体*" + z + " " + z + "_italic_" + z + " " + z + "`kubectl`" + z + z + "*_both_*" + z},
		{"a marker the text holds is dropped rather than broken", []rich.Block{rich.Para(
			rich.Span{Text: "a*b", Style: rich.Bold}, rich.Span{Text: " x`y", Style: rich.InlineCode})},
			"a*b x`y"},
		{"styles stop at line ends", []rich.Block{rich.Para(rich.Span{Text: "one\ntwo", Style: rich.Bold})},
			z + "*one*" + z + "\n" + z + "*two*" + z},
		{"links keep an escaped target", []rich.Block{rich.Para(rich.Span{Text: "docs & <more>", URL: "https://k8s.io/a?b=1&c=2|x"})},
			"<https://k8s.io/a?b=1&amp;c=2%7Cx|docs &amp; &lt;more&gt;>"},
		{"links that are not web or mail are text", []rich.Block{rich.Para(rich.Span{Text: "click", URL: "javascript:alert(1)"})},
			"click"},
		{"paragraphs are apart", []rich.Block{rich.Text("one"), rich.Text("two")}, "one\n\ntwo"},
		{"lists are bulleted and nested lists indented", []rich.Block{{Kind: rich.List, Items: [][]rich.Block{
			item(rich.Text("a"), rich.Block{Kind: rich.List, Items: [][]rich.Block{item(rich.Text("a1"))}}),
			item(rich.Text("b")),
		}}}, "• a\n    ◦ a1\n• b"},
		{"numbered lists continue from their start", []rich.Block{{Kind: rich.List, Ordered: true, Start: 3, Items: [][]rich.Block{
			item(rich.Text("c")), item(rich.Text("d\nmore")),
		}}}, "3. c\n4. d\n    more"},
		{"code is fenced, escaped, and cannot close its fence", []rich.Block{{Kind: rich.Code, Lang: "go", Text: "if a < b && c {\n```\n}"}},
			"```\nif a &lt; b &amp;&amp; c {\n`" + z + "``\n}\n```"},
		{"quotes mark every line", []rich.Block{{Kind: rich.Quote, Children: []rich.Block{rich.Text("q1\nq2")}}},
			"> q1\n> q2"},
		{"a quote inside a quote is part of it, as Slack nests none", []rich.Block{{Kind: rich.Quote, Children: []rich.Block{
			rich.Text("outer"), {Kind: rich.Quote, Children: []rich.Block{rich.Text("inner"), {Kind: rich.Quote, Children: []rich.Block{rich.Text("deep")}}}},
			{Kind: rich.List, Items: [][]rich.Block{item(rich.Block{Kind: rich.Quote, Children: []rich.Block{rich.Text("listed")}})}},
		}}}, "> outer\n> inner\n> deep\n> • listed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := mrkdwn(tc.blocks); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// elements lists a message's interactive elements.
func elements(m outMessage) []slackapi.BlockElement {
	var out []slackapi.BlockElement
	for _, b := range m.blocks {
		if a, ok := b.(*slackapi.ActionBlock); ok {
			out = append(out, a.Elements.ElementSet...)
		}
	}
	return out
}

func TestRenderChecklist(t *testing.T) {
	c := &quiz.Checklist{QuestionID: "abcdef", Checked: 1<<0 | 1<<11, SubmitLabel: "Submit"}
	for i := range 15 {
		c.Points = append(c.Points, fmt.Sprintf("point %d <!channel> %s", i, strings.Repeat("long ", 20)))
	}
	msgs := render(quiz.Message{Blocks: []rich.Block{rich.Text("Tick")}, Checklist: c})
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want 1", len(msgs))
	}
	var groups []*slackapi.CheckboxGroupsBlockElement
	var submit *slackapi.ButtonBlockElement
	for _, el := range elements(msgs[0]) {
		switch el := el.(type) {
		case *slackapi.CheckboxGroupsBlockElement:
			groups = append(groups, el)
		case *slackapi.ButtonBlockElement:
			submit = el
		}
	}
	t.Run("fifteen points make groups of ten and five, ticked as checked", func(t *testing.T) {
		if len(groups) != 2 || len(groups[0].Options) != 10 || len(groups[1].Options) != 5 {
			t.Fatalf("got %d groups", len(groups))
		}
		if len(groups[0].InitialOptions) != 1 || groups[0].InitialOptions[0].Value != "0" ||
			len(groups[1].InitialOptions) != 1 || groups[1].InitialOptions[0].Value != "11" {
			t.Errorf("initial options do not match the checked points")
		}
	})
	t.Run("labels are escaped and at most 75 characters", func(t *testing.T) {
		for _, o := range append(groups[0].Options, groups[1].Options...) {
			if n := textLen(o.Text.Text); n > maxLabel || strings.Contains(o.Text.Text, "<!") || !strings.HasSuffix(o.Text.Text, "…") {
				t.Errorf("label %q (%d characters)", o.Text.Text, n)
			}
		}
	})
	t.Run("the submit button carries the checklist's reference", func(t *testing.T) {
		if submit == nil || submit.ActionID != actionSubmit || quiz.ChecklistFromRef(submit.Value).QuestionID != "abcdef" || submit.Style != slackapi.StylePrimary {
			t.Errorf("got %+v", submit)
		}
	})
}

func TestRenderSplitsLongMessages(t *testing.T) {
	var blocks []rich.Block
	for i := range 300 {
		blocks = append(blocks, rich.Text(fmt.Sprintf("paragraph %d: %s", i, strings.Repeat("文字 & ", 40))))
	}
	buttons := [][]quiz.Button{{{Label: "Again", Payload: "g:abcdef:1"}, {Label: "Easy", Payload: "g:abcdef:4", Primary: true}}}
	msgs := render(quiz.Message{Blocks: blocks, Buttons: buttons})
	if len(msgs) < 6 {
		t.Fatalf("got %d messages for about 90,000 characters, want at least 6", len(msgs))
	}
	for i, m := range msgs {
		total := textLen(m.text)
		for _, b := range m.blocks {
			if s, ok := b.(*slackapi.SectionBlock); ok {
				if n := textLen(s.Text.Text); n > maxSectionText {
					t.Errorf("message %d has a section of %d characters", i, n)
				}
				total += textLen(s.Text.Text)
			}
		}
		if len(m.blocks) > maxBlocks || total > maxMessageText {
			t.Errorf("message %d has %d blocks and %d characters", i, len(m.blocks), total)
		}
		if hasButtons := len(elements(m)) > 0; hasButtons != (i == len(msgs)-1) {
			t.Errorf("message %d of %d: buttons %v; only the last should have them", i+1, len(msgs), hasButtons)
		}
	}
}
