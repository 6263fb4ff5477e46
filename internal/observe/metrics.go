// Package observe holds the bot's cross-cutting concerns at the adapter
// edge: Prometheus metrics, one log line per handled command, panic
// recovery, and tracking the work in flight for a graceful shutdown.
package observe

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/pacing"
)

// Metrics are the bot's Prometheus series, on a registry of their own.
type Metrics struct {
	reg *prometheus.Registry

	commands    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	answers     *prometheus.CounterVec
	redisErrors *prometheus.CounterVec
	rateWaits   *prometheus.CounterVec
	rateSeconds *prometheus.CounterVec
	dropped     *prometheus.CounterVec
	inDoubt     *prometheus.CounterVec
	followUps   *prometheus.CounterVec
	refused     *prometheus.CounterVec
	daily       *prometheus.CounterVec
	inboxLost   *prometheus.CounterVec
}

// NewMetrics registers the series, with Go runtime and process metrics.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		commands: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kubequiz_commands_total",
			Help: "Commands and button presses handled, by platform, command and outcome (ok, invalid, denied, unavailable, in-doubt, panic).",
		}, []string{"platform", "command", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kubequiz_command_duration_seconds",
			Help:    "Time the core took to handle a command, by platform and command.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"platform", "command"}),
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kubequiz_answers_scored_total",
			Help: "Quiz answers scored (each user's first answer to a quiz), by platform.",
		}, []string{"platform"}),
		redisErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kubequiz_redis_errors_total",
			Help: "Redis commands that failed (not counting a missing key, nor a script Redis had forgotten, sent again with EVAL), by command.",
		}, []string{"command"}),
		rateWaits: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kubequiz_outbound_rate_limit_waits_total",
			Help: "Outgoing messages that waited, by platform and reason: pacing (our own limits) or retry_after (a 429 from the platform).",
		}, []string{"platform", "reason"}),
		rateSeconds: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kubequiz_outbound_rate_limit_wait_seconds_total",
			Help: "Time outgoing messages spent waiting, by platform and reason.",
		}, []string{"platform", "reason"}),
		dropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kubequiz_outbound_dropped_total",
			Help: "What the outgoing pacers gave up to keep their memory bounded, by platform and reason: evicted (a conversation forgotten before its limits had refilled) or shed (a message refused: every remembered conversation had one waiting).",
		}, []string{"platform", "reason"}),
		inDoubt: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kubequiz_outbound_in_doubt_total",
			Help: "Outgoing messages whose send's outcome was unknown (no answer in time, an answer that could not be read: the platform may have shown them), by platform and what followed: sent_again (once; its user may see it twice) or given_up (in doubt again).",
		}, []string{"platform", "then"}),
		followUps: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kubequiz_followups_dropped_total",
			Help: "Private messages owed after a reply (a quiz-poll vote's feedback, a press's private follow-up) that were dropped rather than sent, by platform and reason: backlog (more waiting than the platform sends in ten seconds, or too much background work) or expired (their delivery accepted longer ago than deliveries are kept for later, 15 minutes).",
		}, []string{"platform", "reason"}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kubequiz_refused_requests_total",
			Help: "Requests to the bot's webhook endpoints refused before they were read as deliveries (Slack's HTTP mode, Telegram's webhook mode), by platform, path and reason: bad_signature, stale_timestamp or missing_headers (Slack's signature check), missing_secret or bad_secret (Telegram's secret token), too_large, unreadable, busy (too many bodies being read).",
		}, []string{"platform", "path", "reason"}),
		daily: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kubequiz_daily_events_total",
			Help: "Daily questions posted, revealed, skipped (missed beyond the grace window), unrevealed, stopped (channel gone) and unnamed (no post name left on the date: no post), by platform.",
		}, []string{"platform", "event"}),
		inboxLost: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kubequiz_inbox_lost_total",
			Help: "Times this replica found the platform's inbox stream or its consumer group gone from Redis (evicted, Redis restarted empty or flushed) and made it again: the deliveries it held were lost.",
		}, []string{"platform"}),
	}
	m.reg.MustRegister(m.commands, m.latency, m.answers, m.redisErrors, m.rateWaits, m.rateSeconds, m.dropped, m.inDoubt, m.followUps, m.refused, m.daily, m.inboxLost,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves /metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Command counts one handled command and its duration.
func (m *Metrics) Command(platform, command, outcome string, d time.Duration, scored bool) {
	m.commands.WithLabelValues(platform, command, outcome).Inc()
	m.latency.WithLabelValues(platform, command).Observe(d.Seconds())
	if scored {
		m.answers.WithLabelValues(platform).Inc()
	}
}

// RateLimitWait returns the pacing hook of a platform's adapter
// (pacing.Config.OnWait).
func (m *Metrics) RateLimitWait(platform string) func(d time.Duration, retry bool) {
	return func(d time.Duration, retry bool) {
		reason := "pacing"
		if retry {
			reason = "retry_after"
		}
		m.rateWaits.WithLabelValues(platform, reason).Inc()
		m.rateSeconds.WithLabelValues(platform, reason).Add(d.Seconds())
	}
}

// OutboundDropped returns the hook a platform's adapter tells what its
// pacers dropped (adapters.Deps.OnDrop), counted by platform and reason.
func (m *Metrics) OutboundDropped(platform string) func(pacing.Drop) {
	return func(d pacing.Drop) { m.dropped.WithLabelValues(platform, d.String()).Inc() }
}

// OutboundInDoubt returns the hook a platform's adapter tells of each
// message whose send's outcome was unknown (adapters.Deps.OnInDoubt).
func (m *Metrics) OutboundInDoubt(platform string) func(sentAgain bool) {
	return func(sentAgain bool) {
		then := "given_up"
		if sentAgain {
			then = "sent_again"
		}
		m.inDoubt.WithLabelValues(platform, then).Inc()
	}
}

// FollowUpsDropped returns the hook a platform's adapter tells of each
// private follow-up it dropped (adapters.Deps.OnFollowUpDropped), counted
// by platform and reason.
func (m *Metrics) FollowUpsDropped(platform string) func(reason string) {
	return func(reason string) { m.followUps.WithLabelValues(platform, reason).Inc() }
}

// RequestRefused counts, for platform, the requests to its webhook
// endpoints refused before they were read as deliveries (see
// adapters.Deps.OnRefused).
func (m *Metrics) RequestRefused(platform string) func(path, reason string) {
	return func(path, reason string) {
		m.refused.WithLabelValues(platform, path, reason).Inc()
	}
}

// InboxLost returns the hook a platform's inbox calls each time it finds
// its stream or group gone and makes it again (redisstore.InboxOptions.OnLost).
func (m *Metrics) InboxLost(platform string) func() {
	c := m.inboxLost.WithLabelValues(platform)
	return c.Inc
}

// WatchRedis makes kubequiz_redis_up ask up at every scrape: 1 when Redis
// answers and takes writes, 0 when it does not (the bot runs degraded).
func (m *Metrics) WatchRedis(up func() bool) {
	m.watch("kubequiz_redis_up", "1 when Redis answers and takes writes; 0 while it does not answer, refuses the bot or is full (refuses writes), and the bot runs degraded.", nil, up)
}

// WatchEviction makes kubequiz_redis_evicting and
// kubequiz_redis_evicted_keys_total read the last reading of Redis's
// eviction policy at every scrape: whether it evicts (anything but
// noeviction) and the keys it evicted since it started. Before a reading
// (ok false) both are left out.
func (m *Metrics) WatchEviction(read func() (evicting bool, evicted int64, ok bool)) {
	m.reg.MustRegister(evictionCollector{read: read,
		evicting: prometheus.NewDesc("kubequiz_redis_evicting",
			"1 when Redis's maxmemory-policy is not noeviction: when full it deletes the bot's keys (quizzes, progress, queued deliveries) instead of refusing writes. Read at start and every minute.", nil, nil),
		evicted: prometheus.NewDesc("kubequiz_redis_evicted_keys_total",
			"Keys Redis evicted since it started (its INFO stats evicted_keys, summed over a Cluster's masters), as last read: every replica reports the same count (use max). Any increase is data lost.", nil, nil),
	})
}

// evictionCollector sends the eviction series of WatchEviction.
type evictionCollector struct {
	read              func() (bool, int64, bool)
	evicting, evicted *prometheus.Desc
}

// Describe sends the series' descriptions (prometheus.Collector).
func (c evictionCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.evicting; ch <- c.evicted }

// Collect sends the last reading, if there is one (prometheus.Collector).
func (c evictionCollector) Collect(ch chan<- prometheus.Metric) {
	evicting, evicted, ok := c.read()
	if !ok {
		return
	}
	v := 0.0
	if evicting {
		v = 1
	}
	ch <- prometheus.MustNewConstMetric(c.evicting, prometheus.GaugeValue, v)
	ch <- prometheus.MustNewConstMetric(c.evicted, prometheus.CounterValue, float64(evicted))
}

// WatchAdapter makes kubequiz_adapter_connected{platform} ask connected
// at every scrape: 1 when the platform's adapter is connected and taking
// events.
func (m *Metrics) WatchAdapter(platform string, connected func() bool) {
	m.watch("kubequiz_adapter_connected", "1 when the platform's adapter is connected and taking events (its part of /readyz).", prometheus.Labels{"platform": platform}, connected)
}

// WatchLease makes kubequiz_polling_lease_held{platform} ask held at
// every scrape: 1 on the replica that holds the platform's polling lease
// (it polls for updates), 0 on the others.
func (m *Metrics) WatchLease(platform string, held func() bool) {
	m.watch("kubequiz_polling_lease_held", "1 on the replica that holds the platform's polling lease and polls for updates.", prometheus.Labels{"platform": platform}, held)
}

// WatchBacklog makes kubequiz_inbox_backlog{platform} read the platform's
// inbox's backlog (redisstore.Inbox.Backlog) at every scrape, within
// readTimeout: the deliveries accepted and not yet handled. A scrape
// while the backlog cannot be read (Redis does not answer) leaves the
// series out; kubequiz_redis_up says why.
func (m *Metrics) WatchBacklog(platform string, backlog func(context.Context) (int64, error)) {
	m.reg.MustRegister(readGauge{
		desc: prometheus.NewDesc("kubequiz_inbox_backlog",
			"Deliveries in the platform's inbox, accepted and not yet handled (queued, or in hand). The inbox is shared: every replica reports the same count. Absent while Redis does not answer.",
			nil, prometheus.Labels{"platform": platform}),
		read: backlog,
	})
}

// WatchBackground makes kubequiz_background_jobs{platform} ask running at
// every scrape: the jobs the platform's adapter runs off its workers after
// a reply (edge.Runner.LaterRunning).
func (m *Metrics) WatchBackground(platform string, running func() int) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name:        "kubequiz_background_jobs",
		Help:        "Jobs the platform's adapter runs off its workers after a reply (redraws of pressed messages, private messages after a press, deliveries served in memory while the inbox is unreachable). At 1024, more are done on a worker, dropped or refused.",
		ConstLabels: prometheus.Labels{"platform": platform},
	}, func() float64 { return float64(running()) }))
}

