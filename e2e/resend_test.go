package e2e

import (
	"net/http"
	"sync"
	"testing"
	"time"
)

// slowAnswer is how long a fake platform may take over a call before its
// answer may come after the bot stopped waiting for it: the bot's calls
// wait 10 s (Telegram) or 15 s (Slack), counted from before the request
// reached the fake.
const slowAnswer = 5 * time.Second

// answerLost reports whether the answer to the bot's call r, which reached
// the fake at start and has just been answered, may not have reached the
// bot: it went away before the answer was written (it stopped waiting), or
// the answer took so long that it may have.
func answerLost(r *http.Request, start time.Time) bool {
	return r.Context().Err() != nil || time.Since(start) > slowAnswer
}

// resends recognises the bot sending a message again because the answer
// to its first attempt was lost: a platform that takes no idempotency key
// cannot tell the bot it took the first, so the bot sends the same reply
// again rather than risk sending none (RELIABILITY.md). Such a repeat is
// the same reply, not a second one; any other repeat is a second reply.
// The zero value is ready to use; the caller locks.
type resends struct {
	// lost holds, by destination, the text of the last send whose answer
	// was lost.
	lost map[string]string
	// count is the sends recognised as repeats.
	count int
}

// repeats counts the sends recognised as repeats, under mu.
func (r *resends) repeats(mu *sync.Mutex) int {
	mu.Lock()
	defer mu.Unlock()
	return r.count
}

// repeat records a send of text to dest, whose answer was lost or not, and
// reports whether it repeats the send before it, whose answer was lost.
func (r *resends) repeat(dest, text string, lost bool) bool {
	if r.lost == nil {
		r.lost = map[string]string{}
	}
	prev, ok := r.lost[dest]
	if lost {
		r.lost[dest] = text
	} else {
		delete(r.lost, dest)
	}
	if ok && prev == text {
		r.count++
		return true
	}
	return false
}

// TestResendsKeepARepeatOfALostAnswerOnce: only a send repeating the one
// before it to the same place, whose answer was lost, is a repeat.
func TestResendsKeepARepeatOfALostAnswerOnce(t *testing.T) {
	var r resends
	steps := []struct {
		dest, text string
		lost, want bool
	}{
		{"a", "scored", false, false},
		{"a", "scored", false, false}, // the first was answered: a second reply
		{"a", "scored", true, false},
		{"b", "scored", false, false},   // elsewhere
		{"a", "too busy", false, false}, // another text
		{"a", "scored", true, false},
		{"a", "scored", true, true}, // the bot's retry; its answer lost again
		{"a", "scored", false, true},
		{"a", "scored", false, false},
	}
	for i, s := range steps {
		if got := r.repeat(s.dest, s.text, s.lost); got != s.want {
			t.Errorf("step %d (%+v): repeat = %v, want %v", i, s, got, s.want)
		}
	}
	if r.count != 2 {
		t.Errorf("count = %d, want 2", r.count)
	}
}
