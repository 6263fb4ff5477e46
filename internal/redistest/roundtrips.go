package redistest

import (
	"context"
	"strings"
	"sync"

	"github.com/redis/go-redis/v9"
)

// RoundTrips is a go-redis hook (redis.UniversalClient.AddHook) that
// records a client's network round trips to Redis: a command's name for
// each command, "pipeline(<the commands' names>)" for each pipeline or
// transaction. It is safe for concurrent use.
type RoundTrips struct {
	mu    sync.Mutex
	trips []string
}

// DialHook leaves dialling alone (redis.Hook).
func (r *RoundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }

// ProcessHook records a command (redis.Hook).
func (r *RoundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		r.add(cmd.Name())
		return next(ctx, cmd)
	}
}

// ProcessPipelineHook records a pipeline or a transaction (redis.Hook).
func (r *RoundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		names := make([]string, len(cmds))
		for i, c := range cmds {
			names[i] = c.Name()
		}
		r.add("pipeline(" + strings.Join(names, " ") + ")")
		return next(ctx, cmds)
	}
}

func (r *RoundTrips) add(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.trips = append(r.trips, s)
}

// Take returns the round trips recorded so far, in order, and forgets
// them.
func (r *RoundTrips) Take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.trips
	r.trips = nil
	return t
}
