package quiz

import (
	"time"

	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// OverrideWindow is how long after a rehearsal its grade may be changed:
// the rehearsal is kept that long.
const OverrideWindow = 24 * time.Hour

// Rehearsal is one answer to a question recorded as a review: a typed answer
// scored against the question's key points, or a self-grade in a mock
// interview. It is kept for OverrideWindow, so that its grade can be
// changed with one press (see Store.OverrideRehearsal).
type Rehearsal struct {
	// ID is the rehearsal's own ID (8 base32 characters).
	ID                      string
	Scope, User, QuestionID string
	// Once, when set, is the key of what the rehearsal answers (a prompt,
	// an interview's question): a second rehearsal with the same key in the
	// scope is not recorded while the first is kept.
	Once string
	// Before is the user's card before the answer and After the card the
	// answer made, the one stored: a changed grade reschedules Before.
	Before, After srs.Card
	Grade         srs.Grade
	// Typed marks an answer in words, counted in the typed-answer stats:
	// Covered of Scored key points, Missed with a bit per missed point.
	Typed           bool
	Covered, Scored int
	Missed          uint32
	// Day is the local calendar day (for the streak); At the time of the
	// answer.
	Day int64
	At  time.Time
	// Delivery is the platform's delivery it came from (Request.Delivery),
	// so that the same delivery handled again recognises its own.
	Delivery string
	// Interview is the ID of the mock interview whose step it answers, ""
	// for none: a changed grade is that step's grade too.
	Interview string
	// Overridden reports, when read back, that the grade was changed.
	Overridden bool
}

// RehearsalStatus says what became of a rehearsal offered to the store.
type RehearsalStatus int

// The rehearsal statuses.
const (
	// RehearsalRecorded: recorded, as a review.
	RehearsalRecorded RehearsalStatus = iota
	// RehearsalRepeated: a rehearsal with the same Once key was recorded
	// before; nothing was recorded now.
	RehearsalRepeated
	// RehearsalIDTaken: another rehearsal has this ID; nothing was recorded.
	RehearsalIDTaken
)

// RehearsalResult is what became of a rehearsal.
type RehearsalResult struct {
	Status RehearsalStatus
	// First is the rehearsal recorded before under the same Once key, when
	// Repeated: as much of it as is still kept (its ID at least).
	First Rehearsal
	// Activity is the user's streak after a recorded rehearsal.
	Activity
}

// OverrideStatus says what became of a grade change.
type OverrideStatus int

// The override statuses.
const (
	// OverrideDone: the grade was changed.
	OverrideDone OverrideStatus = iota
	// OverrideGone: no such rehearsal of this user (expired, or never).
	OverrideGone
	// OverrideAlready: the grade was changed once already.
	OverrideAlready
	// OverrideStale: the card was reviewed again since the rehearsal.
	OverrideStale
)

// TypedStats are a user's practice in words in a scope.
type TypedStats struct {
	// Answers counts the answers in words.
	Answers int
	// Questions sum, per question, the key points its answers covered and
	// those scored (a question's topics are the bank's).
	Questions map[string]Coverage
}

// Coverage sums the key points answers covered, of those scored.
type Coverage struct {
	Covered, Scored int
}

// Interview is a mock interview in progress: questions asked one after
// another, each answered in words or revealed and self-graded.
type Interview struct {
	// ID is the interview's own ID (8 base32 characters).
	ID          string
	Scope, User string
	// Label is the topics asked for, as typed, or "" for the whole bank.
	Label string
	// Questions are the question IDs, in the order they are asked.
	Questions []string
	// Limit is the time for each question; 0 means none.
	Limit time.Duration
	// Started is when the interview began; Asked when its current
	// question was shown.
	Started, Asked time.Time
	// Steps are the answered questions, in order: the current question is
	// Questions[len(Steps)].
	Steps []InterviewStep
	// Delivery is the delivery that started it (Request.Delivery), ""
	// none: handled again, it shows the start again.
	Delivery string
}

// Done reports whether every question has been answered.
func (iv Interview) Done() bool { return len(iv.Steps) >= len(iv.Questions) }

// Interviews are a user's mock interviews as the store keeps them.
type Interviews struct {
	// Current is the interview in progress; its ID is "" when there is
	// none.
	Current Interview
	// Finished is the interview the user finished last, while it is kept
	// (so that the delivery that finished it, handled again, finds its
	// step); its ID is "" when there is none.
	Finished Interview
}

// InterviewStep is one answered question of an interview.
type InterviewStep struct {
	QuestionID string
	// Rehearsal is the ID of the rehearsal recorded.
	Rehearsal string
	// Typed: answered in words, covering Covered of Scored key points,
	// with a bit of Missed per missed point; else revealed and
	// self-graded.
	Typed           bool
	Covered, Scored int
	Missed          uint32
	Flags           assess.Flag
	Grade           srs.Grade
	// Skipped: passed on (the Skip button, skip typed), recorded as an
	// answer in words that covered none of its key points (Typed, with
	// every scored point Missed) or, for a question whose points cannot
	// be checked, as a self-grade; graded Again either way.
	Skipped bool
	// Took is how long the answer took, from the question shown.
	Took time.Duration
	// At is when the step was stored, the next question shown from then;
	// Delivery is the delivery it was answered in (Request.Delivery), so
	// that the same delivery handled again shows what it showed. Both are
	// zero in a step stored before they were kept.
	At       time.Time
	Delivery string
}
