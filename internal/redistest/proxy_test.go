package redistest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// proxyKeys makes each test's key unique, for -count=2.
var proxyKeys atomic.Int64

// setThrough sets a fresh key through the proxy with client rdb, its
// connection made before, and returns the key and the SET's error.
func setThrough(t *testing.T, rdb *redis.Client, lose func()) (string, error) {
	t.Helper()
	ctx := context.Background()
	if err := rdb.Ping(ctx).Err(); err != nil { // the connection made, before any reply is lost
		t.Fatal(err)
	}
	key := fmt.Sprintf("proxytest:%s:%d", t.Name(), proxyKeys.Add(1))
	lose()
	return key, rdb.Set(ctx, key, "ran", 0).Err()
}

// ranOnce checks Redis ran the SET of key and the proxy lost its reply.
func ranOnce(t *testing.T, p *Proxy, key string) {
	t.Helper()
	if got, err := Shared(t).Client(t).Get(context.Background(), key).Result(); err != nil || got != "ran" {
		t.Errorf("the SET whose reply was lost: %q, %v in Redis; want it run", got, err)
	}
	if p.Lost() != 1 {
		t.Errorf("%d replies lost, want 1", p.Lost())
	}
}

// TestAHeldReplyNeverReachesTheClient: a reply held back is not forwarded
// within the client's read timeout — the client gives up, the command run
// by Redis — and the client's next command, on a new connection, is
// answered. (That it is never forwarded later is HoldReplies' code, which
// drops it; a test waiting "forever" would only wait longer.)
func TestAHeldReplyNeverReachesTheClient(t *testing.T) {
	t.Parallel()
	p := StartProxy(t, Shared(t).Addr)
	rdb := redis.NewClient(&redis.Options{Addr: p.Addr, ReadTimeout: time.Second, MaxRetries: -1})
	t.Cleanup(func() { _ = rdb.Close() })
	key, err := setThrough(t, rdb, func() { p.HoldReplies(1) })
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("the SET whose reply was held: %v; want the client's read timeout", err)
	}
	ranOnce(t, p, key)
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Errorf("the next command: %v", err)
	}
}

// TestACutReplyEndsItsConnection: a reply cut is never forwarded and its
// connection ends at once — the client sees it end, not its read timeout
// — the command run by Redis; the client's next command, on a new
// connection, is answered.
func TestACutReplyEndsItsConnection(t *testing.T) {
	t.Parallel()
	p := StartProxy(t, Shared(t).Addr)
	rdb := redis.NewClient(&redis.Options{Addr: p.Addr, ReadTimeout: 10 * time.Second, MaxRetries: -1})
	t.Cleanup(func() { _ = rdb.Close() })
	key, err := setThrough(t, rdb, func() { p.CutReplies(1) })
	var ne net.Error
	if err == nil || errors.As(err, &ne) && ne.Timeout() {
		t.Errorf("the SET whose reply was cut: %v; want its connection ended", err)
	}
	ranOnce(t, p, key)
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Errorf("the next command: %v", err)
	}
}
