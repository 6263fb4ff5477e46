package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// Attempts (typed answers, interview self-grades) are kept in a hash of
// their own for quiz.OverrideWindow, with the once-key of what they answer;
// the typed-answer stats are fields of the user's hash:
//
//	typed                  answers in words
//	typed:k, typed:s       key points covered, and scored, summed
//	typed:t:<topic>:k|s    the same per topic

// attempt is an attempt's hash; once the key of what it answers.
func (k keys) attempt(id string) string { return k.prefix + "attempt:" + safe(id) }
func (k keys) once(key string) string   { return k.prefix + "once:" + safe(key) }

// recordScript records an attempt: the card, the review's counts and
// streak, the typed-answer stats, the attempt itself and its once-key.
//
// KEYS: user, cards, attempt, once. ARGV: card field, card text, day,
// recalled (0/1), typed (0/1), covered, scored, TTL (ms), use once (0/1),
// attempt ID, number of topics n, n topics, then the attempt's field/value
// pairs.
// Returns {0, streak, best} recorded, {1, first attempt ID} repeated,
// {2} ID taken.
var recordScript = redis.NewScript(touchStreak + `
if ARGV[9] == '1' then
  local first = redis.call('GET', KEYS[4])
  if first then return {1, first} end
end
if redis.call('EXISTS', KEYS[3]) == 1 then return {2} end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[1], 'reviews', 1)
local right, typed = tonumber(ARGV[4]), ARGV[5] == '1'
local k, s = tonumber(ARGV[6]), tonumber(ARGV[7])
local n = tonumber(ARGV[11])
for i = 12, 11 + n do
  redis.call('HINCRBY', KEYS[1], 't:' .. ARGV[i] .. ':n', 1)
  redis.call('HINCRBY', KEYS[1], 't:' .. ARGV[i] .. ':c', right)
  if typed then
    redis.call('HINCRBY', KEYS[1], 'typed:t:' .. ARGV[i] .. ':k', k)
    redis.call('HINCRBY', KEYS[1], 'typed:t:' .. ARGV[i] .. ':s', s)
  end
end
if typed then
  redis.call('HINCRBY', KEYS[1], 'typed', 1)
  redis.call('HINCRBY', KEYS[1], 'typed:k', k)
  redis.call('HINCRBY', KEYS[1], 'typed:s', s)
end
for i = 12 + n, #ARGV, 2 do redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[3], ARGV[8])
if ARGV[9] == '1' then redis.call('SET', KEYS[4], ARGV[10], 'PX', ARGV[8]) end
local v = redis.call('HMGET', KEYS[1], 'lastday', 'streak', 'best')
local streak, best = touch(KEYS[1], tonumber(ARGV[3]), v[1], v[2], v[3])
return {0, streak, best}
`)

// RecordAttempt records an attempt in one round trip (recordScript).
func (s *Store) RecordAttempt(ctx context.Context, a quiz.Attempt) (quiz.AttemptResult, error) {
	before, err := a.Before.MarshalText()
	if err != nil {
		return quiz.AttemptResult{}, err
	}
	after, err := a.After.MarshalText()
	if err != nil {
		return quiz.AttemptResult{}, err
	}
	if a.ID == "" {
		return quiz.AttemptResult{}, errors.New("an attempt has no ID")
	}
	for _, t := range a.Topics {
		if t == "" || strings.Contains(t, "\n") {
			return quiz.AttemptResult{}, fmt.Errorf("attempt %s: topic %q cannot be stored", a.ID, t)
		}
	}
	k := scopeKeys(a.Scope)
	args := []any{
		cardField(a.QuestionID), string(after), a.Day, boolInt(a.Grade >= srs.Good), boolInt(a.Typed),
		a.Covered, a.Scored, quiz.OverrideWindow.Milliseconds(), boolInt(a.Once != ""), a.ID, len(a.Topics),
	}
	for _, t := range a.Topics {
		args = append(args, t)
	}
	args = append(args,
		"user", a.User, "qid", a.QuestionID, "before", string(before), "after", string(after),
		"grade", int(a.Grade), "typed", boolInt(a.Typed), "k", a.Covered, "s", a.Scored,
		"missed", a.Missed, "topics", strings.Join(a.Topics, "\n"), "day", a.Day, "at", a.At.UnixMilli(), "over", 0)
	raw, err := recordScript.Run(ctx, s.rdb, []string{k.user(a.User), k.cards(a.User), k.attempt(a.ID), k.once(a.Once)}, args...).Slice()
	if err != nil {
		return quiz.AttemptResult{}, err
	}
	code, _ := raw[0].(int64)
	switch {
	case code == 1 && len(raw) == 2:
		first, _ := raw[1].(string)
		return quiz.AttemptResult{Status: quiz.AttemptRepeated, First: quiz.Attempt{ID: first, Scope: a.Scope}}, nil
	case code == 2:
		return quiz.AttemptResult{Status: quiz.AttemptIDTaken}, nil
	case code == 0 && len(raw) == 3:
		streak, _ := raw[1].(int64)
		best, _ := raw[2].(int64)
		return quiz.AttemptResult{Status: quiz.AttemptRecorded, Activity: quiz.Activity{Streak: int(streak), Best: int(best)}}, nil
	}
	return quiz.AttemptResult{}, fmt.Errorf("record script returned %v", raw)
}

