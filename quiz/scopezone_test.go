package quiz_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// inScope is e's service in another scope of its own.
func (e *env) inScope(suffix string) *env {
	other := *e
	other.scope = e.scope + ":" + suffix
	return &other
}

// setZone sets e's scope's zone as its admin.
func (e *env) setZone(name string) {
	e.t.Helper()
	if r := e.cmd("admin", "zone "+name); r.Outcome != quiz.OutcomeOK {
		e.t.Fatalf("zone %s: %s %s", name, r.Outcome, text(r))
	}
}

// TestAScopeCountsStreakDaysInItsZone: in a Berlin team's scope, answers
// on Monday 16:00 and Tuesday 18:30 Berlin time are two days in a row; a
// scope on the default zone (Shanghai, where they are Monday 23:00 and
// Wednesday 01:30) sees two days apart.
func TestAScopeCountsStreakDaysInItsZone(t *testing.T) {
	e := newEnv(t)
	shanghaiTeam := e.inScope("default")
	e.setZone("Europe/Berlin")
	for _, day := range []struct {
		at                time.Time
		berlin, shanghaiS string
	}{
		{time.Date(2026, 11, 30, 16, 0, 0, 0, berlin), "1 day in a row", "1 day in a row"},
		{time.Date(2026, 12, 1, 18, 30, 0, 0, berlin), "2 days in a row", "1 day in a row"},
	} {
		e.clock.Set(day.at)
		if got := text(e.answerQuiz("bob", "", true)); !strings.Contains(got, day.berlin) {
			t.Errorf("%v, Berlin scope: the answer says %q, want %q", day.at, got, day.berlin)
		}
		if got := text(shanghaiTeam.answerQuiz("bob", "", true)); !strings.Contains(got, day.shanghaiS) {
			t.Errorf("%v, default scope: the answer says %q, want %q", day.at, got, day.shanghaiS)
		}
	}
	// On Wednesday (Thursday in Shanghai) both streaks still run, their
	// last day being yesterday: two days in Berlin, one in Shanghai.
	e.clock.Set(time.Date(2026, 12, 2, 20, 0, 0, 0, berlin))
	if got := text(e.cmd("bob", "stats")); !strings.Contains(got, "Streak: 2 days (best 2)") {
		t.Errorf("Berlin scope's stats: %q, want a streak of 2", got)
	}
	if got := text(shanghaiTeam.cmd("bob", "stats")); !strings.Contains(got, "Streak: 1 day (best 1)") {
		t.Errorf("default scope's stats: %q, want a streak of 1", got)
	}
}

// TestSundayEveningIsThisWeekInTheScopesZone: at 17:30 on Sunday in
// Berlin (already Monday in Shanghai, the default zone) a Berlin scope's
// answers and board are still this week's.
func TestSundayEveningIsThisWeekInTheScopesZone(t *testing.T) {
	e := newEnv(t)
	shanghaiTeam := e.inScope("default")
	e.setZone("Europe/Berlin")
	e.clock.Set(time.Date(2026, 12, 6, 17, 30, 0, 0, berlin))
	e.answerQuiz("bob", "", true)
	if got := text(e.cmd("bob", "top")); !strings.Contains(got, "(Mon Nov 30 – Sun Dec 6)") || !strings.Contains(got, "bob") {
		t.Errorf("Berlin scope's top on Sunday evening:\n%s\nwant week 2026-W49 with bob on it", got)
	}
	if b := e.board("2026-W49"); len(b.Entries) != 1 || b.Entries[0].Points != quiz.RightAnswerPoints {
		t.Errorf("the Berlin answer's week board: %+v, want bob's points in 2026-W49", b.Entries)
	}
	if got := text(shanghaiTeam.cmd("bob", "top")); !strings.Contains(got, "(Mon Dec 7 – Sun Dec 13)") {
		t.Errorf("default scope's top at the same moment:\n%s\nwant week 2026-W50", got)
	}
}

