package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/srs"
)

// A user's mock interviews are one hash: the one in progress as JSON
// (state), the one finished last as JSON (ended: kept until the next one
// finishes or the hash expires, so that the delivery that finished it,
// handled again, finds its step), and the ID, steps answered (step) and
// delivery of the last step (by, "" in one saved before it was kept) of
// the one saved last. Every change is a compare-and-set on ID and step,
// so that two answers to one question advance it once, and a change made
// again by the same delivery is recognised. A step's grade changed later
// (overrideScript) is the field g:<interview>:<rehearsal>, kept while its
// interview is: dropped when it is stopped, or when the next one finishes.

func (k keys) interview(user string) string { return k.prefix + "interview:" + safe(user) }

// Interviews loads the user's interview in progress and the one finished
// last, with the grades changed since their steps were saved. A damaged
// one (JSON that no longer decodes) drops both, so that the user can
// start anew.
func (s *Store) Interviews(ctx context.Context, scope, user string) (quiz.Interviews, error) {
	key := scopeKeys(scope).interview(user)
	f, err := s.rdb.HGetAll(ctx, key).Result()
	if err != nil {
		return quiz.Interviews{}, err
	}
	var ivs quiz.Interviews
	for _, kept := range []struct {
		iv    *quiz.Interview
		field string
	}{{&ivs.Current, "state"}, {&ivs.Finished, "ended"}} {
		state, ok := f[kept.field]
		if !ok {
			continue
		}
		iv := kept.iv
		if json.Unmarshal([]byte(state), iv) != nil || iv.ID == "" {
			return quiz.Interviews{}, s.rdb.Del(ctx, key).Err()
		}
		iv.Scope, iv.User = scope, user
		for i, st := range iv.Steps {
			if g, err := strconv.Atoi(f[changedGrade(iv.ID, st.Rehearsal)]); err == nil && srs.Grade(g).Valid() {
				iv.Steps[i].Grade = srs.Grade(g)
			}
		}
	}
	return ivs, nil
}

// changedGrade is the field of an interview's hash that holds the grade
// its step recorded as rehearsal was changed to.
func changedGrade(interview, rehearsal string) string {
	return "g:" + interview + ":" + rehearsal
}

// dropGradesLua defines dropGrades(key, id, keep): it deletes the changed
// grades of the interview with this ID from the hash at key, or, with
// keep, those of every other interview.
const dropGradesLua = `
local function dropGrades(key, id, keep)
  local p = 'g:' .. id .. ':'
  for _, f in ipairs(redis.call('HKEYS', key)) do
    if f:sub(1, 2) == 'g:' and (f:sub(1, #p) == p) ~= keep then redis.call('HDEL', key, f) end
  end
end
`

// saveInterviewScript stores an interview if the stored one is what the
// caller read, in state, or in ended when it is finished (dropping the
// changed grades of the one it replaces there); the same change made
// before by the same delivery is done already.
//
// KEYS: interview. ARGV: ID, steps read (-1: none in progress), steps now,
// JSON, TTL (ms), finished (0/1), delivery of the last step ("" for none).
// Returns 1 when done, 0 when the stored interview changed first.
var saveInterviewScript = newScript(dropGradesLua + `
local cur = redis.call('HMGET', KEYS[1], 'id', 'step', 'by', 'state')
if ARGV[7] ~= '' and cur[1] == ARGV[1] and cur[2] == ARGV[3] and cur[3] == ARGV[7] then
  return 1
end
if ARGV[2] == '-1' then
  if cur[4] then return 0 end
elseif not cur[4] or cur[1] ~= ARGV[1] or cur[2] ~= ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'step', ARGV[3], 'by', ARGV[7])
if ARGV[6] == '1' then
  redis.call('HDEL', KEYS[1], 'state')
  redis.call('HSET', KEYS[1], 'ended', ARGV[4])
  dropGrades(KEYS[1], ARGV[1], true)
else
  redis.call('HSET', KEYS[1], 'state', ARGV[4])
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`)

// SaveInterview stores iv with a compare-and-set: one round trip.
func (s *Store) SaveInterview(ctx context.Context, iv quiz.Interview, from int, ttl time.Duration) (bool, error) {
	if iv.ID == "" || ttl <= 0 {
		return false, errors.New("an interview needs an ID and a TTL")
	}
	state, err := json.Marshal(iv)
	if err != nil {
		return false, err
	}
	var by string
	if len(iv.Steps) > 0 {
		by = iv.Steps[len(iv.Steps)-1].Delivery
	}
	n, err := saveInterviewScript.Run(ctx, s.rdb, []string{scopeKeys(iv.Scope).interview(iv.User)},
		iv.ID, from, len(iv.Steps), string(state), ttl.Milliseconds(), boolInt(iv.Done()), by).Int64()
	return n == 1, err
}

// endInterviewScript removes an interview in progress by ID ("" for any),
// with its changed grades, keeping the one finished last.
//
// KEYS: interview. ARGV: ID. Returns 1 when one was removed.
var endInterviewScript = newScript(dropGradesLua + `
local cur = redis.call('HMGET', KEYS[1], 'id', 'state')
if not cur[2] or (ARGV[1] ~= '' and cur[1] ~= ARGV[1]) then return 0 end
redis.call('HDEL', KEYS[1], 'id', 'step', 'by', 'state')
dropGrades(KEYS[1], cur[1], false)
return 1
`)

// EndInterview removes the user's interview in progress.
func (s *Store) EndInterview(ctx context.Context, scope, user, id string) (bool, error) {
	n, err := endInterviewScript.Run(ctx, s.rdb, []string{scopeKeys(scope).interview(user)}, id).Int64()
	return n == 1, err
}
