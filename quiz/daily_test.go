package quiz_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/redisstore"
)

func TestDailyCommandsAreForAdmins(t *testing.T) {
	e := newEnv(t)
	for _, cmd := range []string{"daily on", "daily on 09:30 Asia/Shanghai", "daily off", "daily now", "daily reveal"} {
		t.Run("a member's "+cmd+" is refused", func(t *testing.T) {
			if got := text(e.cmd("ann", cmd)); !strings.Contains(got, "Only admins can change the daily question") {
				t.Errorf("%s by a member: %s", cmd, got)
			}
		})
	}
	if got := text(e.cmd("ann", "daily status")); !strings.Contains(got, "The daily question is off in this channel") {
		t.Errorf("anyone may see the status: %s", got)
	}
	if _, ok, _ := e.store.Daily(context.Background(), e.scope, "chan-1"); ok {
		t.Fatal("a member turned the daily question on")
	}
	t.Run("an admin by full ID, by the platform's own ID, or by the platform's say", func(t *testing.T) {
		if got := text(e.cmd("admin", "daily on")); !strings.Contains(got, "The daily question is on: every day at 10:00 (Asia/Shanghai)") {
			t.Errorf("full ID: %s", got)
		}
		req := e.request("U-owner")
		req.Text = "daily off"
		if got := text(e.svc.Handle(context.Background(), req)); !strings.Contains(got, "is off in this channel") {
			t.Errorf("platform ID: %s", got)
		}
		req = e.request("bob")
		req.Text = "daily on 08:15"
		req.PlatformAdmin = func(context.Context) (bool, error) { return true, nil }
		if got := text(e.svc.Handle(context.Background(), req)); !strings.Contains(got, "every day at 08:15") {
			t.Errorf("platform admin: %s", got)
		}
		req.PlatformAdmin = func(context.Context) (bool, error) { return false, errors.New("users.info failed") }
		if got := text(e.svc.Handle(context.Background(), req)); !strings.Contains(got, "could not be checked") {
			t.Errorf("a failed admin check: %s", got)
		}
	})
}

func TestDailyOnRefusesBadTimesAndZonesWithAnExample(t *testing.T) {
	e := newEnv(t)
	cases := []struct{ args, want string }{
		{"25:00", `"25:00" is not a time`},
		{"9.75", `"9.75" is not a time`}, // 9.30 is 09:30, as many type it
		{"2400", `"2400" is not a time`},
		{"09:61 Asia/Shanghai", `"09:61" is not a time`},
		{"09:30 Mars/Olympus", `"Mars/Olympus" is not a time zone`},
		{"09:30 local", `"local" is not a time zone`},
		{"09:30 CST", `"CST" is not a time zone`},
		{"09:30 Asia/Shanghai extra", `Unexpected "extra"`},
	}
	for _, c := range cases {
		t.Run(c.args, func(t *testing.T) {
			got := text(e.cmd("admin", "daily on "+c.args))
			if !strings.Contains(got, c.want) || !strings.Contains(got, "daily on 09:30") {
				t.Errorf("daily on %s: %s", c.args, got)
			}
		})
	}
	if _, ok, _ := e.store.Daily(context.Background(), e.scope, "chan-1"); ok {
		t.Error("a refused daily on was saved")
	}
	if got := text(e.cmd("admin", "daily sideways")); !strings.Contains(got, "Usage: /daily on") {
		t.Errorf("unknown subcommand: %s", got)
	}
}

func TestDailyStatusAcrossADSTChange(t *testing.T) {
	e := newEnv(t)
	london := mustZone("Europe/London")
	// Friday 26 March 2027, noon in London (GMT); clocks go forward on Sunday 28th.
	e.clock.Set(time.Date(2027, 3, 26, 12, 0, 0, 0, london))
	e.cmd("admin", "daily on 09:30 Europe/London")
	if got := text(e.cmd("ann", "daily status")); !strings.Contains(got, "Next: tomorrow at 09:30 GMT (09:30 UTC)") {
		t.Errorf("before the change: %s", got)
	}
	e.clock.Advance(24 * time.Hour) // Saturday noon: next is Sunday, after the change
	if got := text(e.cmd("ann", "daily status")); !strings.Contains(got, "Next: tomorrow at 09:30 UTC+1 (08:30 UTC)") {
		t.Errorf("across the change: %s", got)
	}
	e.clock.Advance(24 * time.Hour)
	if got := text(e.cmd("ann", "daily status")); !strings.Contains(got, "Next: tomorrow at 09:30 UTC+1 (08:30 UTC)") {
		t.Errorf("after the change: %s", got)
	}
}

