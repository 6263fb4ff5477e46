package console_test

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/adapters/console"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/redisstore"
)

// session runs a piped console session in English on an embedded Redis
// and returns the transcript.
func session(t *testing.T, user, input string) string {
	t.Helper()
	out, err := run(t, console.Config{User: user, UserName: "tester"}, input)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// run runs a console on input, on a core in English with a fixed clock and
// seed, and returns its output and error.
func run(t *testing.T, cfg console.Config, input string) (string, error) {
	t.Helper()
	var out strings.Builder
	cfg.In, cfg.Out = strings.NewReader(input), &out
	err := newConsole(t, cfg).Run(context.Background())
	return out.String(), err
}

// newConsole is a console on cfg's input and output, on a core in English
// with a fixed clock and seed.
func newConsole(t *testing.T, cfg console.Config) *console.Console {
	t.Helper()
	rdb, _ := testkit.Redis(t)
	st := redisstore.New(rdb)
	svc, err := quiz.New(quiz.Config{
		Bank: testkit.ShippedBank(t), Store: st, Daily: st, Lang: "en",
		Rand: rand.NewPCG(1, 2), Now: func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.User == "" {
		cfg.User = "console:" + t.Name()
	}
	c, err := console.New(cfg, adapters.Deps{Core: svc})
	if err != nil {
		t.Fatal(err)
	}
	quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{console.Name: c}}) // posts "daily now"
	return c
}

// transcript is a console's output, read while it runs.
type transcript struct {
	mu  sync.Mutex
	out strings.Builder
}

func (tr *transcript) Write(p []byte) (int, error) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.out.Write(p)
}

func (tr *transcript) String() string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.out.String()
}

// TestADailyPostedMidSessionKeepsTheCardsNumbers: a daily question that
// comes in while a card's buttons are on screen is numbered after them,
// and the card's numbers still press the card's buttons — typing 1 for
// Show answer must not answer the daily (its one answer a day); the
// daily's options are chosen by their letters.
func TestADailyPostedMidSessionKeepsTheCardsNumbers(t *testing.T) {
	in, typing := io.Pipe()
	out := &transcript{}
	c := newConsole(t, console.Config{In: in, Out: out})
	done := make(chan error, 1)
	go func() { done <- c.Run(context.Background()) }()
	typeLine := func(line string) {
		if _, err := io.WriteString(typing, line+"\n"); err != nil {
			t.Fatal(err)
		}
	}
	typeLine("ask pv")
	testkit.Eventually(t, "the card on screen", func() bool { return strings.Contains(out.String(), "[1] Show answer") })
	daily := quiz.Message{Blocks: []rich.Block{rich.Text("📅 Daily question")}, Buttons: [][]quiz.Button{{
		{Label: "A", Payload: quiz.AnswerPayload("dailyq", 0)}, {Label: "B", Payload: quiz.AnswerPayload("dailyq", 1)},
	}}}
	if _, err := c.Post(context.Background(), console.Channel, daily); err != nil {
		t.Fatal(err)
	}
	testkit.Eventually(t, "the daily on screen", func() bool { return strings.Contains(out.String(), "[4] A  [5] B") })
	typeLine("b") // the daily's option, by its letter
	testkit.Eventually(t, "the daily's option chosen", func() bool { return strings.Contains(out.String(), "> b\n") })
	typeLine("1")
	_ = typing.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if strings.Contains(got, `I don't know the command "b"`) {
		t.Errorf("b did not choose the daily's option:\n%s", got)
	}
	if !strings.Contains(got, "> 1\n💡 ") {
		t.Errorf("1 did not show the card's answer:\n%s", got)
	}
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
		"There are no buttons to press yet",
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

// TestANumberWithoutAButtonSaysWhichExist is issue 11's item 3: with five
// buttons (four grades, the checklist), 6 presses nothing and the reply
// names the buttons;
// numbers and commands typed on a Chinese keyboard work as ASCII ones.
func TestANumberWithoutAButtonSaysWhichExist(t *testing.T) {
	id := testkit.Question(t, "pod的重启策略有哪些？").ID // four grades and a checklist
	got := session(t, "console:"+t.Name(), "ask ＰＶ\n１\nask "+id+"\n1\n6\n0\n３\n")
	for _, want := range []string{
		"> ask ＰＶ\n📝 ",
		"> １\n💡 ",
		"> 6\nThere is no button 6 (the buttons are 1–5).",
		"> 0\nThere is no button 0 (the buttons are 1–5).",
		"> ３\nRecorded: Good",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript lacks %q:\n%s", want, got)
		}
	}
	if got := session(t, "console:"+t.Name(), "ask pv\n1\n3\n2\n"); !strings.Contains(got, "> 2\nThere is no button 2 (there is only button 1).") {
		t.Errorf("one button (Next) on screen:\n%s", got)
	}
}

