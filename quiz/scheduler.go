package quiz

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Scheduler posts each channel's daily question on time and reveals it
// later. It runs in every replica: each post and reveal is claimed with a
// marker in the store before it is sent, so exactly one replica sends it.
// Time comes from the Service's clock, so tests drive it day by day.
//
// A tick reads only what is due: the store keeps every channel in a
// schedule at its next due time, and a tick moves each channel it dealt
// with to its next post time, computed in the channel's zone.
type Scheduler struct {
	svc       *Service
	outbox    map[string]Outbox
	platforms []string // those with an outbox, sorted
	grace     time.Duration
	workers   int
	onEvent   func(event, platform string)

	mu           sync.Mutex
	zones        map[string]*time.Location // loaded once per name
	backfilledAt time.Time                 // when BackfillSchedule last ran; zero: never

	unsure unsureClaims // claims sent whose outcome is unknown, sent again as they were
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
	// daily, of each "unrevealed" (its send's outcome unknown, and nobody
	// answered it: see publishReveal), of each "stopped" because its
	// channel is gone, and of each "unnamed" post (its day gets none: see
	// PostNamesUsed), with its platform. For metrics.
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
	var platforms []string
	for p, out := range c.Outboxes {
		if out != nil {
			platforms = append(platforms, p)
		}
	}
	slices.Sort(platforms)
	sc := &Scheduler{
		svc: svc, outbox: c.Outboxes, platforms: platforms, grace: c.Grace, workers: c.Workers, onEvent: c.OnEvent,
		zones: map[string]*time.Location{},
	}
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

// maxDuePerTick bounds the posts and the reveals one tick takes on; more
// wait for the next tick.
const maxDuePerTick = 10_000

// backfillEvery is how often a scheduler puts channels that the schedule
// lacks into it: on its first tick (after an upgrade, channels turned on
// by an earlier version have no time yet) and hourly after that (an
// earlier version still running in a rolling upgrade may turn more on).
const backfillEvery = time.Hour

// job is one post or reveal to make.
type job struct {
	post   *DailySettings
	date   string
	loc    *time.Location
	action string // "post" or "skip"
	// name is the claim's: the post's name (DailyPost.Date), or the date.
	name   string
	reveal *DailyPost
	// sent is when its claim was first sent: before now for a claim of
	// unknown outcome sent again (see unsureClaims).
	sent time.Time
}

// Tick makes every post and reveal that is due, and returns when they are
// sent. Errors are logged: a channel that fails does not hold up the
// others. An idle tick is one read of the schedule; a busy one adds one
// read of the settings and posts due, one round trip of claims and one of
// moves, whatever their number.
func (sc *Scheduler) Tick(ctx context.Context) {
	if sc.svc.dailies == nil || len(sc.platforms) == 0 {
		return // a replica without the platforms leaves them to one that has them
	}
	now := sc.svc.now()
	sc.backfill(ctx, now)
	due, err := sc.svc.dailies.Due(ctx, sc.platforms, now, maxDuePerTick)
	if err != nil {
		sc.svc.storeFailed(ctx, "listing due dailies", err)
		return
	}
	if ctx.Err() != nil {
		return // shutting down: claim nothing new
	}
	// Once claiming starts, the store's steps run to their end, so that no
	// claim is left without its job.
	store := context.WithoutCancel(ctx)
	jobs, claims, moves := sc.plan(due.Channels, now)
	for i := range due.Reveals {
		p := &due.Reveals[i]
		jobs = append(jobs, job{reveal: p})
		claims = append(claims, DailyClaim{Scope: p.Scope, Channel: p.Channel, Date: p.Date, Action: "reveal"})
	}
	moreJobs, moreClaims := sc.unsure.rest(claims)
	jobs, claims = append(jobs, moreJobs...), append(claims, moreClaims...)
	names, err := sc.claim(store, now, jobs, claims)
	if err != nil {
		// Nothing is moved: the channels stay due and the next tick claims
		// again what is not yet taken, and sends again as they were the
		// claims whose outcome is unknown (see unsureClaims). What was won
		// is made now.
		sc.svc.storeFailed(ctx, "claiming dailies", err)
	} else if err := sc.svc.dailies.Reschedule(store, moves); err != nil {
		sc.svc.storeFailed(ctx, "rescheduling dailies", err) // due again next tick, then moved
	}
	var mine []job
	var taken []DailyPost
	for i, j := range jobs {
		switch {
		case names[i] != "":
			j.name = names[i]
			mine = append(mine, j)
		case j.reveal != nil && err == nil:
			taken = append(taken, *j.reveal) // another replica (or `daily reveal`) has it
		}
	}
	if err := sc.svc.dailies.FinishReveals(store, taken...); err != nil {
		sc.svc.storeFailed(ctx, "finishing reveals", err)
	}
	sc.runJobs(ctx, now, mine)
}

// plan lists the posts and skips due on the channels, the claims they need
// (in the same order) and each channel's move to its next post time.
// Yesterday is looked at too: a post due late in the evening may still be
// within its grace window after midnight. A date before the channel's time
// in the schedule was dealt with already.
func (sc *Scheduler) plan(channels []ScheduledDaily, now time.Time) (jobs []job, claims []DailyClaim, moves []DailyMove) {
	for i := range channels {
		c := &channels[i]
		move := DailyMove{Platform: c.Platform, Scope: c.Scope, Channel: c.Channel, From: c.Due}
		loc, err := sc.zone(c.Zone)
		if err != nil {
			sc.svc.log.Warn("daily channel has an unknown zone; looked at again in a day", "scope", c.Scope, "channel", c.Channel, "zone", c.Zone)
			move.To = now.Add(24 * time.Hour)
			moves = append(moves, move)
			continue
		}
		var last string
		for _, date := range []string{dailyDate(now.AddDate(0, 0, -1), loc), dailyDate(now, loc)} {
			at := dailyAt(c.DailySettings, date, loc)
			if date == last || now.Before(at) || at.Before(c.Since) || at.Before(c.Due) {
				continue
			}
			last = date
			action := "post"
			if now.Sub(at) > sc.grace {
				action = "skip"
			}
			jobs = append(jobs, job{post: &c.DailySettings, date: date, loc: loc, action: action})
			claim := DailyClaim{Scope: c.Scope, Channel: c.Channel, Date: date, Action: action}
			if action == "post" {
				claim = postClaim(c.DailySettings, date, loc, now)
			}
			claims = append(claims, claim)
		}
		move.To = nextDaily(c.DailySettings, now, loc)
		moves = append(moves, move)
	}
	return jobs, claims, moves
}

// zone loads a zone once per name.
func (sc *Scheduler) zone(name string) (*time.Location, error) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if loc, ok := sc.zones[name]; ok {
		return loc, nil
	}
	loc, err := time.LoadLocation(name)
	if err == nil {
		sc.zones[name] = loc
	}
	return loc, err
}

