// Package srs schedules quiz questions with FSRS-5, the fifth version of the
// Free Spaced Repetition Scheduler.
//
// The memory state of one question for one user is a [Card]: a stability S
// (the number of days after which the probability of recall has fallen to
// 90%) and a difficulty D in [1, 10]. After every answer the user grades
// their own recall ([Again], [Hard], [Good] or [Easy]) and [Scheduler.Review]
// returns the new state and the time the question is due again.
//
// # Formulas
//
// The formulas and the 19 default weights w0..w18 are those published for
// FSRS-5 in the open-spaced-repetition wiki page "The Algorithm" (sections
// FSRS-5 and FSRS-4.5, which FSRS-5 inherits), and agree with py-fsrs's
// fsrs_v5.py and ALGORITHM.md except for the forgetting cap noted below. G
// is the grade (1..4) and t the elapsed time in days.
//
//	forgetting curve   R(t, S) = (1 + F·t/S)^C           C = −0.5, F = 19/81
//	next interval      I(r, S) = S/F · (r^(1/C) − 1)     (I = S when r = 0.9)
//	initial stability  S0(G) = w[G−1]
//	initial difficulty D0(G) = w4 − e^(w5·(G−1)) + 1,   clamped to [1, 10]
//	difficulty         ΔD = −w6·(G − 3)
//	                   D'  = D + ΔD·(10 − D)/9           (linear damping)
//	                   D'' = w7·D0(4) + (1 − w7)·D'      (mean reversion), clamped to [1, 10]
//	recall (G ≥ 2)     S'r = S·(1 + e^w8·(11 − D)·S^−w9·(e^(w10·(1−R)) − 1)·h·b)
//	                   h = w15 if G = Hard else 1, b = w16 if G = Easy else 1
//	forgetting (G = 1) S'f = min(w11·D^−w12·((S+1)^w13 − 1)·e^(w14·(1−R)), S)
//	same day (t < 1)   S'  = S·e^(w17·(G − 3 + w18))
//
// The new stability is computed from the difficulty before the review, as
// in the reference implementations. The min(…, S) in the forgetting formula
// keeps post-lapse stability from exceeding the stability before the lapse,
// as described in "A technical explanation of FSRS" (expertium.github.io,
// linked from the wiki). Reference code varies here: py-fsrs's FSRS-5 caps
// at the same-day Again stability S·e^(w17·(w18−2)) and ts-fsrs at
// S/e^(w17·w18).
//
// # Elapsed time
//
// Like the published algorithm (py-fsrs, go-fsrs and ts-fsrs all count
// "elapsed days" as whole days), t is the number of whole days since the
// last review: the elapsed duration divided by 24 hours, rounded down. A
// review less than 24 hours after the previous one is a same-day review and
// uses the short-term formula. A clock that runs backwards (now before
// LastReview) counts as zero elapsed time.
//
// # Robustness
//
// Nothing in this package panics, and no exported function returns NaN or
// an infinity, whatever the card, grade or time: stability is kept in
// [0.01, 36500] days and difficulty in [1, 10], as in the FSRS reference
// code.
package srs

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Grade is a self-grade of one review.
type Grade int

// The four grades of FSRS, in increasing order of recall quality.
const (
	// Again means the answer was forgotten or wrong.
	Again Grade = 1
	// Hard means the answer was recalled with serious difficulty.
	Hard Grade = 2
	// Good means the answer was recalled after some hesitation.
	Good Grade = 3
	// Easy means the answer was recalled effortlessly.
	Easy Grade = 4
)

// Valid reports whether g is one of Again, Hard, Good or Easy.
func (g Grade) Valid() bool { return g >= Again && g <= Easy }

// String returns "again", "hard", "good" or "easy", or "Grade(n)" for an
// invalid grade.
func (g Grade) String() string {
	switch g {
	case Again:
		return "again"
	case Hard:
		return "hard"
	case Good:
		return "good"
	case Easy:
		return "easy"
	}
	return "Grade(" + strconv.Itoa(int(g)) + ")"
}

// ParseGrade parses a grade from "1".."4" or from its name ("again", "hard",
// "good", "easy"), ignoring case and surrounding white space.
func ParseGrade(s string) (Grade, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "again":
		return Again, nil
	case "2", "hard":
		return Hard, nil
	case "3", "good":
		return Good, nil
	case "4", "easy":
		return Easy, nil
	}
	return 0, fmt.Errorf("srs: invalid grade %q: want 1-4 or again, hard, good, easy", s)
}

