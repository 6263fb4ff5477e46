package quiz_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

func TestTheSameBoardAskedAgainSoonIsNotPostedAgain(t *testing.T) {
	e := newEnv(t)
	public := func(r quiz.Response) bool {
		return len(r.Messages) == 1 && !r.Messages[0].Private && strings.Contains(text(r), "🏆")
	}
	if r := e.cmd("alice", "top"); !public(r) {
		t.Fatalf("the first top: %+v", r)
	}
	again := e.cmd("bob", "top")
	if len(again.Messages) != 1 || !again.Messages[0].Private || !strings.Contains(text(again), "🏆") {
		t.Errorf("the same board again within a minute: want it shown to bob alone, got %+v", again)
	}
	if r := e.cmd("bob", "top all"); !public(r) {
		t.Errorf("another board (all time): want it public, got %+v", r)
	}
	other := e.request("bob")
	other.Channel, other.Text = "chan-2", "top"
	if r := e.svc.Handle(t.Context(), other); !public(r) {
		t.Errorf("the board in another channel: want it public, got %+v", r)
	}
	e.clock.Advance(time.Minute)
	if r := e.cmd("bob", "top"); !public(r) {
		t.Errorf("a minute later: want it public again, got %+v", r)
	}
}

func TestTheSameBoardAskedAgainSoonInAGroupPointsAtTheLastOne(t *testing.T) {
	e := newEnv(t)
	group := func(user, text string) quiz.Response {
		req := e.request(user)
		req.Shared, req.Text = true, text
		return e.svc.Handle(t.Context(), req)
	}
	if r := group("alice", "top"); len(r.Messages) != 1 || r.Messages[0].Private {
		t.Fatalf("the first top in a group: %+v", r)
	}
	e.cmd("mei", "lang zh")
	for _, tc := range []struct{ user, want string }{
		{"bob", "🏆 This leaderboard was posted here less than a minute ago: scroll up to see it."},
		{"mei", "🏆 这个排行榜一分钟内刚在这里发过，请往上翻。"},
	} {
		if r := group(tc.user, "top"); len(r.Messages) != 0 || r.Notice != tc.want {
			t.Errorf("%s: the same board again in a group: %+v, want the line %q", tc.user, r, tc.want)
		}
	}
}

func TestABoardInADirectChatIsAlwaysShown(t *testing.T) {
	e := newEnv(t)
	for i := range 3 {
		req := e.request("alice")
		req.Channel, req.DirectChannel, req.Text = "dm-alice", "dm-alice", "top"
		if r := e.svc.Handle(t.Context(), req); len(r.Messages) != 1 || !strings.Contains(text(r), "🏆") {
			t.Errorf("top %d in a direct chat: %+v", i+1, r)
		}
	}
}
