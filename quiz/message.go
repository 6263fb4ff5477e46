package quiz

import (
	"context"
	"errors"
	"strings"

	"github.com/kubequiz/kubequiz/quiz/rich"
)

// Request is one user's command or button press, translated from a platform
// event by an adapter. The core trusts nothing in it but the identities the
// adapter vouches for (scope, channel, user).
type Request struct {
	// Platform names the adapter: "slack", "telegram", "console".
	Platform string
	// Scope is the leaderboard's space: "slack:<team>", "tg:<chat id>", "console"
	// (as internal/ids builds them).
	Scope string
	// Channel is the conversation within the platform (a channel or chat ID).
	Channel string
	// User identifies the person across the platform: "slack:<team>:<user>", "tg:<user id>",
	// "console:<account>" (as internal/ids builds them).
	User string
	// UserName is how leaderboards show the user.
	UserName string
	// Locale is the platform's language hint for the user ("en-US", "zh-hans"),
	// used until the user picks a language with `lang`.
	Locale string
	// Prefix is how commands are typed on the platform ("/k8s ", "/", ""),
	// used in help and hints.
	Prefix string
	// Text is a typed command ("ask pv"); Payload is a pressed button's
	// payload; Reply is an answer written to a Prompt. Exactly one is set.
	Text    string
	Payload string
	Reply   *Reply
	// DirectChannel is the user's direct conversation with the bot (a Slack
	// user ID, or the DM's channel for a message typed in it; a Telegram
	// private chat), where the bot may tell them something later; empty
	// when there is none. A request whose Channel is it comes from a
	// private chat.
	DirectChannel string
	// PressByNumber says that on this platform typing a number presses
	// the button of that number (the console), and ButtonsShown how many
	// numbered buttons are on screen: a typed number that reaches the core
	// names no button, and the reply says which exist.
	PressByNumber bool
	ButtonsShown  int
	// Terminal marks a user typing at a terminal (the console), who leaves
	// the bot by ending its input (Ctrl-D); in a chat there is nothing to
	// leave.
	Terminal bool
	// Shared marks a conversation where the platform cannot show a message
	// to one person only (a Telegram group: private messages of a command
	// are posted in it). The core keeps one person's practice that runs
	// over many messages, a mock interview, out of such a conversation.
	Shared bool
	// Delivery is the platform's ID of the delivery the request came from
	// (a Slack trigger, a Telegram update), so that a write that may be
	// done twice for it (a retry, a delivery taken over by another
	// replica) recognises itself. Empty where there is none.
	Delivery string
	// PlatformAdmin asks the platform whether the user administers this
	// conversation (Slack: a workspace admin or owner; Telegram: the chat's
	// creator or an administrator). The core calls it only for admin
	// commands, and only when the user is not in the configured admin list.
	// Nil means no one is an admin by the platform's say.
	PlatformAdmin func(ctx context.Context) (bool, error)
}

// inDirectChat reports whether the request comes from the user's direct
// conversation with the bot (a private chat, the console), where no one
// else reads its replies.
func (r *Request) inDirectChat() bool {
	return r.DirectChannel != "" && r.Channel == r.DirectChannel
}

// Handler answers requests: the Service, or a wrapper of it at the adapter
// edge. Adapters depend on this, not on the Service.
type Handler interface {
	Handle(ctx context.Context, req Request) Response
}

// Outbox sends messages that are not replies to a request: the daily
// question and its reveal. Every adapter implements it for its platform,
// with its pacing, splitting and native quizzes.
type Outbox interface {
	// Post sends m to a conversation (a Slack channel ID, a Telegram chat
	// ID) and returns the platform's ID of the message it posted. An error
	// wrapping ErrNotSent says the platform refused the message outright,
	// so that nothing was posted.
	Post(ctx context.Context, channel string, m Message) (string, error)
	// CloseQuiz shows a posted quiz as closed once its answer is revealed:
	// final is the quiz as it now reads, without buttons. What a platform
	// can do differs (Telegram stops a native poll; Slack redraws the
	// message); one that can do nothing returns nil. The core refuses late
	// answers either way; closing shows it. An empty messageID (a daily
	// whose send's outcome was unknown, or that moved without its message)
	// closes nothing and returns nil, calling no API.
	CloseQuiz(ctx context.Context, channel, messageID string, final Message) error
}

// ErrNotSent is wrapped by an Outbox's error when the platform refused a
// message outright (a 4xx answer: nothing was posted), as opposed to a
// failure after which the message may have arrived.
var ErrNotSent = errors.New("the platform refused the message")

