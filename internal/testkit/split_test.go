package testkit

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// TestAnEmptyPartIsAFailureOfTheCutNotAPanic: an adapter that sends an
// empty or white-space part of a long line fails the check, which names
// the part, instead of crashing the test binary.
func TestAnEmptyPartIsAFailureOfTheCutNotAPanic(t *testing.T) {
	f := &failureRecorder{TB: t}
	calls := 0
	chunks := func(blocks []rich.Block) []string {
		calls++
		if calls == 1 {
			return []string{"A sentence.", "", " \n", "The last."}
		}
		return []string{rich.SpansText(blocks[0].Spans) + blocks[0].Text}
	}
	done, panicked := make(chan struct{}), any(nil)
	go func() {
		defer close(done)
		defer func() { panicked = recover() }()
		CheckLongLinesAreCutAtEdges(f, chunks)
	}()
	<-done
	if panicked != nil {
		t.Fatalf("the check panicked: %v", panicked)
	}
	got := strings.Join(f.failures, "\n")
	if len(f.failures) != 2 || !strings.Contains(got, "text 1 ") || !strings.Contains(got, "text 2 ") {
		t.Errorf("the check reported %q, want the empty text 1 and the blank text 2", f.failures)
	}
}
