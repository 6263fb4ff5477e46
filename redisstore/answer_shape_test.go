package redisstore

import (
	"context"
	"maps"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/redistest"
	"github.com/kubequiz/kubequiz/quiz"
)

// answerFloorCalls is the least an atomic answer could do: keep the first
// answer (HSETNX), count it (HINCRBY) and score it on both boards
// (ZINCRBY ×2).
const answerFloorCalls = 4

// answerShapes are the Redis calls the answer script makes, by case, for a
// quiz the caller holds that is not a daily; each is one EVALSHA, one round
// trip. A returning user's answer is the common case: four calls when
// wrong, the floor's number, six when right (the two boards). A user's
// first answer adds their name to the names hash (FindUsers looks them up
// by it), and the first points of a week the week board's expiry. A
// right answer to a question answered this week already earns nothing and
// reads the week's points instead (ZSCORE).
var answerShapes = []answerShape{
	{name: "returning user, wrong", returning: true,
		calls: map[string]int64{"hmget": 2, "hset": 2}},
	{name: "returning user, right", returning: true, right: true,
		calls: map[string]int64{"hmget": 2, "hset": 2, "zincrby": 2}},
	{name: "returning user on a new day, wrong", returning: true, nextDay: true,
		calls: map[string]int64{"hmget": 2, "hset": 2}},
	{name: "first answer, wrong",
		calls: map[string]int64{"hmget": 2, "hset": 3}},
	{name: "first answer, right", right: true,
		calls: map[string]int64{"hmget": 2, "hset": 3, "zincrby": 2, "expire": 1}},
	{name: "returning user, right again this week", returning: true, again: true, right: true,
		calls: map[string]int64{"hmget": 2, "hset": 2, "zscore": 1}},
}

// answerShape is a case of answerShapes.
type answerShape struct {
	name string
	// returning: the user answered another quiz before, on the same day
	// unless nextDay, of the same question if again.
	returning, nextDay, again, right bool
	calls                            map[string]int64
}

// answerShapeFixture answers on a dedicated server, whose command
// statistics are its own.
type answerShapeFixture struct {
	st    *Store
	rdb   *redis.Client
	scope string
	n     int
}

func newAnswerShapeFixture(t testing.TB) *answerShapeFixture {
	srv := redistest.Start(t)
	rdb := srv.Client(t)
	return &answerShapeFixture{st: preloaded(t, rdb), rdb: rdb, scope: "shape"}
}

// quiz stores a new quiz, as the core posts one: the right choice is 1,
// the question one of its own, or the last quiz's if again.
func (f *answerShapeFixture) quiz(t testing.TB, again bool) quiz.Quiz {
	t.Helper()
	if !again {
		f.n++
	}
	q := benchQuiz(f.scope, f.n)
	q.ID, q.QuestionID, q.Correct = q.ID+"."+strconv.FormatBool(again), "q"+strconv.Itoa(f.n), 1
	if err := f.st.CreateQuiz(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	return q
}

// answer answers q as the core does for a quiz it holds, on day0 or the
// day after, in week1.
func (f *answerShapeFixture) answer(t testing.TB, q quiz.Quiz, user string, choice int, nextDay bool) quiz.AnswerResult {
	t.Helper()
	a := quiz.Answer{
		Scope: q.Scope, Channel: q.Channel, QuizID: q.ID, User: user, UserName: user, Choice: choice,
		At: t0.Add(time.Minute), Day: day0, Week: week1, WeekStart: week1Start, Delivery: "d:" + user + ":" + q.ID, Held: &q,
	}
	if nextDay {
		a.At, a.Day = a.At.Add(24*time.Hour), day0+1
	}
	res, err := f.st.Answer(context.Background(), a)
	if err != nil || res.Status != quiz.AnswerScored {
		t.Fatalf("answer of %s to %s: %+v, %v", user, q.ID, res, err)
	}
	return res
}

// callsOf answers a quiz once as a case says and returns the Redis calls
// the answer made, by command, beside its one EVALSHA, and the time Redis
// spent in the script (µs).
func (f *answerShapeFixture) callsOf(t testing.TB, user string, c answerShape) (map[string]int64, int64) {
	t.Helper()
	ctx := context.Background()
	if c.returning {
		f.answer(t, f.quiz(t, false), user, 1, false) // on the boards, with a streak
	}
	q := f.quiz(t, c.returning && c.again)
	choice := 0
	if c.right {
		choice = 1
	}
	if err := f.rdb.ConfigResetStat(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	res := f.answer(t, q, user, choice, c.nextDay)
	if res.AnsweredThisWeek != c.again {
		t.Fatalf("%s: the answer %+v, AnsweredThisWeek not %v", c.name, res, c.again)
	}
	stats, err := redistest.CommandStats(ctx, f.rdb)
	if err != nil {
		t.Fatal(err)
	}
	if stats["evalsha"].Calls != 1 {
		t.Fatalf("the answer took %d EVALSHA, want one round trip: %v", stats["evalsha"].Calls, stats)
	}
	calls := map[string]int64{}
	for name, st := range stats {
		// Beside the script: the answer's calls, without the statistics'.
		if name != "evalsha" && name != "info" && !strings.HasPrefix(name, "config") {
			calls[name] = st.Calls
		}
	}
	return calls, stats["evalsha"].Usec
}

// total is the number of calls.
func total(calls map[string]int64) int64 {
	var n int64
	for _, c := range calls {
		n += c
	}
	return n
}

func TestAnAnswerIsOneRoundTripOfFewRedisCalls(t *testing.T) {
	f := newAnswerShapeFixture(t)
	for i, c := range answerShapes {
		got, _ := f.callsOf(t, "U"+strconv.Itoa(i), c)
		if !maps.Equal(got, c.calls) {
			t.Errorf("%s: the answer script called %v (%d calls), want %v (%d; the floor is %d)",
				c.name, got, total(got), c.calls, total(c.calls), answerFloorCalls)
		}
	}
}

// BenchmarkAnswerShape reports, per case of answerShapes, the Redis calls
// an answer makes (redis-calls/op, which
// TestAnAnswerIsOneRoundTripOfFewRedisCalls pins) beside the floor's, and
// the time Redis spends in the script (redis-µs/op, from INFO
// commandstats), on a dedicated server. Its ns/op includes setting up
// each answer's case (its quiz, the user's earlier answer) and reading the
// statistics: read the metrics.
//
//	go test -run '^$' -bench AnswerShape ./redisstore
func BenchmarkAnswerShape(b *testing.B) {
	for _, c := range answerShapes {
		b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
			f := newAnswerShapeFixture(b)
			var calls, usec, scripts int64
			for b.Loop() {
				scripts++
				got, took := f.callsOf(b, "U"+strconv.FormatInt(scripts, 10), c)
				calls += total(got)
				usec += took
			}
			b.ReportMetric(float64(calls)/float64(scripts), "redis-calls/op")
			b.ReportMetric(answerFloorCalls, "floor-calls/op")
			b.ReportMetric(float64(usec)/float64(scripts), "redis-µs/op")
		})
	}
}

