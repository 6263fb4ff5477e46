package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// The console end to end: answers in words and mock interviews typed as
// lines, through run, as a user at a terminal would.

// accessModes is the shipped question on PV access modes.
const accessModes = "gzrv43"

func TestConsoleAnswersInWords(t *testing.T) {
	complete := testkit.LabelledAnswer(t, accessModes, "complete", "en")
	lines := []string{
		"answer " + accessModes + " " + complete,
		"ask " + accessModes,
		"3", // ✍️ Answer it: the lines up to an empty one are the answer
		"RWO: one node mounts it read-write.",
		"1",
		"",
		"answer " + accessModes,
		"answer " + accessModes + " " + strings.Repeat("RWO 单节点读写。", 2000),
		"answer zzzzz9 RWO is single-node read-write",
		"stats",
	}
	code, out, log := script(t, map[string]string{"BOT_LANG": "en"}, strings.Join(lines, "\n")+"\n")
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, log)
	}
	for _, want := range []string{
		"4/4 key points covered", "Recorded: Good", "[1] Again  [2] Hard  [3] Easy", // the answer, and its grade changes
		"[3] ✍️ Answer it", // under the card
		"an empty line sends it.\n\n… RWO: one node mounts it read-write.\n… 1\n… \n", // the answer mode: a number is a line of it
		"1/4 key points covered",
		"Your answer is empty. Nothing was recorded.",
		"Your answer has 20000 characters; answers are read up to 4000",
		"No question has the ID \"zzzzz9\"",
		"Reviews: 2,", "Answers in words: 2,",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the session lacks %q:\n%s", want, out)
		}
	}
}

var consoleQuestion = regexp.MustCompile(`🎤 (\d)/3 · [^\n]*\n+[^\n]*· ID ([a-z2-7]{6})`)

// interviewQuestion is the ID of the interview's question n ("2") the
// output shows.
func interviewQuestion(t *testing.T, out, n string) string {
	t.Helper()
	for _, m := range consoleQuestion.FindAllStringSubmatch(out, -1) {
		if m[1] == n {
			return m[2]
		}
	}
	t.Fatalf("no question %s/3 in:\n%s", n, out)
	return ""
}

func TestConsoleInterviewSurvivesARestartOnRealRedis(t *testing.T) {
	srv := redistest.Start(t)
	vars := map[string]string{"REDIS_URL": srv.URL(), "BOT_LANG": "en"}
	answer := func(id string) string { return "answer " + testkit.LabelledAnswer(t, id, "complete", "en") }

	bot := startBot(t, vars)
	out := bot.send(t, "interview probe 3", "🎤 1/3 · ")
	first := interviewQuestion(t, out, "1")
	out = bot.send(t, answer(first), "🎤 2/3 · ")
	second := interviewQuestion(t, out, "2")
	bot.stop(t) // halfway: the bot goes away

	bot = startBot(t, vars)
	out = bot.send(t, "interview", "🎤 2/3 · ")
	if !strings.Contains(out, "Your interview goes on: question 2 of 3") || interviewQuestion(t, out, "2") != second {
		t.Fatalf("after the restart the interview should resume at question 2 (%s):\n%s", second, out)
	}
	out = bot.send(t, answer(second), "🎤 3/3 · ")
	third := interviewQuestion(t, out, "3")
	out = bot.send(t, answer(third), "Interview report: 3 questions")
	bot.stop(t)
	report := out[strings.Index(out, "Interview report"):]
	for _, want := range []string{"1. ", "2. ", "3. ", "key points · ", "Total: ", "3 answered in words, 0 with the answer shown"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	if first == second || second == third || first == third {
		t.Errorf("a question was asked twice: %s %s %s", first, second, third)
	}

	code, out, _ := script(t, vars, "stats\ninterview stop\n")
	if code != exitOK || !strings.Contains(out, "Reviews: 3,") || !strings.Contains(out, "Answers in words: 3") ||
		!strings.Contains(out, "You have no interview in progress") {
		t.Errorf("after the interview, exit %d:\n%s", code, out)
	}
}

func TestLintListsWhatTypedAnswersCannotScore(t *testing.T) {
	code, out := shippedLint()
	if code != exitOK || !regexp.MustCompile(`Key points typed answers cannot score well[^\n]*\n  [a-z2-7]{6}  .*keywords: `).MatchString(out) {
		t.Errorf("lint, exit %d:\n%s", code, out)
	}
}
