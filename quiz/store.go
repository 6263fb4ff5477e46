package quiz

import (
	"context"
	"errors"
	"time"

	"github.com/kubequiz/kubequiz/quiz/srs"
)

// Store keeps what must outlive a request: users' review schedules and
// settings, quiz state, scores, streaks and leaderboards. Everything of one
// scope is kept together so that each call is one round trip, also on Redis
// Cluster. Errors mean the store could not be reached or answered badly; the
// core then serves what it can without it.
type Store interface {
	// Practice loads a user's language and review schedule in a scope.
	Practice(ctx context.Context, scope, user string) (Practice, error)
	// MarkSeen records that a question was shown to a user as a
	// flashcard, which their Session keeps for SessionTTL.
	MarkSeen(ctx context.Context, d Draw) error
	// Reveal records that a question's answer was shown to the user, with
	// the token its grade buttons carry (one grade per reveal), and reads
	// the user's language. A token whose reveal was graded stays graded
	// (the reveal made again, for the same delivery).
	Reveal(ctx context.Context, scope, user, questionID, token string) (lang string, err error)
	// Card loads the user's schedule for one question and their language.
	Card(ctx context.Context, scope, user, questionID string) (CardState, error)
	// SaveReview stores a graded card and counts the review towards the
	// user's streak and the question's accuracy, once per reveal: only a
	// grade that carries the question's latest reveal token is saved, and
	// a second grade of that reveal is refused.
	SaveReview(ctx context.Context, r Review) (ReviewResult, error)
	// Language is the user's chosen interface language, or "".
	Language(ctx context.Context, scope, user string) (string, error)
	// SetLanguage stores the user's interface language.
	SetLanguage(ctx context.Context, scope, user, lang string) error
	// CreateQuiz stores a new quiz, which expires after its TTL. A quiz
	// asked for (Quiz.For) is its asker's last, which their Session keeps
	// for SessionTTL. A quiz with a Delivery (asked for by someone) is
	// stored only if its ID is free: else CreateQuiz returns ErrQuizTaken
	// and changes nothing, so that a delivery handled again, or a create
	// sent again, finds the quiz made first (LoadQuiz).
	CreateQuiz(ctx context.Context, q Quiz) error
	// LoadQuiz reads a stored quiz; ok is false when there is none (it
	// expired, or never was).
	LoadQuiz(ctx context.Context, scope, quizID string) (q Quiz, ok bool, err error)
	// Session reads what the user last drew (MarkSeen, CreateQuiz), as
	// long as it is kept.
	Session(ctx context.Context, scope, user string) (Session, error)
	// UserAnswer reads a quiz's channel and options and the user's
	// answer to it.
	UserAnswer(ctx context.Context, scope, quizID, user string) (UserAnswer, error)
	// Answer scores one answer atomically, in one round trip: only a user's
	// first answer to a quiz counts.
	Answer(ctx context.Context, a Answer) (AnswerResult, error)
	// Leaderboard reads the top of a board and the caller's own place.
	// Only players with points are on a board.
	Leaderboard(ctx context.Context, q BoardQuery) (Board, error)
	// Stats reads a user's figures in a scope.
	Stats(ctx context.Context, scope, user, week string) (Stats, error)
	// FindUsers lists the users of a scope a name or ID names (their board
	// name, their whole user ID, or its platform's own part), with their
	// board names.
	FindUsers(ctx context.Context, scope, name string) ([]FoundUser, error)
	// Forget deletes everything a scope keeps about a user, reporting
	// whether there was anything.
	Forget(ctx context.Context, scope, user string) (bool, error)
	// HoldConfirmation keeps the token of a confirmation (forgetting a
	// user), with what it confirms (the user), for ttl, and keeps it as
	// the confirmation asked of asker last, in their Session (Confirm),
	// until they draw again: one round trip.
	HoldConfirmation(ctx context.Context, scope, token, what, asker string, ttl time.Duration) error
	// Confirmation is what a token confirms while it is held, or taken by
	// the press by (handled again); "" otherwise.
	Confirmation(ctx context.Context, scope, token, by string) (string, error)
	// TakeConfirmation takes a held token that confirms what for the
	// press by (the same ID when the press is handled again), and reports
	// whether it did: a token is taken once, by its confirmation or its
	// Cancel, and not after its TTL; the same press taking it again (a
	// write resent, a delivery handled again) is told it did.
	TakeConfirmation(ctx context.Context, scope, token, what, by string) (bool, error)
	// RestoreConfirmation gives back a token the press by took, to confirm
	// what again (what it confirmed failed); a token taken by another
	// press, or gone, stays as it is.
	RestoreConfirmation(ctx context.Context, scope, token, what, by string) error
	// ScopeZone is the time zone (an IANA name) a scope counts its days
	// and weeks in, or "" when it set none (the default's).
	ScopeZone(ctx context.Context, scope string) (string, error)
	// SetScopeZone sets a scope's zone; "" drops it, for the default.
	SetScopeZone(ctx context.Context, scope, zone string) error

	// RecordRehearsal stores a rehearsal and its card in one step, counting it
	// as a review (towards the streak and topic accuracy) and, when Typed,
	// in the typed-answer stats. An rehearsal whose Once key was used is not
	// recorded; nor is one whose ID is taken.
	RecordRehearsal(ctx context.Context, r Rehearsal) (RehearsalResult, error)
	// Rehearsal reads a kept rehearsal of the user; ok is false when there
	// is none.
	Rehearsal(ctx context.Context, scope, user, id string) (r Rehearsal, ok bool, err error)
	// OverrideRehearsal changes a kept rehearsal's grade, once: the card
	// becomes after (the rehearsal's Before rescheduled with grade) and topic
	// accuracy follows the new grade; the review is not counted again. It
	// is refused when the card was reviewed since the rehearsal. A step of
	// a mock interview (Rehearsal.Interview) takes the new grade in the
	// same step, when that interview is the user's in progress or the one
	// they finished last and none was started since: Interviews shows it.
	OverrideRehearsal(ctx context.Context, scope, user, id string, grade srs.Grade, after srs.Card) (OverrideStatus, error)
	// Interviews loads the user's mock interview in progress and the one
	// they finished last, each step with its grade as last changed
	// (OverrideRehearsal).
	Interviews(ctx context.Context, scope, user string) (Interviews, error)
	// SaveInterview stores iv as the user's interview in progress if the
	// one stored is still iv's with from steps answered, or, with from -1,
	// if none is in progress; false means another change came first. A
	// finished interview (Done) is kept as finished instead, no longer in
	// progress, until the next one finishes. What is stored expires ttl
	// later. A change whose last step carries a Delivery, offered again
	// once it is stored (the same ID, steps and Delivery: its first reply
	// was lost), reports true and is not made again.
	SaveInterview(ctx context.Context, iv Interview, from int, ttl time.Duration) (bool, error)
	// EndInterview removes the user's interview in progress with this ID
	// (any, when id is ""), reporting whether there was one.
	EndInterview(ctx context.Context, scope, user, id string) (bool, error)
}