// backfill puts the channels the schedule lacks into it, on the first tick
// and every backfillEvery after.
func (sc *Scheduler) backfill(ctx context.Context, now time.Time) {
	sc.mu.Lock()
	if !sc.backfilledAt.IsZero() && now.Sub(sc.backfilledAt) < backfillEvery {
		sc.mu.Unlock()
		return
	}
	sc.backfilledAt = now
	sc.mu.Unlock()
	n, err := sc.svc.dailies.BackfillSchedule(ctx)
	if err != nil {
		sc.svc.storeFailed(ctx, "backfilling the daily schedule", err)
		return
	}
	if n > 0 {
		sc.svc.log.Info("daily channels put in the schedule", "channels", n)
	}
}

// runJobs makes claimed jobs, a few at once. Once shutdown begins, a job
// already started runs to its end and the others are given back for
// another replica.
func (sc *Scheduler) runJobs(ctx context.Context, now time.Time, jobs []job) {
	work := make(chan job)
	var wg sync.WaitGroup
	for range min(sc.workers, len(jobs)) {
		wg.Go(func() {
			for j := range work {
				switch {
				case ctx.Err() != nil:
					sc.giveBack(ctx, j)
				case j.reveal != nil:
					sc.reveal(ctx, *j.reveal)
				default:
					sc.post(ctx, now, j)
				}
			}
		})
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
}

// giveBack returns a claimed job that was not started: its marker, and for
// a post its place in the schedule.
func (sc *Scheduler) giveBack(ctx context.Context, j job) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), jobTimeout)
	defer cancel()
	if j.reveal != nil {
		if err := sc.svc.dailies.Unclaim(ctx, j.reveal.Scope, j.reveal.Channel, j.reveal.Date, "reveal"); err != nil {
			sc.svc.storeFailed(ctx, "giving back a reveal claim", err)
		}
		return
	}
	d := j.post
	if err := sc.svc.dailies.Unclaim(ctx, d.Scope, d.Channel, j.name, j.action); err != nil {
		sc.svc.storeFailed(ctx, "giving back a daily claim", err)
		return
	}
	sc.dueAgain(ctx, *d, dailyAt(*d, j.date, j.loc))
}

