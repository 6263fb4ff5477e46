package quiz_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

var berlin = mustZone("Europe/Berlin")

// TestEveryTimeNamesItsDay is issue 11's item 9: `daily now` at 17:04 in
// Berlin is revealed at 01:04 the next day, and every reply says so
// (tomorrow, or the date) instead of a bare time that reads as today; the
// scope counts days in Shanghai, already on the next date at 17:04 in
// Berlin, so that Berlin's today and tomorrow come with the date.
func TestEveryTimeNamesItsDay(t *testing.T) {
	e := dailyEnv(t)
	out := &outbox{now: e.clock.Now}
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	e.clock.Set(time.Date(2026, 12, 2, 17, 4, 0, 0, berlin)) // a Wednesday
	if got := text(e.cmd("admin", "daily on 09:30 Europe/Berlin")); !strings.Contains(got, "Next: on Thu Dec 3 at 09:30 CET (08:30 UTC).") {
		t.Errorf("daily on in the evening: %s", got)
	}
	if got := e.cmd("admin", "daily now").Notice; got != "Today's daily question is posted; its answer is revealed on Thu Dec 3 at 01:04 CET (00:04 UTC)." {
		t.Errorf("daily now at 17:04: %q", got)
	}
	if note := rich.Plain(out.all()[0].msg.Blocks); !strings.Contains(note, "2026-12-02 · answer revealed on Thu Dec 3 at 01:04 (Europe/Berlin)") {
		t.Errorf("the daily's note, read on later days too, names the date:\n%s", note)
	}
	if card := out.all()[0].msg.Quiz; card == nil || !strings.Contains(card.Footer, "2026-12-02 · answer revealed on Thu Dec 3 at 01:04 (Europe/Berlin)") || !strings.Contains(rich.Plain(out.all()[0].msg.Blocks), card.Footer) {
		t.Errorf("the daily's quiz, drawn natively, lacks its note: %+v", card)
	}

	e.clock.Set(time.Date(2026, 12, 3, 8, 0, 0, 0, berlin))
	if got := text(e.cmd("ann", "daily status")); !strings.Contains(got, "Next: today at 09:30 CET (08:30 UTC).") {
		t.Errorf("daily status in the morning: %s", got)
	}
	if got := e.cmd("admin", "daily now").Notice; !strings.Contains(got, "revealed today at 16:00 CET (15:00 UTC)") {
		t.Errorf("daily now in the morning: %q", got)
	}
	if note := rich.Plain(out.all()[1].msg.Blocks); !strings.Contains(note, "2026-12-03 · answer revealed at 16:00 (Europe/Berlin)") {
		t.Errorf("a same-day reveal's note:\n%s", note)
	}

	e.cmd("admin", "lang zh")
	e.clock.Set(time.Date(2026, 12, 3, 18, 0, 0, 0, berlin))
	if got := text(e.cmd("admin", "daily status")); !strings.Contains(got, "下一题：12月4日 09:30 UTC+1（UTC 08:30）。") {
		t.Errorf("in Chinese: %s", got)
	}
	e.cmd("admin", "daily on 07:00 Asia/Shanghai") // already 01:00 tomorrow there; 23:00 UTC the day before
	if got := text(e.cmd("admin", "daily status")); !strings.Contains(got, "下一题：今天 07:00 UTC+8（UTC 12月3日 23:00）。") {
		t.Errorf("today in the channel's zone, and UTC on another date: %s", got)
	}
}

