package redisstore

import (
	"context"
	"reflect"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/redis/go-redis/v9"
)

// TestExportImportAndForget runs on every backend: a scope's data exported
// and imported into another scope reads the same there, its time zone
// too; an import into a scope with data is refused unless it replaces it;
// forgetting a user leaves nothing of them, and the scope's zone.
func TestExportImportAndForget(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			h := b.open(t)
			f := newFx(t, h)
			q := f.quiz(func(q *quiz.Quiz) { q.QuestionID = "qa"; q.Item, q.For = "qa.w1", "alice" })
			f.answer(q, "alice", q.Correct, func(a *quiz.Answer) { a.UserName = "Alice" })
			f.answer(q, "bob", q.Correct, func(a *quiz.Answer) { a.UserName = "Bob" })
			f.review("alice", "qa", day0, true)
			if err := f.st.SetLanguage(f.ctx, f.scope, "alice", "en"); err != nil {
				t.Fatal(err)
			}
			if err := f.st.SaveDaily(f.ctx, quiz.DailySettings{Platform: "test", Scope: f.scope, Channel: "C1", Hour: 9, Zone: "UTC", Since: t0, Lang: "en"}); err != nil {
				t.Fatal(err)
			}
			if err := f.st.SetScopeZone(f.ctx, f.scope, "Europe/Berlin"); err != nil {
				t.Fatal(err)
			}

			data, err := f.st.ExportScope(f.ctx, f.scope)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := MarshalScope(data)
			if err != nil {
				t.Fatal(err)
			}
			back, err := UnmarshalScope(raw)
			if err != nil || !reflect.DeepEqual(back.Keys, data.Keys) {
				t.Fatalf("the export does not read back: %v", err)
			}

			to := newScope(t)
			if n, err := f.st.ImportScope(f.ctx, to, back, false); err != nil || n != len(data.Keys) {
				t.Fatalf("import: %d keys, %v", n, err)
			}
			for _, user := range []string{"alice", "bob"} {
				was, _ := f.st.Stats(f.ctx, f.scope, user, week1)
				now, err := f.st.Stats(f.ctx, to, user, week1)
				if err != nil || !reflect.DeepEqual(was, now) {
					t.Errorf("%s's stats after the import:\n%+v\nwant\n%+v (%v)", user, now, was, err)
				}
			}
			if b, _ := f.st.Leaderboard(f.ctx, quiz.BoardQuery{Scope: to, Week: week1, User: "alice", Limit: 10}); b.Players != 2 || b.Me == nil || b.Me.Name != "Alice" {
				t.Errorf("the imported board: %+v, me %+v", b, b.Me)
			}
			if d, ok, err := f.st.Daily(f.ctx, to, "C1"); err != nil || !ok || d.Hour != 9 {
				t.Errorf("the imported daily: %+v, %v, %v", d, ok, err)
			}
			if z, err := f.st.ScopeZone(f.ctx, to); err != nil || z != "Europe/Berlin" {
				t.Errorf("the imported scope's zone is %q (%v), want Europe/Berlin", z, err)
			}
			if ttl, _ := h.rdb.PTTL(f.ctx, scopeKeys(to).quiz(q.ID)).Result(); ttl <= 0 || ttl > time.Hour {
				t.Errorf("the imported quiz's TTL is %v, want the exported one", ttl)
			}
			if _, err := f.st.ImportScope(f.ctx, to, back, false); err == nil {
				t.Error("an import into a scope with data was not refused")
			}
			if _, err := f.st.ImportScope(f.ctx, to, back, true); err != nil {
				t.Errorf("an import replacing a scope's data: %v", err)
			}
			bad := back
			bad.Version = 99
			if _, err := f.st.ImportScope(f.ctx, newScope(t), bad, false); err == nil {
				t.Error("an export of an unknown version was imported")
			}

			users, err := f.st.FindUsers(f.ctx, to, "alice")
			if err != nil || !reflect.DeepEqual(users, []quiz.FoundUser{{ID: "alice", Name: "Alice"}}) {
				t.Fatalf("FindUsers(alice) = %v, %v", users, err)
			}
			if forgot, err := f.st.Forget(f.ctx, to, "alice"); err != nil || !forgot {
				t.Fatalf("Forget: %v, %v", forgot, err)
			}
			st, _ := f.st.Stats(f.ctx, to, "alice", week1)
			if st.Points != 0 || st.Answered != 0 || st.Reviews != 0 || st.Lang != "" || len(st.Cards) != 0 {
				t.Errorf("alice's stats after forgetting her: %+v", st)
			}
			if b, _ := f.st.Leaderboard(f.ctx, quiz.BoardQuery{Scope: to, User: "alice", Limit: 10}); b.Players != 1 || b.Me != nil {
				t.Errorf("the board after forgetting alice: %+v", b)
			}
			if res := f.st; res != nil {
				r, err := f.st.Answer(f.ctx, quiz.Answer{Scope: to, Channel: q.Channel, QuizID: q.ID, User: "alice", Choice: 1, At: t0, Day: day0, Week: week1})
				if err != nil || r.Status != quiz.AnswerScored || r.Answered != 2 {
					t.Errorf("alice answering the quiz again after being forgotten: %+v, %v; want it scored, the second of two answers", r, err)
				}
			}
			if forgot, _ := f.st.Forget(f.ctx, to, "nobody"); forgot {
				t.Error("forgetting a user the scope never had reports something forgotten")
			}
			if z, err := f.st.ScopeZone(f.ctx, to); err != nil || z != "Europe/Berlin" {
				t.Errorf("after forgetting a user the scope's zone is %q (%v), want it kept", z, err)
			}
		})
	}
}