const (
	// DefaultRetention is the desired probability of recall at the due date.
	DefaultRetention = 0.9
	// DefaultMaxInterval is the longest interval Default schedules.
	DefaultMaxInterval = 365 * day
	// AgainDelay is how long after a review graded Again the question is due
	// again. A missed question comes back in the same session rather than
	// after Interval(stability): the reference schedulers use a short
	// relearning step (10 minutes in py-fsrs and ts-fsrs) for the same
	// reason, and the short-term formula then applies to that retry.
	AgainDelay = 10 * time.Minute
)

const (
	day = 24 * time.Hour

	decay  = -0.5
	factor = 19.0 / 81.0 // = 0.9^(1/decay) − 1, so that R(S, S) = 0.9

	minStability  = 0.01
	maxStability  = 36500
	minDifficulty = 1
	maxDifficulty = 10
)

// defaultWeights are the published FSRS-5 default parameters w0..w18.
var defaultWeights = [19]float64{
	0.40255, 1.18385, 3.173, 15.69105, // w0..w3: initial stability for Again..Easy
	7.1949, 0.5345, // w4, w5: initial difficulty
	1.4604, 0.0046, // w6: difficulty step, w7: mean reversion
	1.54575, 0.1192, 1.01925, // w8..w10: stability after recall
	1.9395, 0.11, 0.29605, 2.2698, // w11..w14: stability after forgetting
	0.2315, 2.9898, // w15: hard penalty, w16: easy bonus
	0.51655, 0.6621, // w17, w18: same-day (short-term) stability
}

// Scheduler holds the FSRS parameters. Its methods have value receivers
// and never modify it, so one Scheduler can be shared between goroutines.
//
// The zero Scheduler behaves like Default(): all-zero Weights mean the
// FSRS-5 defaults, a Retention outside (0, 1] means DefaultRetention, and a
// MaxInterval of zero or less means DefaultMaxInterval.
type Scheduler struct {
	// Weights are the 19 FSRS-5 parameters w0..w18.
	Weights [19]float64
	// Retention is the desired probability of recall at the due date,
	// in (0, 1]; default 0.9.
	Retention float64
	// MaxInterval caps the interval between two reviews; it is rounded
	// down to whole days, and is at least one day. Default 365 days.
	MaxInterval time.Duration
}

// Default returns a Scheduler with the FSRS-5 default weights, a desired
// retention of 0.9 and a maximum interval of 365 days.
func Default() Scheduler {
	return Scheduler{
		Weights:     defaultWeights,
		Retention:   DefaultRetention,
		MaxInterval: DefaultMaxInterval,
	}
}

// normalized returns s with zero or out-of-range fields replaced by their
// defaults, as documented on Scheduler.
func (s Scheduler) normalized() Scheduler {
	if s.Weights == ([19]float64{}) {
		s.Weights = defaultWeights
	}
	if !(s.Retention > 0 && s.Retention <= 1) { // also catches NaN
		s.Retention = DefaultRetention
	}
	if s.MaxInterval <= 0 {
		s.MaxInterval = DefaultMaxInterval
	}
	return s
}

// Review returns the card after it has been reviewed at now with grade g:
// new stability and difficulty, Reps incremented, Lapses incremented if g
// is Again, LastReview set to now, and Due set to now + AgainDelay for
// Again or now + Interval(new stability) otherwise.
//
// A new card (IsNew) takes its initial stability and difficulty from the
// grade. Otherwise a review less than a day after LastReview uses the
// same-day formula, Again uses the forgetting formula and Hard, Good and
// Easy the recall formula (see the package documentation).
//
// An invalid grade is clamped to the nearest valid one (below 1 to Again,
// above 4 to Easy). Out-of-range card values, which only a corrupt card can
// have, are brought into range first: stability is clamped to [0.01,
// 36500] days (NaN becomes 0.01), difficulty to [1, 10] (NaN becomes
// D0(Good)), and negative counts become 0.
func (s Scheduler) Review(c Card, g Grade, now time.Time) Card {
	s = s.normalized()
	w := &s.Weights
	g = min(max(g, Again), Easy)
	c.Reps = max(c.Reps, 0)
	c.Lapses = max(c.Lapses, 0)

	var stability, difficulty float64
	if c.IsNew() {
		stability = sanitizeStability(w[g-1], minStability)
		difficulty = initialDifficulty(w, g)
	} else {
		oldS := sanitizeStability(c.Stability, minStability)
		oldD := sanitizeDifficulty(c.Difficulty, initialDifficulty(w, Good))
		elapsed := now.Sub(c.LastReview) // saturates instead of overflowing
		switch {
		case elapsed < day:
			stability = shortTermStability(w, oldS, g)
		case g == Again:
			r := retrievability(elapsedDays(c.LastReview, now), oldS)
			stability = min(forgetStability(w, oldS, oldD, r), oldS)
		default:
			r := retrievability(elapsedDays(c.LastReview, now), oldS)
			stability = recallStability(w, oldS, oldD, r, g)
		}
		stability = sanitizeStability(stability, oldS)
		difficulty = sanitizeDifficulty(nextDifficulty(w, oldD, g), oldD)
	}

	c.Stability = stability
	c.Difficulty = difficulty
	c.LastReview = now
	if c.Reps < math.MaxInt {
		c.Reps++
	}
	if g == Again {
		if c.Lapses < math.MaxInt {
			c.Lapses++
		}
		c.Due = now.Add(AgainDelay)
	} else {
		c.Due = now.Add(s.Interval(stability))
	}
	return c
}

