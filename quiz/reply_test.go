package quiz

import (
	"testing"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

func TestANoticeIsShownOnceWhereThereAreNoToasts(t *testing.T) {
	onlyNotice := Response{Notice: "Recorded: Good"}
	if got := onlyNotice.Shown(); len(got) != 1 || !got[0].Private || rich.Plain(got[0].Blocks) != "Recorded: Good" {
		t.Errorf("a notice alone is shown as one private message: %+v", got)
	}
	both := Response{Notice: "Recorded: Good", Messages: []Message{{Blocks: []rich.Block{rich.Text("Recorded: Good. Next review in 3 days.")}}}}
	if got := both.Shown(); len(got) != 1 || rich.Plain(got[0].Blocks) != "Recorded: Good. Next review in 3 days." {
		t.Errorf("with messages, the notice is not repeated: %+v", got)
	}
	if got := (Response{}).Shown(); len(got) != 0 {
		t.Errorf("nothing to show: %+v", got)
	}
}
