package commandcheck

import (
	"slices"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestDeclaredTextsFindsEveryLine: every non-empty quiz.Text literal of a
// package's code is found, wherever it is written and however its strings
// are split; its tests' are not.
func TestDeclaredTextsFindsEveryLine(t *testing.T) {
	got := DeclaredTexts(t, "testdata/lines")
	want := []quiz.Text{
		{ZH: "一", EN: "one"},
		{ZH: "二二", EN: "two lines"},
		{ZH: "三", EN: "three"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("DeclaredTexts = %q, want %q", got, want)
	}
}
