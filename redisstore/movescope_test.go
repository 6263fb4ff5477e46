package redisstore

import (
	"context"
	"strconv"
	"strings"

	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"

	"github.com/kubequiz/kubequiz/quiz"
)

// moveFx is a scope with data worth moving: two players on the boards, a
// review, a language, the daily question on in channel "-1" with a post
// claimed and recorded for a date and its reveal due; and the move of it to
// a fresh scope's channel "-1002".
type moveFx struct {
	*fx
	move     quiz.ScopeMove
	q        quiz.Quiz
	date     string
	revealAt time.Time
	// before are alice's and bob's stats before the move.
	before map[string]quiz.Stats
}

func newMoveFx(t *testing.T, h *harness) *moveFx {
	f := newFx(t, h)
	platform := "mv-" + f.scope
	m := &moveFx{fx: f, date: "2026-03-02", revealAt: t0.Add(8 * time.Hour), before: map[string]quiz.Stats{}}
	m.move = quiz.ScopeMove{Platform: platform, FromScope: f.scope, FromChannel: "-1", ToScope: newScope(t), ToChannel: "-1002"}
	m.q = f.quiz(func(q *quiz.Quiz) { q.Channel = "-1"; q.Daily = true })
	f.answer(m.q, "alice", m.q.Correct)
	f.answer(m.q, "bob", m.q.Correct+1)
	f.review("alice", "qa", day0, true)
	if err := f.st.SetLanguage(f.ctx, f.scope, "alice", "en"); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SetScopeZone(f.ctx, f.scope, "Europe/Berlin"); err != nil {
		t.Fatal(err)
	}
	f.dailyOn(platform, "-1")
	if ok, err := f.st.Claim(f.ctx, f.scope, "-1", m.date, "post"); !ok || err != nil {
		t.Fatalf("Claim: %v, %v", ok, err)
	}
	p := quiz.DailyPost{Platform: platform, Scope: f.scope, Channel: "-1", Date: m.date, QuizID: m.q.ID,
		QuestionID: "q1", MessageID: "77", PostedAt: t0, RevealAt: m.revealAt, Lang: "zh"}
	if err := f.st.SavePost(f.ctx, p); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"alice", "bob"} {
		m.before[u] = f.stats(u, week1)
	}
	return m
}

// run moves the scope, failing the test on an error.
func (m *moveFx) run() quiz.ScopeMoved {
	m.t.Helper()
	res, err := m.st.MoveScope(m.ctx, m.move)
	if err != nil {
		m.t.Fatalf("MoveScope: %v", err)
	}
	return res
}

// checkMoved checks that everything reads the same at the new place, and
// that nothing is left at the old one but its marker.
func (m *moveFx) checkMoved() {
	t, st, ctx, to, ch := m.t, m.st, m.ctx, m.move.ToScope, m.move.ToChannel
	t.Helper()
	for u, was := range m.before {
		now, err := st.Stats(ctx, to, u, week1)
		if err != nil || !reflect.DeepEqual(now, was) {
			t.Errorf("%s's stats at the new place:\n%+v\nwant\n%+v (%v)", u, now, was, err)
		}
	}
	if d, ok, err := st.Daily(ctx, to, ch); err != nil || !ok || d.Hour != 9 || d.Minute != 30 || d.Platform != m.move.Platform {
		t.Errorf("the daily at the new place: %+v, %v, %v", d, ok, err)
	}
	if _, ok, _ := st.Daily(ctx, m.move.FromScope, m.move.FromChannel); ok {
		t.Error("the daily is still on at the old place")
	}
	if z, err := st.ScopeZone(ctx, to); err != nil || z != "Europe/Berlin" {
		t.Errorf("the zone at the new place is %q (%v), want the old place's", z, err)
	}
	if ok, err := st.Claimed(ctx, to, ch, m.date, "post"); !ok || err != nil {
		t.Errorf("the date's claim did not follow (%v): a second daily could be posted that day", err)
	}
	// Keys that expire still do, at about the time they would have.
	k := scopeKeys(to)
	for key, most := range map[string]time.Duration{k.quiz(m.q.ID): time.Hour, k.dailyMarker(ch, m.date, "post"): markerTTL, k.dailyPost(ch, m.date): markerTTL} {
		if ttl, err := st.rdb.PTTL(ctx, key).Result(); err != nil || ttl <= most-time.Minute || ttl > most {
			t.Errorf("%s expires in %v (%v), want about %v", key, ttl, err, most)
		}
	}
	// Its message stayed in the old chat: the same ID in the new one is
	// another message, which the reveal must not close.
	if last, ok, err := st.LastPost(ctx, to, ch); !ok || err != nil || last.QuizID != m.q.ID || last.MessageID != "" {
		t.Errorf("the last post at the new place: %+v, %v, %v; want its quiz, and no message ID", last, ok, err)
	}
	due := m.due(m.move.Platform, m.revealAt.Add(48*time.Hour))
	var channels, reveals []string
	for _, c := range due.Channels {
		channels = append(channels, c.Scope+" "+c.Channel)
	}
	for _, r := range due.Reveals {
		reveals = append(reveals, r.Scope+" "+r.Channel+" "+r.QuizID)
	}
	if want := []string{to + " " + ch}; !reflect.DeepEqual(channels, want) {
		t.Errorf("the schedule lists %q, want %q", channels, want)
	}
	if want := []string{to + " " + ch + " " + m.q.ID}; !reflect.DeepEqual(reveals, want) {
		t.Errorf("the reveals due are %q, want %q", reveals, want)
	}
	left, err := st.ExportScope(ctx, m.move.FromScope)
	if err != nil || len(left.Keys) != 1 || left.Keys[0].Key != "moved" {
		t.Errorf("the old scope still holds %+v (%v), want its marker only", left.Keys, err)
	}
	// The quiz moved with its channel: a player in the new one may answer.
	if r, err := st.Answer(ctx, quiz.Answer{Scope: to, Channel: ch, QuizID: m.q.ID, User: "carol", Choice: m.q.Correct, At: t0, Day: day0, Week: week1}); err != nil || r.Status != quiz.AnswerScored {
		t.Errorf("answering the moved quiz in the new channel: %+v, %v", r, err)
	}
}

