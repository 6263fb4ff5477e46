package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/adapters/console"
	"github.com/kubequiz/kubequiz/internal/edge"
	"github.com/kubequiz/kubequiz/internal/ids"
	"github.com/kubequiz/kubequiz/internal/observe"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/redisstore"
)

// preloadTimeout bounds loading the Redis scripts at start.
const preloadTimeout = 5 * time.Second

// schedulerTick is how often the daily scheduler looks for due posts.
const schedulerTick = 20 * time.Second

// app is the running bot: its parts, wired, and the order they stop in.
type app struct {
	cfg     config
	log     *slog.Logger
	metrics *observe.Metrics
	rdb     redis.UniversalClient
	health  *redisHealth
	evict   *evictionWatch // nil on the embedded store, which evicts nothing
	closeDB func()
	svc     *quiz.Service
	edge    *observe.Edge

	adapters []adapters.Adapter
	routes   map[string]http.Handler // path prefix → handler
	outboxes map[string]quiz.Outbox  // by platform

	// stopping is set when shutdown begins: /readyz answers 503 from then
	// on (see drain).
	stopping atomic.Bool
}

// drainDelay is how long a bot that takes webhooks (Slack's HTTP mode,
// Telegram's webhook) goes on taking them after SIGTERM, its /readyz
// failing: Kubernetes takes a pod out of its
// Service's endpoints while it is told to stop, not before, and a request
// routed to it meanwhile would find its port closed (Slack does not send a
// press again). Within SHUTDOWN_TIMEOUT's budget: the pod's grace period
// covers both; at most half of it, so that the work in flight keeps the
// other half.
const drainDelay = 5 * time.Second

// newApp wires the bot from its configuration; health follows Redis and
// quietens log's warnings that repeat an outage.
func newApp(ctx context.Context, cfg config, log *slog.Logger, health *redisHealth, stdin io.Reader, stdout io.Writer) (*app, error) {
	// go-redis reports connection trouble through its own logger: route it
	// into ours, as warnings with structure, instead of raw stderr lines.
	redis.SetLogger(redisLog{log, health})
	a := &app{cfg: cfg, log: log, metrics: observe.NewMetrics(), routes: map[string]http.Handler{}, outboxes: map[string]quiz.Outbox{}}
	st, rdb, embedded, closeDB, err := redisstore.Connect(cfg.RedisURL)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if embedded {
		log.Warn("REDIS_URL is not set: using an embedded in-memory Redis; scores and schedules will not survive a restart")
	}
	a.rdb, a.health, a.closeDB = rdb, health, closeDB
	a.rdb.AddHook(a.metrics.RedisHook(redisstore.Expected))
	health.watch(a.rdb)
	if !embedded {
		// On the probe's connections, which no hook follows: an ACL that
		// refuses INFO is no reason to call Redis refusing the bot.
		a.evict = &evictionWatch{log: log, read: func(ctx context.Context) (redisstore.Eviction, error) {
			return redisstore.ReadEviction(ctx, health.probe)
		}}
	}
	// A Redis that does not answer yet is no reason to exit (in
	// Kubernetes: a crash loop, backing off for minutes after Redis is
	// back): the bot starts degraded, and a script not loaded now is loaded
	// by its first run.
	pctx, cancel := context.WithTimeout(ctx, preloadTimeout)
	err = st.Preload(pctx)
	cancel()
	if err != nil {
		log.Warn("the Redis scripts could not be loaded at start: the bot starts, degraded while Redis does not answer",
			"redis", redisstore.RedactURL(cfg.RedisURL), "err", err)
	}
	a.svc, err = quiz.New(quiz.Config{
		Bank: cfg.Bank, Store: st, Daily: st, Location: cfg.Location, Lang: cfg.Lang, Logger: log,
		AdminIDs: cfg.AdminIDs, RevealAfter: cfg.RevealAfter, Scorer: assess.FromBank(cfg.Bank), EmbeddedStore: embedded,
		UserLimit: quiz.DefaultUserLimit,
	})
	if err != nil {
		a.close()
		return nil, err
	}
	a.edge = observe.NewEdge(a.svc, log, a.metrics)
	deps := func(platform string) adapters.Deps {
		return adapters.Deps{
			Core: a.edge, Values: st, Scopes: st, Log: log, Lang: quiz.ParseLang(cfg.Lang), OnWait: a.metrics.RateLimitWait(platform), OnDrop: a.metrics.OutboundDropped(platform),
			Inbox: func(name string) edge.Inbox {
				in := st.Inbox(name, redisstore.InboxOptions{Limit: cfg.InboxLimit, Log: log, OnLost: a.metrics.InboxLost(platform)})
				a.metrics.WatchBacklog(platform, in.Backlog)
				return in
			},
			WatchBackground:   func(running func() int) { a.metrics.WatchBackground(platform, running) },
			OnInDoubt:         a.metrics.OutboundInDoubt(platform),
			OnFollowUpDropped: a.metrics.FollowUpsDropped(platform),
			OnRefused:         a.metrics.RequestRefused(platform),
		}
	}
	for _, p := range cfg.Chat {
		ad, err := p.make(deps(p.name))
		if err != nil {
			a.close()
			return nil, err
		}
		a.add(ad)
	}
	if !cfg.chat() {
		name, id := consoleUser()
		c, err := console.New(console.Config{
			In: stdin, Out: stdout, Interactive: isTerminal(stdin), User: ids.ConsoleUser(id), UserName: name,
			Lang: quiz.ParseLang(cfg.Lang),
		}, deps(console.Name))
		if err != nil {
			a.close()
			return nil, err
		}
		a.add(c)
	}
	a.watchHealth()
	return a, nil
}