// dueAgain makes a channel due again for a post given back at its time at.
func (sc *Scheduler) dueAgain(ctx context.Context, d DailySettings, at time.Time) {
	if err := sc.retry(ctx, func() error { return sc.svc.dailies.RetryDaily(ctx, d.Platform, d.Scope, d.Channel, at) }); err != nil {
		sc.svc.storeFailed(ctx, "making a daily due again", err)
	}
}

// jobTimeout bounds one claimed post or reveal. A claimed job runs to its
// end even when shutdown begins (the app waits for the scheduler), so that
// a claim is not left without its message.
const jobTimeout = 2 * time.Minute

// recordTimeout bounds recording a daily after its send (its question
// used, its post and reveal): the send may have taken the job's whole
// time, and Redis may be away for a while.
const recordTimeout = 30 * time.Second

// attempts is how often a step that sends nothing (store reads and writes)
// is tried before a claimed job gives up.
const attempts = 3

// retry runs step up to attempts times, a second apart, while it fails.
func (sc *Scheduler) retry(ctx context.Context, step func() error) error {
	return retrying(ctx, attempts, step)
}

// retryUntilDone runs step, a second apart, until it succeeds or ctx is
// done: for what must be recorded of a message the platform may have
// shown, whatever the outage.
func (sc *Scheduler) retryUntilDone(ctx context.Context, step func() error) error {
	return retrying(ctx, 0, step)
}

// retrying runs step, a second apart, until it succeeds, ctx is done or it
// was tried tries times (0: no limit); it returns step's last error.
func retrying(ctx context.Context, tries int, step func() error) error {
	for i := 1; ; i++ {
		err := step()
		if err == nil || ctx.Err() != nil || i == tries {
			return err
		}
		select {
		case <-time.After(time.Second):
		case <-ctx.Done():
			return err
		}
	}
}

// post makes a claimed post, or says once that a claimed skip was missed
// (every replica was down past the grace window) or that a post claimed
// longer ago than the grace window, and won only now, is not made (its
// claim's outcome unknown through an outage). A post that fails before
// anything is sent gives its claim back and makes the channel due again.
func (sc *Scheduler) post(ctx context.Context, now time.Time, j job) {
	d, date, loc := *j.post, j.date, j.loc
	log := sc.svc.log.With("platform", d.Platform, "scope", d.Scope, "channel", d.Channel, "date", date)
	at := dailyAt(d, date, loc)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), jobTimeout)
	defer cancel()
	if j.action == "skip" {
		// A day posted in time (by `daily now`) was not missed.
		if posted, err := sc.svc.dailyDone(ctx, d, date, loc, now); err == nil && !posted {
			log.Warn("daily question skipped: it was due longer ago than the grace window", "due", at, "grace", sc.grace)
			sc.onEvent("skipped", d.Platform)
		}
		return
	}
	if now.Sub(j.sent) > sc.grace {
		// A claim of unknown outcome kept through an outage and won only
		// now: a question a day late would puzzle the channel. The day
		// stays claimed, so that it has no other post.
		log.Warn("daily question skipped: its claim, sent before Redis was lost, was won longer after than the grace window; the day stays claimed",
			"due", at, "claimed", j.sent, "grace", sc.grace)
		sc.onEvent("skipped", d.Platform)
		return
	}
	if _, err := sc.publish(ctx, d, j.name, loc, ""); err != nil {
		if !errors.Is(err, errSent) {
			if m, ok := errors.AsType[*MovedError](err); ok {
				d.Scope, d.Channel = m.Scope, m.Channel // given back at its new place
			}
			sc.dueAgain(ctx, d, at) // the claim was given back: the next tick tries again
		}
		return
	}
	log.Info("daily question posted", "late", now.Sub(at).Round(time.Second))
}

