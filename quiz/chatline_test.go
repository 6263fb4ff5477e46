package quiz_test

import (
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// TestLinesThatTalkToTheBot: a greeting, thanks, a plea for a question
// and a question, typed where a command would be (a direct message), get
// an answer that fits them, in English and Chinese, not "unknown command".
func TestLinesThatTalkToTheBot(t *testing.T) {
	e := newEnv(t)
	say := func(locale, line string) quiz.Response {
		return e.deliver("ann", "", func(r *quiz.Request) { r.Text, r.Locale = line, locale })
	}
	for _, tc := range []struct{ locale, line, want string }{
		{"en", "hi", "type /quiz for a quiz, /ask for a flashcard"},
		{"en", "Hello!", "type /quiz for a quiz"},
		{"en", "thanks!", "You're welcome! Type /ask or /quiz for another question"},
		{"zh-CN", "你好", "发「/测验」做一道选择题"},
		{"zh-CN", "谢谢！", "不客气"},
	} {
		got := text(say(tc.locale, tc.line))
		if !strings.Contains(got, tc.want) || strings.Contains(got, "know the command") || strings.Contains(got, "命令「") {
			t.Errorf("%q: got\n%s\nwant %q", tc.line, got, tc.want)
		}
	}

	for _, tc := range []struct{ locale, line, want string }{
		{"en", "what is a pod?", "/search pod); type /ask pod"},
		{"en", "How does etcd store data", "(/search etcd store data)"},
		{"zh-CN", "什么是etcd？", "「/搜索 etcd」）；发「/提问 etcd」"},
	} {
		r := say(tc.locale, tc.line)
		got := text(r)
		if !strings.Contains(got, tc.want) || len(r.Messages) != 1 || !r.Messages[0].Private || r.Outcome != quiz.OutcomeOK {
			t.Errorf("%q: got (outcome %s)\n%s\nwant %q", tc.line, r.Outcome, got, tc.want)
		}
		// What the search of its words lists follows.
		// (The search's own title quotes the words as typed: its results
		// are what must follow.)
		search := text(say(tc.locale, "search "+tc.line))
		if _, results, _ := strings.Cut(search, "\n"); !strings.Contains(got, results) {
			t.Errorf("%q does not list what search does:\n%s\nsearch:\n%s", tc.line, got, search)
		}
	}

	for _, line := range []string{"来一道题", "来一道题！", "give me a question"} {
		r := say("zh-CN", line)
		if r.Command != "ask" || !hasPayload(r, "s:") {
			t.Errorf("%q drew no flashcard: %s\n%s", line, r.Command, text(r))
		}
	}

	// A word that is no command, and no talk, is still told so (by one
	// with no flashcard on screen: ann drew one above).
	if got := text(e.deliver("zed", "", func(r *quiz.Request) { r.Text, r.Locale = "frobnicate", "en" })); !strings.Contains(got, `I don't know the command "frobnicate"`) {
		t.Errorf("frobnicate:\n%s", got)
	}
}

// hasPayload reports whether a response has a button whose payload starts
// with prefix.
func hasPayload(r quiz.Response, prefix string) bool {
	for _, b := range buttons(r) {
		if strings.HasPrefix(b.Payload, prefix) {
			return true
		}
	}
	return false
}
