package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/quiz"
)

// The daily question's keys. A channel's keys share its scope's hash tag;
// two global keys list the channels that have it on and the reveals due.
const (
	dailyChannelsKey = "kq:daily:channels"
	dailyRevealsKey  = "kq:daily:reveals"
	// markerTTL keeps a claimed marker long after its date could matter.
	markerTTL = 90 * 24 * time.Hour
)

var _ quiz.DailyStore = (*Store)(nil)

func (k keys) daily(ch string) string     { return k.prefix + "daily:" + safe(ch) }
func (k keys) dailyUsed(ch string) string { return k.prefix + "daily:" + safe(ch) + ":used" }
func (k keys) dailyLast(ch string) string { return k.prefix + "daily:" + safe(ch) + ":last" }
func (k keys) dailyPost(ch, date string) string {
	return k.prefix + "daily:" + safe(ch) + ":post:" + safe(date)
}
func (k keys) dailyMarker(ch, date, action string) string {
	return k.prefix + "daily:" + safe(ch) + ":" + safe(date) + ":" + safe(action)
}

// channelRef names a channel in the global lists.
type channelRef struct {
	Platform string `json:"p"`
	Scope    string `json:"s"`
	Channel  string `json:"c"`
	Date     string `json:"d,omitempty"`
}

func (r channelRef) String() string {
	b, _ := json.Marshal(r)
	return string(b)
}

// SaveDaily turns a channel's daily question on.
func (s *Store) SaveDaily(ctx context.Context, d quiz.DailySettings) error {
	k := scopeKeys(d.Scope)
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, k.daily(d.Channel))
		p.HSet(ctx, k.daily(d.Channel),
			"platform", d.Platform, "hour", d.Hour, "minute", d.Minute, "zone", d.Zone,
			"since", d.Since.UnixMilli(), "lang", d.Lang, "prefix", d.Prefix)
		p.SAdd(ctx, dailyChannelsKey, channelRef{Platform: d.Platform, Scope: d.Scope, Channel: d.Channel}.String())
		return nil
	})
	return err
}

// StopDaily turns a channel's daily question off. A reveal already due
// still happens.
func (s *Store) StopDaily(ctx context.Context, scope, channel string) error {
	k := scopeKeys(scope)
	platform, err := s.rdb.HGet(ctx, k.daily(channel), "platform").Result()
	if errors.Is(err, redis.Nil) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, k.daily(channel))
		p.SRem(ctx, dailyChannelsKey, channelRef{Platform: platform, Scope: scope, Channel: channel}.String())
		return nil
	})
	return err
}

// Daily reads a channel's settings.
func (s *Store) Daily(ctx context.Context, scope, channel string) (quiz.DailySettings, bool, error) {
	f, err := s.rdb.HGetAll(ctx, scopeKeys(scope).daily(channel)).Result()
	if err != nil || len(f) == 0 {
		return quiz.DailySettings{}, false, err
	}
	return decodeDaily(scope, channel, f), true, nil
}

func decodeDaily(scope, channel string, f map[string]string) quiz.DailySettings {
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	since, _ := strconv.ParseInt(f["since"], 10, 64)
	return quiz.DailySettings{
		Platform: f["platform"], Scope: scope, Channel: channel,
		Hour: atoi(f["hour"]), Minute: atoi(f["minute"]), Zone: f["zone"],
		Since: time.UnixMilli(since), Lang: f["lang"], Prefix: f["prefix"],
	}
}

