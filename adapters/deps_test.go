package adapters_test

import (
	"context"
	"testing"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/edge"
)

// TestDepsRunnerHandsItsBackgroundJobsToTheWatcher: the runner Deps makes
// is the one WatchBackground counts the jobs of; without a watcher it is
// made all the same.
func TestDepsRunnerHandsItsBackgroundJobsToTheWatcher(t *testing.T) {
	var running func() int
	r := adapters.Deps{WatchBackground: func(f func() int) { running = f }}.Runner(nil, nil, edge.Config{})
	if running == nil {
		t.Fatal("the watcher was not given the runner's count of background jobs")
	}
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	if !r.Later(func(context.Context) { close(started); <-release }) {
		t.Fatal("Later refused a job")
	}
	<-started
	if n := running(); n != 1 {
		t.Errorf("the watcher counts %d jobs with one running, want 1", n)
	}
	if (adapters.Deps{}).Runner(nil, nil, edge.Config{}) == nil {
		t.Error("no runner without a watcher")
	}
}