// TestZonesInAnyCaseAndTheTimeKept is issue 11's item 10: zone names are
// matched in any case (and width), a typo gets the closest zone, and
// `daily on <zone>` keeps the time already set (`daily on <time>` the zone).
func TestZonesInAnyCaseAndTheTimeKept(t *testing.T) {
	e := dailyEnv(t)
	saved := func() quiz.DailySettings {
		t.Helper()
		d, ok, err := e.store.Daily(context.Background(), e.scope, "chan-1")
		if err != nil || !ok {
			t.Fatalf("no daily saved: %v", err)
		}
		return d
	}
	if got := text(e.cmd("admin", "daily on 09:30 europe/berlin")); !strings.Contains(got, "every day at 09:30 (Europe/Berlin)") {
		t.Errorf("a zone in lower case: %s", got)
	}
	if got := text(e.cmd("admin", "daily on ＡＳＩＡ／ＳＨＡＮＧＨＡＩ")); !strings.Contains(got, "every day at 09:30 (Asia/Shanghai)") {
		t.Errorf("a zone alone keeps 09:30: %s", got)
	}
	if d := saved(); d.Hour != 9 || d.Minute != 30 || d.Zone != "Asia/Shanghai" {
		t.Errorf("saved %+v", d)
	}
	if got := text(e.cmd("admin", "daily on ０７：１５")); !strings.Contains(got, "every day at 07:15 (Asia/Shanghai)") {
		t.Errorf("a time alone, typed full-width, keeps the zone: %s", got)
	}
	for typed, want := range map[string]string{
		"Europe/Berln":  "Did you mean Europe/Berlin? Type /daily on 10:00 Europe/Berlin",
		"asia/shanghia": "Did you mean Asia/Shanghai?",
		"Berln":         "Did you mean Europe/Berlin?",
		"Mars/Olympus":  `"Mars/Olympus" is not a time zone: use a city (Berlin, New York), an IANA name`,
	} {
		if got := text(e.cmd("admin", "daily on 10:00 "+typed)); !strings.Contains(got, want) {
			t.Errorf("daily on 10:00 %s: %s", typed, got)
		}
	}
	if d := saved(); d.Hour != 7 || d.Minute != 15 {
		t.Errorf("a refused zone changed the settings: %+v", d)
	}
	e.cmd("admin", "daily off")
	if got := text(e.cmd("admin", "daily on UTC")); !strings.Contains(got, "every day at 07:15 (UTC)") || strings.Contains(got, "UTC (") {
		t.Errorf("turned on again with a zone alone, the time is the one it had: %s", got)
	}
	if name, _, ok := quiz.LookupZone("CST"); ok {
		t.Errorf("an abbreviation is no zone: %s", name)
	}
}

// TestDailyOnTakesOneTime: a second time is told that daily on takes one,
// quoted, with the usage; it was told it is no time (`"09:30" is not a
// time`), which it is. Nothing is saved.
func TestDailyOnTakesOneTime(t *testing.T) {
	e := dailyEnv(t)
	for _, typed := range []string{"daily on 09:00 09:30", "daily on 09:00 Europe/Berlin 09:30", "daily on berlin 09:00 09:30"} {
		got := text(e.cmd("admin", typed))
		if !strings.Contains(got, `daily on takes one time; "09:30" is a second. Usage: /daily on [HH:MM] [Area/City], e.g. /daily on 09:30 Asia/Shanghai`) {
			t.Errorf("%s: %s", typed, got)
		}
	}
	if _, on, err := e.store.Daily(context.Background(), e.scope, "chan-1"); on || err != nil {
		t.Errorf("two times turned the daily on (%v)", err)
	}
	e.cmd("admin", "lang zh")
	if got := text(e.cmd("admin", "每日一题 开启 09:00 09:30")); !strings.Contains(got, "每日一题只取一个时间，「09:30」是第二个。用法：/每日一题 开启 [HH:MM]") {
		t.Errorf("in Chinese: %s", got)
	}
}