// TestTheZoneCommand: anyone sees the scope's zone, whether it is the
// default, and the time there; only an admin sets it, in any case, with a
// suggestion for a typo; `zone default` goes back.
func TestTheZoneCommand(t *testing.T) {
	e := newEnv(t)
	e.clock.Set(time.Date(2026, 11, 30, 15, 0, 0, 0, time.UTC))
	for _, want := range []string{"Asia/Shanghai (the bot's default)", "Mon Nov 30 23:00 UTC+8", "/zone <Area/City>"} {
		if got := text(e.cmd("bob", "zone")); !strings.Contains(got, want) {
			t.Errorf("zone: %q, want %q in it", got, want)
		}
	}
	if r := e.cmd("bob", "zone Europe/Berlin"); r.Outcome != quiz.OutcomeDenied || !strings.Contains(text(r), "Only admins") {
		t.Errorf("a non-admin setting the zone: %s %q, want refused", r.Outcome, text(r))
	}
	if got := text(e.cmd("bob", "zone")); !strings.Contains(got, "Asia/Shanghai (the bot's default)") {
		t.Errorf("after the refusal, zone shows %q", got)
	}
	for typed, want := range map[string]string{
		"Europe/Berln": "Did you mean Europe/Berlin? For example /zone Europe/Berlin",
		"Berln":        "Did you mean Europe/Berlin?",
		"Mars/Olympus": `"Mars/Olympus" is not a time zone`,
	} {
		if r := e.cmd("admin", "zone "+typed); r.Outcome != quiz.OutcomeInvalid || !strings.Contains(text(r), want) {
			t.Errorf("zone %s: %s %q, want %q", typed, r.Outcome, text(r), want)
		}
	}
	if got := text(e.cmd("admin", "zone default")); !strings.Contains(got, "counted in Asia/Shanghai already") || !strings.Contains(got, "nothing changed") {
		t.Errorf("zone default where none was set: %q", got)
	}
	r := e.cmd("admin", "zone EUROPE/berlin")
	if got := text(r); r.Outcome != quiz.OutcomeOK || !strings.Contains(got, "now counted in Europe/Berlin, where it is Mon Nov 30 16:00 CET") || strings.Contains(got, "daily") {
		t.Errorf("zone EUROPE/berlin: %s %q", r.Outcome, got)
	}
	if got := text(e.cmd("admin", "zone Berlin")); !strings.Contains(got, "counted in Europe/Berlin already (it is Mon Nov 30 16:00 CET there now): nothing changed") {
		t.Errorf("the zone set again: %q", got)
	}
	for _, want := range []string{"Europe/Berlin (set here)", "Mon Nov 30 16:00 CET", "Type /zone default to go back to the bot's default, Asia/Shanghai"} {
		if got := text(e.cmd("bob", "zone")); !strings.Contains(got, want) {
			t.Errorf("zone after setting it: %q, want %q in it", got, want)
		}
	}
	if got := text(e.cmd("admin", "zone default")); !strings.Contains(got, "default zone again, Asia/Shanghai") {
		t.Errorf("zone default: %q", got)
	}
	if got := text(e.cmd("bob", "zone")); !strings.Contains(got, "Asia/Shanghai (the bot's default)") {
		t.Errorf("zone after going back: %q", got)
	}
	if got := text(e.cmd("bob", "lang zh")); got == "" {
		t.Fatal("no reply to lang zh")
	}
	if got := text(e.cmd("bob", "时区")); !strings.Contains(got, "按 Asia/Shanghai（机器人默认）计算") {
		t.Errorf("时区: %q", got)
	}
}

