package quiz

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz/srs"
)

// TestTheScopeZoneCacheIsBounded: however many scopes come, the cache
// keeps at most its capacity; a full cache drops the stale entries first,
// and the one just put is kept.
func TestTheScopeZoneCacheIsBounded(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	c := newScopeZones(8)
	z := c.shared(time.UTC)
	for i := range 100 {
		scope := fmt.Sprint("s", i)
		c.put(scope, scopeZone{zone: z}, t0)
		if len(c.scopes) > 8 {
			t.Fatalf("%d scopes kept after %d puts, want at most 8", len(c.scopes), i+1)
		}
		if _, ok := c.get(scope, t0); !ok {
			t.Fatalf("%s is not kept right after it was put", scope)
		}
	}

	// Four stale entries and four fresh: the stale go, the fresh stay.
	c = newScopeZones(8)
	later := t0.Add(scopeZoneTTL + time.Second)
	for i := range 8 {
		at := t0
		if i >= 4 {
			at = later
		}
		c.put(fmt.Sprint("s", i), scopeZone{zone: z}, at)
	}
	c.put("new", scopeZone{zone: z}, later)
	if len(c.scopes) != 5 {
		t.Errorf("%d scopes kept, want the 4 fresh and the new one", len(c.scopes))
	}
	for i := 4; i < 8; i++ {
		if _, ok := c.get(fmt.Sprint("s", i), later); !ok {
			t.Errorf("fresh s%d was dropped while stale ones were there", i)
		}
	}
	if _, ok := c.get("s0", later); ok {
		t.Error("a stale entry reads as kept")
	}
}

// TestScopesOfOneZoneShareIt: one zone value per name, so that the day
// worked out for one scope serves the others of its zone.
func TestScopesOfOneZoneShareIt(t *testing.T) {
	c := newScopeZones(8)
	_, a, _ := LookupZone("Europe/Berlin")
	_, b, _ := LookupZone("europe/berlin")
	if c.shared(a) != c.shared(b) {
		t.Error("two zone values for Europe/Berlin")
	}
	if c.shared(a) == c.shared(time.UTC) {
		t.Error("Berlin and UTC share a zone value")
	}
}

// TestACardIsDueFromTheStartOfItsDayButNeverBeforeItsReview: a card a day
// or more ahead is due from its due day's midnight in the zone, or once
// half its interval has passed if that is later; a card due
// within the day at its time; and on a day of 25 hours (autumn's change) a
// one-day interval from 00:30 ends the same day, whose midnight came before
// the review: the card is due at its time, not at once.
func TestACardIsDueFromTheStartOfItsDayButNeverBeforeItsReview(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	z := &zone{loc: berlin}
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, berlin) }
	for _, c := range []struct {
		name        string
		review, due time.Time
		want        time.Time
	}{
		{"three days", at(2026, 11, 30, 21, 0), at(2026, 12, 3, 21, 0), at(2026, 12, 3, 0, 0)},
		{"ten minutes", at(2026, 11, 30, 21, 0), at(2026, 11, 30, 21, 10), at(2026, 11, 30, 21, 10)},
		{"a day of 25 hours", at(2026, 10, 25, 0, 30), at(2026, 10, 25, 0, 30).Add(24 * time.Hour), at(2026, 10, 25, 0, 30).Add(24 * time.Hour)},
		{"a day of 23 hours", at(2026, 3, 29, 0, 30), at(2026, 3, 29, 0, 30).Add(24 * time.Hour), at(2026, 3, 30, 0, 0)},
		{"one day, graded late at night", at(2026, 11, 30, 23, 30), at(2026, 12, 1, 23, 30), at(2026, 12, 1, 11, 30)},
		{"two days, graded late at night", at(2026, 11, 30, 23, 30), at(2026, 12, 2, 23, 30), at(2026, 12, 2, 0, 0)},
	} {
		if got := z.dueFrom(srs.Card{LastReview: c.review, Due: c.due}); !got.Equal(c.want) {
			t.Errorf("%s: due from %s, want %s", c.name, got, c.want)
		}
	}
}

