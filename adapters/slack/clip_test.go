package slack

import (
	"strings"
	"testing"

	slackapi "github.com/slack-go/slack"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// family is four people joined by U+200D: 7 runes, 11 UTF-16 units.
const family = "👨\u200d👩\u200d👧\u200d👦"

func TestButtonLabelsAreCutBetweenGraphemeClusters(t *testing.T) {
	a := strings.Repeat("a", 70)
	for _, tt := range []struct{ name, label, want string }{
		{"a family at the cut", a + "aa" + family + "b", a + "aa…"},
		{"a flag at the cut", a + "aa🇨🇳🇯🇵", a + "aa…"},
		{"a flag before the cut", a + "🇨🇳🇯🇵", a + "🇨🇳…"},
		{"an accent at the cut", a + "aaa" + "e\u0301zz", a + "aaa…"},
		{"escaped text at the cut", a + "a<b" + family, a + "a…"},
		{"a label that fits", a + "🇨🇳", a + "🇨🇳"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			msgs := render(quiz.Message{Blocks: []rich.Block{rich.Text("q")}, Buttons: [][]quiz.Button{{{Label: tt.label, Payload: "p"}}}})
			last := msgs[len(msgs)-1].blocks
			actions, ok := last[len(last)-1].(*slackapi.ActionBlock)
			if !ok {
				t.Fatalf("the last block is %T, not the buttons", last[len(last)-1])
			}
			if got := actions.Elements.ElementSet[0].(*slackapi.ButtonBlockElement).Text.Text; got != tt.want {
				t.Errorf("the button reads %+q, want %+q", got, tt.want)
			}
		})
	}
}

func TestNotificationTextIsCutBetweenGraphemeClusters(t *testing.T) {
	x := strings.Repeat("x", 146)
	for _, tt := range []struct{ name, text, want string }{
		{"a family at the cut", x + family + " and more", x + "…"},
		{"a flag at the cut", x + "x🇨🇳🇯🇵", x + "x…"},
		{"an accent at the cut", x + "xx" + "e\u0301zz", x + "xx…"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(quiz.Message{Blocks: []rich.Block{rich.Text(tt.text)}})[0].text; got != tt.want {
				t.Errorf("the notification text is %+q, want %+q", got, tt.want)
			}
		})
	}
}