// dailyDone reports whether a channel's daily of a local date in loc is
// done: a post was claimed within that day (by the scheduler or `daily
// now`, in any zone), so no other is made. A post that failed before it
// was sent gives its claim back, and the day is open again.
func (s *Service) dailyDone(ctx context.Context, d DailySettings, date string, loc *time.Location, now time.Time) (bool, error) {
	return s.dailies.DayPosted(ctx, postClaim(d, date, loc, now))
}

// postClaim is the claim of a channel's post of a local date in loc, made
// at now: of that day (from its first instant to the next day's, see
// startOfDay: a day whose midnight a clock change skips is not empty),
// counted at now, or, for a post made late after
// midnight, at the day's last instant, so that the next day's post is
// still to make.
func postClaim(d DailySettings, date string, loc *time.Location, now time.Time) DailyClaim {
	day, _ := time.Parse(time.DateOnly, date)
	start := startOfDay(day.Year(), day.Month(), day.Day(), loc)
	end := startOfDay(day.Year(), day.Month(), day.Day()+1, loc)
	at := now
	if !at.Before(end) {
		at = end.Add(-time.Millisecond)
	}
	return DailyClaim{Scope: d.Scope, Channel: d.Channel, Date: date, Action: "post", Start: start, End: end, At: at}
}

// errSent marks a failure after the platform was asked to post: the claim
// stands, so that a post that did arrive is never made twice.
var errSent = errors.New("the platform was asked to post")

