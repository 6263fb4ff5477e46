package redisstore

import (
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// The weeks of the week-points contract: t0 is 09:30:15.250 on a Monday.
var (
	week1Start = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	week2Start = week1Start.AddDate(0, 0, 7)
)

// inWeek1 answers at t0+d, in week1.
func inWeek1(d time.Duration) func(*quiz.Answer) {
	return func(a *quiz.Answer) { a.At, a.WeekStart = t0.Add(d), week1Start }
}

// inWeek2 answers a week after t0+d, in week2.
func inWeek2(d time.Duration) func(*quiz.Answer) {
	return func(a *quiz.Answer) {
		a.At, a.Day, a.Week, a.WeekStart = t0.Add(7*24*time.Hour+d), day0+7, week2, week2Start
	}
}

// runWeekPointsContract: a question's right answer earns points once a
// week (quiz.Answer.WeekStart), whichever script scores it.
func runWeekPointsContract(t *testing.T, h *harness) {
	t.Run("a question answered right again in the week is scored but earns nothing, and says why", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		first := f.answer(f.quiz(), "alice", 0, inWeek1(time.Minute))
		if !first.Correct || first.Points != quiz.RightAnswerPoints || first.AnsweredThisWeek {
			t.Fatalf("the week's first right answer = %+v; want its points", first)
		}
		again := f.answer(f.quiz(), "alice", 0, inWeek1(time.Hour)) // another quiz of q1
		wantStatus(t, again, quiz.AnswerScored)
		if !again.Correct || again.Points != 0 || !again.AnsweredThisWeek || again.WeekPoints != 10 || again.Streak != 1 || again.Answered != 1 {
			t.Errorf("a second right answer of q1 this week = %+v; want right, no points, AnsweredThisWeek, the week's 10", again)
		}
		for _, week := range []string{week1, ""} {
			if got := f.points(week, "alice"); got != quiz.RightAnswerPoints {
				t.Errorf("board %q: alice has %d points, want %d", week, got, quiz.RightAnswerPoints)
			}
		}
		// It counts as an answer all the same: accuracy and the latest attempt.
		st := f.stats("alice", week1)
		if qs := st.Questions["q1"]; qs.QuizTries != 2 || qs.QuizRight != 2 || !st.Attempts["q1"].At.Equal(t0.Add(time.Hour)) {
			t.Errorf("q1's counts %+v and attempt %+v; want both answers counted, the latest kept", qs, st.Attempts["q1"])
		}
		// Another question is another matter.
		if res := f.answer(f.quiz(func(q *quiz.Quiz) { q.QuestionID = "q2" }), "alice", 0, inWeek1(2*time.Hour)); res.Points != quiz.RightAnswerPoints || res.AnsweredThisWeek {
			t.Errorf("q2's first right answer = %+v; want its points", res)
		}
		// Next week, q1 earns again.
		next := f.answer(f.quiz(), "alice", 0, inWeek2(time.Minute))
		if next.Points != quiz.RightAnswerPoints || next.AnsweredThisWeek || next.WeekPoints != 10 {
			t.Errorf("q1 next week = %+v; want its points", next)
		}
		if got := f.points("", "alice"); got != 3*quiz.RightAnswerPoints {
			t.Errorf("all time: alice has %d points, want 30", got)
		}
	})

	t.Run("a wrong answer is the week's try: a right one after it earns nothing", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		if res := f.answer(f.quiz(), "bob", 1, inWeek1(time.Minute)); res.Correct || res.AnsweredThisWeek {
			t.Fatalf("bob's wrong answer = %+v", res)
		}
		res := f.answer(f.quiz(), "bob", 0, inWeek1(time.Hour))
		if !res.Correct || res.Points != 0 || !res.AnsweredThisWeek {
			t.Errorf("bob's right answer after the wrong one = %+v; want right, no points, AnsweredThisWeek", res)
		}
		if b := f.board(week1, "bob", 10); b.Players != 0 || b.Me != nil {
			t.Errorf("the week's board = %+v, me %+v; want bob not on it", b, b.Me)
		}
		if res := f.answer(f.quiz(), "bob", 0, inWeek2(0)); res.Points != quiz.RightAnswerPoints {
			t.Errorf("bob next week = %+v; want the points", res)
		}
	})

	t.Run("a daily earns its points whatever was answered, and counts as the week's try", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		f.answer(f.quiz(), "carol", 0, inWeek1(time.Minute))
		daily := f.quiz(func(q *quiz.Quiz) { q.Daily, q.Points, q.Bonus = true, quiz.DailyPoints, quiz.DailyFirstBonus })
		res := f.answer(daily, "carol", 0, inWeek1(time.Hour), func(a *quiz.Answer) { a.Held = &daily })
		if res.Points != quiz.DailyPoints+quiz.DailyFirstBonus || res.AnsweredThisWeek {
			t.Errorf("the daily of q1 after a quiz of it = %+v; want the daily's points", res)
		}
		f.answer(daily, "dave", 1, inWeek1(time.Hour), fetching)
		if res := f.answer(f.quiz(), "dave", 0, inWeek1(2*time.Hour)); res.Points != 0 || !res.AnsweredThisWeek {
			t.Errorf("a quiz of q1 after the week's daily of it = %+v; want no points", res)
		}
	})

	t.Run("the outcome an earlier version kept counts, and a week's start is in it", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		// As the previous version wrote them, in the user hash: q1 last
		// answered (wrong) at the week's very start, q2 (right) just before.
		old := map[string]any{
			attemptField("q1"): week1Start.UnixMilli() * 2, attemptField("q2"): week1Start.UnixMilli()*2 - 1,
		}
		if err := h.rdb.HSet(f.ctx, scopeKeys(f.scope).user("erin"), old).Err(); err != nil {
			t.Fatal(err)
		}
		if res := f.answer(f.quiz(), "erin", 0, inWeek1(time.Minute)); res.Points != 0 || !res.AnsweredThisWeek {
			t.Errorf("q1, tried at the week's start = %+v; want no points", res)
		}
		if res := f.answer(f.quiz(func(q *quiz.Quiz) { q.QuestionID = "q2" }), "erin", 0, inWeek1(time.Minute)); res.Points != quiz.RightAnswerPoints {
			t.Errorf("q2, right last week = %+v; want the points", res)
		}
	})

	t.Run("an answer that earned nothing, written again, is told as it was", func(t *testing.T) {
		t.Parallel()
		f := newFx(t, h)
		f.answer(f.quiz(), "frank", 0, inWeek1(time.Minute))
		q := f.quiz()
		retry := func(a *quiz.Answer) { a.Delivery = "update:7" }
		first := f.answer(q, "frank", 0, inWeek1(time.Hour), retry)
		again := f.answer(q, "frank", 0, inWeek1(time.Hour), retry)
		wantStatus(t, again, quiz.AnswerScored)
		first.Quiz, again.Quiz = nil, nil // the content, when fetched, is read afresh
		if first.Points != 0 || !first.AnsweredThisWeek || again != first {
			t.Errorf("written again = %+v; want as first scored, no points: %+v", again, first)
		}
		if got := f.points(week1, "frank"); got != quiz.RightAnswerPoints {
			t.Errorf("frank has %d points, want %d", got, quiz.RightAnswerPoints)
		}
		if other := f.answer(q, "frank", 0, inWeek1(time.Hour), func(a *quiz.Answer) { a.Delivery = "update:8" }); other.Status != quiz.AnswerRepeated || other.Choice != 0 {
			t.Errorf("another delivery = %+v; want a repeat of choice 0", other)
		}
	})
}