// TestAQuizOptionIsChosenByItsLetter: with a quiz's options on screen
// (A–D, numbered 1–4), typing an option's letter, in either case or
// width, chooses it; a full stop an input method adds after a number or
// a letter is ignored; a letter is no option where the buttons are not a
// quiz's, and with no quiz asked for is told there is none.
func TestAQuizOptionIsChosenByItsLetter(t *testing.T) {
	for _, typed := range []string{"C", "c", "Ｃ", "C。", "3。", "３．"} {
		got := session(t, "console:"+t.Name(), "quiz\n"+typed+"\n")
		if !strings.Contains(got, "(you chose C)") && !strings.Contains(got, "> "+typed+"\n✅") {
			t.Errorf("%s did not choose option C:\n%s", typed, got)
		}
	}
	if got := session(t, "console:"+t.Name(), "ask pv\nc\n1。\n"); !strings.Contains(got, "> c\nNo quiz is waiting for your answer here.") || !strings.Contains(got, "> 1。\n💡 ") {
		t.Errorf("a letter under a flashcard's buttons, then 1。:\n%s", got)
	}
}

// TestBlankLinesAreIgnored is issue 11's item 6: blank lines piped in
// print nothing, not the help once per line.
func TestBlankLinesAreIgnored(t *testing.T) {
	got := session(t, "console:"+t.Name(), "\n\n  \n\t\ntopics\n\n")
	if strings.Contains(got, "practise Kubernetes interview questions") {
		t.Errorf("a blank line printed the help:\n%s", got)
	}
	if want := "> topics\n"; !strings.HasPrefix(got, want) || strings.Count(got, "> ") != 1 {
		t.Errorf("the transcript should hold topics alone:\n%s", got)
	}
}

// TestButtonsOutliveRepliesWithoutButtons is issue 11's item 2 at length:
// help, a mistyped command (with a flashcard on screen, a line that is no
// command would answer it) and a number with no button leave the buttons
// on screen pressable; a reply with buttons of its own replaces them.
func TestButtonsOutliveRepliesWithoutButtons(t *testing.T) {
	got := session(t, "console:"+t.Name(), "ask pv\n1\nhelp\ntpo\n9\ntopics\n4\n1\n")
	for _, want := range []string{
		"> 4\nRecorded: Easy",
		"[1] Next question",
		"> 1\n📝 ", // Next, the button that replaced the grades
	} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript lacks %q:\n%s", want, got)
		}
	}
}

// TestACancelledConfirmationLeavesNothingToPress: Cancel redraws forget's
// confirmation without its buttons, so its Yes is no longer pressable by
// number (it forgot everything after Cancel).
func TestACancelledConfirmationLeavesNothingToPress(t *testing.T) {
	got := session(t, "console:"+t.Name(), "forget me\n2\n1\n")
	if !strings.Contains(got, "> 2\nCancelled: nothing was forgotten.") {
		t.Fatalf("Cancel:\n%s", got)
	}
	if strings.Contains(got, "Forgotten.") || !strings.Contains(got, "> 1\nThere are no buttons to press") {
		t.Errorf("Yes was still pressable after Cancel:\n%s", got)
	}
}

// TestInputThatEndsAtOnceIsNobodyToTalkTo is issue 11's item 12 in the
// adapter: an input that is not a terminal and ends before any line
// (/dev/null) is ErrNoInput; a terminal closed at once, or a piped blank
// line, is a clean end.
func TestInputThatEndsAtOnceIsNobodyToTalkTo(t *testing.T) {
	if _, err := run(t, console.Config{}, ""); !errors.Is(err, console.ErrNoInput) {
		t.Errorf("empty piped input: %v, want ErrNoInput", err)
	}
	if _, err := run(t, console.Config{Interactive: true}, ""); err != nil {
		t.Errorf("Ctrl-D on a terminal: %v", err)
	}
	if _, err := run(t, console.Config{}, "\n"); err != nil {
		t.Errorf("a blank line piped: %v", err)
	}
}

// TestTheBannerSpeaksTheBotsLanguage is issue 11's item 11 for the
// console's own line.
func TestTheBannerSpeaksTheBotsLanguage(t *testing.T) {
	zh, _ := run(t, console.Config{Interactive: true, Lang: quiz.LangZH}, "")
	en, _ := run(t, console.Config{Interactive: true, Lang: quiz.LangEN}, "")
	if !strings.HasPrefix(zh, "kubequiz：输入「帮助」查看所有命令，或直接输入命令，例如「提问 pv」") || !strings.HasPrefix(en, "kubequiz: type help for the commands") {
		t.Errorf("banners:\n%s\n%s", zh, en)
	}
}