// TestDailyOnReadsTimesAsTyped: `daily on` reads a time as people type it,
// in Chinese (上午9点 was "not a time zone", 9点 "not a time"), in 12-hour
// English, and an hour alone, which no zone reads (UTC+9 stays a zone).
func TestDailyOnReadsTimesAsTyped(t *testing.T) {
	e := dailyEnv(t)
	for typed, want := range map[string]string{
		"daily on 上午9点":          "09:00 (Asia/Shanghai)",
		"daily on 9点":            "09:00 (Asia/Shanghai)",
		"每日一题 开启 9点":             "09:00 (Asia/Shanghai)",
		"daily on 下午3点":          "15:00 (Asia/Shanghai)",
		"daily on 晚上8点半":         "20:30 (Asia/Shanghai)",
		"daily on 9点30":          "09:30 (Asia/Shanghai)",
		"daily on 9点30分":         "09:30 (Asia/Shanghai)",
		"daily on 早上7点":          "07:00 (Asia/Shanghai)",
		"daily on 中午12点":         "12:00 (Asia/Shanghai)",
		"daily on 凌晨12点":         "00:00 (Asia/Shanghai)",
		"daily on 下午三点一刻":        "15:15 (Asia/Shanghai)",
		"daily on 下午３点半":         "15:30 (Asia/Shanghai)", // full-width, as a Chinese keyboard types it
		"daily on 下午 3点":         "15:00 (Asia/Shanghai)",
		"daily on 9点 半":          "09:30 (Asia/Shanghai)",
		"daily on 9":             "09:00 (Asia/Shanghai)",
		"daily on 9am":           "09:00 (Asia/Shanghai)",
		"daily on 9:30pm":        "21:30 (Asia/Shanghai)",
		"daily on 9 am":          "09:00 (Asia/Shanghai)",
		"daily on 12 AM":         "00:00 (Asia/Shanghai)",
		"daily on 12pm":          "12:00 (Asia/Shanghai)",
		"daily on 8点 berlin":     "08:00 (Europe/Berlin)",
		"daily on berlin 8pm":    "20:00 (Europe/Berlin)",
		"daily on berlin 9":      "09:00 (Europe/Berlin)", // a bare hour after a city's zone
		"daily on 柏林 9":          "09:00 (Europe/Berlin)",
		"daily on 9 UTC+9":       "09:00 (UTC+9)",
		"daily on 07:15 UTC+9":   "07:15 (UTC+9)",
		"daily on 07:15 utc + 9": "07:15 (UTC+9)",
		// Without a colon, and run into 开启 (see TestDailyOnReadsTimesWithoutAColon).
		"daily on 0930":        "09:30 (Asia/Shanghai)",
		"daily on 2130 berlin": "21:30 (Europe/Berlin)",
		"daily on berlin 0005": "00:05 (Europe/Berlin)",
		"daily on 9.30":        "09:30 (Asia/Shanghai)",
		"daily on 21.05":       "21:05 (Asia/Shanghai)",
		"每日一题 开启9点":            "09:00 (Asia/Shanghai)",
		"daily 开启下午3点":         "15:00 (Asia/Shanghai)",
		"每日一题开启9点":             "09:00 (Asia/Shanghai)",
		"每日一题 打开九点半 柏林":        "09:30 (Europe/Berlin)",
	} {
		if got := text(e.cmd("admin", typed)); !strings.Contains(got, "every day at "+want) {
			t.Errorf("%s: %s, want every day at %s", typed, got, want)
		}
	}
	e.cmd("admin", "daily on 07:15 Asia/Tokyo")
	if got := text(e.cmd("admin", "daily on UTC+9")); !strings.Contains(got, "every day at 07:15 (UTC+9)") { // a zone, not nine o'clock
		t.Errorf("UTC+9 read as a time: %s", got)
	}
	for _, typed := range []string{"上午13点", "下午", "24", "13pm", "9点99"} {
		if got := text(e.cmd("admin", "daily on "+typed)); !strings.Contains(got, `"`+typed+`" is not a time: use 24-hour HH:MM (or 9am, 9:30pm)`) {
			t.Errorf("daily on %s: %s", typed, got)
		}
	}
}

// TestDailyWordsTakeNoMore: off, status, now and reveal take no words; one
// after them is told so, as other commands tell theirs, and nothing is
// done (`daily off now` turned the daily off, the "now" passed over).
func TestDailyWordsTakeNoMore(t *testing.T) {
	e := dailyEnv(t)
	e.cmd("admin", "daily on 09:30")
	for _, typed := range []string{"off now", "status now", "now please", "reveal it now"} {
		sub, extra, _ := strings.Cut(typed, " ")
		want := "daily " + sub + ` does not take "` + extra + `". Usage: /daily on [HH:MM] [city or Area/City] | off | status | now | reveal`
		if got := text(e.cmd("admin", "daily "+typed)); got != want {
			t.Errorf("daily %s: %q, want %q", typed, got, want)
		}
	}
	if _, on, err := e.store.Daily(context.Background(), e.scope, "chan-1"); !on || err != nil {
		t.Errorf("daily off now turned the daily off (%v)", err)
	}
	e.cmd("ann", "lang zh")
	if got := text(e.cmd("ann", "每日一题 状态 现在")); !strings.Contains(got, "每日一题 状态 不接「现在」。用法：/每日一题 开启 [HH:MM]") {
		t.Errorf("in Chinese: %s", got)
	}
}

