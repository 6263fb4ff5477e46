// Package console is the terminal adapter: type commands, press buttons by
// number. It is interactive on a terminal (a prompt, styled text) and reads
// line by line when piped, so `printf 'ask pv\n1\n' | bot` works as a script.
// After "Answer it", the lines typed up to an empty line are the answer.
//
// On a terminal, text pasted is one message, lines and all, as Slack and
// Telegram deliver a multi-line message: the console switches the
// terminal's bracketed paste mode on, in which it wraps what is pasted in
// ESC[200~ … ESC[201~, and off again when it stops (at the end of the
// input, or when the bot is told to stop: Ctrl-C, SIGTERM); meanwhile, on
// Linux, the terminal does not echo those markers as ^[[200~ (ECHOCTL
// off, put back as it was when the console stops). The terminal
// stays in its line mode (the kernel's line editing, which knows the width
// of Chinese characters): a pasted text is sent by the Enter after it,
// with what is typed on its last line. Piped input has no paste: one line
// is one message.
//
// Buttons are numbered so that a number cannot press what the user did
// not see it on: a reply to the user's own line (a command, a button
// pressed, a daily posted by "daily now") replaces the buttons on screen,
// and numbers those of its newest card (the last message with buttons:
// an interview's next question) from 1, then those of the messages above
// it; a message that arrives by itself (the scheduled daily) numbers its
// buttons after those on screen, which keep their numbers. A quiz's
// options can also be chosen by their letters (A–D), wherever they are.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kubequiz/kubequiz/adapters"
	"github.com/kubequiz/kubequiz/internal/ids"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/rich"
)

// Config sets up a Console.
type Config struct {
	In  io.Reader
	Out io.Writer
	// Interactive shows a prompt and styles text; otherwise each input line
	// is echoed after "> " so a transcript reads well.
	Interactive bool
	// User and UserName identify the person at the terminal.
	User, UserName string
	// Lang is the language of the console's own lines (its banner): the
	// bot's default; the core answers each user in theirs.
	Lang quiz.Lang
}

// ErrNoInput is returned by Run when its input is not a terminal and ended
// before a single line (stdin is /dev/null, as in a container started
// without a chat token): there is nobody to talk to.
var ErrNoInput = errors.New("console: the input ended before any line")

// Console reads commands from In and writes replies to Out.
type Console struct {
	Config
	core quiz.Handler
	st   style

	mu      sync.Mutex    // guards Out, buttons and answer: the scheduler posts too
	buttons []quiz.Button // the buttons on screen, numbered from 1
	answer  *answer       // the answer being written, if any
}

// answer is an answer being written to a prompt, line by line, until an
// empty line (or the end of the input) sends it.
type answer struct {
	prompt *quiz.Prompt
	lines  []string
	size   int // bytes in lines
}

// maxLine is the longest input line kept; the rest of a longer line is
// read and dropped, and the core refuses what is kept as too long.
const maxLine = 64 * 1024

// Bracketed paste mode: switched on and off by writing pasteOn and
// pasteOff to the terminal, which then wraps pasted text in pasteStart
// and pasteEnd.
const (
	pasteOn    = "\x1b[?2004h"
	pasteOff   = "\x1b[?2004l"
	pasteStart = "\x1b[200~"
	pasteEnd   = "\x1b[201~"
)

// readMessage reads one message: a line, or, when paste is on (a
// terminal in bracketed paste mode), a line with the text pasted on it,
// over as many lines as it takes, without the paste's marks. It keeps at
// most maxLine bytes: the core refuses what is kept as too long.
func readMessage(r *bufio.Reader, paste bool) (string, error) {
	line, err := readLine(r)
	if !paste {
		return line, err
	}
	var msg strings.Builder
	keep := func(s string) { msg.WriteString(upTo(s, maxLine-msg.Len())) }
	pasting := false
	for {
		for {
			mark := pasteStart
			if pasting {
				mark = pasteEnd
			}
			before, after, found := strings.Cut(line, mark)
			if !pasting {
				before = strings.ReplaceAll(before, pasteEnd, "") // a paste's end whose start was lost
			}
			keep(before)
			if !found {
				break
			}
			pasting, line = !pasting, after
		}
		if !pasting || err != nil {
			return strings.TrimRight(msg.String(), "\n"), err
		}
		keep("\n")
		line, err = readLine(r)
	}
}

