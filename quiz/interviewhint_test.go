package quiz_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/redisstore"
)

// TestTextThatIsNoCommandDuringAnInterviewSaysHowToAnswer: words typed
// without "answer" during a mock interview are not taken as the answer (a
// typo of a command would use up the question), nor told they are no
// command (I think… was "I don't know the command "I"" first): the reply
// says how to answer them, in the user's language, then the command a
// mistyped one may have meant; the interview waits on the same question.
// Without an interview, such text gets the usual reply.
func TestTextThatIsNoCommandDuringAnInterviewSaysHowToAnswer(t *testing.T) {
	e := newEnv(t)
	const words = "PV is   cluster storage, PVC claims it"
	if r := e.cmd("alice", words); text(r) != `I don't know the command "PV". Type /help for the list.` {
		t.Errorf("no interview: %s", text(r))
	}
	first := asked(t, e.cmd("alice", "interview pv 2"))
	r := e.cmd("alice", words)
	want := "You are in a mock interview (question 1 of 2): to answer, start with answer, e.g. /answer PV is cluster storage, PVC claims it — or stop with /interview stop."
	if r.Outcome != quiz.OutcomeInvalid || text(r) != want {
		t.Errorf("text during an interview:\n%s\nwant\n%s", text(r), want)
	}
	for line, want := range map[string]string{
		"I think it is a volume": "You are in a mock interview (question 1 of 2): to answer, start with answer, e.g. /answer I think it is a volume — or stop with /interview stop.",
		"tpo":                    "You are in a mock interview (question 1 of 2): to answer, type /answer <your answer> — or stop with /interview stop.\nDid you mean /top?",
		"qiuz pv":                "You are in a mock interview (question 1 of 2): to answer, start with answer, e.g. /answer qiuz pv — or stop with /interview stop.\nDid you mean /quiz pv?",
	} {
		if r := e.cmd("alice", line); r.Outcome != quiz.OutcomeInvalid || text(r) != want {
			t.Errorf("%s during an interview: %s %s\nwant %q", line, r.Outcome, text(r), want)
		}
	}
	e.cmd("alice", "lang zh")
	for line, want := range map[string]string{
		"随便 说说": "你正在模拟面试（第 1/2 题）：作答请以「作答」开头，例如 /作答 随便 说说；结束面试：/面试 结束。",
		"测试":    "你正在模拟面试（第 1/2 题）：作答请输入「/作答 <你的回答>」；结束面试：/面试 结束。\n你是想输入「/测验」吗？",
	} {
		if got := text(e.cmd("alice", line)); got != want {
			t.Errorf("%s in Chinese: %s\nwant %s", line, got, want)
		}
	}
	r = e.cmd("alice", "answer "+completeAnswer(t, first))
	if got := text(r); !strings.Contains(got, "1/2") || !strings.Contains(got, "2/2") {
		t.Errorf("the interview did not wait on its first question:\n%s", got)
	}
}

// TestATimeTypedApartFromItsUnitIsTheTimePerQuestion: "5 minutes" and
// "90 秒" are one time per question; a time that is not whole minutes is
// shown in seconds, not rounded.
func TestATimeTypedApartFromItsUnitIsTheTimePerQuestion(t *testing.T) {
	for _, c := range []struct{ line, intro, limit string }{
		{"interview pv 3 5 minutes", "3 questions on pv, 5 minutes each", "⏱ 5 minutes"},
		{"interview pv 2 90s", "2 questions on pv, 90 seconds each", "⏱ 90 seconds"},
		{"interview 2 90 秒 pv", "2 questions on pv, 90 seconds each", "⏱ 90 seconds"},
	} {
		e := newEnv(t)
		if got := text(e.cmd("alice", c.line)); !strings.Contains(got, c.intro) || !strings.Contains(got, c.limit) {
			t.Errorf("%s:\n%s\nwant %q and %q", c.line, got, c.intro, c.limit)
		}
	}
}

// TestASecondNumberIsAskedItsUnit: "interview 3 5" most likely meant five
// minutes, "interview 5 90" ninety seconds; the reply suggests the one an
// interview takes.
func TestASecondNumberIsAskedItsUnit(t *testing.T) {
	e := newEnv(t)
	for line, want := range map[string]string{
		"interview 3 5":  `if "5" is the time per question, give its unit, e.g. /interview 3 5m`,
		"interview 5 90": `if "90" is the time per question, give its unit, e.g. /interview 5 90s`,
	} {
		if got := text(e.cmd("alice", line)); !strings.Contains(got, want) {
			t.Errorf("%s: %s\nwant %q", line, got, want)
		}
	}
	e.cmd("alice", "lang zh")
	if got := text(e.cmd("alice", "interview 5 90")); !strings.Contains(got, "例如 /面试 5 90秒") {
		t.Errorf("in Chinese: %s", got)
	}
}

