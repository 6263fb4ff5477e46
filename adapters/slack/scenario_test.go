package slack_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/redisstore"
)

// The scenarios every transport must pass: a slash command is answered, a
// quiz answer is scored once, Show answer shows the answer, a checklist
// submit grades the card.

func TestSlashCommandIsAnswered(t *testing.T) {
	tests := []struct {
		name, text string
		check      func(t *testing.T, got sent)
	}{
		{"ask replies privately with a question and its buttons", "ask pv", func(t *testing.T, got sent) {
			if !got.Private() || got.Replace || !strings.Contains(got.Sections(), "📝") {
				t.Errorf("want a new ephemeral question, got kind %q replace %v: %s", got.Kind, got.Replace, got.Sections())
			}
			got.Button(t, "s:")
			got.Button(t, "n:pv")
		}},
		{"top is posted in the channel", "top", func(t *testing.T, got sent) {
			if got.Kind != "in_channel" || !strings.Contains(got.Sections(), "leaderboard") {
				t.Errorf("want the leaderboard in the channel, got kind %q: %s", got.Kind, got.Sections())
			}
		}},
	}
	for _, tr := range transports {
		for _, tc := range tests {
			t.Run(string(tr)+": "+tc.name, func(t *testing.T) {
				t.Parallel()
				e := newEnv(t, tr, options{})
				tc.check(t, e.ask("U1", "C1", tc.text, 1)[0])
			})
		}
	}
}

func TestQuizAnswerIsScoredOnce(t *testing.T) {
	for _, tr := range transports {
		t.Run(string(tr)+": the answerer is told privately and the quiz shows the count, not the answer", func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, tr, options{})
			q := e.ask("U1", "C1", "quiz", 1)[0]
			if n := len(q.Buttons()); q.Kind != "in_channel" || n < 3 || n > 4 {
				t.Fatalf("a quiz is posted in the channel with 3 or 4 buttons, got %q with %d: %s", q.Kind, len(q.Buttons()), q.Raw)
			}
			feedback := e.press("U2", "C1", q, q.Button(t, "a:"), 1)[0]
			if !feedback.Private() || !strings.Contains(feedback.Sections(), "The right answer") {
				t.Errorf("feedback should be private and give the right answer: %s", feedback.Raw)
			}
			feedback.Button(t, "s:") // the full answer
			update := e.slack.Wait(t, 1, ToChannel("chat.update", "C1"))[0]
			if update.TS != q.TS || !strings.Contains(update.Sections(), "1 answered") || strings.Contains(update.Sections(), "The right answer") {
				t.Errorf("the quiz (ts %s) should be redrawn with its count only, got ts %s: %s", q.TS, update.TS, update.Sections())
			}

			again := e.press("U2", "C1", q, q.Button(t, "a:"), 1)[0]
			if !strings.Contains(again.Sections(), "already answered") {
				t.Errorf("a second answer should be refused, got %s", again.Sections())
			}
			if st := e.stats("U2"); st.Answered != 1 {
				t.Errorf("answered %d quizzes, want 1", st.Answered)
			}
			e.slack.Settle(t)
			if n := len(e.slack.Sent(ToChannel("chat.update", "C1"))); n != 1 {
				t.Errorf("the quiz was redrawn %d times, want once", n)
			}
		})
		t.Run(string(tr)+": five concurrent presses score once", func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, tr, options{})
			q := e.ask("U1", "C1", "quiz", 1)[0]
			button := q.Button(t, "a:")
			var wg sync.WaitGroup
			hooks := make([]string, 5)
			for i := range hooks {
				cb := e.click("U2", "C1", q, button)
				hooks[i] = cb.ResponseURL
				wg.Go(func() {
					if err := e.send("interactive", cb); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			scored, repeated := 0, 0
			for _, h := range hooks {
				m := e.slack.Wait(t, 1, ToHook(h))[0]
				switch {
				case strings.Contains(m.Sections(), "already answered"):
					repeated++
				case strings.Contains(m.Sections(), "The right answer"):
					scored++
				}
			}
			if scored != 1 || repeated != 4 {
				t.Errorf("got %d scored and %d repeated answers, want 1 and 4", scored, repeated)
			}
			if st := e.stats("U2"); st.Answered != 1 {
				t.Errorf("answered %d quizzes, want 1", st.Answered)
			}
		})
	}
}

// questionWithKeyPoints is a shipped question with a checklist.
func questionWithKeyPoints(t *testing.T) *bank.Question {
	for _, q := range shippedBank(t).Questions() {
		if len(q.KeyPoints) >= 3 && rich.Len(q.Answer) < 2000 {
			return q
		}
	}
	t.Fatal("no shipped question with a checklist")
	return nil
}

