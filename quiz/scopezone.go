package quiz

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kubequiz/kubequiz/quiz/srs"
)

// Each scope counts its days and weeks (streaks, weekly boards) in its own
// time zone: the one an admin set with `zone`, else the service's default
// (Config.Location). Week keys are named by the ISO week, so a scope that
// changes zone keeps its boards: only where its days begin moves.
//
// The answer path asks for the zone of every answer, so the zones of
// scopes are kept in memory (scopeZones), for scopeZoneTTL: a change made
// through this service takes effect at once, one made through another
// replica within scopeZoneTTL.

// scopeZoneTTL is how long a scope's zone is kept before it is read again.
const scopeZoneTTL = time.Minute

// scopeZoneCap is the most scopes whose zone is kept at once.
const scopeZoneCap = 4096

// zone is a time zone with the local day worked out last in it, which
// every answer asks for.
type zone struct {
	loc      *time.Location
	lastWeek atomic.Pointer[localDay]
}

// name is the zone's IANA name.
func (z *zone) name() string { return z.loc.String() }

// day is the local calendar day number of t, counted from 1970-01-01.
func (z *zone) day(t time.Time) int64 {
	y, m, d := t.In(z.loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// week is the ISO week key of t in the zone, e.g. "2026-W49".
func (z *zone) week(t time.Time) string { return z.dayWeek(t).week }

// dayWeek is day(t), week(t) and when that week began, the local date
// worked out once; the latest day asked for is kept, as every answer asks
// for it.
func (z *zone) dayWeek(t time.Time) localDay {
	day := z.day(t)
	if kept := z.lastWeek.Load(); kept != nil && kept.day == day {
		return *kept
	}
	date := time.Unix(day*86400, 0).UTC()
	monday := date.AddDate(0, 0, -(int(date.Weekday())+6)%7)
	ld := localDay{
		day: day, week: isoWeekKey(date), prevWeek: isoWeekKey(monday.AddDate(0, 0, -7)),
		weekStart: startOfDay(monday.Year(), monday.Month(), monday.Day(), z.loc),
	}
	z.lastWeek.Store(&ld)
	return ld
}

// dueFrom is when a card is due in the zone: one scheduled a day or more
// after its review from the start of its due day, the day the grade's
// reply named ("in 3 days (Thu Dec 3)"), not from the hour it was graded
// at, but never before half its interval has passed (graded at 23:30, a
// card of one day is due from 11:30 the next day, not half an hour later
// at midnight, when recalling it would prove nothing); one due again
// within the day (Again: minutes) at its time.
func (z *zone) dueFrom(c srs.Card) time.Time {
	interval := c.Due.Sub(c.LastReview)
	if c.Due.IsZero() || interval < 24*time.Hour {
		return c.Due
	}
	y, m, d := c.Due.In(z.loc).Date()
	start := startOfDay(y, m, d, z.loc)
	if !start.After(c.LastReview) {
		return c.Due // a day of 25 hours: due again the day it was reviewed
	}
	if half := c.LastReview.Add(interval / 2); start.Before(half) {
		return half
	}
	return start
}

// startOfDay is the first instant of a date in loc: its midnight, or, where
// a clock change skips midnight (America/Santiago in September), the
// change itself, not the hour before it that time.Date gives. A day past
// its month's end is the next month's (30 November + 1: 1 December).
func startOfDay(y int, m time.Month, d int, loc *time.Location) time.Time {
	y, m, d = time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Date()
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if t.Day() != d {
		_, t = t.ZoneBounds()
	}
	return t
}

// localDay is a local day's number, its ISO week's key and the start of
// that week (Monday's midnight in its zone), and the key of the week
// before, where a daily posted then and answered in this week counts (see
// Answer.PrevWeek).
type localDay struct {
	day            int64
	week, prevWeek string
	weekStart      time.Time
}

// isoWeekKey is the ISO week key of a date, "2026-W49": fmt's "%d-W%02d",
// without fmt.
func isoWeekKey(date time.Time) string {
	wy, w := date.ISOWeek()
	b := strconv.AppendInt(make([]byte, 0, 16), int64(wy), 10)
	return string(append(b, '-', 'W', byte('0'+w/10), byte('0'+w%10)))
}

// scopeZone is a scope's zone as kept: the zone, whether the scope set it
// (else it is the default), and until when it is kept.
type scopeZone struct {
	zone *zone
	own  bool
	// read is the name the store held ("": none), as read.
	read  string
	until time.Time
}

// scopeZones keeps the zones of at most capacity scopes, each for
// scopeZoneTTL, and one zone value per zone name (so that scopes of one
// zone share its day). It is safe for concurrent use.
type scopeZones struct {
	capacity int

	mu     sync.RWMutex
	scopes map[string]scopeZone
	// zones holds the zones scopes use, by name: no more than the zone
	// names LookupZone knows.
	zones map[string]*zone
}

func newScopeZones(capacity int) *scopeZones {
	return &scopeZones{capacity: capacity, scopes: map[string]scopeZone{}, zones: map[string]*zone{}}
}

// get is a scope's zone if it is kept and fresh at now.
func (c *scopeZones) get(scope string, now time.Time) (scopeZone, bool) {
	c.mu.RLock()
	sz, ok := c.scopes[scope]
	c.mu.RUnlock()
	return sz, ok && now.Before(sz.until)
}

// put keeps a scope's zone from now. When the cache is full, the stale
// entries go first, then, if that freed less than a quarter of it, any,
// until a quarter is free: each sweep is paid for by the puts it makes
// room for.
func (c *scopeZones) put(scope string, sz scopeZone, now time.Time) {
	sz.until = now.Add(scopeZoneTTL)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.scopes[scope]; !ok && len(c.scopes) >= c.capacity {
		for k, e := range c.scopes {
			if !now.Before(e.until) {
				delete(c.scopes, k)
			}
		}
		for k := range c.scopes {
			if len(c.scopes) <= c.capacity*3/4 {
				break
			}
			delete(c.scopes, k)
		}
	}
	c.scopes[scope] = sz
}

// shared is the one zone value of loc's name.
func (c *scopeZones) shared(loc *time.Location) *zone {
	name := loc.String()
	c.mu.RLock()
	z, ok := c.zones[name]
	c.mu.RUnlock()
	if ok {
		return z
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if z, ok := c.zones[name]; ok {
		return z
	}
	z = &zone{loc: loc}
	c.zones[name] = z
	return z
}

// scopeZone is the zone a scope counts its days in at now: kept, or read
// from the store when not kept or stale.
func (s *Service) scopeZone(ctx context.Context, scope string, now time.Time) (*zone, error) {
	if sz, ok := s.zones.get(scope, now); ok {
		return sz.zone, nil
	}
	sz, err := s.readScopeZone(ctx, scope, now)
	return sz.zone, err
}

// readScopeZone reads a scope's zone from the store and keeps it. On a
// store error the zone is the default, with the error.
func (s *Service) readScopeZone(ctx context.Context, scope string, now time.Time) (scopeZone, error) {
	name, err := s.store.ScopeZone(ctx, scope)
	if err != nil {
		return scopeZone{zone: s.zone}, err
	}
	return s.keepScopeZone(ctx, scope, name, now), nil
}

// keepScopeZone keeps the zone the store holds for a scope (a name, or ""
// for the default). A name that is no zone here (an import's, or one a Go
// upgrade dropped) is logged and the default used.
func (s *Service) keepScopeZone(ctx context.Context, scope, name string, now time.Time) scopeZone {
	if kept, ok := s.zones.get(scope, now); ok && kept.read == name {
		return kept // as kept: no zone looked up, no lock taken to write
	}
	sz := scopeZone{zone: s.zone, read: name}
	if name != "" {
		if _, loc, ok := LookupZone(name); ok {
			sz = scopeZone{zone: s.zones.shared(loc), own: true, read: name}
		} else {
			s.log.LogAttrs(ctx, slog.LevelWarn, "a scope's zone is no time zone: using the default",
				slog.String("scope", scope), slog.String("zone", name))
		}
	}
	s.zones.put(scope, sz, now)
	return sz
}

// shownLocation is the zone in which times shown to a scope are written:
// the scope's, or the default when the store cannot say.
func (s *Service) shownLocation(ctx context.Context, scope string) *time.Location {
	z, err := s.scopeZone(ctx, scope, s.now())
	if err != nil {
		s.storeFailed(ctx, "reading the scope's zone", err)
	}
	return z.loc
}

// sameDays reports whether zones a and b begin their days at the same
// instants over the year from now: of one offset from UTC at every hour
// of it (Asia/Shanghai and UTC+8, whatever their names).
func sameDays(a, b *time.Location, now time.Time) bool {
	for t := now.Truncate(time.Hour); t.Before(now.AddDate(1, 0, 0)); t = t.Add(time.Hour) {
		_, x := t.In(a).Zone()
		_, y := t.In(b).Zone()
		if x != y {
			return false
		}
	}
	return true
}
