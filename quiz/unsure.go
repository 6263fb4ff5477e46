package quiz

import (
	"context"
	cryptorand "crypto/rand"
	"errors"
	"slices"
	"sync"
	"time"
)

// A claim whose reply was lost (Redis paused past the client's read
// timeout, a connection cut after Redis ran the script) may have been won:
// its marker then holds its token. Claimed again with a new token, it would
// lose to itself, and its day's post (or its reveal) would never be made.
// So the scheduler keeps each claim whose outcome it does not know, and
// sends it again as it was — its token, and for a post its instant — until
// it learns it: won, it makes the job; lost, it forgets it.

// unsureMaxAge is how long a claim of unknown outcome is kept: past it,
// its day is over.
const unsureMaxAge = 48 * time.Hour

// unsureMax bounds the claims of unknown outcome kept: every claim one
// tick may send (two dates of each channel due, and the reveals).
const unsureMax = 3 * maxDuePerTick

// claimKey names a claim: its marker's scope, channel, action and date.
type claimKey struct{ scope, channel, action, date string }

func keyOf(c DailyClaim) claimKey { return claimKey{c.Scope, c.Channel, c.Action, c.Date} }

// unsure is a claim sent whose outcome is unknown, and its job (whose
// sent is when the claim was first sent).
type unsure struct {
	claim DailyClaim
	job   job
}

// unsureClaims are a scheduler's claims of unknown outcome, safe for
// concurrent use (the ticks and `daily now`).
type unsureClaims struct {
	mu sync.Mutex
	m  map[claimKey]unsure
}

// again is claim as it is to be sent now, and since when it is sent: a
// claim of unknown outcome is taken out of u and keeps its token (and
// instant); any other keeps the token it has (a `daily now`'s, drawn from
// its delivery) or gets a new one. A claim taken out is put back by
// keep while its outcome is still unknown, so that two callers never send
// one token at once: one of them wins at most.
func (u *unsureClaims) again(c DailyClaim, now time.Time) (DailyClaim, time.Time) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if was, ok := u.m[keyOf(c)]; ok {
		delete(u.m, keyOf(c))
		c.Token, c.At = was.claim.Token, was.claim.At
		return c, was.job.sent
	}
	if c.Token == "" {
		c.Token = cryptorand.Text()
	}
	return c, now
}

// rest lists the claims of unknown outcome whose keys claims lacks, and
// their jobs: those a tick sends again though their channel is no longer
// due (another replica, losing to the claim, moved it on).
func (u *unsureClaims) rest(claims []DailyClaim) ([]job, []DailyClaim) {
	have := map[claimKey]bool{}
	for _, c := range claims {
		have[keyOf(c)] = true
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	var jobs []job
	var more []DailyClaim
	for k, was := range u.m {
		if !have[k] {
			jobs, more = append(jobs, was.job), append(more, was.claim)
		}
	}
	return jobs, more
}

// keep keeps claims sent whose outcome is unknown, with their jobs, and
// drops the claims older than unsureMaxAge at now and, beyond unsureMax,
// the oldest; it returns how many it dropped.
func (u *unsureClaims) keep(cs []unsure, now time.Time) (dropped int) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.m == nil {
		u.m = map[claimKey]unsure{}
	}
	for _, c := range cs {
		u.m[keyOf(c.claim)] = c
	}
	for k, was := range u.m {
		if now.Sub(was.job.sent) > unsureMaxAge {
			delete(u.m, k)
			dropped++
		}
	}
	if over := len(u.m) - unsureMax; over > 0 {
		all := make([]claimKey, 0, len(u.m))
		for k := range u.m {
			all = append(all, k)
		}
		slices.SortFunc(all, func(a, b claimKey) int { return u.m[a].job.sent.Compare(u.m[b].job.sent) })
		for _, k := range all[:over] {
			delete(u.m, k)
		}
		dropped += over
	}
	return dropped
}

// claim sends claims, claims[i] being jobs[i]'s, each of unknown outcome
// as it was sent before (see unsureClaims.again), sets each job's sent to
// when its claim was first sent (a post won longer after than the grace
// window is skipped, see Scheduler.post), and keeps those whose outcome
// it still does not know: not those the store refused unwritten
// (ErrNotWritten), which were not taken — a `daily now` told to try
// again is then not posted later, unasked, by a tick. It returns ClaimAll's names and error, a post
// the store could not name (PostNamesUsed) told to the operator (see
// noPostName) and read as not taken.
func (sc *Scheduler) claim(ctx context.Context, now time.Time, jobs []job, claims []DailyClaim) ([]string, error) {
	for i := range claims {
		claims[i], jobs[i].sent = sc.unsure.again(claims[i], now)
	}
	names, err := sc.svc.dailies.ClaimAll(ctx, claims)
	var unknown []unsure
	for i, c := range claims {
		switch {
		case names[i] == PostNamesUsed:
			names[i] = ""
			sc.noPostName(ctx, jobs[i], c)
		case err != nil && names[i] == "" && !errors.Is(err, ErrNotWritten): // won, lost or neither: not known
			unknown = append(unknown, unsure{claim: c, job: jobs[i]})
		}
	}
	if err == nil {
		return names, nil
	}
	if dropped := sc.unsure.keep(unknown, now); dropped > 0 {
		sc.svc.log.Warn("daily claims of unknown outcome forgotten: too old, or too many; if one was won, its post or reveal is not made",
			"dropped", dropped)
	}
	return names, err
}

// noPostName tells the operator, in an error line and the "unnamed"
// event, that a channel's day gets no post: the store holds no name left
// for it on its date (PostNamesUsed).
func (sc *Scheduler) noPostName(ctx context.Context, j job, c DailyClaim) {
	platform := ""
	if j.post != nil {
		platform = j.post.Platform
	}
	sc.svc.log.ErrorContext(ctx, "no daily question is posted in the channel on this date: posts made in its earlier zones hold every post name of the date (its zone changed three times within it)",
		"platform", platform, "scope", c.Scope, "channel", c.Channel, "date", c.Date)
	sc.onEvent("unnamed", platform)
}
