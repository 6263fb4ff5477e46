package redisstore

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// TestStoreContract runs one set of behaviours against every backend: a
// real redis-server, the embedded miniredis and a one-node Redis Cluster;
// its answers come from a caller fetching the quiz, and from one holding it.
func TestStoreContract(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			h := b.open(t)
			held := *h
			held.held = true
			t.Run("fetching", func(t *testing.T) { t.Parallel(); runContract(t, h) })
			t.Run("holding", func(t *testing.T) { t.Parallel(); runContract(t, &held) })
		})
	}
}

// The fixed clock of the contract: times have millisecond precision, as the
// store keeps them.
var (
	t0    = time.Date(2026, 3, 2, 9, 30, 15, 250e6, time.UTC) // a Monday
	day0  = int64(20514)                                      // its local day number
	week1 = "2026-W10"
	week2 = "2026-W11"
)

// fx is one contract test's view of the store, in its own scope.
type fx struct {
	t     *testing.T
	h     *harness
	st    *Store
	scope string
	ctx   context.Context
	seq   int
}

func newFx(t *testing.T, h *harness) *fx {
	return &fx{t: t, h: h, st: h.st, scope: newScope(t), ctx: ctxFor(t)}
}

// quiz creates a quiz in the test's scope; mod adjusts it first.
func (f *fx) quiz(mod ...func(*quiz.Quiz)) quiz.Quiz {
	f.t.Helper()
	f.seq++
	q := quiz.Quiz{
		ID: fmt.Sprintf("quiz%04d", f.seq), Scope: f.scope, Channel: "C1", Lang: "zh",
		QuestionID: "q1", Topics: []string{"pod", "service"}, Format: "which",
		Prompt:  "哪个对象保存配置？\nWhich object holds configuration?",
		Choices: []string{"ConfigMap，配置", "Secret, \"base64\"", `Pod's 'spec'`, "Service"},
		Correct: 0, Points: quiz.RightAnswerPoints, Created: t0, TTL: time.Hour,
	}
	for _, m := range mod {
		m(&q)
	}
	if err := f.st.CreateQuiz(f.ctx, q); err != nil {
		f.t.Fatalf("CreateQuiz(%s): %v", q.ID, err)
	}
	return q
}

// answer answers q as user, on day0 in week1; mod adjusts the answer first.
func (f *fx) answer(q quiz.Quiz, user string, choice int, mod ...func(*quiz.Answer)) quiz.AnswerResult {
	f.t.Helper()
	a := quiz.Answer{
		Scope: q.Scope, Channel: q.Channel, QuizID: q.ID, User: user, UserName: strings.ToUpper(user),
		Choice: choice, At: t0.Add(time.Minute), Day: day0, Week: week1,
	}
	if f.h != nil && f.h.held {
		a.Held = &q
	}
	for _, m := range mod {
		m(&a)
	}
	res, err := f.st.Answer(f.ctx, a)
	if err != nil {
		f.t.Fatalf("Answer(%s by %s, %d): %v", q.ID, user, choice, err)
	}
	return res
}

// fetching has an answer come from a caller that does not hold the quiz.
func fetching(a *quiz.Answer) { a.Held = nil }

func (f *fx) board(week, user string, limit int) quiz.Board {
	f.t.Helper()
	b, err := f.st.Leaderboard(f.ctx, quiz.BoardQuery{Scope: f.scope, Week: week, User: user, Limit: limit})
	if err != nil {
		f.t.Fatalf("Leaderboard: %v", err)
	}
	return b
}

func (f *fx) stats(user, week string) quiz.Stats {
	f.t.Helper()
	s, err := f.st.Stats(f.ctx, f.scope, user, week)
	if err != nil {
		f.t.Fatalf("Stats: %v", err)
	}
	return s
}

// saveCard reveals a question to user and saves card as its grade.
func (f *fx) saveCard(user, questionID string, card srs.Card) {
	f.t.Helper()
	if _, err := f.st.Reveal(f.ctx, f.scope, user, questionID, "tokcrd"); err != nil {
		f.t.Fatal(err)
	}
	res, err := f.st.SaveReview(f.ctx, quiz.Review{Scope: f.scope, User: user, QuestionID: questionID, Card: card, Day: day0,
		RevealToken: "tokcrd", Delivery: "card-" + questionID})
	if err != nil || res.Status != quiz.ReviewSaved {
		f.t.Fatalf("SaveReview: %+v, %v", res, err)
	}
}

// review reveals a question to user and grades it Good (recalled) or
// Again.
func (f *fx) review(user, questionID string, day int64, recalled bool) quiz.Activity {
	f.t.Helper()
	g := srs.Again
	if recalled {
		g = srs.Good
	}
	return f.reviewGraded(user, questionID, day, g)
}

// reviewGraded reveals a question to user and grades it g.
func (f *fx) reviewGraded(user, questionID string, day int64, g srs.Grade) quiz.Activity {
	f.t.Helper()
	f.seq++
	token := fmt.Sprintf("tok%03d", f.seq%1000)
	if _, err := f.st.Reveal(f.ctx, f.scope, user, questionID, token); err != nil {
		f.t.Fatalf("Reveal: %v", err)
	}
	res, err := f.st.SaveReview(f.ctx, quiz.Review{
		Scope: f.scope, User: user, QuestionID: questionID, Card: sampleCard(), Grade: g,
		Day: day, RevealToken: token, Delivery: "press-" + token,
	})
	if err != nil || res.Status != quiz.ReviewSaved {
		f.t.Fatalf("SaveReview: %+v, %v", res, err)
	}
	return res.Activity
}

// points reads a user's points on a board, or -1 when they are not on it.
func (f *fx) points(week, user string) int64 {
	f.t.Helper()
	b := f.board(week, user, 0)
	if b.Me == nil {
		return -1
	}
	return b.Me.Points
}

func sampleCard() srs.Card {
	return srs.Card{
		Stability: 3.173, Difficulty: 5.2824,
		Due: time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC), LastReview: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		Reps: 3, Lapses: 1,
	}
}

func wantStatus(t *testing.T, res quiz.AnswerResult, want quiz.AnswerStatus) {
	t.Helper()
	if res.Status != want {
		t.Fatalf("status = %d, want %d (result %+v)", res.Status, want, res)
	}
}