// TestMoveScope runs on every backend (a Redis Cluster node included, which
// refuses any call whose keys cross slots): a scope's data moves to another
// scope and channel once; a move run again, cut off after any step, or run
// by two callers at once neither loses nor doubles anything; into a scope
// with data of its own, boards add up.
func TestMoveScope(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			h := b.open(t)

			t.Run("moved once, and a second move changes nothing", func(t *testing.T) {
				m := newMoveFx(t, h)
				if res := m.run(); res.Already || res.Merged || res.Keys < 8 {
					t.Errorf("the first move: %+v", res)
				}
				m.checkMoved()
				m.before["carol"], _ = m.st.Stats(m.ctx, m.move.ToScope, "carol", week1)
				if res := m.run(); !res.Already || res.Keys != 0 {
					t.Errorf("the second move: %+v", res)
				}
				for _, u := range []string{"alice", "bob", "carol"} {
					if now, _ := m.st.Stats(m.ctx, m.move.ToScope, u, week1); !reflect.DeepEqual(now, m.before[u]) {
						t.Errorf("%s's stats changed with the second move:\n%+v\nwant\n%+v", u, now, m.before[u])
					}
				}
			})

			cuts := map[string]func(m *moveFx) error{
				"after freezing": func(m *moveFx) error { _, err := m.st.freeze(m.ctx, m.move); return err },
				// A scheduler's tick in the meantime finds the old
				// channel's settings and post gone (frozen): it drops them
				// from the schedule and the reveals.
				"after freezing, with a tick meanwhile": func(m *moveFx) error {
					if _, err := m.st.freeze(m.ctx, m.move); err != nil {
						return err
					}
					m.due(m.move.Platform, m.revealAt.Add(48*time.Hour))
					return nil
				},
				"after copying": func(m *moveFx) error {
					if _, err := m.st.freeze(m.ctx, m.move); err != nil {
						return err
					}
					_, err := m.st.copyFrozen(m.ctx, m.move, scopeKeys(m.move.FromScope).prefix+movingPrefix, scopeKeys(m.move.ToScope).movedFrom(m.move.FromScope), keepOwn)
					return err
				},
			}
			for name, cut := range cuts {
				t.Run("a move cut off "+name+" is finished by the next", func(t *testing.T) {
					m := newMoveFx(t, h)
					if err := cut(m); err != nil {
						t.Fatal(err)
					}
					res := m.run()
					if copied := name == "after copying"; res.Already != copied || (res.Keys == 0) == !copied {
						t.Errorf("the move after the cut: %+v", res)
					}
					m.checkMoved()
				})
			}

			t.Run("two moves at once copy once", func(t *testing.T) {
				m := newMoveFx(t, h)
				var wg sync.WaitGroup
				results := make([]quiz.ScopeMoved, 4)
				for i := range results {
					wg.Go(func() { results[i] = m.run() })
				}
				wg.Wait()
				copied := slices.IndexFunc(results, func(r quiz.ScopeMoved) bool { return !r.Already })
				if n := len(slices.DeleteFunc(slices.Clone(results), func(r quiz.ScopeMoved) bool { return r.Already })); n != 1 || results[copied].Keys == 0 {
					t.Errorf("the moves: %+v, want one copying", results)
				}
				m.checkMoved()
			})

			t.Run("into a scope with data of its own, boards add up and its own values stay", func(t *testing.T) {
				m := newMoveFx(t, h)
				own := m.fx.quizIn(m.move.ToScope, m.move.ToChannel)
				m.answerIn(own, "alice")
				m.answerIn(own, "dave")
				if err := m.st.SetLanguage(m.ctx, m.move.ToScope, "alice", "zh"); err != nil {
					t.Fatal(err)
				}
				res := m.run()
				if !res.Merged || res.Already {
					t.Errorf("the move: %+v", res)
				}
				want := map[string]int64{"alice": 2 * quiz.RightAnswerPoints, "bob": 0, "dave": quiz.RightAnswerPoints}
				for u, pts := range want {
					if st, _ := m.st.Stats(m.ctx, m.move.ToScope, u, week1); st.Points != pts || st.WeekPoints != pts {
						t.Errorf("%s has %d points (%d this week), want %d", u, st.Points, st.WeekPoints, pts)
					}
				}
				// Her counts add up as her points do: two answers, both
				// right, to the same question, one in each scope.
				if st, _ := m.st.Stats(m.ctx, m.move.ToScope, "alice", week1); st.Answered != 2 || st.Correct != 2 || st.Questions["q1"].QuizTries != 2 {
					t.Errorf("alice's counts after the merge: %d answered, %d right, %+v on q1; want 2, 2, 2 tries", st.Answered, st.Correct, st.Questions["q1"])
				}
				if lang, _ := m.st.Language(m.ctx, m.move.ToScope, "alice"); lang != "zh" {
					t.Errorf("alice's language in the new scope became %q, want its own %q", lang, "zh")
				}
				if again := m.run(); !again.Already {
					t.Errorf("the second move: %+v", again)
				}
				if st, _ := m.st.Stats(m.ctx, m.move.ToScope, "alice", week1); st.Points != 2*quiz.RightAnswerPoints {
					t.Errorf("alice has %d points after a second move, want %d", st.Points, 2*quiz.RightAnswerPoints)
				}
			})

			t.Run("into a scope where a player went on playing, their streak runs on", func(t *testing.T) {
				m := newMoveFx(t, h)
				for _, day := range []int64{day0 - 1, day0} {
					m.answer(m.fx.quiz(func(q *quiz.Quiz) { q.Channel = "-1" }), "gina", 0, func(a *quiz.Answer) { a.Day = day })
				}
				m.answer(m.fx.quizIn(m.move.ToScope, m.move.ToChannel), "gina", 0, func(a *quiz.Answer) { a.Day = day0 + 1 })
				m.run()
				if st, _ := m.st.Stats(m.ctx, m.move.ToScope, "gina", week1); st.Streak != 3 || st.Best != 3 || st.LastDay != day0+1 {
					t.Errorf("gina's streak after the merge: %d (best %d, last day %d), want 3 (best 3, last day %d)", st.Streak, st.Best, st.LastDay, day0+1)
				}
			})

			t.Run("writes reaching the old scope after the freeze follow it, once", func(t *testing.T) {
				m := newMoveFx(t, h)
				reviews := m.before["alice"].Reviews
				if _, err := m.st.freeze(m.ctx, m.move); err != nil {
					t.Fatal(err)
				}
				m.late("erin", "en", "qb") // during the move: frozen, not yet copied
				if res := m.run(); res.Late == 0 {
					t.Errorf("the move after writes during it: %+v, want late keys moved", res)
				}
				m.checkLate(map[string]string{"erin": "en"}, reviews+1)
				m.late("frank", "zh", "qc") // after the move
				if res := m.run(); !res.Already || res.Late == 0 {
					t.Errorf("the move after writes after it: %+v, want late keys moved", res)
				}
				m.checkLate(map[string]string{"erin": "en", "frank": "zh"}, reviews+2)
				if res := m.run(); res.Late != 0 {
					t.Errorf("a move with no late write: %+v", res)
				}
				m.checkLate(map[string]string{"erin": "en", "frank": "zh"}, reviews+2)
			})

			t.Run("a late write over a value the new scope has takes its place", func(t *testing.T) {
				m := newMoveFx(t, h) // alice chose en before the move
				reviews := m.before["alice"].Reviews
				m.run()
				m.late("alice", "zh", "qa") // lang zh, handled after the move
				if res := m.run(); res.Late == 0 {
					t.Errorf("the move after a late write: %+v, want late keys moved", res)
				}
				m.checkLate(map[string]string{"alice": "zh"}, reviews+1)
			})

			lateCuts := map[string]func(m *moveFx) error{
				"after freezing them": func(m *moveFx) error { return m.st.freezeLate(m.ctx, m.move) },
				"after copying them": func(m *moveFx) error {
					if err := m.st.freezeLate(m.ctx, m.move); err != nil {
						return err
					}
					k := scopeKeys(m.move.FromScope)
					_, err := m.st.copyFrozen(m.ctx, m.move, k.prefix+latePrefix(1), scopeKeys(m.move.ToScope).movedFrom(m.move.FromScope)+":late:1", takeLate)
					return err
				},
			}
			for name, cut := range lateCuts {
				t.Run("a move of late writes cut off "+name+" is finished once by the next", func(t *testing.T) {
					m := newMoveFx(t, h)
					reviews := m.before["alice"].Reviews
					m.run()
					m.late("erin", "en", "qb")
					if err := cut(m); err != nil {
						t.Fatal(err)
					}
					m.run()
					m.checkLate(map[string]string{"erin": "en"}, reviews+1)
					m.run()
					m.checkLate(map[string]string{"erin": "en"}, reviews+1)
				})
			}

			t.Run("late writes moved by two calls at once are copied once", func(t *testing.T) {
				m := newMoveFx(t, h)
				reviews := m.before["alice"].Reviews
				m.run()
				m.late("erin", "en", "qb")
				var wg sync.WaitGroup
				for range 4 {
					wg.Go(func() { m.run() })
				}
				wg.Wait()
				m.checkLate(map[string]string{"erin": "en"}, reviews+1)
			})

			t.Run("an answer to a quiz of the old scope after the freeze writes nothing there", func(t *testing.T) {
				m := newMoveFx(t, h)
				if _, err := m.st.freeze(m.ctx, m.move); err != nil {
					t.Fatal(err)
				}
				if r := m.answer(m.q, "carol", m.q.Correct); r.Status != quiz.AnswerNoQuiz {
					t.Errorf("an answer in the frozen scope: %+v, want no quiz", r)
				}
				names, err := m.st.scopeKeyNames(m.ctx, m.move.FromScope, "*")
				if err != nil {
					t.Fatal(err)
				}
				for _, name := range names {
					if own := strings.TrimPrefix(name, scopeKeys(m.move.FromScope).prefix); !frozenOrMarker(own) {
						t.Errorf("the answer wrote %s in the frozen scope", own)
					}
				}
			})

			t.Run("MovedTo tells how far a scope's move has gone", func(t *testing.T) {
				m := newMoveFx(t, h)
				stage := func(scope string) (quiz.ScopeMove, quiz.MoveStage) {
					t.Helper()
					got, stage, err := m.st.MovedTo(m.ctx, scope)
					if err != nil {
						t.Fatalf("MovedTo(%s): %v", scope, err)
					}
					return got, stage
				}
				if _, s := stage(m.move.FromScope); s != quiz.NotMoved {
					t.Errorf("before the move: %v", s)
				}
				if _, err := m.st.freeze(m.ctx, m.move); err != nil {
					t.Fatal(err)
				}
				if got, s := stage(m.move.FromScope); s != quiz.MoveBegun || got != m.move {
					t.Errorf("after the freeze: %+v, %v", got, s)
				}
				m.run()
				if got, s := stage(m.move.FromScope); s != quiz.MoveCopied || got != m.move {
					t.Errorf("after the move: %+v, %v", got, s)
				}
				if _, s := stage(m.move.ToScope); s != quiz.NotMoved {
					t.Errorf("the new scope: %v", s)
				}
			})
		})
	}
}