// Attempt reads a kept attempt.
func (s *Store) Attempt(ctx context.Context, scope, id string) (quiz.Attempt, bool, error) {
	f, err := s.rdb.HGetAll(ctx, scopeKeys(scope).attempt(id)).Result()
	if err != nil || len(f) == 0 {
		return quiz.Attempt{}, false, err
	}
	a, err := decodeAttempt(scope, id, f)
	return a, err == nil, err
}

// decodeAttempt reads an attempt's hash.
func decodeAttempt(scope, id string, f map[string]string) (quiz.Attempt, error) {
	a := quiz.Attempt{ID: id, Scope: scope, User: f["user"], QuestionID: f["qid"], Typed: f["typed"] == "1", Overridden: f["over"] == "1"}
	if t := f["topics"]; t != "" {
		a.Topics = strings.Split(t, "\n")
	}
	var bad []string
	num := func(name string) int64 {
		v, err := strconv.ParseInt(f[name], 10, 64)
		if err != nil {
			bad = append(bad, name)
		}
		return v
	}
	a.Grade = srs.Grade(num("grade"))
	a.Covered, a.Scored, a.Missed = int(num("k")), int(num("s")), uint32(num("missed"))
	a.Day, a.At = num("day"), time.UnixMilli(num("at"))
	if a.Before.UnmarshalText([]byte(f["before"])) != nil {
		bad = append(bad, "before")
	}
	if a.After.UnmarshalText([]byte(f["after"])) != nil {
		bad = append(bad, "after")
	}
	if len(bad) > 0 || !a.Grade.Valid() {
		return quiz.Attempt{}, fmt.Errorf("attempt %s is damaged (%s)", id, strings.Join(bad, ", "))
	}
	return a, nil
}

// overrideScript changes an attempt's grade once, if the card is still the
// one the attempt made.
//
// KEYS: attempt, cards, user. ARGV: user, grade, card text, recalled (0/1).
// Returns 0 done, 1 gone, 2 already, 3 stale (quiz.OverrideStatus).
var overrideScript = redis.NewScript(`
local a = redis.call('HMGET', KEYS[1], 'user', 'qid', 'after', 'grade', 'over', 'topics')
if not a[1] or a[1] ~= ARGV[1] then return 1 end
if a[5] == '1' then return 2 end
local field = 'c:' .. a[2]
if redis.call('HGET', KEYS[2], field) ~= a[3] then return 3 end
redis.call('HSET', KEYS[2], field, ARGV[3])
local was = 0
if tonumber(a[4]) >= 3 then was = 1 end
local delta = tonumber(ARGV[4]) - was
if delta ~= 0 then
  for topic in string.gmatch(a[6] or '', '[^\n]+') do
    redis.call('HINCRBY', KEYS[3], 't:' .. topic .. ':c', delta)
  end
end
redis.call('HSET', KEYS[1], 'grade', ARGV[2], 'after', ARGV[3], 'over', 1)
return 0
`)

// OverrideAttempt changes an attempt's grade in one round trip
// (overrideScript).
func (s *Store) OverrideAttempt(ctx context.Context, scope, user, id string, grade srs.Grade, after srs.Card) (quiz.OverrideStatus, error) {
	text, err := after.MarshalText()
	if err != nil {
		return 0, err
	}
	k := scopeKeys(scope)
	code, err := overrideScript.Run(ctx, s.rdb, []string{k.attempt(id), k.cards(user), k.user(user)},
		user, int(grade), string(text), boolInt(grade >= srs.Good)).Int64()
	if err != nil {
		return 0, err
	}
	return quiz.OverrideStatus(code), nil
}

// typedStats reads the typed-answer fields of a user's hash; Topics is nil
// when there are none.
func typedStats(fields map[string]string) quiz.TypedStats {
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	st := quiz.TypedStats{Answers: atoi(fields["typed"]), Covered: atoi(fields["typed:k"]), Scored: atoi(fields["typed:s"])}
	for f, v := range fields {
		rest, ok := strings.CutPrefix(f, "typed:t:")
		i := strings.LastIndexByte(rest, ':')
		if !ok || i < 1 {
			continue
		}
		name, c := rest[:i], st.Topics[rest[:i]]
		switch rest[i+1:] {
		case "k":
			c.Covered = atoi(v)
		case "s":
			c.Scored = atoi(v)
		default:
			continue
		}
		if st.Topics == nil {
			st.Topics = map[string]quiz.TopicCoverage{}
		}
		st.Topics[name] = c
	}
	return st
}
