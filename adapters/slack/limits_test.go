package slack_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf16"

	"github.com/kubequiz/kubequiz/quiz/bank"
)

// testBank is a bank of one Markdown file.
func testBank(t *testing.T, md string) *bank.Bank {
	t.Helper()
	b, err := bank.Load(fstest.MapFS{"test.md": {Data: []byte(md)}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// longAnswer is a question whose answer runs to about 10,000 characters of
// every kind of block, numbered t0000, t0001… in reading order.
func longAnswer() (md string, tokens int) {
	var b strings.Builder
	n := 0
	tok := func() string { n++; return fmt.Sprintf("t%04d", n-1) }
	b.WriteString("# A question with a very long answer\n\n")
	for p := 0; p < 3; p++ {
		for i := 0; i < 60; i++ {
			switch i % 10 {
			case 3:
				fmt.Fprintf(&b, "**%s** ", tok())
			case 7:
				fmt.Fprintf(&b, "`%s` ", tok())
			default:
				fmt.Fprintf(&b, "%s ", tok())
			}
		}
		b.WriteString("\n\n")
	}
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "- %s item with words & more words\n  - %s nested item\n", tok(), tok())
	}
	b.WriteString("\n```yaml\n")
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&b, "key: %s  # kubectl get pods -o wide\n", tok())
	}
	b.WriteString("```\n\n")
	for i := 0; i < 500; i++ { // one line of 3,000 characters without a space
		fmt.Fprintf(&b, "%s-", tok())
	}
	b.WriteString("\n\n> ")
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, "%s ", tok())
	}
	b.WriteString("\n")
	return b.String(), n
}

// utf16Len is the length Slack counts.
func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// texts is every piece of text in a message.
func (s sent) texts() []string {
	out := []string{s.Text}
	for _, b := range s.Blocks {
		if b.Text != nil {
			out = append(out, b.Text.Text)
		}
		for _, el := range b.Elements {
			if el.Text != nil {
				out = append(out, el.Text.Text)
			}
			for _, o := range el.Options {
				out = append(out, o.Text.Text)
			}
		}
	}
	return out
}

// checkLimits checks a message against Slack's limits.
func checkLimits(t *testing.T, s sent) {
	t.Helper()
	if len(s.Blocks) == 0 || len(s.Blocks) > 50 {
		t.Errorf("a message has %d blocks, want 1 to 50", len(s.Blocks))
	}
	total := 0
	for _, text := range s.texts() {
		total += utf16Len(text)
	}
	if total > 12_000 {
		t.Errorf("a message has %d characters, want at most 12,000", total)
	}
	ids := map[string]bool{}
	for _, b := range s.Blocks {
		if b.Type == "section" && (b.Text == nil || utf16Len(b.Text.Text) > 3000 || b.Text.Text == "") {
			t.Errorf("a section's text is empty or over 3,000 characters: %d", utf16Len(b.Text.Text))
		}
		for _, el := range b.Elements {
			if el.Text != nil && utf16Len(el.Text.Text) > 75 || len(el.Value) > 2000 || len(el.ActionID) > 255 || ids[el.ActionID] {
				t.Errorf("an element breaks a limit or repeats an action ID: %+v", el)
			}
			ids[el.ActionID] = true
			if len(el.Options) > 10 {
				t.Errorf("a checkboxes element has %d options, want at most 10", len(el.Options))
			}
			for _, o := range el.Options {
				if utf16Len(o.Text.Text) > 75 {
					t.Errorf("an option's text is over 75 characters: %q", o.Text.Text)
				}
			}
		}
	}
}

func TestLongAnswerIsSplitWithinSlackLimits(t *testing.T) {
	for _, tr := range transports {
		t.Run(string(tr)+": a 10,000-character answer arrives whole, in order, in valid messages", func(t *testing.T) {
			t.Parallel()
			md, tokens := longAnswer()
			b := testBank(t, md)
			q := b.Questions()[0]
			e := newEnv(t, tr, options{bank: b})
			card := e.ask("U1", "C1", "ask "+q.ID, 1)[0]
			cb := e.click("U1", "C1", card, card.Button(t, "s:"))
			e.deliver("interactive", cb)
			e.slack.Wait(t, 1, func(s sent) bool { return ToHook(cb.ResponseURL)(s) && len(s.Buttons()) > 0 })
			parts := e.slack.Sent(ToHook(cb.ResponseURL))
			var all strings.Builder
			sections := 0
			for i, p := range parts {
				checkLimits(t, p)
				if len(p.Buttons()) > 0 != (i == len(parts)-1) {
					t.Errorf("part %d of %d has %d buttons: only the last should", i+1, len(parts), len(p.Buttons()))
				}
				for _, bl := range p.Blocks {
					if bl.Type == "section" {
						sections++
						all.WriteString(bl.Text.Text)
					}
				}
			}
			if sections < 4 {
				t.Errorf("got %d sections for over 10,000 characters, want at least 4", sections)
			}
			found := regexp.MustCompile(`t\d{4}`).FindAllString(all.String(), -1)
			if len(found) != tokens {
				t.Fatalf("found %d of %d numbered words", len(found), tokens)
			}
			for i, tok := range found {
				if want := fmt.Sprintf("t%04d", i); tok != want {
					t.Fatalf("word %d is %s, want %s: the answer is out of order or incomplete", i, tok, want)
				}
			}
		})
	}
}

