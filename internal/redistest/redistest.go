// Package redistest starts real redis-server processes for tests, each on a
// free loopback port (never 6379), and stops them afterwards. A missing
// redis-server fails the test loudly: the README's test command installs it.
package redistest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Server is one redis-server process.
type Server struct {
	// Addr is host:port of the server.
	Addr string
	bin  string
	dir  string
	opts Options

	mu  sync.Mutex
	cmd *exec.Cmd
}

// binary finds redis-server: $REDIS_SERVER, else on PATH.
func binary() (string, error) {
	if p := os.Getenv("REDIS_SERVER"); p != "" {
		return p, nil
	}
	p, err := exec.LookPath("redis-server")
	if err != nil {
		return "", fmt.Errorf("redis-server is not installed: the store tests need a real Redis. " +
			"Run the README's test command (./scripts/test.sh), which installs it with apt-get, " +
			"or install it yourself (apt-get install redis-server) or set REDIS_SERVER to its path")
	}
	return p, nil
}

// Options configure a dedicated server beyond the defaults (no password,
// no persistence).
type Options struct {
	// Password is required of clients (requirepass); URL and Client log in
	// with it.
	Password string
	// Args are more redis-server arguments, after the defaults, which they
	// override: e.g. "--appendonly", "yes".
	Args []string
}

// Start starts a dedicated server that is stopped when the test ends. Use
// it for tests that stop and restart the server.
func Start(tb testing.TB) *Server {
	tb.Helper()
	return StartWith(tb, Options{})
}

// StartWith starts a dedicated server configured by opts, stopped when the
// test ends. Restart keeps opts and the directory, so a server with
// persistence comes back with its data.
func StartWith(tb testing.TB, opts Options) *Server {
	tb.Helper()
	s, err := launch(tb.TempDir(), opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Stop)
	return s
}

// Launch starts a server configured by opts, in a directory of its own,
// for a caller that outlives one test (a server a test binary's tests
// share): Close stops it and removes its directory.
func Launch(opts Options) (*Server, error) {
	dir, err := os.MkdirTemp("", "redistest")
	if err != nil {
		return nil, err
	}
	s, err := launch(dir, opts)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

// Close stops a server started by Launch and removes its directory.
func (s *Server) Close() {
	s.Stop()
	_ = os.RemoveAll(s.dir)
}

// launch starts a server in dir on a free port, trying other ports when
// one is taken meanwhile.
func launch(dir string, opts Options) (*Server, error) {
	bin, err := binary()
	if err != nil {
		return nil, err
	}
	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		port, err := Port()
		if err != nil {
			return nil, fmt.Errorf("finding a free port: %v", err)
		}
		s := &Server{bin: bin, dir: dir, opts: opts, Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))}
		if lastErr = s.start(); lastErr == nil {
			return s, nil
		}
	}
	return nil, fmt.Errorf("starting redis-server: %v", lastErr)
}

var (
	sharedOnce sync.Once
	shared     *Server
	sharedErr  error
)

// Shared returns one server per test binary (that is, per package run),
// started on first use; call StopShared from TestMain after m.Run.
func Shared(tb testing.TB) *Server {
	tb.Helper()
	sharedOnce.Do(func() { shared, sharedErr = Launch(Options{}) })
	if sharedErr != nil {
		tb.Fatalf("redis-server: %v", sharedErr)
	}
	return shared
}

// StopShared stops the shared server, if one was started.
func StopShared() {
	if shared != nil {
		shared.Close()
	}
}

// URL is the redis:// URL of the server, with its password if it has one.
func (s *Server) URL() string {
	u := url.URL{Scheme: "redis", Host: s.Addr, Path: "/0"}
	if s.opts.Password != "" {
		u.User = url.UserPassword("", s.opts.Password)
	}
	return u.String()
}

// Dir is the server's working directory, where it keeps its RDB and AOF
// files.
func (s *Server) Dir() string { return s.dir }

// Client returns a client of the server, closed when the test ends. It does
// not flush: tests keep their data apart with their own scopes.
func (s *Server) Client(tb testing.TB) *redis.Client {
	tb.Helper()
	c := redis.NewClient(&redis.Options{Addr: s.Addr, Password: s.opts.Password})
	tb.Cleanup(func() { _ = c.Close() })
	return c
}

func (s *Server) start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, port, _ := net.SplitHostPort(s.Addr)
	args := []string{"--port", port, "--bind", "127.0.0.1", "--dir", s.dir,
		"--save", "", "--appendonly", "no", "--protected-mode", "yes",
		"--daemonize", "no", "--loglevel", "warning"}
	if s.opts.Password != "" {
		args = append(args, "--requirepass", s.opts.Password)
	}
	cmd := exec.Command(s.bin, append(args, s.opts.Args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return err
	}
	// Keep draining output so the server never blocks on a full pipe; keep
	// the last lines for a failure message.
	var tail []string
	var tailMu sync.Mutex
	keep := func(line string) {
		tailMu.Lock()
		defer tailMu.Unlock()
		tail = append(tail, line)
		if len(tail) > 20 {
			tail = tail[1:]
		}
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			keep(sc.Text())
		}
		if err := sc.Err(); err != nil { // a line too long, say: drain the rest unread
			keep("(reading the server's output: " + err.Error() + ")")
			_, _ = io.Copy(io.Discard, out)
		}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		// The server answering must be this one: another that took the
		// port while this one was stopped would answer a ping too.
		if pid, err := pidOnce(s.Addr, s.opts.Password); err == nil && pid == cmd.Process.Pid {
			s.cmd = cmd
			return nil
		}
		if cmd.ProcessState != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	tailMu.Lock()
	defer tailMu.Unlock()
	return fmt.Errorf("redis-server on %s did not start: %s", s.Addr, strings.Join(tail, " | "))
}

