package mcq_test

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/quiz/bank"
	"github.com/kubequiz/kubequiz/quiz/mcq"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// isWordByte is what bounds a word for these tests: ASCII letters and digits
// are word characters, anything else (Chinese, punctuation, "-", "_") is not.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// hasWord reports whether s contains w as a whole word, ignoring ASCII case
// (the terms and title words compared are ASCII).
func hasWord(s, w string) bool {
	if w == "" {
		return false
	}
	ls, lw := asciiLower(s), asciiLower(w)
	for i := 0; i+len(lw) <= len(ls); i++ {
		if ls[i:i+len(lw)] != lw {
			continue
		}
		end := i + len(lw)
		if (i == 0 || !isWordByte(ls[i-1])) && (end == len(ls) || !isWordByte(ls[end])) {
			return true
		}
	}
	return false
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// latinWords are the Latin words of a title (ASCII letters, digits and
// inner hyphens) of two characters or more: what a which-question excerpt
// must not show.
func latinWords(title string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(title, func(r rune) bool {
		return r >= utf8.RuneSelf || !(isWordByte(byte(r)) || r == '-')
	}) {
		if w = strings.Trim(w, "-"); len(w) >= 2 {
			out = append(out, w)
		}
	}
	return out
}

// titlesNaming counts the bank's titles that name w as a whole word.
func titlesNaming(b *bank.Bank, w string) int {
	n := 0
	for _, q := range b.Questions() {
		if hasWord(q.Title, w) {
			n++
		}
	}
	return n
}

// questionsSaying counts the bank's questions whose title or answer names
// w as a whole word.
func questionsSaying(b *bank.Bank, w string) int {
	n := 0
	for _, q := range b.Questions() {
		if hasWord(q.Title+"\n"+rich.Plain(q.Answer), w) {
			n++
		}
	}
	return n
}

// check returns what is wrong with mq, a question generated about q from b
// by g; nil when nothing is.
func check(b *bank.Bank, g *mcq.Generator, q *bank.Question, mq mcq.Question) []string {
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }

	if mq.QuestionID != q.ID {
		fail("QuestionID = %q, want %q", mq.QuestionID, q.ID)
	}
	if !slices.Contains(g.Formats(q), mq.Format) {
		fail("format %q is not among Formats %q", mq.Format, g.Formats(q))
	}
	if !slices.Contains(g.Items(q), mcq.Item{Key: mq.Item, Format: mq.Format}) {
		fail("item %q (%s) is not among the question's items", mq.Item, mq.Format)
	}
	if len(mq.Choices) < 3 || len(mq.Choices) > mcq.Options {
		fail("%d choices %q, want 3 to %d", len(mq.Choices), mq.Choices, mcq.Options)
		return bad
	}
	for i, c := range mq.Choices {
		if strings.TrimSpace(c) == "" {
			fail("choice %d is empty", i)
		}
		for _, d := range mq.Choices[:i] {
			if strings.EqualFold(c, d) {
				fail("choices %q repeat %q", mq.Choices, c)
			}
		}
	}
	if mq.Correct < 0 || mq.Correct >= len(mq.Choices) {
		fail("Correct = %d out of range", mq.Correct)
		return bad
	}
	if strings.TrimSpace(mq.Prompt) == "" {
		fail("empty prompt")
	}
	if n := utf8.RuneCountInString(mq.Prompt); n > 300 {
		fail("prompt of %d characters is over 300", n)
	}
	for _, mangled := range []string{mcq.Blank + " " + mcq.Blank, mcq.Blank + "/" + mcq.Blank, mcq.Blank + "-", "-" + mcq.Blank, mcq.Blank + mcq.Blank} {
		if strings.Contains(mq.Prompt, mangled) {
			fail("prompt %q holds %q", mq.Prompt, mangled)
		}
	}
	right := mq.Choices[mq.Correct]
	switch mq.Format {
	case mcq.WhichQuestion:
		if right != q.Title {
			fail("right choice %q is not the title %q", right, q.Title)
		}
		for i, c := range mq.Choices {
			if i == mq.Correct {
				continue
			}
			if !slices.ContainsFunc(b.Questions(), func(o *bank.Question) bool { return o.Title == c && o != q }) {
				fail("choice %q is not another question's title", c)
			}
		}
		// A title word the prompt shows is one many titles hold, or many
		// questions say, or one every option names (inside a command it
		// cannot be masked).
		for _, w := range latinWords(q.Title) {
			for _, form := range []string{w, w + "s"} {
				if !hasWord(mq.Prompt, form) || 5*titlesNaming(b, w) > b.Len() || 5*questionsSaying(b, w) > b.Len() {
					continue
				}
				if slices.ContainsFunc(mq.Choices, func(c string) bool { return !hasWord(c, w) }) {
					fail("prompt shows the title's word %q: %q", form, mq.Prompt)
				}
			}
		}
	case mcq.FillBlank:
		if !strings.Contains(mq.Prompt, mcq.Blank) {
			fail("prompt %q has no blank", mq.Prompt)
		}
		sentence := mq.Prompt
		if _, after, ok := strings.Cut(sentence, "】"); ok && strings.HasPrefix(sentence, "【") {
			sentence = after
		}
		for _, form := range []string{right, right + "s"} {
			if hasWord(sentence, form) {
				fail("prompt %q shows the answer %q", mq.Prompt, form)
			}
		}
		filled := strings.ReplaceAll(sentence, mcq.Blank, right)
		for i, c := range mq.Choices {
			if i != mq.Correct && (hasWord(filled, c) || hasWord(filled, c+"s")) {
				fail("distractor %q appears in the sentence %q", c, filled)
			}
		}
		plain := rich.Plain(q.Answer)
		for _, part := range strings.FieldsFunc(sentence, func(r rune) bool { return strings.ContainsRune("_，,：:（）() ", r) }) {
			if !strings.Contains(plain, part) {
				fail("prompt part %q is not from the answer", part)
			}
		}
	default:
		fail("unknown format %q", mq.Format)
	}
	return bad
}