// TestASecondInterviewIsTheFirstResumed: "interview" during one says one
// runs at a time and shows it again, the two sentences spaced as each
// language spaces them.
func TestASecondInterviewIsTheFirstResumed(t *testing.T) {
	e := newEnv(t)
	e.cmd("alice", "interview pv 2")
	if got := text(e.cmd("alice", "interview etcd")); !strings.Contains(got, "One interview at a time. Your interview goes on: question 1 of 2.") {
		t.Errorf("in English:\n%s", got)
	}
	e.cmd("alice", "lang zh")
	if got := text(e.cmd("alice", "interview etcd")); !strings.Contains(got, "一次只能进行一场面试。继续你的面试") {
		t.Errorf("in Chinese:\n%s", got)
	}
}

// interviewReads is a store that counts the reads of users' interviews.
type interviewReads struct {
	quiz.Store
	n atomic.Int64
}

func (s *interviewReads) Interviews(ctx context.Context, scope, user string) (quiz.Interviews, error) {
	s.n.Add(1)
	return s.Store.Interviews(ctx, scope, user)
}

// TestABareStopReadsTheInterviewsOnce: stop typed alone with no interview
// running is told there is none, and a word the bot does not know gets
// its hint; each reads the user's interviews once. With an interview
// waiting, the same one read stops it.
func TestABareStopReadsTheInterviewsOnce(t *testing.T) {
	rdb, _ := testkit.Redis(t)
	st := redisstore.New(rdb)
	counted := &interviewReads{Store: st}
	e := newEnvWith(t, rdb, st, counted)
	for typed, want := range map[string]string{"stop": "You have no interview in progress", "结束": "You have no interview in progress", "tpo": "Did you mean"} {
		counted.n.Store(0)
		r := e.cmd("alice", typed)
		if r.Outcome != quiz.OutcomeInvalid || !strings.Contains(text(r), want) {
			t.Errorf("%s with no interview: %s %s", typed, r.Outcome, text(r))
		}
		if got := counted.n.Load(); got != 1 {
			t.Errorf("%s with no interview read the interviews %d times, want once", typed, got)
		}
	}
	e.cmd("alice", "interview pv 2")
	counted.n.Store(0)
	if got := text(e.cmd("alice", "stop")); !strings.Contains(got, "Interview stopped") {
		t.Errorf("stop in an interview:\n%s", got)
	}
	if got := counted.n.Load(); got != 1 {
		t.Errorf("stop in an interview read the interviews %d times, want once", got)
	}
}

// TestTextThatIsNoCommandInADirectChatAnswersTheInterview: in the user's
// direct chat with the bot (the console, a private chat), text that is
// no command, typed while a mock interview waits, is the answer to its
// question, in either language, as "answer <text>" would be (the text is
// not thrown away with a hint to retype it); a line close to a command
// still gets the hint and "Did you mean"; the same delivery handled again
// shows the same result rather than answering the next question; in a
// shared channel the text still gets the hint.
func TestTextThatIsNoCommandInADirectChatAnswersTheInterview(t *testing.T) {
	e := newEnv(t)
	dm := func(text, delivery string) quiz.Response {
		t.Helper()
		return e.deliver("alice", delivery, func(r *quiz.Request) { r.Text, r.DirectChannel = text, r.Channel })
	}
	first := asked(t, dm("interview pv 3", ""))
	if got := text(dm("tpo", "")); !strings.Contains(got, "to answer, type /answer <your answer>") || !strings.Contains(got, "Did you mean /top?") {
		t.Errorf("a mistyped command in a direct chat: %s", got)
	}
	answer := completeAnswer(t, first)
	r := dm(answer, "d-"+t.Name())
	got := text(r)
	if !strings.Contains(got, "1/3") || !strings.Contains(got, "🎤 2/3") || strings.Contains(got, "mock interview (question") {
		t.Fatalf("text typed in a direct chat did not answer question 1:\n%s", got)
	}
	if again := text(dm(answer, "d-"+t.Name())); again != got {
		t.Errorf("the same delivery again:\n%s\nwant\n%s", again, got)
	}
	if got := text(e.cmd("alice", "PV is cluster storage")); !strings.Contains(got, "You are in a mock interview (question 2 of 3)") {
		t.Errorf("text in a shared channel: %s", got)
	}
	e.cmd("alice", "lang zh")
	long := "我觉得有RWO、ROX、RWX、RWOP四种。" + strings.Repeat("单节点读写，多节点只读。", 50) // longer than any command
	if got := text(dm(long, "")); !strings.Contains(got, "第 2/3 题") || !strings.Contains(got, "🎤 3/3") {
		t.Errorf("a long Chinese text typed in a direct chat did not answer question 2:\n%s", got)
	}
}
