package quiz

import (
	"time"

	"github.com/kubequiz/kubequiz/quiz/assess"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// OverrideWindow is how long after an attempt its grade may be changed:
// the attempt is kept that long.
const OverrideWindow = 24 * time.Hour

// Attempt is one answer to a question recorded as a review: a typed answer
// scored against the question's key points, or a self-grade in a mock
// interview. It is kept for OverrideWindow, so that its grade can be
// changed with one press (see Store.OverrideAttempt).
type Attempt struct {
	// ID is the attempt's own ID (8 base32 characters).
	ID                      string
	Scope, User, QuestionID string
	// Once, when set, is the key of what the attempt answers (a prompt,
	// an interview's question): a second attempt with the same key in the
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
	Topics          []string
	// Day is the local calendar day (for the streak); At the time of the
	// answer.
	Day int64
	At  time.Time
	// Overridden reports, when read back, that the grade was changed.
	Overridden bool
}

// AttemptStatus says what became of an attempt offered to the store.
type AttemptStatus int

// The attempt statuses.
const (
	// AttemptRecorded: recorded, as a review.
	AttemptRecorded AttemptStatus = iota
	// AttemptRepeated: an attempt with the same Once key was recorded
	// before; nothing was recorded now.
	AttemptRepeated
	// AttemptIDTaken: another attempt has this ID; nothing was recorded.
	AttemptIDTaken
)

// AttemptResult is what became of an attempt.
type AttemptResult struct {
	Status AttemptStatus
	// First is the attempt recorded before under the same Once key, when
	// Repeated: as much of it as is still kept (its ID at least).
	First Attempt
	// Activity is the user's streak after a recorded attempt.
	Activity
}

// OverrideStatus says what became of a grade change.
type OverrideStatus int

// The override statuses.
const (
	// OverrideDone: the grade was changed.
	OverrideDone OverrideStatus = iota
	// OverrideGone: no such attempt of this user (expired, or never).
	OverrideGone
	// OverrideAlready: the grade was changed once already.
	OverrideAlready
	// OverrideStale: the card was reviewed again since the attempt.
	OverrideStale
)

// TypedStats are a user's typed-answer practice in a scope.
type TypedStats struct {
	// Answers counts the answers in words; Covered of Scored are the key
	// points they covered, summed.
	Answers         int
	Covered, Scored int
	// Topics are the same sums per topic.
	Topics map[string]TopicCoverage
}

// TopicCoverage sums the key points typed answers on a topic covered.
type TopicCoverage struct {
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
}

// Done reports whether every question has been answered.
func (iv Interview) Done() bool { return len(iv.Steps) >= len(iv.Questions) }

// InterviewStep is one answered question of an interview.
type InterviewStep struct {
	QuestionID string
	// Attempt is the ID of the attempt recorded.
	Attempt string
	// Typed: answered in words, covering Covered of Scored key points,
	// with a bit of Missed per missed point; else revealed and
	// self-graded.
	Typed           bool
	Covered, Scored int
	Missed          uint32
	Flags           assess.Flag
	Grade           srs.Grade
	// Took is how long the answer took, from the question shown.
	Took time.Duration
}
