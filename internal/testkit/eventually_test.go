package testkit

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// failureRecorder is a testing.TB that records its failures instead of
// failing the test, and ends the goroutine on Fatalf as a test's does.
type failureRecorder struct {
	testing.TB
	failures []string
}

func (f *failureRecorder) Helper() {}

func (f *failureRecorder) Errorf(format string, args ...any) {
	f.failures = append(f.failures, fmt.Sprintf(format, args...))
}

func (f *failureRecorder) Fatalf(format string, args ...any) {
	f.Errorf(format, args...)
	runtime.Goexit()
}

func TestEventuallyReturnsOnceTheConditionHolds(t *testing.T) {
	n := 0
	Eventually(t, "the third poll", func() bool { n++; return n == 3 })
	if n != 3 {
		t.Fatalf("polled %d times, want 3", n)
	}
}

func TestEventuallyFailsNamingWhatItWaitedFor(t *testing.T) {
	f := &failureRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		EventuallyWithin(f, 20*time.Millisecond, "the moon", func() bool { return false }, func() string { return "the sky is empty" })
	}()
	<-done
	if msg := strings.Join(f.failures, "\n"); !strings.Contains(msg, "the moon") || !strings.Contains(msg, "the sky is empty") {
		t.Fatalf("the failure: %q, want what was waited for and the state", msg)
	}
}
