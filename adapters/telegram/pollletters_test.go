package telegram

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/quiz"
)

// pollOptions are the options' texts of a sendPoll call.
func pollOptions(t *testing.T, c telegramtest.Call) []string {
	t.Helper()
	var opts []struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal([]byte(c.Params.Get("options")), &opts); err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Text
	}
	return out
}

// TestAQuizPollsOptionsShowTheLettersItsFeedbackNames: a poll's options
// carry their letters (A. …), and a vote's private feedback names the
// option voted and the right one by the letters the poll shows.
func TestAQuizPollsOptionsShowTheLettersItsFeedbackNames(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/quiz etcd"))
	poll := e.await("sendPoll", 1)[0]
	options := pollOptions(t, poll)
	for i, o := range options {
		if !strings.HasPrefix(o, string(rune('A'+i))+". ") {
			t.Errorf("option %d reads %q, without its letter", i, o)
		}
	}
	var correct []int
	_ = json.Unmarshal([]byte(poll.Params.Get("correct_option_ids")), &correct)
	wrong := (correct[0] + 1) % len(options)
	e.deliver(a.Adapter, telegramtest.PollAnswer(2, poll.PollID, e.bob, wrong))
	settle(a)
	feedback := strings.Join(callTexts(to(e.api.Calls("sendMessage"), e.bob)), "\n")
	if !strings.Contains(feedback, "(you chose "+options[wrong][:1]+")") || !strings.Contains(feedback, options[correct[0]]) {
		t.Errorf("the feedback %q does not name the options as the poll shows them: %q", feedback, options)
	}
}

// TestAQuizWhoseLetteredOptionIsTooLongIsNoPoll: an option that fits
// Telegram's 100 characters only without its letter sends the quiz with
// buttons rather than a poll that would hide the letter.
func TestAQuizWhoseLetteredOptionIsTooLongIsNoPoll(t *testing.T) {
	m := quiz.Message{Quiz: &quiz.MultipleChoice{ID: "q1", Prompt: "Which?", Choices: []string{"short", strings.Repeat("x", maxPollOption-1)}, Correct: 0}}
	if _, ok := planPoll(m); ok {
		t.Errorf("an option of %d characters with its letter was planned as a poll", maxPollOption+2)
	}
	m.Quiz.Choices[1] = strings.Repeat("x", maxPollOption-3)
	if p, ok := planPoll(m); !ok || p.options[1] != "B. "+m.Quiz.Choices[1] {
		t.Errorf("an option that fits with its letter: %v %v", ok, p.options)
	}
}