// publish makes, records, sends and records as sent a claimed daily, name
// being the post's name its claim took (DailyPost.Date), delivery the
// delivery of the `daily now` that asked for it ("" for the scheduler's):
// the one path of the scheduler's posts and of `daily now`.
//
// The post is recorded, with its reveal scheduled, before the platform is
// asked to send it (Pending, without a message ID): a bot killed during the
// send, or one whose send's outcome is unknown, leaves the record, and
// whichever replica is up at the reveal time reveals it (publishReveal
// says how). Once sent, the record gets its message ID.
//
// When it fails before anything could reach the platform (making the
// quiz, recording it, or a platform that refused it outright), the record
// is taken back and then the claim is given back, so that a later attempt
// may post and no reveal is made of a post that never was; once the
// platform may have shown it, the claim stands (at most one post) and its
// question is used up. An error of a post the platform may have shown
// (errSent) comes with its record: Pending when the send's outcome is
// unknown, with its MessageID when only the last record failed.
func (sc *Scheduler) publish(ctx context.Context, d DailySettings, name string, loc *time.Location, delivery string) (DailyPost, error) {
	log := sc.svc.log.With("platform", d.Platform, "scope", d.Scope, "channel", d.Channel, "date", name)
	giveBack := func(err error) (DailyPost, error) {
		if err := sc.svc.dailies.Unclaim(ctx, d.Scope, d.Channel, name, "post"); err != nil {
			sc.svc.storeFailed(ctx, "giving back a daily claim", err)
		}
		return DailyPost{}, err
	}
	out := sc.outbox[d.Platform]
	if out == nil {
		return giveBack(fmt.Errorf("no outbox for platform %q on this replica", d.Platform))
	}
	var made madeDaily
	if err := sc.retry(ctx, func() (err error) { made, err = sc.svc.makeDaily(ctx, d, name, loc); return err }); err != nil {
		log.Error("daily question not made; the claim is given back", "err", err)
		return giveBack(err)
	}
	p := made.post
	p.Pending, p.Delivery = true, delivery
	if err := sc.retry(ctx, func() error { return sc.svc.dailies.SavePost(ctx, p) }); err != nil {
		// Not sent. A record written all the same (its reply lost) is
		// taken back, so that no status or reveal speaks of a post that
		// never was; one the store keeps through that too is written over
		// by the next attempt, or, if none comes, its reveal finds nobody
		// answered and is skipped.
		log.Error("daily question not recorded before its send, so not sent; the claim is given back", "err", err)
		sc.dropPost(ctx, p)
		return giveBack(err)
	}
	id, err := out.Post(ctx, d.Channel, made.msg)
	if m, ok := errors.AsType[*MovedError](err); ok {
		log.Info("daily question not posted: the conversation moved; it is given back at its new place", "to", m.Channel)
		// The record may have moved with the scope's data, or not yet.
		sc.dropPost(ctx, p)
		p.Scope, p.Channel = m.Scope, m.Channel
		sc.dropPost(ctx, p)
		d.Scope, d.Channel = m.Scope, m.Channel
		return giveBack(err)
	}
	if errors.Is(err, ErrNotSent) {
		log.Error("daily question not posted: the platform refused it", "err", err)
		if errors.Is(err, ErrGone) {
			sc.channelGone(ctx, d.Platform, d.Scope, d.Channel)
		}
		sc.dropPost(ctx, p)  // before the claim goes: a next attempt's record is its own
		return giveBack(err) // nobody saw the question: it is not used up
	}
	// The question is used up once the platform may have shown it, also
	// when the send outlasted the job's own time (its outcome unknown).
	// What is recorded after a send is tried until recordTimeout, through
	// an outage of Redis.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	if err := sc.retryUntilDone(rctx, func() error { return sc.svc.dailies.MarkUsed(rctx, d.Scope, d.Channel, made.use) }); err != nil {
		sc.svc.storeFailed(rctx, "recording the daily's question as used", err)
	}
	if err != nil {
		log.Error("daily question's send failed, and it may have arrived: it stays recorded as pending, and is revealed if anyone answers it", "err", err)
		return p, fmt.Errorf("%w: %w", errSent, err)
	}
	p.MessageID, p.Pending = id, false
	if err := sc.retryUntilDone(rctx, func() error { return sc.svc.dailies.SavePost(rctx, p) }); err != nil {
		log.Error("daily question posted but not recorded as sent: it is revealed if anyone answers it, without closing its message", "err", err)
		return p, fmt.Errorf("%w: %w", errSent, err)
	}
	sc.onEvent("posted", d.Platform)
	return p, nil
}

// dropPost takes back the record of a daily that was not sent, before its
// claim is given back. A record left by a store that failed meanwhile is
// written over by the next attempt, or its reveal, finding nobody
// answered, is skipped.
func (sc *Scheduler) dropPost(ctx context.Context, p DailyPost) {
	if err := sc.retry(ctx, func() error { return sc.svc.dailies.DropPost(ctx, p) }); err != nil {
		sc.svc.storeFailed(ctx, "taking back the record of a daily not sent", err)
	}
}

// reveal makes a claimed reveal.
func (sc *Scheduler) reveal(ctx context.Context, p DailyPost) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), jobTimeout)
	defer cancel()
	_ = sc.publishReveal(ctx, p, false)
}