// upTo is s cut to at most n bytes, at the start of a character.
func upTo(s string, n int) string {
	if len(s) <= n {
		return s
	}
	n = max(n, 0)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// readLine reads one line without its end, keeping at most maxLine bytes.
func readLine(r *bufio.Reader) (string, error) {
	var buf []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(buf) < maxLine {
			buf = append(buf, chunk[:min(len(chunk), maxLine-len(buf))]...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return strings.TrimRight(string(buf), "\r\n"), err
	}
}

// New makes a console on the core in d.
func New(cfg Config, d adapters.Deps) (*Console, error) {
	if d.Core == nil || cfg.In == nil || cfg.Out == nil {
		return nil, errors.New("console: a core, an input and an output are required")
	}
	return &Console{Config: cfg, core: d.Core}, nil
}

// Platform is "console" (adapters.Adapter).
func (c *Console) Platform() string { return Name }

// Ready is always true: the terminal is there.
func (c *Console) Ready() bool { return true }

// Routes are none: the console serves no HTTP.
func (c *Console) Routes() map[string]http.Handler { return nil }

// TakesWebhooks is false: the console reads a terminal (adapters.Adapter).
func (c *Console) TakesWebhooks() bool { return false }

// Run reads until the input ends or ctx is cancelled.
func (c *Console) Run(ctx context.Context) error {
	c.st = style{ansi: c.Interactive}
	lines := make(chan string)
	errc := make(chan error, 1)
	go func() {
		defer close(lines)
		r := bufio.NewReader(c.In)
		for {
			line, err := readMessage(r, c.Interactive)
			if err != nil && line == "" {
				if err != io.EOF {
					errc <- err
				}
				return
			}
			select {
			case lines <- line:
			case <-ctx.Done():
				return
			}
		}
	}()
	if c.Interactive {
		c.mu.Lock()
		fmt.Fprintln(c.Out, txtBanner.Format(c.Lang, prefix))
		fmt.Fprint(c.Out, pasteOn)
		c.mu.Unlock()
		restore := func() {}
		if f, ok := c.In.(interface{ Fd() uintptr }); ok {
			restore = quietControlEcho(int(f.Fd()))
		}
		defer func() {
			c.mu.Lock()
			defer c.mu.Unlock()
			fmt.Fprint(c.Out, pasteOff)
			restore()
		}()
	}
	read := false
	for {
		c.prompt()
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok {
				c.finishAnswer(ctx) // the input ended: what was written is sent
				select {
				case err := <-errc:
					return err
				default:
				}
				if !read && !c.Interactive {
					return ErrNoInput
				}
				return nil
			}
			read = true
			if !c.Interactive && (strings.TrimSpace(line) != "" || c.writing()) {
				fmt.Fprintf(c.Out, "%s%s\n", c.promptText(), echo(line))
			}
			if taken, complete := c.writeAnswer(line); taken {
				if complete {
					c.finishAnswer(ctx)
				}
				continue
			}
			if strings.TrimSpace(line) == "" {
				continue // a blank line asks for nothing
			}
			if c.handle(ctx, line) {
				return nil // the user left (exit, quit)
			}
		}
	}
}

// maxEcho is the most characters of a line echo shows back.
const maxEcho = 200

// echo is a line as it is shown back: control characters replaced, and
// cut short when long, between grapheme clusters (rich.Prefix).
func echo(line string) string {
	line = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '�'
		}
		return r
	}, line)
	if utf8.RuneCountInString(line) > maxEcho {
		return rich.Prefix(line, maxEcho, utf8.RuneCountInString) + rich.Ellipsis
	}
	return line
}

func (c *Console) prompt() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.Interactive {
		fmt.Fprint(c.Out, c.promptTextLocked())
	}
}

// promptText is what a line is typed after: "> " for a command, "… " for
// a line of an answer.
func (c *Console) promptText() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.promptTextLocked()
}

func (c *Console) promptTextLocked() string {
	if c.answer != nil {
		return "… "
	}
	return "> "
}

