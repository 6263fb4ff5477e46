package quiz_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// TestADailyAnsweredAfterTheWeeksLastMidnightCountsInItsWeek, on a real
// redis-server: a daily posted late on a Sunday and answered right just
// after midnight, on the Monday of a new week, before its reveal. A
// daily's points count in the week it was posted: the answer's points go
// to that week's board, not the new week's, its feedback says so, and the
// reveal's top five of the week it was posted in names its answerer.
func TestADailyAnsweredAfterTheWeeksLastMidnightCountsInItsWeek(t *testing.T) {
	e := newEnvOn(t, redistest.Shared(t).Client(t))
	out := &outbox{now: e.clock.Now}
	quiz.NewScheduler(e.svc, quiz.SchedulerConfig{Outboxes: map[string]quiz.Outbox{"test": out}})
	e.clock.Set(time.Date(2026, 12, 6, 23, 0, 0, 0, shanghai)) // Sunday of 2026-W49
	if r := e.cmd("admin", "daily now"); !strings.Contains(r.Notice, "is posted") {
		t.Fatalf("daily now says %q", r.Notice)
	}
	card := out.all()[0].msg.Quiz
	right := quiz.AnswerPayload(card.ID, card.Correct)
	e.press("bob", right) // on the Sunday: 25 points, the first right answer

	e.clock.Set(time.Date(2026, 12, 7, 0, 10, 0, 0, shanghai)) // Monday of 2026-W50
	// A quiz answered on the Monday earns this week's points, the new week's.
	quizAnswer := quizCard(t, e.cmd("ann", "quiz etcd"))
	e.press("ann", quiz.AnswerPayload(quizAnswer.ID, quizAnswer.Correct))
	r := e.press("ann", right)
	if !r.Scored || !strings.Contains(text(r), "+20 points") || !strings.Contains(text(r), "counted in the week the daily was posted in (20 that week)") {
		t.Errorf("the daily's feedback on the Monday:\n%s", text(r))
	}
	if got := e.board(weekKey(2026, 49)); len(got.Entries) != 2 || got.Entries[0].Points != 25 || got.Entries[1].Points != 20 {
		t.Errorf("the board of the week the daily was posted in: %+v; want bob 25, ann 20", got.Entries)
	}
	if got := e.board(weekKey(2026, 50)); len(got.Entries) != 1 || got.Entries[0].Points != quiz.RightAnswerPoints {
		t.Errorf("the new week's board: %+v; want ann with the quiz's points alone", got.Entries)
	}
	if st := e.stats("ann"); st.WeekPoints != quiz.RightAnswerPoints || st.Points != quiz.RightAnswerPoints+quiz.DailyPoints {
		t.Errorf("ann's stats on the Monday: week %d, all time %d; want %d and %d", st.WeekPoints, st.Points,
			quiz.RightAnswerPoints, quiz.RightAnswerPoints+quiz.DailyPoints)
	}

	e.clock.Advance(time.Hour) // before the reveal time
	if r := e.cmd("admin", "daily reveal"); !strings.Contains(r.Notice, "is revealed") {
		t.Fatalf("daily reveal says %q", r.Notice)
	}
	rev := rich.Plain(out.all()[1].msg.Blocks)
	for _, want := range []string{"2 answered, 2 right.", "Top five of the week it was posted in, ties included:", "bob — 25 pts", "ann — 20 pts"} {
		if !strings.Contains(rev, want) {
			t.Errorf("the reveal lacks %q:\n%s", want, rev)
		}
	}
}