func TestAnswerItReadsTheLinesUpToAnEmptyOne(t *testing.T) {
	const rwo = "gzrv43" // the shipped question on PV access modes
	answer := "ReadWriteOnce: a single node mounts it read-write.\nReadOnlyMany: many nodes mount it read-only.\nReadWriteMany: many nodes mount it read-write.\nReadWriteOncePod: a single pod mounts it read-write."
	t.Run("an empty line sends it; the next line is a command again", func(t *testing.T) {
		got := session(t, "", "ask "+rwo+"\n3\n"+answer+"\n\nhelp\n")
		for _, want := range []string{
			"[3] ✍️ Answer it",
			"an empty line sends it.",
			"… ReadOnlyMany: many nodes mount it read-only.\n",
			"4/4 key points covered",
			"> help\n",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("the session lacks %q:\n%s", want, got)
			}
		}
		if strings.Contains(got, "I don't know the command") || strings.Contains(got, "type answer "+rwo) {
			t.Errorf("a line of the answer was taken as a command, or the prompt shown as a command:\n%s", got)
		}
	})
	t.Run("the end of the input sends it", func(t *testing.T) {
		got := session(t, "", "ask "+rwo+"\n3\nRWO: one node reads and writes.")
		if !strings.Contains(got, "key points covered") {
			t.Errorf("an answer ended by the input's end was not sent:\n%s", got)
		}
	})
	t.Run("a number is a line of the answer, not a button", func(t *testing.T) {
		got := session(t, "", "ask "+rwo+"\n3\n1\n\n")
		if strings.Contains(got, "💡") || !strings.Contains(got, "0/4 key points covered") {
			t.Errorf("1 pressed Show answer instead of being the answer:\n%s", got)
		}
	})
	t.Run("an empty answer is refused and nothing recorded", func(t *testing.T) {
		got := session(t, "", "ask "+rwo+"\n3\n\nstats\n")
		if !strings.Contains(got, "Your answer is empty") || !strings.Contains(got, "Reviews: none yet") {
			t.Errorf("an empty answer:\n%s", got)
		}
	})
	t.Run("an answer too long is refused with its length, and memory stays bounded", func(t *testing.T) {
		long := strings.Repeat(strings.Repeat("单节点读写 ", 1000)+"\n", 100) // 100 lines of 6,000 runes
		got := session(t, "", "ask "+rwo+"\n3\n"+long+"\n")
		if !strings.Contains(got, "answers are read up to 4000") {
			t.Errorf("a 600,000-character answer:\n%s", got[len(got)-min(len(got), 2000):])
		}
	})
}

// TestAReplysNewestCardIsNumberedFromOne: a reply to the user's own line
// replaces the buttons on screen and numbers its newest card's from 1, so
// a number means what it meant on every other card: the daily of "daily
// now", posted under a card with [1] Full answer, is [1] A … [4] D and 3
// chooses C; an interview's next question, under the result of the one
// before, is [1] Answer it … [4] Stop and 3 skips it, while the result's
// grade buttons, numbered after it, still change the grade.
func TestAReplysNewestCardIsNumberedFromOne(t *testing.T) {
	got := session(t, "", "quiz etcd\n2\ndaily now\n3\n")
	if daily := got[strings.Index(got, "📅"):]; !strings.Contains(daily, "[1] A  [2] B  [3] C  [4] D") || !strings.Contains(daily, "> 3\n❌ Not quite (you chose C).") {
		t.Errorf("daily now under a card's button:\n%s", got)
	}
	const first = "interview pv 2\nanswer PV has four access modes, RWO single node read-write, ROX many nodes read-only\n"
	got = session(t, "", first+"3\n")
	if !strings.Contains(got, "[5] Hard  [6] Good  [7] Easy\n\n🎤 2/2") || !strings.Contains(got, "> 3\n⏭ Question 2/2: skipped") {
		t.Errorf("3 under an interview's second question:\n%s", got)
	}
	if got := session(t, "", first+"6\n"); !strings.Contains(got, "> 6\n") || !strings.Contains(got[strings.Index(got, "> 6\n"):], "Grade changed from Again to Good") {
		t.Errorf("6 for the first question's Good:\n%s", got)
	}
}

// Bytes a terminal in bracketed paste mode sends around a pasted text.
const (
	pasteStart = "\x1b[200~"
	pasteEnd   = "\x1b[201~"
)

