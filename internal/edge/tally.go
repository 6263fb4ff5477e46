package edge

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Tally logs an event that may come many times a second — a delivery shed,
// a message dropped — at most once every Every, each line with how many
// came since the line before ("count"), so that an overload does not flood
// the log (and spend the CPU it lacks on it). Nothing is left uncounted: a
// count waiting when the events stop is logged once Every has passed. The
// zero value is not usable: set Log, Level and Msg.
type Tally struct {
	Log   *slog.Logger
	Level slog.Level
	Msg   string
	// Every defaults to a second.
	Every time.Duration

	mu      sync.Mutex
	count   int
	attrs   []any
	last    time.Time
	pending *time.Timer
}

// Add counts one event, with the attributes the next line shows (the
// latest event's).
func (t *Tally) Add(attrs ...any) {
	every := t.Every
	if every <= 0 {
		every = time.Second
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.count++
	t.attrs = attrs
	if t.pending != nil {
		return
	}
	if wait := every - time.Since(t.last); wait > 0 {
		t.pending = time.AfterFunc(wait, t.flush)
		return
	}
	t.emit()
}

// flush logs the count waiting.
func (t *Tally) flush() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pending = nil
	if t.count > 0 {
		t.emit()
	}
}

// Flush logs the count waiting now, if any, rather than when its wait
// ends: for an owner that stops, so that no line of its comes after it.
func (t *Tally) Flush() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pending != nil {
		t.pending.Stop()
		t.pending = nil
	}
	if t.count > 0 {
		t.emit()
	}
}

// emit logs the count so far and starts a new one. Callers hold mu.
func (t *Tally) emit() {
	t.Log.Log(context.Background(), t.Level, t.Msg, append([]any{"count", t.count}, t.attrs...)...)
	t.count, t.attrs, t.last = 0, nil, time.Now()
}
