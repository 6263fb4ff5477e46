package slack

import "testing"

// TestStripMentions: the bot's mentions at a message's ends are no words
// of the command; other users' are, but for those before the bot's.
func TestStripMentions(t *testing.T) {
	bot := []string{"UBOT"}
	for _, tc := range []struct {
		text string
		bots []string
		want string
	}{
		{"<@UBOT> stats", bot, "stats"},
		{"stats <@UBOT>", bot, "stats"},
		{"<@UBOB> <@UBOT> stats", bot, "stats"},
		{"<@UBOT> forget <@UBOB>", bot, "forget <@UBOB>"},
		{"<@UBOT|kubequiz> top", bot, "top"},
		{"<@UBOT> forget <@UBOB>", nil, "forget <@UBOB>"}, // no authorizations: the first is the bot's
		{"stats <@UBOT>", nil, "stats"},
		{"<@UBOB> hello", bot, "<@UBOB> hello"},
	} {
		if got := stripMentions(tc.text, tc.bots); got != tc.want {
			t.Errorf("stripMentions(%q, %v) = %q, want %q", tc.text, tc.bots, got, tc.want)
		}
	}
}