// writing says whether an answer is being written.
func (c *Console) writing() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.answer != nil
}

// writeAnswer takes line as a line of the answer being written, if one is,
// and reports whether the answer is complete (line is empty). A pasted
// text is one line, blank lines and all. Beyond
// maxLine bytes lines are counted but not kept: the core refuses an answer
// that long, and says how long it was allowed to be.
func (c *Console) writeAnswer(line string) (taken, complete bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.answer == nil:
		return false, false
	case strings.TrimSpace(line) == "":
		return true, true
	case c.answer.size < maxLine:
		c.answer.lines = append(c.answer.lines, line)
	}
	c.answer.size += len(line) + 1
	return true, false
}

// finishAnswer sends the answer being written, if any, to its prompt.
func (c *Console) finishAnswer(ctx context.Context) {
	c.mu.Lock()
	a := c.answer
	c.answer = nil
	c.mu.Unlock()
	if a == nil {
		return
	}
	req := c.base()
	req.Reply = &quiz.Reply{Prompt: a.prompt.Token, Text: strings.Join(a.lines, "\n")}
	c.show(c.core.Handle(replying(ctx), req))
}

// handle answers a typed line, and reports whether the user left (see
// quiz.Response.Leave). Every line becomes a request in request: a mode
// that reads lines otherwise (a typed answer over several lines) belongs
// there.
func (c *Console) handle(ctx context.Context, line string) (leave bool) {
	r := c.core.Handle(replying(ctx), c.request(line))
	c.show(r)
	return r.Leave
}

// replyKey marks the context of a request from the person at the
// terminal: what the core posts with it (the daily of "daily now") is a
// reply to them.
type replyKey struct{}

// replying is ctx marked as a request's.
func replying(ctx context.Context) context.Context { return context.WithValue(ctx, replyKey{}, true) }

// isReply reports whether ctx is a request's (replying).
func isReply(ctx context.Context) bool { return ctx.Value(replyKey{}) != nil }

// request turns a typed line into a request: the number of a button on
// screen (typed on any keyboard: "１" is 1, "3。" is 3) presses it, and so
// does a quiz option's letter (C, ｃ); anything else is a command, and the
// core answers a number that names no button.
func (c *Console) request(line string) quiz.Request {
	req := c.base()
	c.mu.Lock()
	defer c.mu.Unlock()
	req.ButtonsShown = len(c.buttons)
	word := quiz.ButtonWord(line)
	if n, err := strconv.Atoi(word); err == nil && n >= 1 && n <= len(c.buttons) {
		req.Payload = c.buttons[n-1].Payload
	} else if b, ok := c.optionButton(word); ok {
		req.Payload = b.Payload
	} else {
		req.Text = line
	}
	return req
}

// optionButton is the button a typed letter presses: of the quiz options
// on screen, each labelled with a letter (A–D), the one labelled with it,
// in either case; of two quizzes' (a daily posted under a quiz), the one
// shown last. c.mu is held.
func (c *Console) optionButton(word string) (quiz.Button, bool) {
	if utf8.RuneCountInString(word) != 1 {
		return quiz.Button{}, false
	}
	var pressed quiz.Button
	found := false
	for _, b := range c.buttons {
		if utf8.RuneCountInString(b.Label) == 1 && unicode.IsLetter([]rune(b.Label)[0]) && strings.EqualFold(b.Label, word) {
			pressed, found = b, true
		}
	}
	return pressed, found
}

// base is a request from the person at the terminal, with nothing asked
// yet.
func (c *Console) base() quiz.Request {
	return quiz.Request{
		Platform: Name, Scope: Scope, Channel: Channel, DirectChannel: Channel,
		User: c.User, UserName: c.UserName, Prefix: prefix,
		// Whoever runs the bot in a terminal administers it.
		PlatformAdmin: func(context.Context) (bool, error) { return true, nil },
		PressByNumber: true, Terminal: true,
	}
}

// The console's platform name and its one conversation.
const (
	Name    = "console"
	Scope   = ids.ConsoleScope
	Channel = "console"
)

