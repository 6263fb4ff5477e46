package quiz_test

import (
	"context"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestExitWithoutAnInterviewSaysHowToLeave: exit, quit or 退出 typed alone
// with no interview in progress say how to leave where the user types
// (the console: Ctrl-D; a chat: nothing to leave), in their language;
// stop, or quit the interview, still say there is no interview; in an
// interview, exit ends it.
func TestExitWithoutAnInterviewSaysHowToLeave(t *testing.T) {
	e := newEnv(t)
	typedOn := func(platform, user, line string) quiz.Response {
		t.Helper()
		req := e.request(user)
		req.Platform, req.Text = platform, line
		req.Terminal = platform == "console" // as the console says of its requests
		return e.svc.Handle(context.Background(), req)
	}
	for _, c := range []struct{ platform, user, line, want string }{
		{"console", "ann", "exit", "You have no interview in progress. To leave kubequiz, press Ctrl-D."},
		{"console", "ann", "Quit!", "You have no interview in progress. To leave kubequiz, press Ctrl-D."},
		{"telegram", "ann", "/quit", "You have no interview in progress, and there is nothing else to leave here: the bot only answers what you write to it."},
		{"console", "ann", "stop", "You have no interview in progress. Start one with /interview [topic] [n] [time]."},
		{"console", "ann", "quit interview", "You have no interview in progress. Start one with /interview [topic] [n] [time]."},
		{"console", "zhu", "退出", "你没有进行中的面试。要退出 kubequiz，请按 Ctrl-D。"},
		{"slack", "zhu", "exit", "你没有进行中的面试，这里也没有别的需要退出：机器人只回复你发给它的消息。"},
		{"console", "zhu", "退出面试", "你没有进行中的面试。开始一场：/面试 [主题] [题数] [每题时限]"},
	} {
		if c.user == "zhu" {
			e.cmd("zhu", "lang zh")
		}
		if r := typedOn(c.platform, c.user, c.line); r.Outcome != quiz.OutcomeInvalid || text(r) != c.want {
			t.Errorf("%s on %s: %s %q\nwant %q", c.line, c.platform, r.Outcome, text(r), c.want)
		}
	}
	e.cmd("ann", "interview pv 2")
	if r := typedOn("console", "ann", "exit"); r.Command != "interview" || r.Outcome != quiz.OutcomeOK {
		t.Errorf("exit in an interview: %s %s %q", r.Command, r.Outcome, text(r))
	}
}
