package testkit

import (
	"context"
	"errors"
	"net"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"
)

// ErrReplyLost is what a client with LostReplies on sees instead of a
// reply.
var ErrReplyLost = errors.New("testkit: Redis ran the command, and its reply was lost")

// LostReplies is a go-redis hook (redis.Client.AddHook) that, while on,
// loses the replies of a client's commands: Redis runs each one, and the
// client sees ErrReplyLost instead of what it answered — as when Redis
// goes away after running a write and before its reply reaches the bot,
// and go-redis's retries fail too. For tests of writes in doubt. The zero
// value is off.
type LostReplies struct {
	on   atomic.Bool
	lost atomic.Int64
}

// Set turns the loss on or off.
func (l *LostReplies) Set(on bool) { l.on.Store(on) }

// Lost is how many replies were lost so far.
func (l *LostReplies) Lost() int64 { return l.lost.Load() }

// DialHook leaves dialling alone (redis.Hook).
func (l *LostReplies) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) { return next(ctx, network, addr) }
}

// handshake are the commands go-redis opens a connection with, through
// the hooks (HELLO, then CLIENT SETINFO in a pipeline): their replies are
// not lost, or the command the connection was opened for would never be
// sent.
var handshake = map[string]bool{"hello": true, "auth": true, "client": true, "select": true}

// ProcessHook runs a command, then loses its reply while on (redis.Hook).
func (l *LostReplies) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		// A command on a new connection passes the hook twice: once lost
		// is enough.
		if l.on.Load() && !handshake[cmd.Name()] && !errors.Is(err, ErrReplyLost) {
			l.lost.Add(1)
			cmd.SetErr(ErrReplyLost)
			return ErrReplyLost
		}
		return err
	}
}

// ProcessPipelineHook runs a pipeline, then loses its replies while on
// (redis.Hook).
func (l *LostReplies) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		if l.on.Load() && !errors.Is(err, ErrReplyLost) && !slices.ContainsFunc(cmds, func(c redis.Cmder) bool { return handshake[c.Name()] }) {
			l.lost.Add(1)
			for _, cmd := range cmds {
				cmd.SetErr(ErrReplyLost)
			}
			return ErrReplyLost
		}
		return err
	}
}

// LosingRedis is an embedded Redis of the test's own (see Redis) with two
// clients: lossy, whose replies lost loses while it is on, and reader, which
// reads what lossy wrote.
func LosingRedis(tb testing.TB) (reader, lossy redis.UniversalClient, lost *LostReplies) {
	tb.Helper()
	reader, srv := Redis(tb)
	c := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	tb.Cleanup(func() { _ = c.Close() })
	lost = &LostReplies{}
	c.AddHook(lost)
	return reader, c, lost
}