// TestDailyOffKeepsItsTimeAndZone: `daily off` keeps the time and zone,
// and every reply says what `daily on` then does. The first off said "daily
// on 08:30 Europe/Berlin", the second "daily on 10:00", and `daily on`
// turned it on at 10:00 in the scope's zone.
func TestDailyOffKeepsItsTimeAndZone(t *testing.T) {
	e := dailyEnv(t)
	if got := text(e.cmd("admin", "daily off")); got != "The daily question was already off in this channel. Turn it on with /daily on 10:00." {
		t.Errorf("off, never on: %s", got)
	}
	e.cmd("admin", "daily on berlin 08:30")
	if got := text(e.cmd("admin", "daily off")); got != "The daily question is off in this channel. Turn it on again with /daily on 08:30 Europe/Berlin." {
		t.Errorf("daily off: %s", got)
	}
	if got := text(e.cmd("admin", "daily off")); got != "The daily question was already off in this channel. Turn it on with /daily on 08:30 Europe/Berlin." {
		t.Errorf("daily off again: %s", got)
	}
	if got := text(e.cmd("ann", "daily status")); got != "The daily question is off in this channel. An admin can turn it on again as it was with /daily on 08:30 Europe/Berlin." {
		t.Errorf("daily status, off: %s", got)
	}
	got := text(e.cmd("admin", "daily on"))
	if !strings.Contains(got, "every day at 08:30 (Europe/Berlin)") ||
		!strings.Contains(got, "It is back in Europe/Berlin, the zone it had when turned off; to post it in Asia/Shanghai, the zone here: /daily on 08:30 Asia/Shanghai.") {
		t.Errorf("daily on after off: %s", got)
	}
	if d, on, err := e.store.Daily(context.Background(), e.scope, "chan-1"); !on || err != nil || d.Hour != 8 || d.Minute != 30 || d.Zone != "Europe/Berlin" {
		t.Errorf("saved %+v, %v, %v", d, on, err)
	}
	e.cmd("admin", "daily off")
	if got := text(e.cmd("admin", "daily on 07:00")); !strings.Contains(got, "every day at 07:00 (Europe/Berlin)") {
		t.Errorf("a time alone keeps the zone it had: %s", got)
	}
	e.cmd("admin", "daily off")
	if got := text(e.cmd("admin", "daily on Asia/Shanghai")); !strings.Contains(got, "every day at 07:00 (Asia/Shanghai)") || strings.Contains(got, "It is back") {
		t.Errorf("a zone alone keeps the time it had: %s", got)
	}
	if got := text(e.cmd("admin", "daily off")); got != "The daily question is off in this channel. Turn it on again with /daily on 07:00." {
		t.Errorf("off in the zone here: %s", got)
	}
	e.cmd("admin", "lang zh")
	if got := text(e.cmd("admin", "daily status")); got != "本频道没有开启每日一题。管理员输入「/每日一题 开启 07:00」即可开启（按这里的时区 Asia/Shanghai）。" {
		t.Errorf("in Chinese: %s", got)
	}
	e.cmd("admin", "daily on 08:30 柏林")
	e.cmd("admin", "daily off")
	if got := text(e.cmd("admin", "daily status")); got != "本频道的每日一题已关闭。管理员可以用「/每日一题 开启 08:30 Europe/Berlin」按原样重新开启。" {
		t.Errorf("in Chinese, in a zone of its own: %s", got)
	}
}

// TestADailyInTheTeamsZoneFollowsItWhileOff: a daily posted in the team's
// zone, turned off, and turned on again after the team moved zone, posts
// in the team's new zone, as daily off said it would (daily on 09:00).
func TestADailyInTheTeamsZoneFollowsItWhileOff(t *testing.T) {
	e := dailyEnv(t)
	e.cmd("admin", "zone Europe/Berlin")
	e.cmd("admin", "daily on 09:00")
	if got := text(e.cmd("admin", "daily off")); got != "The daily question is off in this channel. Turn it on again with /daily on 09:00." {
		t.Errorf("daily off in the team's zone: %s", got)
	}
	e.cmd("admin", "zone Asia/Tokyo")
	got := text(e.cmd("admin", "daily on 09:00"))
	if !strings.Contains(got, "every day at 09:00 (Asia/Tokyo)") || strings.Contains(got, "Berlin") {
		t.Errorf("on again after the team moved to Tokyo: %s", got)
	}
	e.cmd("admin", "daily off")
	if got := text(e.cmd("admin", "daily on")); !strings.Contains(got, "every day at 09:00 (Asia/Tokyo)") {
		t.Errorf("on again, no time given: %s", got)
	}
}

