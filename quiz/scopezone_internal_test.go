package quiz

import (
	"fmt"
	"testing"
	"time"
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