// readTimeout bounds a read of a gauge's value from Redis at a scrape.
const readTimeout = 500 * time.Millisecond

// readGauge is a gauge read at every scrape by a call that may fail (one
// to Redis); a failed read leaves the series out of the scrape.
type readGauge struct {
	desc *prometheus.Desc
	read func(context.Context) (int64, error)
}

// Describe sends the gauge's description (prometheus.Collector).
func (g readGauge) Describe(ch chan<- *prometheus.Desc) { ch <- g.desc }

// Collect reads the gauge and sends its value (prometheus.Collector).
func (g readGauge) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), readTimeout)
	defer cancel()
	n, err := g.read(ctx)
	if err != nil {
		return
	}
	ch <- prometheus.MustNewConstMetric(g.desc, prometheus.GaugeValue, float64(n))
}

// watch registers a gauge of 1 or 0 that asks f at every scrape.
func (m *Metrics) watch(name, help string, labels prometheus.Labels, f func() bool) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help, ConstLabels: labels}, func() float64 {
		if f() {
			return 1
		}
		return 0
	}))
}

// DailyEvent counts a daily question posted, revealed, skipped,
// unrevealed, stopped or unnamed (quiz.SchedulerConfig.OnEvent).
func (m *Metrics) DailyEvent(event, platform string) {
	m.daily.WithLabelValues(platform, event).Inc()
}