// late writes to the old scope as a command handled late would: a user's
// language, and alice's review of a question (her count of reviews, kept
// by HINCRBY, which the move adds up).
func (m *moveFx) late(user, lang, question string) {
	m.t.Helper()
	if err := m.st.SetLanguage(m.ctx, m.move.FromScope, user, lang); err != nil {
		m.t.Fatal(err)
	}
	m.review("alice", question, day0, true)
}

// checkLate checks that the late writes reached the new scope, each
// once: the users' languages, and alice's count of reviews; and that the
// old scope holds nothing but the move's own keys.
func (m *moveFx) checkLate(langs map[string]string, reviews int) {
	t, to := m.t, m.move.ToScope
	t.Helper()
	for u, want := range langs {
		if got, err := m.st.Language(m.ctx, to, u); got != want || err != nil {
			t.Errorf("%s's language at the new place: %q (%v), want %q", u, got, err, want)
		}
	}
	if st, err := m.st.Stats(m.ctx, to, "alice", week1); st.Reviews != reviews || err != nil {
		t.Errorf("alice has %d reviews at the new place (%v), want %d", st.Reviews, err, reviews)
	}
	left, err := m.st.ExportScope(m.ctx, m.move.FromScope)
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range left.Keys {
		if kv.Key != "moved" && kv.Key != "late" {
			t.Errorf("the old scope still holds %s", kv.Key)
		}
	}
}

