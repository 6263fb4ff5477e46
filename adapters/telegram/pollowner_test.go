package telegram

import "testing"

// TestAPollsOwnerKeepsItsStoredFormat: a poll's owner is kept under the key
// and in the format earlier versions wrote ("tg:<bot>:poll:<poll>" →
// "<chat>:<quiz>"), and read back whole, a group's negative chat ID and a
// quiz ID as they are.
func TestAPollsOwnerKeepsItsStoredFormat(t *testing.T) {
	if got, want := (Config{Token: "123456:secret-part"}).PollOwnerKey("5012345678901234567"), "tg:123456:poll:5012345678901234567"; got != want {
		t.Errorf("PollOwnerKey = %q, want %q", got, want)
	}
	for _, c := range []struct {
		chat   int64
		quizID string
		stored string
	}{
		{-1001234567890, "AB12CD", "-1001234567890:AB12CD"},
		{42, "q7", "42:q7"},
	} {
		if got := formatPollOwner(c.chat, c.quizID); got != c.stored {
			t.Errorf("formatPollOwner(%d, %q) = %q, want %q", c.chat, c.quizID, got, c.stored)
		}
		chat, quizID, err := ParsePollOwner(c.stored)
		if chat != c.chat || quizID != c.quizID || err != nil {
			t.Errorf("ParsePollOwner(%q) = %d, %q, %v", c.stored, chat, quizID, err)
		}
	}
	if _, _, err := ParsePollOwner("not-a-chat:AB12CD"); err == nil {
		t.Error("an owner whose chat is no number was read")
	}
}
