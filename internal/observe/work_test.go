package observe

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/redisstore"
)

// series is the value of the series named so (with its labels) in a
// scrape, "" when the scrape lacks it.
func series(scrape, name string) string {
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` (\S+)$`).FindStringSubmatch(scrape)
	if m == nil {
		return ""
	}
	return m[1]
}

// TestTheInboxBacklogGaugeFollowsTheInbox reads a Redis inbox's backlog
// through /metrics as deliveries are accepted, taken and handled; while
// Redis does not answer the series is left out, the rest served.
func TestTheInboxBacklogGaugeFollowsTheInbox(t *testing.T) {
	srv := redistest.Start(t)
	in := redisstore.New(srv.Client(t)).Inbox(fmt.Sprintf("telegram:%d", time.Now().UnixNano()), redisstore.InboxOptions{})
	m := NewMetrics()
	m.WatchBacklog("telegram", in.Backlog)
	const name = `kubequiz_inbox_backlog{platform="telegram"}`
	want := func(when, v string) {
		t.Helper()
		if got := series(scrape(t, m), name); got != v {
			t.Errorf("%s: %s is %q, want %s", when, name, got, v)
		}
	}
	ctx := context.Background()
	want("empty", "0")
	for i := range 3 {
		if _, err := in.Accept(ctx, edge.Delivery{ID: fmt.Sprint("update:", i), Kind: "update"}); err != nil {
			t.Fatal(err)
		}
	}
	want("three accepted", "3")
	taken, err := in.Next(ctx, 2, 10*time.Millisecond)
	if err != nil || len(taken) != 2 {
		t.Fatalf("next: %+v, %v", taken, err)
	}
	want("two in hand", "3")
	if err := in.Done(ctx, taken[0].ID, taken[1].ID); err != nil {
		t.Fatal(err)
	}
	want("two handled", "1")

	srv.Stop()
	got := scrape(t, m)
	if v := series(got, name); v != "" {
		t.Errorf("%s is %s while Redis does not answer, want it left out", name, v)
	}
	if !strings.Contains(got, "go_goroutines ") {
		t.Error("a backlog that cannot be read fails the whole scrape")
	}
	srv.Restart(t) // empty: it kept nothing
	testkit.Eventually(t, "the backlog read again once Redis answers", func() bool { return series(scrape(t, m), name) == "0" })
}

// TestTheBackgroundJobsGaugeCountsJobsInFlight counts a runner's jobs of
// Later through /metrics while they run, and after they end.
func TestTheBackgroundJobsGaugeCountsJobsInFlight(t *testing.T) {
	r := edge.NewRunner(nil, nil, edge.Config{})
	m := NewMetrics()
	m.WatchBackground("slack", r.LaterRunning)
	const name = `kubequiz_background_jobs{platform="slack"}`
	if got := series(scrape(t, m), name); got != "0" {
		t.Errorf("before any job: %s is %q, want 0", name, got)
	}
	started, release := make(chan struct{}), make(chan struct{})
	for range 2 {
		if !r.Later(func(context.Context) { started <- struct{}{}; <-release }) {
			t.Fatal("Later refused a job")
		}
		<-started
	}
	if got := series(scrape(t, m), name); got != "2" {
		t.Errorf("two jobs running: %s is %q, want 2", name, got)
	}
	close(release)
	testkit.Eventually(t, "the gauge back to 0 once the jobs ended", func() bool { return series(scrape(t, m), name) == "0" })
}
