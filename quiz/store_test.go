package quiz_test

import (
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestAQuizAcceptsAnAnswerFromItsChannelWithOneOfItsChoicesBeforeItCloses
// pins quiz.Quiz.Accepts: the channel, the choice's range and the closing
// time each refuse on their own; the closing time counts to the
// millisecond, as the store compares it (an answer in the millisecond the
// quiz closes is refused, even if a fraction earlier), and a quiz with no
// closing time takes answers whenever they come.
func TestAQuizAcceptsAnAnswerFromItsChannelWithOneOfItsChoicesBeforeItCloses(t *testing.T) {
	t.Parallel()
	closes := time.Date(2026, 11, 30, 12, 0, 0, 900_000, time.UTC) // 0.9 ms past the minute
	q := &quiz.Quiz{ID: "q1", Channel: "chan-1", Choices: []string{"a", "b", "c"}, Correct: 1, Closes: closes}
	ok := quiz.Answer{Channel: "chan-1", Choice: 0, At: closes.Add(-time.Millisecond)}
	for _, c := range []struct {
		name string
		q    *quiz.Quiz
		mod  func(*quiz.Answer)
		want bool
	}{
		{"the common answer", q, func(*quiz.Answer) {}, true},
		{"the last choice", q, func(a *quiz.Answer) { a.Choice = 2 }, true},
		{"another channel", q, func(a *quiz.Answer) { a.Channel = "chan-2" }, false},
		{"a choice below the first", q, func(a *quiz.Answer) { a.Choice = -1 }, false},
		{"a choice past the last", q, func(a *quiz.Answer) { a.Choice = 3 }, false},
		{"as it closes", q, func(a *quiz.Answer) { a.At = closes }, false},
		{"after it closed", q, func(a *quiz.Answer) { a.At = closes.Add(time.Hour) }, false},
		{"earlier in the millisecond it closes", q, func(a *quiz.Answer) { a.At = closes.Add(-400 * time.Microsecond) }, false},
		{"a quiz that never closes, a year on", &quiz.Quiz{Channel: "chan-1", Choices: q.Choices}, func(a *quiz.Answer) { a.At = closes.AddDate(1, 0, 0) }, true},
		{"a quiz with no choices", &quiz.Quiz{Channel: "chan-1"}, func(*quiz.Answer) {}, false},
	} {
		a := ok
		c.mod(&a)
		if got := c.q.Accepts(a); got != c.want {
			t.Errorf("%s: Accepts(channel %q, choice %d, at %s) = %v, want %v", c.name, a.Channel, a.Choice, a.At.Format(time.RFC3339Nano), got, c.want)
		}
	}
}
