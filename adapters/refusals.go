package adapters

import (
	"cmp"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/kubequiz/kubequiz/internal/edge"
)

// Why a request to a webhook endpoint is refused unread, as the
// kubequiz_refused_requests_total series says it, on every platform; each
// adapter adds its own (a bad signature, a bad secret).
const (
	// RefusedTooLarge is a body over the endpoint's limit (413).
	RefusedTooLarge = "too_large"
	// RefusedUnreadable is a body that could not be read, or read as a
	// request of the platform's (400).
	RefusedUnreadable = "unreadable"
)

// Refusals answers, counts and logs the requests to an adapter's webhook
// endpoints that it refuses before reading them as deliveries: each is
// told to Deps.OnRefused by its path and reason, and logged — for each
// path, the first at once, then at most a line a minute with how many
// there were since and why the latest was refused (edge.Tally) — so that
// a flood of forged or malformed requests does not flood the log.
type Refusals struct {
	log   *slog.Logger
	msg   string
	every time.Duration // between the log lines of a path
	count func(path, reason string)

	mu      sync.Mutex
	tallies map[string]*edge.Tally // by path, each made at its first refusal
}

// Refusals makes the refusals of an adapter's endpoints, logged to log as
// msg ("refused Slack requests") at most once every d.RefusalLogEvery
// for each path, and counted by d's OnRefused.
func (d Deps) Refusals(log *slog.Logger, msg string) *Refusals {
	r := &Refusals{log: log, msg: msg, every: cmp.Or(d.RefusalLogEvery, time.Minute), tallies: map[string]*edge.Tally{}, count: d.OnRefused}
	if r.count == nil {
		r.count = func(string, string) {}
	}
	return r
}

// Refuse answers a request to path with status, and counts and logs it
// with its reason and what was wrong (err).
func (r *Refusals) Refuse(w http.ResponseWriter, path string, status int, reason string, err error) {
	r.count(path, reason)
	r.tally(path).Add("reason", reason, "status", status, "err", err)
	http.Error(w, http.StatusText(status), status)
}

// tally is the tally of path's refusals, made at the first.
func (r *Refusals) tally(path string) *edge.Tally {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.tallies[path]
	if t == nil {
		t = &edge.Tally{Log: r.log.With("path", path), Level: slog.LevelWarn, Msg: r.msg, Every: r.every}
		r.tallies[path] = t
	}
	return t
}

// RefuseBody refuses a request to path whose body could not be read (err,
// from reading it through http.MaxBytesReader): 413 when it is over the
// limit, else 400.
func (r *Refusals) RefuseBody(w http.ResponseWriter, path string, err error) {
	status, reason := http.StatusBadRequest, RefusedUnreadable
	if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
		status, reason = http.StatusRequestEntityTooLarge, RefusedTooLarge
	}
	r.Refuse(w, path, status, reason, err)
}

// Flush logs the counts waiting now, if any: for an adapter that stops,
// so that no line of its comes after it.
func (r *Refusals) Flush() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, t := range r.tallies {
		t.Flush()
	}
}
