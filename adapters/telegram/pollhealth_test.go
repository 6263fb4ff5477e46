package telegram

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestPollHealth(t *testing.T) {
	const stale = 35 * time.Second
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	bad := errors.New("getUpdates: the Bot API answered 502 Bad Gateway")
	var h pollHealth
	failures := func(n int, at time.Time) {
		for range n {
			h.polled(at, bad)
		}
	}
	steps := []struct {
		name string
		do   func()
		at   time.Time
		want string // a part of the problem, "" for none
	}{
		{"standing by, failures say nothing", func() { failures(9, t0) }, t0.Add(time.Hour), ""},
		{"the lease taken", func() { h.lead(t0) }, t0.Add(stale), ""},
		{"three failures in a row are let be", func() { failures(3, t0) }, t0.Add(time.Second), ""},
		{"a fourth is not", func() { failures(1, t0) }, t0.Add(time.Second), "getUpdates failed 4 times in a row (getUpdates: the Bot API answered 502"},
		{"a success ends it", func() { h.polled(t0.Add(2*time.Second), nil) }, t0.Add(2 * time.Second), ""},
		{"no success for longer than the lease", func() {}, t0.Add(2*time.Second + stale + time.Second), "getUpdates has not succeeded for 36s"},
		{"the lease lost", h.standBy, t0.Add(time.Hour), ""},
	}
	for _, s := range steps {
		s.do()
		got := h.problem(s.at, stale)
		if (s.want == "") != (got == "") || !strings.Contains(got, s.want) {
			t.Errorf("%s: problem %q, want %q", s.name, got, s.want)
		}
	}
}
