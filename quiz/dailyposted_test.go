package quiz_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/redisstore"
)

// TestAPostKeepsItsNameInEveryReply is a tester's: `daily now` at 00:45
// UTC on Saturday Dec 5 (Shanghai's Saturday), then `daily on 9:30 new
// york`: status called the post "the question of 2026-12-05" and `daily
// now` "the daily question of 2026-12-04 was posted already", one post
// under two dates. Now `daily now` tells of that post under its name, when
// it was posted and that it is open, and when the next is posted; New
// York's Saturday post, the second of Shanghai's 2026-12-05, is shown as
// such in its note, its status, its reveal and every reply.
func TestAPostKeepsItsNameInEveryReply(t *testing.T) {
	e := dailyEnv(t)
	out := &outbox{now: e.clock.Now}
	sc := quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	ctx := context.Background()
	last := func() string { all := out.all(); return rich.Plain(all[len(all)-1].msg.Blocks) }
	e.clock.Set(time.Date(2026, 12, 5, 0, 45, 0, 0, time.UTC))
	e.cmd("admin", "daily now")
	if got := last(); !strings.Contains(got, "\n2026-12-05 · answer revealed at 16:45 (Asia/Shanghai)") {
		t.Errorf("daily now's post:\n%s", got)
	}
	e.cmd("admin", "daily on 9:30 new york")
	if got := text(e.cmd("ann", "daily status")); !strings.Contains(got, "The question of 2026-12-05 is open; its answer is revealed on Sat Dec 5 at 03:45 EST (08:45 UTC).") {
		t.Errorf("status in New York's Friday evening:\n%s", got)
	}
	got := text(e.cmd("admin", "daily now"))
	if want := "A daily question was posted already on Fri Dec 4 at 19:45 EST (Sat Dec 5 00:45 UTC): the question of 2026-12-05, still open; its answer is revealed on Sat Dec 5 at 03:45 EST (08:45 UTC).\n" +
		"One is posted a day; the next is on Sat Dec 5 at 09:30 EST (14:30 UTC)."; got != want {
		t.Errorf("daily now in New York's Friday evening:\n%s\nwant\n%s", got, want)
	}
	e.cmd("admin", "lang zh")
	got = text(e.cmd("admin", "每日一题 现在"))
	if want := "已于12月4日 19:45 UTC-5（UTC 12月5日 00:45）发过每日一题：2026-12-05 的题目，仍在作答，答案将于12月5日 03:45 UTC-5（UTC 08:45）公布。\n" +
		"每天只发一题，下一题：12月5日 09:30 UTC-5（UTC 14:30）。"; got != want {
		t.Errorf("in Chinese:\n%s\nwant\n%s", got, want)
	}
	e.cmd("admin", "lang en")

	// Revealed, it is still the question of 2026-12-05.
	e.clock.Set(time.Date(2026, 12, 5, 8, 45, 0, 0, time.UTC))
	sc.Tick(ctx)
	if got := last(); !strings.Contains(got, "The daily question's answer · 2026-12-05\n") {
		t.Errorf("the reveal of 2026-12-05:\n%s", got)
	}
	if got := text(e.cmd("admin", "daily reveal")); got != "The answer to the daily question of 2026-12-05 was revealed already." {
		t.Errorf("daily reveal after the reveal: %s", got)
	}

	// New York's Saturday: the second post of 2026-12-05.
	e.clock.Set(time.Date(2026, 12, 5, 9, 30, 0, 0, mustZone("America/New_York")))
	sc.Tick(ctx)
	if got := last(); !strings.Contains(got, "\n2026-12-05 (no. 2) · answer revealed at 17:30 (America/New_York)") {
		t.Errorf("New York's Saturday post:\n%s", got)
	}
	if got := text(e.cmd("ann", "daily status")); !strings.Contains(got, "Today's question is open; its answer is revealed today at 17:30 EST (22:30 UTC).") {
		t.Errorf("status after New York's Saturday post:\n%s", got)
	}
	got = text(e.cmd("admin", "daily now"))
	if want := "A daily question was posted already today at 09:30 EST (14:30 UTC): the question of 2026-12-05 (no. 2), still open; its answer is revealed today at 17:30 EST (22:30 UTC).\n" +
		"One is posted a day; the next is tomorrow at 09:30 EST (14:30 UTC)."; got != want {
		t.Errorf("daily now after New York's Saturday post:\n%s\nwant\n%s", got, want)
	}
	if r := e.cmd("admin", "daily reveal"); r.Notice != "The answer to the daily question of 2026-12-05 (no. 2) is revealed." {
		t.Errorf("daily reveal: %q", r.Notice)
	}
	if got := last(); !strings.Contains(got, "The daily question's answer · 2026-12-05 (no. 2)\n") {
		t.Errorf("the reveal of the second post:\n%s", got)
	}
	if got := text(e.cmd("admin", "daily now")); !strings.Contains(got, ": the question of 2026-12-05 (no. 2), whose answer is revealed already.\n") {
		t.Errorf("daily now after the reveal:\n%s", got)
	}
	e.cmd("admin", "lang zh")
	if got := text(e.cmd("admin", "每日一题 揭晓")); got != "2026-12-05（当日第 2 题） 的每日一题答案已经公布过了。" {
		t.Errorf("revealed already, in Chinese: %s", got)
	}
	if got := text(e.cmd("admin", "每日一题 现在")); !strings.Contains(got, "：2026-12-05（当日第 2 题） 的题目，答案已经公布。") {
		t.Errorf("daily now, in Chinese: %s", got)
	}
}

