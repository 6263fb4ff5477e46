package srs

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"
)

// Card is the memory state of one question for one user.
//
// The zero Card is a new, never reviewed card. Cards are plain values:
// Scheduler.Review returns a new Card and leaves its argument untouched.
type Card struct {
	// Stability is the number of days after the last review at which the
	// probability of recall falls to 90%; 0 for a new card.
	Stability float64
	// Difficulty is how hard the question is for this user, in [1, 10];
	// 0 for a new card.
	Difficulty float64
	// Due is when the question should next be asked; zero for a new card.
	Due time.Time
	// LastReview is when the question was last answered; zero for a new
	// card.
	LastReview time.Time
	// Reps counts reviews, including those graded Again.
	Reps int
	// Lapses counts reviews graded Again.
	Lapses int
}

// IsNew reports whether the card has never been reviewed (Reps == 0). A
// negative Reps, which only a corrupt card can have, also counts as new.
func (c Card) IsNew() bool { return c.Reps <= 0 }

// Limits of the text encoding.
const (
	textFields = 6
	textDigits = 4 // decimals kept for stability and difficulty

	// maxUnix is 9999-12-31T23:59:59Z, the last second of a four-digit year.
	maxUnix = 253402300799
)

// MarshalText encodes the card as six comma-separated fields:
//
//	stability,difficulty,due,lastReview,reps,lapses
//
// for example "3.1730,5.2824,1709542800,1709283600,1,0". Stability and
// difficulty are written with exactly four decimals (rounded half away from
// zero); times are Unix seconds (sub-second precision is dropped), with 0
// standing for the zero time.Time; reps and lapses are decimal integers.
// The format is stable: it will not change without a new encoding name.
//
// MarshalText returns an error, and no text, for a card UnmarshalText would
// reject: non-finite or negative stability or difficulty, stability above
// 36500 days or difficulty above 10, negative counts, or a non-zero time
// not after 1970-01-01T00:00:00Z or after the year 9999.
func (c Card) MarshalText() ([]byte, error) {
	c.Stability = round4(c.Stability)
	c.Difficulty = round4(c.Difficulty)
	due, err := timeToUnix(c.Due)
	if err != nil {
		return nil, fmt.Errorf("srs: cannot encode card: due: %w", err)
	}
	last, err := timeToUnix(c.LastReview)
	if err != nil {
		return nil, fmt.Errorf("srs: cannot encode card: last review: %w", err)
	}
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("srs: cannot encode card: %w", err)
	}
	b := make([]byte, 0, 64)
	b = strconv.AppendFloat(b, c.Stability, 'f', textDigits, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, c.Difficulty, 'f', textDigits, 64)
	b = append(b, ',')
	b = strconv.AppendInt(b, due, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, last, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(c.Reps), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(c.Lapses), 10)
	return b, nil
}

// UnmarshalText decodes a card written by MarshalText. It is strict: the
// text must have exactly six fields, with no spaces; NaN, infinities and
// values out of the ranges MarshalText accepts are errors. Stability and
// difficulty are rounded to four decimals, as MarshalText would write
// them, and times are returned in UTC. On error *c is left unchanged.
func (c *Card) UnmarshalText(b []byte) error {
	fields := bytes.Split(b, []byte{','})
	if len(fields) != textFields {
		return fmt.Errorf("srs: invalid card %q: want %d comma-separated fields, got %d", b, textFields, len(fields))
	}
	var out Card
	var err error
	if out.Stability, err = parseDecimal(fields[0]); err != nil {
		return fmt.Errorf("srs: invalid card stability: %w", err)
	}
	if out.Difficulty, err = parseDecimal(fields[1]); err != nil {
		return fmt.Errorf("srs: invalid card difficulty: %w", err)
	}
	if out.Due, err = parseUnix(fields[2]); err != nil {
		return fmt.Errorf("srs: invalid card due time: %w", err)
	}
	if out.LastReview, err = parseUnix(fields[3]); err != nil {
		return fmt.Errorf("srs: invalid card last review time: %w", err)
	}
	if out.Reps, err = parseCount(fields[4]); err != nil {
		return fmt.Errorf("srs: invalid card reps: %w", err)
	}
	if out.Lapses, err = parseCount(fields[5]); err != nil {
		return fmt.Errorf("srs: invalid card lapses: %w", err)
	}
	if err := out.validate(); err != nil {
		return fmt.Errorf("srs: invalid card: %w", err)
	}
	*c = out
	return nil
}

// validate checks the ranges of the numeric fields (times are checked by
// timeToUnix and parseUnix).
func (c Card) validate() error {
	switch {
	case math.IsNaN(c.Stability) || c.Stability < 0 || c.Stability > maxStability:
		return fmt.Errorf("stability %v outside [0, %d]", c.Stability, maxStability)
	case math.IsNaN(c.Difficulty) || c.Difficulty < 0 || c.Difficulty > maxDifficulty:
		return fmt.Errorf("difficulty %v outside [0, %d]", c.Difficulty, maxDifficulty)
	case c.Reps < 0:
		return fmt.Errorf("negative reps %d", c.Reps)
	case c.Lapses < 0:
		return fmt.Errorf("negative lapses %d", c.Lapses)
	}
	return nil
}

// round4 rounds x to four decimals. Non-finite values are returned as is
// (and then rejected by validate).
func round4(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e15 {
		return x
	}
	r := math.Round(x*1e4) / 1e4
	if r == 0 {
		r = 0 // no "-0.0000"
	}
	return r
}

var errNotFinite = errors.New("not a finite number")

// parseDecimal parses a finite float and rounds it to four decimals.
func parseDecimal(b []byte) (float64, error) {
	x, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return 0, err
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q: %w", b, errNotFinite)
	}
	return round4(x), nil
}

// parseUnix parses Unix seconds; 0 is the zero time.Time.
func parseUnix(b []byte) (time.Time, error) {
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return time.Time{}, err
	}
	if n == 0 {
		return time.Time{}, nil
	}
	if n < 0 || n > maxUnix {
		return time.Time{}, fmt.Errorf("unix time %d outside [1, %d]", n, int64(maxUnix))
	}
	return time.Unix(n, 0).UTC(), nil
}

// timeToUnix is the inverse of parseUnix, dropping sub-second precision.
func timeToUnix(t time.Time) (int64, error) {
	if t.IsZero() {
		return 0, nil
	}
	n := t.Unix()
	if n <= 0 || n > maxUnix {
		return 0, fmt.Errorf("time %v not after 1970-01-01T00:00:00Z or after year 9999", t)
	}
	return n, nil
}

// parseCount parses a non-negative decimal int.
func parseCount(b []byte) (int, error) {
	n, err := strconv.Atoi(string(b))
	if err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, fmt.Errorf("negative count %d", n)
	}
	return n, nil
}
