package telegram

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/adapters/telegram/telegramtest"
)

// The board a group reads bolds no one's row; in a private chat the
// caller's row is bold and says it is theirs.
func TestTheGroupBoardMarksNoOne(t *testing.T) {
	e := newEnv(t)
	a := e.start()
	// bob scores in the group and in his private chat, a board of its own.
	top := func(update int, chat int64, polls int) string {
		e.deliver(a.Adapter, telegramtest.Message(update, chat, e.bob, update, "/quiz"))
		poll := e.await("sendPoll", polls)[polls-1]
		e.deliver(a.Adapter, telegramtest.PollAnswer(update+1, poll.PollID, e.bob, correctOption(t, poll)))
		settle(a)
		e.deliver(a.Adapter, telegramtest.Message(update+2, chat, e.bob, update+2, "/top"))
		settle(a)
		board := lastText(e)
		checkHTML(t, board)
		return board
	}

	if group := top(1, e.group, 1); !strings.Contains(group, "🥇") || strings.Contains(group, "<b>🥇") || strings.Contains(group, "you") {
		t.Errorf("the group's board marks bob's row:\n%s", group)
	}
	if private := top(4, e.bob, 2); !strings.Contains(private, "<b>🥇") || !strings.Contains(private, "← you</b>") {
		t.Errorf("bob's board in private does not mark his row:\n%s", private)
	}
}