// TestDailyOnInAnotherZoneSaysWhereDaysAreCounted: `daily on` with a zone
// other than the scope's says, in a line, where streaks and weekly boards
// count their days and how to change it, and changes nothing there; with
// the scope's zone it says nothing of it; with no zone it takes the
// scope's.
func TestDailyOnInAnotherZoneSaysWhereDaysAreCounted(t *testing.T) {
	e := newEnv(t)
	const note = "streaks and weekly boards here count days in Asia/Shanghai; to count them in the daily's zone, an admin can use /zone Europe/Berlin"
	if got := text(e.cmd("admin", "daily on 09:00 europe/berlin")); !strings.Contains(got, "(Europe/Berlin)") || !strings.Contains(got, note) {
		t.Errorf("daily on in Berlin, scope in Shanghai: %q, want the note %q", got, note)
	}
	if got := text(e.cmd("bob", "zone")); !strings.Contains(got, "Asia/Shanghai (the bot's default)") {
		t.Errorf("daily on changed the scope's zone: %q", got)
	}
	e.setZone("Europe/Berlin")
	if got := text(e.cmd("admin", "daily on 09:00 Europe/Berlin")); strings.Contains(got, "streaks and weekly boards") {
		t.Errorf("daily on in the scope's own zone: %q, want no note", got)
	}
	// A daily turned on before the scope set its zone keeps its own until
	// `daily on` is typed again, which takes the scope's.
	moved := e.inScope("moved")
	moved.cmd("admin", "daily on 09:00")
	if got := text(moved.cmd("admin", "zone Europe/Berlin")); !strings.Contains(got, "/daily on again (with a time, if you like) posts it in this zone") {
		t.Errorf("zone set: %q, want how to move the daily", got)
	}
	if got := text(moved.cmd("admin", "daily on 10:00")); !strings.Contains(got, "every day at 10:00 (Europe/Berlin)") || strings.Contains(got, "streaks and weekly boards") {
		t.Errorf("daily on 10:00 after zone Europe/Berlin: %q, want 10:00 in Berlin and no note", got)
	}
	if got := text(moved.cmd("admin", "daily off")); !strings.Contains(got, "Turn it on again with /daily on 10:00.") {
		t.Errorf("daily off: %q, want the time it had", got)
	}
	if got := text(moved.cmd("admin", "daily status")); !strings.Contains(got, "/daily on 10:00 (in the zone here, Europe/Berlin)") {
		t.Errorf("daily status, off, in a Berlin scope: %q", got)
	}
	// A daily given a zone of its own moves to the scope's when its time
	// is typed alone, and says so, with how to keep it.
	ny := e.inScope("ny")
	ny.cmd("admin", "daily on 09:00 America/New_York")
	if got := text(ny.cmd("admin", "daily on 10:00")); !strings.Contains(got, "every day at 10:00 (Asia/Shanghai)") ||
		!strings.Contains(got, "It moved from America/New_York to Asia/Shanghai, the zone here; to keep it in America/New_York: /daily on 10:00 America/New_York.") {
		t.Errorf("daily on 10:00 after a daily in New York: %q", got)
	}
	if got := text(ny.cmd("admin", "daily on 11:00")); strings.Contains(got, "It moved") {
		t.Errorf("daily on 11:00 in the zone it has: %q, want no move told", got)
	}
	ny.cmd("admin", "daily on 07:00 America/New_York")
	if got := text(ny.cmd("admin", "daily off")); !strings.Contains(got, "Turn it on again with /daily on 07:00 America/New_York.") {
		t.Errorf("daily off of a daily in a zone of its own: %q, want its zone in the way back", got)
	}
	other := e.inScope("fresh")
	other.setZone("America/New_York")
	if got := text(other.cmd("admin", "daily on 08:00")); !strings.Contains(got, "(America/New_York)") || strings.Contains(got, "streaks and weekly boards") {
		t.Errorf("daily on without a zone in a New York scope: %q, want New York's zone and no note", got)
	}
}

// TestChangingZoneMidWeekKeepsPoints: points earned before a scope changes
// zone stay on the week's board and in stats, and new ones add to them.
func TestChangingZoneMidWeekKeepsPoints(t *testing.T) {
	e := newEnv(t)
	e.clock.Set(time.Date(2026, 12, 2, 10, 0, 0, 0, shanghai)) // Wednesday
	e.answerQuiz("bob", "", true)
	e.setZone("America/New_York")
	e.clock.Advance(time.Hour)
	e.answerQuiz("bob", "", true)
	if got := text(e.cmd("bob", "stats")); !strings.Contains(got, "Points: 20 this week (#1)") {
		t.Errorf("stats after the zone changed: %q, want both answers' points this week", got)
	}
	if got := text(e.cmd("bob", "top")); !strings.Contains(got, "(Mon Nov 30 – Sun Dec 6)") || !strings.Contains(got, "20") {
		t.Errorf("top after the zone changed:\n%s", got)
	}
}

// TestAnotherReplicasZoneChangeArrivesWithinAMinute: a service keeps a
// scope's zone for a minute: another replica's change shows after it, the
// service's own at once.
func TestAnotherReplicasZoneChangeArrivesWithinAMinute(t *testing.T) {
	a := newEnv(t)
	b := newEnvOn(t, a.rdb)
	b.scope = a.scope
	sunday := time.Date(2026, 12, 6, 17, 30, 0, 0, berlin) // Monday in Shanghai
	a.clock.Set(sunday)
	b.clock.Set(sunday)
	if got := text(b.cmd("bob", "top")); !strings.Contains(got, "(Mon Dec 7 – Sun Dec 13)") {
		t.Fatalf("top before any zone is set: %q, want Shanghai's week", got)
	}
	a.setZone("Europe/Berlin")
	if got := text(a.cmd("bob", "top")); !strings.Contains(got, "(Mon Nov 30 – Sun Dec 6)") {
		t.Errorf("top on the replica that set the zone: %q, want Berlin's week at once", got)
	}
	b.clock.Advance(30 * time.Second)
	if got := text(b.cmd("bob", "top")); !strings.Contains(got, "(Mon Dec 7 – Sun Dec 13)") {
		t.Errorf("top on another replica 30s later: %q, want the kept zone's week still", got)
	}
	b.clock.Advance(31 * time.Second)
	if got := text(b.cmd("bob", "top")); !strings.Contains(got, "(Mon Nov 30 – Sun Dec 6)") {
		t.Errorf("top on another replica a minute later: %q, want Berlin's week", got)
	}
}

