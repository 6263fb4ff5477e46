package redisstore

import (
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/observe"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// TestADayWithoutAPostNameIsToldToTheOperator: a channel whose zone moved
// west three times has had a post on one date in each of three zones,
// each before the next zone's day began; in a fourth zone the date's day
// is free, but its three post names are used. The scheduler posts
// nothing, and says so once: an error line naming the channel and date,
// and the "unnamed" event in the bot's metrics.
func TestADayWithoutAPostNameIsToldToTheOperator(t *testing.T) {
	st := openRealRedis(t).st
	ctx := ctxFor(t)
	scope := newScope(t)
	platform := fmt.Sprintf("names%d", scopeSeq.Add(1)) // Due lists by platform: none of other tests' channels
	const date = "2026-12-05"
	// Midnight of the date in each zone, the earliest day first.
	zones := []string{"Etc/GMT-14", "UTC", "Etc/GMT+6", "Etc/GMT+12"}
	claimAt := func(zone string) quiz.DailyClaim {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		start, _ := time.ParseInLocation(time.DateOnly, date, loc)
		return quiz.DailyClaim{Scope: scope, Channel: "C1", Date: date, Action: "post", Start: start, End: start.AddDate(0, 0, 1), At: start}
	}
	for i, want := range []string{date, date + "#2", date + "#3"} {
		taken, err := st.ClaimAll(ctx, []quiz.DailyClaim{claimAt(zones[i])})
		if err != nil || taken[0] != want {
			t.Fatalf("the post of %s in %s took %v, %v; want %s", date, zones[i], taken, err, want)
		}
	}
	if err := st.SaveDaily(ctx, quiz.DailySettings{
		Platform: platform, Scope: scope, Channel: "C1", Zone: zones[3], Since: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
		Lang: "en", Prefix: "/",
	}); err != nil {
		t.Fatal(err)
	}

	var logs testkit.LogBuffer
	clock := testkit.NewClock(claimAt(zones[3]).Start.Add(30 * time.Second))
	svc, err := quiz.New(quiz.Config{
		Bank: testkit.ShippedBank(t), Store: st, Daily: st, Now: clock.Now,
		Location: shanghai, Lang: "en", Logger: slog.New(slog.NewJSONHandler(&logs, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	metrics := observe.NewMetrics()
	out := &countingOutbox{}
	sc := quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{platform: out}, OnEvent: metrics.DailyEvent})
	sc.Tick(ctx)
	clock.Advance(time.Minute)
	sc.Tick(ctx) // the channel was moved to its next day: nothing more to say

	if n := out.posts.Load(); n != 0 {
		t.Errorf("%d posts were made on a date whose names are used", n)
	}
	var lines []string
	for l := range strings.Lines(logs.String()) {
		if strings.Contains(l, `"level":"ERROR"`) {
			lines = append(lines, l)
		}
	}
	if len(lines) != 1 || !strings.Contains(lines[0], `"channel":"C1"`) || !strings.Contains(lines[0], `"date":"`+date+`"`) {
		t.Errorf("want one error line naming channel C1 and %s; the log:\n%s", date, logs.String())
	}
	rec := httptest.NewRecorder()
	metrics.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	if want := fmt.Sprintf(`kubequiz_daily_events_total{event="unnamed",platform=%q} 1`, platform); !strings.Contains(string(body), want) {
		t.Errorf("/metrics lacks %s", want)
	}
}