func TestShowAnswerAndChecklist(t *testing.T) {
	for _, tr := range transports {
		t.Run(string(tr)+": Show answer gives the answer and the grades; a checklist submit grades it", func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, tr, options{})
			q := questionWithKeyPoints(t)
			card := e.ask("U1", "C1", "ask "+q.ID, 1)[0]
			answer := e.press("U1", "C1", card, card.Button(t, "s:"+q.ID), 1)[0]
			if !answer.Private() || !strings.Contains(answer.Sections(), "💡") {
				t.Fatalf("Show answer should reply privately with the answer: %s", answer.Raw)
			}
			for _, g := range []string{"g:" + q.ID + ":1", "g:" + q.ID + ":4"} {
				answer.Button(t, g)
			}

			list := e.press("U1", "C1", answer, answer.Button(t, "c:"+q.ID), 1)[0]
			boxes := 0
			for _, b := range list.Blocks {
				for _, el := range b.Elements {
					if el.Type == "checkboxes" {
						boxes += len(el.Options)
					}
				}
			}
			if boxes != len(q.KeyPoints) {
				t.Fatalf("the checklist has %d boxes, want %d: %s", boxes, len(q.KeyPoints), list.Raw)
			}
			submit := byAction(t, list, "kq.submit")
			got := e.press("U1", "C1", list, submit, 2, 0, 1)
			var replaced, graded bool
			for _, m := range got {
				replaced = replaced || m.Replace
				graded = graded || strings.Contains(m.Sections(), "You covered 2 of")
			}
			if !replaced || !graded {
				t.Errorf("submit should replace the checklist and report 2 points covered: %s", e.slack.dump())
			}
			if st := e.stats("U1"); st.Reviews != 1 || st.Answered != 0 {
				t.Errorf("got %d reviews and %d answers, want 1 review and no points", st.Reviews, st.Answered)
			}
		})
	}
}

// byAction finds an element of a message by action ID.
func byAction(t *testing.T, m sent, id string) sentElement {
	t.Helper()
	for _, b := range m.Blocks {
		for _, el := range b.Elements {
			if el.ActionID == id {
				return el
			}
		}
	}
	t.Fatalf("no element %q in %s", id, m.Raw)
	return sentElement{}
}

// TestAGradeIsGivenOncePerReveal presses Good twice on one reveal: the
// second press is told it was graded, and one review is recorded.
func TestAGradeIsGivenOncePerReveal(t *testing.T) {
	for _, tr := range transports {
		t.Run(string(tr), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, tr, options{})
			card := e.ask("U1", "C1", "ask pv", 1)[0]
			shown := e.press("U1", "C1", card, card.Button(t, "s:"), 1)[0]
			good := shown.Button(t, "g:")
			for _, b := range shown.Buttons() {
				if strings.Contains(b.Value, ":3:") {
					good = b
				}
			}
			if got := e.press("U1", "C1", shown, good, 1)[0]; !strings.Contains(got.Sections(), "Recorded: Good") {
				t.Fatalf("the first press: %s", got.Raw)
			}
			if got := e.press("U1", "C1", shown, good, 1)[0]; !strings.Contains(got.Sections()+got.Text, "graded this one already") {
				t.Errorf("the second press on the same reveal: %s", got.Raw)
			}
			if st := e.stats("U1"); st.Reviews != 1 {
				t.Errorf("%d reviews recorded, want 1", st.Reviews)
			}
		})
	}
}

// TestAWrongQuizAnswerBringsTheQuestionBack answers a quiz wrong: the next
// ask offers its question, due for review.
func TestAWrongQuizAnswerBringsTheQuestionBack(t *testing.T) {
	for _, tr := range transports {
		t.Run(string(tr), func(t *testing.T) {
			t.Parallel()
			rdb, _ := testkit.Redis(t)
			store := redisstore.New(rdb)
			clock := testkit.NewClock(time.Now())
			core, err := quiz.New(quiz.Config{Bank: testkit.ShippedBank(t), Quizzes: shippedQuizzes(t), Store: store, Lang: "en", Now: clock.Now})
			if err != nil {
				t.Fatal(err)
			}
			e := newEnv(t, tr, options{core: core, store: store})
			q := e.ask("U1", "C1", "quiz etcd", 1)[0]
			var wrong sentElement
			for _, b := range q.Buttons() {
				if !e.isRight(t, b.Value) {
					wrong = b
				}
			}
			feedback := e.press("U1", "C1", q, wrong, 1)[0]
			missed := strings.TrimPrefix(feedback.Button(t, "s:").Value, "s:")
			clock.Advance(time.Hour)
			next := e.ask("U1", "C1", "ask", 1)[0]
			if got := strings.TrimPrefix(next.Button(t, "s:").Value, "s:"); got != missed || !strings.Contains(next.Sections(), "due for review") {
				t.Errorf("after a wrong answer to %s, ask offered %s: %s", missed, got, next.Sections())
			}
		})
	}
}