// TestAnImportedDailyIsRevealed: a team moved by export and import while
// its daily is posted but not revealed gets that reveal where it now is;
// a daily revealed before the export is not revealed again.
func TestAnImportedDailyIsRevealed(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			f := newFx(t, b.open(t))
			platform := "imp" + strconv.FormatInt(scopeSeq.Add(1), 10) // Due reads every scope of a platform
			for _, date := range []string{"2026-03-01", "2026-03-02"} {
				p := quiz.DailyPost{Platform: platform, Scope: f.scope, Channel: "C1", Date: date, QuizID: "q" + date, QuestionID: "qa",
					PostedAt: t0, RevealAt: t0.Add(8 * time.Hour), Lang: "en"}
				if err := f.st.SavePost(f.ctx, p); err != nil {
					t.Fatal(err)
				}
			}
			// The first was revealed: claimed, and taken off the schedule.
			revealed := quiz.DailyPost{Platform: platform, Scope: f.scope, Channel: "C1", Date: "2026-03-01"}
			if ok, err := f.st.Claim(f.ctx, f.scope, "C1", revealed.Date, "reveal"); err != nil || !ok {
				t.Fatalf("claiming the first reveal: %v, %v", ok, err)
			}
			if err := f.st.FinishReveals(f.ctx, revealed); err != nil {
				t.Fatal(err)
			}
			data, err := f.st.ExportScope(f.ctx, f.scope)
			if err != nil {
				t.Fatal(err)
			}
			to := newScope(t)
			if _, err := f.st.ImportScope(f.ctx, to, data, false); err != nil {
				t.Fatal(err)
			}
			due, err := f.st.Due(f.ctx, []string{platform}, t0.Add(9*time.Hour), 100)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range due.Reveals {
				if r.Scope == to {
					got = append(got, r.Date)
				}
			}
			if !slices.Equal(got, []string{"2026-03-02"}) {
				t.Errorf("reveals due in the imported scope: %v; want the one not revealed, 2026-03-02", got)
			}
		})
	}
}

// commandCounter counts the commands a client sends.
type commandCounter struct{ n atomic.Int64 }

func (c *commandCounter) DialHook(next redis.DialHook) redis.DialHook { return next }
func (c *commandCounter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error { c.n.Add(1); return next(ctx, cmd) }
}
func (c *commandCounter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error { c.n.Add(int64(len(cmds))); return next(ctx, cmds) }
}

// TestForgettingSomeoneWithNothingKeptIsCheap: "forget me" pressed by a
// user the scope keeps nothing about (again and again, say) costs one
// command, not a SCAN of every key on the server; someone with data is
// still forgotten.
func TestForgettingSomeoneWithNothingKeptIsCheap(t *testing.T) {
	t.Parallel()
	rdb := redistest.Shared(t).Client(t)
	var count commandCounter
	rdb.AddHook(&count)
	st := preloaded(t, rdb)
	f := &fx{t: t, st: st, scope: newScope(t), ctx: ctxFor(t)}
	q := f.quiz()
	f.answer(q, "alice", q.Correct)
	before := count.n.Load()
	if forgot, err := st.Forget(f.ctx, f.scope, "nobody"); err != nil || forgot {
		t.Fatalf("Forget(nobody) = %v, %v", forgot, err)
	}
	if n := count.n.Load() - before; n != 1 {
		t.Errorf("forgetting someone with nothing kept took %d commands, want 1", n)
	}
	if forgot, err := st.Forget(f.ctx, f.scope, "alice"); err != nil || !forgot {
		t.Fatalf("Forget(alice) = %v, %v", forgot, err)
	}
	before = count.n.Load()
	if forgot, err := st.Forget(f.ctx, f.scope, "alice"); err != nil || forgot || count.n.Load()-before != 1 {
		t.Errorf("forgetting alice a second time = %v, %v, %d commands; want nothing forgotten, 1 command", forgot, err, count.n.Load()-before)
	}
}
