package quiz

import (
	"context"
	"strings"
	"time"
)

// Points of the daily question.
const (
	// DailyPoints is what a right answer to a daily question earns.
	DailyPoints = 20
	// DailyFirstBonus is added for the first right answer in the channel.
	DailyFirstBonus = 5
)

// DailySettings is a channel's daily question: posted every day at Hour:Minute
// in Zone.
type DailySettings struct {
	Platform, Scope, Channel string
	Hour, Minute             int
	// Zone is an IANA time zone name.
	Zone string
	// Since is when it was turned on: no post is due for a time before it.
	Since time.Time
	// Lang is the language of the posts (the admin's when turned on), and
	// Prefix how commands are typed in the channel.
	Lang, Prefix string
	// Admin is the direct conversation of the admin who turned it on, to
	// tell them when the daily had to be turned off.
	Admin string
	// Kept marks what Daily reads of a daily turned off: the time it had,
	// and its zone if it was not the scope's (else Zone is empty: it
	// follows the scope's, wherever that is by then).
	Kept bool
}

// PostNamesUsed is what DailyStore.ClaimAll reports for a post claim it
// could not name: its day has no post, but posts of other zones (a zone
// changed, more than once) hold every name of its date. It is no name:
// Scheduler.claim tells the operator and reads it as not taken.
const PostNamesUsed = "#used"

// DailyPost is one posted daily question.
type DailyPost struct {
	Platform, Scope, Channel string
	// Date names the post: the channel's local date, "2006-01-02", which
	// Day reads, and, for a second post of a date (a zone changed between
	// them), "#2" after it (see DailyStore.ClaimAll).
	Date       string
	QuizID     string
	QuestionID string
	// MessageID is the platform's ID of the post, when it was sent through
	// an Outbox.
	MessageID string
	PostedAt  time.Time
	RevealAt  time.Time
	Lang      string
	// Pending marks a post recorded before it was sent (with its reveal
	// scheduled) and not yet known to have arrived: still being sent, or
	// the bot died during the send, or the platform's answer was lost. It
	// has no MessageID. See Scheduler.publishReveal for its reveal.
	Pending bool
	// Delivery is the delivery of the `daily now` that made the post
	// (Request.Delivery), "" for the scheduler's: the same delivery
	// handled again replies as its first handling did (see dailyNow).
	Delivery string
}

// sendUnconfirmed is errSent for a post whose send the platform never
// confirmed (Pending), as publish returns it, else nil.
func (p DailyPost) sendUnconfirmed() error {
	if p.Pending {
		return errSent
	}
	return nil
}

// Day is the local date a post was made on.
func (p DailyPost) Day() string { return postDay(p.Date) }

// postDay is the local date a post's name (DailyPost.Date) names.
func postDay(name string) string {
	day, _, _ := strings.Cut(name, "#")
	return day
}

// DailyHistory is what a channel's dailies have been, for picking the next.
type DailyHistory struct {
	// Used maps each question used to the order of its latest use (1, 2,
	// …); Uses is the number of uses in all.
	Used map[string]int64
	Uses int64
	// CycleStart is the number of uses before the current cycle, which
	// ends once every question of the bank was used in it; CycleKept says
	// the history keeps it. A history kept by an earlier version does not:
	// its cycle counts from the first daily, so that the questions it never
	// used come first, or, once it used every question, as that version
	// counted it (a bank's worth of uses), so that its last days' questions
	// do not come back at once.
	CycleStart int64
	CycleKept  bool
	// Repeats marks the questions whose latest use was a comeback: a
	// second use in its cycle.
	Repeats map[string]bool
	// Missed marks the questions whose daily most of the channel got wrong.
	Missed map[string]bool
	// Accuracy is the channel's share of right daily answers per topic.
	Accuracy map[string]TopicScore
}

// DailyUse is a question used as a channel's daily, as MarkUsed records it.
type DailyUse struct {
	QuestionID string
	// CycleStart is the number of uses before the cycle it was picked in.
	CycleStart int64
	// Repeat marks a missed question's comeback in a cycle that used it
	// already.
	Repeat bool
	// Post names the daily that used it (its quiz's ID): the same use
	// written again, after a timeout, is recognised and counts once.
	Post string
}

// DailyResults are the figures a reveal shows.
type DailyResults struct {
	// Answered counts everyone who answered; RightCount those who were right.
	Answered, RightCount int
	// Right names the first right answerers, in the order they answered.
	Right []string
	// Top is the week's top of the scope's board (players with points).
	Top []BoardEntry
}

// ScheduledDaily is a channel in the daily schedule, with its settings.
type ScheduledDaily struct {
	DailySettings
	// Due is the channel's time in the schedule: the earliest post time not
	// yet dealt with (or when it was turned on). Moves name it, so that a
	// move made from a stale read changes nothing.
	Due time.Time
}

// DailiesDue is what the schedule holds due at a time.
type DailiesDue struct {
	Channels []ScheduledDaily
	Reveals  []DailyPost
}

// DailyClaim names one marker: an action ("post", "skip", "reveal") on a
// channel's local date.
type DailyClaim struct {
	Scope, Channel, Date, Action string
	// A post is claimed for its day in the zone in effect, from Start to
	// End; At is the instant the post counts at (see postClaim).
	Start, End, At time.Time
	// Token is the claim's own, written in the marker it takes: the same
	// claim sent again with its Token finds its own marker and wins again
	// (a post's at any At within its day), so that a claim whose outcome its caller
	// never learnt (its reply lost, or its bot killed: a `daily now`'s
	// token is drawn from its delivery) is not lost to itself. Empty: a
	// scheduler draws one at random.
	Token string
}

