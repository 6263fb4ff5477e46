package telegram

import (
	"strconv"
	"strings"
)

// A quiz poll's owner is the chat it was sent to and the quiz it stands
// for, kept as "<chat>:<quiz>" under PollOwnerKey while the poll takes
// votes: whichever replica a vote reaches scores it, and the load test
// reads it to press the quiz's buttons. Versions before and after read
// the same format during a rollout: it never changes.

// PollOwnerKey is the key of the Values (adapters.Deps) under which the
// bot of c keeps the owner of its quiz poll pollID: read it with
// ParsePollOwner.
func (c Config) PollOwnerKey(pollID string) string { return c.key("poll:" + pollID) }

// formatPollOwner is the owner kept of a poll of the quiz quizID sent to chat.
func formatPollOwner(chat int64, quizID string) string {
	return strconv.FormatInt(chat, 10) + ":" + quizID
}

// ParsePollOwner reads a poll's owner, kept under PollOwnerKey.
func ParsePollOwner(owner string) (chat int64, quizID string, err error) {
	chatID, quizID, _ := strings.Cut(owner, ":")
	chat, err = strconv.ParseInt(chatID, 10, 64)
	return chat, quizID, err
}
