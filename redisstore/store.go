// Package redisstore is the quiz.Store on Redis (go-redis v9): single node,
// Sentinel or Cluster through one UniversalClient, or the embedded server.
//
// Every key of a scope carries the scope as its hash tag ("kq:{slack:T1}:…"),
// so each Lua script touches one slot and runs on Redis Cluster. Scoring an
// answer, reading a board and reading stats are one script each: one round
// trip.
package redisstore

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/srs"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
)

// weekTTL keeps a week's board for five weeks, long enough to look back.
const weekTTL = 35 * 24 * time.Hour

// weekTTLSeconds is weekTTL in seconds, as Lua source.
var weekTTLSeconds = strconv.Itoa(int(weekTTL / time.Second))

// Store implements quiz.Store on a Redis client.
type Store struct {
	rdb redis.UniversalClient
	// held sends the common answers of concurrent callers together.
	held *scriptBatch
}

var _ quiz.Store = (*Store)(nil)

// New wraps a client. The caller keeps ownership of the client.
func New(rdb redis.UniversalClient) *Store {
	return &Store{rdb: rdb, held: newScriptBatch(rdb, answerHeldScript)}
}

// Open connects to the Redis that url names (see ParseURL), checks it
// answers and loads the scripts: for a command that has nothing to do
// without Redis.
func Open(ctx context.Context, rawURL string) (*Store, redis.UniversalClient, error) {
	st, rdb, err := dial(rawURL)
	if err != nil {
		return nil, nil, err
	}
	if err := rdb.Ping(ctx).Err(); err != nil {
		_ = rdb.Close()
		if RefusesTheBot(err) {
			return nil, nil, fmt.Errorf("redis at %s answers but refuses the login: %w (check REDIS_URL's password, user and database number against Redis's)", RedactURL(rawURL), err)
		}
		return nil, nil, fmt.Errorf("redis at %s does not answer: %w", RedactURL(rawURL), err)
	}
	if err := st.Preload(ctx); err != nil {
		_ = rdb.Close()
		return nil, nil, err
	}
	return st, rdb, nil
}

// dial makes the store on a client of the Redis that url names, without
// waiting for it.
func dial(rawURL string) (*Store, redis.UniversalClient, error) {
	opts, err := ParseURL(rawURL)
	if err != nil {
		return nil, nil, err
	}
	rdb := redis.NewUniversalClient(opts)
	return New(rdb), rdb, nil
}

// keys builds the keys of one scope; they share the scope as hash tag.
type keys struct{ prefix string }

func scopeKeys(scope string) keys {
	return keys{prefix: "kq:{" + safe(scope) + "}:"}
}

// safe keeps braces out of a key part so the hash tag stays the scope. It
// escapes "%" too, so that distinct names keep distinct keys.
func safe(s string) string { return keyEscaper.Replace(s) }

var keyEscaper = strings.NewReplacer("%", "%25", "{", "%7B", "}", "%7D")

func (k keys) user(u string) string      { return k.prefix + "user:" + safe(u) }
func (k keys) cards(u string) string     { return k.prefix + "cards:" + safe(u) }
func (k keys) quiz(id string) string     { return k.prefix + "quiz:" + safe(id) }
func (k keys) answers(id string) string  { return k.prefix + "quiz:" + safe(id) + ":answers" }
func (k keys) boardAll() string          { return k.prefix + "board:all" }
func (k keys) boardWeek(w string) string { return k.prefix + "board:week:" + safe(w) }
func (k keys) names() string             { return k.prefix + "names" }

// rightAnswers lists a daily quiz's right answerers in answer order.
func (k keys) rightAnswers(id string) string { return k.prefix + "quiz:" + safe(id) + ":right" }

// dailyTopics counts a channel's daily answers per topic.
func (k keys) dailyTopics(ch string) string { return k.prefix + "daily:" + safe(ch) + ":topics" }

