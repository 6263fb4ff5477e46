package testkit

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// fatalRecorder is a testing.TB whose Fatalf records the failure and ends
// the goroutine, as a test's does.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (f *fatalRecorder) Helper() {}

func (f *fatalRecorder) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
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
	f := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		EventuallyWithin(f, 20*time.Millisecond, "the moon", func() bool { return false }, func() string { return "the sky is empty" })
	}()
	<-done
	if !strings.Contains(f.msg, "the moon") || !strings.Contains(f.msg, "the sky is empty") {
		t.Fatalf("the failure: %q, want what was waited for and the state", f.msg)
	}
}
