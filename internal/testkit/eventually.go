package testkit

import (
	"strings"
	"testing"
	"time"
)

// Patience is how long Eventually waits for a condition: far longer than
// anything the tests wait for takes on a loaded machine (under -race, on
// two shared cores), since it is spent only when a test fails.
const Patience = 15 * time.Second

// Eventually polls cond until it is true, and fails the test if it is still
// false after Patience. what names what was waited for, for the failure;
// each of more adds what it returns to the failure (a log's tail, the
// state that was not reached).
func Eventually(tb testing.TB, what string, cond func() bool, more ...func() string) {
	tb.Helper()
	EventuallyWithin(tb, Patience, what, cond, more...)
}

// EventuallyWithin is Eventually waiting up to d.
func EventuallyWithin(tb testing.TB, d time.Duration, what string, cond func() bool, more ...func() string) {
	tb.Helper()
	deadline := time.Now().Add(d)
	for wait := time.Millisecond; !cond(); wait = min(2*wait, 50*time.Millisecond) {
		if time.Now().After(deadline) {
			var b strings.Builder
			for _, m := range more {
				b.WriteString("\n" + m())
			}
			tb.Fatalf("%s: not within %s%s", what, d, b.String())
		}
		time.Sleep(wait)
	}
}
