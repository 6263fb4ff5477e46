package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/redisstore"
)

// evictionEvery is how often the bot reads Redis's eviction policy and
// the keys it evicted, after the read at start: two INFO sections, once a
// minute.
const evictionEvery = time.Minute

// The eviction watch's log lines.
const (
	msgEvicting   = "Redis may evict the bot's keys: its maxmemory-policy is not noeviction. When its memory is full it deletes quizzes, progress, boards and queued deliveries instead of refusing writes; set maxmemory-policy noeviction (docs/operations.md, Redis)"
	msgNoEviction = "Redis's maxmemory-policy is noeviction now: it no longer evicts the bot's keys"
	msgEvicted    = "Redis evicted keys: quizzes, progress, boards or queued deliveries may be lost; set maxmemory-policy noeviction, or give Redis more memory"
	msgUnread     = "Redis refuses to say its eviction policy (INFO memory, INFO stats): the bot cannot tell whether Redis evicts its keys, and kubequiz_redis_evicting and /readyz's redis_eviction stay absent; allow INFO to the bot's Redis user (ACL +info), or check yourself that maxmemory-policy is noeviction"
)

// evictionWatch reads Redis's eviction policy at start and every
// evictionEvery, and says at error level, once, that a policy evicts and,
// at each read after the first, that keys were evicted since the last one.
// The first reading's count is Redis's since it started: keys evicted
// before this replica, said by every replica at each start, so it is only
// kept (and shown in /readyz and the metrics).
type evictionWatch struct {
	log  *slog.Logger
	read func(context.Context) (redisstore.Eviction, error)

	mu      sync.Mutex
	known   bool // last is a reading
	last    redisstore.Eviction
	warned  bool // the policy was said to evict, and has not changed since
	refused bool // Redis's refusal to answer INFO was said, and it has not answered since
}

// run checks now and every evictionEvery until ctx is done.
func (w *evictionWatch) run(ctx context.Context) {
	t := time.NewTicker(evictionEvery)
	defer t.Stop()
	for {
		w.check(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// check reads the policy and the evicted keys once, and logs what changed.
// A read Redis refuses with an error reply (an ACL without INFO: +@all
// -@dangerous; see refusesInfo) is a warning, once until Redis answers it; other failed
// reads (Redis down) say nothing but at debug level: the Redis health says
// Redis is lost.
func (w *evictionWatch) check(ctx context.Context) {
	rctx, cancel := context.WithTimeout(ctx, redisPingTimeout)
	e, err := w.read(rctx)
	cancel()
	if err != nil {
		refused := refusesInfo(err)
		w.mu.Lock()
		say := refused && !w.refused
		w.refused = w.refused || refused
		w.mu.Unlock()
		if say {
			w.log.WarnContext(ctx, msgUnread, "err", err)
		} else {
			w.log.DebugContext(ctx, "the eviction policy could not be read", "err", err)
		}
		return
	}
	w.mu.Lock()
	known, last, warned := w.known, w.last, w.warned
	w.known, w.last, w.warned, w.refused = true, e, e.Evicts(), false
	w.mu.Unlock()
	switch {
	case e.Evicts() && (!warned || e.Policy != last.Policy):
		w.log.ErrorContext(ctx, msgEvicting, "maxmemory_policy", e.Policy, "set", "maxmemory-policy noeviction")
	case !e.Evicts() && warned:
		w.log.InfoContext(ctx, msgNoEviction)
	}
	if !known {
		return
	}
	since := e.Evicted
	if e.Evicted >= last.Evicted { // a count below the last: Redis restarted, or its statistics were reset
		since -= last.Evicted
	}
	if since > 0 {
		w.log.ErrorContext(ctx, msgEvicted, "evicted_keys", since, "maxmemory_policy", e.Policy)
	}
}

// refusesInfo reports whether err is Redis refusing INFO itself with an
// error reply: not a refused login (a wrong password, a database it does
// not have), which refuses every command and the Redis health says.
func refusesInfo(err error) bool {
	_, reply := errors.AsType[redis.Error](err)
	return reply && (!redisstore.RefusesTheBot(err) || redis.HasErrorPrefix(err, "NOPERM"))
}

// state is the last reading, and whether there was one.
func (w *evictionWatch) state() (redisstore.Eviction, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.last, w.known
}

// readyzWord is /readyz's word on the eviction policy: "" when Redis
// does not evict (or is not read yet).
func (w *evictionWatch) readyzWord() string {
	e, ok := w.state()
	if !ok || !e.Evicts() {
		return ""
	}
	return fmt.Sprintf("maxmemory-policy %s evicts the bot's keys when Redis is full (quizzes, progress, queued deliveries; %d keys evicted since Redis started): set maxmemory-policy noeviction", e.Policy, e.Evicted)
}