func runContract(t *testing.T, h *harness) {
	runWeekPointsContract(t, h)
	t.Run("a right answer scores its points on the week and all-time boards", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q := f.quiz()
		res := f.answer(q, "alice", q.Correct)
		wantStatus(t, res, quiz.AnswerScored)
		if !res.Correct || res.Points != quiz.RightAnswerPoints || res.First || res.Choice != q.Correct ||
			res.Answered != 1 || res.WeekPoints != int64(quiz.RightAnswerPoints) || res.Streak != 1 || res.Best != 1 {
			t.Errorf("result = %+v", res)
		}
		for _, week := range []string{week1, ""} {
			if got := f.points(week, "alice"); got != int64(quiz.RightAnswerPoints) {
				t.Errorf("board %q: alice has %d points, want %d", week, got, quiz.RightAnswerPoints)
			}
		}
	})

	t.Run("a wrong answer scores nothing and puts nobody on a board", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q := f.quiz()
		res := f.answer(q, "bob", 2)
		wantStatus(t, res, quiz.AnswerScored)
		if res.Correct || res.Points != 0 || res.First || res.Choice != 2 || res.Answered != 1 || res.WeekPoints != 0 {
			t.Errorf("result = %+v", res)
		}
		for _, week := range []string{week1, ""} {
			if b := f.board(week, "bob", 10); b.Players != 0 || len(b.Entries) != 0 || b.Me != nil {
				t.Errorf("board %q = %+v, me %+v; want nobody with 0 points on it", week, b, b.Me)
			}
		}
	})

	t.Run("an answer written again for the same delivery is the same answer, scored", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q := f.quiz(func(q *quiz.Quiz) { q.Bonus = 5 })
		retry := func(a *quiz.Answer) { a.Delivery = "update:1" }
		first := f.answer(q, "alice", q.Correct, retry)
		again := f.answer(q, "alice", q.Correct, retry) // go-redis resending the script after a timeout
		wantStatus(t, again, quiz.AnswerScored)
		if again.Points != first.Points || !again.Correct || !again.First || again.Answered != 1 || again.WeekPoints != first.WeekPoints ||
			again.Streak != first.Streak || again.Best != first.Best {
			t.Errorf("the retried answer = %+v; want it as first scored %+v", again, first)
		}
		if got := f.points(week1, "alice"); got != int64(first.Points) {
			t.Errorf("alice has %d points after the retry, want %d: scored once", got, first.Points)
		}
		other := f.answer(q, "alice", 1, func(a *quiz.Answer) { a.Delivery = "update:2" })
		wantStatus(t, other, quiz.AnswerRepeated)
	})

	t.Run("a quiz stored before answers moved into its hash still scores once", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q := f.quiz()
		k := scopeKeys(f.scope)
		if err := h.rdb.HDel(f.ctx, k.quiz(q.ID), "v").Err(); err != nil { // as an earlier version stored it
			t.Fatal(err)
		}
		wantStatus(t, f.answer(q, "alice", q.Correct), quiz.AnswerScored)
		res := f.answer(q, "alice", 1)
		wantStatus(t, res, quiz.AnswerRepeated)
		if res.Choice != q.Correct || res.Answered != 1 {
			t.Errorf("repeat on an old quiz = %+v", res)
		}
		if n, _ := h.rdb.HLen(f.ctx, k.answers(q.ID)).Result(); n != 1 {
			t.Errorf("the old quiz's answers hash holds %d answers, want 1", n)
		}
	})

	t.Run("a quiz stored without a closing time, or with a damaged one, takes answers", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		for i, damage := range []func(key string) error{
			func(key string) error { return h.rdb.HDel(f.ctx, key, "closes").Err() },
			func(key string) error { return h.rdb.HSet(f.ctx, key, "closes", "soon").Err() },
		} {
			q := f.quiz()
			if err := damage(scopeKeys(f.scope).quiz(q.ID)); err != nil {
				t.Fatal(err)
			}
			if res := f.answer(q, "alice", q.Correct); res.Status != quiz.AnswerScored || !res.Correct {
				t.Errorf("quiz %d: %+v", i, res)
			}
		}
	})

	t.Run("a caller holding the quiz scores a daily and an old quiz as one fetching it does", func(t *testing.T) {
		t.Parallel()
		// How the caller answers: fetching the quiz, holding it and saying
		// whether it is a daily, holding it and not saying (the store finds
		// out and answers again with what a daily needs).
		for _, caller := range []struct {
			name string
			held func(q quiz.Quiz) func(*quiz.Answer)
		}{
			{"fetching", func(quiz.Quiz) func(*quiz.Answer) { return fetching }},
			{"holding", func(q quiz.Quiz) func(*quiz.Answer) {
				return func(a *quiz.Answer) { a.Held = &q }
			}},
			{"holding, not saying", func(q quiz.Quiz) func(*quiz.Answer) {
				q.Daily = false
				return func(a *quiz.Answer) { a.Held = &q }
			}},
		} {
			f := newFx(t, h)
			daily := f.quiz(func(q *quiz.Quiz) { q.Daily, q.Bonus, q.Correct = true, 5, 1 })
			for _, u := range []string{"carol", "alice"} {
				if res := f.answer(daily, u, 1, caller.held(daily)); res.Status != quiz.AnswerScored || !res.Correct {
					t.Errorf("%s: %s's answer to the daily = %+v", caller.name, u, res)
				}
			}
			f.answer(daily, "dave", 0, caller.held(daily))
			p := quiz.DailyPost{Scope: f.scope, Channel: daily.Channel, QuizID: daily.ID, Date: "2026-12-01"}
			if res, err := f.st.DailyResults(f.ctx, p, week1, 5, 5); err != nil || res.Answered != 3 || !slices.Equal(res.Right, []string{"CAROL", "ALICE"}) ||
				len(res.Top) != 2 || res.Top[0].Points != quiz.RightAnswerPoints+5 {
				t.Errorf("%s: the daily's results = %+v, %v", caller.name, res, err)
			}
			if hist, err := f.st.DailyHistory(f.ctx, f.scope, daily.Channel); err != nil || hist.Accuracy["pod"] != (quiz.TopicScore{Tries: 3, Right: 2}) {
				t.Errorf("%s: the channel's accuracy = %+v, %v", caller.name, hist.Accuracy, err)
			}
			old := f.quiz()
			if err := h.rdb.HDel(f.ctx, scopeKeys(f.scope).quiz(old.ID), "v").Err(); err != nil { // as an earlier version stored it
				t.Fatal(err)
			}
			wantStatus(t, f.answer(old, "alice", old.Correct, caller.held(old)), quiz.AnswerScored)
			if res := f.answer(old, "alice", 1, caller.held(old)); res.Status != quiz.AnswerRepeated || res.Choice != old.Correct || res.Answered != 1 {
				t.Errorf("%s: a repeat on an old quiz = %+v", caller.name, res)
			}
		}
	})

	t.Run("a second answer is repeated with the first choice and changes nothing", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q := f.quiz(func(q *quiz.Quiz) { q.Bonus = 5 })
		first := f.answer(q, "alice", 3)
		wantStatus(t, first, quiz.AnswerScored)
		before := f.stats("alice", week1)
		for _, choice := range []int{q.Correct, 3, 1} {
			res := f.answer(q, "alice", choice, func(a *quiz.Answer) { a.Day = day0 + 1 })
			wantStatus(t, res, quiz.AnswerRepeated)
			if res.Choice != 3 || res.Correct || res.Points != 0 || res.First || res.Answered != 1 {
				t.Errorf("repeat with %d = %+v; want the first choice 3, wrong, no points", choice, res)
			}
		}
		if after := f.stats("alice", week1); !reflect.DeepEqual(before, after) {
			t.Errorf("a repeated answer changed the stats:\nbefore %+v\nafter  %+v", before, after)
		}
		// The bonus is still there for the first right answer.
		if res := f.answer(q, "bob", q.Correct); !res.First || res.Points != quiz.RightAnswerPoints+5 {
			t.Errorf("bob after alice's repeats = %+v; want the bonus", res)
		}
		// A right first answer repeats as right.
		res := f.answer(q, "bob", 1)
		wantStatus(t, res, quiz.AnswerRepeated)
		if res.Choice != q.Correct || !res.Correct || res.Answered != 2 {
			t.Errorf("bob's repeat = %+v", res)
		}
	})

	t.Run("an unknown quiz or another scope's quiz is no quiz", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		other := newFx(t, h)
		q := other.quiz()
		if err := f.st.SetLanguage(f.ctx, f.scope, "alice", "en"); err != nil {
			t.Fatal(err)
		}
		for name, a := range map[string]quiz.Answer{
			"unknown ID":           {Scope: f.scope, Channel: "C1", QuizID: "nosuchqz", User: "alice", Week: week1, Day: day0},
			"another scope's quiz": {Scope: f.scope, Channel: q.Channel, QuizID: q.ID, User: "alice", Week: week1, Day: day0},
		} {
			res, err := f.st.Answer(f.ctx, a)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if res.Status != quiz.AnswerNoQuiz || res.Answered != 0 || res.Points != 0 {
				t.Errorf("%s: result = %+v, want no quiz", name, res)
			}
			if res.Lang != "en" {
				t.Errorf("%s: Lang = %q, want the user's stored language", name, res.Lang)
			}
		}
		if b := f.board(week1, "alice", 10); b.Players != 0 || b.Me != nil {
			t.Errorf("board after answers to no quiz = %+v", b)
		}
		if res := other.answer(q, "alice", q.Correct); res.Status != quiz.AnswerScored || res.Answered != 1 {
			t.Errorf("the quiz in its own scope after the stray answer = %+v", res)
		}
	})

	t.Run("an answer from another channel is refused", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q := f.quiz()
		res := f.answer(q, "alice", q.Correct, func(a *quiz.Answer) { a.Channel = "C2" })
		wantStatus(t, res, quiz.AnswerWrongChannel)
		if res.Points != 0 || res.Answered != 0 {
			t.Errorf("result = %+v", res)
		}
		if res := f.answer(q, "alice", q.Correct); res.Status != quiz.AnswerScored {
			t.Errorf("the refused answer was counted: then %+v", res)
		}
	})

	t.Run("a choice out of range is refused and not counted", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q := f.quiz()
		for _, choice := range []int{-1, 4, 99} {
			res := f.answer(q, "alice", choice)
			wantStatus(t, res, quiz.AnswerBadChoice)
			if res.Points != 0 || res.Answered != 0 {
				t.Errorf("choice %d: result = %+v", choice, res)
			}
		}
		if b := f.board("", "alice", 10); b.Players != 0 {
			t.Errorf("bad choices put someone on the board: %+v", b)
		}
		if res := f.answer(q, "alice", 3); res.Status != quiz.AnswerScored || res.Answered != 1 {
			t.Errorf("a valid answer after bad ones = %+v", res)
		}
	})

	t.Run("answers stop at Closes", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		closes := t0.Add(time.Hour)
		q := f.quiz(func(q *quiz.Quiz) { q.Closes = closes })
		res := f.answer(q, "late", q.Correct, func(a *quiz.Answer) { a.At = closes })
		wantStatus(t, res, quiz.AnswerClosed)
		if res.Points != 0 || f.points("", "late") != -1 {
			t.Errorf("a closed answer scored: %+v", res)
		}
		res = f.answer(q, "ontime", q.Correct, func(a *quiz.Answer) { a.At = closes.Add(-time.Millisecond) })
		wantStatus(t, res, quiz.AnswerScored)
	})

	t.Run("only the first right answer takes the bonus", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q := f.quiz(func(q *quiz.Quiz) { q.Points, q.Bonus = 20, 5 })
		steps := []struct {
			user          string
			choice        int
			points        int
			first, answer bool
		}{
			{"wrong", 1, -1, false, false}, // not on the board at all
			{"first", q.Correct, 25, true, true},
			{"second", q.Correct, 20, false, true},
			{"third", q.Correct, 20, false, true},
		}
		for i, s := range steps {
			res := f.answer(q, s.user, s.choice)
			wantStatus(t, res, quiz.AnswerScored)
			if res.Points != max(s.points, 0) || res.First != s.first || res.Correct != s.answer || res.Answered != i+1 {
				t.Errorf("%s: result = %+v; want %d points, first %v", s.user, res, s.points, s.first)
			}
			if got := f.points(week1, s.user); got != int64(s.points) {
				t.Errorf("%s has %d points on the board, want %d", s.user, got, s.points)
			}
		}
		// Without a bonus nobody is first.
		plain := f.quiz()
		if res := f.answer(plain, "first", plain.Correct); res.First || res.Points != quiz.RightAnswerPoints {
			t.Errorf("no-bonus quiz: %+v", res)
		}
	})

	t.Run("Answered counts distinct users", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q := f.quiz()
		// Eleven users: the count is kept as a string, counted up by its
		// last digit until it carries (9, 10).
		for i := range 11 {
			u := fmt.Sprintf("u%02d", i)
			if res := f.answer(q, u, i%len(q.Choices)); res.Answered != i+1 {
				t.Errorf("answer %d: Answered = %d", i+1, res.Answered)
			}
			if res := f.answer(q, u, 0); res.Answered != i+1 {
				t.Errorf("repeat %d: Answered = %d", i+1, res.Answered)
			}
		}
	})

	t.Run("the answer carries the user's language", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q := f.quiz()
		if res := f.answer(q, "nolang", 0); res.Lang != "" {
			t.Errorf("Lang without a choice = %q", res.Lang)
		}
		if err := f.st.SetLanguage(f.ctx, f.scope, "en-user", "en"); err != nil {
			t.Fatal(err)
		}
		if res := f.answer(q, "en-user", 0); res.Lang != "en" {
			t.Errorf("Lang = %q, want en", res.Lang)
		}
		if res := f.answer(q, "en-user", 0, func(a *quiz.Answer) { a.Channel = "C9" }); res.Lang != "en" {
			t.Errorf("wrong channel: Lang = %q, want en", res.Lang)
		}
	})

	t.Run("the stored quiz round-trips every field", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		closes := t0.Add(36 * time.Hour)
		want := f.quiz(func(q *quiz.Quiz) {
			q.Channel, q.Lang, q.Prefix, q.QuestionID, q.Format = "C0123:thread", "en", "/k8s ", "k7x2m4pq", "blank"
			q.Topics = []string{"configmap", "pod", "service"}
			q.Prompt = "填空：`kubectl ____ pod` — \"quotes\", 'single', commas, 换行\n第二行"
			q.Choices = []string{"get，获取", "describe, \"detail\"", "logs 'tail'", "exec — 进入", "apply;{json}"}
			q.Correct, q.Points, q.Bonus, q.Closes = 4, 20, 5, closes
		})
		for _, res := range []quiz.AnswerResult{
			f.answer(want, "alice", 1, fetching),
			f.answer(want, "alice", 2, fetching),                                                 // repeated
			f.answer(want, "bob", 9, fetching),                                                   // bad choice
			f.answer(want, "bob", 1, fetching, func(a *quiz.Answer) { a.Channel = "elsewhere" }), // wrong channel
			f.answer(want, "bob", 1, fetching, func(a *quiz.Answer) { a.At = closes }),           // closed
		} {
			if res.Quiz == nil {
				t.Fatalf("status %d: no quiz returned to a caller fetching it", res.Status)
			}
			got := *res.Quiz
			if res.Right != want.Correct || res.Choices != len(want.Choices) {
				t.Errorf("status %d: right %d of %d, want %d of %d", res.Status, res.Right, res.Choices, want.Correct, len(want.Choices))
			}
			if !got.Created.Equal(want.Created) || !got.Closes.Equal(want.Closes) {
				t.Errorf("status %d: Created %v, Closes %v; want %v, %v", res.Status, got.Created, got.Closes, want.Created, want.Closes)
			}
			w := want
			w.TTL, w.Created, w.Closes, got.Created, got.Closes = 0, time.Time{}, time.Time{}, time.Time{}, time.Time{}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("status %d: quiz =\n%#v\nwant\n%#v", res.Status, got, w)
			}
		}
		// Zero times and no topics round-trip as zero and nil.
		bare := f.quiz(func(q *quiz.Quiz) { q.Topics, q.Created, q.Closes = nil, time.Time{}, time.Time{} })
		got := f.answer(bare, "alice", 0, fetching).Quiz
		if got == nil {
			t.Fatal("no quiz returned to a caller fetching it")
		}
		if got.Topics != nil || !got.Created.IsZero() || !got.Closes.IsZero() {
			t.Errorf("bare quiz: topics %q, created %v, closes %v", got.Topics, got.Created, got.Closes)
		}
	})

	t.Run("a caller holding the quiz gets the scoring but not the content", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q := f.quiz(func(q *quiz.Quiz) { q.Correct = 2 })
		res := f.answer(q, "alice", 2, func(a *quiz.Answer) { a.Held = &q })
		if res.Quiz != nil || res.Status != quiz.AnswerScored || !res.Correct || res.Right != 2 || res.Choices != len(q.Choices) {
			t.Errorf("result %+v", res)
		}
	})

	t.Run("a quiz that could not be answered or read back is not stored", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		base := func() quiz.Quiz {
			return quiz.Quiz{ID: "quizbad0", Scope: f.scope, Channel: "C1", Choices: []string{"a", "b", "c", "d"},
				Topics: []string{"pod"}, Points: 10, TTL: time.Hour}
		}
		for name, mod := range map[string]func(*quiz.Quiz){
			"no TTL":           func(q *quiz.Quiz) { q.TTL = 0 },
			"negative TTL":     func(q *quiz.Quiz) { q.TTL = -time.Second },
			"no choices":       func(q *quiz.Quiz) { q.Choices, q.Correct = nil, 0 },
			"answer past end":  func(q *quiz.Quiz) { q.Correct = 4 },
			"negative answer":  func(q *quiz.Quiz) { q.Correct = -1 },
			"no ID":            func(q *quiz.Quiz) { q.ID = "" },
			"comma in a topic": func(q *quiz.Quiz) { q.Topics = []string{"pod,service"} },
			"empty topic":      func(q *quiz.Quiz) { q.Topics = []string{"pod", ""} },
		} {
			q := base()
			q.ID = "bad " + name
			mod(&q)
			if err := f.st.CreateQuiz(f.ctx, q); err == nil {
				t.Errorf("%s: CreateQuiz accepted %+v", name, q)
			}
			if res, err := f.st.Answer(f.ctx, quiz.Answer{Scope: f.scope, Channel: "C1", QuizID: q.ID, User: "u", Week: week1}); err != nil || res.Status != quiz.AnswerNoQuiz {
				t.Errorf("%s: answer after a refused quiz: %+v, %v", name, res, err)
			}
		}
		// Odd but answerable quizzes are stored.
		for name, mod := range map[string]func(*quiz.Quiz){
			"an empty option":  func(q *quiz.Quiz) { q.Choices = []string{"a", ""} },
			"a colon in topic": func(q *quiz.Quiz) { q.Topics = []string{"k8s:core"} },
			"a one-ms TTL":     func(q *quiz.Quiz) { q.TTL = time.Millisecond },
		} {
			q := base()
			mod(&q)
			if err := f.st.CreateQuiz(f.ctx, q); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	})

	t.Run("a quiz of a delivery is stored once: its ID taken, a second create changes nothing", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		first := f.quiz(func(q *quiz.Quiz) { q.Delivery, q.For, q.Item, q.Asked = "d-1", "alice", "q1#0", "pod" })
		again := first
		again.Choices, again.Correct, again.Prompt, again.Item, again.Delivery = []string{"x", "y"}, 1, "another", "q2#0", "d-2"
		if err := f.st.CreateQuiz(f.ctx, again); !errors.Is(err, quiz.ErrQuizTaken) {
			t.Fatalf("a second create under the ID: %v, want ErrQuizTaken", err)
		}
		got, ok, err := f.st.LoadQuiz(f.ctx, f.scope, first.ID)
		if err != nil || !ok || got.Delivery != "d-1" || got.Prompt != first.Prompt || !slices.Equal(got.Choices, first.Choices) || got.Correct != first.Correct {
			t.Fatalf("LoadQuiz = %+v, %v, %v; want the first, of delivery d-1", got, ok, err)
		}
		sess, err := f.st.Session(f.ctx, f.scope, "alice")
		if err != nil || sess.Drew != quiz.DrewQuiz || sess.Quiz != first.ID || sess.Topic != "pod" {
			t.Errorf("session = %+v, %v; want the quiz drawn from pod", sess, err)
		}
		p, err := f.st.Practice(f.ctx, f.scope, "alice")
		if err != nil || len(p.Items) != 1 || !p.Items["q1#0"].Equal(t0) {
			t.Errorf("items had = %v, %v; want the first's alone", p.Items, err)
		}
		if _, err := f.st.Answer(f.ctx, quiz.Answer{Scope: f.scope, Channel: "C1", QuizID: first.ID, User: "bob", Choice: 0, At: t0, Week: week1}); err != nil {
			t.Fatal(err)
		}
		if err := f.st.CreateQuiz(f.ctx, again); !errors.Is(err, quiz.ErrQuizTaken) {
			t.Fatalf("a create under the ID of an answered quiz: %v, want ErrQuizTaken", err)
		}
		if res := f.answer(first, "carol", first.Correct); res.Status != quiz.AnswerScored || !res.Correct || res.Answered != 2 {
			t.Errorf("an answer to the first after the refused create: %+v", res)
		}
	})

	t.Run("answers and reviews count per question, and the latest attempt is kept", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q1 := f.quiz(func(q *quiz.Quiz) { q.QuestionID = "qa" })
		q2 := f.quiz(func(q *quiz.Quiz) { q.QuestionID = "qa" })
		f.answer(q1, "u", q1.Correct)
		f.answer(q2, "u", 1)
		f.review("u", "qa", day0, false)
		f.review("u", "qb", day0, true)
		f.reviewGraded("u", "qb", day0, srs.Hard) // recalled with difficulty: counted apart
		f.reviewGraded("u", "qb", day0, srs.Easy)
		st := f.stats("u", week1)
		want := map[string]quiz.QuestionScore{"qa": {QuizTries: 2, QuizRight: 1, Reviews: 1}, "qb": {Reviews: 3, Recalled: 2, Hard: 1}}
		if !reflect.DeepEqual(st.Questions, want) {
			t.Errorf("questions = %+v, want %+v", st.Questions, want)
		}
		at := t0.Add(time.Minute) // f.answer's time
		if got := st.Attempts["qa"]; len(st.Attempts) != 1 || got.Right || !got.At.Equal(at) {
			t.Errorf("attempts = %+v, want the latest, wrong, at %v", st.Attempts, at)
		}
		p, err := f.st.Practice(f.ctx, f.scope, "u")
		if err != nil || !reflect.DeepEqual(p.Attempts, st.Attempts) {
			t.Errorf("practice's attempts = %+v, %v", p.Attempts, err)
		}
		if cs, err := f.st.Card(f.ctx, f.scope, "u", "qa"); err != nil || cs.Attempt == nil || cs.Attempt.Right {
			t.Errorf("card's attempt = %+v, %v", cs.Attempt, err)
		}
	})

	t.Run("counts and attempts an earlier version kept in the cards hash still count", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		// As the previous version wrote them: qa tried 3 times, right once,
		// last at t0 (wrong); qb tried once, right, later than anything since.
		later := t0.Add(time.Hour)
		old := map[string]any{
			"q:qa": 3 + packShift, attemptField("qa"): t0.UnixMilli() * 2,
			"q:qb": 1 + packShift, attemptField("qb"): later.UnixMilli()*2 + 1,
		}
		if err := h.rdb.HSet(f.ctx, scopeKeys(f.scope).cards("u"), old).Err(); err != nil {
			t.Fatal(err)
		}
		qa := f.quiz(func(q *quiz.Quiz) { q.QuestionID = "qa" })
		qb := f.quiz(func(q *quiz.Quiz) { q.QuestionID = "qb" })
		f.answer(qa, "u", qa.Correct) // at t0+1m, after the old attempt
		f.answer(qb, "u", 1)          // at t0+1m, before the old attempt
		st := f.stats("u", week1)
		want := map[string]quiz.QuestionScore{"qa": {QuizTries: 4, QuizRight: 2}, "qb": {QuizTries: 2, QuizRight: 1}}
		if !reflect.DeepEqual(st.Questions, want) || st.Answered != 6 || st.Correct != 3 {
			t.Errorf("questions = %+v, answered %d, correct %d; want %+v, 6, 3", st.Questions, st.Answered, st.Correct, want)
		}
		wantAttempts := map[string]quiz.Attempt{"qa": {At: t0.Add(time.Minute), Right: true}, "qb": {At: later, Right: true}}
		if !reflect.DeepEqual(st.Attempts, wantAttempts) {
			t.Errorf("attempts = %+v, want the later of each: %+v", st.Attempts, wantAttempts)
		}
		p, err := f.st.Practice(f.ctx, f.scope, "u")
		if err != nil || !reflect.DeepEqual(p.Attempts, wantAttempts) {
			t.Errorf("practice's attempts = %+v, %v; want %+v", p.Attempts, err, wantAttempts)
		}
		for id, a := range wantAttempts {
			if cs, err := f.st.Card(f.ctx, f.scope, "u", id); err != nil || cs.Attempt == nil || !reflect.DeepEqual(*cs.Attempt, a) {
				t.Errorf("card %s's attempt = %+v, %v; want %+v", id, cs.Attempt, err, a)
			}
		}
	})

	t.Run("the quiz items a user asked for are kept with when", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		f.quiz(func(q *quiz.Quiz) { q.Item, q.For = "q1.wabc", "u" })
		f.quiz(func(q *quiz.Quiz) { q.Item, q.For, q.Created = "q1.bxyz", "u", t0.Add(time.Hour) })
		f.quiz(func(q *quiz.Quiz) { q.Item, q.For = "q2.wdef", "v" })
		p, err := f.st.Practice(f.ctx, f.scope, "u")
		if err != nil || len(p.Items) != 2 || !p.Items["q1.wabc"].Equal(t0) || !p.Items["q1.bxyz"].Equal(t0.Add(time.Hour)) {
			t.Errorf("u's items = %v, %v", p.Items, err)
		}
	})

	t.Run("a reveal is graded once", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		save := func(token, delivery string) quiz.ReviewResult {
			t.Helper()
			res, err := f.st.SaveReview(f.ctx, quiz.Review{Scope: f.scope, User: "u", QuestionID: "qa", Card: sampleCard(),
				Grade: srs.Good, Day: day0, RevealToken: token, Delivery: delivery})
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		if res := save("aaaaaa", "p1"); res.Status != quiz.ReviewNotRevealed {
			t.Errorf("a grade of a question never shown: %+v", res)
		}
		if _, err := f.st.Reveal(f.ctx, f.scope, "u", "qa", "aaaaaa"); err != nil {
			t.Fatal(err)
		}
		if res := save("bbbbbb", "p1"); res.Status != quiz.ReviewNotRevealed {
			t.Errorf("a grade with another reveal's token: %+v", res)
		}
		if res := save("aaaaaa", "p1"); res.Status != quiz.ReviewSaved || res.Streak != 1 {
			t.Errorf("the first grade: %+v", res)
		}
		if res := save("aaaaaa", "p1"); res.Status != quiz.ReviewSaved || res.Streak != 1 {
			t.Errorf("the same press written again: %+v; want it saved, as it was", res)
		}
		if res := save("aaaaaa", "p2"); res.Status != quiz.ReviewGradedAlready {
			t.Errorf("a second press on the same reveal: %+v", res)
		}
		// The same reveal made again (its delivery handled again) stays
		// graded; a new reveal takes a grade.
		if _, err := f.st.Reveal(f.ctx, f.scope, "u", "qa", "aaaaaa"); err != nil {
			t.Fatal(err)
		}
		if res := save("aaaaaa", "p3"); res.Status != quiz.ReviewGradedAlready {
			t.Errorf("a press on a graded reveal made again: %+v", res)
		}
		if st := f.stats("u", week1); st.Questions["qa"].Reviews != 1 {
			t.Errorf("reviews of qa = %d, want 1", st.Questions["qa"].Reviews)
		}
		if _, err := f.st.Reveal(f.ctx, f.scope, "u", "qa", "cccccc"); err != nil {
			t.Fatal(err)
		}
		if res := save("cccccc", "p4"); res.Status != quiz.ReviewSaved {
			t.Errorf("a grade of a new reveal: %+v", res)
		}
	})

	t.Run("a quiz and its answers expire with the quiz's TTL", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q := f.quiz(func(q *quiz.Quiz) { q.TTL = h.shortTTL })
		long := f.quiz()
		wantStatus(t, f.answer(q, "alice", q.Correct), quiz.AnswerScored)
		k := scopeKeys(f.scope)
		ttl, err := h.rdb.PTTL(f.ctx, k.quiz(q.ID)).Result()
		if err != nil {
			t.Fatal(err)
		}
		if ttl <= 0 || ttl > h.shortTTL {
			t.Errorf("the quiz's TTL after an answer = %v, want at most %v", ttl, h.shortTTL)
		}
		h.elapse(h.shortTTL + 100*time.Millisecond)
		wantStatus(t, f.answer(q, "bob", q.Correct), quiz.AnswerNoQuiz)
		wantStatus(t, f.answer(q, "alice", q.Correct), quiz.AnswerNoQuiz)
		if n, err := h.rdb.Exists(f.ctx, k.quiz(q.ID), k.answers(q.ID)).Result(); err != nil || n != 0 {
			t.Errorf("quiz keys left after the TTL: %d (%v)", n, err)
		}
		// The points stay, and a quiz with a long TTL still takes answers.
		if got := f.points(week1, "alice"); got != int64(quiz.RightAnswerPoints) {
			t.Errorf("alice's points after the quiz expired: %d", got)
		}
		wantStatus(t, f.answer(long, "bob", long.Correct), quiz.AnswerScored)
	})

	t.Run("the leaderboard orders by points and ties share a rank", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		var qs []quiz.Quiz
		for range 3 {
			qs = append(qs, f.quiz())
		}
		for i, q := range qs {
			f.answer(q, "alice", q.Correct, func(a *quiz.Answer) { a.UserName = "Alice" })
			f.answer(q, "bob", q.Correct, func(a *quiz.Answer) { a.UserName = "Bob 🐳" })
			if i == 0 {
				f.answer(q, "carol", q.Correct, func(a *quiz.Answer) { a.UserName = "Carol" })
				f.answer(q, "dave", 1, func(a *quiz.Answer) { a.UserName = "" })
			}
		}
		b := f.board(week1, "carol", 10)
		// Tied, they are listed by name: Alice before Bob, whose ID the
		// board itself would list first.
		want := []quiz.BoardEntry{
			{Rank: 1, User: "alice", Name: "Alice", Points: 30},
			{Rank: 1, User: "bob", Name: "Bob 🐳", Points: 30},
			{Rank: 3, User: "carol", Name: "Carol", Points: 10},
		}
		if !sameEntries(b.Entries, want) {
			t.Errorf("entries = %+v\nwant %+v", b.Entries, want)
		}
		if b.Players != 3 || b.Me == nil || *b.Me != want[2] {
			t.Errorf("players %d, me %+v; want 3 (dave's wrong answer earned no place), %+v", b.Players, b.Me, want[2])
		}

		top2 := f.board(week1, "carol", 2)
		if !sameEntries(top2.Entries, want[:2]) || top2.Players != 3 {
			t.Errorf("top 2 = %+v (players %d)", top2.Entries, top2.Players)
		}
		if top2.Me == nil || *top2.Me != want[2] {
			t.Errorf("carol outside the top 2: me = %+v, want %+v", top2.Me, want[2])
		}
		top1 := f.board(week1, "alice", 1)
		if me := top1.Me; me == nil || me.Rank != 1 || me.Points != 30 {
			t.Errorf("alice tied outside the top 1: me = %+v", me)
		}
		// A cut through a tie shows everyone sharing the last place shown.
		if !sameEntries(top1.Entries, want[:2]) {
			t.Errorf("top 1 of two tied at the top = %+v, want both: %+v", top1.Entries, want[:2])
		}
		if me := f.board(week1, "dave", 3).Me; me != nil {
			t.Errorf("dave with 0 points has a place: %+v", me)
		}
		if none := f.board(week1, "nobody", 10); none.Me != nil || none.Players != 3 || len(none.Entries) != 3 {
			t.Errorf("a user with no entry: me = %+v, players %d", none.Me, none.Players)
		}
		if zero := f.board(week1, "carol", 0); len(zero.Entries) != 0 || zero.Me == nil || zero.Me.Rank != 3 {
			t.Errorf("limit 0: entries %+v, me %+v; want none and carol's place", zero.Entries, zero.Me)
		}
		if empty := f.board("2020-W01", "carol", 10); empty.Players != 0 || empty.Me != nil || len(empty.Entries) != 0 {
			t.Errorf("an empty board = %+v", empty)
		}
		// A new name replaces the old one.
		f.answer(f.quiz(), "carol", 1, func(a *quiz.Answer) { a.UserName = "Carol K." })
		if me := f.board(week1, "carol", 10).Me; me == nil || me.Name != "Carol K." {
			t.Errorf("renamed: me = %+v", me)
		}
	})

	t.Run("players tied are listed by name in any case, those without one last", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		q := f.quiz()
		for user, name := range map[string]string{"u1": "bob", "u2": "", "u3": "Amy", "u4": "carl", "u5": "Bob"} {
			f.answer(q, user, q.Correct, func(a *quiz.Answer) { a.UserName = name })
		}
		var got []string
		for _, e := range f.board(week1, "u1", 10).Entries {
			got = append(got, e.User)
		}
		if want := []string{"u3", "u1", "u5", "u4", "u2"}; !slices.Equal(got, want) {
			t.Errorf("tied players listed %v, want %v (Amy, bob, Bob, carl, the nameless)", got, want)
		}
		// Beyond ASCII too, alike on Redis and the embedded store.
		q = f.quiz()
		for user, name := range map[string]string{"v1": "Борис", "v2": "анна", "v3": "Élodie", "v4": "éa"} {
			f.answer(q, user, q.Correct, func(a *quiz.Answer) { a.UserName = name })
		}
		got = got[:0]
		for _, e := range f.board(week1, "u1", 10).Entries {
			if strings.HasPrefix(e.User, "v") {
				got = append(got, e.Name)
			}
		}
		if want := []string{"éa", "Élodie", "анна", "Борис"}; !slices.Equal(got, want) {
			t.Errorf("tied players listed %v, want %v", got, want)
		}
	})

	t.Run("weekly boards are separate and the all-time board accumulates", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		inWeek := func(w string, day int64) func(*quiz.Answer) {
			return func(a *quiz.Answer) { a.Week, a.Day = w, day }
		}
		for range 3 {
			q := f.quiz()
			f.answer(q, "alice", q.Correct, inWeek(week1, day0))
		}
		q := f.quiz()
		f.answer(q, "alice", q.Correct, inWeek(week2, day0+7))
		f.answer(q, "bob", q.Correct, inWeek(week2, day0+7))
		q = f.quiz()
		f.answer(q, "bob", q.Correct, inWeek(week2, day0+7))

		if b := f.board(week1, "bob", 10); b.Players != 1 || b.Me != nil || len(b.Entries) != 1 || b.Entries[0].Points != 30 {
			t.Errorf("week 1 = %+v, me %+v; want alice 30 alone", b, b.Me)
		}
		w2 := f.board(week2, "alice", 10)
		want2 := []quiz.BoardEntry{{Rank: 1, User: "bob", Name: "BOB", Points: 20}, {Rank: 2, User: "alice", Name: "ALICE", Points: 10}}
		if !sameEntries(w2.Entries, want2) || w2.Players != 2 || w2.Me == nil || w2.Me.Rank != 2 {
			t.Errorf("week 2 = %+v, me %+v", w2.Entries, w2.Me)
		}
		all := f.board("", "bob", 10)
		wantAll := []quiz.BoardEntry{{Rank: 1, User: "alice", Name: "ALICE", Points: 40}, {Rank: 2, User: "bob", Name: "BOB", Points: 20}}
		if !sameEntries(all.Entries, wantAll) || all.Players != 2 {
			t.Errorf("all time = %+v", all.Entries)
		}
		if res := f.answer(f.quiz(), "alice", 0, inWeek(week2, day0+7)); res.WeekPoints != 20 {
			t.Errorf("WeekPoints in week 2 = %d, want 20", res.WeekPoints)
		}
		// The week board expires, five weeks on; the all-time board does not.
		k := scopeKeys(f.scope)
		if ttl := h.rdb.TTL(f.ctx, k.boardWeek(week2)).Val(); ttl <= 34*24*time.Hour || ttl > weekTTL {
			t.Errorf("week board TTL = %v, want about %v", ttl, weekTTL)
		}
		if ttl := h.rdb.TTL(f.ctx, k.boardAll()).Val(); ttl != -1 {
			t.Errorf("all-time board TTL = %v, want none", ttl)
		}
	})

	t.Run("stats add up answers and reviews", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		if err := f.st.SetLanguage(f.ctx, f.scope, "u", "en"); err != nil {
			t.Fatal(err)
		}
		q1 := f.quiz(func(q *quiz.Quiz) { q.Topics = []string{"pod", "service"} })
		q2 := f.quiz(func(q *quiz.Quiz) { q.Topics = []string{"pod"} })
		q3 := f.quiz(func(q *quiz.Quiz) { q.Topics = nil })
		f.answer(q1, "u", q1.Correct)
		f.answer(q2, "u", 1)
		f.answer(q3, "u", q3.Correct, func(a *quiz.Answer) { a.Week = week2 })
		for _, q := range []quiz.Quiz{q1, q2} {
			f.answer(q, "top", q.Correct)
		}
		f.review("u", "qa", day0+1, true)
		f.review("u", "qb", day0+1, false)
		f.review("u", "qa", day0+1, true) // a second review of qa: one card, two reviews

		card := sampleCard()
		at := quiz.Attempt{At: t0.Add(time.Minute), Right: true}
		want := quiz.Stats{
			Lang: "en", WeekPoints: 10, Points: 20, WeekRank: 2, Rank: 1,
			Answered: 3, Correct: 2, Reviews: 3, Streak: 2, Best: 2, LastDay: day0 + 1,
			Topics: map[string]quiz.TopicScore{},
			Questions: map[string]quiz.QuestionScore{
				"q1": {QuizTries: 3, QuizRight: 2},
				"qa": {Reviews: 2, Recalled: 2},
				"qb": {Reviews: 1},
			},
			Cards:    map[string]srs.Card{"qa": card, "qb": card},
			Attempts: map[string]quiz.Attempt{"q1": at},
		}
		if got := f.stats("u", week1); !reflect.DeepEqual(got, want) {
			t.Errorf("stats =\n%+v\nwant\n%+v", got, want)
		}
		if got := f.stats("u", week2); got.WeekPoints != 10 || got.WeekRank != 1 || got.Points != 20 || got.Rank != 1 {
			t.Errorf("week 2 stats: %+v", got)
		}
		if got := f.stats("u", "2020-W01"); got.WeekPoints != 0 || got.WeekRank != 0 {
			t.Errorf("a week without answers: points %d, rank %d", got.WeekPoints, got.WeekRank)
		}
		empty := quiz.Stats{Topics: map[string]quiz.TopicScore{}, Questions: map[string]quiz.QuestionScore{}, Cards: map[string]srs.Card{}, Attempts: map[string]quiz.Attempt{}}
		if got := f.stats("nobody", week1); !reflect.DeepEqual(got, empty) {
			t.Errorf("stats of nobody = %+v", got)
		}
	})

	t.Run("the streak counts consecutive days of answers and reviews", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		answerOn := func(day int64) quiz.Activity {
			q := f.quiz()
			res := f.answer(q, "u", q.Correct, func(a *quiz.Answer) { a.Day = day })
			wantStatus(t, res, quiz.AnswerScored)
			return res.Activity
		}
		reviewOn := func(day int64) quiz.Activity { return f.review("u", "qa", day, true) }
		steps := []struct {
			what         string
			do           func(int64) quiz.Activity
			day          int64
			streak, best int
		}{
			{"first answer", answerOn, day0, 1, 1},
			{"same day review", reviewOn, day0, 1, 1},
			{"same day answer", answerOn, day0, 1, 1},
			{"next day review", reviewOn, day0 + 1, 2, 2},
			{"next day answer", answerOn, day0 + 2, 3, 3},
			{"after a gap", reviewOn, day0 + 5, 1, 3},
			{"clock set back: answer", answerOn, day0 + 3, 1, 3},
			{"clock set back: review", reviewOn, day0 + 4, 1, 3},
			{"next day after the gap", answerOn, day0 + 6, 2, 3},
			{"and on", reviewOn, day0 + 7, 3, 3},
			{"and on, past the best", answerOn, day0 + 8, 4, 4},
		}
		for _, s := range steps {
			if got := s.do(s.day); got != (quiz.Activity{Streak: s.streak, Best: s.best}) {
				t.Errorf("%s (day %d): %+v, want streak %d best %d", s.what, s.day-day0, got, s.streak, s.best)
			}
		}
		if st := f.stats("u", week1); st.Streak != 4 || st.Best != 4 || st.LastDay != day0+8 {
			t.Errorf("stats: streak %d best %d last day %d", st.Streak, st.Best, st.LastDay-day0)
		}
	})

	t.Run("practice, seen marks and cards round-trip", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		p, err := f.st.Practice(f.ctx, f.scope, "u")
		if err != nil {
			t.Fatal(err)
		}
		if p.Lang != "" || len(p.Cards) != 0 || len(p.Seen) != 0 || p.Cards == nil || p.Seen == nil {
			t.Errorf("new user's practice = %+v", p)
		}
		seenA, seenB := t0, t0.Add(90*time.Minute+123*time.Millisecond)
		for id, at := range map[string]time.Time{"qa": seenA.Add(-time.Hour), "qb": seenB} {
			if err := f.st.MarkSeen(f.ctx, quiz.Draw{Scope: f.scope, User: "u", QuestionID: id, At: at}); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.st.MarkSeen(f.ctx, quiz.Draw{Scope: f.scope, User: "u", QuestionID: "qa", At: seenA}); err != nil { // later mark wins
			t.Fatal(err)
		}
		cardA := sampleCard()
		cardC := srs.Card{Stability: 0.2126, Difficulty: 10, Due: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), Reps: 1}
		for id, c := range map[string]srs.Card{"qa": cardA, "qc": cardC, "qn": {}} {
			f.saveCard("u", id, c)
		}
		if err := f.st.SetLanguage(f.ctx, f.scope, "u", "en"); err != nil {
			t.Fatal(err)
		}
		p, err = f.st.Practice(f.ctx, f.scope, "u")
		if err != nil {
			t.Fatal(err)
		}
		wantCards := map[string]srs.Card{"qa": cardA, "qc": cardC, "qn": {}}
		if p.Lang != "en" || !reflect.DeepEqual(p.Cards, wantCards) {
			t.Errorf("practice: lang %q, cards %+v; want en, %+v", p.Lang, p.Cards, wantCards)
		}
		if len(p.Seen) != 2 || !p.Seen["qa"].Equal(seenA) || !p.Seen["qb"].Equal(seenB) {
			t.Errorf("seen = %v; want qa %v, qb %v", p.Seen, seenA, seenB)
		}
		for id, want := range map[string]srs.Card{"qa": cardA, "qc": cardC, "qb": {}, "never": {}} {
			cs, err := f.st.Card(f.ctx, f.scope, "u", id)
			if err != nil {
				t.Fatal(err)
			}
			if cs.Lang != "en" || !reflect.DeepEqual(cs.Card, want) {
				t.Errorf("Card(%s) = %+v, want %+v", id, cs, want)
			}
		}
		// Another user in the scope, and the same user in another scope, see nothing of it.
		if p, _ := f.st.Practice(f.ctx, f.scope, "v"); len(p.Cards)+len(p.Seen) != 0 {
			t.Errorf("another user's practice: %+v", p)
		}
		if p, _ := f.st.Practice(f.ctx, newScope(t), "u"); len(p.Cards)+len(p.Seen) != 0 || p.Lang != "" {
			t.Errorf("another scope's practice: %+v", p)
		}
		// A card that cannot be encoded is an error, not a damaged entry.
		bad := srs.Card{Stability: -1}
		if _, err := f.st.SaveReview(f.ctx, quiz.Review{Scope: f.scope, User: "u", QuestionID: "qx", Card: bad, Day: day0}); err == nil {
			t.Error("SaveReview took a card with negative stability")
		}
	})

	t.Run("seen marks less than a millisecond apart keep their order", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		first, second := t0.Add(100*time.Microsecond), t0.Add(400*time.Microsecond)
		for id, at := range map[string]time.Time{"qa": first, "qb": second} {
			if err := f.st.MarkSeen(f.ctx, quiz.Draw{Scope: f.scope, User: "u", QuestionID: id, At: at}); err != nil {
				t.Fatal(err)
			}
		}
		// A mark an earlier version wrote, in milliseconds, still reads.
		old := t0.Add(-time.Hour)
		if err := h.rdb.HSet(f.ctx, scopeKeys(f.scope).cards("u"), seenField("qo"), old.UnixMilli()).Err(); err != nil {
			t.Fatal(err)
		}
		p, err := f.st.Practice(f.ctx, f.scope, "u")
		if err != nil {
			t.Fatal(err)
		}
		if !p.Seen["qa"].Equal(first) || !p.Seen["qb"].Equal(second) || !p.Seen["qo"].Equal(old) {
			t.Errorf("seen = %v; want qa %v, qb %v, qo %v", p.Seen, first, second, old)
		}
	})

	t.Run("a damaged card reads as a new one", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		if err := h.rdb.HSet(f.ctx, scopeKeys(f.scope).cards("u"), cardField("qa"), "garbage").Err(); err != nil {
			t.Fatal(err)
		}
		cs, err := f.st.Card(f.ctx, f.scope, "u", "qa")
		if err != nil || cs.Card != (srs.Card{}) {
			t.Errorf("Card = %+v, %v; want a new card", cs, err)
		}
		p, err := f.st.Practice(f.ctx, f.scope, "u")
		if err != nil || len(p.Cards) != 0 {
			t.Errorf("Practice = %+v, %v; want no cards", p, err)
		}
	})

	t.Run("the language is stored per user and scope", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		get := func(scope, user string) string {
			t.Helper()
			l, err := f.st.Language(f.ctx, scope, user)
			if err != nil {
				t.Fatal(err)
			}
			return l
		}
		if l := get(f.scope, "u"); l != "" {
			t.Errorf("no language yet: %q", l)
		}
		for _, l := range []string{"zh", "en"} {
			if err := f.st.SetLanguage(f.ctx, f.scope, "u", l); err != nil {
				t.Fatal(err)
			}
			if got := get(f.scope, "u"); got != l {
				t.Errorf("Language = %q, want %q", got, l)
			}
		}
		if l := get(f.scope, "v"); l != "" {
			t.Errorf("another user: %q", l)
		}
		if l := get(newScope(t), "u"); l != "" {
			t.Errorf("another scope: %q", l)
		}
		b := f.board("", "u", 10)
		if b.Lang != "en" {
			t.Errorf("board Lang = %q", b.Lang)
		}
	})

	t.Run("every key of a scope carries the scope's hash tag", func(t *testing.T) {
		t.Parallel()
		st, rdb := h.isolated(t)
		ctx := ctxFor(t)
		scopes := []string{"slack:T{1}:x", "slack:T(1):x", "slack:T%7B1%7D:x", "tg:-100123", "{", "}{"}
		for _, scope := range scopes {
			session(t, ctx, st, scope)
		}
		keys := allKeys(t, ctx, rdb)
		tags := map[string][]string{}
		for _, k := range keys {
			tag, ok := hashTag(k)
			if !ok || !strings.HasPrefix(k, "kq:{"+tag+"}:") {
				t.Errorf("key %q has no hash tag of its own", k)
				continue
			}
			tags[tag] = append(tags[tag], k)
		}
		if len(tags) != len(scopes) {
			t.Errorf("%d scopes wrote %d hash tags: %v", len(scopes), len(tags), tags)
		}
		kinds := []string{"user:", "cards:", "quiz:", "board:all", "board:week:", "names"}
		for tag, ks := range tags {
			for _, kind := range kinds {
				if !slices.ContainsFunc(ks, func(k string) bool { return strings.Contains(k, kind) }) {
					t.Errorf("scope tag %q: no %q key among %q", tag, kind, ks)
				}
			}
		}
		// The scopes that look alike keep apart.
		for _, scope := range scopes {
			if l, err := st.Language(ctx, scope, "u{1}"); err != nil || l != "lang of "+scope {
				t.Errorf("scope %q: language %q, %v", scope, l, err)
			}
			if b, err := st.Leaderboard(ctx, quiz.BoardQuery{Scope: scope, User: "u{1}", Limit: 10}); err != nil || b.Players != 2 {
				t.Errorf("scope %q: %d players, %v", scope, b.Players, err)
			}
		}
	})
}

