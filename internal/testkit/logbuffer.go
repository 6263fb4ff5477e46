package testkit

import (
	"strings"
	"sync"
	"testing"
)

// LogBuffer collects what a logger (or a process) writes while a test
// reads it. With T set, every write also goes to the test's log.
type LogBuffer struct {
	T  testing.TB
	mu sync.Mutex
	b  strings.Builder
}

// Write appends p.
func (l *LogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b.Write(p)
	if l.T != nil {
		l.T.Log(strings.TrimSpace(string(p)))
	}
	return len(p), nil
}

// String is everything written so far.
func (l *LogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
