package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
	"github.com/kubequiz/kubequiz/internal/testkit"
)

// crashVoters vote on a group's quiz poll while the Bot API holds their
// feedback, and the bot is killed meanwhile.
const crashVoters = 5

// TestAVoteWhoseFeedbackWasCutByACrashIsToldOnce kills a replica (SIGKILL)
// while it sends the private feedback of quiz-poll votes it acknowledged
// and scored — the Bot API holding every call, so that none got through —
// and starts a second replica: each voter is told their result once, and
// the voters told "scored" are those whose answer Redis holds
// (RELIABILITY.md: acknowledged ⇒ answered, once). A vote cannot be cast
// again, so a feedback lost at a crash would leave its voter scored with
// no word.
func TestAVoteWhoseFeedbackWasCutByACrashIsToldOnce(t *testing.T) {
	t.Parallel()
	rdb, tf, env, a := startTelegramBot(t, "replica-a", true)
	sender := newWebhookSender(tf)
	quiz := postTelegramQuiz(t, tf, rdb, tgGroup, func(u []byte) {
		if !sender.post(context.Background(), a.base, u) {
			t.Fatal("the /quiz update was not taken")
		}
	})
	poll := tf.Calls("sendPoll")[0].PollID

	tf.delay.Store(int64(time.Hour))
	for i := range crashVoters {
		if !sender.post(context.Background(), a.base, telegramtest.PollAnswer(tgVoteUpdate(i), poll, tgVoter(i), i%2)) {
			t.Fatalf("vote %d was not acknowledged", i)
		}
	}
	testkit.EventuallyWithin(t, waitLong, "every vote scored and its feedback on its way", func() bool {
		return len(storedAnswers(t, rdb, tgScope, quiz)) == crashVoters && tf.held.Load() == crashVoters
	}, func() string {
		return fmt.Sprintf("%d votes stored, %d calls held\n%s", len(storedAnswers(t, rdb, tgScope, quiz)), tf.held.Load(), a.logTail())
	})
	a.kill()
	tf.delay.Store(0)

	b := startBot(t, "replica-b", env)
	testkit.EventuallyWithin(t, waitLong, "every voter told", func() bool {
		return tf.toldVoters(tgVoter(0), tgVoter(crashVoters)) == crashVoters && drained(rdb, tgInbox)
	}, func() string {
		return fmt.Sprintf("%d of %d voters told; inbox drained: %v\n%s", tf.toldVoters(tgVoter(0), tgVoter(crashVoters)), crashVoters,
			drained(rdb, tgInbox), b.logTail())
	})
	time.Sleep(2 * time.Second) // a second feedback would come now
	told, kinds := tally(t, crashVoters, leeway{}, voteReplies(tf))
	checkStored(t, told, storedAnswers(t, rdb, tgScope, quiz))
	t.Logf("%d votes, each told once after the crash: %v", crashVoters, kinds)
	b.stop()
}