// Draw is a flashcard shown to a user (MarkSeen).
type Draw struct {
	Scope, User, QuestionID string
	At                      time.Time
	// Topic is the topic it was drawn from ("" the whole bank).
	Topic string
	// Delivery is the delivery it was drawn for (Request.Delivery), ""
	// none, and Stale says it was neither due nor new (see pickCard): the
	// user's Session keeps both, so that the delivery handled again shows
	// the same card, as it did.
	Delivery string
	Stale    bool
}

// SessionTTL is how long a user's Session is kept after their last draw.
const SessionTTL = 24 * time.Hour

// Session is what a user last drew in a scope, so that a word typed after
// it follows it up: a typed next draws another of what they drew last, of
// its topic, a typed letter is told of their last quiz.
type Session struct {
	// Drew is what they drew last (DrewCard, DrewQuiz; "" nothing kept),
	// from Topic ("" the whole bank).
	Drew  string
	Topic string
	// Question is the question of the flashcard they drew last, and At
	// when they drew it ("" and zero: none kept).
	Question string
	At       time.Time
	// Delivery is the delivery the card was drawn for, and Stale whether
	// it was neither due nor new (see Draw).
	Delivery string
	Stale    bool
	// Quiz is the ID of the last quiz they asked for, "" none.
	Quiz string
	// Confirm is the token of the confirmation asked of them last (the
	// Yes of forgetting a user), when they drew nothing since: a yes or a
	// no they type answers it. "" none.
	Confirm string
}

// What a Session says a user drew last.
const (
	DrewCard = "card"
	DrewQuiz = "quiz"
)

// UserAnswer is a quiz as one user's answer to it finds it.
type UserAnswer struct {
	// Found says the quiz is kept (it has not expired): posted in
	// Channel, with Choices options, made at Created.
	Found   bool
	Channel string
	Choices int
	Created time.Time
	// Answered says the user answered it, with Choice; At is when they
	// last answered its question (zero when not known).
	Answered bool
	Choice   int
	At       time.Time
}

// Practice is what picking a flashcard needs to know about a user.
type Practice struct {
	Lang string
	// Cards are the review schedules of the questions the user has graded,
	// as graded: the quiz outcomes since are in Outcomes.
	Cards map[string]srs.Card
	// Attempts are the user's latest quiz answer on each question.
	Attempts map[string]Attempt
	// Seen is when each question was last shown to the user.
	Seen map[string]time.Time
	// Items are the quiz items (mcq.Item keys) posted at the user's asking,
	// and when.
	Items map[string]time.Time
	// Zone is the scope's time zone, as ScopeZone reads it: read with the
	// rest, the core learns it before the answers to a quiz come, with no
	// round trip of its own.
	Zone string
	// Last is what the user drew last (their Session), read with the
	// rest: a delivery handled again finds the card it drew.
	Last Session
}

