// Package commandcheck types the commands a catalog's messages name
// through a real Service — the console's platform, on an embedded store —
// for the catalogs' tests: a message names each command as a user of its
// language can type it. The commands are found as i18ncheck.Commands finds
// them.
package commandcheck

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/kubequiz/kubequiz/internal/i18ncheck"
	"github.com/kubequiz/kubequiz/internal/ids"
	"github.com/kubequiz/kubequiz/internal/testkit"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
	"github.com/kubequiz/kubequiz/redisstore"
)

// Checker types commands through a Service of its own.
type Checker struct {
	svc   *quiz.Service
	named func(word string) bool
	// fills are the values tried for a Wildcard: one of each kind a
	// command takes (an ID, a topic, a time, a zone, a user, a count, a
	// time limit, a command's name).
	fills []string
	// chats counts the conversations opened: each command is typed in one
	// of its own, by a user of its own.
	chats int
}

// setups are the states a command is tried in, by the lines typed first:
// none, an interview going on (skip, interview stop), a daily question
// posted (daily reveal). A command is understood if it is in one.
var setups = [][]string{nil, {"interview"}, {"daily now"}}

// New is a Checker on an embedded store of the test's own; named reports
// whether a word is a command's name, as the catalog's test knows them.
func New(tb testing.TB, named func(word string) bool) *Checker {
	tb.Helper()
	rdb, _ := testkit.Redis(tb)
	st := redisstore.New(rdb)
	b := testkit.ShippedBank(tb)
	svc, err := quiz.New(quiz.Config{
		Bank: b, Store: st, Daily: st, Lang: "en", Location: time.UTC, Rand: rand.NewPCG(1, 2),
		Now:    func() time.Time { return time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC) },
		Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		tb.Fatal(err)
	}
	id := b.Questions()[0].ID
	return &Checker{svc: svc, named: named, fills: []string{id, "pv", "09:30", "Asia/Shanghai", "me", "3", "5m", "ask"}}
}

// Misunderstood lists the commands text names in language l that the core
// does not understand — answers as unknown, or with its usage — each with
// the reply to its last try, and those whose first word is no command's
// name. The platform's prefix is found in both languages of text
// (i18ncheck.Prefixes); a command ends at a punctuation mark, or in
// English where its prose starts ("Type %stopics for all of them"), so
// that all of it is checked ("「%s每日一题 开启」" is no daily status,
// "%sdaily onn 09:30" no daily on).
func (c *Checker) Misunderstood(l quiz.Lang, text quiz.Text) []string {
	var out []string
	format := text.In(l)
	for _, cmd := range i18ncheck.Commands(format, i18ncheck.Prefixes(c.named, text.ZH, text.EN), prose(l)) {
		if name, _, _ := strings.Cut(cmd, " "); !c.named(name) {
			out = append(out, fmt.Sprintf("%q, in %q, is no command's name", name, format))
		} else if ok, reply := c.understood(cmd); !ok {
			out = append(out, fmt.Sprintf("%q, in %q, is answered %q", cmd, format, reply))
		}
	}
	return out
}

// prose are the words that start the prose after a command in language
// l: a Chinese command runs to a punctuation mark.
func prose(l quiz.Lang) []string {
	if l == quiz.LangEN {
		return i18ncheck.EnglishProse
	}
	return nil
}

// Check types the commands each text names, in Chinese and in English,
// through a Checker's Service, and reports each one misunderstood as an
// error of t.
func Check(t testing.TB, named func(word string) bool, texts []quiz.Text) {
	t.Helper()
	c := New(t, named)
	for _, text := range texts {
		for _, l := range []quiz.Lang{quiz.LangZH, quiz.LangEN} {
			for _, p := range c.Misunderstood(l, text) {
				t.Errorf("in %s: %s", l, p)
			}
		}
	}
}

// understood types cmd, each Wildcard filled, in each state of setups,
// until the core takes one (its outcome is not OutcomeInvalid, and it
// was not taken for the answer to the interview going on, as a sentence
// that starts with a command's name is); reply is
// the last reply otherwise. In a state set up, the command's last word
// (not a value filled in) must count: a command answered as it would be
// with another word there ("interview pause" while an interview goes on,
// as interview) is not taken. Replies are compared by their first line,
// what the core says to the command: what follows may be drawn at random.
func (c *Checker) understood(cmd string) (ok bool, reply string) {
	last := lastWord(cmd)
	for _, line := range c.filled(cmd) {
		for i, setup := range setups {
			r := c.typeIn(setup, line)
			reply = plain(r)
			if r.Outcome == quiz.OutcomeInvalid || r.Command == "answer" && !answers(cmd) {
				continue
			}
			if i == 0 || last < 1 {
				return true, ""
			}
			typed := strings.Fields(line)
			word := typed[last]
			typed[last] = garbage
			other := plain(c.typeIn(setup, strings.Join(typed, " ")))
			if firstLine(strings.ReplaceAll(reply, word, garbage)) != firstLine(other) {
				return true, ""
			}
		}
	}
	return false, reply
}

// answers reports whether cmd is the answer command.
func answers(cmd string) bool {
	name, _, _ := strings.Cut(cmd, " ")
	c, _ := quiz.LookupCommand(name)
	return c.Name == "answer"
}

// lastWord is the index of cmd's last word after its name that is no
// Wildcard, or -1.
func lastWord(cmd string) int {
	words := strings.Fields(cmd)
	for i := len(words) - 1; i > 0; i-- {
		if words[i] != i18ncheck.Wildcard {
			return i
		}
	}
	return -1
}

// garbage is a word no command takes.
const garbage = "qzxv"

// typeIn types the lines of setup, then line, in a conversation of its
// own, and returns the reply to line.
func (c *Checker) typeIn(setup []string, line string) quiz.Response {
	chat := c.chat()
	for _, s := range setup {
		c.handle(chat, s)
	}
	return c.handle(chat, line)
}

// filled is cmd with each Wildcard replaced by each fill in turn.
func (c *Checker) filled(cmd string) []string {
	before, after, wild := strings.Cut(cmd, i18ncheck.Wildcard)
	if !wild {
		return []string{cmd}
	}
	var out []string
	for _, rest := range c.filled(after) {
		for _, f := range c.fills {
			out = append(out, before+f+rest)
		}
	}
	return out
}

// chat opens a conversation of its own.
func (c *Checker) chat() string {
	c.chats++
	return fmt.Sprintf("check-%d", c.chats)
}

// handle types line in chat, as the console does.
func (c *Checker) handle(chat, line string) quiz.Response {
	return c.svc.Handle(context.Background(), request(chat, line))
}

// request is line typed in chat at the console, by a user of chat's own,
// an admin: the console's scope, which is of a shape the bot makes.
func request(chat, line string) quiz.Request {
	return quiz.Request{
		Platform: "console", Scope: ids.ConsoleScope, Channel: chat, DirectChannel: chat,
		User: ids.ConsoleUser(chat), UserName: chat, Text: line,
		PlatformAdmin: func(context.Context) (bool, error) { return true, nil },
	}
}

// firstLine is text's first line.
func firstLine(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	return line
}

// plain is what a response shows, as text.
func plain(r quiz.Response) string {
	var parts []string
	for _, m := range r.Shown() {
		parts = append(parts, rich.Plain(m.Blocks))
	}
	return strings.Join(parts, "\n")
}