// TestNextPostIsDatedForTheTeam: "tomorrow" in the daily's zone is today
// for a team counting days in a zone already on the next date (Shanghai,
// Dec 5 06:00: "tomorrow at 09:00 CET" is later today there), and "tomorrow
// (Sat Dec 5)" contradicted itself for them: where the two zones are on
// different dates the date goes alone; where they are on one, the word.
func TestNextPostIsDatedForTheTeam(t *testing.T) {
	e := dailyEnv(t)
	e.clock.Set(time.Date(2026, 12, 5, 6, 0, 0, 0, shanghai)) // Fri Dec 4 23:00 in Berlin
	if got := text(e.cmd("admin", "daily on 09:00 Europe/Berlin")); !strings.Contains(got, "Next: on Sat Dec 5 at 09:00 CET (08:00 UTC).") {
		t.Errorf("Shanghai a day ahead: %s", got)
	}
	e.cmd("admin", "lang zh")
	if got := text(e.cmd("admin", "daily status")); !strings.Contains(got, "下一题：12月5日 09:00 UTC+1（UTC 08:00）。") {
		t.Errorf("in Chinese: %s", got)
	}
	e.cmd("admin", "lang en")
	e.clock.Set(time.Date(2026, 12, 5, 10, 0, 0, 0, shanghai)) // Sat Dec 5 03:00 in Berlin
	if got := text(e.cmd("admin", "daily status")); !strings.Contains(got, "Next: today at 09:00 CET (08:00 UTC).") {
		t.Errorf("both on Dec 5: %s", got)
	}
	e.clock.Set(time.Date(2026, 12, 5, 6, 0, 0, 0, shanghai))
	e.cmd("admin", "zone Europe/Berlin")
	if got := text(e.cmd("admin", "daily status")); !strings.Contains(got, "Next: tomorrow at 09:00 CET (08:00 UTC).") {
		t.Errorf("the team in Berlin too: %s", got)
	}
}

// TestDailyNowWhileOffPostsAsDailyOnWould: `daily now` with the daily off
// posts in the zone it kept when turned off (it posted in the team's zone
// with the defaults), and in the team's zone for a daily that followed it.
func TestDailyNowWhileOffPostsAsDailyOnWould(t *testing.T) {
	e := dailyEnv(t)
	out := &outbox{now: e.clock.Now}
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	e.cmd("admin", "daily on 07:00 berlin")
	e.cmd("admin", "daily off")
	e.clock.Set(time.Date(2026, 12, 1, 0, 30, 0, 0, shanghai)) // still Monday in Berlin
	if got := e.cmd("admin", "daily now").Notice; !strings.Contains(got, "revealed on Tue Dec 1 at 01:30 CET (00:30 UTC)") {
		t.Errorf("daily now, off in Berlin: %q", got)
	}
	if note := rich.Plain(out.all()[0].msg.Blocks); !strings.Contains(note, "2026-11-30 · answer revealed on Tue Dec 1 at 01:30 (Europe/Berlin)") {
		t.Errorf("the daily of a daily kept in Berlin:\n%s", note)
	}

	e.cmd("admin", "daily on 07:00 Asia/Shanghai")
	e.cmd("admin", "daily off")
	e.clock.Set(time.Date(2026, 12, 2, 0, 30, 0, 0, shanghai))
	if got := e.cmd("admin", "daily now").Notice; !strings.Contains(got, "revealed today at 08:30 UTC+8") {
		t.Errorf("daily now, off in the team's zone: %q", got)
	}
}

