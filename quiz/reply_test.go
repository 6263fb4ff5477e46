package quiz

import (
	"testing"
	"time"

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

func TestHumanDurationNeverRoundsUpToTheNextUnitsNumber(t *testing.T) {
	s := &Service{}
	for d, want := range map[time.Duration]string{
		20 * time.Second:                      "20 seconds",
		59*time.Second + 600*time.Millisecond: "1 minute",
		10 * time.Minute:                      "10 minutes",
		59*time.Minute + 45*time.Second:       "1 hour",
		24*time.Hour - time.Second:            "1 day",
		23 * time.Hour:                        "23 hours",
		3*24*time.Hour - time.Minute:          "3 days",
	} {
		if got := s.humanDuration(LangEN, d); got != want {
			t.Errorf("humanDuration(%s) = %q, want %q", d, got, want)
		}
	}
}
