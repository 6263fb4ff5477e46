package edge_test

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/kubequiz/kubequiz/internal/edge"
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

// TestATallyLogsAtMostALineAnIntervalAndLosesNoCount runs in a bubble
// (testing/synctest), whose clock moves only when every goroutine in it
// waits: the lines the tally's timer logs come at exact times.
func TestATallyLogsAtMostALineAnIntervalAndLosesNoCount(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &countLines{}
		const every = 100 * time.Millisecond
		tally := &edge.Tally{Log: slog.New(out), Level: slog.LevelWarn, Msg: "dropped", Every: every}
		want := func(when string, counts ...int) {
			t.Helper()
			synctest.Wait() // the timer's line, if it is due, is logged
			if got := out.lines(); !slices.Equal(got, counts) {
				t.Fatalf("%s: lines counting %v, want %v", when, got, counts)
			}
		}
		for range 1000 {
			tally.Add("kind", "x")
		}
		want("a burst", 1)
		time.Sleep(every - time.Nanosecond)
		want("just before the interval is up", 1)
		time.Sleep(time.Nanosecond)
		want("the interval up", 1, 999)
		time.Sleep(every / 2)
		tally.Add()
		want("an event within the next interval", 1, 999)
		time.Sleep(every / 2)
		want("that interval up", 1, 999, 1)
		time.Sleep(2 * every)
		tally.Add()
		want("an event after a quiet interval", 1, 999, 1, 1)
	})
}

// TestAFlushedTallyLogsItsCountAtOnceAndNothingAfter: an owner that stops
// flushes its tally, whose waiting count is logged then, not by a timer
// that outlives the owner.
func TestAFlushedTallyLogsItsCountAtOnceAndNothingAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &countLines{}
		const every = time.Minute
		tally := &edge.Tally{Log: slog.New(out), Level: slog.LevelWarn, Msg: "refused", Every: every}
		for range 5 {
			tally.Add()
		}
		tally.Flush()
		if got := out.lines(); !slices.Equal(got, []int{1, 4}) {
			t.Fatalf("after the flush: lines counting %v, want [1 4]", got)
		}
		time.Sleep(2 * every)
		synctest.Wait()
		if got := out.lines(); !slices.Equal(got, []int{1, 4}) {
			t.Errorf("after the flush the timer logged: lines counting %v, want [1 4]", got)
		}
		tally.Flush()
		if got := out.lines(); len(got) != 2 {
			t.Errorf("a flush with nothing counted logged: %v", got)
		}
	})
}
