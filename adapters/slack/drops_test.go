package slack_test

import (
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/observe"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// TestAPacerDropIsCounted caps the adapter's pacer at one conversation and
// posts to a channel a burst of three (its limits take 3 s to refill), then
// to another: the first channel is evicted, and the bot's metrics say so.
func TestAPacerDropIsCounted(t *testing.T) {
	metrics := observe.NewMetrics()
	e := newEnv(t, httpMode, options{deps: func(d *adapters.Deps) {
		d.OnDrop, d.MaxConversations = metrics.OutboundDropped("slack"), 1
	}})
	msg := quiz.Message{Blocks: []rich.Block{rich.Text("hello")}}
	for _, channel := range []string{"C1", "C1", "C1", "C2"} {
		if _, err := e.ad.Post(context.Background(), channel, msg); err != nil {
			t.Fatal(err)
		}
	}
	rec := httptest.NewRecorder()
	metrics.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	if want := `kubequiz_outbound_dropped_total{platform="slack",reason="evicted"} 1`; !strings.Contains(string(body), want) {
		t.Errorf("the metrics lack %s", want)
	}
}
