package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// Rehearsals (typed answers, interview self-grades) are kept in a hash of
// their own for quiz.OverrideWindow, with the once-key of what they answer.
// A rehearsal is a review: it writes the card ("c:<question>") and counts
// in "r:<question>" as any review does. The typed-answer stats are the
// user's "typed" (answers in words) and, per question in the cards hash,
// "w:<question>": the key points scored and, packed, those covered.

// rehearsal is a user's rehearsal's hash; once the key of what one of the
// user's rehearsals answers.
func (k keys) rehearsal(user, id string) string {
	return k.prefix + "rehearsal:" + safe(user) + ":" + safe(id)
}

func (k keys) once(user, key string) string {
	return k.prefix + "once:" + safe(user) + ":" + safe(key)
}

// recordScript records a rehearsal: the card, the review's count and the
// streak, the typed-answer stats, the rehearsal itself and its once-key.
//
// KEYS: user, cards, rehearsal, once. ARGV: question, card text, day,
// the review's count (reviewCount), typed (0/1), covered, scored, TTL
// (ms), use once (0/1), rehearsal ID, then the rehearsal's field/value
// pairs.
// Returns {0, streak, best} recorded, {1, first rehearsal ID} repeated,
// {2} ID taken.
var recordScript = newScript(streakAfter + `
if ARGV[9] == '1' then
  local first = redis.call('GET', KEYS[4])
  if first then return {1, first} end
end
if redis.call('EXISTS', KEYS[3]) == 1 then return {2} end
redis.call('HSET', KEYS[2], 'c:' .. ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[2], 'r:' .. ARGV[1], ARGV[4])
if ARGV[5] == '1' then
  redis.call('HINCRBY', KEYS[1], 'typed', 1)
  redis.call('HINCRBY', KEYS[2], 'w:' .. ARGV[1], tonumber(ARGV[7]) + tonumber(ARGV[6]) * ` + packShiftLua + `)
end
for i = 11, #ARGV, 2 do redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[3], ARGV[8])
if ARGV[9] == '1' then redis.call('SET', KEYS[4], ARGV[10], 'PX', ARGV[8]) end
local v = redis.call('HMGET', KEYS[1], 'lastday', 'streak', 'best')
local streak, best, changed = streakAfter(ARGV[3], v[1], v[2], v[3])
if changed then redis.call('HSET', KEYS[1], 'lastday', ARGV[3], 'streak', streak, 'best', best) end
return {0, tonumber(streak), tonumber(best)}
`)

// RecordRehearsal records a rehearsal in one round trip (recordScript).
func (s *Store) RecordRehearsal(ctx context.Context, r quiz.Rehearsal) (quiz.RehearsalResult, error) {
	before, err := r.Before.MarshalText()
	if err != nil {
		return quiz.RehearsalResult{}, err
	}
	after, err := r.After.MarshalText()
	if err != nil {
		return quiz.RehearsalResult{}, err
	}
	if r.ID == "" {
		return quiz.RehearsalResult{}, errors.New("a rehearsal has no ID")
	}
	k := scopeKeys(r.Scope)
	args := []any{
		r.QuestionID, string(after), r.Day, reviewCount(r.Grade), boolInt(r.Typed),
		r.Covered, r.Scored, quiz.OverrideWindow.Milliseconds(), boolInt(r.Once != ""), r.ID,
		"user", r.User, "qid", r.QuestionID, "before", string(before), "after", string(after),
		"grade", int(r.Grade), "typed", boolInt(r.Typed), "k", r.Covered, "s", r.Scored,
		"missed", r.Missed, "day", r.Day, "at", r.At.UnixMilli(), "dlv", r.Delivery, "iv", r.Interview, "over", 0,
	}
	raw, err := recordScript.Run(ctx, s.rdb, []string{k.user(r.User), k.cards(r.User), k.rehearsal(r.User, r.ID), k.once(r.User, r.Once)}, args...).Slice()
	if err != nil {
		return quiz.RehearsalResult{}, err
	}
	code, _ := raw[0].(int64)
	switch {
	case code == 1 && len(raw) == 2:
		first, _ := raw[1].(string)
		return quiz.RehearsalResult{Status: quiz.RehearsalRepeated, First: quiz.Rehearsal{ID: first, Scope: r.Scope}}, nil
	case code == 2:
		return quiz.RehearsalResult{Status: quiz.RehearsalIDTaken}, nil
	case code == 0 && len(raw) == 3:
		streak, _ := raw[1].(int64)
		best, _ := raw[2].(int64)
		return quiz.RehearsalResult{Status: quiz.RehearsalRecorded, Activity: quiz.Activity{Streak: int(streak), Best: int(best)}}, nil
	}
	return quiz.RehearsalResult{}, fmt.Errorf("record script returned %v", raw)
}

// Rehearsal reads a kept rehearsal of the user.
func (s *Store) Rehearsal(ctx context.Context, scope, user, id string) (quiz.Rehearsal, bool, error) {
	f, err := s.rdb.HGetAll(ctx, scopeKeys(scope).rehearsal(user, id)).Result()
	if err != nil || len(f) == 0 {
		return quiz.Rehearsal{}, false, err
	}
	r, err := decodeRehearsal(scope, id, f)
	return r, err == nil, err
}