// TestDailyOnReadsTimesWithoutAColon: `daily on` reads 0930 and 9.30 (they
// were "not a time"), a time run into 开启 (每日一题 开启9点 got the usage,
// 每日一题开启9点 "I don't know the command"; TestDailyOnReadsTimesAsTyped
// has them), and an hour after UTC (utc 9 was Unexpected "9"), saying it
// took it for a time, not an offset. 930 is refused with the ways to type
// it, and help daily shows them.
func TestDailyOnReadsTimesWithoutAColon(t *testing.T) {
	e := dailyEnv(t)
	e.cmd("admin", "daily on 07:15")
	if got := text(e.cmd("admin", "daily on utc+9")); !strings.Contains(got, "every day at 07:15 (UTC+9)") || strings.Contains(got, "Read \"") {
		t.Errorf("an offset: %s", got)
	}
	for typed, want := range map[string]string{
		"daily on utc 9": "every day at 09:00 (UTC).",
		"daily on gmt 7": "every day at 07:00 (UTC).",
	} {
		got := text(e.cmd("admin", typed))
		if note := fmt.Sprintf("Read %q as %s UTC; for the zone UTC+%s, type /daily on UTC+%[3]s.", typed[len("daily on "):], want[13:18], typed[len(typed)-1:]); !strings.Contains(got, want) || !strings.Contains(got, note) {
			t.Errorf("%s: %s\nwant %s and %s", typed, got, want, note)
		}
	}
	if got := text(e.cmd("admin", "daily on 930")); got != `"930" is not clear as a time: type 09:30 or 0930 (24-hour), e.g. /daily on 09:30` {
		t.Errorf("daily on 930: %s", got)
	}
	if got := text(e.cmd("admin", "每日一题开启吧")); !strings.Contains(got, `I don't know the command "每日一题开启吧"`) {
		t.Errorf("a word run into 开启 that is no time: %s", got)
	}
	if got := text(e.cmd("admin", "help daily")); !strings.Contains(got, "\nA time is typed 09:30, 0930, 9.30, 9am or 9:30pm, e.g. daily on 9am berlin\n") {
		t.Errorf("help daily: %s", got)
	}
	e.cmd("admin", "lang zh")
	if got := text(e.cmd("admin", "每日一题 开启 930")); got != "「930」作为时间不明确：请写成 09:30 或 0930（24 小时制），例如 /每日一题 开启 09:30" {
		t.Errorf("in Chinese: %s", got)
	}
	if got := text(e.cmd("admin", "每日一题 开启 utc 9")); !strings.Contains(got, "「utc 9」已按 09:00 UTC 理解；若指的是时区 UTC+9，请用 /每日一题 开启 UTC+9。") {
		t.Errorf("utc 9 in Chinese: %s", got)
	}
	if got := text(e.cmd("admin", "help 每日一题")); !strings.Contains(got, "\n时间可写 09:30、0930、9.30、9点半、下午3点，例如 每日一题 开启9点 柏林\n") {
		t.Errorf("help daily in Chinese: %s", got)
	}
}

// TestDailyOnOffsetThenHourHasNoOffsetHint: an hour after a zone typed
// with its offset ("utc-5 9") is the time in that zone, and the reply does
// not ask whether the offset UTC+9 was meant (it said "Read "utc-5 9" as
// 09:00 UTC-5; for the zone UTC+9, type daily on UTC+9"); an hour after a
// bare UTC, GMT or Etc/UTC still gets the hint, in either language. An
// offset is not run into the hour after it: "utc+0 9" is no UTC+09.
func TestDailyOnOffsetThenHourHasNoOffsetHint(t *testing.T) {
	e := dailyEnv(t)
	for typed, want := range map[string]string{
		"daily on utc-5 9":  "every day at 09:00 (UTC-5).",
		"daily on utc+8 9":  "every day at 09:00 (UTC+8).",
		"daily on gmt-3 21": "every day at 21:00 (",
		"daily on utc+0 9":  "every day at 09:00 (UTC).", // was UTC+9 at the time it had
	} {
		if got := text(e.cmd("admin", typed)); !strings.Contains(got, want) || strings.Contains(got, "for the zone") {
			t.Errorf("%s: %s\nwant %s and no hint of an offset", typed, got, want)
		}
	}
	if got := text(e.cmd("admin", "daily on etc/utc 9")); !strings.Contains(got, `Read "etc/utc 9" as 09:00 Etc/UTC; for the zone UTC+9, type /daily on UTC+9.`) {
		t.Errorf("an Etc zone without an offset: %s", got)
	}
	e.cmd("admin", "lang zh")
	if got := text(e.cmd("admin", "每日一题 开启 utc-5 9")); !strings.Contains(got, "每天 09:00（UTC-5）") || strings.Contains(got, "若指的是时区") {
		t.Errorf("in Chinese: %s", got)
	}
}

