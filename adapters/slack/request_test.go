package slack_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/redisstore"
)

// recorder is a core that records requests and answers with what it saw;
// "admin?" asks the platform whether the user is an admin.
type recorder struct {
	mu   sync.Mutex
	reqs []quiz.Request
}

func (r *recorder) Handle(ctx context.Context, req quiz.Request) quiz.Response {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.mu.Unlock()
	text := "ok"
	if req.Text == "admin?" {
		admin, err := req.PlatformAdmin(ctx)
		text = fmt.Sprintf("admin=%v failed=%v", admin, err != nil)
	}
	return quiz.Response{Messages: []quiz.Message{{Private: true, Blocks: []rich.Block{rich.Text(text)}}}}
}

func (r *recorder) last() quiz.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reqs[len(r.reqs)-1]
}

func TestRequestsFollowTheIdentityConventions(t *testing.T) {
	for _, tr := range transports {
		t.Run(string(tr)+": scope, user, channel, direct channel, name, locale and prefix; typed text unescaped", func(t *testing.T) {
			t.Parallel()
			core := &recorder{}
			e := newEnv(t, tr, options{core: core})
			e.slack.SetUser("U1", "Ada", false)
			e.ask("U1", "C1", "search a &amp; b &lt;c&gt;", 1)
			got := core.last()
			want := quiz.Request{
				Platform: "slack", Scope: "slack:" + e.team, Channel: "C1", User: "slack:" + e.team + ":U1",
				UserName: "Ada", Locale: "en-US", Prefix: "/k8s ", Text: "search a & b <c>", DirectChannel: "U1",
			}
			got.PlatformAdmin = nil
			if !strings.HasPrefix(got.Delivery, "trigger:"+e.team+":") {
				t.Errorf("the request names its delivery %q, want its trigger", got.Delivery)
			}
			got.Delivery = ""
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
	t.Run("a press in the user's direct conversation with the bot names it as their direct channel", func(t *testing.T) {
		t.Parallel()
		core := &recorder{}
		e := newEnv(t, httpMode, options{core: core})
		e.press("U1", "D1", sent{TS: "1700000000.000100"}, sentElement{Type: "button", ActionID: "kq.b.0.0", Value: "n:"}, 1)
		if got := core.last(); got.Channel != "D1" || got.DirectChannel != "D1" {
			t.Errorf("a press in D1: channel %q, direct channel %q; want both D1", got.Channel, got.DirectChannel)
		}
	})
	t.Run("a user users.info does not know is named as Slack sent them", func(t *testing.T) {
		t.Parallel()
		core := &recorder{}
		e := newEnv(t, httpMode, options{core: core})
		e.ask("U9", "C1", "help", 1)
		if got := core.last().UserName; got != "u9" {
			t.Errorf("got name %q, want the slash command's user_name", got)
		}
	})
}

func TestPlatformAdmin(t *testing.T) {
	t.Parallel()
	core := &recorder{}
	e := newEnv(t, httpMode, options{core: core})
	e.slack.SetUser("UADMIN", "Boss", true)
	e.slack.SetUser("UPLAIN", "Pat", false)
	tests := []struct {
		name, user, want string
	}{
		{"a workspace admin is an admin", "UADMIN", "admin=true failed=false"},
		{"anyone else is not", "UPLAIN", "admin=false failed=false"},
		{"a user users.info cannot find is not, with the error", "UGONE", "admin=false failed=true"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := e.ask(tc.user, "C1", "admin?", 1)[0]
			if !strings.Contains(got.Sections(), tc.want) {
				t.Errorf("got %q, want %q", got.Sections(), tc.want)
			}
		})
	}
	t.Run("users.info is asked once per user while the answer is fresh", func(t *testing.T) {
		e.ask("UADMIN", "C1", "admin?", 1)
		if n := e.slack.Lookups("UADMIN"); n != 1 {
			t.Errorf("users.info was called %d times for one user, want 1", n)
		}
	})
}

func TestAdminCommandsFollowWorkspaceRoles(t *testing.T) {
	t.Parallel()
	e := newEnv(t, httpMode, options{})
	e.slack.SetUser("UADMIN", "Boss", true)
	e.slack.SetUser("UPLAIN", "Pat", false)
	tests := []struct{ name, user, want string }{
		{"a member is refused clearly", "UPLAIN", "Only admins can change the daily question"},
		{"a workspace admin turns the daily question on", "UADMIN", "The daily question is on"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := e.ask(tc.user, "C1", "daily on 09:30 Europe/London", 1)[0]
			if !strings.Contains(got.Sections(), tc.want) || !got.Private() {
				t.Errorf("got %q, want privately %q", got.Sections(), tc.want)
			}
		})
	}
}

// panicker is a core that fails as badly as it can.
type panicker struct{}

func (panicker) Handle(context.Context, quiz.Request) quiz.Response { panic("core bug") }

func TestFailuresBecomeAnApology(t *testing.T) {
	t.Parallel()
	apologized := func(m sent) bool { return strings.Contains(m.Sections(), "Sorry, something went wrong") }
	t.Run("a panicking core", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, httpMode, options{core: panicker{}})
		if got := e.ask("U1", "C1", "help", 1)[0]; !apologized(got) || !got.Private() {
			t.Errorf("want a private apology, got %s", got.Raw)
		}
	})
	t.Run("a Slack error on the reply", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, socketMode, options{})
		e.slack.Fail("response", "invalid_blocks")
		if got := e.ask("U1", "C1", "help", 1)[0]; !apologized(got) {
			t.Errorf("want an apology after the failed reply, got %s", got.Raw)
		}
	})
	for _, tr := range transports {
		t.Run("Redis down: the command is acknowledged and answered in memory, scores unavailable, "+string(tr), func(t *testing.T) {
			t.Parallel()
			dead := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 100 * time.Millisecond})
			t.Cleanup(func() { _ = dead.Close() })
			e := newEnv(t, tr, options{store: redisstore.New(dead), settle: shortSettle})
			if got := e.ask("U1", "C1", "quiz", 1)[0]; !strings.Contains(got.Text, "Scores are unavailable right now") || !got.Private() {
				t.Errorf("want the core's private word that scores are unavailable (a quiz needs them); got %s", got.Raw)
			}
		})
	}
}