// injection is text that would notify the channel and a user, if not
// escaped.
const injection = "<!channel> <!here|here> <@U123> & <#C1>"

// assertEscaped checks that no text of a message mentions anyone or holds a
// bare &, and that the injection arrived as its escaped form.
func assertEscaped(t *testing.T, msgs []sent) {
	t.Helper()
	escapedSeen := false
	for _, m := range msgs {
		for _, text := range m.texts() {
			for _, bad := range []string{"<!", "<@", "<#"} {
				if strings.Contains(text, bad) {
					t.Errorf("%q reached Slack unescaped in %q", bad, text)
				}
			}
			for i := strings.IndexByte(text, '&'); i >= 0; i = nextAmp(text, i) {
				if rest := text[i:]; !strings.HasPrefix(rest, "&amp;") && !strings.HasPrefix(rest, "&lt;") && !strings.HasPrefix(rest, "&gt;") {
					t.Errorf("a bare & reached Slack in %q", text)
				}
			}
			escapedSeen = escapedSeen || strings.Contains(text, "&lt;!channel&gt; &lt;!here|here&gt; &lt;@U123&gt; &amp;")
		}
	}
	if !escapedSeen {
		t.Errorf("the injected text never arrived, escaped: %s", msgs[0].Raw)
	}
}

// nextAmp is the index of the & after the one at i, or -1.
func nextAmp(s string, i int) int {
	if j := strings.IndexByte(s[i+1:], '&'); j >= 0 {
		return i + 1 + j
	}
	return -1
}

func TestTextReachesSlackEscaped(t *testing.T) {
	md := "# Mentions " + injection + " in a title\n\n" +
		"The answer names " + injection + " and links <https://evil.example|x> and [a link](https://ok.example/?a=1&b=2).\n\n" +
		"- first point: " + injection + "\n- second point: " + injection + "\n- third point\n"
	for _, tr := range transports {
		t.Run(string(tr)+": bank text, in the card, the answer, and the checklist", func(t *testing.T) {
			t.Parallel()
			b := testBank(t, md)
			q := b.Questions()[0]
			e := newEnv(t, tr, options{bank: b})
			card := e.ask("U1", "C1", "ask "+q.ID, 1)[0]
			answer := e.press("U1", "C1", card, card.Button(t, "s:"), 1)[0]
			list := e.press("U1", "C1", answer, answer.Button(t, "c:"), 1)[0]
			assertEscaped(t, []sent{card})
			assertEscaped(t, []sent{answer})
			assertEscaped(t, []sent{list})
			if !strings.Contains(answer.Sections(), "<https://ok.example/?a=1&amp;b=2|a link>") {
				t.Errorf("a link should keep its target, escaped: %s", answer.Sections())
			}
			if strings.Contains(answer.Sections(), "<https://evil") {
				t.Errorf("a link target that is not a URL should be plain text: %s", answer.Sections())
			}
		})
		t.Run(string(tr)+": what a user types, echoed back", func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, tr, options{})
			// Slack escapes what users type: & < > arrive as entities.
			typed := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(injection)
			assertEscaped(t, e.ask("U1", "C1", "search "+typed, 1))
		})
	}
	t.Run("a display name, on the leaderboard", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, httpMode, options{})
		e.slack.SetUser("U2", injection, false)
		q := e.ask("U1", "C1", "quiz", 1)[0]
		feedback := e.press("U1", "C1", q, q.Button(t, "a:"), 1)[0]
		m := regexp.MustCompile(`The right answer: ([A-D])\.`).FindStringSubmatch(feedback.Sections())
		if m == nil {
			t.Fatalf("no right answer in %q", feedback.Sections())
		}
		for _, b := range q.Buttons() {
			if strings.HasSuffix(b.Value, ":"+strconv.Itoa(int(m[1][0]-'A'))) {
				e.press("U2", "C1", q, b, 1)
			}
		}
		board := e.ask("U3", "C1", "top", 1)
		assertEscaped(t, board)
	})
}