func cardField(questionID string) string    { return "c:" + questionID }
func seenField(questionID string) string    { return "s:" + questionID }
func attemptField(questionID string) string { return "o:" + questionID }
func revealField(questionID string) string  { return "v:" + questionID }
func itemField(item string) string          { return "i:" + item }

// Practice loads language, review schedule, quiz attempts and the scope's
// zone in one round trip.
func (s *Store) Practice(ctx context.Context, scope, userID string) (quiz.Practice, error) {
	k := scopeKeys(scope)
	var user, cards, session *redis.MapStringStringCmd
	var zone *redis.StringCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		user = p.HGetAll(ctx, k.user(userID))
		cards = p.HGetAll(ctx, k.cards(userID))
		zone = p.HGet(ctx, k.settings(), zoneField)
		session = p.HGetAll(ctx, k.session(userID))
		return nil
	})
	if err := pipeErr(err, user, cards, zone, session); err != nil {
		return quiz.Practice{}, err
	}
	p := quiz.Practice{Lang: user.Val()["lang"], Cards: map[string]srs.Card{}, Attempts: map[string]quiz.Attempt{},
		Seen: map[string]time.Time{}, Items: map[string]time.Time{}, Zone: zone.Val(), Last: readSession(session.Val())}
	for f, v := range user.Val() {
		readCardField(f, v, p.Cards, p.Attempts)
	}
	for f, v := range cards.Val() {
		readCardField(f, v, p.Cards, p.Attempts)
		if len(f) < 3 || f[1] != ':' || f[0] != 's' && f[0] != 'i' {
			continue
		}
		if ms, err := strconv.ParseInt(v, 10, 64); err == nil {
			if f[0] == 's' {
				p.Seen[f[2:]] = seenTime(ms)
			} else {
				p.Items[f[2:]] = time.UnixMilli(ms)
			}
		}
	}
	return p, nil
}

// readCardField reads a card ("c:<question>") or a quiz attempt
// ("o:<question>": ms × 2 + right) of a user's hashes into the maps; a
// damaged value is left out (the card starts over rather than failing).
// A question's attempt is in the user hash, where answers write it, or in
// the cards hash, where earlier versions wrote it: the later one is kept.
func readCardField(field, value string, cards map[string]srs.Card, attempts map[string]quiz.Attempt) {
	switch {
	case strings.HasPrefix(field, "c:"):
		var c srs.Card
		if c.UnmarshalText([]byte(value)) == nil {
			cards[field[2:]] = c
		}
	case strings.HasPrefix(field, "o:"):
		if a, ok := parseAttempt(value); ok {
			if had, ok := attempts[field[2:]]; !ok || a.At.After(had.At) {
				attempts[field[2:]] = a
			}
		}
	}
}

// parseAttempt reads an attempt as the answer script writes it.
func parseAttempt(v string) (quiz.Attempt, bool) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return quiz.Attempt{}, false
	}
	return quiz.Attempt{At: time.UnixMilli(n / 2).UTC(), Right: n%2 == 1}, true
}

// pipeErr is the first real error of a pipeline's commands: a missing
// field (redis.Nil) is not one. The pipeline's own error is only the first
// command's, which may be a redis.Nil hiding a real error after it.
func pipeErr(err error, cmds ...redis.Cmder) error {
	for _, c := range cmds {
		if e := c.Err(); e != nil && !errors.Is(e, redis.Nil) {
			return e
		}
	}
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	return nil
}

// microSeen is the least seen mark ("s:<question>") written in Unix
// microseconds: marks below it are Unix milliseconds, as earlier versions
// wrote them (until the year 5138), and marks above it microseconds (since
// 1973).
const microSeen = 100_000_000_000_000

// seenTime reads a seen mark, in microseconds or, written by an earlier
// version, milliseconds (see microSeen).
func seenTime(v int64) time.Time {
	if v < microSeen {
		return time.UnixMilli(v)
	}
	return time.UnixMicro(v)
}

