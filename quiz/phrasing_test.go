package quiz

import "testing"

// TestCommonWordsNameTheirCommands: words testers typed for a command
// run it (review and flashcards draw a card, scores and streak show
// stats, 我的成绩 too).
func TestCommonWordsNameTheirCommands(t *testing.T) {
	for word, want := range map[string]string{
		"review": "ask", "flashcard": "ask", "flashcards": "ask",
		"score": "stats", "scores": "stats", "points": "stats", "streak": "stats", "statistics": "stats", "我的成绩": "stats",
		"Statistics?": "stats",
	} {
		if cmd, problem, _ := parseCommand(word); problem != problemNone || cmd.Name != want {
			t.Errorf("parseCommand(%q) = %q (%v), want %s", word, cmd.Name, problem, want)
		}
	}
}
