package main

import (
	"context"
	"net/http"
	"time"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/redisstore"
)

// redisPingTimeout bounds the PING that /readyz and a metrics scrape make:
// well within a kubelet's probe timeout (1 s unless set; the manifests give
// the readiness probe 2 s), so that a Redis that stalls without refusing
// the connection (its node lost, CLIENT PAUSE) makes /readyz answer
// "degraded" in time, not time out — which would take every replica out of
// the Service at once.
const redisPingTimeout = 500 * time.Millisecond

// notReadyExplainer is an adapter that says why it is not ready.
type notReadyExplainer interface {
	NotReadyBecause() string
}

// leaseHolder is an adapter that may poll for updates under a lease shared
// by the replicas (Telegram, unless in webhook mode).
type leaseHolder interface {
	Polls() bool
	LeaseHeld() bool
}

// watchHealth registers the health gauges: Redis answering, every adapter
// connected, and the polling lease held where an adapter polls (a
// webhook has no lease: a gauge stuck at 0 would read as a lost lease).
func (a *app) watchHealth() {
	a.metrics.WatchRedis(func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), redisPingTimeout)
		defer cancel()
		return a.health.answers(ctx) == nil
	})
	if a.evict != nil {
		a.metrics.WatchEviction(func() (bool, int64, bool) {
			e, ok := a.evict.state()
			return e.Evicts(), e.Evicted, ok
		})
	}
	for _, ad := range a.adapters {
		a.metrics.WatchAdapter(ad.Platform(), ad.Ready)
		if l, ok := ad.(leaseHolder); ok && l.Polls() {
			a.metrics.WatchLease(ad.Platform(), l.LeaseHeld)
		}
	}
}

// degradedRedis is /readyz's word on an unreachable Redis: no connection
// can be made, and deliveries are served in memory.
const degradedRedis = "unreachable: running degraded (questions still work; scores, progress and the daily question wait until Redis is back)"

// stalledRedis is /readyz's word on a Redis that takes connections but
// does not answer in time: a delivery may yet be run by it, so none is
// served in memory; each waits.
const stalledRedis = "not answering (stalled or overloaded): running degraded (every delivery waits until Redis answers, questions too: Telegram's are fetched or delivered again, a Slack user is told after 10 s that their action was not recorded)"

// refusedRedis is /readyz's word on a Redis that answers but refuses the
// bot, before Redis's own reply.
const refusedRedis = "refused login: a configuration error, not an outage (check REDIS_URL's password, user and database number): "

// fullRedis is /readyz's word on a Redis that answers but refuses every
// write for want of memory (OOM), before Redis's own reply: deliveries
// are served in memory, as when it is unreachable.
const fullRedis = "full (refuses writes: used memory over maxmemory): running degraded (questions still work; scores, progress and the daily question wait until Redis has room): "

// readyz answers whether this replica should take traffic: 200 when every
// adapter is connected and taking events, else 503. Redis unreachable does
// not make it unready: every replica shares the one Redis, so unready would
// take them all out of the Service at once, while the bot still serves
// questions and tells users that scores are unavailable (the degraded
// mode); the body says "degraded". A Redis that answers but refuses the
// bot (a wrong password or database number in REDIS_URL) does: that is a
// configuration error of this replica's, and a rollout that brings it
// must stop. A full Redis (it refuses writes) is degraded, as unreachable
// is: it is the same for every replica. Once shutdown begins it is 503, "stopping" (see drain). The
// body names each check: "redis", each platform, and the "status" (ready,
// degraded, not ready, stopping); and "redis_eviction" when Redis's
// maxmemory-policy lets it evict the bot's keys, which changes neither
// status nor code (every replica shares the one Redis: see evictionWatch).
func (a *app) readyz(w http.ResponseWriter, r *http.Request) {
	checks := map[string]string{"status": "ready", "redis": "ok"}
	ctx, cancel := context.WithTimeout(r.Context(), redisPingTimeout)
	defer cancel()
	code := http.StatusOK
	switch err := a.health.answers(ctx); {
	case redisstore.RefusesTheBot(err):
		checks["redis"], checks["status"], code = refusedRedis+err.Error(), "not ready", http.StatusServiceUnavailable
	case redisstore.RefusesWrites(err):
		checks["redis"], checks["status"] = fullRedis+err.Error(), "degraded"
	case stalled(err):
		checks["redis"], checks["status"] = stalledRedis, "degraded"
	case err != nil:
		checks["redis"], checks["status"] = degradedRedis, "degraded"
	}
	if a.evict != nil {
		if word := a.evict.readyzWord(); word != "" {
			checks["redis_eviction"] = word
		}
	}
	for _, ad := range a.adapters {
		checks[ad.Platform()] = "ok"
		if why := notReady(ad); why != "" {
			checks[ad.Platform()], checks["status"], code = "not ready: "+why, "not ready", http.StatusServiceUnavailable
		}
	}
	if a.stopping.Load() {
		checks["status"], code = "stopping", http.StatusServiceUnavailable
	}
	writeJSON(w, code, checks)
}

// notReady says why an adapter is not ready, "" when it is.
func notReady(ad adapters.Adapter) string {
	if ad.Ready() {
		return ""
	}
	if e, ok := ad.(notReadyExplainer); ok {
		if why := e.NotReadyBecause(); why != "" {
			return why
		}
	}
	return "not connected"
}
