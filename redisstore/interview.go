package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/quiz"
)

// A user's mock interview in progress is one hash: its ID, how many of its
// questions are answered (step), and the interview as JSON (state). Every
// change is a compare-and-set on ID and step, so that two answers to one
// question advance it once.

func (k keys) interview(user string) string { return k.prefix + "interview:" + safe(user) }

// Interview loads the user's interview in progress. A damaged one (state
// that no longer decodes) is dropped, so that the user can start anew.
func (s *Store) Interview(ctx context.Context, scope, user string) (quiz.Interview, bool, error) {
	key := scopeKeys(scope).interview(user)
	raw, err := s.rdb.HGet(ctx, key, "state").Result()
	if errors.Is(err, redis.Nil) {
		return quiz.Interview{}, false, nil
	}
	if err != nil {
		return quiz.Interview{}, false, err
	}
	var iv quiz.Interview
	if json.Unmarshal([]byte(raw), &iv) != nil || iv.ID == "" {
		return quiz.Interview{}, false, s.rdb.Del(ctx, key).Err()
	}
	iv.Scope, iv.User = scope, user
	return iv, true, nil
}

// saveInterviewScript stores an interview if the stored one is what the
// caller read, or removes it when it is finished.
//
// KEYS: interview. ARGV: ID, steps read (-1: none stored), steps now,
// state, TTL (ms), finished (0/1). Returns 1 when done, 0 when the stored
// interview changed first.
var saveInterviewScript = redis.NewScript(`
local cur = redis.call('HMGET', KEYS[1], 'id', 'step')
if ARGV[2] == '-1' then
  if cur[1] then return 0 end
elseif cur[1] ~= ARGV[1] or cur[2] ~= ARGV[2] then
  return 0
end
if ARGV[6] == '1' then
  redis.call('DEL', KEYS[1])
  return 1
end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'step', ARGV[3], 'state', ARGV[4])
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
	n, err := saveInterviewScript.Run(ctx, s.rdb, []string{scopeKeys(iv.Scope).interview(iv.User)},
		iv.ID, from, len(iv.Steps), string(state), ttl.Milliseconds(), boolInt(iv.Done())).Int64()
	return n == 1, err
}

// endInterviewScript removes an interview by ID ("" for any).
//
// KEYS: interview. ARGV: ID. Returns 1 when one was removed.
var endInterviewScript = redis.NewScript(`
local id = redis.call('HGET', KEYS[1], 'id')
if not id or (ARGV[1] ~= '' and id ~= ARGV[1]) then return 0 end
return redis.call('DEL', KEYS[1])
`)

// EndInterview removes the user's interview.
func (s *Store) EndInterview(ctx context.Context, scope, user, id string) (bool, error) {
	n, err := endInterviewScript.Run(ctx, s.rdb, []string{scopeKeys(scope).interview(user)}, id).Int64()
	return n == 1, err
}