// TestAPastedTextIsOneMessage: on a terminal, the console switches
// bracketed paste mode on, and a text pasted over several lines is one
// message, sent by the Enter after it, as Slack and Telegram deliver a
// multi-line message: the whole answer is graded, and its later lines are
// neither unknown commands nor the answer to the next question.
func TestAPastedTextIsOneMessage(t *testing.T) {
	interactive := func(t *testing.T, input string) string {
		t.Helper()
		out, err := run(t, console.Config{Interactive: true}, input)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "\x1b[?2004h") {
			t.Errorf("bracketed paste mode was not switched on:\n%q", out)
		}
		return out
	}
	modes := "answer gzrv43 RWO: read-write by a single node\nROX: read-only by many nodes\nRWX: read-write by many nodes\nRWOP: read-write by a single pod"
	for name, input := range map[string]string{
		"sent by the Enter after it":              pasteStart + modes + pasteEnd + "\n",
		"its last line ended, then Enter pressed": pasteStart + modes + "\n" + pasteEnd + "\n",
		"typed around":                            "answer " + pasteStart + strings.TrimPrefix(modes, "answer ") + pasteEnd + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			got := interactive(t, input)
			if !strings.Contains(got, "4/4 key points covered") || strings.Contains(got, "I don't know the command") {
				t.Errorf("the pasted answer was not graded whole:\n%s", got)
			}
		})
	}
	t.Run("an interview's answer", func(t *testing.T) {
		got := interactive(t, "interview etcd 2\n"+pasteStart+"answer Etcd is a distributed key-value store.\nIt uses Raft to replicate data across members and needs a quorum of them."+pasteEnd+"\n")
		if !strings.Contains(got, "Question 1/2: ") || strings.Contains(got, "0/") || strings.Contains(got, "Question 2/2: ") || !strings.Contains(got, "2/2 · ") {
			t.Errorf("the pasted answer was not question 1's, whole:\n%s", got)
		}
	})
	t.Run("to Answer it, blank lines and all", func(t *testing.T) {
		got := interactive(t, "ask gzrv43\n3\n"+pasteStart+strings.ReplaceAll(strings.TrimPrefix(modes, "answer gzrv43 "), "\n", "\n\n")+pasteEnd+"\n\nhelp\n")
		if !strings.Contains(got, "4/4 key points covered") {
			t.Errorf("the pasted answer was not sent whole:\n%s", got)
		}
	})
	t.Run("a paste too long is refused with its length", func(t *testing.T) {
		long := strings.Repeat(strings.Repeat("单节点读写 ", 1000)+"\n", 100) // 100 lines of 6,000 runes
		got := interactive(t, "answer gzrv43 "+pasteStart+long+pasteEnd+"\n")
		if !strings.Contains(got, "answers are read up to 4000") {
			t.Errorf("a 600,000-character paste:\n%s", got[len(got)-min(len(got), 2000):])
		}
	})
	t.Run("piped, a line is a message", func(t *testing.T) {
		got := session(t, "", "answer gzrv43 RWO: read-write by a single node\nROX: read-only by many nodes\n")
		// The second line is a message of its own: the answer to the card
		// on screen, its key point alone.
		if !strings.Contains(got, "\n> ROX: read-only by many nodes\n") || strings.Count(got, "1/4 key points covered") != 2 {
			t.Errorf("piped lines were joined:\n%s", got)
		}
	})
}

// TestTheTerminalsPasteModeIsSwitchedOffWhenTheConsoleStops: at the end
// of the input, and when the bot is told to stop (ctx cancelled on Ctrl-C
// or SIGTERM), the console leaves the terminal as it found it.
func TestTheTerminalsPasteModeIsSwitchedOffWhenTheConsoleStops(t *testing.T) {
	if out, _ := run(t, console.Config{Interactive: true}, "topics\n"); !strings.HasSuffix(out, "\x1b[?2004l") {
		t.Errorf("at the end of the input:\n%q", out)
	}
	in, typing := io.Pipe()
	defer typing.Close()
	out := &transcript{}
	c := newConsole(t, console.Config{In: in, Out: out, Interactive: true})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	testkit.Eventually(t, "the prompt", func() bool { return strings.HasSuffix(out.String(), "> ") })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.HasSuffix(got, "\x1b[?2004l") {
		t.Errorf("when told to stop:\n%q", got)
	}
}

// TestExitLeaves: exit typed with no interview in progress says goodbye
// and ends the console, reading no line after it; typed in an interview,
// it ends the interview and the console goes on.
func TestExitLeaves(t *testing.T) {
	got, err := run(t, console.Config{}, "exit\ntopics\n")
	if err != nil || !strings.Contains(got, "> exit\nBye!") || strings.Contains(got, "> topics") {
		t.Errorf("exit with nothing in progress (err %v):\n%s", err, got)
	}
	got, err = run(t, console.Config{}, "interview pv 2\nexit\ntopics\n")
	if err != nil || strings.Contains(got, "Bye!") || !strings.Contains(got, "> topics") {
		t.Errorf("exit in an interview (err %v):\n%s", err, got)
	}
}
