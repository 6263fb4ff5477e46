package console_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/adapters/console"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// session runs a piped console session on an embedded Redis and returns
// the transcript.
func session(t *testing.T, user, input string) string {
	t.Helper()
	rdb, _ := testkit.Redis(t)
	svc, err := quiz.New(quiz.Config{
		Bank: testkit.ShippedBank(t), Store: redisstore.New(rdb), Lang: "en",
		Rand: rand.NewPCG(1, 2), Now: func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	c, err := console.New(console.Config{In: strings.NewReader(input), Out: &out, User: user, UserName: "tester"}, adapters.Deps{Core: svc})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestPipedSessionPressesButtonsByNumber(t *testing.T) {
	got := session(t, "console:"+t.Name(), "ask pv\n1\n3\n")
	for _, want := range []string{
		"> ask pv\n📝 ",
		"[1] Show answer  [2] Another",
		"> 1\n💡 ",
		"[1] Again  [2] Hard  [3] Good  [4] Easy",
		"> 3\nRecorded: Good. Next review in 3 days",
		"[1] Next question",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript lacks %q:\n%s", want, got)
		}
	}
}

func TestChecklistInTheConsole(t *testing.T) {
	// Show the restart-policy answer, open its checklist, tick the first
	// point, submit: 1 of 3 is Again.
	id := testkit.Question(t, "pod的重启策略有哪些？").ID
	got := session(t, "console:"+t.Name(), "ask "+id+"\n1\n5\n1\n4\n")
	for _, want := range []string{"[5] Check key points (3)", "[1] ☐ Always", "[1] ☑ Always", "[4] Submit", "You covered 1 of 3 key points (33%).", "Recorded: Again"} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript lacks %q:\n%s", want, got)
		}
	}
}

func TestBadLinesGetAnswersAndTheSessionGoesOn(t *testing.T) {
	long := strings.Repeat("x", 200_000)
	got := session(t, "console:"+t.Name(), "9\n"+long+"\n\x00\x01\nfrob\ntopics\n")
	for _, want := range []string{
		`I don't know the command "9"`,
		"That command is too long",
		"characters I can't read",
		`I don't know the command "frob"`,
		"topics, 52 questions",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
}

// TestButtonsStayPressableUntilNewOnesReplaceThem is issue 11's `ask pv`,
// `1`, `help`, `3`: a reply without buttons (help) leaves the grading
// buttons on screen pressable.
func TestButtonsStayPressableUntilNewOnesReplaceThem(t *testing.T) {
	got := session(t, "console:"+t.Name(), "ask pv\n1\nhelp\n3\n")
	if !strings.Contains(got, "> 3\nRecorded: Good") {
		t.Errorf("3 after help did not press Good:\n%s", got)
	}
}