// Interval returns the time until the next review for a card of the given
// stability: I(r, S) = S/F · (r^(1/C) − 1) days at the desired retention r,
// rounded to the nearest whole day, at least one day and at most
// MaxInterval (whole days). At the default retention 0.9, I equals S.
func (s Scheduler) Interval(stability float64) time.Duration {
	s = s.normalized()
	maxDays := float64(max(s.MaxInterval/day, 1)) // whole days, integer division
	stability = sanitizeStability(stability, minStability)
	days := stability / factor * (math.Pow(s.Retention, 1/decay) - 1)
	days = math.Round(days)
	if math.IsNaN(days) {
		days = 1
	}
	days = min(max(days, 1), maxDays)
	return time.Duration(days) * day
}

// elapsedDays returns the whole days from last to now, at least 0. For
// times further apart than time.Duration can hold (about 292 years) the
// difference saturates, which still yields a finite, huge value.
func elapsedDays(last, now time.Time) float64 {
	d := now.Sub(last)
	if d <= 0 {
		return 0
	}
	return float64(d / day)
}

// retrievability is the FSRS-4.5/5 power forgetting curve R(t, S).
func retrievability(t, stability float64) float64 {
	r := math.Pow(1+factor*t/stability, decay)
	if math.IsNaN(r) {
		return 0
	}
	return min(max(r, 0), 1)
}

// initialDifficulty is D0(G) = w4 − e^(w5·(G−1)) + 1, clamped to [1, 10].
func initialDifficulty(w *[19]float64, g Grade) float64 {
	d := w[4] - math.Exp(w[5]*float64(g-1)) + 1
	return sanitizeDifficulty(d, 5)
}

// nextDifficulty applies the FSRS-5 difficulty update: a grade-dependent
// step ΔD, damped linearly as D approaches 10, then mean reversion towards
// D0(Easy).
func nextDifficulty(w *[19]float64, d float64, g Grade) float64 {
	delta := -w[6] * float64(g-3)
	damped := d + delta*(10-d)/9
	return w[7]*initialDifficulty(w, Easy) + (1-w[7])*damped
}

// recallStability is S'r, the stability after a successful review.
func recallStability(w *[19]float64, s, d, r float64, g Grade) float64 {
	modifier := 1.0
	switch g {
	case Hard:
		modifier = w[15]
	case Easy:
		modifier = w[16]
	}
	inc := math.Exp(w[8]) * (11 - d) * math.Pow(s, -w[9]) * (math.Exp(w[10]*(1-r)) - 1) * modifier
	return s * (1 + inc)
}

// forgetStability is S'f before the FSRS-5 cap at the previous stability.
func forgetStability(w *[19]float64, s, d, r float64) float64 {
	return w[11] * math.Pow(d, -w[12]) * (math.Pow(s+1, w[13]) - 1) * math.Exp(w[14]*(1-r))
}

// shortTermStability is the FSRS-5 same-day formula S·e^(w17·(G−3+w18)).
func shortTermStability(w *[19]float64, s float64, g Grade) float64 {
	return s * math.Exp(w[17]*(float64(g)-3+w[18]))
}

// sanitizeStability clamps s to [minStability, maxStability], replacing NaN
// by fallback (itself clamped; minStability if it is NaN too).
func sanitizeStability(s, fallback float64) float64 {
	if math.IsNaN(s) {
		s = fallback
	}
	if math.IsNaN(s) {
		s = minStability
	}
	return min(max(s, minStability), maxStability)
}

// sanitizeDifficulty clamps d to [1, 10], replacing NaN by fallback (itself
// clamped; 5 if it is NaN too).
func sanitizeDifficulty(d, fallback float64) float64 {
	if math.IsNaN(d) {
		d = fallback
	}
	if math.IsNaN(d) {
		d = 5
	}
	return min(max(d, minDifficulty), maxDifficulty)
}
