package quiz

import (
	"fmt"
	"testing"
	"time"
)

// TestUnsureClaimsAreSentAgainOnceAndBounded: a claim of unknown outcome
// is handed out once with its token and instant (then a new token), and
// the claims kept are dropped past two days, and the oldest beyond
// unsureMax, each counted.
func TestUnsureClaimsAreSentAgainOnceAndBounded(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 31, 0, 0, time.UTC)
	claim := func(ch string) DailyClaim {
		return DailyClaim{Scope: "s", Channel: ch, Date: "2026-12-01", Action: "post", At: now}
	}
	var u unsureClaims
	sent, since := u.again(claim("c1"), now)
	if sent.Token == "" || !since.Equal(now) {
		t.Fatalf("a claim sent first: token %q since %s", sent.Token, since)
	}
	if n := u.keep([]unsure{{claim: sent, job: job{sent: since}}}, now); n != 0 {
		t.Errorf("dropped %d of one claim kept", n)
	}
	later := claim("c1")
	later.At = now.Add(time.Minute)
	again, since := u.again(later, now.Add(time.Minute))
	if again.Token != sent.Token || !again.At.Equal(now) || !since.Equal(now) {
		t.Errorf("sent again: token %q at %s since %s; want %q at and since %s", again.Token, again.At, since, sent.Token, now)
	}
	if other, _ := u.again(later, now.Add(time.Minute)); other.Token == sent.Token || !other.At.Equal(later.At) {
		t.Errorf("a claim sent again while the first is out: token %q at %s; want a new token, its own instant", other.Token, other.At)
	}

	u.keep([]unsure{{claim: sent, job: job{sent: now}}}, now)
	if n := u.keep([]unsure{{claim: claim("c2"), job: job{sent: now.Add(47 * time.Hour)}}}, now.Add(48*time.Hour+time.Second)); n != 1 {
		t.Errorf("past two days: dropped %d, want the first claim", n)
	}
	if jobs, rest := u.rest(nil); len(jobs) != 1 || len(rest) != 1 || rest[0].Channel != "c2" {
		t.Errorf("kept %+v, want c2's claim", rest)
	}

	var many []unsure
	for i := range unsureMax + 5 {
		many = append(many, unsure{claim: claim(fmt.Sprint("m", i)), job: job{sent: now.Add(time.Duration(i) * time.Millisecond)}})
	}
	var v unsureClaims
	if n := v.keep(many, now); n != 5 {
		t.Errorf("beyond %d: dropped %d, want 5", unsureMax, n)
	}
	for i, c := range many {
		if _, kept := v.m[keyOf(c.claim)]; kept != (i >= 5) {
			t.Errorf("claim %d kept %v; want only the 5 oldest dropped", i, kept)
		}
	}
}