// Attempt is a user's latest answer to a quiz on a question: a review the
// schedule takes in when it is read (a wrong answer makes the card due, a
// right one counts as a review).
type Attempt struct {
	At    time.Time
	Right bool
}

// CardState is one question's schedule for a user.
type CardState struct {
	Lang    string
	Card    srs.Card
	Attempt *Attempt
}

// Review is a graded card to store.
type Review struct {
	Scope, User, QuestionID string
	Card                    srs.Card
	// Grade is the grade given, which the question's accuracy counts: Good
	// and Easy recalled, Hard half (see QuestionScore).
	Grade srs.Grade
	// Day is the local calendar day of the review, for the streak.
	Day int64
	// RevealToken is the token of the reveal the grade was given on;
	// Delivery identifies the press, so that a retried write recognises
	// itself.
	RevealToken, Delivery string
}

// ReviewStatus says what became of a review.
type ReviewStatus int

// The review statuses.
const (
	// ReviewSaved: the grade is in the schedule.
	ReviewSaved ReviewStatus = iota
	// ReviewGradedAlready: this reveal was graded before.
	ReviewGradedAlready
	// ReviewNotRevealed: no reveal of the question carries this token (it
	// was never shown, or shown again since).
	ReviewNotRevealed
)

// ReviewResult is the outcome of a review.
type ReviewResult struct {
	Status ReviewStatus
	Activity
}

// Activity is the user's streak after an answer or a review: consecutive
// local days with at least one of either.
type Activity struct {
	Streak, Best int
}

// Quiz is a stored multiple-choice question.
type Quiz struct {
	ID      string
	Scope   string
	Channel string
	// Lang is the language the quiz message is drawn in, and Prefix how
	// commands are typed where it was posted ("/k8s ", "/", "").
	Lang, Prefix string
	// QuestionID is the bank question it tests; Topics are its topics.
	QuestionID string
	Topics     []string
	Format     string
	Prompt     string
	Choices    []string
	Correct    int
	// Points for a right answer, and Bonus on top for the first right one.
	Points, Bonus int
	// Daily marks a channel's daily question: its right answerers are kept
	// in order, and its answers count towards the channel's topic accuracy.
	Daily bool
	// Note is a line shown under the quiz (a daily's reveal time).
	Note    string
	Created time.Time
	// Closes, when not zero, is when answers stop being taken.
	Closes time.Time
	TTL    time.Duration
	// Item is the quiz item it was made from, and For the user who asked
	// for it: the store records it as had by them, and as their Session's
	// last draw, with Asked, the topic they asked for ("" the whole bank).
	Item, For string
	Asked     string
	// Delivery is the delivery that asked for it (Request.Delivery), ""
	// none; its ID is drawn from it (see CreateQuiz).
	Delivery string
}

// ErrQuizTaken is CreateQuiz's error for a quiz of a delivery whose ID is
// taken by a quiz stored before.
var ErrQuizTaken = errors.New("the quiz ID is taken")

// ErrNotWritten is wrapped by a store's error when the store refused a
// write outright, having written nothing of it — it is full (Redis past
// its maxmemory, answering OOM), or it was never reached — as opposed to
// a failure after which the write may have been made (its reply lost).
var ErrNotWritten = errors.New("the store wrote nothing")

// Accepts says whether q takes a as an answer: a comes from q's channel,
// picks one of q's choices, and comes before q closes, to the millisecond
// (as a store keeps the times). A store refuses an answer its quiz does not
// accept (AnswerWrongChannel, AnswerBadChoice, AnswerClosed), even from a
// user who answered it before; which of them, the store tells.
func (q *Quiz) Accepts(a Answer) bool {
	return a.Channel == q.Channel && q.hasChoice(a.Choice) &&
		(q.Closes.IsZero() || a.At.UnixMilli() < q.Closes.UnixMilli())
}

// hasChoice says whether i is the index of one of q's choices.
func (q *Quiz) hasChoice(i int) bool { return i >= 0 && i < len(q.Choices) }