// RedisHook counts failed Redis commands; add it to the client. A reply
// that expected reports true for is not a failure: one the store looks
// for and acts on (redisstore.Expected: a missing key, a script to send
// again with EVAL, a consumer group that exists already). A nil expected
// expects nothing: every error is a failure.
func (m *Metrics) RedisHook(expected func(error) bool) redis.Hook {
	if expected == nil {
		expected = func(error) bool { return false }
	}
	return redisHook{m, expected}
}

type redisHook struct {
	m        *Metrics
	expected func(error) bool
}

func (h redisHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h redisHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		h.count(cmd.Name(), err)
		return err
	}
}

func (h redisHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		outcome := err // the first command's error: one that failed may come after a NOSCRIPT
		if err != nil && !h.failed(err) {
			if i := slices.IndexFunc(cmds, func(c redis.Cmder) bool { return h.failed(c.Err()) }); i >= 0 {
				outcome = cmds[i].Err()
			}
		}
		h.count("pipeline", outcome)
		return err
	}
}

// count counts a command that failed, by name.
func (h redisHook) count(name string, err error) {
	if h.failed(err) {
		h.m.redisErrors.WithLabelValues(name).Inc()
	}
}

// failed reports whether a command's error is a failure: not a reply
// expected.
func (h redisHook) failed(err error) bool {
	return err != nil && !h.expected(err)
}
