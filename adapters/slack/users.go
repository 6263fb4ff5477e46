package slack

import (
	"context"
	"sync"
	"time"

	slackapi "github.com/slack-go/slack"
)

// What the adapter learns about users from users.info, cached for a few
// minutes: the name leaderboards show, the language hint, and whether the
// user is a workspace admin or owner.
const (
	usersTTL      = 5 * time.Minute
	usersErrorTTL = 30 * time.Second // a failed lookup is retried after this
	usersMax      = 10_000           // cached users, at most
)

// person is what users.info says about a user.
type person struct {
	name   string
	locale string
	admin  bool
}

type cached struct {
	p     person
	err   error
	until time.Time
}

// userAPI is the part of the Web API the directory uses.
type userAPI interface {
	GetUserInfoContext(ctx context.Context, user string, options ...slackapi.GetUserInfoOption) (*slackapi.User, error)
}

// directory caches users.info answers.
type directory struct {
	api userAPI
	ttl time.Duration

	mu      sync.Mutex
	entries map[string]cached
}

func newDirectory(api userAPI, ttl time.Duration) *directory {
	return &directory{api: api, ttl: ttl, entries: map[string]cached{}}
}

// lookup answers from the cache or asks Slack. A failure is cached briefly
// too, so that a Slack outage or rate limit is not asked again at once;
// running out of the caller's time is not a failure to remember.
func (d *directory) lookup(ctx context.Context, user string) (person, error) {
	now := time.Now()
	d.mu.Lock()
	c, ok := d.entries[user]
	d.mu.Unlock()
	if ok && now.Before(c.until) {
		return c.p, c.err
	}
	u, err := d.api.GetUserInfoContext(ctx, user)
	if err != nil && ctx.Err() != nil {
		return person{}, err
	}
	c = cached{err: err, until: now.Add(usersErrorTTL)}
	if err == nil {
		c = cached{p: personOf(u), until: now.Add(d.ttl)}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.entries) >= usersMax {
		d.evict(now)
	}
	d.entries[user] = c
	return c.p, c.err
}

// evict drops the expired entries, then others at random until a tenth of
// the room is free, so that a full cache is not scanned on every insert.
func (d *directory) evict(now time.Time) {
	for k, e := range d.entries {
		if now.After(e.until) {
			delete(d.entries, k)
		}
	}
	for k := range d.entries {
		if len(d.entries) < usersMax*9/10 {
			return
		}
		delete(d.entries, k)
	}
}

// personOf picks the name people know a user by: the display name, else
// the real name, else the user name.
func personOf(u *slackapi.User) person {
	p := person{locale: u.Locale, admin: u.IsAdmin || u.IsOwner || u.IsPrimaryOwner}
	for _, n := range []string{u.Profile.DisplayName, u.Profile.RealName, u.RealName, u.Name} {
		if n != "" {
			p.name = n
			break
		}
	}
	return p
}
