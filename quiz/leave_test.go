package quiz_test

import (
	"context"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestExitWithoutAnInterviewLeaves: exit, quit or 退出 typed alone with
// no interview in progress leave the console (a goodbye, Leave set) and
// say in a chat there is nothing to leave, in the user's language; stop,
// or quit the interview, still say there is no interview; in an
// interview, exit ends it and leaves nothing.
func TestExitWithoutAnInterviewLeaves(t *testing.T) {
	e := newEnv(t)
	typedOn := func(platform, user, line string) quiz.Response {
		t.Helper()
		req := e.request(user)
		req.Platform, req.Text = platform, line
		req.Terminal = platform == "console" // as the console says of its requests
		return e.svc.Handle(context.Background(), req)
	}
	for _, c := range []struct {
		platform, user, line, want string
		leave                      bool
	}{
		{"console", "ann", "exit", "Bye!", true},
		{"console", "ann", "Quit!", "Bye!", true},
		{"telegram", "ann", "/quit", "You have no interview in progress, and there is nothing else to leave here: the bot only answers what you write to it.", false},
		{"console", "ann", "stop", "You have no interview in progress. Start one with /interview [topic] [n] [time].", false},
		{"console", "ann", "quit interview", "You have no interview in progress. Start one with /interview [topic] [n] [time].", false},
		{"console", "zhu", "退出", "再见！", true},
		{"slack", "zhu", "exit", "你没有进行中的面试，这里也没有别的需要退出：机器人只回复你发给它的消息。", false},
		{"console", "zhu", "退出面试", "你没有进行中的面试。开始一场：/面试 [主题] [题数] [每题时限]", false},
	} {
		if c.user == "zhu" {
			e.cmd("zhu", "lang zh")
		}
		r := typedOn(c.platform, c.user, c.line)
		if text(r) != c.want || r.Leave != c.leave || (r.Outcome == quiz.OutcomeInvalid) == c.leave {
			t.Errorf("%s on %s: %s %q leave=%v\nwant %q leave=%v", c.line, c.platform, r.Outcome, text(r), r.Leave, c.want, c.leave)
		}
	}
	e.cmd("ann", "interview pv 2")
	if r := typedOn("console", "ann", "exit"); r.Command != "interview" || r.Outcome != quiz.OutcomeOK || r.Leave {
		t.Errorf("exit in an interview: %s %s %q leave=%v", r.Command, r.Outcome, text(r), r.Leave)
	}
}
