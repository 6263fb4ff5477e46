package redistest

import (
	"io"
	"net"
	"sync"
	"testing"
)

// Proxy forwards TCP connections to a Redis server and can lose the
// server's replies, as a broken network or a server gone away would: the
// server runs each command, but its client never sees what it answered.
// It is for tests of what a client does when a command it sent did run.
// A lost reply is never forwarded late, so what the client sees does not
// depend on how fast a busy machine runs the proxy.
type Proxy struct {
	// Addr is the proxy's address, for the client.
	Addr string

	ln     net.Listener
	target string

	mu   sync.Mutex
	lose int  // replies still to lose
	cut  bool // whether losing one cuts its connection
	lost int  // replies lost so far
	wg   sync.WaitGroup
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

// HoldReplies holds back the next n replies from the server for good, as
// a stalled network would: each client waits for its reply until its own
// read timeout and gives up. Nothing more is forwarded on a connection
// once a reply on it is held; the client's close ends it.
func (p *Proxy) HoldReplies(n int) { p.setLose(n, false) }

// CutReplies drops the next n replies from the server and closes each
// one's connection, as when the server goes away after running a command
// and before its reply is sent: the client sees its connection end, with
// no wait for a timeout.
func (p *Proxy) CutReplies(n int) { p.setLose(n, true) }

func (p *Proxy) setLose(n int, cut bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lose, p.cut = n, cut
}

// Lost is how many replies were held back or cut so far: each one's
// command was run by the server.
func (p *Proxy) Lost() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lost
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
		go func() { // server → client, until a reply is lost
			defer p.wg.Done()
			defer client.Close()
			buf := make([]byte, 64<<10)
			for {
				n, err := server.Read(buf)
				if n > 0 {
					if lost, cut := p.takeLoss(); lost {
						if !cut { // held: read on, forwarding nothing, until the client's close closes server
							_, _ = io.Copy(io.Discard, server)
						}
						return
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

// takeLoss is whether to lose the reply just read, and if so whether by
// cutting its connection.
func (p *Proxy) takeLoss() (lost, cut bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.lose <= 0 {
		return false, false
	}
	p.lose--
	p.lost++
	return true, p.cut
}
