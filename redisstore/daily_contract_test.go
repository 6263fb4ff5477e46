package redisstore

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestDailyStoreContract runs the daily store's contract on every backend.
func TestDailyStoreContract(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { runDailyContract(t, b.open(t)) })
	}
}

func runDailyContract(t *testing.T, h *harness) {
	t.Run("settings turn on, list and turn off", func(t *testing.T) {
		f := newFx(t, h)
		d := quiz.DailySettings{Platform: "slack", Scope: f.scope, Channel: "C9", Hour: 9, Minute: 30, Zone: "Europe/London", Since: t0, Lang: "en"}
		if err := f.st.SaveDaily(f.ctx, d); err != nil {
			t.Fatal(err)
		}
		got, ok, err := f.st.Daily(f.ctx, f.scope, "C9")
		if err != nil || !ok || got.Hour != 9 || got.Minute != 30 || got.Zone != "Europe/London" || !got.Since.Equal(t0) || got.Platform != "slack" || got.Lang != "en" {
			t.Fatalf("Daily = %+v, %v, %v", got, ok, err)
		}
		all, err := f.st.DailyChannels(f.ctx)
		if err != nil || !slices.ContainsFunc(all, func(x quiz.DailySettings) bool { return x.Scope == f.scope && x.Channel == "C9" }) {
			t.Fatalf("DailyChannels lacks the channel: %v %v", all, err)
		}
		if err := f.st.StopDaily(f.ctx, f.scope, "C9"); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := f.st.Daily(f.ctx, f.scope, "C9"); ok {
			t.Error("a stopped daily is still on")
		}
		all, _ = f.st.DailyChannels(f.ctx)
		if slices.ContainsFunc(all, func(x quiz.DailySettings) bool { return x.Scope == f.scope && x.Channel == "C9" }) {
			t.Error("a stopped daily is still listed")
		}
	})

	t.Run("a claim is taken once among concurrent callers and is never released", func(t *testing.T) {
		f := newFx(t, h)
		var won atomic.Int64
		var wg sync.WaitGroup
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if ok, err := f.st.Claim(f.ctx, f.scope, "C1", "2026-12-01", "post"); err != nil {
					t.Error(err)
				} else if ok {
					won.Add(1)
				}
			}()
		}
		wg.Wait()
		if won.Load() != 1 {
			t.Errorf("%d callers took the claim", won.Load())
		}
		if ok, _ := f.st.Claimed(f.ctx, f.scope, "C1", "2026-12-01", "post"); !ok {
			t.Error("Claimed does not see the claim")
		}
		if ok, _ := f.st.Claimed(f.ctx, f.scope, "C1", "2026-12-01", "reveal"); ok {
			t.Error("another action is claimed too")
		}
		if ok, _ := f.st.Claim(f.ctx, f.scope, "C1", "2026-12-02", "post"); !ok {
			t.Error("the next date could not be claimed")
		}
	})

	t.Run("posts are recorded, due for reveal in time order and unscheduled", func(t *testing.T) {
		f := newFx(t, h)
		p := quiz.DailyPost{Platform: "telegram", Scope: f.scope, Channel: "-100", Date: "2026-12-01", QuizID: "quizdaly",
			QuestionID: "abcdef", MessageID: "77", PostedAt: t0, RevealAt: t0.Add(8 * time.Hour), Lang: "zh"}
		if err := f.st.SavePost(f.ctx, p); err != nil {
			t.Fatal(err)
		}
		last, ok, err := f.st.LastPost(f.ctx, f.scope, "-100")
		if err != nil || !ok || last.QuizID != p.QuizID || last.MessageID != "77" || !last.RevealAt.Equal(p.RevealAt) || last.Date != p.Date {
			t.Fatalf("LastPost = %+v, %v, %v", last, ok, err)
		}
		due := func(at time.Time) bool {
			ps, err := f.st.DueReveals(f.ctx, at)
			if err != nil {
				t.Fatal(err)
			}
			return slices.ContainsFunc(ps, func(x quiz.DailyPost) bool { return x.Scope == f.scope && x.Date == p.Date })
		}
		if due(p.RevealAt.Add(-time.Second)) {
			t.Error("due before its reveal time")
		}
		if !due(p.RevealAt) {
			t.Error("not due at its reveal time")
		}
		if err := f.st.FinishReveal(f.ctx, p); err != nil {
			t.Fatal(err)
		}
		if due(p.RevealAt.Add(time.Hour)) {
			t.Error("still due after FinishReveal")
		}
	})

	t.Run("results list the right answerers in order and the week's top", func(t *testing.T) {
		f := newFx(t, h)
		q := f.quiz(func(q *quiz.Quiz) { q.Daily, q.Points, q.Bonus, q.Correct = true, 20, 5, 1 })
		for _, u := range []string{"carol", "alice", "bob"} {
			f.answer(q, u, 1)
		}
		f.answer(q, "dave", 0)
		p := quiz.DailyPost{Scope: f.scope, Channel: q.Channel, QuizID: q.ID, Date: "2026-12-01"}
		res, err := f.st.DailyResults(f.ctx, p, week1, 2, 5)
		if err != nil {
			t.Fatal(err)
		}
		if res.Answered != 4 || res.RightCount != 3 || !slices.Equal(res.Right, []string{"CAROL", "ALICE"}) {
			t.Errorf("results = %+v", res)
		}
		if len(res.Top) != 3 || res.Top[0].Name != "CAROL" || res.Top[0].Points != 25 || res.Top[1].Rank != 2 || res.Top[2].Rank != 2 {
			t.Errorf("top = %+v; want carol, then alice and bob tied (dave's wrong answer earns no place)", res.Top)
		}
		acc, err := f.st.ChannelAccuracy(f.ctx, f.scope, q.Channel)
		if err != nil || acc["pod"] != (quiz.TopicScore{Tries: 4, Right: 3}) {
			t.Errorf("channel accuracy = %+v, %v", acc, err)
		}
	})

	t.Run("used questions are numbered in order of use", func(t *testing.T) {
		f := newFx(t, h)
		for _, id := range []string{"aaaaaa", "bbbbbb", "aaaaaa"} {
			if err := f.st.MarkUsed(f.ctx, f.scope, "C1", id); err != nil {
				t.Fatal(err)
			}
		}
		used, err := f.st.UsedQuestions(f.ctx, f.scope, "C1")
		if err != nil || len(used) != 2 || used["bbbbbb"] != 2 || used["aaaaaa"] != 3 {
			t.Errorf("used = %v, %v", used, err)
		}
	})

	t.Run("a closed quiz takes no more answers", func(t *testing.T) {
		f := newFx(t, h)
		q := f.quiz()
		if err := f.st.CloseQuiz(f.ctx, f.scope, q.ID, t0); err != nil {
			t.Fatal(err)
		}
		wantStatus(t, f.answer(q, "alice", 0), quiz.AnswerClosed)
		if err := f.st.CloseQuiz(f.ctx, f.scope, "gonegone", t0); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := f.st.LoadQuiz(f.ctx, f.scope, "gonegone"); ok {
			t.Error("closing a missing quiz created it")
		}
		got, ok, err := f.st.LoadQuiz(f.ctx, f.scope, q.ID)
		if err != nil || !ok || got.Prompt != q.Prompt || !got.Closes.Equal(t0) {
			t.Errorf("LoadQuiz = %+v, %v, %v", got, ok, err)
		}
	})
}