// ErrGone is wrapped (with ErrNotSent) by an Outbox's error when the
// conversation is gone for the bot: the bot was removed from it, or it was
// archived or deleted. The daily question there is turned off.
var ErrGone = errors.New("the bot can no longer post in this conversation")

// Response is what the core answers a request with; the adapter renders and
// sends it.
type Response struct {
	// Messages are sent in order.
	Messages []Message
	// Notice is a short private line about how the request went ("Recorded:
	// Good", "This quiz has expired"), at most 200 characters. A platform
	// with a transient notice for a pressed button (Telegram's callback
	// answer) shows it there; the others show it as a private message when
	// the response has no messages (see Shown): messages never repeat it.
	Notice string
	// Update, when set, replaces the message that holds the pressed button,
	// for everyone who sees it (a quiz's answer count).
	Update *Message
	// Command names what was handled ("ask", "answer", "grade", …) and
	// Outcome how it went, for logs and metrics at the adapter edge.
	Command string
	Outcome Outcome
	// Scored is set when an answer was scored (a user's first answer).
	Scored bool
	// Prompt, when set, asks the user to write an answer in words. Each
	// platform draws it its own way (a Slack modal, a Telegram ForceReply
	// message, the console's answer mode) and sends what the user writes
	// back as a Request with Reply. Messages then say how to answer with a
	// typed command instead, for a platform that cannot draw the prompt
	// (or fails to): one that draws it does not show them.
	Prompt *Prompt
	// Leave says the user asked to leave where they type (exit, quit or
	// 退出 typed alone at the console, with no interview to end): a
	// platform whose user can leave it (the console) shows the messages
	// and ends.
	Leave bool
}

// Prompt asks for an answer in words to one question.
type Prompt struct {
	// Token identifies the prompt; the answer comes back with it as
	// Reply.Prompt.
	Token string
	// QuestionID is the question asked.
	QuestionID string
	// Title names the prompt in a dialog's title bar ("Answer it"), at
	// most 24 characters.
	Title string
	// Question is the question's text, shown with the input.
	Question string
	// Label names the input; Placeholder, at most 64 characters, hints at
	// what to write in it; Submit labels the button that sends it (at most
	// 24 characters).
	Label, Placeholder, Submit string
	// MaxRunes is the longest answer taken (MaxAnswerRunes).
	MaxRunes int
	// Lang is the language of the texts, for CheckAnswer at the edge.
	Lang Lang
}

// Reply is an answer a user wrote to a Prompt.
type Reply struct {
	// Prompt is the prompt's Token.
	Prompt string
	// Text is the answer as written.
	Text string
}

// Shown is what a platform without transient notices shows: the messages,
// or, when there are none, the notice as one private message.
func (r Response) Shown() []Message {
	if len(r.Messages) > 0 || r.Notice == "" {
		return r.Messages
	}
	return []Message{PrivateLine(r.Notice)}
}

// PrivateLine is a private message of one line of text: what an adapter
// says of its own, such as an apology (Apology) or a "too busy" (Busy).
func PrivateLine(line string) Message {
	return Message{Private: true, Blocks: []rich.Block{rich.Text(line)}}
}

// Outcome is how handling a request went.
type Outcome string

// The outcomes.
const (
	// OutcomeOK: done as asked.
	OutcomeOK Outcome = "ok"
	// OutcomeInvalid: the input was malformed, unknown or no longer valid.
	OutcomeInvalid Outcome = "invalid"
	// OutcomeDenied: the user may not do this.
	OutcomeDenied Outcome = "denied"
	// OutcomeUnavailable: the store could not be reached; nothing was recorded.
	OutcomeUnavailable Outcome = "unavailable"
	// OutcomeInDoubt: a write the core makes on the user's behalf (a quiz
	// answer, a self-grade, an answer in words, a changed grade, a mock
	// interview's step) failed in
	// the store, perhaps after the store ran it (its reply lost with
	// Redis), for a request that came from a delivery (Request.Delivery).
	// The delivery is to be handled again once the store answers, rather
	// than its user told anything now: each of these writes carries the
	// delivery's token, so a rerun recognises what the first run stored
	// and answers as the first would have ("scored", never "already
	// answered"). An adapter with an inbox leaves the delivery there
	// (adapters.Deferred); the response still says that nothing was
	// recorded, for one that shows it. A request without a delivery is
	// OutcomeUnavailable instead.
	OutcomeInDoubt Outcome = "in-doubt"
	// OutcomeLimited: the user sent more than their limit lets through
	// (Config.UserLimit); the request was not handled.
	OutcomeLimited Outcome = "limited"
)