// publishReveal posts a claimed reveal and closes the daily on the
// platform: the one path of the scheduler's reveals and of `daily reveal`
// (asked). A reveal that fails before anything is sent gives its claim
// back for the next tick; once sent, the reveal is unscheduled.
//
// A pending post (the bot died while sending it, or the send's outcome is
// unknown) may or may not have been shown. If anyone answered it, it was:
// it is revealed as any other, in a message of its own (as every reveal
// is), but the question's message cannot be closed, its ID unknown; the
// store refuses late answers to it all the same, so nothing is lost. If
// nobody answered it, the scheduler skips its reveal quietly: a reveal of
// a question nobody saw would puzzle the channel, while a question people
// saw and nobody answered, unrevealed, costs nobody points and shows in
// the next day's question. An admin's `daily reveal` reveals it anyway:
// they asked, so they saw it.
func (sc *Scheduler) publishReveal(ctx context.Context, p DailyPost, asked bool) error {
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
	if p.Pending && r.answered == 0 && !asked {
		// Unscheduled, and the claim given back so that an admin may still
		// reveal it (a tick racing in between finds the same and skips it).
		log.Info("daily answer not revealed: the bot stopped, or lost the platform's answer, while sending the question, and nobody answered it, so nobody may have seen it", "quiz", p.QuizID)
		sc.onEvent("unrevealed", p.Platform)
		if err := sc.svc.dailies.FinishReveals(ctx, p); err != nil {
			sc.svc.storeFailed(ctx, "finishing reveal", err)
			return nil
		}
		return giveBack(nil)
	}
	_, err := out.Post(ctx, p.Channel, r.message)
	if m, ok := errors.AsType[*MovedError](err); ok {
		log.Info("daily answer not revealed: the conversation moved; it is given back at its new place", "to", m.Channel)
		p.Scope, p.Channel = m.Scope, m.Channel
		return giveBack(err)
	}
	if err != nil {
		log.Error("daily answer not revealed: the platform refused it", "err", err)
		if errors.Is(err, ErrGone) {
			sc.channelGone(ctx, p.Platform, p.Scope, p.Channel)
		} else if errors.Is(err, ErrNotSent) {
			return giveBack(err)
		}
	} else {
		log.Info("daily answer revealed", "quiz", p.QuizID, "pending", p.Pending)
		sc.onEvent("revealed", p.Platform)
		if p.MessageID != "" {
			if err := out.CloseQuiz(ctx, p.Channel, p.MessageID, r.closed); err != nil {
				log.Warn("the revealed daily could not be closed on the platform", "err", err)
			}
		}
	}
	if err := sc.svc.dailies.FinishReveals(ctx, p); err != nil {
		sc.svc.storeFailed(ctx, "finishing reveal", err)
	}
	return nil
}

// channelGone turns the daily question off in a conversation the bot can
// no longer post in (removed from it, archived, deleted), instead of
// trying every day, and tells the admin who turned it on, once: this is the
// only time, as the daily is off from now on.
func (sc *Scheduler) channelGone(ctx context.Context, platform, scope, channel string) {
	log := sc.svc.log.With("platform", platform, "scope", scope, "channel", channel)
	d, on, err := sc.svc.dailies.Daily(ctx, scope, channel)
	if err != nil {
		sc.svc.storeFailed(ctx, "reading a gone channel's daily", err)
		return
	}
	if !on {
		return
	}
	if err := sc.svc.dailies.StopDaily(ctx, scope, channel, true); err != nil {
		sc.svc.storeFailed(ctx, "turning a gone channel's daily off", err)
		return
	}
	log.Warn("the bot can no longer post in this conversation: its daily question is turned off")
	sc.onEvent("stopped", platform)
	out := sc.outbox[platform]
	if d.Admin == "" || out == nil {
		return
	}
	l := ParseLang(d.Lang)
	if _, err := out.Post(ctx, d.Admin, PrivateLine(sc.svc.t(l, msgDailyChannelGone, channel, d.Prefix))); err != nil {
		log.Warn("the admin could not be told that the daily was turned off", "err", err)
	}
}

// msgDailyChannelGone tells an admin the daily was turned off.
const msgDailyChannelGone msgKey = "dailyChannelGone"

func init() {
	register(map[msgKey]Text{
		msgDailyChannelGone: {"我已无法在 %s 发消息（被移出、频道已归档或删除），那里的每日一题已关闭。重新邀请我后，用「%s每日一题 开启」再开启。",
			"I can no longer post in %s (I was removed, or it was archived or deleted), so its daily question is off. Invite me back and turn it on again with %sdaily on."},
	})
}
