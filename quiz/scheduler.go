package quiz

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Scheduler posts each channel's daily question on time and reveals it
// later. It runs in every replica: each post and reveal is claimed with a
// marker in the store before it is sent, so exactly one replica sends it.
// Time comes from the Service's clock, so tests drive it day by day.
type Scheduler struct {
	svc     *Service
	outbox  map[string]Outbox
	grace   time.Duration
	workers int
	onEvent func(event, platform string)

	mu      sync.Mutex
	decided map[string]time.Time // channel dates this replica has settled, and when
}

// SchedulerConfig sets up a Scheduler.
type SchedulerConfig struct {
	// Outboxes send posts, by platform ("slack", "telegram", "console").
	Outboxes map[string]Outbox
	// Grace is how late a missed post may still be made (default 2h).
	Grace time.Duration
	// Workers bounds the posts sent at once (default 16); the adapters'
	// pacing keeps them within each platform's limits.
	Workers int
	// OnEvent, if set, is told of each "posted", "revealed" and "skipped"
	// daily, with its platform. For metrics.
	OnEvent func(event, platform string)
}

// NewScheduler makes the daily scheduler of a Service, and lets the
// Service's `daily now` and `daily reveal` post through it.
func NewScheduler(svc *Service, c SchedulerConfig) *Scheduler {
	if c.Grace <= 0 {
		c.Grace = 2 * time.Hour
	}
	if c.Workers <= 0 {
		c.Workers = 16
	}
	if c.OnEvent == nil {
		c.OnEvent = func(string, string) {}
	}
	sc := &Scheduler{svc: svc, outbox: c.Outboxes, grace: c.Grace, workers: c.Workers, onEvent: c.OnEvent, decided: map[string]time.Time{}}
	svc.daily = sc
	return sc
}

// Run ticks every interval until ctx is done.
func (sc *Scheduler) Run(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		sc.Tick(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// job is one post or reveal to make.
type job struct {
	post   *DailySettings
	date   string
	loc    *time.Location
	reveal *DailyPost
}

// Tick makes every post and reveal that is due, and returns when they are
// sent. Errors are logged: a channel that fails does not hold up the others.
func (sc *Scheduler) Tick(ctx context.Context) {
	if sc.svc.dailies == nil {
		return
	}
	now := sc.svc.now()
	var jobs []job
	channels, err := sc.svc.dailies.DailyChannels(ctx)
	if err != nil {
		sc.svc.storeFailed(ctx, "listing daily channels", err)
	}
	for i := range channels {
		d := &channels[i]
		if sc.outbox[d.Platform] == nil {
			continue // another replica, running that platform, posts it
		}
		loc, err := time.LoadLocation(d.Zone)
		if err != nil {
			sc.svc.log.Warn("daily channel has an unknown zone", "scope", d.Scope, "channel", d.Channel, "zone", d.Zone)
			continue
		}
		// Yesterday too: a post due late in the evening may still be
		// within its grace window after midnight.
		for _, date := range []string{dailyDate(now.AddDate(0, 0, -1), loc), dailyDate(now, loc)} {
			at := dailyAt(*d, date, loc)
			if now.Before(at) || at.Before(d.Since) || sc.settled(d.Scope, d.Channel, date) {
				continue
			}
			jobs = append(jobs, job{post: d, date: date, loc: loc})
		}
	}
	reveals, err := sc.svc.dailies.DueReveals(ctx, now)
	if err != nil {
		sc.svc.storeFailed(ctx, "listing due reveals", err)
	}
	for i := range reveals {
		if sc.outbox[reveals[i].Platform] != nil {
			jobs = append(jobs, job{reveal: &reveals[i]})
		}
	}
	sc.forget(now)
	sc.runJobs(ctx, now, jobs)
}

func (sc *Scheduler) runJobs(ctx context.Context, now time.Time, jobs []job) {
	work := make(chan job)
	var wg sync.WaitGroup
	for range min(sc.workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				if j.reveal != nil {
					sc.reveal(ctx, *j.reveal)
				} else {
					sc.post(ctx, now, *j.post, j.date, j.loc)
				}
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
}

// settled reports whether this replica already dealt with a channel's date,
// sparing the store a claim on every tick.
func (sc *Scheduler) settled(scope, channel, date string) bool {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	_, ok := sc.decided[scope+"\x00"+channel+"\x00"+date]
	return ok
}

func (sc *Scheduler) settle(scope, channel, date string, now time.Time) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.decided[scope+"\x00"+channel+"\x00"+date] = now
}

func (sc *Scheduler) unsettle(scope, channel, date string) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	delete(sc.decided, scope+"\x00"+channel+"\x00"+date)
}

// forget drops what was settled more than two days ago: only yesterday and
// today are ever looked at.
func (sc *Scheduler) forget(now time.Time) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for k, at := range sc.decided {
		if now.Sub(at) > 48*time.Hour {
			delete(sc.decided, k)
		}
	}
}