// decodeRehearsal reads a rehearsal's hash.
func decodeRehearsal(scope, id string, f map[string]string) (quiz.Rehearsal, error) {
	r := quiz.Rehearsal{
		ID: id, Scope: scope, User: f["user"], QuestionID: f["qid"], Delivery: f["dlv"], Interview: f["iv"],
		Typed: f["typed"] == "1", Overridden: f["over"] == "1",
	}
	var bad []string
	num := func(name string) int64 {
		v, err := strconv.ParseInt(f[name], 10, 64)
		if err != nil {
			bad = append(bad, name)
		}
		return v
	}
	r.Grade = srs.Grade(num("grade"))
	r.Covered, r.Scored, r.Missed = int(num("k")), int(num("s")), uint32(num("missed"))
	r.Day, r.At = num("day"), time.UnixMilli(num("at"))
	if r.Before.UnmarshalText([]byte(f["before"])) != nil {
		bad = append(bad, "before")
	}
	if r.After.UnmarshalText([]byte(f["after"])) != nil {
		bad = append(bad, "after")
	}
	if len(bad) > 0 || !r.Grade.Valid() {
		return quiz.Rehearsal{}, fmt.Errorf("rehearsal %s is damaged (%s)", id, strings.Join(bad, ", "))
	}
	return r, nil
}

// overrideScript changes a rehearsal's grade once, if the card is still the
// one the rehearsal made: the card is replaced, and the review's success
// follows the new grade. A step of the interview saved last (its hash's
// id) takes the grade too, as the field g:<interview>:<rehearsal> of the
// interview's hash (see Interviews).
//
// KEYS: rehearsal, cards, interview. ARGV: user, grade, card text,
// rehearsal ID.
// Returns 0 done, 1 gone, 2 already, 3 stale (quiz.OverrideStatus).
var overrideScript = newScript(`
local a = redis.call('HMGET', KEYS[1], 'user', 'qid', 'after', 'grade', 'over', 'iv')
if not a[1] or a[1] ~= ARGV[1] then return 1 end
if a[5] == '1' then return 2 end
if redis.call('HGET', KEYS[2], 'c:' .. a[2]) ~= a[3] then return 3 end
redis.call('HSET', KEYS[2], 'c:' .. a[2], ARGV[3])
local function count(grade)
  if grade >= 3 then return ` + packShiftLua + ` end
  if grade == 2 then return ` + packShiftLua + ` * ` + packShiftLua + ` end
  return 0
end
local delta = count(tonumber(ARGV[2])) - count(tonumber(a[4]))
if delta ~= 0 then redis.call('HINCRBY', KEYS[2], 'r:' .. a[2], string.format('%d', delta)) end
redis.call('HSET', KEYS[1], 'grade', ARGV[2], 'after', ARGV[3], 'over', 1)
if a[6] and a[6] ~= '' and redis.call('HGET', KEYS[3], 'id') == a[6] then
  redis.call('HSET', KEYS[3], 'g:' .. a[6] .. ':' .. ARGV[4], ARGV[2])
end
return 0
`)

// OverrideRehearsal changes a rehearsal's grade in one round trip
// (overrideScript).
func (s *Store) OverrideRehearsal(ctx context.Context, scope, user, id string, grade srs.Grade, after srs.Card) (quiz.OverrideStatus, error) {
	text, err := after.MarshalText()
	if err != nil {
		return 0, err
	}
	k := scopeKeys(scope)
	code, err := overrideScript.Run(ctx, s.rdb, []string{k.rehearsal(user, id), k.cards(user), k.interview(user)},
		user, int(grade), string(text), id).Int64()
	if err != nil {
		return 0, err
	}
	return quiz.OverrideStatus(code), nil
}

// typedStats reads the typed-answer counts of a user's hash and cards
// hash; Questions is nil when there are none.
func typedStats(user, cards map[string]string) quiz.TypedStats {
	st := quiz.TypedStats{}
	st.Answers, _ = strconv.Atoi(user["typed"])
	for f, v := range cards {
		id, ok := strings.CutPrefix(f, "w:")
		n, err := strconv.ParseInt(v, 10, 64)
		if !ok || err != nil || n < 0 {
			continue
		}
		if st.Questions == nil {
			st.Questions = map[string]quiz.Coverage{}
		}
		st.Questions[id] = quiz.Coverage{Scored: int(n % packShift), Covered: int(n / packShift)}
	}
	return st
}

// rehearsalKeys are the keys of a user's kept rehearsals and their
// once-keys, for Forget.
func (s *Store) rehearsalKeys(ctx context.Context, scope, user string) ([]string, error) {
	var out []string
	for _, kind := range []string{"rehearsal:", "once:"} {
		names, err := s.scopeKeyNames(ctx, scope, kind+globEscape(safe(user))+":*")
		if err != nil {
			return nil, err
		}
		out = append(out, names...)
	}
	return out, nil
}
