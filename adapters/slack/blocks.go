package slack

import (
	"strconv"
	"strings"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// Slack's limits on a message (docs.slack.dev: Block Kit and chat.postMessage); slack-go checks none of them.
const (
	maxSectionText = 3000   // characters of one section's text
	maxBlocks      = 50     // blocks in one message
	maxMessageText = 12_000 // characters in all, safely under msg_blocks_too_long
	maxLabel       = 75     // characters of a button or option label
	maxOptions     = 10     // options in one checkboxes element
	maxFallback    = 150    // characters of the notification text
)

// Action IDs: a button carries a core payload as its value; the checklist's
// boxes are read from the message state when its submit button is pressed.
const (
	actionButton   = "kq.b."      // + row.column; the value is a payload
	actionCheckbox = "kq.check."  // + group; option values are point indexes
	actionSubmit   = "kq.submit"  // the value is the checklist's Ref
	checklistBlock = "kq.points." // + group: the block of a checkboxes group
)

// fallbackNoTitle is the notification text of a message with no text.
const fallbackNoTitle = "kubequiz"

// outMessage is one Slack message: Block Kit blocks and the plain text
// notifications show.
type outMessage struct {
	blocks []slackapi.Block
	text   string
}

// unit is a run of blocks that stays in one message.
type unit struct {
	blocks []slackapi.Block
	chars  int
}

// render draws a neutral message as one or more Slack messages, each within
// Slack's limits, in order; the buttons and checklist come with the last.
func render(m quiz.Message) []outMessage {
	units := sections(m.Blocks)
	if controls := controls(m); len(controls.blocks) > 0 {
		units = append(units, controls)
	}
	fallback := fallbackText(m.Blocks)
	var out []outMessage
	var cur outMessage
	chars := 0
	for _, u := range units {
		if len(cur.blocks) > 0 && (len(cur.blocks)+len(u.blocks) > maxBlocks || chars+u.chars > maxMessageText-maxFallback) {
			out = append(out, cur)
			cur, chars = outMessage{}, 0
		}
		cur.blocks = append(cur.blocks, u.blocks...)
		chars += u.chars
	}
	if len(cur.blocks) > 0 {
		out = append(out, cur)
	}
	for i := range out {
		out[i].text = fallback
	}
	return out
}

// sections are blocks as mrkdwn sections, a unit each, each within
// Slack's limit on a section's text: the one way rich text reaches
// Slack, in messages and modals alike.
func sections(blocks []rich.Block) []unit {
	var units []unit
	for _, chunk := range rich.Split(blocks, maxSectionText, mrkdwnLen) {
		text := mrkdwn(chunk)
		if strings.TrimSpace(text) == "" {
			continue // Slack refuses an empty section
		}
		units = append(units, unit{
			blocks: []slackapi.Block{slackapi.NewSectionBlock(slackapi.NewTextBlockObject(slackapi.MarkdownType, text, false, true), nil, nil)},
			chars:  textLen(text),
		})
	}
	return units
}

// controls are the message's buttons and checklist, kept together.
func controls(m quiz.Message) unit {
	var u unit
	if c := m.Checklist; c != nil {
		for g := 0; g*maxOptions < len(c.Points); g++ {
			box := slackapi.NewCheckboxGroupsBlockElement(actionCheckbox + strconv.Itoa(g))
			for i := g * maxOptions; i < min(len(c.Points), (g+1)*maxOptions); i++ {
				o := slackapi.NewOptionBlockObject(strconv.Itoa(i), plainText(c.Points[i]), nil)
				box.Options = append(box.Options, o)
				if c.Checked&(1<<uint(i)) != 0 {
					box.InitialOptions = append(box.InitialOptions, o)
				}
				u.chars += textLen(o.Text.Text)
			}
			u.blocks = append(u.blocks, slackapi.NewActionBlock(checklistBlock+strconv.Itoa(g), box))
		}
		submit := slackapi.NewButtonBlockElement(actionSubmit, c.Ref(), plainText(c.SubmitLabel)).WithStyle(slackapi.StylePrimary)
		u.blocks = append(u.blocks, slackapi.NewActionBlock("", submit))
		u.chars += textLen(submit.Text.Text)
	}
	for r, row := range m.Buttons {
		var elems []slackapi.BlockElement
		for c, b := range row {
			btn := slackapi.NewButtonBlockElement(actionButton+strconv.Itoa(r)+"."+strconv.Itoa(c), b.Payload, plainText(b.Label))
			if b.Primary {
				btn = btn.WithStyle(slackapi.StylePrimary)
			}
			elems = append(elems, btn)
			u.chars += textLen(btn.Text.Text) + len(b.Payload)
		}
		if len(elems) > 0 {
			u.blocks = append(u.blocks, slackapi.NewActionBlock("", elems...))
		}
	}
	return u
}

// plainText is a label: escaped, shortened to fit, never empty.
func plainText(s string) *slackapi.TextBlockObject {
	label := clip(s, maxLabel)
	if label == "" {
		label = "…"
	}
	return slackapi.NewTextBlockObject(slackapi.PlainTextType, label, true, false)
}

// clip escapes s and shortens it, between grapheme clusters (an emoji
// sequence or a flag stays whole: rich.Clip), so that the escaped text is
// at most n characters long.
func clip(s string, n int) string {
	return escape(rich.Clip(strings.Join(strings.Fields(s), " "), n, escapedLen))
}

// escapedLen is the length of s once escaped, as Slack counts it.
func escapedLen(s string) int { return textLen(escape(s)) }

// fallbackText is the start of a message as plain text, for notifications.
func fallbackText(blocks []rich.Block) string {
	if t := clip(unformatted(rich.Plain(blocks)), maxFallback); t != "" {
		return t
	}
	return fallbackNoTitle
}
