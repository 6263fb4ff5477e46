package telegram

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
)

// TestAQuizPollWhoseOwnerCannotBeSavedIsStoppedAndTheGroupTold fills the
// real redis-server the bot uses (every write answered OOM) while a
// group's quiz poll is being sent, after its quiz was stored: the poll's
// owner, which its votes are scored by, cannot be saved. Rather than stay
// open to votes that would never count, the poll is stopped and the group
// told, in reply to it, that the quiz could not be kept.
func TestAQuizPollWhoseOwnerCannotBeSavedIsStoppedAndTheGroupTold(t *testing.T) {
	t.Parallel()
	e, srv, gate, _ := quizPollOnItsWay(t)
	srv.Fill(t, true)
	t.Cleanup(func() { srv.Fill(t, false) }) // before the adapter stops, so that it empties its inbox
	gate.Open()

	poll := e.await("sendPoll", 1)[0]
	stop := e.await("stopPoll", 1)[0]
	if got := stop.Params.Get("message_id"); got != strconv.Itoa(poll.MessageID) {
		t.Errorf("stopPoll stopped message %s, want the poll's, %d", got, poll.MessageID)
	}
	var told string
	testkit.Eventually(t, "the group told", func() bool {
		for _, c := range e.api.Calls("sendMessage") {
			if c.OK() && c.Params.Get("chat_id") == strconv.FormatInt(e.group, 10) && strings.Contains(c.Params.Get("text"), "could not be kept") {
				told = c.Params.Get("reply_parameters")
				return true
			}
		}
		return false
	})
	if !strings.Contains(told, `"message_id":`+strconv.Itoa(poll.MessageID)) {
		t.Errorf("the group was told in a message whose reply_parameters are %s, want a reply to the poll %d", told, poll.MessageID)
	}
	if !strings.Contains(e.logs.String(), "the poll is stopped") {
		t.Errorf("the operator was not told the poll was stopped:\n%s", e.logs.String())
	}
}

// TestAQuizPollWhoseOwnerSaveFailsOnceIsKeptByTheRetry: Redis is full
// when a group's quiz poll has just been sent, and has room again right
// after its owner's first save was refused; the save is tried again, so
// the poll stays open and a vote on it is scored.
func TestAQuizPollWhoseOwnerSaveFailsOnceIsKeptByTheRetry(t *testing.T) {
	t.Parallel()
	e, srv, gate, a := quizPollOnItsWay(t)
	srv.Fill(t, true)
	refused := oomErrors(t, e)
	gate.Open()
	testkit.Eventually(t, "the poll's owner refused", func() bool { return oomErrors(t, e) > refused })
	srv.Fill(t, false)

	poll := e.await("sendPoll", 1)[0]
	e.deliver(a.Adapter, telegramtest.PollAnswer(2, poll.PollID, e.bob, correctOption(t, poll)))
	testkit.Eventually(t, "the vote scored", func() bool { return e.points(e.group, e.bob) == quiz.RightAnswerPoints })
	settle(a)
	if n := len(e.api.Calls("stopPoll")); n != 0 {
		t.Errorf("the poll was stopped (%d stopPoll calls), though its owner was saved on a retry", n)
	}
}

// quizPollOnItsWay is an env on a redis-server of its own, srv, whose
// group has asked for a quiz: the quiz is stored, and its poll's send is
// held by gate.
func quizPollOnItsWay(t *testing.T) (*env, *redistest.Server, *telegramtest.Gate, running) {
	t.Helper()
	e := newEnv(t)
	srv := e.onRealRedis(t)
	gate := e.api.Gate("sendPoll", e.group)
	a := e.start()
	e.deliver(a.Adapter, telegramtest.Message(1, e.group, e.alice, 10, "/quiz"))
	<-gate.Held
	return e, srv, gate, a
}

// oomErrors is how many commands the env's Redis refused for want of
// memory so far (INFO errorstats).
func oomErrors(t *testing.T, e *env) int {
	t.Helper()
	info, err := e.rdb.Info(context.Background(), "errorstats").Result()
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(info) {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "errorstat_OOM:count="); ok {
			n, _ := strconv.Atoi(rest)
			return n
		}
	}
	return 0
}
