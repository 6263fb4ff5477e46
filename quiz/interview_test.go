package quiz_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

var shownID = regexp.MustCompile(`· ID ([a-z2-7]{6})`)

// asked is the ID of the interview question a response shows last.
func asked(t *testing.T, r quiz.Response) string {
	t.Helper()
	m := shownID.FindAllStringSubmatch(text(r), -1)
	if len(m) == 0 {
		t.Fatalf("no question in:\n%s", text(r))
	}
	return m[len(m)-1][1]
}

// completeAnswer is a complete answer in English to a question.
func completeAnswer(t *testing.T, id string) string {
	return testkit.LabelledAnswer(t, id, "complete", "en")
}

func TestAMockInterviewAnsweredThreeWaysEndsWithAReport(t *testing.T) {
	e := newEnv(t)
	start := e.cmd("alice", "interview probe 3 5m")
	got := text(start)
	for _, want := range []string{"Mock interview: 3 questions on probe, 5 minutes each", "🎤 1/3 · ", "⏱ 5 minutes (by 10:05)", "/interview stop"} {
		if !strings.Contains(got, want) {
			t.Errorf("the start lacks %q:\n%s", want, got)
		}
	}
	first := asked(t, start)
	q, _ := shippedBank(t).ByID(first)
	if !strings.Contains(strings.Join(q.Topics, ","), "probe") {
		t.Errorf("asked %s on %v, not on probe", first, q.Topics)
	}

	// 1: typed as a command.
	r := e.cmd("alice", "answer "+completeAnswer(t, first))
	if got := text(r); !strings.Contains(got, "Question 1/3: ") || !strings.Contains(got, "🎤 2/3 · ") {
		t.Fatalf("after the first answer:\n%s", got)
	}
	second := asked(t, r)
	if second == first {
		t.Fatal("the same question twice")
	}
	// 2: through the Answer-it prompt.
	p := e.press("alice", payloadWithPrefix(t, r, "i:"))
	if p.Prompt == nil || p.Prompt.QuestionID != second {
		t.Fatalf("Answer it in an interview: %+v", p)
	}
	r = e.reply("alice", p.Prompt.Token, completeAnswer(t, second))
	if !strings.Contains(text(r), "🎤 3/3 · ") {
		t.Fatalf("after the second answer:\n%s", text(r))
	}
	// The first prompt is old now: replying to it again records nothing.
	if old := e.reply("alice", p.Prompt.Token, completeAnswer(t, second)); old.Outcome != quiz.OutcomeInvalid || !strings.Contains(text(old), "answered already") {
		t.Errorf("a reply to an old prompt:\n%s", text(old))
	}
	// 3: revealed and self-graded, after the time is up.
	e.clock.Advance(6 * time.Minute)
	var reveal string
	for _, b := range buttons(r) {
		if strings.HasPrefix(b.Payload, "i:") && strings.HasSuffix(b.Payload, ":2:r") {
			reveal = b.Payload
		}
	}
	shown := e.press("alice", reveal)
	good := payloadWithPrefix(t, shown, strings.TrimSuffix(reveal, "r")+"3")
	report := text(e.press("alice", good))
	for _, want := range []string{
		"Interview report: 3 questions in", "1. ", "key points · ", "3. ", "answer shown, self-graded Good", "over time",
		"Total: ", "2 answered in words, 1 with the answer shown", "⏱ Answers over the 5 minutes per question: 1.",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	if st := e.stats("alice"); st.Reviews != 3 || st.Typed.Answers != 2 || st.Points != 0 {
		t.Errorf("after the interview: %d reviews, %d typed answers, %d points; want 3, 2, 0", st.Reviews, st.Typed.Answers, st.Points)
	}
	if r := e.cmd("alice", "interview stop"); !strings.Contains(text(r), "no interview in progress") {
		t.Errorf("the finished interview is still there:\n%s", text(r))
	}
}

func TestAnInterviewIsResumedByAnotherReplicaAndStopped(t *testing.T) {
	e := newEnv(t)
	start := e.cmd("alice", "interview probe 2")
	e.cmd("alice", "answer "+completeAnswer(t, asked(t, start)))

	other := newEnvOn(t, e.rdb) // another replica, or the bot restarted
	other.scope = e.scope
	resumed := other.cmd("alice", "interview")
	if got := text(resumed); !strings.Contains(got, "Your interview goes on: question 2 of 2") || !strings.Contains(got, "🎤 2/2 · ") {
		t.Fatalf("resuming:\n%s", got)
	}
	if got := text(other.cmd("alice", "interview pv 3")); !strings.Contains(got, "One interview at a time.") {
		t.Errorf("a second interview while one runs:\n%s", got)
	}
	stopped := other.cmd("alice", "interview stop")
	if got := text(stopped); !strings.Contains(got, "stopped after 1 of 2 questions") || !strings.Contains(got, "1. ") {
		t.Errorf("stopping:\n%s", got)
	}
	if r := e.press("alice", payloadWithPrefix(t, resumed, "i:")); !strings.Contains(text(r), "That interview is over") {
		t.Errorf("a button of a stopped interview:\n%s", text(r))
	}
	if st := e.stats("alice"); st.Reviews != 1 {
		t.Errorf("%d reviews, want 1", st.Reviews)
	}
}

func TestInterviewCommandsThatCannotRun(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct{ line, want string }{
		{"interview 0", "The number of questions is 1 to 10"},
		{"interview 11", "The number of questions is 1 to 10"},
		{"interview 3 4", `The number of questions is 3 already; if "4" is the time per question, give its unit, e.g. /interview 3 4m`},
		{"interview pv 10s", "\"10s\" is out of range"},
		{"interview pv 2h", "\"2h\" is out of range"},
		{"interview nosuchtopic", "There is no topic \"nosuchtopic\""},
		{"interview stop", "You have no interview in progress"},
	} {
		if r := e.cmd("alice", tc.line); r.Outcome != quiz.OutcomeInvalid || !strings.Contains(text(r), tc.want) {
			t.Errorf("%s: %s\nwant %q", tc.line, text(r), tc.want)
		}
	}
	req := e.request("alice")
	req.Text, req.Shared = "interview", true
	if r := e.svc.Handle(context.Background(), req); !strings.Contains(text(r), "private chat") {
		t.Errorf("an interview in a group:\n%s", text(r))
	}
	if r := e.cmd("alice", "interview 2 90秒 pv"); !strings.Contains(text(r), "2 questions on pv, 90 seconds each") {
		t.Errorf("arguments in any order, units in Chinese:\n%s", text(r))
	}
}

func TestAnAnswerForAnotherQuestionDuringAnInterviewIsAnOrdinaryAnswer(t *testing.T) {
	e := newEnv(t)
	current := asked(t, e.cmd("alice", "interview probe 2"))
	other := accessModes
	if r := e.cmd("alice", "answer "+other+" "+completeAnswer(t, other)); !strings.Contains(text(r), "4/4 key points covered") {
		t.Fatalf("%s", text(r))
	}
	if r := e.cmd("alice", "interview"); asked(t, r) != current || !strings.Contains(text(r), "question 1 of 2") {
		t.Errorf("the interview moved on:\n%s", text(r))
	}
}

// blankAnswer covers none of a question's key points: it is graded Again.
const blankAnswer = "answer I am not sure what this is about"

// changedStep starts an interview of n questions on pv, answers the first
// with blankAnswer in delivery d, and changes its grade from Again to g
// (named label) by a press in delivery "d-change". It returns the
// question's ID and the step's response.
func changedStep(t *testing.T, e *env, n int, d string, g byte, label string) (string, quiz.Response) {
	t.Helper()
	first := asked(t, e.cmd("alice", fmt.Sprintf("interview pv %d", n)))
	r := e.deliver("alice", d, typing(blankAnswer))
	if got := text(r); !strings.Contains(got, fmt.Sprintf("Question 1/%d: 0/", n)) || !strings.Contains(got, "recorded Again") {
		t.Fatalf("an answer that covers nothing:\n%s", got)
	}
	change := payloadWithPrefix(t, r, "o:")
	change = change[:len(change)-1] + string(g)
	if got := text(e.deliver("alice", "d-change", pressing(change))); !strings.Contains(got, "Grade changed from Again to "+label) {
		t.Fatalf("the change:\n%s", got)
	}
	// The same press delivered again, and pressed again: changed once.
	e.deliver("alice", "d-change", pressing(change))
	e.press("alice", change)
	return first, r
}

func TestAGradeChangedDuringAnInterviewIsTheOneItsReportShows(t *testing.T) {
	e := newEnv(t)
	first, _ := changedStep(t, e, 2, "d-answer", '3', "Good")
	// The delivery of the step handled again shows the grade settled on.
	if got := text(e.deliver("alice", "d-answer", typing(blankAnswer))); !strings.Contains(got, "recorded Good") {
		t.Errorf("the step shown again:\n%s", got)
	}
	report := text(e.cmd("alice", "interview stop"))
	if !strings.Contains(report, "key points · Good · ") || strings.Contains(report, "/ask "+first) {
		t.Errorf("the report should show Good, the grade settled on, and not list the question for review:\n%s", report)
	}
	if st := e.stats("alice"); st.Reviews != 1 || st.Questions[first] != (quiz.QuestionScore{Reviews: 1, Recalled: 1}) {
		t.Errorf("after the change: %d reviews, %+v; want one review, a success", st.Reviews, st.Questions[first])
	}
}

func TestAGradeChangedAfterAnInterviewFinishedReachesItsReport(t *testing.T) {
	e := newEnv(t)
	first, r := changedStep(t, e, 1, "d-last", '4', "Easy")
	if got := text(r); !strings.Contains(got, "Interview report") || !strings.Contains(got, "· Again · ") {
		t.Fatalf("the report before the change:\n%s", got)
	}
	again := text(e.deliver("alice", "d-last", typing(blankAnswer)))
	if !strings.Contains(again, "· Easy · ") || strings.Contains(again, "/ask "+first) {
		t.Errorf("the report shown again should show Easy and nothing to review:\n%s", again)
	}
}

func TestAnInterviewAnsweredInSecondsSaysSeconds(t *testing.T) {
	e := newEnv(t)
	start := e.cmd("alice", "interview probe 1")
	e.clock.Advance(20 * time.Second)
	report := text(e.cmd("alice", "answer "+completeAnswer(t, asked(t, start))))
	for _, want := range []string{"Interview report: 1 question in 20 seconds", "· 20 seconds"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	if strings.Contains(report, "minute") {
		t.Errorf("20 seconds reported in minutes:\n%s", report)
	}
}

func TestAnAnswerJustOverTheLimitSaysByHowMuch(t *testing.T) {
	e := newEnv(t)
	start := e.cmd("alice", "interview probe 1 1m")
	e.clock.Advance(61 * time.Second)
	report := text(e.cmd("alice", "answer "+completeAnswer(t, asked(t, start))))
	if !strings.Contains(report, "· 61 seconds ⏱ over time") {
		t.Errorf("an answer 1 s over a minute's limit:\n%s", report)
	}
}

// TestAResumedTimedInterviewNamesTheDayOfItsDeadline: a timed question
// resumed the next day shows its deadline with its date, not a time of
// day that reads as still to come.
func TestAResumedTimedInterviewNamesTheDayOfItsDeadline(t *testing.T) {
	e := newEnv(t)
	if got := text(e.cmd("alice", "interview probe 2 5m")); !strings.Contains(got, "(by 10:05)") {
		t.Fatalf("the start: %s", got)
	}
	e.clock.Advance(24*time.Hour + 10*time.Minute)
	got := text(e.cmd("alice", "interview"))
	if strings.Contains(got, "(by 10:05)") || !strings.Contains(got, "(by Mon Nov 30 10:05)") {
		t.Errorf("resumed a day later:\n%s\nwant the deadline with its day", got)
	}
}

// TestTheReportsLinesEndTheirTitlesOnce: a question title's own question
// mark is not stacked on the report line's colon ("有哪些？：").
func TestTheReportsLinesEndTheirTitlesOnce(t *testing.T) {
	e := newEnv(t)
	e.cmd("alice", "lang zh")
	r := e.cmd("alice", "面试 pv 5")
	for range 5 {
		if strings.Contains(text(r), "面试报告") {
			break
		}
		r = e.cmd("alice", "回答 我不知道")
	}
	got := text(r)
	if !strings.Contains(got, "面试报告") {
		t.Fatalf("no report:\n%s", got)
	}
	for _, stacked := range []string{"?：", "？：", "?:", "？:"} {
		if strings.Contains(got, stacked) {
			t.Errorf("a report line stacks %q:\n%s", stacked, got)
		}
	}
}

// TestAStepIsMarkedByItsGrade: the result of an interview's question is
// ticked only when it was graded Good or better; an answer that covered
// nothing is crossed.
func TestAStepIsMarkedByItsGrade(t *testing.T) {
	e := newEnv(t)
	e.cmd("alice", "interview probe 3")
	r := e.cmd("alice", "answer I do not know")
	if got := text(r); !strings.Contains(got, "✘ Question 1/3: ") || strings.Contains(got, "✔") {
		t.Errorf("an answer that covered nothing:\n%s", got)
	}
	r = e.cmd("alice", "answer "+completeAnswer(t, asked(t, r)))
	if got := text(r); !strings.Contains(got, "✔ Question 2/3: ") {
		t.Errorf("a complete answer:\n%s", got)
	}
}

// TestInterviewStopWithMoreWordsStops: "interview stop pv" stops the
// interview, as "interview stop" does, rather than reading "stop" as a
// topic that does not exist.
func TestInterviewStopWithMoreWordsStops(t *testing.T) {
	e := newEnv(t)
	e.cmd("alice", "interview probe 2")
	if got := text(e.cmd("alice", "interview stop pv")); !strings.Contains(got, "Interview stopped") {
		t.Errorf("interview stop pv:\n%s", got)
	}
	if got := text(e.cmd("alice", "interview stop")); !strings.Contains(got, "no interview in progress") {
		t.Errorf("the interview is still there:\n%s", got)
	}
	// A stop word alone ends a running interview, as skip alone skips;
	// without one it is told there is none (the help list shows stop).
	for _, typed := range []string{"stop", "Stop!", "结束", "放弃", "结束面试", "退出", "stop the interview", "End interview", "面试 结束", "k8s stop", "/k8s 结束"} {
		e.cmd("alice", "interview probe 2")
		if got := text(e.cmd("alice", typed)); !strings.Contains(got, "Interview stopped") {
			t.Errorf("%s in an interview:\n%s", typed, got)
		}
	}
	if got := text(e.cmd("alice", "stop")); !strings.Contains(got, "You have no interview in progress") {
		t.Errorf("stop without an interview:\n%s", got)
	}
	// In any case or width.
	for _, typed := range []string{"interview STOP", "interview Ｓｔｏｐ"} {
		e.cmd("alice", "interview probe 2")
		if got := text(e.cmd("alice", typed)); !strings.Contains(got, "Interview stopped") {
			t.Errorf("%s:\n%s", typed, got)
		}
	}
}

// TestAnInterviewOfMoreQuestionsThanItsTopicsHaveSaysSo: asked for more
// questions than the topics have, the interview has them all and says
// why it is shorter.
func TestAnInterviewOfMoreQuestionsThanItsTopicsHaveSaysSo(t *testing.T) {
	e := newEnv(t)
	if got := text(e.cmd("alice", "interview qos 3")); !strings.HasPrefix(got, "🎤 Mock interview: 1 question on qos (qos has only 1 question).") {
		t.Errorf("interview qos 3:\n%s", got)
	}
	if got := text(e.cmd("bob", "interview pv 2")); strings.Contains(got, "has only") {
		t.Errorf("interview pv 2 says its topics are short:\n%s", got)
	}
	// A topic of two words is one topic; topics are listed as a language
	// lists them.
	if got := text(e.cmd("carol", "interview init container 9")); !strings.HasPrefix(got, "🎤 Mock interview: 1 question on init container (init container has only 1 question).") {
		t.Errorf("interview init container 9:\n%s", got)
	}
	e.cmd("dave", "lang zh")
	if got := text(e.cmd("dave", "面试 初始化容器 qos 9")); !strings.HasPrefix(got, "🎤 模拟面试：2 道题，主题 初始化容器、qos（初始化容器、qos 只有 2 道题）") {
		t.Errorf("面试 初始化容器 qos 9:\n%s", got)
	}
}

// TestTheReportsWeakestTopicsAgreeWithItsGrades: the weakest topics are
// counted by each question's grade, as the questions to review are, so a
// report that says nothing needs reviewing names no weak topic, and a
// question self-graded Good counts as right in full, one passed ("我不
// 知道") as wrong (a tester: "pv 0% · volume 0%" beside "every
// question was graded Good or better", and pv 25% beside a total of 0/3).
func TestTheReportsWeakestTopicsAgreeWithItsGrades(t *testing.T) {
	e := newEnv(t)
	changedStep(t, e, 2, "d-weak", '3', "Good")
	report := text(e.cmd("alice", "interview stop"))
	if !strings.Contains(report, "nothing needs reviewing") || strings.Contains(report, "Weakest") {
		t.Errorf("all graded Good, yet weak topics:\n%s", report)
	}

	e.cmd("bob", "lang zh")
	r := e.cmd("bob", "面试 pv 2")
	var reveal string
	for _, b := range buttons(r) {
		if strings.HasPrefix(b.Payload, "i:") && strings.HasSuffix(b.Payload, ":0:r") {
			reveal = b.Payload
		}
	}
	shown := e.press("bob", reveal)
	e.press("bob", payloadWithPrefix(t, shown, strings.TrimSuffix(reveal, "r")+"3"))
	report = text(e.cmd("bob", "回答 我不知道"))
	if !strings.Contains(report, "最薄弱的主题（按每题的评分，「困难」算一半）：") || !strings.Contains(report, "pv 50%") {
		t.Errorf("one pv question self-graded Good and one passed: want pv 50%%:\n%s", report)
	}
	if strings.Contains(report, "“") {
		t.Errorf("curly quotes in a Chinese report:\n%s", report)
	}
}

func TestAButtonOfSomeoneElsesInterviewSaysSo(t *testing.T) {
	e := newEnv(t)
	start := e.cmd("bob", "interview pv 2")
	skip := payloadWithPrefix(t, start, "i:")
	skip = skip[:strings.LastIndex(skip, ":")+1] + "s"
	for _, tc := range []struct{ lang, want string }{
		{"en", "That is someone else's interview. Type /interview to start your own."},
		{"zh", "这是别人的面试。输入「/面试」开始你自己的面试。"},
	} {
		eve := "eve-" + tc.lang
		e.cmd(eve, "lang "+tc.lang)
		r := e.press(eve, skip)
		if r.Outcome != quiz.OutcomeInvalid || text(r) != tc.want {
			t.Errorf("%s: another user's press of bob's interview: %s\n%s", tc.lang, r.Outcome, text(r))
		}
	}
	if got := text(e.cmd("bob", "interview")); !strings.Contains(got, "question 1 of 2") {
		t.Errorf("bob's interview after the others' presses:\n%s", got)
	}
	if r := e.press("bob", skip); strings.Contains(text(r), "someone else") || r.Outcome != quiz.OutcomeOK {
		t.Errorf("bob's own press: %s\n%s", r.Outcome, text(r))
	}
}
