package slack_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/slack"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/redisstore"
)

// gate is a core that answers only once released; entered counts the
// requests it holds or held.
type gate struct {
	open    chan struct{}
	entered *atomic.Int64
}

func (g gate) Handle(ctx context.Context, req quiz.Request) quiz.Response {
	if g.entered != nil {
		g.entered.Add(1)
	}
	<-g.open
	return quiz.Response{Messages: []quiz.Message{{Private: true, Blocks: []rich.Block{rich.Text("done")}}}}
}

func TestShutdownFinishesAcknowledgedWork(t *testing.T) {
	t.Parallel()
	g := gate{open: make(chan struct{}), entered: &atomic.Int64{}}
	e := newEnv(t, httpMode, options{core: g})
	hook := e.command("U1", "C1", "help")
	testkit.Eventually(t, "the command in a worker's hands", func() bool { return g.entered.Load() == 1 })
	stopped := make(chan error, 1)
	go func() { stopped <- e.stop() }()
	select {
	case <-stopped:
		t.Fatal("Run returned while acknowledged work was still in flight")
	case <-time.After(200 * time.Millisecond):
	}
	late := e.slashCommand("U1", "C1", "help")
	t.Run("a request while draining is acknowledged and kept in the inbox", func(t *testing.T) {
		resp, err := e.postSigned("/slack/commands", httpBody("slash_commands", late), time.Now(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Errorf("got %s, want 200", resp.Status)
		}
	})
	close(g.open)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	t.Run("the work in flight was answered before Run returned", func(t *testing.T) {
		if got := e.slack.Sent(ToHook(hook)); len(got) != 1 {
			t.Errorf("got %d replies, want 1", len(got))
		}
	})
	t.Run("the next replica answers what was left in the inbox", func(t *testing.T) {
		next := newEnv(t, httpMode, options{core: g, store: e.store, slack: e.slack})
		if got := next.slack.Wait(t, 1, ToHook(late.ResponseURL)); len(got) != 1 {
			t.Errorf("got %d replies to the late command, want 1", len(got))
		}
	})
}

func TestRefusedBotTokenStopsRun(t *testing.T) {
	t.Parallel()
	refuse := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"ok":false,"error":"invalid_auth"}`))
	}))
	t.Cleanup(refuse.Close)
	rdb, _ := testkit.Redis(t)
	ad, err := slack.New(slack.Config{BotToken: botToken, SigningSecret: signingSecret, APIURL: refuse.URL + "/"}, deps(gate{}, redisstore.New(rdb), nil))
	if err != nil {
		t.Fatal(err)
	}
	err = ad.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "SLACK_BOT_TOKEN was refused by Slack (invalid_auth)") || ad.Ready() {
		t.Errorf("got %v, ready %v: want a refusal naming the variable", err, ad.Ready())
	}
}
