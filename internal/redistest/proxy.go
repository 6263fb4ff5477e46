package redistest

import (
	"io"
	"net"
	"sync"
	"testing"
	"time"
)

// Proxy forwards TCP connections to a Redis server and can hold the
// server's replies back, as a stalled network or a busy server would: the
// server runs each command at once, but the client sees the reply late (or,
// past its read timeout, not at all). It is for tests of what a client
// does when a command it sent did run.
type Proxy struct {
	// Addr is the proxy's address, for the client.
	Addr string

	ln     net.Listener
	target string

	mu      sync.Mutex
	stalls  int           // replies still to hold back
	stall   time.Duration // for how long
	stalled int           // replies held back so far
	wg      sync.WaitGroup
}

// StartProxy proxies to the server at target until the test ends.
func StartProxy(tb testing.TB, target string) *Proxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &Proxy{Addr: ln.Addr().String(), ln: ln, target: target}
	p.wg.Add(1)
	go p.accept()
	tb.Cleanup(func() {
		_ = ln.Close()
		p.wg.Wait()
	})
	return p
}

// StallReplies holds back the next n replies from the server for d each.
func (p *Proxy) StallReplies(n int, d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stalls, p.stall = n, d
}

// Stalled is how many replies were held back so far.
func (p *Proxy) Stalled() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stalled
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = client.Close()
			continue
		}
		p.wg.Add(2)
		go func() { // client → server, as it comes
			defer p.wg.Done()
			_, _ = io.Copy(server, client)
			_ = server.Close()
		}()
		go func() { // server → client, each read held back while stalling
			defer p.wg.Done()
			defer client.Close()
			buf := make([]byte, 64<<10)
			for {
				n, err := server.Read(buf)
				if n > 0 {
					if d := p.takeStall(); d > 0 {
						time.Sleep(d)
					}
					if _, werr := client.Write(buf[:n]); werr != nil {
						return
					}
				}
				if err != nil {
					return
				}
			}
		}()
	}
}

// takeStall is how long to hold the reply just read.
func (p *Proxy) takeStall() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stalls <= 0 {
		return 0
	}
	p.stalls--
	p.stalled++
	return p.stall
}