// MarkSeen records when a question was shown, and the question, when and
// the topic it was drawn from as the user's session's: one round trip. The
// mark keeps microseconds: two cards drawn within a millisecond (Another
// pressed twice at once) must not read as seen at the same time, or the
// least recently seen is the one drawn last.
func (s *Store) MarkSeen(ctx context.Context, d quiz.Draw) error {
	k := scopeKeys(d.Scope)
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, k.cards(d.User), seenField(d.QuestionID), d.At.UnixMicro())
		keepSession(ctx, p, k, d.User, "drew", quiz.DrewCard, "topic", d.Topic, "q", d.QuestionID, "at", d.At.UnixMilli(),
			"dlv", d.Delivery, "stale", boolInt(d.Stale))
		return nil
	})
	return err
}

// Card loads one question's schedule, its latest quiz attempt (see
// readCardField) and the user's language in one round trip.
func (s *Store) Card(ctx context.Context, scope, user, questionID string) (quiz.CardState, error) {
	k := scopeKeys(scope)
	var mine, fields *redis.SliceCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		mine = p.HMGet(ctx, k.user(user), "lang", attemptField(questionID))
		fields = p.HMGet(ctx, k.cards(user), cardField(questionID), attemptField(questionID))
		return nil
	})
	if err := pipeErr(err, mine, fields); err != nil {
		return quiz.CardState{}, err
	}
	lang, _ := mine.Val()[0].(string)
	cs := quiz.CardState{Lang: lang}
	vals := fields.Val()
	if v, _ := vals[0].(string); v != "" {
		if err := cs.Card.UnmarshalText([]byte(v)); err != nil {
			cs.Card = srs.Card{} // a damaged schedule starts over rather than failing the grade
		}
	}
	attempts := map[string]quiz.Attempt{}
	for _, v := range []any{vals[1], mine.Val()[1]} {
		if v, _ := v.(string); v != "" {
			readCardField(attemptField(questionID), v, nil, attempts)
		}
	}
	if a, ok := attempts[questionID]; ok {
		cs.Attempt = &a
	}
	return cs, nil
}

// revealScript keeps the token of a question's latest reveal, unless that
// reveal was graded already (the field is "-<token>|<delivery>", see
// reviewScript): the same reveal made again stays graded. It returns the
// user's language.
//
// KEYS: user, cards. ARGV: the reveal's field (revealField), token.
var revealScript = newScript(`
local field = ARGV[1]
local v = redis.call('HGET', KEYS[2], field)
local used = '-' .. ARGV[2] .. '|'
if not (v and string.sub(v, 1, #used) == used) then redis.call('HSET', KEYS[2], field, ARGV[2]) end
return redis.call('HGET', KEYS[1], 'lang') or ''
`)

// Reveal keeps the token of a question's latest reveal for the user (the
// grade buttons carry it), unless a reveal with this token was graded,
// and reads their language: one round trip.
func (s *Store) Reveal(ctx context.Context, scope, user, questionID, token string) (string, error) {
	k := scopeKeys(scope)
	return revealScript.Run(ctx, s.rdb, []string{k.user(user), k.cards(user)}, revealField(questionID), token).Text()
}

// SaveReview stores a graded card once per reveal (see reviewScript).
func (s *Store) SaveReview(ctx context.Context, r quiz.Review) (quiz.ReviewResult, error) {
	text, err := r.Card.MarshalText()
	if err != nil {
		return quiz.ReviewResult{}, err
	}
	k := scopeKeys(r.Scope)
	res, err := reviewScript.Run(ctx, s.rdb, []string{k.user(r.User), k.cards(r.User)},
		r.QuestionID, string(text), r.Day, reviewCount(r.Grade), r.RevealToken, r.Delivery).Int64Slice()
	if err != nil {
		return quiz.ReviewResult{}, err
	}
	if len(res) != 3 {
		return quiz.ReviewResult{}, fmt.Errorf("review script returned %d values", len(res))
	}
	return quiz.ReviewResult{Status: quiz.ReviewStatus(res[0]), Activity: quiz.Activity{Streak: int(res[1]), Best: int(res[2])}}, nil
}

