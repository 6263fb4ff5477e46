package quiz

import "testing"

// TestTheLanguageCacheForgetsTheLeastRecentlyUsed: full, the cache forgets
// the choice used least recently; a choice of none forgets the user's; a
// user is named by scope and ID together.
func TestTheLanguageCacheForgetsTheLeastRecentlyUsed(t *testing.T) {
	c := newLangCache(2)
	c.put("s", "ann", "en")
	c.put("s", "bo", "zh")
	if got := c.get("s", "ann"); got != "en" { // ann used last: bo goes next
		t.Fatalf("ann: %q", got)
	}
	c.put("s", "cy", "en")
	if got := c.get("s", "bo"); got != "" {
		t.Errorf("bo, least recently used, still remembered: %q", got)
	}
	if got := c.get("s", "ann"); got != "en" {
		t.Errorf("ann, used lately, forgotten: %q", got)
	}
	if got := c.get("other", "ann"); got != "" {
		t.Errorf("ann of another scope: %q", got)
	}
	c.put("s", "ann", "zh")
	if got := c.get("s", "ann"); got != "zh" {
		t.Errorf("ann after a change: %q", got)
	}
	c.put("s", "ann", "")
	if got := c.get("s", "ann"); got != "" || len(c.byKey) != 1 || c.order.Len() != 1 {
		t.Errorf("ann after choosing none: %q, %d kept", got, len(c.byKey))
	}
}
