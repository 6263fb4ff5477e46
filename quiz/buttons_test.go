package quiz_test

import (
	"context"
	"strings"
	"testing"
)

// TestATypedNumberWithoutAButton is issue 11's item 3 in the core: where
// numbers press buttons, a number that names none is answered with the
// buttons there are, in the user's language; elsewhere it is an unknown
// command as before.
func TestATypedNumberWithoutAButton(t *testing.T) {
	e := newEnv(t)
	typed := func(line string, shown int, byNumber bool) string {
		req := e.request("ann")
		req.Text, req.ButtonsShown, req.PressByNumber = line, shown, byNumber
		return text(e.svc.Handle(context.Background(), req))
	}
	cases := []struct {
		text     string
		shown    int
		byNumber bool
		want     string
	}{
		{"5", 4, true, "There is no button 5 (the buttons are 1–4)."},
		{"５", 4, true, "There is no button 5 (the buttons are 1–4)."},
		{" 12 ", 1, true, "There is no button 12 (there is only button 1)."},
		{"3", 0, true, "There are no buttons to press yet: type a command first, e.g. /ask."},
		{"5", 4, false, `I don't know the command "5"`},
		{"5x", 4, true, `I don't know the command "5x"`},
	}
	for _, c := range cases {
		if got := typed(c.text, c.shown, c.byNumber); !strings.Contains(got, c.want) {
			t.Errorf("%q with %d buttons: %q, want %q", c.text, c.shown, got, c.want)
		}
	}
	e.cmd("ann", "lang zh")
	if got := typed("5", 4, true); got != "没有按钮 5（现有按钮 1–4）。" {
		t.Errorf("in Chinese: %q", got)
	}
}
