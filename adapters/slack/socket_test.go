package slack_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// socketServer is Slack's end of a Socket Mode connection: it says hello,
// pings, sends envelopes and records their acknowledgements.
type socketServer struct {
	mu    sync.Mutex
	conn  *websocket.Conn
	next  int
	acked map[string]time.Time // envelope ID → when it was acknowledged
	sends map[string]time.Time // envelope ID → when it was sent
	// down refuses connections (see Drop).
	down bool
}

func newSocketServer() *socketServer {
	return &socketServer{acked: map[string]time.Time{}, sends: map[string]time.Time{}}
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func (s *socketServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	down := s.down
	s.mu.Unlock()
	if down {
		http.Error(w, "Socket Mode is down", http.StatusServiceUnavailable)
		return
	}
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	s.mu.Lock()
	if s.down { // dropped while this connection was being made
		s.mu.Unlock()
		return
	}
	err = conn.WriteJSON(map[string]any{"type": "hello", "num_connections": 1, "connection_info": map[string]string{"app_id": "A0TEST"}})
	s.conn = conn
	s.mu.Unlock()
	if err != nil {
		return
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() { // slack-go reconnects when Slack stops pinging
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				_ = conn.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second))
			}
		}
	}()
	for {
		var ack struct {
			EnvelopeID string `json:"envelope_id"`
		}
		if err := conn.ReadJSON(&ack); err != nil {
			return
		}
		s.mu.Lock()
		if _, dup := s.acked[ack.EnvelopeID]; !dup {
			s.acked[ack.EnvelopeID] = time.Now()
		}
		s.mu.Unlock()
	}
}

// Drop closes the connection and refuses new ones until Restore.
func (s *socketServer) Drop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = true
	if s.conn != nil {
		_ = s.conn.Close()
		s.conn = nil
	}
}

// Restore takes connections again after Drop.
func (s *socketServer) Restore() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = false
}

// Send sends an envelope of a type with a payload, and returns its ID.
func (s *socketServer) Send(kind string, payload any) (string, error) {
	raw, err := json.Marshal(payload)
	if err != nil {
		return "", err
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.mu.Lock()
		if s.conn != nil {
			s.next++
			id := fmt.Sprintf("env-%d", s.next)
			err := s.conn.WriteJSON(map[string]any{
				"envelope_id": id, "type": kind, "payload": json.RawMessage(raw),
				"accepts_response_payload": kind != "events_api",
			})
			s.sends[id] = time.Now()
			s.mu.Unlock()
			return id, err
		}
		s.mu.Unlock()
		if time.Now().After(deadline) {
			return "", errors.New("the adapter never connected to the Socket Mode server")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// AckDelay waits for an envelope's acknowledgement and says how long after
// sending it came.
func (s *socketServer) AckDelay(id string) (time.Duration, error) {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		at, ok := s.acked[id]
		sentAt := s.sends[id]
		s.mu.Unlock()
		if ok {
			return at.Sub(sentAt), nil
		}
		time.Sleep(2 * time.Millisecond)
	}
	return 0, fmt.Errorf("envelope %s was never acknowledged", id)
}
