package quiz_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// The scheduler's schedule: channels are looked at when due, moved to
// their next post time, and made due again when a post is given back.

// ticks runs s every ten minutes from the clock's time until end.
func (e *env) ticks(s *quiz.Scheduler, end time.Time) {
	for ; !e.clock.Now().After(end); e.clock.Advance(10 * time.Minute) {
		s.Tick(context.Background())
	}
}

func TestDailyOnAgainMovesTheDay(t *testing.T) {
	type clock struct{ hour, minute int }
	cases := []struct {
		name          string
		start         time.Time // 1 December in Shanghai
		first, second clock     // `daily on` at start, and an hour later
		until         time.Duration
		want          []string
	}{
		{"to an earlier time the same day: posted then, once",
			time.Date(2026, 12, 1, 7, 0, 0, 0, shanghai), clock{10, 0}, clock{9, 0}, 5 * time.Hour, []string{"12-01 09:00"}},
		{"to a later time after today's post: nothing more today",
			time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai), clock{9, 30}, clock{11, 0}, 26*time.Hour + 30*time.Minute,
			[]string{"12-01 09:30", "12-02 11:00"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := dailyEnv(t)
			e.clock.Set(c.start)
			e.enableDaily(t, "c", c.first.hour, c.first.minute, "Asia/Shanghai")
			out := &outbox{now: e.clock.Now}
			s := replica(t, e, out)
			e.ticks(s, c.start.Add(50*time.Minute))
			e.enableDaily(t, "c", c.second.hour, c.second.minute, "Asia/Shanghai")
			e.ticks(s, c.start.Add(c.until))
			var at []string
			for _, p := range out.all() {
				if !isReveal(p.msg) {
					at = append(at, p.at.In(shanghai).Format("01-02 15:04"))
				}
			}
			if !slices.Equal(at, c.want) {
				t.Errorf("posts at %v, want %v", at, c.want)
			}
		})
	}
}

func TestAChannelWithAnUnknownZoneIsLookedAtDaily(t *testing.T) {
	e := dailyEnv(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai)
	e.clock.Set(now)
	// A zone the binary no longer knows (SaveDaily does not check zones;
	// `daily on` does).
	err := e.store.SaveDaily(ctx, quiz.DailySettings{Platform: "test", Scope: e.scope, Channel: "z", Hour: 9, Minute: 30, Zone: "Mars/Olympus", Since: now})
	if err != nil {
		t.Fatal(err)
	}
	out := &outbox{now: e.clock.Now}
	replica(t, e, out).Tick(ctx)
	if len(out.all()) != 0 {
		t.Fatalf("%d posts in an unknown zone", len(out.all()))
	}
	for _, c := range []struct {
		after time.Duration
		due   bool
	}{{23 * time.Hour, false}, {24 * time.Hour, true}} {
		due, err := e.store.Due(ctx, []string{"test"}, now.Add(c.after), 10)
		if err != nil || (len(due.Channels) == 1) != c.due {
			t.Errorf("due %s later: %+v, %v; want due: %v", c.after, due.Channels, err, c.due)
		}
	}
}

// startedOutbox holds every post until released, and says when one starts.
type startedOutbox struct {
	outbox
	started, release chan struct{}
}

func (o *startedOutbox) Post(ctx context.Context, channel string, m quiz.Message) (string, error) {
	o.started <- struct{}{}
	<-o.release
	return o.outbox.Post(ctx, channel, m)
}

func TestShutdownGivesBackThePostsNotStarted(t *testing.T) {
	e := dailyEnv(t)
	e.clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai))
	for _, ch := range []string{"a", "b", "c"} {
		e.enableDaily(t, ch, 9, 30, "Asia/Shanghai")
	}
	e.clock.Advance(30 * time.Minute)
	svc, err := quiz.New(quiz.Config{Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: e.store, Daily: e.store, Now: e.clock.Now, Location: shanghai, Lang: "en",
		Logger: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		t.Fatal(err)
	}
	slow := &startedOutbox{outbox: outbox{now: e.clock.Now}, started: make(chan struct{}), release: make(chan struct{})}
	s := quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": slow}, Workers: 1})
	ctx, shutdown := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Tick(ctx); close(done) }()
	<-slow.started // the first post is claimed and on its way
	shutdown()
	close(slow.release)
	<-done
	if n := len(slow.all()); n != 1 {
		t.Fatalf("%d posts, want the one started", n)
	}
	// Another replica takes the two given back, on its next tick.
	out := &outbox{now: e.clock.Now}
	e.clock.Advance(time.Minute)
	replica(t, e, out).Tick(context.Background())
	seen := map[string]bool{slow.all()[0].channel: true}
	for _, p := range out.all() {
		if seen[p.channel] {
			t.Errorf("%s posted twice", p.channel)
		}
		seen[p.channel] = true
	}
	if len(seen) != 3 {
		t.Errorf("posted in %v, want a, b and c", seen)
	}
}

