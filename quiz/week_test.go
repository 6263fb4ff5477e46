package quiz

import (
	"testing"
	"time"
)

func TestTheWeekKeyIsTheISOWeekInItsZone(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	z := &zone{loc: shanghai}
	for _, c := range []struct {
		at   time.Time
		want string
		// from is the week's start: Monday's date, at midnight in Shanghai.
		from time.Time
	}{
		{time.Date(2026, 12, 2, 10, 0, 0, 0, shanghai), "2026-W49", time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai)},
		{time.Date(2026, 1, 5, 0, 0, 0, 0, shanghai), "2026-W02", time.Date(2026, 1, 5, 0, 0, 0, 0, shanghai)},
		// Thursday 1 January 2026 is in the first week of 2026; Sunday
		// 3 January 2027 is still in week 53 of 2026.
		{time.Date(2026, 1, 1, 12, 0, 0, 0, shanghai), "2026-W01", time.Date(2025, 12, 29, 0, 0, 0, 0, shanghai)},
		{time.Date(2027, 1, 3, 12, 0, 0, 0, shanghai), "2026-W53", time.Date(2026, 12, 28, 0, 0, 0, 0, shanghai)},
		// 23:30 UTC on Sunday is Monday in Shanghai: the next week.
		{time.Date(2026, 12, 6, 23, 30, 0, 0, time.UTC), "2026-W50", time.Date(2026, 12, 7, 0, 0, 0, 0, shanghai)},
	} {
		// Twice: the second is the key kept for the day.
		for range 2 {
			if got := z.week(c.at); got != c.want {
				t.Errorf("week(%v) = %q, want %q", c.at, got, c.want)
			}
		}
		if got := z.dayWeek(c.at); got.day != z.day(c.at) || got.week != c.want || !got.weekStart.Equal(c.from) {
			t.Errorf("dayWeek(%v) = %d, %q, %v; want %d, %q, %v", c.at, got.day, got.week, got.weekStart, z.day(c.at), c.want, c.from)
		}
	}
}
