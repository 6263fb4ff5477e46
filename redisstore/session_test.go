package redisstore

import (
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestSessionContract runs on every backend: a user's session keeps what
// they drew last and its topic, the question of their last flashcard and
// when they drew it, and their last quiz asked for, each
// written with what it records, for quiz.SessionTTL; a quiz nobody asked
// for (a daily) is nobody's; forgetting the user drops it.
func TestSessionContract(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			f := newFx(t, b.open(t))
			session := func(user string, want quiz.Session) {
				t.Helper()
				if got, err := f.st.Session(f.ctx, f.scope, user); err != nil || got != want {
					t.Errorf("Session(%s) = %+v, %v; want %+v", user, got, err, want)
				}
			}
			session("u", quiz.Session{})
			if err := f.st.MarkSeen(f.ctx, quiz.Draw{Scope: f.scope, User: "u", QuestionID: "qa", At: t0, Topic: "存储 网络"}); err != nil {
				t.Fatal(err)
			}
			drawn := t0.UTC()
			session("u", quiz.Session{Drew: quiz.DrewCard, Topic: "存储 网络", Question: "qa", At: drawn})
			q := f.quiz(func(q *quiz.Quiz) { q.For, q.Asked = "u", "etcd" })
			session("u", quiz.Session{Drew: quiz.DrewQuiz, Topic: "etcd", Question: "qa", At: drawn, Quiz: q.ID})
			f.quiz(func(q *quiz.Quiz) { q.Daily = true })
			session("u", quiz.Session{Drew: quiz.DrewQuiz, Topic: "etcd", Question: "qa", At: drawn, Quiz: q.ID})
			if err := f.st.MarkSeen(f.ctx, quiz.Draw{Scope: f.scope, User: "u", QuestionID: "qb", At: t0.Add(time.Minute)}); err != nil {
				t.Fatal(err)
			}
			session("u", quiz.Session{Drew: quiz.DrewCard, Question: "qb", At: drawn.Add(time.Minute), Quiz: q.ID})
			session("v", quiz.Session{})
			// A confirmation asked of u is theirs (not v's, whom it
			// forgets) until u draws again.
			if err := f.st.HoldConfirmation(f.ctx, f.scope, "tok", "v", "u", time.Minute); err != nil {
				t.Fatal(err)
			}
			session("u", quiz.Session{Drew: quiz.DrewCard, Question: "qb", At: drawn.Add(time.Minute), Quiz: q.ID, Confirm: "tok"})
			session("v", quiz.Session{})
			if err := f.st.MarkSeen(f.ctx, quiz.Draw{Scope: f.scope, User: "u", QuestionID: "qb", At: t0.Add(time.Minute)}); err != nil {
				t.Fatal(err)
			}
			session("u", quiz.Session{Drew: quiz.DrewCard, Question: "qb", At: drawn.Add(time.Minute), Quiz: q.ID})
			// A card drawn for a delivery keeps it, and whether it was stale,
			// also in what Practice reads; a card drawn after, without one,
			// keeps neither.
			if err := f.st.MarkSeen(f.ctx, quiz.Draw{Scope: f.scope, User: "u", QuestionID: "qc", At: t0, Delivery: "d-1", Stale: true}); err != nil {
				t.Fatal(err)
			}
			delivered := quiz.Session{Drew: quiz.DrewCard, Question: "qc", At: drawn, Quiz: q.ID, Delivery: "d-1", Stale: true}
			session("u", delivered)
			if p, err := f.st.Practice(f.ctx, f.scope, "u"); err != nil || p.Last != delivered {
				t.Errorf("Practice's last draw = %+v, %v; want %+v", p.Last, err, delivered)
			}
			if err := f.st.MarkSeen(f.ctx, quiz.Draw{Scope: f.scope, User: "u", QuestionID: "qb", At: t0.Add(time.Minute)}); err != nil {
				t.Fatal(err)
			}
			session("u", quiz.Session{Drew: quiz.DrewCard, Question: "qb", At: drawn.Add(time.Minute), Quiz: q.ID})
			ttl, err := f.h.rdb.PTTL(f.ctx, scopeKeys(f.scope).session("u")).Result()
			if err != nil || ttl <= quiz.SessionTTL-time.Minute || ttl > quiz.SessionTTL {
				t.Errorf("the session's TTL is %s, %v; want about %s", ttl, err, quiz.SessionTTL)
			}
			if forgot, err := f.st.Forget(f.ctx, f.scope, "u"); !forgot || err != nil {
				t.Fatalf("Forget: %v, %v", forgot, err)
			}
			session("u", quiz.Session{})
		})
	}
}

// TestUserAnswerContract runs on every backend: a quiz's channel, options
// and when it was made, and each user's first answer to it, right or
// wrong, and when they answered its question, as an answer left them; a
// quiz not kept is not found.
func TestUserAnswerContract(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			f := newFx(t, b.open(t))
			read := func(id, user string, want quiz.UserAnswer) {
				t.Helper()
				if got, err := f.st.UserAnswer(f.ctx, f.scope, id, user); err != nil || got != want {
					t.Errorf("UserAnswer(%s, %s) = %+v, %v; want %+v", id, user, got, err, want)
				}
			}
			read("nosuchqz", "u", quiz.UserAnswer{})
			q := f.quiz()
			open := quiz.UserAnswer{Found: true, Channel: "C1", Choices: 4, Created: t0.UTC()}
			read(q.ID, "u", open)
			f.answer(q, "u", 2)
			f.answer(q, "u", 1) // only the first counts
			f.answer(q, "v", q.Correct)
			f.answer(q, "v", q.Correct, func(a *quiz.Answer) { a.Delivery = "again" })
			answered := open
			answered.Answered, answered.Choice, answered.At = true, 2, t0.Add(time.Minute).UTC() // when the question was answered
			read(q.ID, "u", answered)
			answered.Choice = q.Correct
			read(q.ID, "v", answered)
			read(q.ID, "w", open)
			// A right answer that earned nothing, its question answered this week.
			again := f.quiz()
			if res := f.answer(again, "v", again.Correct, func(a *quiz.Answer) { a.WeekStart = t0.Add(-time.Hour) }); !res.AnsweredThisWeek {
				t.Fatalf("the second right answer this week: %+v", res)
			}
			read(again.ID, "v", answered)
		})
	}
}