// goneOutbox answers every post to one channel as a platform does after the
// bot was removed from it, and delivers the rest.
type goneOutbox struct {
	outbox
	gone string
}

func (g *goneOutbox) Post(ctx context.Context, channel string, m quiz.Message) (string, error) {
	if channel == g.gone {
		return "", fmt.Errorf("%w: %w: not_in_channel", quiz.ErrNotSent, quiz.ErrGone)
	}
	return g.outbox.Post(ctx, channel, m)
}

func TestADailyWhereTheBotWasRemovedIsTurnedOffAndTheAdminTold(t *testing.T) {
	e := dailyEnv(t)
	e.clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai))
	req := e.request("admin")
	req.Text, req.DirectChannel = "daily on 09:30 Asia/Shanghai", "dm-admin"
	if r := e.svc.Handle(context.Background(), req); !strings.Contains(text(r), "The daily question is on") {
		t.Fatalf("daily on: %q", text(r))
	}
	out := &goneOutbox{outbox: outbox{now: e.clock.Now}, gone: req.Channel}
	var events []string
	s := quiz.NewScheduler(e.svc, quiz.SchedulerConfig{
		Outboxes: map[string]quiz.Outbox{"test": out},
		OnEvent:  func(event, _ string) { events = append(events, event) },
	})
	e.ticks(s, e.clock.Now().Add(72*time.Hour))

	if _, on, err := e.store.Daily(context.Background(), e.scope, req.Channel); err != nil || on {
		t.Fatalf("after the platform said the channel is gone, the daily is on=%v (err %v)", on, err)
	}
	posts := out.all()
	if len(posts) != 1 || posts[0].channel != "dm-admin" || !posts[0].msg.Private {
		t.Fatalf("three days after the channel went, the bot sent %+v; want one private note to the admin", posts)
	}
	if got := rich.Plain(posts[0].msg.Blocks); !strings.Contains(got, "I can no longer post in "+req.Channel) || !strings.Contains(got, "/daily on") {
		t.Fatalf("the admin is told %q", got)
	}
	if !slices.Equal(events, []string{"stopped"}) {
		t.Fatalf("events %v; want one stopped and no post retried", events)
	}
}

// movingOutbox delivers every post until the conversation from moves to
// (scope, channel) — as a Telegram group upgraded to a supergroup does —
// after its first post: then a post to from moves the scope's data there
// (redisstore's MoveScope) and is refused as moved, as the Telegram adapter
// refuses it.
type movingOutbox struct {
	outbox
	store       quiz.ScopeMover
	move        quiz.ScopeMove
	refusedOnce bool
}

func (o *movingOutbox) Post(ctx context.Context, channel string, m quiz.Message) (string, error) {
	if channel == o.move.FromChannel && len(o.all()) > 0 {
		o.refusedOnce = true
		if _, err := o.store.MoveScope(ctx, o.move); err != nil {
			return "", fmt.Errorf("%w: %v", quiz.ErrNotSent, err)
		}
		return "", &quiz.MovedError{Scope: o.move.ToScope, Channel: o.move.ToChannel, Err: fmt.Errorf("%w: upgraded", quiz.ErrNotSent)}
	}
	return o.outbox.Post(ctx, channel, m)
}

// TestADailyRefusedAsMovedIsGivenBackAtItsNewPlace: a channel moves after
// its first daily; the reveal refused in the old place is made in the new
// one, and so are the next days' dailies, one a day; the daily is never
// turned off.
func TestADailyRefusedAsMovedIsGivenBackAtItsNewPlace(t *testing.T) {
	e := dailyEnv(t)
	e.clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai))
	e.enableDaily(t, "old", 9, 30, "Asia/Shanghai")
	out := &movingOutbox{outbox: outbox{now: e.clock.Now}, store: e.store,
		move: quiz.ScopeMove{Platform: "test", FromScope: e.scope, FromChannel: "old", ToScope: e.scope + ":new", ToChannel: "new"}}
	var events []string
	s := quiz.NewScheduler(e.svc, quiz.SchedulerConfig{
		Outboxes: map[string]quiz.Outbox{"test": out},
		OnEvent:  func(event, _ string) { events = append(events, event) },
	})
	e.ticks(s, time.Date(2026, 12, 3, 23, 0, 0, 0, shanghai))

	where := map[string]int{}
	for _, p := range out.all() {
		where[p.channel]++
	}
	if !out.refusedOnce || where["old"] != 1 || where["new"] != 5 {
		t.Errorf("posts by channel %v, want the first daily in old, then its reveal and two days' daily and reveal in new", where)
	}
	slices.Sort(events)
	if want := []string{"posted", "posted", "posted", "revealed", "revealed", "revealed"}; !slices.Equal(events, want) {
		t.Errorf("events %v, want %v", events, want)
	}
	if _, on, err := e.store.Daily(context.Background(), out.move.ToScope, "new"); !on || err != nil {
		t.Errorf("the daily is not on at the new place (%v)", err)
	}
}
