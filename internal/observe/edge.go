package observe

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// Edge wraps the core for every adapter: one log line per handled command
// (platform, scope — what `bot export -scope` takes —, command, outcome,
// duration, and the platform's ID of the delivery, to follow one through
// the logs; never the text, the user or any token),
// metrics, a recovered panic turned into an apology, and a count of the work
// in flight so that shutdown can wait for it.
type Edge struct {
	next    quiz.Handler
	log     *slog.Logger
	metrics *Metrics

	// A WaitGroup would not do: commands may start while Wait waits.
	mu       sync.Mutex
	inflight int
	idle     chan struct{} // closed when inflight drops to 0
}

// NewEdge wraps next.
func NewEdge(next quiz.Handler, log *slog.Logger, m *Metrics) *Edge {
	return &Edge{next: next, log: log, metrics: m}
}

// Handle handles one request through the core.
func (e *Edge) Handle(ctx context.Context, req quiz.Request) (r quiz.Response) {
	e.begin()
	defer e.end()
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			e.log.ErrorContext(ctx, "panic while handling a command", "platform", req.Platform,
				"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			l := quiz.ParseLang(req.Locale)
			r = quiz.Response{Command: "panic", Outcome: "panic", Notice: quiz.Apology(l)}
		}
		d := time.Since(start)
		e.metrics.Command(req.Platform, r.Command, string(r.Outcome), d, r.Scored)
		level := slog.LevelInfo
		if r.Outcome.StoreFailed() || r.Outcome == "panic" {
			level = slog.LevelWarn
		}
		e.log.Log(ctx, level, "command", "platform", req.Platform, "scope", req.Scope, "command", r.Command,
			"outcome", string(r.Outcome), "duration", d.Round(time.Microsecond), "delivery", req.Delivery)
	}()
	return e.next.Handle(ctx, req)
}

func (e *Edge) begin() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.inflight == 0 {
		e.idle = make(chan struct{})
	}
	e.inflight++
}

func (e *Edge) end() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.inflight--; e.inflight == 0 {
		close(e.idle)
	}
}

// Wait returns when no command is in flight, or when ctx is done.
func (e *Edge) Wait(ctx context.Context) error {
	e.mu.Lock()
	if e.inflight == 0 {
		e.mu.Unlock()
		return nil
	}
	idle := e.idle
	e.mu.Unlock()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