// DailyMove moves a channel in the schedule from the time it was read at to
// its next time.
type DailyMove struct {
	Platform, Scope, Channel string
	From, To                 time.Time
}

// DailyStore keeps the daily questions' settings, schedule, posts and
// markers. Markers are claimed with a never-released SET NX, so that exactly
// one replica acts on a channel's date. The schedule keeps each channel at
// its next due time, so that finding what is due costs what is due, not
// what is on.
type DailyStore interface {
	// SaveDaily turns a channel's daily question on (or changes it) and
	// schedules it at d.Since: the next tick works out its post time.
	SaveDaily(ctx context.Context, d DailySettings) error
	// StopDaily turns it off and takes it out of the schedule, keeping
	// its time, and its zone when keepZone, for Daily to tell.
	StopDaily(ctx context.Context, scope, channel string, keepZone bool) error
	// Daily reads a channel's settings; ok is false when it is off, and d
	// then has the Hour, Minute and Zone (if kept) it had when it was
	// turned off, and Kept set, or nothing: never on, or turned off by an
	// earlier version.
	Daily(ctx context.Context, scope, channel string) (d DailySettings, ok bool, err error)
	// Due lists, for the platforms named, up to limit channels scheduled at
	// or before t (earliest first) with their settings, and up to limit
	// posts whose reveal time is not after t, in a fixed number of round
	// trips. A scheduled channel that is off is dropped from the schedule.
	Due(ctx context.Context, platforms []string, t time.Time, limit int) (DailiesDue, error)
	// Reschedule applies moves, each only while the channel is still
	// scheduled at its From: a concurrent `daily on` or `off`, or another
	// replica's move, wins.
	Reschedule(ctx context.Context, moves []DailyMove) error
	// RetryDaily makes a channel due again, for a post given back at its
	// time at: it schedules it before at and before its current time, so
	// that a move read earlier fails. A channel that is off stays off.
	RetryDaily(ctx context.Context, platform, scope, channel string, at time.Time) error
	// BackfillSchedule schedules at once every channel with the daily on
	// that the schedule lacks (turned on by an earlier version), and
	// reports how many.
	BackfillSchedule(ctx context.Context) (int, error)
	// Claim takes the marker of one action ("reveal") on a
	// channel's date; it reports whether this caller took it.
	Claim(ctx context.Context, scope, channel, date, action string) (bool, error)
	// ClaimAll takes many markers in one round trip; taken[i] is the name
	// under which this caller took claims[i], "" if it did not: its Date,
	// or, for a post, the name of the day's post (DailyPost.Date). A post
	// is claimed for its day in the zone in effect, so that a zone change
	// neither skips a day nor posts twice in one: it loses when a post was
	// claimed at or after the day's Start, in any zone (or on its Date by
	// an earlier version); a post of another zone on the same date, before
	// the day, makes it the date's second ("2026-12-05#2"). With an error,
	// a claim not known to be taken reads "", and the won ones are still
	// this caller's. A claim sent again with the Token it had wins again
	// if it won before (see DailyClaim.Token).
	// A post claim whose day is free but whose date's names are all used
	// (a store keeps a few per date) reads PostNamesUsed: the day gets no
	// post. An error that wraps ErrNotWritten says that every claim it
	// failed was refused unwritten (the store full, or never reached):
	// those are known not taken.
	ClaimAll(ctx context.Context, claims []DailyClaim) (taken []string, err error)
	// DayPosted reports whether a post claim's day has its post: one
	// claimed within the day, in any zone (or on its Date by an earlier
	// version), or none can be (PostNamesUsed). A claim of it then loses.
	DayPosted(ctx context.Context, c DailyClaim) (bool, error)
	// Claimed reports whether an action's marker was taken.
	Claimed(ctx context.Context, scope, channel, date, action string) (bool, error)
	// Unclaim gives a marker back, for an action that failed before anything
	// was sent, so that the next attempt may make it.
	Unclaim(ctx context.Context, scope, channel, date, action string) error
	// SavePost records a daily's post and schedules its reveal: first as
	// Pending, before it is sent, then sent, with its MessageID. The same
	// write sent again changes nothing more.
	SavePost(ctx context.Context, p DailyPost) error
	// DropPost takes back a pending post that was not sent (the platform
	// refused it outright): its record and its reveal go, and the post
	// before it is the channel's latest again. A post that is not p's
	// quiz's pending one is left alone.
	DropPost(ctx context.Context, p DailyPost) error
	// LastPost is the channel's latest daily post.
	LastPost(ctx context.Context, scope, channel string) (p DailyPost, ok bool, err error)
	// FinishReveals unschedules posts' reveals, in one round trip.
	FinishReveals(ctx context.Context, ps ...DailyPost) error
	// DailyResults reads a daily quiz's answers, the first right answerers
	// (at most limit names) and the week's top of the board.
	DailyResults(ctx context.Context, p DailyPost, week string, limit, top int) (DailyResults, error)
	// DailyHistory reads what a channel's dailies have been.
	DailyHistory(ctx context.Context, scope, channel string) (DailyHistory, error)
	// SetMissed records whether the channel missed a question's daily.
	SetMissed(ctx context.Context, scope, channel, questionID string, missed bool) error
	// MarkUsed records a question as the channel's latest daily, with the
	// cycle it was picked in; the same use written again counts once.
	MarkUsed(ctx context.Context, scope, channel string, u DailyUse) error
	// CloseQuiz stops a quiz taking answers from t on.
	CloseQuiz(ctx context.Context, scope, quizID string, t time.Time) error
	// LoadQuiz reads a stored quiz; ok is false when it has expired.
	LoadQuiz(ctx context.Context, scope, quizID string) (q Quiz, ok bool, err error)
}
