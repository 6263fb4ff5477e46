package quiz

import (
	"context"
	"strings"
	"sync"
	"time"
)

// UserLimit bounds how fast one user's requests are handled (see
// Config.UserLimit): Burst at once, then one every Every. Past it, the
// user is told once to slow down, and the rest of their requests are
// dropped, each answered with nothing and counted (OutcomeLimited), until
// the limit lets one through again. The zero UserLimit limits nobody.
type UserLimit struct {
	Every time.Duration
	Burst int
}

// DefaultUserLimit is the limit of the bot's chat users: ten requests at
// once, then one a second. Someone typing or pressing at a person's speed
// (a command a second at most, in bursts of five) is never limited; one
// flooding the bot costs it ten replies, then one a second.
var DefaultUserLimit = UserLimit{Every: time.Second, Burst: 10}

// maxLimitedUsers bounds the users the limit remembers at once; past it,
// those whose allowance is whole again are forgotten (which loses
// nothing), and a user still not remembered then is not limited.
const maxLimitedUsers = 1 << 16

// admission is the state of a UserLimit: each recent user's allowance.
type admission struct {
	limit UserLimit

	mu    sync.Mutex
	users map[string]*allowance
}

// allowance is what one user may still send now, in requests, as of at;
// told is set once they were told to slow down, until one is let through.
type allowance struct {
	left float64
	at   time.Time
	told bool
}

// verdict is what the limit makes of a request.
type verdict int

const (
	admitted verdict = iota
	slowDown         // the first beyond the limit: the user is told
	dropped          // the others: nothing is said
)

// take spends one request of user's allowance at now.
func (a *admission) take(user string, now time.Time) verdict {
	if a == nil || a.limit.Burst <= 0 || a.limit.Every <= 0 {
		return admitted
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	u, ok := a.users[user]
	if !ok {
		if len(a.users) >= maxLimitedUsers {
			a.forgetWhole(now)
			if len(a.users) >= maxLimitedUsers {
				return admitted
			}
		}
		u = &allowance{left: float64(a.limit.Burst), at: now}
		a.users[user] = u
	}
	u.left = a.refilled(u, now)
	u.at = now
	switch {
	case u.left >= 1:
		u.left--
		u.told = false
		return admitted
	case u.told:
		return dropped
	}
	u.told = true
	return slowDown
}

// refilled is u's allowance at now.
func (a *admission) refilled(u *allowance, now time.Time) float64 {
	return min(float64(a.limit.Burst), u.left+float64(now.Sub(u.at))/float64(a.limit.Every))
}

// forgetWhole forgets the users whose allowance is whole again. Callers
// hold mu.
func (a *admission) forgetWhole(now time.Time) {
	for user, u := range a.users {
		if a.refilled(u, now) >= float64(a.limit.Burst) {
			delete(a.users, user)
		}
	}
}

// limited is the response to a request beyond its user's limit, and true;
// false for a request within it, or one the limit leaves alone: a
// terminal's (the console has one user), and a quiz's answer (a vote on a
// Telegram quiz poll cannot be given again; one quiz takes one answer).
func (s *Service) limited(ctx context.Context, req Request) (Response, bool) {
	if req.Terminal || strings.HasPrefix(req.Payload, string(actionAnswer)+":") {
		return Response{}, false
	}
	switch s.admission.take(req.User, s.now()) {
	case slowDown:
		return Response{Command: "limited", Outcome: OutcomeLimited, Notice: s.t(s.langOf(ctx, req), msgSlowDown)}, true
	case dropped:
		return Response{Command: "limited", Outcome: OutcomeLimited}, true
	}
	return Response{}, false
}