// jobTimeout bounds one claimed post or reveal. A claimed job runs to its
// end even when shutdown begins (the app waits for the scheduler), so that
// a claim is not left without its message.
const jobTimeout = 2 * time.Minute

// attempts is how often a step that sends nothing (store reads and writes)
// is tried before a claimed job gives up.
const attempts = 3

// retry runs step up to attempts times, a second apart, while it fails.
func (sc *Scheduler) retry(ctx context.Context, step func() error) error {
	var err error
	for i := range attempts {
		if err = step(); err == nil || ctx.Err() != nil {
			return err
		}
		if i < attempts-1 {
			select {
			case <-time.After(time.Second):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	return err
}

// post claims a channel's date and posts its daily, or, when the time is
// past the grace window (every replica was down), skips the date and says so
// once.
func (sc *Scheduler) post(ctx context.Context, now time.Time, d DailySettings, date string, loc *time.Location) {
	log := sc.svc.log.With("platform", d.Platform, "scope", d.Scope, "channel", d.Channel, "date", date)
	if ctx.Err() != nil {
		return // shutting down: claim nothing new
	}
	at := dailyAt(d, date, loc)
	action := "post"
	if now.Sub(at) > sc.grace {
		action = "skip"
	}
	claimed, err := sc.svc.dailies.Claim(ctx, d.Scope, d.Channel, date, action)
	if err != nil {
		sc.svc.storeFailed(ctx, "claiming daily "+action, err)
		return // not settled: the next tick tries again
	}
	sc.settle(d.Scope, d.Channel, date, now)
	if !claimed {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), jobTimeout)
	defer cancel()
	if action == "skip" {
		// A date posted in time (by another replica, or by `daily now`)
		// was not missed.
		if posted, err := sc.svc.dailies.Claimed(ctx, d.Scope, d.Channel, date, "post"); err == nil && !posted {
			log.Warn("daily question skipped: it was due longer ago than the grace window", "due", at, "grace", sc.grace)
			sc.onEvent("skipped", d.Platform)
		}
		return
	}
	if _, err := sc.publish(ctx, d, date, loc); err != nil {
		if !errors.Is(err, errSent) {
			sc.unsettle(d.Scope, d.Channel, date) // the claim was given back: the next tick tries again
		}
		return
	}
	log.Info("daily question posted", "late", now.Sub(at).Round(time.Second))
}

// errSent marks a failure after the platform was asked to post: the claim
// stands, so that a post that did arrive is never made twice.
var errSent = errors.New("the platform was asked to post")

// publish makes, sends and records a claimed daily: the one path of the
// scheduler's posts and of `daily now`. When it fails before anything could
// reach the platform (making the quiz, or a platform that refused it
// outright), the claim is given back so that a later attempt may post;
// once the platform may have shown it, the claim stands (at most one post).
// The post is recorded, with its message ID, only after it is sent.
func (sc *Scheduler) publish(ctx context.Context, d DailySettings, date string, loc *time.Location) (DailyPost, error) {
	log := sc.svc.log.With("platform", d.Platform, "scope", d.Scope, "channel", d.Channel, "date", date)
	giveBack := func(err error) (DailyPost, error) {
		if err := sc.svc.dailies.Unclaim(ctx, d.Scope, d.Channel, date, "post"); err != nil {
			sc.svc.storeFailed(ctx, "giving back a daily claim", err)
		}
		return DailyPost{}, err
	}
	out := sc.outbox[d.Platform]
	if out == nil {
		return giveBack(fmt.Errorf("no outbox for platform %q on this replica", d.Platform))
	}
	var p DailyPost
	var msg Message
	if err := sc.retry(ctx, func() (err error) { p, msg, err = sc.svc.makeDaily(ctx, d, date, loc); return err }); err != nil {
		log.Error("daily question not made; the claim is given back", "err", err)
		return giveBack(err)
	}
	id, err := out.Post(ctx, d.Channel, msg)
	if err != nil {
		log.Error("daily question not posted: the platform refused it", "err", err)
		if errors.Is(err, ErrNotSent) {
			return giveBack(err)
		}
		return DailyPost{}, fmt.Errorf("%w: %w", errSent, err)
	}
	p.MessageID = id
	if err := sc.retry(ctx, func() error { return sc.svc.dailies.SavePost(ctx, p) }); err != nil {
		log.Error("daily question posted but not recorded: it will not be revealed", "err", err)
		return p, fmt.Errorf("%w: %w", errSent, err)
	}
	sc.onEvent("posted", d.Platform)
	return p, nil
}

// reveal claims and reveals a due daily.
func (sc *Scheduler) reveal(ctx context.Context, p DailyPost) {
	if ctx.Err() != nil {
		return
	}
	claimed, err := sc.svc.dailies.Claim(ctx, p.Scope, p.Channel, p.Date, "reveal")
	if err != nil {
		sc.svc.storeFailed(ctx, "claiming reveal", err)
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), jobTimeout)
	defer cancel()
	if !claimed {
		// Another replica (or `daily reveal`) has it; forget it here.
		if err := sc.svc.dailies.FinishReveal(ctx, p); err != nil {
			sc.svc.storeFailed(ctx, "finishing reveal", err)
		}
		return
	}
	_ = sc.publishReveal(ctx, p)
}

// publishReveal posts a claimed reveal and closes the daily on the
// platform: the one path of the scheduler's reveals and of `daily reveal`.
// A reveal that fails before anything is sent gives its claim back for the
// next tick; once sent, the reveal is unscheduled.
func (sc *Scheduler) publishReveal(ctx context.Context, p DailyPost) error {
	log := sc.svc.log.With("platform", p.Platform, "scope", p.Scope, "channel", p.Channel, "date", p.Date)
	giveBack := func(err error) error {
		if err := sc.svc.dailies.Unclaim(ctx, p.Scope, p.Channel, p.Date, "reveal"); err != nil {
			sc.svc.storeFailed(ctx, "giving back a reveal claim", err)
		}
		return err
	}
	out := sc.outbox[p.Platform]
	if out == nil {
		return giveBack(fmt.Errorf("no outbox for platform %q on this replica", p.Platform))
	}
	var r reveal
	if err := sc.retry(ctx, func() (err error) { r, err = sc.svc.revealDaily(ctx, p); return err }); err != nil {
		log.Error("daily answer not revealed; the claim is given back", "err", err)
		return giveBack(err)
	}
	if _, err := out.Post(ctx, p.Channel, r.message); err != nil {
		log.Error("daily answer not revealed: the platform refused it", "err", err)
		if errors.Is(err, ErrNotSent) {
			return giveBack(err)
		}
	} else {
		log.Info("daily answer revealed", "quiz", p.QuizID)
		sc.onEvent("revealed", p.Platform)
		if p.MessageID != "" {
			if err := out.CloseQuiz(ctx, p.Channel, p.MessageID, r.closed); err != nil {
				log.Warn("the revealed daily could not be closed on the platform", "err", err)
			}
		}
	}
	if err := sc.svc.dailies.FinishReveal(ctx, p); err != nil {
		sc.svc.storeFailed(ctx, "finishing reveal", err)
	}
	return nil
}
