package telegram

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/observe"
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