// Answer is one user's choice on a quiz.
type Answer struct {
	Scope, Channel, QuizID string
	User, UserName         string
	Choice                 int
	At                     time.Time
	// Day is the local calendar day (for the streak) and Week the ISO week
	// key of the weekly board.
	Day  int64
	Week string
	// PrevWeek is the ISO week key of the week before Week. A daily's
	// points count in the week it was posted: a daily created before
	// WeekStart (posted late in the week before, answered after the
	// midnight that began this one, before its reveal) puts them on
	// PrevWeek's board, which its reveal's top five reads. Empty: Week's.
	PrevWeek string
	// WeekStart is when Week began, in the scope's zone. A right answer to
	// a quiz that is not a daily earns its points only if the user answered
	// no quiz of its question (a daily's either) since: a question's points
	// reward knowing it at the week's first try, not repeating the answer
	// its feedback showed. Zero: every right answer earns them.
	WeekStart time.Time
	// Held is the quiz as the caller holds it, nil when it does not: then
	// the result carries the quiz's content (AnswerResult.Quiz). A store may
	// score against a held quiz's content, which never changes once posted,
	// rather than read it back, and leave out of the answer of any quiz but
	// a daily what only a daily's answer needs.
	Held *Quiz
	// Delivery identifies the press or vote: an answer written again with
	// the same Delivery (a retry) is recognised as this one, and reported
	// scored as it was.
	Delivery string
}

// AnswerStatus says what became of an answer.
type AnswerStatus int

// The answer statuses.
const (
	// AnswerScored: the first answer of this user, now counted.
	AnswerScored AnswerStatus = iota
	// AnswerRepeated: the user had answered before; Choice is their first answer.
	AnswerRepeated
	// AnswerNoQuiz: no such quiz in this scope (expired, or never existed).
	AnswerNoQuiz
	// AnswerWrongChannel: the quiz belongs to another conversation.
	AnswerWrongChannel
	// AnswerBadChoice: the choice is not one of the quiz's options.
	AnswerBadChoice
	// AnswerClosed: answers are no longer taken.
	AnswerClosed
)

// AnswerResult is the outcome of an answer.
type AnswerResult struct {
	Status AnswerStatus
	Lang   string
	// Quiz is the stored quiz, when the caller held none (Answer.Held) and
	// the quiz exists.
	Quiz *Quiz
	// Right is the index of the right choice; Choices how many there are.
	Right, Choices int
	// Choice is the counted choice; Correct whether it was right; Points what
	// it earned; First whether it was the first right answer.
	Choice  int
	Correct bool
	Points  int
	First   bool
	// AnsweredThisWeek is set on a right answer that earned no points: the
	// user had answered a quiz of its question since Answer.WeekStart.
	AnsweredThisWeek bool
	// Answered is how many users have answered the quiz.
	Answered int
	// WeekPoints are the user's points this week after the answer; after
	// a right answer to a daily of the week before (Answer.PrevWeek),
	// that week's.
	WeekPoints int64
	// WeekBefore is set when the answer's points count in the week before
	// (Answer.PrevWeek): the quiz is a daily created before
	// Answer.WeekStart, and a daily's points count in the week it was
	// posted. The store says which board it used.
	WeekBefore bool
	Activity
}

// BoardQuery asks for a leaderboard: the week's (Week set) or all time's.
type BoardQuery struct {
	Scope string
	// Week is the ISO week key ("2026-W49"); empty means all time.
	Week  string
	User  string
	Limit int
}

// Board is the top of a leaderboard and the caller's place.
type Board struct {
	Lang    string
	Entries []BoardEntry
	// Me is the caller's entry, nil when they have no points on this board.
	Me *BoardEntry
	// Players is how many users are on the board: those with points.
	Players int64
}

// BoardEntry is one user's place. Users with equal points share a rank.
type BoardEntry struct {
	Rank   int64
	User   string
	Name   string
	Points int64
}

// Stats are a user's figures in a scope, as stored; the core derives the
// rest (topic accuracy from the questions' topics, cards due).
type Stats struct {
	Lang               string
	WeekPoints, Points int64
	WeekRank, Rank     int64 // 0 when not on the board
	// Answered, Correct and Reviews are the user's totals.
	Answered, Correct, Reviews int
	Streak, Best               int
	LastDay                    int64
	// Topics are per-topic counts kept before per-question counts.
	Topics map[string]TopicScore
	// Questions are the user's counts per question.
	Questions map[string]QuestionScore
	Cards     map[string]srs.Card
	Attempts  map[string]Attempt
	// Typed is the user's practice in words.
	Typed TypedStats
}

// QuestionScore counts a user's quiz answers and reviews of one question:
// of the Reviews, Recalled were graded Good or Easy and Hard were graded
// Hard (recalled with serious difficulty), which counts half.
type QuestionScore struct {
	QuizTries, QuizRight int
	Reviews, Recalled    int
	Hard                 int
}

// TopicScore counts a user's results on one topic, from quizzes and
// reviews: of Tries, Right were answered right or recalled, and Half
// recalled with difficulty (Hard), each counting half.
type TopicScore struct {
	Tries, Right, Half int
}