// outbox records what a scheduler posts.
type outbox struct {
	mu     sync.Mutex
	now    func() time.Time
	posts  []sent
	closed []sent
}

type sent struct {
	channel string
	at      time.Time
	msg     quiz.Message
	id      string // the message closed
}

func (o *outbox) Post(_ context.Context, channel string, m quiz.Message) (string, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.posts = append(o.posts, sent{channel: channel, at: o.now(), msg: m})
	return fmt.Sprintf("m%d", len(o.posts)), nil
}

func (o *outbox) CloseQuiz(_ context.Context, channel, messageID string, final quiz.Message) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.closed = append(o.closed, sent{channel: channel, at: o.now(), msg: final, id: messageID})
	return nil
}

func (o *outbox) all() []sent {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]sent(nil), o.posts...)
}

func isReveal(m quiz.Message) bool {
	return strings.Contains(rich.Plain(m.Blocks), "The daily question's answer")
}

// replica is one bot process: its own Service and Scheduler on the shared
// Redis and the shared clock.
func replica(t *testing.T, e *env, out quiz.Outbox) *quiz.Scheduler {
	t.Helper()
	svc, err := quiz.New(quiz.Config{
		Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: e.store, Daily: e.store, Now: e.clock.Now,
		Rand: rand.NewPCG(uint64(time.Now().UnixNano()), 3), Location: shanghai, Lang: "en",
		Logger: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	if err != nil {
		t.Fatal(err)
	}
	return quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
}

// dailyEnv is an env for the daily question: every env has a Redis of its
// own, so the list of daily channels (global to a Redis) is its own too.
func dailyEnv(t *testing.T) *env {
	t.Helper()
	return newEnv(t)
}

func (e *env) enableDaily(t *testing.T, channel string, hour, minute int, zone string) {
	t.Helper()
	err := e.store.SaveDaily(context.Background(), quiz.DailySettings{
		Platform: "test", Scope: e.scope, Channel: channel, Hour: hour, Minute: minute, Zone: zone,
		Since: e.clock.Now(), Lang: "en",
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestTwoReplicasRaceForThirtyDaysAcrossDST runs two schedulers side by side
// every ten simulated minutes through March 2027, when both New York (14th)
// and London (28th) move their clocks: every channel gets exactly one post
// and one reveal per local day, each post at 09:30 local time.
func TestTwoReplicasRaceForThirtyDaysAcrossDST(t *testing.T) {
	e := dailyEnv(t)
	start := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	e.clock.Set(start)
	zones := map[string]string{"sh": "Asia/Shanghai", "ldn": "Europe/London", "ny": "America/New_York"}
	for ch, z := range zones {
		e.enableDaily(t, ch, 9, 30, z)
	}
	out := &outbox{now: e.clock.Now}
	a, b := replica(t, e, out), replica(t, e, out)
	ctx := context.Background()
	for e.clock.Now().Before(start.AddDate(0, 0, 30)) {
		var wg sync.WaitGroup
		for _, s := range []*quiz.Scheduler{a, b} {
			wg.Add(1)
			go func() { defer wg.Done(); s.Tick(ctx) }()
		}
		wg.Wait()
		e.clock.Advance(10 * time.Minute)
	}
	type day struct{ ch, date string }
	posts, reveals := map[day]int{}, map[day]int{}
	postedAt := map[string]map[string]time.Time{}
	for _, p := range out.all() {
		loc := mustZone(zones[p.channel])
		d := day{p.channel, p.at.In(loc).Format("2006-01-02")}
		if isReveal(p.msg) {
			reveals[d]++
			continue
		}
		posts[d]++
		if local := p.at.In(loc); local.Hour() != 9 || local.Minute() != 30 {
			t.Errorf("%s posted at %s local, want 09:30", p.channel, local)
		}
		if postedAt[p.channel] == nil {
			postedAt[p.channel] = map[string]time.Time{}
		}
		postedAt[p.channel][d.date] = p.at
	}
	for ch, z := range zones {
		loc := mustZone(z)
		for date := start.In(loc); date.Before(start.AddDate(0, 0, 30)); date = date.AddDate(0, 0, 1) {
			d := day{ch, date.Format("2006-01-02")}
			at := time.Date(date.Year(), date.Month(), date.Day(), 9, 30, 0, 0, loc)
			if at.Before(start) || !at.Before(start.AddDate(0, 0, 30)) {
				continue // not in the simulated range
			}
			if posts[d] != 1 {
				t.Errorf("%s on %s: %d posts, want 1", ch, d.date, posts[d])
			}
			if !at.Add(8 * time.Hour).Before(start.AddDate(0, 0, 30)) {
				continue
			}
			if reveals[d] != 1 {
				t.Errorf("%s on %s: %d reveals, want 1", ch, d.date, reveals[d])
			}
		}
	}
	// The same local time on both sides of each change is a different UTC time.
	if got := postedAt["ny"]["2027-03-15"].Sub(postedAt["ny"]["2027-03-13"]); got != 47*time.Hour {
		t.Errorf("New York's posts around its DST change are %s apart, want 47h", got)
	}
	if got := postedAt["ldn"]["2027-03-29"].Sub(postedAt["ldn"]["2027-03-27"]); got != 47*time.Hour {
		t.Errorf("London's posts around its DST change are %s apart, want 47h", got)
	}
}

func TestRestartsAndDowntime(t *testing.T) {
	cases := []struct {
		name      string
		down      [2]time.Duration // no ticks in [from, to) after midnight Shanghai
		wantPosts int
		wantLate  time.Duration
	}{
		{"a restart in the middle of the day posts nothing twice", [2]time.Duration{12 * time.Hour, 13 * time.Hour}, 1, 0},
		{"downtime shorter than the grace window catches up once", [2]time.Duration{9 * time.Hour, 11 * time.Hour}, 1, 90 * time.Minute},
		{"downtime longer than the grace window skips the day", [2]time.Duration{9 * time.Hour, 12 * time.Hour}, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := dailyEnv(t)
			midnight := time.Date(2026, 12, 1, 0, 0, 0, 0, shanghai)
			e.clock.Set(midnight.Add(-time.Hour))
			e.enableDaily(t, "c", 9, 30, "Asia/Shanghai")
			out := &outbox{now: e.clock.Now}
			s := replica(t, e, out)
			for e.clock.Now().Before(midnight.Add(20 * time.Hour)) {
				since := e.clock.Now().Sub(midnight)
				switch {
				case since >= c.down[0] && since < c.down[1]:
					// every replica is down
				case since == c.down[1]:
					s = replica(t, e, out) // a fresh process: nothing remembered
					s.Tick(context.Background())
				default:
					s.Tick(context.Background())
				}
				e.clock.Advance(10 * time.Minute)
			}
			var posts []sent
			for _, p := range out.all() {
				if !isReveal(p.msg) {
					posts = append(posts, p)
				}
			}
			if len(posts) != c.wantPosts {
				t.Fatalf("%d posts, want %d", len(posts), c.wantPosts)
			}
			if c.wantPosts == 1 {
				if late := posts[0].at.Sub(midnight.Add(9*time.Hour + 30*time.Minute)); late != c.wantLate {
					t.Errorf("posted %s late, want %s", late, c.wantLate)
				}
			}
		})
	}
}

func TestDailyNowAndRevealScoreAndReport(t *testing.T) {
	e := dailyEnv(t)
	out := &outbox{now: e.clock.Now}
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	if r := e.cmd("admin", "daily now"); !strings.Contains(r.Notice, "Today's daily question is posted") {
		t.Fatalf("daily now says %q", r.Notice)
	}
	if len(out.all()) != 1 {
		t.Fatalf("daily now made %d posts, want 1", len(out.all()))
	}
	posted := out.all()[0]
	card := posted.msg.Quiz
	if posted.channel != "chan-1" || posted.msg.Private || card == nil || !strings.Contains(rich.Plain(posted.msg.Blocks), "Daily question") ||
		!strings.Contains(rich.Plain(posted.msg.Blocks), "right +20 points, first right +5 more") {
		t.Fatalf("daily now posted in %s: %s", posted.channel, rich.Plain(posted.msg.Blocks))
	}
	if got := text(e.cmd("admin", "daily now")); !strings.Contains(got, "was posted already") {
		t.Errorf("a second daily now the same day: %s", got)
	}
	right, wrong := quiz.AnswerPayload(card.ID, card.Correct), quiz.AnswerPayload(card.ID, wrongChoice(card))
	if r := e.press("ann", right); !strings.Contains(r.Notice, "+25") {
		t.Errorf("the first right answer earns 25: %q", r.Notice)
	}
	if r := e.press("bob", right); !strings.Contains(r.Notice, "+20") {
		t.Errorf("a later right answer earns 20: %q", r.Notice)
	}
	e.press("cat", wrong)
	for i := range 12 {
		e.press(fmt.Sprintf("u%02d", i), right)
	}
	e.clock.Advance(time.Hour)
	if r := e.cmd("admin", "daily reveal"); !strings.Contains(r.Notice, "is revealed") {
		t.Fatalf("daily reveal says %q", r.Notice)
	}
	if len(out.all()) != 2 || len(out.closed) != 1 || out.closed[0].id != "m1" || len(out.closed[0].msg.Buttons) != 0 ||
		!strings.Contains(rich.Plain(out.closed[0].msg.Blocks), "15 answered · Answers to this quiz are closed.") {
		t.Fatalf("the reveal is posted and the daily closed: %d posts, closed %+v", len(out.all()), out.closed)
	}
	rev := rich.Plain(out.all()[1].msg.Blocks)
	for _, want := range []string{
		"The daily question's answer",
		"The right answer: " + string(rune('A'+card.Correct)) + ". " + card.Choices[card.Correct],
		"15 answered, 14 right.",
		"Right: ann, bob, u00, u01, u02, u03, u04, u05, u06, u07 and 4 more",
		"This week's top five, ties included:",
		"ann — 25 pts",
	} {
		if !strings.Contains(rev, want) {
			t.Errorf("the reveal lacks %q:\n%s", want, rev)
		}
	}
	// Each right answerer's name is a span of its own, in bold, apart from
	// the commas: a name with commas in it reads as one name.
	bold := map[string]bool{}
	for _, b := range out.all()[1].msg.Blocks {
		for _, sp := range b.Spans {
			if sp.Style == rich.Bold {
				bold[sp.Text] = true
			}
		}
	}
	if !bold["ann"] || !bold["bob"] || !bold["u07"] || bold["ann, bob"] {
		t.Errorf("the reveal's right answerers are not each in bold: %v", bold)
	}
	if r := e.press("dan", right); !strings.Contains(r.Notice, "closed") {
		t.Errorf("an answer after the reveal: %q", r.Notice)
	}
	if got := text(e.cmd("admin", "daily reveal")); !strings.Contains(got, "revealed already") {
		t.Errorf("a second reveal: %s", got)
	}
	if st := e.stats("dan"); st.Answered != 0 {
		t.Errorf("an answer after the reveal was counted: %+v", st)
	}
}

func TestFanOutToAThousandChannels(t *testing.T) {
	e := dailyEnv(t)
	e.clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai))
	for i := range 1000 {
		e.enableDaily(t, fmt.Sprintf("c%04d", i), 9, 30, "Asia/Shanghai")
	}
	out := &outbox{now: e.clock.Now}
	s := replica(t, e, out)
	e.clock.Advance(30 * time.Minute)
	s.Tick(context.Background())
	s.Tick(context.Background()) // a second tick the same minute posts nothing more
	seen := map[string]int{}
	for _, p := range out.all() {
		seen[p.channel]++
	}
	if len(seen) != 1000 {
		t.Errorf("%d channels got a post, want 1000", len(seen))
	}
	for ch, n := range seen {
		if n != 1 {
			t.Errorf("%s got %d posts", ch, n)
		}
	}
}

// flakyDaily fails its first reads of a channel's history, as a Redis blip would.
type flakyDaily struct {
	*redisstore.Store
	failures atomic.Int64
}

func (f *flakyDaily) DailyHistory(ctx context.Context, scope, channel string) (quiz.DailyHistory, error) {
	if f.failures.Add(-1) >= 0 {
		return quiz.DailyHistory{}, errors.New("connection refused")
	}
	return f.Store.DailyHistory(ctx, scope, channel)
}

// postOneDaily turns the daily on in channel "c" at 09:30 and has a
// scheduler post it at 09:31, through the daily store wrap makes of the
// env's store; the test fails unless exactly one post is sent.
func postOneDaily(t *testing.T, wrap func(*redisstore.Store) quiz.DailyStore) (*env, *quiz.Scheduler, *outbox) {
	t.Helper()
	e, s, out := tickOneDaily(t, wrap)
	if n := len(out.all()); n != 1 {
		t.Fatalf("%d posts, want 1", n)
	}
	return e, s, out
}

// tickOneDaily turns the daily on in channel "c" at 09:30 and has a
// scheduler tick at 09:31, through the daily store wrap makes of the env's
// store, whatever it then sends.
func tickOneDaily(t *testing.T, wrap func(*redisstore.Store) quiz.DailyStore) (*env, *quiz.Scheduler, *outbox) {
	t.Helper()
	e := dailyEnv(t)
	e.clock.Set(time.Date(2026, 12, 1, 9, 30, 0, 0, shanghai))
	e.enableDaily(t, "c", 9, 30, "Asia/Shanghai")
	svc, err := quiz.New(quiz.Config{Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: e.store, Daily: wrap(e.store), Now: e.clock.Now, Location: shanghai, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	out := &outbox{now: e.clock.Now}
	s := quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	e.clock.Advance(time.Minute)
	s.Tick(context.Background())
	return e, s, out
}

// useReplyLost writes a daily's use but loses the reply of its first
// write, as a Redis timeout after the script ran would.
type useReplyLost struct {
	*redisstore.Store
	lost atomic.Int64
}

func (u *useReplyLost) MarkUsed(ctx context.Context, scope, channel string, use quiz.DailyUse) error {
	if err := u.Store.MarkUsed(ctx, scope, channel, use); err != nil {
		return err
	}
	if u.lost.Add(-1) >= 0 {
		return context.DeadlineExceeded
	}
	return nil
}

// TestADailysUseWrittenAgainCountsOnce: the scheduler writes a post's use
// again when the first write's reply is lost; the channel's history counts
// it once, so the dailies' order (comebacks after 7 dailies, cycles) is
// not thrown off by a gap.
func TestADailysUseWrittenAgainCountsOnce(t *testing.T) {
	var lost *useReplyLost
	e, _, _ := postOneDaily(t, func(st *redisstore.Store) quiz.DailyStore {
		lost = &useReplyLost{Store: st}
		lost.lost.Store(1)
		return lost
	})
	if lost.lost.Load() >= 0 {
		t.Fatal("the use was not written again after its reply was lost")
	}
	p, ok, err := e.store.LastPost(context.Background(), e.scope, "c")
	if err != nil || !ok {
		t.Fatalf("the daily's post: %v, %v", ok, err)
	}
	h, err := e.store.DailyHistory(context.Background(), e.scope, "c")
	if err != nil || h.Uses != 1 || !maps.Equal(h.Used, map[string]int64{p.QuestionID: 1}) {
		t.Errorf("history after one daily whose use was written twice: %+v, %v; want %s used once", h, err, p.QuestionID)
	}
}

// pendingReplyLost writes a daily's pending record but loses every reply
// of that write, as Redis timing out after the script ran would.
type pendingReplyLost struct {
	*redisstore.Store
}

func (p *pendingReplyLost) SavePost(ctx context.Context, post quiz.DailyPost) error {
	if err := p.Store.SavePost(ctx, post); err != nil || !post.Pending {
		return err
	}
	return context.DeadlineExceeded
}

// TestADailyNotSentLeavesNoRecord: when the record a daily makes before
// its send is written but its reply never comes, the daily is not sent,
// and the record is taken back: daily status speaks of no open question
// and nothing is revealed.
func TestADailyNotSentLeavesNoRecord(t *testing.T) {
	t.Parallel() // the scheduler's tries wait between them
	e, _, out := tickOneDaily(t, func(st *redisstore.Store) quiz.DailyStore { return &pendingReplyLost{st} })
	if n := len(out.all()); n != 0 {
		t.Fatalf("%d posts sent without their record; want none", n)
	}
	if p, ok, err := e.store.LastPost(context.Background(), e.scope, "c"); err != nil || ok {
		t.Errorf("the record of a daily never sent: %+v, %v, %v; want none", p, ok, err)
	}
}

// recordDown fails its first writes of what a sent daily left to record
// (its question used, its post as sent), as Redis lost right after a send
// would: each of the two writes fails as often as its counter says.
type recordDown struct {
	*redisstore.Store
	useFailures, postFailures atomic.Int64
}

func (r *recordDown) MarkUsed(ctx context.Context, scope, channel string, use quiz.DailyUse) error {
	if r.useFailures.Add(-1) >= 0 {
		return errors.New("dial tcp: connection refused")
	}
	return r.Store.MarkUsed(ctx, scope, channel, use)
}

func (r *recordDown) SavePost(ctx context.Context, p quiz.DailyPost) error {
	if !p.Pending && r.postFailures.Add(-1) >= 0 {
		return errors.New("dial tcp: connection refused")
	}
	return r.Store.SavePost(ctx, p)
}

// TestASentDailyIsRecordedThroughAnOutage: Redis is lost right after a
// daily was sent, each write failing more often than a step's three tries;
// once it is back, the daily's question is recorded as used and the post
// with its message, so that its answer is revealed (before, both were
// given up after three tries: the post was never revealed).
func TestASentDailyIsRecordedThroughAnOutage(t *testing.T) {
	t.Parallel() // it waits out the outage, a second between tries
	e, s, out := postOneDaily(t, func(st *redisstore.Store) quiz.DailyStore {
		down := &recordDown{Store: st}
		down.useFailures.Store(3)
		down.postFailures.Store(3)
		return down
	})
	p, ok, err := e.store.LastPost(context.Background(), e.scope, "c")
	if err != nil || !ok || p.MessageID == "" {
		t.Fatalf("the sent daily's post after the outage: %+v, %v, %v; want it recorded with its message", p, ok, err)
	}
	if h, err := e.store.DailyHistory(context.Background(), e.scope, "c"); err != nil || h.Used[p.QuestionID] != 1 {
		t.Errorf("the sent daily's question after the outage: history %+v, %v; want %s used", h, err, p.QuestionID)
	}
	e.clock.Set(p.RevealAt.Add(time.Minute))
	s.Tick(context.Background())
	if all := out.all(); len(all) != 2 || !strings.Contains(text(quiz.Response{Messages: []quiz.Message{all[1].msg}}), "answer") {
		t.Errorf("after the reveal time, %d messages sent; want the daily and its reveal", len(all))
	}
}

// blockingOutbox holds every post until its context is done or released;
// entered is closed when the first post reaches it.
type blockingOutbox struct {
	outbox
	release chan struct{}
	entered chan struct{}
	once    sync.Once
}

func (b *blockingOutbox) Post(ctx context.Context, channel string, m quiz.Message) (string, error) {
	b.once.Do(func() { close(b.entered) })
	select {
	case <-b.release:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	return b.outbox.Post(ctx, channel, m)
}

// refusingOutbox refuses its first posts, as a platform answering 4xx (or
// timing out, when refusal is false) would.
type refusingOutbox struct {
	outbox
	refusals atomic.Int64
	timeout  bool
}

func (r *refusingOutbox) Post(ctx context.Context, channel string, m quiz.Message) (string, error) {
	if r.refusals.Add(-1) >= 0 {
		if r.timeout {
			return "", context.DeadlineExceeded
		}
		return "", fmt.Errorf("%w: channel_not_found", quiz.ErrNotSent)
	}
	return r.outbox.Post(ctx, channel, m)
}

func TestDailyNowGoesThroughTheSchedulersPath(t *testing.T) {
	t.Run("a post the platform refused gives the claim back", func(t *testing.T) {
		e := dailyEnv(t)
		out := &refusingOutbox{outbox: outbox{now: e.clock.Now}}
		out.refusals.Store(1)
		quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
		if r := e.cmd("admin", "daily now"); !strings.Contains(r.Notice, "could not be posted") {
			t.Fatalf("a refused daily now says %q", r.Notice)
		}
		if r := e.cmd("admin", "daily now"); !strings.Contains(r.Notice, "is posted") || len(out.all()) != 1 {
			t.Fatalf("after the refusal, daily now says %q and posted %d", r.Notice, len(out.all()))
		}
	})
	t.Run("a post that may have arrived keeps its claim", func(t *testing.T) {
		e := dailyEnv(t)
		out := &refusingOutbox{outbox: outbox{now: e.clock.Now}, timeout: true}
		out.refusals.Store(1)
		quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
		if r := e.cmd("admin", "daily now"); !strings.Contains(r.Notice, "did not confirm") || strings.Contains(r.Notice, "try again") {
			t.Fatalf("a daily now whose send timed out says %q", r.Notice)
		}
		if got := text(e.cmd("admin", "daily now")); !strings.Contains(got, "did not confirm") || strings.Contains(got, "was posted already") || len(out.all()) != 0 {
			t.Fatalf("after a timeout, daily now says %q and posted %d", got, len(out.all()))
		}
	})
	t.Run("without a scheduler there is no daily now", func(t *testing.T) {
		e := dailyEnv(t)
		if r := e.cmd("admin", "daily now"); r.Outcome != quiz.OutcomeUnavailable {
			t.Fatalf("daily now without a scheduler: %q %q", r.Outcome, text(r))
		}
	})
}

func TestClaimedDailiesAreNotLost(t *testing.T) {
	t.Run("a failure before anything is sent gives the claim back and the next tick posts", func(t *testing.T) {
		e := dailyEnv(t)
		e.clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai))
		e.enableDaily(t, "c", 9, 30, "Asia/Shanghai")
		flaky := &flakyDaily{Store: e.store}
		flaky.failures.Store(3) // every attempt of the first tick fails
		svc, err := quiz.New(quiz.Config{Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: e.store, Daily: flaky, Now: e.clock.Now, Location: shanghai, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		out := &outbox{now: e.clock.Now}
		s := quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
		e.clock.Advance(30 * time.Minute)
		s.Tick(context.Background())
		if n := len(out.all()); n != 0 {
			t.Fatalf("%d posts while the store failed", n)
		}
		e.clock.Advance(time.Minute)
		s.Tick(context.Background())
		if n := len(out.all()); n != 1 {
			t.Errorf("%d posts after the store came back, want 1", n)
		}
	})
	t.Run("shutdown during a claimed post lets it finish", func(t *testing.T) {
		e := dailyEnv(t)
		e.clock.Set(time.Date(2026, 12, 1, 9, 30, 0, 0, shanghai))
		e.enableDaily(t, "c", 9, 30, "Asia/Shanghai")
		e.clock.Advance(time.Minute)
		blocking := &blockingOutbox{outbox: outbox{now: e.clock.Now}, release: make(chan struct{}), entered: make(chan struct{})}
		svc, err := quiz.New(quiz.Config{Bank: shippedBank(t), Quizzes: shippedQuizzes(t), Store: e.store, Daily: e.store, Now: e.clock.Now, Location: shanghai, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		s := quiz.NewScheduler(svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": blocking}})
		ctx, shutdown := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { s.Tick(ctx); close(done) }()
		<-blocking.entered // the post is claimed and waiting on the platform
		shutdown()
		time.Sleep(50 * time.Millisecond)
		close(blocking.release)
		<-done
		if n := len(blocking.all()); n != 1 {
			t.Errorf("%d posts, want the claimed one delivered despite the shutdown", n)
		}
	})
	t.Run("a replica without the channel's platform leaves it to one that has it", func(t *testing.T) {
		e := dailyEnv(t)
		e.clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai))
		e.enableDaily(t, "c", 9, 30, "Asia/Shanghai")
		e.clock.Advance(30 * time.Minute)
		other := quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"slack": &outbox{now: e.clock.Now}}})
		other.Tick(context.Background())
		out := &outbox{now: e.clock.Now}
		replica(t, e, out).Tick(context.Background())
		if n := len(out.all()); n != 1 {
			t.Errorf("the replica with the platform posted %d, want 1", n)
		}
	})
}

// TestARevealShowsTheBoardOfTheWeekItsDailyWasPostedIn posts a daily late
// on a Sunday and reveals it on the Monday: the reveal shows the top five
// of the week the daily was posted in, and says so, not the new week's
// board (empty so early on a Monday).
func TestARevealShowsTheBoardOfTheWeekItsDailyWasPostedIn(t *testing.T) {
	e := dailyEnv(t)
	out := &outbox{now: e.clock.Now}
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	e.clock.Set(time.Date(2026, 12, 6, 23, 0, 0, 0, shanghai)) // Sunday
	if r := e.cmd("admin", "daily now"); !strings.Contains(r.Notice, "is posted") {
		t.Fatalf("daily now says %q", r.Notice)
	}
	card := out.all()[0].msg.Quiz
	e.clock.Advance(10 * time.Minute)
	e.press("ann", quiz.AnswerPayload(card.ID, card.Correct))
	e.clock.Advance(7 * time.Hour) // Monday 06:10, before the reveal time
	if r := e.cmd("admin", "daily reveal"); !strings.Contains(r.Notice, "is revealed") {
		t.Fatalf("daily reveal says %q", r.Notice)
	}
	rev := rich.Plain(out.all()[1].msg.Blocks)
	if !strings.Contains(rev, "Top five of the week it was posted in, ties included:") || !strings.Contains(rev, "ann — 25 pts") ||
		strings.Contains(rev, "This week's top five") {
		t.Errorf("a Sunday's daily revealed on Monday shows:\n%s", rev)
	}
}

// TestADailyThePlatformRefusedUsesUpNoQuestion posts through the store on
// a real redis-server: a post the platform refused outright leaves the
// channel's history as it was, so that its question is still fresh; one
// whose outcome is unknown (a timeout) counts as used, as it may have been
// shown.
func TestADailyThePlatformRefusedUsesUpNoQuestion(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name     string
		timeout  bool
		wantUses int64
	}{
		{"refused", false, 0},
		{"timed out", true, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnvOn(t, redistest.Shared(t).Client(t))
			out := &refusingOutbox{outbox: outbox{now: e.clock.Now}, timeout: c.timeout}
			out.refusals.Store(1)
			quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
			e.cmd("admin", "daily now")
			h, err := e.store.DailyHistory(ctx, e.scope, "chan-1")
			if err != nil || h.Uses != c.wantUses || int64(len(h.Used)) != c.wantUses {
				t.Fatalf("after a post that %s, the history is %+v, %v; want %d uses", c.name, h, err, c.wantUses)
			}
			if c.timeout {
				return
			}
			e.cmd("admin", "daily now")
			p, ok, err := e.store.LastPost(ctx, e.scope, "chan-1")
			if err != nil || !ok || len(out.all()) != 1 {
				t.Fatalf("the second daily now: post %+v, %v, %v; %d sent", p, ok, err, len(out.all()))
			}
			if h, err := e.store.DailyHistory(ctx, e.scope, "chan-1"); err != nil || h.Uses != 1 || h.Used[p.QuestionID] != 1 {
				t.Errorf("after the post that was sent, the history is %+v, %v; want %s its one use", h, err, p.QuestionID)
			}
		})
	}
}