// Language reads the user's chosen language, "" when none.
func (s *Store) Language(ctx context.Context, scope, user string) (string, error) {
	v, err := s.rdb.HGet(ctx, scopeKeys(scope).user(user), "lang").Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	return v, err
}

// SetLanguage stores the user's language.
func (s *Store) SetLanguage(ctx context.Context, scope, user, lang string) error {
	return s.rdb.HSet(ctx, scopeKeys(scope).user(user), "lang", lang).Err()
}

// CreateQuiz stores a quiz with its expiry, atomically. It refuses a quiz
// that could not be answered or read back: no ID, no TTL (it would never
// expire, or PEXPIRE 0 would delete it at once), an answer that is not one
// of the choices, or a topic that is empty or holds a comma (topics are
// stored comma-separated).
func (s *Store) CreateQuiz(ctx context.Context, q quiz.Quiz) error {
	switch {
	case q.ID == "":
		return errors.New("quiz has no ID")
	case q.TTL <= 0:
		return fmt.Errorf("quiz %s has no TTL", q.ID)
	case q.Correct < 0 || q.Correct >= len(q.Choices):
		return fmt.Errorf("quiz %s: answer %d is not one of its %d choices", q.ID, q.Correct, len(q.Choices))
	}
	for _, t := range q.Topics {
		if t == "" || strings.Contains(t, ",") {
			return fmt.Errorf("quiz %s: topic %q cannot be stored", q.ID, t)
		}
	}
	choices, err := json.Marshal(q.Choices)
	if err != nil {
		return err
	}
	var closes int64
	if !q.Closes.IsZero() {
		closes = q.Closes.UnixMilli()
	}
	k := scopeKeys(q.Scope)
	key := k.quiz(q.ID)
	fields := []any{
		"ch", q.Channel, "lang", q.Lang, "prefix", q.Prefix, "qid", q.QuestionID, "topics", strings.Join(q.Topics, ","),
		"fmt", q.Format, "prompt", q.Prompt, "choices", string(choices), "n", len(q.Choices),
		"correct", q.Correct, "pts", q.Points, "bonus", q.Bonus, "daily", boolInt(q.Daily), "note", q.Note,
		"created", q.Created.UnixMilli(), "closes", closes, "v", quizFormat,
	}
	if q.Delivery != "" {
		return s.createDeliveredQuiz(ctx, q, k, fields)
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, key, fields...)
		p.PExpire(ctx, key, q.TTL)
		if q.For != "" && q.Item != "" {
			p.HSet(ctx, scopeKeys(q.Scope).cards(q.For), itemField(q.Item), q.Created.UnixMilli())
		}
		if q.For != "" {
			keepSession(ctx, p, scopeKeys(q.Scope), q.For, "drew", quiz.DrewQuiz, "topic", q.Asked, "quiz", q.ID)
		}
		return nil
	})
	return err
}