// session drives every write of the store in one scope, with braces in the
// user and quiz IDs too.
func session(t *testing.T, ctx context.Context, st *Store, scope string) {
	t.Helper()
	q := quiz.Quiz{ID: "q{1}", Scope: scope, Channel: "C1", Choices: []string{"a", "b"}, Topics: []string{"pod"},
		Points: 10, Created: t0, TTL: time.Hour}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("scope %q: %v", scope, err)
		}
	}
	must(st.CreateQuiz(ctx, q))
	for _, u := range []string{"u{1}", "u(1)"} {
		res, err := st.Answer(ctx, quiz.Answer{Scope: scope, Channel: "C1", QuizID: q.ID, User: u, UserName: "N" + u,
			Choice: 0, At: t0, Day: day0, Week: "2026-W{10}"})
		must(err)
		if res.Status != quiz.AnswerScored {
			t.Fatalf("scope %q, user %q: status %d", scope, u, res.Status)
		}
	}
	must(st.SetLanguage(ctx, scope, "u{1}", "lang of "+scope))
	must(st.MarkSeen(ctx, quiz.Draw{Scope: scope, User: "u{1}", QuestionID: "qa", At: t0, Topic: "pv"}))
	_, err := st.Reveal(ctx, scope, "u{1}", "q{b}", "tok{1}")
	must(err)
	_, err = st.SaveReview(ctx, quiz.Review{Scope: scope, User: "u{1}", QuestionID: "q{b}", Card: sampleCard(), Day: day0, RevealToken: "tok{1}", Delivery: "d{1}"})
	must(err)
	_, err = st.Stats(ctx, scope, "u{1}", "2026-W{10}")
	must(err)
}