// TestAScopesZoneIsReadOncePerMinute: an answer stays one round trip while
// its scope's zone is kept (posting the quiz read it); the first after a
// minute reads the zone again.
func TestAScopesZoneIsReadOncePerMinute(t *testing.T) {
	e, counter := countedEnv(t)
	e.setZone("Europe/Berlin")
	e.clock.Advance(2 * time.Minute) // the zone set is no longer kept
	card := quizCard(t, e.cmd("host", "quiz"))
	answer := func(user string) int64 {
		counter.Take()
		if r := e.press(user, quiz.AnswerPayload(card.ID, card.Correct)); !r.Scored {
			t.Fatalf("%s's answer: %s", user, text(r))
		}
		return int64(len(counter.Take()))
	}
	for _, user := range []string{"ann", "bob"} {
		if got := answer(user); got != 1 {
			t.Errorf("%s's answer took %d round trips, want 1", user, got)
		}
		e.clock.Advance(50 * time.Second)
	}
	if got := answer("cat"); got != 2 {
		t.Errorf("the first answer after the zone expired took %d round trips, want 2 (the zone read again)", got)
	}
	if got := answer("dan"); got != 1 {
		t.Errorf("the next answer took %d round trips, want 1", got)
	}
}

// TestZonesTypedAsPeopleSayThem: the zone command and daily on take a
// zone's city in words, a place in Chinese and an offset from UTC, which
// is set the right way round (UTC+8 is eight hours ahead).
func TestZonesTypedAsPeopleSayThem(t *testing.T) {
	e := newEnv(t)
	e.clock.Set(time.Date(2026, 12, 4, 16, 34, 0, 0, time.UTC))
	if got := text(e.cmd("admin", "zone GMT+8")); !strings.Contains(got, "now counted in UTC+8, where it is Sat Dec 5 00:34") {
		t.Errorf("zone GMT+8: %q, want eight hours ahead of UTC", got)
	}
	if got := text(e.cmd("admin", "daily on 09:00")); !strings.Contains(got, "every day at 09:00 (UTC+8)") {
		t.Errorf("daily on in a scope of UTC+8: %q, want the zone shown as typed, not as Etc/GMT-8", got)
	}
	if got := text(e.cmd("admin", "zone new york")); !strings.Contains(got, "now counted in America/New_York, where it is Fri Dec 4 11:34") {
		t.Errorf("zone new york: %q", got)
	}
	if got := text(e.cmd("admin", "daily on 21:00 上海")); !strings.Contains(got, "every day at 21:00 (Asia/Shanghai)") {
		t.Errorf("daily on 21:00 上海: %q", got)
	}
	if got := text(e.cmd("admin", "daily on 09:00 Los Angeles")); !strings.Contains(got, "every day at 09:00 (America/Los_Angeles)") {
		t.Errorf("daily on 09:00 Los Angeles: %q", got)
	}
	if got := text(e.cmd("admin", "daily on 09:00 UTC+5:15")); !strings.Contains(got, `"UTC+5:15" is not a time zone`) {
		t.Errorf("an offset with minutes no zone keeps: %q", got)
	}
	// zone and daily on read a zone's words alike.
	if got := text(e.cmd("admin", "daily on 09:00 utc + 8")); !strings.Contains(got, "every day at 09:00 (UTC+8)") {
		t.Errorf("daily on 09:00 utc + 8: %q", got)
	}
	if got := text(e.cmd("admin", "zone utc + 8")); !strings.Contains(got, "UTC+8") || strings.Contains(got, "not a time zone") {
		t.Errorf("zone utc + 8: %q", got)
	}
}

// TestDailyOnInAZoneOfTheSameDaysSaysNothingOfIt: a daily's zone that
// begins its days where the scope's does, under another name (东八区 and
// Asia/Shanghai, 北京时间 and Asia/Singapore), is no other zone to warn
// of; one that does not all year (Europe/London, with summer time, and
// UTC) is.
func TestDailyOnInAZoneOfTheSameDaysSaysNothingOfIt(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		scope, zone, typed string
		note               bool
	}{
		{"", "", "daily on 09:00 东八区", false},
		{"", "", "daily on 09:00 UTC+8", false},
		{"sg", "Asia/Singapore", "daily on 09:00 北京时间", false},
		{"london", "Europe/London", "daily on 09:00 UTC", true},
		{"utc9", "", "daily on 09:00 UTC+9", true},
	} {
		env := e
		if c.scope != "" {
			env = e.inScope(c.scope)
		}
		if c.zone != "" {
			env.setZone(c.zone)
		}
		got := text(env.cmd("admin", c.typed))
		if !strings.Contains(got, "every day at 09:00") || strings.Contains(got, "streaks and weekly boards here count days") != c.note {
			t.Errorf("%s in %q: %q, want the note %v", c.typed, c.zone, got, c.note)
		}
	}
}