// createQuizScript stores a quiz a delivery asked for, as CreateQuiz does,
// unless its ID is taken: a quiz under it was made already (by this
// delivery handled before, or this very call sent again), and is left as
// it is.
//
// KEYS: quiz, the asker's cards, their session. ARGV: the quiz's TTL (ms),
// its item's field ("" none) and the time it was had, the topic asked for,
// the quiz's ID, then the quiz's fields and values.
// Returns 1 when it stored the quiz, 0 when the ID was taken.
var createQuizScript = newScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 6))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
if ARGV[2] ~= '' then redis.call('HSET', KEYS[2], ARGV[2], ARGV[3]) end
redis.call('HDEL', KEYS[3], 'confirm')
redis.call('HSET', KEYS[3], 'drew', '` + quiz.DrewQuiz + `', 'topic', ARGV[4], 'quiz', ARGV[5])
redis.call('PEXPIRE', KEYS[3], ` + strconv.FormatInt(quiz.SessionTTL.Milliseconds(), 10) + `)
return 1
`)

// createDeliveredQuiz stores q, asked for by q.For in q.Delivery, with
// createQuizScript: quiz.ErrQuizTaken when its ID is taken.
func (s *Store) createDeliveredQuiz(ctx context.Context, q quiz.Quiz, k keys, fields []any) error {
	if q.For == "" {
		return fmt.Errorf("quiz %s of delivery %s is asked for by no one", q.ID, q.Delivery)
	}
	item := ""
	if q.Item != "" {
		item = itemField(q.Item)
	}
	args := append([]any{q.TTL.Milliseconds(), item, q.Created.UnixMilli(), q.Asked, q.ID}, fields...)
	args = append(args, "dlv", q.Delivery)
	made, err := createQuizScript.Run(ctx, s.rdb, []string{k.quiz(q.ID), k.cards(q.For), k.session(q.For)}, args...).Int()
	if err == nil && made == 0 {
		err = quiz.ErrQuizTaken
	}
	return err
}

// quizFormat is the format of the quizzes CreateQuiz stores: 2 keeps the
// answers in the quiz's own hash (see answerScript).
const quizFormat = 2

// Answer scores one answer in one round trip: with answerHeldScript when
// the caller holds the quiz, which is not a daily and accepts the answer
// (quiz.Quiz.Accepts) — the common case — else, or when that script finds
// it is not, with answerScript. The keys only a
// daily's answer or a quiz of format 1 needs are left out when the caller
// holds a quiz that is not a daily; the script asks for them in the rare
// case it needs them after all (a quiz of format 1), and the answer is
// sent again with them.
func (s *Store) Answer(ctx context.Context, a quiz.Answer) (quiz.AnswerResult, error) {
	k := scopeKeys(a.Scope)
	keys := []string{k.quiz(a.QuizID), k.user(a.User), k.boardAll(), k.boardWeek(a.Week), k.names()}
	if h := a.Held; h != nil && !h.Daily && h.Accepts(a) {
		res, ok, err := s.answerHeld(ctx, a, h, keys)
		if err != nil || ok {
			return res, err
		}
	}
	full := a.Held == nil || a.Held.Daily
	since := weekSince(a.WeekStart)
	for {
		if full {
			prev := a.PrevWeek
			if prev == "" {
				prev = a.Week
			}
			keys = append(keys, k.rightAnswers(a.QuizID), k.dailyTopics(a.Channel), k.answers(a.QuizID), k.boardWeek(prev))
		}
		outcome := a.At.UnixMilli() * 2 // the latest outcome as the user hash keeps it: wrong, then right
		raw, err := answerScript.Run(ctx, s.rdb, keys,
			a.User, a.Choice, a.Channel, a.At.UnixMilli(), a.Day, a.UserName, boolInt(a.Held == nil), a.Delivery,
			outcome, outcome+1, since).Result()
		if err != nil {
			return quiz.AnswerResult{}, err
		}
		if reply, ok := raw.(string); ok && reply == answerNeedsEveryKey && !full {
			full = true
			continue
		}
		return parseAnswer(a, raw)
	}
}

// answerHeld scores a in the common case with answerHeldScript; ok is false
// when the script found the answer is not of it, and changed nothing.
func (s *Store) answerHeld(ctx context.Context, a quiz.Answer, h *quiz.Quiz, keys []string) (res quiz.AnswerResult, ok bool, err error) {
	right := a.Choice == h.Correct
	points, bonus := strconv.Itoa(h.Points), ""
	if h.Bonus != 0 {
		bonus = strconv.Itoa(h.Points + h.Bonus)
	}
	outcome := a.At.UnixMilli() * 2
	if right {
		outcome++
	}
	args := []any{a.User, a.Choice, h.Correct, points, bonus, a.Day, a.UserName, a.Delivery, h.QuestionID, outcome,
		weekSince(a.WeekStart)}
	var reply any
	if a.Delivery != "" {
		reply, err = s.held.Run(ctx, keys, args...)
	} else { // it could not tell itself apart if its batch were sent again
		reply, err = answerHeldScript.Run(ctx, s.rdb, keys, args...).Result()
	}
	if err != nil {
		return quiz.AnswerResult{}, false, err
	}
	raw, isText := reply.(string)
	if !isText {
		return quiz.AnswerResult{}, false, fmt.Errorf("answer script replied %T, not a summary", reply)
	}
	if raw == answerNeedsEveryKey {
		return quiz.AnswerResult{}, false, nil
	}
	res, err = parseAnswerSummary(raw)
	res.Right, res.Choices = h.Correct, len(h.Choices)
	return res, err == nil, err
}

// weekSince is the start of the week as the answer scripts take it, in the
// form of an outcome (ms × 2), or "" when there is none (the zero time).
func weekSince(start time.Time) string {
	if start.IsZero() {
		return ""
	}
	return strconv.FormatInt(start.UnixMilli()*2, 10)
}

// answerNeedsEveryKey is the answer script's reply when it was not given
// the keys a daily's answer or a quiz of format 1 needs, and needs them.
const answerNeedsEveryKey = "6"

// parseAnswer reads the answer script's reply: its summary, and with it the
// quiz's fields when the answer asked for them.
func parseAnswer(a quiz.Answer, raw any) (quiz.AnswerResult, error) {
	var fields []any
	summary, ok := raw.(string)
	if list, isList := raw.([]any); isList && len(list) > 0 {
		summary, ok = list[0].(string)
		fields = list[1:]
	}
	if !ok {
		return quiz.AnswerResult{}, fmt.Errorf("answer script returned %T", raw)
	}
	res, err := parseAnswerSummary(summary)
	if err != nil || res.Status == quiz.AnswerNoQuiz || fields == nil {
		return res, err
	}
	values := make(map[string]string, len(fields)/2)
	for i := 0; i+1 < len(fields); i += 2 {
		k, _ := fields[i].(string)
		v, _ := fields[i+1].(string)
		values[k] = v
	}
	q, err := decodeQuiz(a.Scope, a.QuizID, values)
	if err != nil {
		return quiz.AnswerResult{}, err
	}
	res.Quiz = &q
	return res, nil
}

// answerSummaryFields is how many space-separated fields the answer
// script's summary has; the last, the user's language, may hold anything.
const answerSummaryFields = 14

// parseAnswerSummary reads the answer script's summary: "status choice
// correct points first again answered week-points streak best
// right-choice choices week-before lang". The week's points are a sorted set's score as Redis
// writes it.
func parseAnswerSummary(s string) (quiz.AnswerResult, error) {
	var n [answerSummaryFields - 1]int64
	rest := s
	for i := range n {
		field, after, found := strings.Cut(rest, " ")
		if !found {
			return quiz.AnswerResult{}, fmt.Errorf("answer script returned %q", s)
		}
		v, err := strconv.ParseInt(field, 10, 64)
		if err != nil {
			score, ferr := strconv.ParseFloat(field, 64)
			if ferr != nil {
				return quiz.AnswerResult{}, fmt.Errorf("answer script returned %q", s)
			}
			v = int64(score)
		}
		n[i], rest = v, after
	}
	return quiz.AnswerResult{
		Status:           answerStatus(n[0]),
		Choice:           int(n[1]),
		Correct:          n[2] == 1,
		Points:           int(n[3]),
		First:            n[4] == 1,
		AnsweredThisWeek: n[5] == 1,
		Answered:         int(n[6]),
		WeekPoints:       n[7],
		Activity:         quiz.Activity{Streak: int(n[8]), Best: int(n[9])},
		Right:            int(n[10]),
		Choices:          int(n[11]),
		WeekBefore:       n[12] == 1,
		Lang:             rest,
	}, nil
}

func answerStatus(code int64) quiz.AnswerStatus {
	switch code {
	case 0:
		return quiz.AnswerScored
	case 1:
		return quiz.AnswerRepeated
	case 3:
		return quiz.AnswerWrongChannel
	case 4:
		return quiz.AnswerBadChoice
	case 5:
		return quiz.AnswerClosed
	default:
		return quiz.AnswerNoQuiz
	}
}

func decodeQuiz(scope, id string, f map[string]string) (quiz.Quiz, error) {
	q := quiz.Quiz{
		ID: id, Scope: scope, Channel: f["ch"], Lang: f["lang"], Prefix: f["prefix"], QuestionID: f["qid"],
		Format: f["fmt"], Prompt: f["prompt"],
	}
	if t := f["topics"]; t != "" {
		q.Topics = strings.Split(t, ",")
	}
	if err := json.Unmarshal([]byte(f["choices"]), &q.Choices); err != nil {
		return quiz.Quiz{}, fmt.Errorf("quiz %s has damaged choices: %w", id, err)
	}
	var err error
	atoi := func(name string) int {
		v, e := strconv.Atoi(f[name])
		if e != nil && err == nil {
			err = fmt.Errorf("quiz %s has a damaged %s", id, name)
		}
		return v
	}
	q.Correct, q.Points, q.Bonus = atoi("correct"), atoi("pts"), atoi("bonus")
	q.Daily, q.Note, q.Delivery = f["daily"] == "1", f["note"], f["dlv"]
	if q.Correct < 0 || q.Correct >= len(q.Choices) {
		return quiz.Quiz{}, fmt.Errorf("quiz %s has an out-of-range answer", id)
	}
	if ms, e := strconv.ParseInt(f["created"], 10, 64); e == nil {
		q.Created = time.UnixMilli(ms)
	}
	if ms, e := strconv.ParseInt(f["closes"], 10, 64); e == nil && ms > 0 {
		q.Closes = time.UnixMilli(ms)
	}
	return q, err
}

// Leaderboard reads a board's top and the caller's place: one round trip.
func (s *Store) Leaderboard(ctx context.Context, q quiz.BoardQuery) (quiz.Board, error) {
	k := scopeKeys(q.Scope)
	board := k.boardAll()
	if q.Week != "" {
		board = k.boardWeek(q.Week)
	}
	raw, err := boardScript.Run(ctx, s.rdb, []string{board, k.names(), k.user(q.User)}, q.User, q.Limit).Slice()
	if err != nil {
		return quiz.Board{}, err
	}
	if len(raw) < 5 {
		return quiz.Board{}, fmt.Errorf("board script returned %d values", len(raw))
	}
	b := quiz.Board{}
	b.Players, _ = raw[0].(int64)
	b.Lang, _ = raw[1].(string)
	if mine, _ := raw[2].(string); mine != "" {
		rank, _ := raw[3].(int64)
		name, _ := raw[4].(string)
		b.Me = &quiz.BoardEntry{Rank: rank, User: q.User, Name: name, Points: parseScore(mine)}
	}
	b.Entries = rankedEntries(raw[5:])
	return b, nil
}

// rankedEntries reads the top of a board, as the scripts return it (member,
// score, name, …, highest first), and ranks it: equal points share the rank
// of the first of them (1, 1, 3). Players tied are listed by name, in any
// case or width (those without one last), then ID, not in the board's own
// order of ties (its IDs backwards).
func rankedEntries(raw []any) []quiz.BoardEntry {
	var out []quiz.BoardEntry
	for i := 0; i+2 < len(raw); i += 3 {
		member, _ := raw[i].(string)
		score, _ := raw[i+1].(string)
		name, _ := raw[i+2].(string)
		e := quiz.BoardEntry{User: member, Name: name, Points: parseScore(score), Rank: int64(len(out) + 1)}
		if n := len(out); n > 0 && out[n-1].Points == e.Points {
			e.Rank = out[n-1].Rank
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b quiz.BoardEntry) int {
		if a.Rank != b.Rank {
			return cmp.Compare(a.Rank, b.Rank)
		}
		if (a.Name == "") != (b.Name == "") {
			if a.Name == "" {
				return 1 // the nameless last
			}
			return -1
		}
		return cmp.Or(cmp.Compare(textnorm.Fold(a.Name), textnorm.Fold(b.Name)), cmp.Compare(a.User, b.User))
	})
	return out
}

func parseScore(s string) int64 {
	f, _ := strconv.ParseFloat(s, 64)
	return int64(f)
}

// Stats reads a user's figures and both ranks: one round trip.
func (s *Store) Stats(ctx context.Context, scope, user, week string) (quiz.Stats, error) {
	k := scopeKeys(scope)
	raw, err := statsScript.Run(ctx, s.rdb, []string{k.user(user), k.cards(user), k.boardAll(), k.boardWeek(week)}, user).Slice()
	if err != nil {
		return quiz.Stats{}, err
	}
	if len(raw) != 6 {
		return quiz.Stats{}, fmt.Errorf("stats script returned %d values", len(raw))
	}
	st := quiz.Stats{Topics: map[string]quiz.TopicScore{}, Questions: map[string]quiz.QuestionScore{}, Cards: map[string]srs.Card{}, Attempts: map[string]quiz.Attempt{}}
	u := pairs(raw[0])
	st.Lang = u["lang"]
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	st.Answered, st.Correct, st.Reviews = atoi(u["answered"]), atoi(u["correct"]), atoi(u["reviews"])
	st.Streak, st.Best = atoi(u["streak"]), atoi(u["best"])
	st.LastDay, _ = strconv.ParseInt(u["lastday"], 10, 64)
	st.Topics = topicScores(u)
	cards := pairs(raw[1])
	for _, fields := range []map[string]string{cards, u} {
		for f, v := range fields {
			readCardField(f, v, st.Cards, st.Attempts)
			if len(f) < 3 || f[1] != ':' || f[0] != 'q' && f[0] != 'r' {
				continue
			}
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				continue
			}
			qs := st.Questions[f[2:]]
			tries, right, hard := unpackCounts(n)
			if f[0] == 'q' {
				qs.QuizTries, qs.QuizRight = qs.QuizTries+tries, qs.QuizRight+right
				st.Answered, st.Correct = st.Answered+tries, st.Correct+right
			} else {
				qs.Reviews, qs.Recalled, qs.Hard = qs.Reviews+tries, qs.Recalled+right, qs.Hard+hard
				st.Reviews += tries
			}
			st.Questions[f[2:]] = qs
		}
	}
	st.Typed = typedStats(u, cards)
	as, _ := raw[2].(string)
	ws, _ := raw[4].(string)
	st.Points, st.WeekPoints = parseScore(as), parseScore(ws)
	st.Rank, _ = raw[3].(int64)
	st.WeekRank, _ = raw[5].(int64)
	return st, nil
}

// pairs reads a flat field/value array into a map.
func pairs(v any) map[string]string {
	list, _ := v.([]any)
	out := make(map[string]string, len(list)/2)
	for i := 0; i+1 < len(list); i += 2 {
		k, _ := list[i].(string)
		val, _ := list[i+1].(string)
		out[k] = val
	}
	return out
}

// Preload loads every Lua script of the package (see newScript) into
// Redis's script cache, so that even the first call of each is one round
// trip (EVALSHA). Redis forgets them on a
// restart; go-redis then falls back to EVAL once by itself.
func (s *Store) Preload(ctx context.Context) error {
	for _, sc := range luaScripts {
		if err := sc.Load(ctx, s.rdb).Err(); err != nil {
			return fmt.Errorf("loading scripts: %w", err)
		}
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// topicScores reads the t:<topic>:n (tries) and t:<topic>:c (right) fields
// of a hash; a topic may hold colons itself.
func topicScores(fields map[string]string) map[string]quiz.TopicScore {
	out := map[string]quiz.TopicScore{}
	for f, v := range fields {
		if !strings.HasPrefix(f, "t:") {
			continue
		}
		i := strings.LastIndexByte(f, ':')
		if i < 2 {
			continue
		}
		name, kind := f[2:i], f[i+1:]
		n, _ := strconv.Atoi(v)
		ts := out[name]
		switch kind {
		case "n":
			ts.Tries = n
		case "c":
			ts.Right = n
		default:
			continue
		}
		out[name] = ts
	}
	return out
}