// TestDailyTakesTheWordsPeopleType: daily's words as a user types them,
// besides their names — 每日一题 停止 (stop), 查看 (view), 揭晓答案 and
// 公布答案 (reveal), daily stop, daily show, daily start, 每日一题 开始
// 9点… were refused with the usage — each does what its name does, typed
// apart or run into 每日一题.
func TestDailyTakesTheWordsPeopleType(t *testing.T) {
	e := dailyEnv(t)
	out := &outbox{now: e.clock.Now}
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	status := text(e.cmd("ann", "daily status"))
	for _, w := range []string{"show", "SHOW", "查看", "查询", "看看", "状态如何"} {
		if got := text(e.cmd("ann", "daily "+w)); got != status {
			t.Errorf("daily %s: %s\nwant the status: %s", w, got, status)
		}
	}
	if got := text(e.cmd("ann", "每日一题查看")); got != status {
		t.Errorf("每日一题查看, run together: %s", got)
	}
	for _, w := range []string{"enable", "启用", "start", "START", "开始", "启动"} {
		e.cmd("admin", "daily off")
		if got := text(e.cmd("admin", "daily "+w+" 9:30")); !strings.Contains(got, "The daily question is on: every day at 09:30") {
			t.Errorf("daily %s 9:30: %s", w, got)
		}
	}
	for _, typed := range []string{"每日一题 启用9点", "每日一题 开始9点", "每日一题开始9点", "每日一题 启动 9点"} {
		e.cmd("admin", "daily off")
		if got := text(e.cmd("admin", typed)); !strings.Contains(got, "every day at 09:00") {
			t.Errorf("%s: %s", typed, got)
		}
	}
	for _, w := range []string{"stop", "disable", "pause", "停止", "停", "停用", "暂停", "取消", "关掉"} {
		e.cmd("admin", "daily on")
		if got := text(e.cmd("admin", "daily "+w)); !strings.Contains(got, "The daily question is off in this channel. Turn it on again with") {
			t.Errorf("daily %s: %s", w, got)
		}
	}
	e.cmd("admin", "daily on")
	if got := text(e.cmd("admin", "每日一题停止")); !strings.Contains(got, "is off in this channel") {
		t.Errorf("每日一题停止, run together: %s", got)
	}
	for i, w := range []string{"post", "立刻", "马上", "发布"} {
		e.clock.Set(time.Date(2026, 12, 7+i, 9, 0, 0, 0, shanghai))
		if r := e.cmd("admin", "daily "+w); !strings.Contains(r.Notice, "Today's daily question is posted") {
			t.Errorf("daily %s: %q %s", w, r.Notice, text(r))
		}
		reveal := []string{"揭晓答案", "公布答案", "揭晓", "公布"}[i]
		if r := e.cmd("admin", "每日一题 "+reveal); !strings.Contains(r.Notice, "is revealed") {
			t.Errorf("每日一题 %s: %q %s", reveal, r.Notice, text(r))
		}
	}
	if n := len(out.all()); n != 8 {
		t.Errorf("%d posts, want 4 dailies and their reveals", n)
	}
}

// TestAZoneSuggestedKeepsTheTimeTyped: daily on with a mistyped zone
// suggests the zone meant, and the command to type keeps the time the
// user typed (none when they typed none), in both languages.
func TestAZoneSuggestedKeepsTheTimeTyped(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ lang, typed, want string }{
		{"en", "daily on 21:15 Europe/Berln", "Did you mean Europe/Berlin? Type /daily on 21:15 Europe/Berlin"},
		{"en", "daily on 9pm berln", "Did you mean Europe/Berlin? Type /daily on 21:00 Europe/Berlin"},
		{"en", "daily on 9:00 UTC+12:45", "Did you mean Pacific/Chatham? Type /daily on 09:00 Pacific/Chatham"},
		{"en", "daily on Europe/Berln", "Did you mean Europe/Berlin? Type /daily on Europe/Berlin"},
		{"zh", "每日一题 开启 下午3点 Europe/Berln", "你是想用 Europe/Berlin 吗？请输入 /每日一题 开启 15:00 Europe/Berlin"},
		{"zh", "每日一题 开启 Europe/Berln", "你是想用 Europe/Berlin 吗？请输入 /每日一题 开启 Europe/Berlin"},
	} {
		e.cmd("admin", "lang "+c.lang)
		if got := text(e.cmd("admin", c.typed)); !strings.HasSuffix(got, c.want) || strings.Contains(got, "09:30") {
			t.Errorf("%s: %s, want it to end %s", c.typed, got, c.want)
		}
	}
}