// Post prints a message that is not a reply (the daily question). Posted
// by itself, its buttons are numbered for pressing after those already on
// screen, which stay as they were: a number typed for the card on screen
// must not answer a daily that came in meanwhile. Posted for a request
// from the terminal ("daily now"), it is a reply to it, numbered as one.
// It implements quiz.Outbox.
func (c *Console) Post(ctx context.Context, _ string, m quiz.Message) (string, error) {
	reply := isReply(ctx)
	c.print(quiz.Response{Messages: []quiz.Message{m}}, !reply)
	if !reply {
		c.prompt() // the prompt the message printed over; a reply's comes after it
	}
	return "console", nil
}

// CloseQuiz does nothing: a closed quiz's buttons scroll away, and the core
// refuses late answers (quiz.Outbox).
func (c *Console) CloseQuiz(context.Context, string, string, quiz.Message) error { return nil }

// show prints a response and numbers the buttons it offers, those of its
// last message with buttons (the newest card) from 1. An Update
// (a redrawn checklist, a quiz's answer count) is printed as a message.
// Buttons stay pressable by number until a response with buttons of its
// own replaces them: a message without buttons (help, a notice) does not,
// a redraw of the pressed message without buttons does.
// A prompt (Answer it) is drawn instead of its messages, which only say how
// to answer with a command, and the lines typed next are the answer.
func (c *Console) show(r quiz.Response) { c.print(r, false) }

// print prints a response as show does; adding numbers its buttons, in
// the order shown, after those on screen and keeps those pressable.
func (c *Console) print(r quiz.Response, adding bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := r.Prompt; p != nil {
		fmt.Fprint(c.Out, c.st.renderBlocks([]rich.Block{rich.Para(rich.Span{Text: "✍️ " + p.Question, Style: rich.Bold})}))
		fmt.Fprintf(c.Out, "%s\n\n", txtAnswerMode.In(p.Lang))
		c.answer = &answer{prompt: p}
		return
	}
	msgs := r.Shown()
	if r.Update != nil && (len(r.Messages) == 0 || r.Update.Checklist != nil) {
		msgs = append([]quiz.Message{*r.Update}, r.Messages...)
		if r.Notice != "" && len(r.Messages) == 0 {
			fmt.Fprintln(c.Out, r.Notice)
		}
	}
	var shown []quiz.Button
	if adding {
		shown = slices.Clone(c.buttons)
	}
	rows := make([][][]quiz.Button, len(msgs))
	for i, m := range msgs {
		if m.Checklist != nil {
			rows[i] = append(rows[i], m.Checklist.Buttons()...)
		}
		rows[i] = append(rows[i], m.Buttons...)
	}
	first := make([]int, len(msgs)) // the number of each message's first button
	for _, i := range numbering(rows, adding) {
		first[i] = len(shown) + 1
		for _, row := range rows[i] {
			shown = append(shown, row...)
		}
	}
	for i, m := range msgs {
		fmt.Fprint(c.Out, c.st.renderBlocks(m.Blocks))
		n := first[i]
		for _, row := range rows[i] {
			var parts []string
			for _, b := range row {
				parts = append(parts, fmt.Sprintf("[%d] %s", n, b.Label))
				n++
			}
			fmt.Fprintln(c.Out, strings.Join(parts, "  "))
		}
		fmt.Fprintln(c.Out)
	}
	// A redraw without buttons (a confirmation cancelled) leaves none of
	// the pressed message's to press: no numbers are left pressable.
	if redrawnBare := r.Update != nil && len(r.Update.Buttons) == 0 && r.Update.Checklist == nil; len(shown) > 0 || redrawnBare && !adding {
		c.buttons = shown
	}
}

// numbering is the order in which messages with these rows of buttons
// are numbered: as shown when adding; else the last message with buttons
// (the newest card) first, so that its buttons are numbered from 1 whatever
// is shown above it, then the others as shown.
func numbering(rows [][][]quiz.Button, adding bool) []int {
	order := make([]int, 0, len(rows))
	newest := -1
	for i := range rows {
		if len(rows[i]) > 0 && !adding {
			newest = i
		}
	}
	if newest >= 0 {
		order = append(order, newest)
	}
	for i := range rows {
		if i != newest {
			order = append(order, i)
		}
	}
	return order
}