// quizIn creates a quiz in another scope and channel.
func (f *fx) quizIn(scope, channel string) quiz.Quiz {
	f.t.Helper()
	return f.quiz(func(q *quiz.Quiz) { q.Scope, q.Channel, q.ID = scope, channel, "own"+q.ID })
}

// answerIn answers q rightly as user.
func (f *fx) answerIn(q quiz.Quiz, user string) {
	f.t.Helper()
	if r := f.answer(q, user, q.Correct); r.Status != quiz.AnswerScored {
		f.t.Fatalf("%s's answer to %s: %+v", user, q.ID, r)
	}
}

// BenchmarkMoveScope measures a move of a group that has played for a
// while — 200 players, each with one answer of 20 quizzes, a language and a
// reviewed card; the daily on — against ExportScope of a copy of it, the
// read a move makes anyway, interleaved in each iteration (the machine is
// shared). Reported per operation, in ms:
//
//	go test -run '^$' -bench MoveScope -benchtime 20x -count 3 ./redisstore
func BenchmarkMoveScope(b *testing.B) {
	rdb := redistest.Shared(b).Client(b)
	st := preloaded(b, rdb)
	ctx := context.Background()
	group := func() (string, int) {
		scope := newScope(b)
		for i := range 20 {
			if err := st.CreateQuiz(ctx, benchQuiz(scope, i)); err != nil {
				b.Fatal(err)
			}
		}
		for u := range 200 {
			user := "tg:" + strconv.Itoa(1000+u)
			q := benchQuiz(scope, u%20)
			if _, err := st.Answer(ctx, quiz.Answer{Scope: scope, Channel: q.Channel, QuizID: q.ID, User: user, UserName: user,
				Choice: u % 4, At: t0, Day: day0, Week: week1, Held: &q}); err != nil {
				b.Fatal(err)
			}
			if err := st.SetLanguage(ctx, scope, user, "en"); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.SaveDaily(ctx, quiz.DailySettings{Platform: "bench", Scope: scope, Channel: "C0123456", Hour: 9, Zone: "UTC", Since: t0}); err != nil {
			b.Fatal(err)
		}
		data, err := st.ExportScope(ctx, scope)
		if err != nil {
			b.Fatal(err)
		}
		return scope, len(data.Keys)
	}
	var export, move time.Duration
	keys := 0
	for b.Loop() {
		b.StopTimer()
		scope, n := group()
		keys = n
		b.StartTimer()
		start := time.Now()
		if _, err := st.ExportScope(ctx, scope); err != nil {
			b.Fatal(err)
		}
		export += time.Since(start)
		start = time.Now()
		if _, err := st.MoveScope(ctx, quiz.ScopeMove{Platform: "bench", FromScope: scope, FromChannel: "C0123456", ToScope: scope + ":new", ToChannel: "C9"}); err != nil {
			b.Fatal(err)
		}
		move += time.Since(start)
	}
	b.ReportMetric(float64(export.Microseconds())/1000/float64(b.N), "ms/export")
	b.ReportMetric(float64(move.Microseconds())/1000/float64(b.N), "ms/move")
	b.ReportMetric(float64(keys), "keys")
}
