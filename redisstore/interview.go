package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/quiz"
)

// A user's mock interviews are one hash: the one in progress as JSON
// (state), the one finished last as JSON (ended: kept until the next one
// finishes or the hash expires, so that the delivery that finished it,
// handled again, finds its step), and the ID, steps answered (step) and
// delivery of the last step (by, "" in one saved before it was kept) of
// the one saved last. Every change is a compare-and-set on ID and step,
// so that two answers to one question advance it once, and a change made
// again by the same delivery is recognised.

func (k keys) interview(user string) string { return k.prefix + "interview:" + safe(user) }

// Interviews loads the user's interview in progress and the one finished
// last. A damaged one (JSON that no longer decodes) drops both, so that
// the user can start anew.
func (s *Store) Interviews(ctx context.Context, scope, user string) (quiz.Interviews, error) {
	key := scopeKeys(scope).interview(user)
	raw, err := s.rdb.HMGet(ctx, key, "state", "ended").Result()
	if err != nil {
		return quiz.Interviews{}, err
	}
	var ivs quiz.Interviews
	for i, iv := range []*quiz.Interview{&ivs.Current, &ivs.Finished} {
		state, ok := raw[i].(string)
		if !ok {
			continue
		}
		if json.Unmarshal([]byte(state), iv) != nil || iv.ID == "" {
			return quiz.Interviews{}, s.rdb.Del(ctx, key).Err()
		}
		iv.Scope, iv.User = scope, user
	}
	return ivs, nil
}

// saveInterviewScript stores an interview if the stored one is what the
// caller read, in state, or in ended when it is finished; the same change
// made before by the same delivery is done already.
//
// KEYS: interview. ARGV: ID, steps read (-1: none in progress), steps now,
// JSON, TTL (ms), finished (0/1), delivery of the last step ("" for none).
// Returns 1 when done, 0 when the stored interview changed first.
var saveInterviewScript = redis.NewScript(`
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
// keeping the one finished last.
//
// KEYS: interview. ARGV: ID. Returns 1 when one was removed.
var endInterviewScript = redis.NewScript(`
local cur = redis.call('HMGET', KEYS[1], 'id', 'state')
if not cur[2] or (ARGV[1] ~= '' and cur[1] ~= ARGV[1]) then return 0 end
redis.call('HDEL', KEYS[1], 'id', 'step', 'by', 'state')
return 1
`)

// EndInterview removes the user's interview in progress.
func (s *Store) EndInterview(ctx context.Context, scope, user, id string) (bool, error) {
	n, err := endInterviewScript.Run(ctx, s.rdb, []string{scopeKeys(scope).interview(user)}, id).Int64()
	return n == 1, err
}