// DailyChannels lists the channels with the daily question on: one read of
// the list, one pipelined read of their settings.
func (s *Store) DailyChannels(ctx context.Context) ([]quiz.DailySettings, error) {
	members, err := s.rdb.SMembers(ctx, dailyChannelsKey).Result()
	if err != nil {
		return nil, err
	}
	refs := make([]channelRef, 0, len(members))
	for _, m := range members {
		var r channelRef
		if json.Unmarshal([]byte(m), &r) == nil {
			refs = append(refs, r)
		}
	}
	cmds := make([]*redis.MapStringStringCmd, len(refs))
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, r := range refs {
			cmds[i] = p.HGetAll(ctx, scopeKeys(r.Scope).daily(r.Channel))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []quiz.DailySettings
	for i, r := range refs {
		if f := cmds[i].Val(); len(f) > 0 {
			out = append(out, decodeDaily(r.Scope, r.Channel, f))
		}
	}
	return out, nil
}

// Claim takes an action's marker for a channel's date: SET NX, never released.
func (s *Store) Claim(ctx context.Context, scope, channel, date, action string) (bool, error) {
	key := scopeKeys(scope).dailyMarker(channel, date, action)
	err := s.rdb.SetArgs(ctx, key, time.Now().UTC().Format(time.RFC3339), redis.SetArgs{Mode: "NX", TTL: markerTTL}).Err()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	return err == nil, err
}

// Claimed reports whether an action's marker was taken.
func (s *Store) Claimed(ctx context.Context, scope, channel, date, action string) (bool, error) {
	n, err := s.rdb.Exists(ctx, scopeKeys(scope).dailyMarker(channel, date, action)).Result()
	return n == 1, err
}

// Unclaim gives a marker back.
func (s *Store) Unclaim(ctx context.Context, scope, channel, date, action string) error {
	return s.rdb.Del(ctx, scopeKeys(scope).dailyMarker(channel, date, action)).Err()
}

// SavePost records a posted daily and schedules its reveal.
func (s *Store) SavePost(ctx context.Context, p quiz.DailyPost) error {
	k := scopeKeys(p.Scope)
	_, err := s.rdb.Pipelined(ctx, func(pp redis.Pipeliner) error {
		key := k.dailyPost(p.Channel, p.Date)
		pp.HSet(ctx, key,
			"platform", p.Platform, "quiz", p.QuizID, "question", p.QuestionID, "message", p.MessageID,
			"posted", p.PostedAt.UnixMilli(), "reveal", p.RevealAt.UnixMilli(), "lang", p.Lang)
		pp.Expire(ctx, key, markerTTL)
		pp.Set(ctx, k.dailyLast(p.Channel), p.Date, markerTTL)
		return nil
	})
	if err != nil {
		return err
	}
	ref := channelRef{Platform: p.Platform, Scope: p.Scope, Channel: p.Channel, Date: p.Date}
	return s.rdb.ZAdd(ctx, dailyRevealsKey, redis.Z{Score: float64(p.RevealAt.UnixMilli()), Member: ref.String()}).Err()
}

func (s *Store) post(ctx context.Context, scope, channel, date string) (quiz.DailyPost, bool, error) {
	f, err := s.rdb.HGetAll(ctx, scopeKeys(scope).dailyPost(channel, date)).Result()
	if err != nil || len(f) == 0 {
		return quiz.DailyPost{}, false, err
	}
	return decodePost(scope, channel, date, f), true, nil
}

func decodePost(scope, channel, date string, f map[string]string) quiz.DailyPost {
	ms := func(name string) time.Time { v, _ := strconv.ParseInt(f[name], 10, 64); return time.UnixMilli(v) }
	return quiz.DailyPost{
		Platform: f["platform"], Scope: scope, Channel: channel, Date: date,
		QuizID: f["quiz"], QuestionID: f["question"], MessageID: f["message"],
		PostedAt: ms("posted"), RevealAt: ms("reveal"), Lang: f["lang"],
	}
}

// LastPost is the channel's latest daily post.
func (s *Store) LastPost(ctx context.Context, scope, channel string) (quiz.DailyPost, bool, error) {
	date, err := s.rdb.Get(ctx, scopeKeys(scope).dailyLast(channel)).Result()
	if errors.Is(err, redis.Nil) {
		return quiz.DailyPost{}, false, nil
	}
	if err != nil {
		return quiz.DailyPost{}, false, err
	}
	return s.post(ctx, scope, channel, date)
}

// DueReveals lists the posts whose reveal time has come.
func (s *Store) DueReveals(ctx context.Context, t time.Time) ([]quiz.DailyPost, error) {
	members, err := s.rdb.ZRangeByScore(ctx, dailyRevealsKey, &redis.ZRangeBy{
		Min: "-inf", Max: strconv.FormatInt(t.UnixMilli(), 10),
	}).Result()
	if err != nil {
		return nil, err
	}
	var out []quiz.DailyPost
	for _, m := range members {
		var r channelRef
		if json.Unmarshal([]byte(m), &r) != nil {
			continue
		}
		p, ok, err := s.post(ctx, r.Scope, r.Channel, r.Date)
		if err != nil {
			return nil, err
		}
		if !ok { // the record expired: nothing left to reveal
			s.rdb.ZRem(ctx, dailyRevealsKey, m)
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// FinishReveal unschedules a post's reveal.
func (s *Store) FinishReveal(ctx context.Context, p quiz.DailyPost) error {
	ref := channelRef{Platform: p.Platform, Scope: p.Scope, Channel: p.Channel, Date: p.Date}
	return s.rdb.ZRem(ctx, dailyRevealsKey, ref.String()).Err()
}

// resultsScript reads a daily's figures in one round trip.
//
// KEYS: answers (of a quiz stored before answers moved into the quiz's
// hash), right answerers, names, week board, quiz. ARGV: limit, top.
// Returns {answered, right count, names of the first right…, ” , member,
// score, name, …}.
var resultsScript = redis.NewScript(`
local answered = tonumber(redis.call('HGET', KEYS[5], '#') or redis.call('HLEN', KEYS[1]))
local out = {answered, redis.call('LLEN', KEYS[2])}
for _, u in ipairs(redis.call('LRANGE', KEYS[2], 0, tonumber(ARGV[1]) - 1)) do
  out[#out + 1] = redis.call('HGET', KEYS[3], u) or u
end
out[#out + 1] = ''
local top = redis.call('ZREVRANGE', KEYS[4], 0, tonumber(ARGV[2]) - 1, 'WITHSCORES')
for i = 1, #top, 2 do
  out[#out + 1] = top[i]
  out[#out + 1] = top[i + 1]
  out[#out + 1] = redis.call('HGET', KEYS[3], top[i]) or ''
end
return out
`)

// DailyResults reads a daily quiz's answers, first right answerers and the
// week's top of the board: one round trip.
func (s *Store) DailyResults(ctx context.Context, p quiz.DailyPost, week string, limit, top int) (quiz.DailyResults, error) {
	k := scopeKeys(p.Scope)
	raw, err := resultsScript.Run(ctx, s.rdb,
		[]string{k.answers(p.QuizID), k.rightAnswers(p.QuizID), k.names(), k.boardWeek(week), k.quiz(p.QuizID)}, limit, top).Slice()
	if err != nil {
		return quiz.DailyResults{}, err
	}
	if len(raw) < 3 {
		return quiz.DailyResults{}, fmt.Errorf("results script returned %d values", len(raw))
	}
	answered, _ := raw[0].(int64)
	right, _ := raw[1].(int64)
	res := quiz.DailyResults{Answered: int(answered), RightCount: int(right)}
	i := 2
	for ; i < len(raw); i++ {
		name, _ := raw[i].(string)
		if name == "" {
			i++
			break
		}
		res.Right = append(res.Right, name)
	}
	if i < len(raw) {
		res.Top = rankedEntries(raw[i:])
	}
	return res, nil
}

// markUsedScript numbers a channel's used questions in order.
var markUsedScript = redis.NewScript(`
local n = redis.call('HINCRBY', KEYS[1], '#', 1)
redis.call('HSET', KEYS[1], ARGV[1], n)
return n
`)

// UsedQuestions maps each question the channel's dailies used to its order.
func (s *Store) UsedQuestions(ctx context.Context, scope, channel string) (map[string]int64, error) {
	f, err := s.rdb.HGetAll(ctx, scopeKeys(scope).dailyUsed(channel)).Result()
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(f))
	for q, v := range f {
		if q == "#" {
			continue
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		out[q] = n
	}
	return out, nil
}

// MarkUsed records a question as the channel's latest daily.
func (s *Store) MarkUsed(ctx context.Context, scope, channel, questionID string) error {
	return markUsedScript.Run(ctx, s.rdb, []string{scopeKeys(scope).dailyUsed(channel)}, questionID).Err()
}

// ChannelAccuracy is the channel's daily answers per topic.
func (s *Store) ChannelAccuracy(ctx context.Context, scope, channel string) (map[string]quiz.TopicScore, error) {
	f, err := s.rdb.HGetAll(ctx, scopeKeys(scope).dailyTopics(channel)).Result()
	if err != nil {
		return nil, err
	}
	return topicScores(f), nil
}

// closeScript sets a quiz's closing time, if the quiz still exists.
var closeScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('HSET', KEYS[1], 'closes', ARGV[1]) end
return 0
`)

// CloseQuiz stops a quiz taking answers from t on.
func (s *Store) CloseQuiz(ctx context.Context, scope, quizID string, t time.Time) error {
	return closeScript.Run(ctx, s.rdb, []string{scopeKeys(scope).quiz(quizID)}, t.UnixMilli()).Err()
}

// LoadQuiz reads a stored quiz.
func (s *Store) LoadQuiz(ctx context.Context, scope, quizID string) (quiz.Quiz, bool, error) {
	f, err := s.rdb.HGetAll(ctx, scopeKeys(scope).quiz(quizID)).Result()
	if err != nil || len(f) == 0 {
		return quiz.Quiz{}, false, err
	}
	q, err := decodeQuiz(scope, quizID, f)
	return q, err == nil, err
}