// TestAZoneKeptAsReadIsNotLookedUpAgain: ask and quiz hand every read of
// the scope's zone to keepScopeZone; one the cache holds as read comes
// back as kept (no lookup, no write), a changed one is taken in.
func TestAZoneKeptAsReadIsNotLookedUpAgain(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	s := &Service{zone: &zone{loc: time.UTC}, zones: newScopeZones(8), log: slog.New(slog.DiscardHandler)}
	first := s.keepScopeZone(context.Background(), "s", "Europe/Berlin", now)
	if !first.own || first.zone.name() != "Europe/Berlin" {
		t.Fatalf("kept %+v", first)
	}
	until := s.zones.scopes["s"].until
	s.zones.zones = map[string]*zone{} // a lookup now would make a new zone value
	if again := s.keepScopeZone(context.Background(), "s", "Europe/Berlin", now.Add(time.Second)); again.zone != first.zone || !s.zones.scopes["s"].until.Equal(until) {
		t.Errorf("the same name read again was looked up again: %+v, kept %+v", again, first)
	}
	if changed := s.keepScopeZone(context.Background(), "s", "Asia/Tokyo", now.Add(2*time.Second)); changed.zone.name() != "Asia/Tokyo" {
		t.Errorf("a changed name was not taken in: %+v", changed)
	}
}

// TestADayWhoseMidnightIsSkippedStartsAtTheChange: in Santiago the clock
// goes from 24:00 to 01:00 on 2026-09-06; a card due that day is due from
// 01:00, not from 23:00 the day before (its review's own day).
func TestADayWhoseMidnightIsSkippedStartsAtTheChange(t *testing.T) {
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	z := &zone{loc: santiago}
	review := time.Date(2026, 9, 5, 0, 30, 0, 0, santiago)
	got := z.dueFrom(srs.Card{LastReview: review, Due: review.Add(24 * time.Hour)})
	if y, m, d := got.In(santiago).Date(); y != 2026 || m != time.September || d != 6 || got.In(santiago).Hour() != 1 {
		t.Errorf("due from %s, want 2026-09-06 01:00 (the change)", got.In(santiago))
	}
	if ws := z.dayWeek(time.Date(2026, 9, 9, 12, 0, 0, 0, santiago)).weekStart; ws.In(santiago).Day() != 7 {
		t.Errorf("the week of Wed 9 Sep starts %s, want Monday the 7th", ws.In(santiago))
	}
}

// TestAPostClaimOfADayWithoutMidnightSpansIt: in America/Santiago the
// clock skips from 00:00 to 01:00 on 2026-09-06; the claim of that day's
// post runs from the change to the next midnight (parsing the date gave
// the hour before the change for both, an empty day that no post could
// be claimed within).
func TestAPostClaimOfADayWithoutMidnightSpansIt(t *testing.T) {
	loc, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 9, 6, 9, 0, 0, 0, loc)
	c := postClaim(DailySettings{Scope: "s", Channel: "c"}, "2026-09-06", loc, now)
	if !c.Start.Before(c.End) || c.Start.In(loc).Day() != 6 || c.End.In(loc).Day() != 7 {
		t.Errorf("the claim of 2026-09-06 in Santiago runs from %s to %s; want that day", c.Start.In(loc), c.End.In(loc))
	}
	if c.At.Before(c.Start) || !c.At.Before(c.End) || !c.At.Equal(now) {
		t.Errorf("the claim counts at %s; want %s, within the day", c.At.In(loc), now)
	}
}

// TestAPostClaimOfAMonthsLastDayEndsAtTheNextMidnight: a post claim of
// 2026-11-30 ends at 1 December's midnight, and counts at its instant
// (the day after the month's last was read as a skipped midnight: in a
// zone without clock changes the claim ended at the zero time and counted
// before year 1, which no later claim of the day recognised).
func TestAPostClaimOfAMonthsLastDayEndsAtTheNextMidnight(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, loc)
	c := postClaim(DailySettings{Scope: "s", Channel: "c"}, "2026-11-30", loc, now)
	if want := time.Date(2026, 12, 1, 0, 0, 0, 0, loc); !c.End.Equal(want) || !c.At.Equal(now) {
		t.Errorf("the claim of 2026-11-30 ends %s and counts at %s; want %s and %s", c.End, c.At, want, now)
	}
}