func TestAnAnswerScriptsReplyIsReadOrRefused(t *testing.T) {
	a := quiz.Answer{Scope: "s", QuizID: "q1"}
	res, err := parseAnswer(a, "0 2 1 15 1 0 7 1e+17 3 5 2 4 0 en-GB words")
	want := quiz.AnswerResult{
		Status: quiz.AnswerScored, Choice: 2, Correct: true, Points: 15, First: true, Answered: 7,
		WeekPoints: 1e17, Activity: quiz.Activity{Streak: 3, Best: 5}, Right: 2, Choices: 4, Lang: "en-GB words",
	}
	if err != nil || res != want {
		t.Errorf("parseAnswer = %+v, %v; want %+v", res, err, want)
	}
	if res, err := parseAnswer(a, "2 0 0 0 0 0 0 0 0 0 0 0 0 "); err != nil || res.Status != quiz.AnswerNoQuiz || res.Lang != "" {
		t.Errorf("no quiz, no language: %+v, %v", res, err)
	}
	for _, bad := range []any{
		"", "0 1 2", "0 x 1 15 1 0 7 30 3 5 2 4 0 en", int64(3), []any{}, []any{int64(1)}, nil,
		[]any{"0 1 1 10 0 0 1 10 1 1 1 4 0 en", "choices", "not json"},
	} {
		if res, err := parseAnswer(a, bad); err == nil {
			t.Errorf("parseAnswer(%#v) = %+v, want an error", bad, res)
		}
	}
}

// TestAnswerSummaryIsReadFieldByField: every number in its place, a
// week's points as a sorted set's score, the language last whatever it
// holds; a summary short of a field, or with a field not a number, is an
// error.
func TestAnswerSummaryIsReadFieldByField(t *testing.T) {
	got, err := parseAnswerSummary("0 2 1 15 1 0 7 25.0 3 5 2 4 1 en")
	want := quiz.AnswerResult{Status: quiz.AnswerScored, Choice: 2, Correct: true, Points: 15, First: true, Answered: 7,
		WeekPoints: 25, Activity: quiz.Activity{Streak: 3, Best: 5}, Right: 2, Choices: 4, WeekBefore: true, Lang: "en"}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("parseAnswerSummary = %+v, %v; want %+v", got, err, want)
	}
	again := quiz.AnswerResult{Status: quiz.AnswerScored, Choice: 1, Correct: true, AnsweredThisWeek: true, Answered: 2,
		WeekPoints: 30, Activity: quiz.Activity{Streak: 1, Best: 4}, Choices: 4, Lang: "zh"}
	if got, err := parseAnswerSummary("0 1 1 0 0 1 2 30 1 4 0 4 0 zh"); err != nil || !reflect.DeepEqual(got, again) {
		t.Errorf("a right answer that earned nothing: %+v, %v; want %+v", got, err, again)
	}
	if got, err := parseAnswerSummary("1 0 0 0 0 0 3 0 0 0 0 0 0 "); err != nil || got.Status != quiz.AnswerRepeated || got.Answered != 3 || got.Lang != "" {
		t.Errorf("a repeat with no language: %+v, %v", got, err)
	}
	if got, err := parseAnswerSummary("0 0 0 0 0 0 1 0 1 1 0 4 0 a b"); err != nil || got.Lang != "a b" {
		t.Errorf("the language is the rest of the summary: %+v, %v", got, err)
	}
	for _, bad := range []string{"", "6", "0 0 0 0 0 0 1 0 1 1 0 4 0", "0 x 0 0 0 0 1 0 1 1 0 4 0 en", "0 2 1 15 1 7 25.0 3 5 2 4 0 en"} {
		if _, err := parseAnswerSummary(bad); err == nil {
			t.Errorf("parseAnswerSummary(%q) took it", bad)
		}
	}
}
