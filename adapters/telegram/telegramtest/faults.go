package telegramtest

import (
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Fault is how the server answers a call instead of handling it: an error
// status, a 429 with retry_after, a body that is not the Bot API's JSON, an
// answer held back, or a connection dropped.
type Fault struct {
	// Status is the HTTP status answered (default 200 with Body, else 500).
	// With 429 the answer carries RetryAfter.
	Status int
	// RetryAfter is the retry_after of a 429, in seconds (default 1).
	RetryAfter int
	// Body, when set, is answered as it is: a malformed answer.
	Body string
	// Hold delays the answer, in real time.
	Hold time.Duration
	// Drop closes the connection without answering.
	Drop bool
}

// Storm is a spell of faults: every call it matches is answered with its
// faults in turn, until the server's clock (Options.Now) reaches Until.
type Storm struct {
	// Method is the method it hits; empty hits every method.
	Method string
	// Chat, when set, limits it to the calls for this chat_id.
	Chat   string
	Until  time.Time
	Faults []Fault
	// next is the index of the fault to answer next.
	next int
}

// Inject makes the next calls of method answer faults, one each, in order.
func (s *Server) Inject(method string, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.injected[method] = append(s.injected[method], faults...)
}

// FailNext makes the next calls of method answer 429 Too Many Requests,
// one for each retry_after given (in seconds).
func (s *Server) FailNext(method string, retryAfter ...int) {
	faults := make([]Fault, len(retryAfter))
	for i, ra := range retryAfter {
		faults[i] = Fault{Status: http.StatusTooManyRequests, RetryAfter: ra}
	}
	s.Inject(method, faults...)
}

// AddStorm starts a storm of faults; it needs at least one fault.
func (s *Server) AddStorm(st Storm) {
	if len(st.Faults) == 0 {
		panic("telegramtest: a storm without faults")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.storms = append(s.storms, &st)
}

// EndStorms ends every storm at once, whatever its Until: for a test that
// checks what happens during a storm before letting it end.
func (s *Server) EndStorms() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.storms = nil
}

// Connections counts the TCP connections clients opened to the server.
func (s *Server) Connections() int64 { return s.connections.Load() }

// faultFor takes the fault that answers a call, if any: an injected one
// first, then one of a storm. s.mu is held.
func (s *Server) faultFor(method string, p url.Values) (Fault, bool) {
	if f := s.injected[method]; len(f) > 0 {
		s.injected[method] = f[1:]
		return f[0], true
	}
	now := s.opts.Now()
	for _, st := range s.storms {
		if now.Before(st.Until) && (st.Method == "" || st.Method == method) && (st.Chat == "" || st.Chat == p.Get("chat_id")) {
			f := st.Faults[st.next%len(st.Faults)]
			st.next++
			return f, true
		}
	}
	return Fault{}, false
}

// answerFault answers a call with a fault and reports the status sent
// (0 for a dropped connection).
func answerFault(w http.ResponseWriter, r *http.Request, f Fault) int {
	if f.Hold > 0 {
		t := time.NewTimer(f.Hold)
		select {
		case <-t.C:
		case <-r.Context().Done():
		}
		t.Stop()
	}
	if f.Drop {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
			return 0
		}
	}
	switch {
	case f.Body != "":
		status := f.Status
		if status == 0 {
			status = http.StatusOK
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(f.Body))
		return status
	case f.Status == http.StatusTooManyRequests:
		writeReply(w, tooMany(max(1, f.RetryAfter)))
		return f.Status
	default:
		status := f.Status
		if status == 0 {
			status = http.StatusInternalServerError
		}
		writeReply(w, refuse(status, http.StatusText(status)))
		return status
	}
}

// Gate holds the calls of one method to one chat before the server
// carries them out, until Open: a send the bot is in the middle of, for a
// test that stops or kills the bot then. A call whose caller goes away
// while held (the bot killed, or its timeout) is not carried out and not
// recorded, as a request that never reached Telegram.
type Gate struct {
	method, chat string
	// Held receives the parameters of each call as it is held.
	Held chan url.Values
	open chan struct{}
	once sync.Once
	// waiting counts the calls held now.
	waiting atomic.Int64
}

// Open lets the held calls through, and every later one.
func (g *Gate) Open() { g.once.Do(func() { close(g.open) }) }

// Waiting is how many calls are held now: a call whose caller went away
// is let go once the server notices.
func (g *Gate) Waiting() int { return int(g.waiting.Load()) }

// Gate makes a gate on the calls of method to chat (its chat_id), closed
// until Open; Close opens it.
func (s *Server) Gate(method string, chat int64) *Gate {
	g := &Gate{method: method, chat: strconv.FormatInt(chat, 10), Held: make(chan url.Values, 64), open: make(chan struct{})}
	s.mu.Lock()
	s.gates = append(s.gates, g)
	s.mu.Unlock()
	return g
}

// gated holds a call while a gate on it is closed, and reports false when
// its caller went away meanwhile: the call is then not carried out.
func (s *Server) gated(r *http.Request, method string) bool {
	s.mu.Lock()
	var gates []*Gate
	for _, g := range s.gates {
		if g.method == method && g.chat == r.PostForm.Get("chat_id") {
			gates = append(gates, g)
		}
	}
	s.mu.Unlock()
	for _, g := range gates {
		select {
		case <-g.open:
			continue
		default:
		}
		g.waiting.Add(1)
		select {
		case g.Held <- r.PostForm:
		default:
		}
		select {
		case <-g.open:
			g.waiting.Add(-1)
		case <-r.Context().Done():
			g.waiting.Add(-1)
			return false
		}
	}
	return true
}