// TestDailyNowWhenOffSaysHowToTurnItOn: a second `daily now` with the
// daily off said "See daily status for the next one", which says it is
// off: it says the daily is off and how to turn it on, as it was.
func TestDailyNowWhenOffSaysHowToTurnItOn(t *testing.T) {
	e := dailyEnv(t)
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": &outbox{now: e.clock.Now}}})
	e.cmd("admin", "daily now") // Monday 10:00 in Shanghai
	got := text(e.cmd("admin", "daily now"))
	if want := "A daily question was posted already today at 10:00 UTC+8 (02:00 UTC): the question of 2026-11-30, still open; its answer is revealed today at 18:00 UTC+8 (10:00 UTC).\n" +
		"One is posted a day, and the daily question is off in this channel: turn it on with /daily on 10:00."; got != want {
		t.Errorf("daily now, off:\n%s\nwant\n%s", got, want)
	}
	e.cmd("admin", "daily on 07:30 berlin")
	e.cmd("admin", "daily off")
	if got := text(e.cmd("admin", "daily now")); !strings.Contains(got, "\nOne is posted a day, and the daily question is off in this channel: turn it on with /daily on 07:30 Europe/Berlin.") {
		t.Errorf("daily now, turned off in Berlin:\n%s", got)
	}
	e.cmd("admin", "lang zh")
	if got := text(e.cmd("admin", "每日一题 现在")); !strings.Contains(got, "\n每天只发一题；本频道的每日一题已关闭，开启：/每日一题 开启 07:30 Europe/Berlin") {
		t.Errorf("in Chinese:\n%s", got)
	}
}

// noPostRecord is a daily store that has no record of the channel's post:
// as while another replica makes the one it claimed.
type noPostRecord struct{ *redisstore.Store }

func (noPostRecord) LastPost(context.Context, string, string) (quiz.DailyPost, bool, error) {
	return quiz.DailyPost{}, false, nil
}

// TestDailyNowOfADayWhosePostIsNotRecorded: a day claimed by a post whose
// record is not there yet is posted already, said of the day in the zone
// in effect, without a date that could name a post.
func TestDailyNowOfADayWhosePostIsNotRecorded(t *testing.T) {
	c := testkit.NewClock(time.Date(2026, 12, 5, 8, 45, 0, 0, shanghai))
	svc := serviceWithDaily(t, c, func(st *redisstore.Store) quiz.DailyStore { return noPostRecord{st} })
	quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": &outbox{now: c.Now}}})
	req := quiz.Request{Platform: "test", Scope: "test:" + t.Name(), Channel: "chan-1", User: "test:admin", UserName: "admin", Prefix: "/", Text: "daily now"}
	svc.Handle(context.Background(), req)
	got := text(svc.Handle(context.Background(), req))
	if want := "A daily question was posted already today in Asia/Shanghai (Sat Dec 5).\nOne is posted a day, and the daily question is off in this channel: turn it on with /daily on 10:00."; got != want {
		t.Errorf("daily now, its post not recorded:\n%s\nwant\n%s", got, want)
	}
}

// TestStatusCallsTodaysOnlyAPostOfToday: a post named for a date that is
// today in the zone in effect, but posted before that day began there (in
// the zone it had), is not today's question: today's is still to come.
func TestStatusCallsTodaysOnlyAPostOfToday(t *testing.T) {
	e := dailyEnv(t)
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": &outbox{now: e.clock.Now}}})
	e.clock.Set(time.Date(2026, 12, 5, 0, 30, 0, 0, shanghai)) // Friday 16:30 UTC
	e.cmd("admin", "daily now")
	e.cmd("admin", "daily on 09:00 utc")
	e.clock.Set(time.Date(2026, 12, 5, 0, 10, 0, 0, time.UTC))
	got := text(e.cmd("ann", "daily status"))
	if !strings.Contains(got, "Next: today at 09:00 UTC.") || !strings.Contains(got, "The question of 2026-12-05 is open; its answer is revealed today at 00:30 UTC.") {
		t.Errorf("status on Saturday in UTC:\n%s", got)
	}
}