// StoreFailed reports whether o says the store failed the request:
// unavailable, or a write in doubt.
func (o Outcome) StoreFailed() bool { return o == OutcomeUnavailable || o == OutcomeInDoubt }

// Message is one neutral message.
type Message struct {
	// Private marks a message meant only for the requesting user (ephemeral
	// in a Slack channel); public messages are posted for everyone.
	Private bool
	// Blocks are the content.
	Blocks []rich.Block
	// Buttons are rows of buttons under the content.
	Buttons [][]Button
	// Checklist, when set, is a key-point checklist to tick and submit.
	Checklist *Checklist
	// Quiz, when set, marks the message as a quiz, so that a platform with
	// native quizzes (Telegram polls) can send it as one.
	Quiz *MultipleChoice
	// Version orders the redraws of one message (a quiz's answer count):
	// a redraw with a lower version than one already drawn is stale.
	Version int64
}

// Button is a button with an opaque payload that comes back in a Request.
type Button struct {
	Label   string
	Payload string
	// Primary marks the main action among the buttons.
	Primary bool
}

// Checklist is the self-grading list of an answer's key points.
type Checklist struct {
	QuestionID string
	// Token is the token of the reveal it grades.
	Token string
	// Topic is the topic the practice was started with ("pv"), carried on
	// to the Next button after grading; empty for the whole bank.
	Topic string
	// Points are the key points' short labels.
	Points []string
	// Checked is the bit set of ticked points.
	Checked uint32
	// SubmitLabel labels the submit button.
	SubmitLabel string
}

// TogglePayload is the payload of a button that ticks or unticks point i,
// for platforms that draw the checklist as buttons.
func (c Checklist) TogglePayload(i int) string {
	return encodeMaskAction(actionToggle, c.QuestionID, c.Checked^(1<<uint(i)), c.Token, c.Topic)
}

// SubmitPayload is the payload that submits the checklist with the given
// points ticked.
func (c Checklist) SubmitPayload(checked uint32) string {
	return encodeMaskAction(actionSubmit, c.QuestionID, checked, c.Token, c.Topic)
}

// Ref names the checklist in a platform's own controls (Slack's submit
// button, whose ticks come from the message's state): see ChecklistFromRef.
func (c Checklist) Ref() string { return withTopic(c.QuestionID+":"+c.Token, c.Topic) }

// ChecklistFromRef is the checklist a Ref names, for its SubmitPayload.
func ChecklistFromRef(ref string) Checklist {
	id, rest, _ := strings.Cut(ref, ":")
	token, topic, _ := strings.Cut(rest, ":")
	return Checklist{QuestionID: id, Token: token, Topic: topic}
}

// Buttons draws the checklist as buttons, for platforms without native
// checkboxes: one toggle per point (☐/☑) and the submit button.
func (c Checklist) Buttons() [][]Button {
	var rows [][]Button
	for i, p := range c.Points {
		box := "☐ "
		if c.Checked&(1<<uint(i)) != 0 {
			box = "☑ "
		}
		rows = append(rows, []Button{{Label: box + p, Payload: c.TogglePayload(i)}})
	}
	return append(rows, []Button{{Label: c.SubmitLabel, Payload: c.SubmitPayload(c.Checked), Primary: true}})
}

// MultipleChoice is the auto-graded part of a quiz message.
type MultipleChoice struct {
	// ID is the quiz's ID, which answers name.
	ID string
	// Header names the quiz and its format ("🧩 Quiz · Fill in the blank"),
	// for platforms that draw the quiz natively (a Telegram quiz poll).
	Header string
	// Prompt is the question as plain text; Choices the options.
	Prompt  string
	Choices []string
	// Correct indexes the right choice (for platforms that grade natively).
	Correct int
	// Explanation is a short line shown after answering on such platforms.
	Explanation string
	// Footer is the line drawn under the quiz before anyone answered, which
	// a native quiz must show before answering too: what a right answer is
	// worth, and for the daily question when its answer is revealed
	// ("Right answer +10 points · your first answer to a question each week counts").
	Footer string
	// Lang is the language the quiz is drawn in, for the lines a platform
	// adds to it.
	Lang Lang
}

// ChoiceLabel is choice i, of text, as feedback names it: its letter
// first ("C. etcd"), for platforms that draw the choices natively (a
// Telegram quiz poll).
func ChoiceLabel(i int, text string) string {
	return choiceLetter(i) + ". " + text
}

// AnswerPayload is the payload of the button for choice i of quiz id.
func AnswerPayload(quizID string, i int) string {
	return encodeAnswer(quizID, i)
}
