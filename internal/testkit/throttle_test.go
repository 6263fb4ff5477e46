package testkit

import (
	"testing"
	"time"
)

func TestTooSoonCountsOnlyCallsMadeKnowingOfA429(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	first := Arrival{Sender: "a", At: at(0), RetryAfter: 2 * time.Second}
	tests := []struct {
		name  string
		calls []Arrival
		held  map[string]time.Time
		want  int
	}{
		{"a sender's next call within its own 429's wait", []Arrival{first, {Sender: "a", At: at(1999)}}, nil, 1},
		{"a sender's next call once its 429's wait has passed", []Arrival{first, {Sender: "a", At: at(2000)}}, nil, 0},
		{"another sender's call on its way, of a sender not held", []Arrival{first, {Sender: "b", At: at(900)}}, nil, 0},
		{"a held sender's call within the first 429's wait", []Arrival{first, {Sender: "b", At: at(1500)}}, HeldBy(first, "b"), 1},
		{"a held sender's call once it has passed", []Arrival{first, {Sender: "b", At: at(2001)}}, HeldBy(first, "b"), 0},
		{"a later 429 of the sender waits longer", []Arrival{first, {Sender: "a", At: at(2000), RetryAfter: 3 * time.Second}, {Sender: "a", At: at(4500)}}, nil, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := TooSoon(tc.calls, tc.held); got != tc.want {
				t.Errorf("TooSoon = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestPausedForCountsOverlapsOnce(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	calls := []Arrival{
		{Sender: "a", At: t0, RetryAfter: 2 * time.Second},
		{Sender: "b", At: t0.Add(time.Second), RetryAfter: 2 * time.Second},
		{Sender: "c", At: t0.Add(1500 * time.Millisecond)},
		{Sender: "a", At: t0.Add(5 * time.Second), RetryAfter: time.Second},
	}
	if got, want := PausedFor(calls), 4*time.Second; got != want {
		t.Errorf("PausedFor = %s, want %s", got, want)
	}
}
