package redisstore

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/quiz"
)

// A user's session (quiz.Session) is a hash of their scope, kept for
// quiz.SessionTTL after the last write: "drew", what they drew last, and
// "topic", its topic, "q" and "at", the question of the card drawn last
// and when (Unix ms), "quiz", the ID of the last quiz they asked for, and
// "dlv" and "stale", the delivery that card was drawn for and whether it
// was neither due nor new (quiz.Draw), and
// "confirm", the token of the confirmation asked of them since they drew
// last (each write clears it: a yes typed after a card is no answer to a
// confirmation asked before it). Each is written in the round trip of what
// it records (MarkSeen, CreateQuiz, HoldConfirmation).

// session is the key of a user's session.
func (k keys) session(user string) string { return k.prefix + "session:" + safe(user) }

// keepSession writes fields and values of a user's session in p, in place
// of the confirmation asked of them, and keeps it for quiz.SessionTTL from
// now. createQuizScript does the same in Lua (a quiz a delivery asked for
// is stored and kept in the session at once, or neither): keep the two
// alike.
func keepSession(ctx context.Context, p redis.Pipeliner, k keys, user string, fieldsAndValues ...any) {
	p.HDel(ctx, k.session(user), "confirm")
	p.HSet(ctx, k.session(user), fieldsAndValues...)
	p.PExpire(ctx, k.session(user), quiz.SessionTTL)
}

// Session reads a user's session: one round trip.
func (s *Store) Session(ctx context.Context, scope, user string) (quiz.Session, error) {
	v, err := s.rdb.HGetAll(ctx, scopeKeys(scope).session(user)).Result()
	if err != nil {
		return quiz.Session{}, err
	}
	return readSession(v), nil
}

// readSession reads a session's hash.
func readSession(v map[string]string) quiz.Session {
	sess := quiz.Session{Drew: v["drew"], Topic: v["topic"], Quiz: v["quiz"], Question: v["q"], Confirm: v["confirm"],
		Delivery: v["dlv"], Stale: v["stale"] == "1"}
	if ms, err := strconv.ParseInt(v["at"], 10, 64); err == nil && ms > 0 {
		sess.At = time.UnixMilli(ms).UTC()
	}
	return sess
}

// userAnswerScript reads a quiz's channel, its number of options, when it
// was made and a user's answer to it, and, when they answered it, the
// latest outcome of the quiz's question in the user's hash
// ("o:<question>", ms × 2 + right), which the answer wrote.
//
// KEYS: quiz, user. ARGV: user.
// Returns {channel, options, answer, outcome, created}, false for each
// missing.
var userAnswerScript = newScript(`
local v = redis.call('HMGET', KEYS[1], 'ch', 'n', 'a:' .. ARGV[1], 'qid', 'created')
local outcome = false
if v[3] and v[4] and v[4] ~= '' then outcome = redis.call('HGET', KEYS[2], 'o:' .. v[4]) end
return {v[1], v[2], v[3], outcome, v[5]}
`)

// UserAnswer reads a quiz's channel, its number of options and the user's
// answer to it, as the quiz's hash keeps it ("<choice>:<delivery>", or
// "-" for a right answer that earned nothing), when they last answered
// the quiz's question, and when the quiz was made: one round trip. A quiz
// of format 1 (answers kept apart), long expired, reads as unanswered.
func (s *Store) UserAnswer(ctx context.Context, scope, quizID, user string) (quiz.UserAnswer, error) {
	k := scopeKeys(scope)
	v, err := userAnswerScript.Run(ctx, s.rdb, []string{k.quiz(quizID), k.user(user)}, user).Slice()
	if err != nil || len(v) != 5 || v[0] == nil {
		return quiz.UserAnswer{}, err
	}
	a := quiz.UserAnswer{Found: true}
	if created, ok := v[4].(string); ok {
		if ms, err := strconv.ParseInt(created, 10, 64); err == nil {
			a.Created = time.UnixMilli(ms).UTC()
		}
	}
	a.Channel, _ = v[0].(string)
	n, _ := v[1].(string)
	a.Choices, _ = strconv.Atoi(n)
	if mine, ok := v[2].(string); ok {
		end := strings.IndexAny(mine, ":-")
		if end < 0 {
			end = len(mine)
		}
		a.Choice, err = strconv.Atoi(mine[:end])
		a.Answered = err == nil
		if outcome, ok := v[3].(string); ok && a.Answered {
			at, _ := parseAttempt(outcome)
			a.At = at.At
		}
	}
	return a, nil
}