// close stops following Redis, then closes the connections to it (and the
// embedded server): in this order, so that a dial failing as they close
// is not logged as Redis lost.
func (a *app) close() {
	a.health.close()
	a.closeDB()
}

// add makes an adapter part of the bot: run, posted through, routed to.
func (a *app) add(ad adapters.Adapter) {
	a.adapters = append(a.adapters, ad)
	a.outboxes[ad.Platform()] = ad
	for prefix, h := range ad.Routes() {
		a.routes[prefix] = h
	}
}

// run serves until ctx is done (SIGTERM) or an adapter stops, then shuts
// down in order: stop taking work, finish what is in flight (bounded by
// SHUTDOWN_TIMEOUT), close connections. It returns the exit code and the
// error an adapter stopped with, if any.
func (a *app) run(ctx context.Context) (int, error) {
	defer a.close()
	runCtx, stop := context.WithCancel(ctx)
	defer stop()

	var srv *http.Server
	if a.cfg.chat() || a.cfg.HTTPAddrSet {
		ln, err := net.Listen("tcp", a.cfg.HTTPAddr)
		if err != nil {
			a.log.Error("cannot listen on HTTP_ADDR", "addr", a.cfg.HTTPAddr, "err", err)
			return exitFailed, nil
		}
		// A request must arrive whole within ReadTimeout, and an idle
		// connection is closed: a client (anyone who reaches the port) holds
		// none of the bot's memory for long. Every handler answers within
		// seconds (webhooks are acknowledged before they are handled).
		srv = &http.Server{Handler: a.mux(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
			WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
		go func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				a.log.Error("HTTP server stopped", "err", err)
			}
		}()
		a.log.Info("serving HTTP", "addr", ln.Addr().String())
	}

	sched := quiz.NewScheduler(a.svc, quiz.SchedulerConfig{
		Outboxes: a.outboxes, Grace: a.cfg.Grace, OnEvent: a.metrics.DailyEvent,
	})
	var wg sync.WaitGroup
	wg.Go(func() { _ = sched.Run(runCtx, schedulerTick) })
	if a.evict != nil {
		wg.Go(func() { a.evict.run(runCtx) })
	}

	failed := make(chan error, len(a.adapters))
	var running sync.WaitGroup
	for _, ad := range a.adapters {
		running.Add(1)
		go func() {
			defer running.Done()
			if err := ad.Run(runCtx); err != nil {
				if !errors.Is(err, console.ErrNoInput) {
					a.log.Error("adapter stopped", "platform", ad.Platform(), "err", err)
				}
				failed <- err
				return
			}
			failed <- nil
		}()
	}
	code := exitOK
	var stopped error
	select {
	case <-ctx.Done():
		a.log.Info("shutting down", "timeout", a.cfg.ShutdownTimeout)
	case stopped = <-failed:
		switch {
		case errors.Is(stopped, console.ErrNoInput):
			code = exitConfig
		case stopped != nil:
			code = exitFailed
		}
	}

	// Stop taking new work, then let the work in flight finish.
	deadline, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
	defer cancel()
	a.stopping.Store(true)
	if ctx.Err() != nil { // told to stop: the pod is leaving its Service
		a.drain()
	}
	stop()
	if srv != nil {
		if err := srv.Shutdown(deadline); err != nil {
			a.log.Warn("HTTP server did not drain in time", "err", err)
		}
	}
	waitOrDeadline(deadline, &running)
	if err := a.edge.Wait(deadline); err != nil {
		a.log.Warn("commands still in flight at the shutdown timeout", "err", err)
	}
	waitOrDeadline(deadline, &wg)
	a.log.Info("stopped")
	return code, stopped
}

// drain goes on taking webhooks, when an adapter takes them, for
// drainDelay or half the shutdown timeout, whichever is shorter, while
// /readyz says the bot is stopping: requests routed to it before its
// endpoint is removed are served.
func (a *app) drain() {
	if !slices.ContainsFunc(a.adapters, adapters.Adapter.TakesWebhooks) {
		return
	}
	d := min(drainDelay, a.cfg.ShutdownTimeout/2)
	a.log.Info("stopping: webhooks are still taken while the bot leaves the Service", "for", d.String())
	time.Sleep(d)
}

// waitOrDeadline waits for wg, or until the deadline passes.
func waitOrDeadline(deadline context.Context, wg *sync.WaitGroup) {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-deadline.Done():
	}
}

// mux serves health, readiness, metrics and the adapters' webhooks.
func (a *app) mux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": version})
	})
	mux.HandleFunc("GET /readyz", a.readyz)
	mux.Handle("GET /metrics", a.metrics.Handler())
	for prefix, h := range a.routes {
		mux.Handle(prefix, h)
	}
	return mux
}

// readableDuration writes a duration as its String ("1.5s", "320µs"),
// in JSON as in text: slog's JSON handler would write nanoseconds, beside
// the durations the bot writes as strings itself (down_for).
func readableDuration(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindDuration {
		a.Value = slog.StringValue(a.Value.Duration().String())
	}
	return a
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// newLogger logs JSON in a container and text on a terminal or beside the
// console, unless LOG_FORMAT says which, every duration as Go writes one
// (readableDuration). It returns the bot's logger and the Redis health
// that quietens it during an outage.
func newLogger(w io.Writer, cfg config) (*slog.Logger, *redisHealth) {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel, ReplaceAttr: readableDuration}
	format := cfg.LogFormat
	if format == "" {
		format = "json"
		if isTerminal(w) || !cfg.chat() {
			format = "text" // a person reads it: a terminal, or the console's
		}
	}
	var h slog.Handler = slog.NewJSONHandler(w, opts)
	if format == "text" {
		h = slog.NewTextHandler(w, opts)
	}
	health := newRedisHealth(slog.New(h))
	return slog.New(demote{h, health}), health
}
