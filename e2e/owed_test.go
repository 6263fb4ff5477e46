package e2e

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// TestAVotesFeedbackOwedAtAKillIsSentByTheNextBot votes on a group's quiz
// poll and holds the voter's private feedback at the Bot API (its
// sendMessage never reaches Telegram), kills the bot (SIGKILL) once the
// vote is scored, and starts another on the same Redis: the vote's inbox
// entry was still there, owed, and the new bot takes it over and sends the
// feedback, once, the same text, the vote still scored once; then nothing
// is left in the inbox (RELIABILITY.md, exception 7).
func TestAVotesFeedbackOwedAtAKillIsSentByTheNextBot(t *testing.T) {
	t.Parallel()
	rdb, tf, env, a := startTelegramBot(t, "replica-a", true)
	sender := newWebhookSender(tf)
	post := func(u []byte) {
		if !sender.post(context.Background(), a.base, u) {
			t.Fatal("an update was not taken")
		}
	}
	quiz := postTelegramQuiz(t, tf, rdb, tgGroup, post)
	poll := tf.Calls("sendPoll")[0]
	var correct []int
	if err := json.Unmarshal([]byte(poll.Params.Get("correct_option_ids")), &correct); err != nil || len(correct) != 1 {
		t.Fatalf("correct_option_ids %q", poll.Params.Get("correct_option_ids"))
	}
	const voter, voteUpdate = int64(4242), 2
	gate := tf.Gate("sendMessage", voter)
	post(telegramtest.PollAnswer(voteUpdate, poll.PollID, voter, correct[0]))
	var feedback string
	select {
	case p := <-gate.Held:
		feedback = p.Get("text")
	case <-time.After(waitLong):
		t.Fatalf("the voter's feedback was never sent\n%s", a.logTail())
	}
	voterKey := "tg:" + strconv.FormatInt(voter, 10)
	if stored := storedAnswers(t, rdb, tgScope, quiz); !stored[voterKey] {
		t.Fatalf("the vote is not scored while its feedback is sent: answers %v", stored)
	}
	a.kill()
	entries, err := rdb.XRange(context.Background(), tgInbox, "-", "+").Result()
	if err != nil {
		t.Fatal(err)
	}
	var ids []any
	for _, e := range entries {
		ids = append(ids, e.Values["i"])
	}
	if !slices.Contains(ids, any("update:"+strconv.Itoa(voteUpdate))) {
		t.Fatalf("killed with the feedback held, the inbox holds %v: the vote's entry is gone", ids)
	}
	// The killed bot's send never reached Telegram; the next bot's go
	// through.
	testkit.EventuallyWithin(t, waitLong, "the killed bot's send let go", func() bool { return gate.Waiting() == 0 })
	gate.Open()

	b := startBot(t, "replica-b", env)
	// The entry is removed only once its feedback is sent: an empty inbox
	// says the new bot has done all it owed.
	testkit.EventuallyWithin(t, waitLong, "the inbox drained", func() bool { return drained(rdb, tgInbox) }, b.logTail)
	var sent []string
	for _, c := range tf.Calls("sendMessage") {
		if c.OK() && c.Params.Get("chat_id") == strconv.FormatInt(voter, 10) {
			sent = append(sent, c.Params.Get("text"))
		}
	}
	if len(sent) != 1 || sent[0] != feedback {
		t.Errorf("the voter was sent %q, want their feedback once: %q\n%s", sent, feedback, b.logTail())
	}
	if stored := storedAnswers(t, rdb, tgScope, quiz); !stored[voterKey] || len(stored) != 1 {
		t.Errorf("answers in Redis: %v, want the vote's alone", stored)
	}
	b.stop()
}
