package edge_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// countLines is a log handler that keeps the "count" of every line, safe
// for the tally's timer to log to.
type countLines struct {
	mu     sync.Mutex
	counts []int
}

func (h *countLines) Enabled(context.Context, slog.Level) bool { return true }
func (h *countLines) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *countLines) WithGroup(string) slog.Handler            { return h }

func (h *countLines) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "count" {
			h.mu.Lock()
			h.counts = append(h.counts, int(a.Value.Int64()))
			h.mu.Unlock()
		}
		return true
	})
	return nil
}

// lines are the counts logged so far.
func (h *countLines) lines() []int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]int(nil), h.counts...)
}

func TestATallyLogsAtMostALineAnIntervalAndLosesNoCount(t *testing.T) {
	out := &countLines{}
	tally := &edge.Tally{Log: slog.New(out), Level: slog.LevelWarn, Msg: "dropped", Every: 100 * time.Millisecond}
	start := time.Now()
	for range 1000 {
		tally.Add("kind", "x")
	}
	elapsed := time.Since(start)
	sum := func() int {
		n := 0
		for _, c := range out.lines() {
			n += c
		}
		return n
	}
	testkit.Eventually(t, "every event counted", func() bool { return sum() == 1000 })
	counts := out.lines()
	if most := 2 + int(elapsed/tally.Every); counts[0] != 1 || len(counts) > most {
		t.Fatalf("counts %v: want the first at once, then at most a line every 100 ms (%d lines)", counts, most)
	}
	time.Sleep(150 * time.Millisecond)
	tally.Add()
	testkit.Eventually(t, "a later event logged", func() bool { return len(out.lines()) == len(counts)+1 })
	if c := out.lines()[len(counts)]; c != 1 {
		t.Fatalf("the later line counts %d, want 1", c)
	}
}