// hashTag is the part of a key Redis Cluster hashes: between the first "{"
// and the first "}" after it, when that is not empty.
func hashTag(key string) (string, bool) {
	i := strings.IndexByte(key, '{')
	if i < 0 {
		return "", false
	}
	j := strings.IndexByte(key[i+1:], '}')
	if j <= 0 {
		return "", false
	}
	return key[i+1 : i+1+j], true
}

// allKeys lists every key of the server (each master of a cluster).
func allKeys(t *testing.T, ctx context.Context, rdb redis.UniversalClient) []string {
	t.Helper()
	scan := func(c redis.Cmdable) ([]string, error) {
		var out []string
		iter := c.Scan(ctx, 0, "*", 100).Iterator()
		for iter.Next(ctx) {
			out = append(out, iter.Val())
		}
		return out, iter.Err()
	}
	if cc, ok := rdb.(*redis.ClusterClient); ok {
		var (
			mu  sync.Mutex
			all []string
		)
		err := cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error {
			ks, err := scan(c)
			mu.Lock()
			defer mu.Unlock()
			all = append(all, ks...)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return all
	}
	ks, err := scan(rdb)
	if err != nil {
		t.Fatal(err)
	}
	return ks
}

func sameEntries(got, want []quiz.BoardEntry) bool {
	return slices.Equal(got, want)
}
