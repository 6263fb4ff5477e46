package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/observe"
	"github.com/kubequiz/kubequiz/internal/pacing"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// TestAPacerDropIsCounted caps the adapter's message pacer at one chat and
// posts to two chats in virtual time, where the first has not refilled
// when the second comes: the first is evicted, and the bot's metrics say
// so.
func TestAPacerDropIsCounted(t *testing.T) {
	e := newEnv(t)
	metrics := observe.NewMetrics()
	d := deps(e.core, e.store, slogTo(e.logs))
	d.OnDrop, d.MaxConversations = metrics.OutboundDropped(Name), 1
	a, err := New(e.cfg, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, chat := range []int64{e.alice, e.bob} {
		if _, err := a.Post(context.Background(), fmt.Sprint(chat), quiz.Message{Blocks: []rich.Block{rich.Text("hello")}}); err != nil {
			t.Fatal(err)
		}
	}
	rec := httptest.NewRecorder()
	metrics.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	if want := `kubequiz_outbound_dropped_total{platform="telegram",reason="evicted"} 1`; !strings.Contains(string(body), want) {
		t.Errorf("the metrics lack %s:\n%s", want, grepLines(string(body), "kubequiz_outbound"))
	}
}

// grepLines are the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for line := range strings.Lines(s) {
		if strings.Contains(line, sub) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "")
}

// TestAFloodingGroupHoldsNoMoreThanItsBacklog: a group types commands
// faster than its flood limits let the bot answer there. Replies that
// would wait longer than the chat's backlog are given up at once (no
// apology, which would wait too), so that the group does not hold the
// workers everyone else needs: with four workers and eight commands from
// the group, a private chat's command is answered while the group has had
// its first reply alone, the other seven given up.
func TestAFloodingGroupHoldsNoMoreThanItsBacklog(t *testing.T) {
	e := setup(t, nil)
	e.cfg.WebhookURL, e.cfg.WebhookSecret = "https://bot.example.com/telegram/webhook", testSecret
	e.cfg.Workers = 4
	limits := DefaultLimits()
	limits.PerChat = pacing.Per(1, chatBacklog+time.Second) // a second reply would wait past the backlog
	e.cfg.Limits = &limits
	a := e.start()
	var flood [][]byte
	for i := range 8 {
		flood = append(flood, telegramtest.Message(1000+i, e.group, e.alice, 10+i, "/help"))
	}
	e.deliver(a.Adapter, flood...)
	e.deliver(a.Adapter, telegramtest.Message(2000, e.bob, e.bob, 1, "/help"))
	// A generous bound against a hang, not a measure of speed: before, Bob
	// waited for the group's replies, a minute each.
	e.await("sendMessage", 2)
	settle(a)
	if n := strings.Count(e.logs.String(), "a reply was shed"); n != 7 {
		t.Errorf("%d of the group's replies given up, want 7", n)
	}
	if bob, group := len(to(e.api.Calls("sendMessage"), e.bob)), len(to(e.api.Calls("sendMessage"), e.group)); bob != 1 || group != 1 {
		t.Errorf("sent %d to Bob and %d to the group, want Bob's reply and the group's first", bob, group)
	}
	if strings.Contains(e.logs.String(), "could not be sent") || strings.Contains(e.logs.String(), "apology") {
		t.Errorf("a reply given up for the flood was logged as a failure, or apologised for:\n%s", e.logs.String())
	}
}

// TestADailyPostGivenUpForTheBacklogIsNotSent: a daily post (or reveal) the
// pacer gives up was not sent: Post says so (quiz.ErrNotSent), so that the
// scheduler gives its claim back and posts it at a later tick, rather than
// count it as shown and never reveal it.
func TestADailyPostGivenUpForTheBacklogIsNotSent(t *testing.T) {
	e := setup(t, nil)
	limits := DefaultLimits()
	limits.PerChat = pacing.Per(1, chatBacklog+time.Second)
	e.cfg.Limits = &limits
	a := e.start()
	msg := quiz.Message{Blocks: []rich.Block{rich.Text("📅 Daily question")}}
	if _, err := a.Post(context.Background(), strconv.FormatInt(e.group, 10), msg); err != nil {
		t.Fatalf("the first post: %v", err)
	}
	if _, err := a.Post(context.Background(), strconv.FormatInt(e.group, 10), msg); !errors.Is(err, quiz.ErrNotSent) || !errors.Is(err, pacing.ErrShed) {
		t.Errorf("a post given up for the chat's backlog: %v; want it not sent", err)
	}
}