// pidOnce asks the server at addr for its process ID, once.
func pidOnce(addr, password string) (int, error) {
	c := redis.NewClient(&redis.Options{Addr: addr, Password: password, DialTimeout: 200 * time.Millisecond, MaxRetries: -1})
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	info, err := c.Info(ctx, "server").Result()
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "process_id:"); ok {
			return strconv.Atoi(v)
		}
	}
	return 0, fmt.Errorf("no process_id in INFO server of %s", addr)
}

// Stop kills the server; its data is gone. Safe to call twice.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

// Pause stops the server's process (SIGSTOP) until Resume: Redis stalled,
// its port still taking connections that nothing answers.
func (s *Server) Pause(tb testing.TB) { s.signal(tb, syscall.SIGSTOP) }

// Resume lets a paused server run again (SIGCONT).
func (s *Server) Resume(tb testing.TB) { s.signal(tb, syscall.SIGCONT) }

func (s *Server) signal(tb testing.TB, sig syscall.Signal) {
	tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		tb.Fatalf("redis-server on %s is not running", s.Addr)
	}
	if err := s.cmd.Process.Signal(sig); err != nil {
		tb.Fatalf("signalling redis-server on %s: %v", s.Addr, err)
	}
}

// Fill makes the server full, as Redis whose used memory passed its
// maxmemory with nothing to evict: maxmemory 1 byte and the noeviction
// policy, so that it answers every write "OOM command not allowed" and
// still answers reads and PINGs; full false gives it room again
// (maxmemory 0, none). A write of the test's own checks it took.
func (s *Server) Fill(tb testing.TB, full bool) {
	tb.Helper()
	ctx, rdb := context.Background(), s.Client(tb)
	limit := "0"
	if full {
		limit = "1"
	}
	for _, kv := range [][2]string{{"maxmemory-policy", "noeviction"}, {"maxmemory", limit}} {
		if err := rdb.ConfigSet(ctx, kv[0], kv[1]).Err(); err != nil {
			tb.Fatalf("CONFIG SET %s %s: %v", kv[0], kv[1], err)
		}
	}
	err := rdb.Set(ctx, "redistest:fill-probe", "x", time.Millisecond).Err()
	if oom := err != nil && strings.HasPrefix(err.Error(), "OOM "); oom != full || err != nil && !oom {
		tb.Fatalf("a write to redis-server on %s after Fill(%v): %v", s.Addr, full, err)
	}
}

// Restart starts the server again on the same port after Stop, as Redis
// coming back after an outage (empty: it kept nothing).
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	s.Stop()
	var err error
	for attempt := 0; attempt < 50; attempt++ {
		if err = s.start(); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond) // the port may linger for a moment
	}
	tb.Fatalf("restarting redis-server on %s: %v", s.Addr, err)
}

// FreePort is a loopback port nothing listens on, for a server a test
// starts by other means (never 6379).
func FreePort(tb testing.TB) int {
	tb.Helper()
	port, err := Port()
	if err != nil {
		tb.Fatalf("finding a free port: %v", err)
	}
	return port
}

// Port is a loopback port nothing listens on at the time of asking
// (never 6379), for a server started outside a test. It lies below the
// kernel's range of ephemeral ports, which the kernel hands to outgoing
// connections: a client dialling a server that a test has stopped could
// otherwise be given the server's own port as its local one (or connect
// to itself there), and the server, started again, could not bind it.
func Port() (int, error) {
	low := ephemeralLow()
	if low <= minPort+1 {
		// No room below the ephemeral range: let the kernel choose.
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, err
		}
		defer l.Close()
		return l.Addr().(*net.TCPAddr).Port, nil
	}
	var err error
	for range 200 {
		port := minPort + rand.IntN(low-minPort)
		if port == 6379 {
			continue
		}
		var l net.Listener
		if l, err = net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port))); err == nil {
			l.Close()
			return port, nil
		}
	}
	return 0, fmt.Errorf("no free loopback port below %d: %w", low, err)
}

// minPort is the lowest port Port chooses.
const minPort = 10000

// ephemeralLow is the first port of the kernel's ephemeral range (Linux's
// default when it cannot be read).
func ephemeralLow() int {
	b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if err != nil {
		return 32768
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return 32768
	}
	low, err := strconv.Atoi(f[0])
	if err != nil {
		return 32768
	}
	return low
}
