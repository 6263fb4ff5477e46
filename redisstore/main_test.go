package redisstore

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
)

// TestMain lets more tests run side by side than the default of one per
// CPU: the store's tests spend most of their time waiting (a TTL to run
// out, a claim to go idle, a cluster node to start), not computing. An
// explicit -test.parallel is kept.
func TestMain(m *testing.M) {
	flag.Parse()
	parallelSet := false
	flag.Visit(func(f *flag.Flag) { parallelSet = parallelSet || f.Name == "test.parallel" })
	if !parallelSet {
		_ = flag.Set("test.parallel", "8")
	}
	code := m.Run()
	redistest.StopShared()
	stopSharedCluster()
	os.Exit(code)
}

// backend is one kind of server the store contract runs against.
type backend struct {
	name string
	open func(t *testing.T) *harness
}

// harness is a store on one backend, with the test-only levers the
// contract needs. Nothing here exists in production code.
type harness struct {
	st  *Store
	rdb redis.UniversalClient
	// shortTTL is a quiz TTL short enough to wait out; elapse lets d pass on
	// the server's clock (a sleep for redis-server, FastForward for
	// miniredis, whose TTLs only move when told).
	shortTTL time.Duration
	elapse   func(d time.Duration)
	// isolated is a store on an empty keyspace of the same kind of server,
	// for tests that scan every key.
	isolated func(t *testing.T) (*Store, redis.UniversalClient)
	// held has the contract's answers come from a caller holding the quiz
	// (quiz.Answer.Held), as the core mostly does, rather than fetching it.
	held bool
}

var backends = []backend{
	{name: "redis-server", open: openRealRedis},
	{name: "embedded", open: openEmbedded},
	{name: "redis-cluster", open: openCluster},
}

func preloaded(t testing.TB, rdb redis.UniversalClient) *Store {
	t.Helper()
	st := New(rdb)
	if err := st.Preload(context.Background()); err != nil {
		t.Fatalf("Preload: %v", err)
	}
	return st
}

// isolatedDB counts the databases of the shared server handed to tests
// that need an empty keyspace.
var isolatedDB atomic.Int32

func openRealRedis(t *testing.T) *harness {
	srv := redistest.Shared(t)
	rdb := srv.Client(t)
	return &harness{
		st: preloaded(t, rdb), rdb: rdb,
		shortTTL: time.Second,
		elapse:   func(d time.Duration) { time.Sleep(d) },
		isolated: func(t *testing.T) (*Store, redis.UniversalClient) {
			// Databases 1 to 15 in turn; each is flushed before use, and
			// only one test at a time needs one.
			db := 1 + int(isolatedDB.Add(1)-1)%15
			c := redis.NewClient(&redis.Options{Addr: srv.Addr, DB: db})
			t.Cleanup(func() { _ = c.Close() })
			if err := c.FlushDB(context.Background()).Err(); err != nil {
				t.Fatal(err)
			}
			return preloaded(t, c), c
		},
	}
}

func startEmbedded(t *testing.T) *Embedded {
	e, err := StartEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	return e
}

func openEmbedded(t *testing.T) *harness {
	e := startEmbedded(t)
	return &harness{
		st: preloaded(t, e.Client()), rdb: e.Client(),
		shortTTL: time.Second,
		elapse:   e.srv.FastForward,
		isolated: func(t *testing.T) (*Store, redis.UniversalClient) {
			e := startEmbedded(t)
			return preloaded(t, e.Client()), e.Client()
		},
	}
}

// openCluster runs the store on a one-node Redis Cluster through a
// ClusterClient. Redis then refuses any script or transaction whose keys
// fall in different slots (CROSSSLOT), so the whole contract doubles as a
// check that every call keeps to one hash tag.
func openCluster(t *testing.T) *harness {
	addr := sharedClusterNode(t)
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{addr}})
	t.Cleanup(func() { _ = rdb.Close() })
	return &harness{
		st: preloaded(t, rdb), rdb: rdb,
		shortTTL: time.Second,
		elapse:   func(d time.Duration) { time.Sleep(d) },
		isolated: func(t *testing.T) (*Store, redis.UniversalClient) {
			c := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{startClusterNode(t)}})
			t.Cleanup(func() { _ = c.Close() })
			return preloaded(t, c), c
		},
	}
}

// startClusterNode starts a Redis Cluster node of the test's own (for tests
// that need an empty keyspace), stopped when the test ends.
func startClusterNode(t *testing.T) string {
	t.Helper()
	addr, stop, err := runClusterNode()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return addr
}

// sharedCluster is the cluster node the tests share, as they share one
// redis-server (redistest.Shared): each test keeps to scopes of its own.
// A node takes two seconds to serve (Redis holds a restarted master's
// writes back that long), so one per test made the contract slow.
var sharedCluster struct {
	sync.Mutex
	addr string
	stop func()
}

// sharedClusterNode is the address of the shared cluster node, started on
// first use and stopped by TestMain.
func sharedClusterNode(t *testing.T) string {
	t.Helper()
	sharedCluster.Lock()
	defer sharedCluster.Unlock()
	if sharedCluster.addr == "" {
		addr, stop, err := runClusterNode()
		if err != nil {
			t.Fatal(err)
		}
		sharedCluster.addr, sharedCluster.stop = addr, stop
	}
	return sharedCluster.addr
}

// stopSharedCluster stops the shared cluster node, if one was started.
func stopSharedCluster() {
	sharedCluster.Lock()
	defer sharedCluster.Unlock()
	if sharedCluster.stop != nil {
		sharedCluster.stop()
		sharedCluster.addr, sharedCluster.stop = "", nil
	}
}

// runClusterNode starts redis-server in cluster mode (redistest.Launch),
// gives it every slot and waits for the cluster to be ok; stop kills it
// and removes its directory.
func runClusterNode() (addr string, stop func(), err error) {
	srv, err := redistest.Launch(redistest.Options{Args: []string{
		"--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", // in the server's directory
		"--cluster-announce-ip", "127.0.0.1",
	}})
	if err != nil {
		return "", nil, fmt.Errorf("redis-server in cluster mode: %v", err)
	}
	c := redis.NewClient(&redis.Options{Addr: srv.Addr, MaxRetries: -1})
	defer c.Close()
	ctx := context.Background()
	if err := c.Do(ctx, "CLUSTER", "ADDSLOTSRANGE", 0, 16383).Err(); err != nil {
		srv.Close()
		return "", nil, fmt.Errorf("CLUSTER ADDSLOTSRANGE: %v", err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		info, err := c.ClusterInfo(ctx).Result()
		if err == nil && strings.Contains(info, "cluster_state:ok") {
			return srv.Addr, srv.Close, nil
		}
		if time.Now().After(deadline) {
			srv.Close()
			return "", nil, fmt.Errorf("cluster on %s is not ok: %v %s", srv.Addr, err, info)
		}
	}
}

// scopeSeq keeps scopes unique within one test binary, also with -count=N
// against the same shared server.
var scopeSeq atomic.Int64

// newScope is a scope of the test's own, so tests never see each other's
// data.
func newScope(t testing.TB) string {
	return fmt.Sprintf("test:%d:%s", scopeSeq.Add(1), t.Name())
}

// ctxFor is a context that ends with the test, with a generous bound so a
// hung server fails the test instead of the whole run.
func ctxFor(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}
