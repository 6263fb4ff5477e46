package redisstore

import (
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
)

// The daily question's keys. A channel's keys share its scope's hash tag.
// The global keys, one per platform so that a replica reads only its own
// platforms' (and cannot be held up by another's): the schedule, a sorted
// set of each channel at its next due time (unix ms), and the reveals due.
// dailyChannelsKey lists every channel with the daily on: earlier versions
// scanned it on every tick; it now serves BackfillSchedule and a rollback.
// Earlier versions kept every platform's reveals in dailyRevealsKey, still
// read until it drains.
const (
	dailyChannelsKey = "kq:daily:channels"
	dailyRevealsKey  = "kq:daily:reveals"
	// markerTTL keeps a claimed marker long after its date could matter.
	markerTTL = 90 * 24 * time.Hour
)

func dailyScheduleKey(platform string) string { return "kq:daily:due:" + safe(platform) }
func dailyRevealsOf(platform string) string   { return dailyRevealsKey + ":" + safe(platform) }

var _ quiz.DailyStore = (*Store)(nil)

func (k keys) daily(ch string) string     { return k.prefix + "daily:" + safe(ch) }
func (k keys) dailyUsed(ch string) string { return k.prefix + "daily:" + safe(ch) + ":used" }
func (k keys) dailyLast(ch string) string { return k.prefix + "daily:" + safe(ch) + ":last" }

// dailyOff holds the time and zone a channel's daily had when it was
// turned off, for turning it on again as it was.
func (k keys) dailyOff(ch string) string { return k.prefix + "daily:" + safe(ch) + ":off" }
func (k keys) dailyPost(ch, date string) string {
	return k.prefix + "daily:" + safe(ch) + ":post:" + safe(date)
}
func (k keys) dailyMarker(ch, date, action string) string {
	return k.prefix + "daily:" + safe(ch) + ":" + safe(date) + ":" + safe(action)
}

// channelRef names a channel (and, for a reveal, its date) in the global
// keys.
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

func parseRef(member string) (channelRef, bool) {
	var r channelRef
	return r, json.Unmarshal([]byte(member), &r) == nil
}

func postRef(p quiz.DailyPost) channelRef {
	return channelRef{Platform: p.Platform, Scope: p.Scope, Channel: p.Channel, Date: p.Date}
}

// SaveDaily turns a channel's daily question on and schedules it at
// d.Since. Its settings are replaced in one transaction: a Redis that
// refuses the write (full) changes nothing, where deleting the old ones
// alone would turn the daily off.
func (s *Store) SaveDaily(ctx context.Context, d quiz.DailySettings) error {
	k := scopeKeys(d.Scope)
	ref := channelRef{Platform: d.Platform, Scope: d.Scope, Channel: d.Channel}.String()
	err := replaceHash(ctx, s.rdb, k.daily(d.Channel), k.dailyOff(d.Channel),
		"platform", d.Platform, "hour", d.Hour, "minute", d.Minute, "zone", d.Zone,
		"since", d.Since.UnixMilli(), "lang", d.Lang, "prefix", d.Prefix, "admin", d.Admin)
	if err != nil {
		return err
	}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.SAdd(ctx, dailyChannelsKey, ref)
		p.ZAdd(ctx, dailyScheduleKey(d.Platform), redis.Z{Score: float64(d.Since.UnixMilli()), Member: ref})
		return nil
	})
	return err
}

// StopDaily turns a channel's daily question off, keeping its time and
// zone (see Daily). A reveal already due still happens. The settings give
// way to the kept time in one transaction: a Redis that refuses the write
// (full) changes nothing, the daily still on, as its admin is told.
func (s *Store) StopDaily(ctx context.Context, scope, channel string, keepZone bool) error {
	k := scopeKeys(scope)
	f, err := s.rdb.HGetAll(ctx, k.daily(channel)).Result()
	if err != nil || len(f) == 0 {
		return err
	}
	ref := channelRef{Platform: f["platform"], Scope: scope, Channel: channel}.String()
	zone := f["zone"]
	if !keepZone {
		zone = ""
	}
	if err := replaceHash(ctx, s.rdb, k.dailyOff(channel), k.daily(channel), "hour", f["hour"], "minute", f["minute"], "zone", zone); err != nil {
		return err
	}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.SRem(ctx, dailyChannelsKey, ref)
		p.ZRem(ctx, dailyScheduleKey(f["platform"]), ref)
		return nil
	})
	return err
}

// replaceHash makes key a hash of fields alone, and deletes other, in one
// transaction (MULTI/EXEC): the keys are one scope's, in one slot. A
// Redis that refuses the write for want of memory aborts it all, so no
// delete goes through without the write it made room for.
func replaceHash(ctx context.Context, rdb redis.UniversalClient, key, other string, fields ...any) error {
	_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, key, other)
		p.HSet(ctx, key, fields...)
		return nil
	})
	return err
}

// Daily reads a channel's settings; off, the time and zone it had when it
// was turned off, if it was.
func (s *Store) Daily(ctx context.Context, scope, channel string) (quiz.DailySettings, bool, error) {
	k := scopeKeys(scope)
	var on, off *redis.MapStringStringCmd
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		on, off = p.HGetAll(ctx, k.daily(channel)), p.HGetAll(ctx, k.dailyOff(channel))
		return nil
	}); err != nil {
		return quiz.DailySettings{}, false, err
	}
	if f := on.Val(); len(f) > 0 {
		return decodeDaily(scope, channel, f), true, nil
	}
	f := off.Val()
	if len(f) == 0 {
		return quiz.DailySettings{}, false, nil
	}
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	return quiz.DailySettings{Scope: scope, Channel: channel, Hour: atoi(f["hour"]), Minute: atoi(f["minute"]), Zone: f["zone"], Kept: true}, false, nil
}

func decodeDaily(scope, channel string, f map[string]string) quiz.DailySettings {
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	since, _ := strconv.ParseInt(f["since"], 10, 64)
	return quiz.DailySettings{
		Platform: f["platform"], Scope: scope, Channel: channel,
		Hour: atoi(f["hour"]), Minute: atoi(f["minute"]), Zone: f["zone"],
		Since: time.UnixMilli(since), Lang: f["lang"], Prefix: f["prefix"], Admin: f["admin"],
	}
}

// scheduled is a schedule entry read by Due.
type scheduled struct {
	ref channelRef
	due int64
}

// revealEntry is a due reveal read by Due, and the key it was read from.
type revealEntry struct {
	ref         channelRef
	member, key string
}

// Due lists the channels and reveals due on the platforms: one pipelined
// read of the schedules (all an idle tick costs), then one of the settings
// and posts found, and a third only to drop entries whose channel is off or
// whose post has expired.
func (s *Store) Due(ctx context.Context, platforms []string, t time.Time, limit int) (quiz.DailiesDue, error) {
	byTime := &redis.ZRangeBy{Min: "-inf", Max: strconv.FormatInt(t.UnixMilli(), 10), Count: int64(limit)}
	var channels []*redis.ZSliceCmd
	var reveals []*redis.StringSliceCmd
	revealKeys := []string{dailyRevealsKey}
	for _, p := range platforms {
		revealKeys = append(revealKeys, dailyRevealsOf(p))
	}
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, platform := range platforms {
			channels = append(channels, p.ZRangeByScoreWithScores(ctx, dailyScheduleKey(platform), byTime))
		}
		for _, key := range revealKeys {
			reveals = append(reveals, p.ZRangeByScore(ctx, key, byTime))
		}
		return nil
	})
	if err != nil {
		return quiz.DailiesDue{}, err
	}
	var due []scheduled
	for _, cmd := range channels {
		for _, z := range cmd.Val() {
			member, _ := z.Member.(string)
			if r, ok := parseRef(member); ok {
				due = append(due, scheduled{ref: r, due: int64(z.Score)})
			}
		}
	}
	var revealing []revealEntry
	for i, cmd := range reveals {
		for _, member := range cmd.Val() {
			// The shared key of earlier versions holds every platform's.
			if r, ok := parseRef(member); ok && slices.Contains(platforms, r.Platform) {
				revealing = append(revealing, revealEntry{ref: r, member: member, key: revealKeys[i]})
			}
		}
	}
	if len(due) == 0 && len(revealing) == 0 {
		return quiz.DailiesDue{}, nil
	}
	return s.readDue(ctx, due, revealing)
}

// readDue reads the settings and posts of what Due found.
func (s *Store) readDue(ctx context.Context, due []scheduled, revealing []revealEntry) (quiz.DailiesDue, error) {
	settings := make([]*redis.MapStringStringCmd, len(due))
	posts := make([]*redis.MapStringStringCmd, len(revealing))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, d := range due {
			settings[i] = p.HGetAll(ctx, scopeKeys(d.ref.Scope).daily(d.ref.Channel))
		}
		for i, r := range revealing {
			posts[i] = p.HGetAll(ctx, scopeKeys(r.ref.Scope).dailyPost(r.ref.Channel, r.ref.Date))
		}
		return nil
	})
	if err != nil {
		return quiz.DailiesDue{}, err
	}
	var out quiz.DailiesDue
	var off []quiz.DailyMove
	for i, d := range due {
		if f := settings[i].Val(); len(f) > 0 {
			out.Channels = append(out.Channels, quiz.ScheduledDaily{
				DailySettings: decodeDaily(d.ref.Scope, d.ref.Channel, f), Due: time.UnixMilli(d.due),
			})
			continue
		}
		off = append(off, quiz.DailyMove{Platform: d.ref.Platform, Scope: d.ref.Scope, Channel: d.ref.Channel, From: time.UnixMilli(d.due)})
	}
	var expired []revealEntry
	for i, r := range revealing {
		if f := posts[i].Val(); len(f) > 0 {
			out.Reveals = append(out.Reveals, decodePost(r.ref.Scope, r.ref.Channel, r.ref.Date, f))
			continue
		}
		expired = append(expired, r) // the record expired: nothing left to reveal
	}
	if len(off) > 0 || len(expired) > 0 {
		if err := s.dropStale(ctx, off, expired); err != nil {
			return quiz.DailiesDue{}, err
		}
	}
	return out, nil
}

// dropStale takes out of the schedule the channels that were turned off
// (each only while still at the time read, so that a channel turned on
// again meanwhile stays) and the reveals whose post expired.
func (s *Store) dropStale(ctx context.Context, off []quiz.DailyMove, expired []revealEntry) error {
	if err := s.Reschedule(ctx, off); err != nil {
		return err
	}
	if len(expired) == 0 {
		return nil
	}
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, r := range expired {
			p.ZRem(ctx, r.key, r.member)
		}
		return nil
	})
	return err
}

// rescheduleScript moves channels in one platform's schedule, each only
// while it is at the time its mover read.
//
// KEYS: the schedule. ARGV: member, from (ms), to (ms, or "" to take it
// out), and so on. Returns how many moved.
var rescheduleScript = newScript(`
local moved = 0
for i = 1, #ARGV, 3 do
  local at = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if at and tonumber(at) == tonumber(ARGV[i + 1]) then
    if ARGV[i + 2] == '' then
      redis.call('ZREM', KEYS[1], ARGV[i])
    else
      redis.call('ZADD', KEYS[1], ARGV[i + 2], ARGV[i])
    end
    moved = moved + 1
  end
end
return moved
`)

// Reschedule applies moves, each only while its channel is still at From:
// one script per platform. A zero To takes the channel out of the
// schedule.
func (s *Store) Reschedule(ctx context.Context, moves []quiz.DailyMove) error {
	byPlatform := map[string][]any{}
	for _, m := range moves {
		to := ""
		if !m.To.IsZero() {
			to = strconv.FormatInt(m.To.UnixMilli(), 10)
		}
		ref := channelRef{Platform: m.Platform, Scope: m.Scope, Channel: m.Channel}.String()
		byPlatform[m.Platform] = append(byPlatform[m.Platform], ref, m.From.UnixMilli(), to)
	}
	for platform, args := range byPlatform {
		if err := rescheduleScript.Run(ctx, s.rdb, []string{dailyScheduleKey(platform)}, args...).Err(); err != nil {
			return err
		}
	}
	return nil
}

// retryScript schedules a channel before ARGV[2] (ms) and before its
// current time, if it is scheduled at all.
//
// KEYS: the schedule. ARGV: member, the time given back (ms).
var retryScript = newScript(`
local at = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not at then return 0 end
redis.call('ZADD', KEYS[1], math.min(tonumber(at), tonumber(ARGV[2])) - 1, ARGV[1])
return 1
`)

// RetryDaily makes a channel due again, for a post given back at its time
// at: one millisecond before at, or before its current time if that is
// earlier, so that every retry changes its time.
func (s *Store) RetryDaily(ctx context.Context, platform, scope, channel string, at time.Time) error {
	ref := channelRef{Platform: platform, Scope: scope, Channel: channel}.String()
	return retryScript.Run(ctx, s.rdb, []string{dailyScheduleKey(platform)}, ref, at.UnixMilli()).Err()
}

// BackfillSchedule schedules at once (at time 0) the channels listed as on
// but missing from their platform's schedule: one read of the list, one
// pipeline of ZADD NX.
func (s *Store) BackfillSchedule(ctx context.Context) (int, error) {
	members, err := s.rdb.SMembers(ctx, dailyChannelsKey).Result()
	if err != nil {
		return 0, err
	}
	var added []*redis.IntCmd
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, m := range members {
			if r, ok := parseRef(m); ok {
				added = append(added, p.ZAddNX(ctx, dailyScheduleKey(r.Platform), redis.Z{Score: 0, Member: m}))
			}
		}
		return nil
	})
	n := 0
	for _, cmd := range added {
		n += int(cmd.Val())
	}
	return n, err
}

// Claim takes an action's marker for a channel's date (a reveal's): SET
// NX, never released. A post is claimed by ClaimAll, for its day.
func (s *Store) Claim(ctx context.Context, scope, channel, date, action string) (bool, error) {
	n, err := evalMarkerClaim(ctx, s.rdb, scopeKeys(scope).dailyMarker(channel, date, action), claimToken()).Int64()
	return err == nil && n == 1, err
}

// claimToken is a claiming call's own marker value: when it claimed, and
// a random token.
func claimToken() string { return time.Now().UTC().Format(time.RFC3339) + " " + randomToken() }

// tokenOf is the marker value of a claim: the one its caller gave (the
// same claim sent again by a later call, see quiz.DailyClaim), or this
// call's own.
func tokenOf(c quiz.DailyClaim) string {
	if c.Token != "" {
		return c.Token
	}
	return claimToken()
}

// evalMarkerClaim queues the claim of a marker, holding token, by
// claimScript.
func evalMarkerClaim(ctx context.Context, p redis.Scripter, marker, token string) *redis.Cmd {
	return p.Eval(ctx, claimScript, []string{marker}, token, markerTTL.Milliseconds())
}

// claimScript takes a marker (SET NX, never released) holding the claim's
// own token, so that the same claim sent again — go-redis resending a
// pipeline whose reply timed out after Redis ran it, or a later call
// sending the claim whose outcome it never learnt with its token — finds
// its own token and is still the claim's winner, never a loser of its own
// race.
//
// KEYS: marker. ARGV: token, TTL (ms). Returns 1 when this claim holds the
// marker, else 0.
const claimScript = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
return 0
`

// postNames is how many posts may share a local date: a zone change may
// put a second (or third) post on a date a post of the old zone has, on
// another day (see postClaimScript).
const postNames = 3

// postName is the name of the n-th post (from 0) on a local date: the
// date, then "2026-12-05#2", "2026-12-05#3".
func postName(date string, n int) string {
	if n == 0 {
		return date
	}
	return date + "#" + strconv.Itoa(n+1)
}

// postClaimScript claims a channel's post of a day, in the zone in effect:
// the day is taken when a post was claimed at or after its start, in any
// zone, or, by an earlier version (a marker without "at="), on its date.
// Looking only, it tells whether a post was claimed within the day.
// Claims of other zones that may be within the day are on the dates up to
// two days either side (UTC-12 to UTC+14). A free day takes its date's
// marker, or, when a post of another zone holds it (outside the day), the
// next of its names. The marker holds the instant the post counts at, and
// the claim's token, so that the same claim sent again (its token, at any
// instant within the day: a `daily now` handled again from its delivery
// claims later than its first handling) wins again (see claimScript).
//
// KEYS: the markers of the date's names (postNames), then of the dates
// around it. ARGV: token, TTL (ms), the day's start (ms), the claim's
// instant (ms), and, to only look, the day's end (ms). Returns which name
// (from 1) the claim takes, or would take, 0 when the day is taken, or -1
// when it is free but posts of other zones hold every name of its date.
var postClaimScript = `
local start, stop = tonumber(ARGV[3]), tonumber(ARGV[5])
local mine = 'at=' .. ARGV[4] .. ' ' .. ARGV[1]
for i = 1, ` + strconv.Itoa(postNames) + ` do
  local at, token = string.match(redis.call('GET', KEYS[i]) or '', '^at=(%d+) (.*)$')
  if token == ARGV[1] and tonumber(at) >= start then return i end
end
for i = 1, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if v then
    local at = string.match(v, '^at=(%d+) ')
    at = at and tonumber(at)
    if (at and at >= start and not (stop and at >= stop)) or (not at and i == 1) then return 0 end
  end
end
for i = 1, ` + strconv.Itoa(postNames) + ` do
  if stop then
    if redis.call('EXISTS', KEYS[i]) == 0 then return i end
  elseif redis.call('SET', KEYS[i], mine, 'NX', 'PX', ARGV[2]) then
    return i
  end
end
return -1
`

// postMarkers are the keys postClaimScript reads for a post claim.
func postMarkers(c quiz.DailyClaim) []string {
	k := scopeKeys(c.Scope)
	var markers []string
	day, err := time.Parse(time.DateOnly, c.Date)
	for _, days := range []int{0, -2, -1, 1, 2} {
		date := c.Date
		if days != 0 {
			if err != nil {
				continue // a date of no calendar has no neighbours
			}
			date = day.AddDate(0, 0, days).Format(time.DateOnly)
		}
		for n := range postNames {
			markers = append(markers, k.dailyMarker(c.Channel, postName(date, n), "post"))
		}
	}
	return markers
}

// evalClaim queues one claim: a post's by postClaimScript, any other's by
// claimScript.
func evalClaim(ctx context.Context, p redis.Scripter, c quiz.DailyClaim, lookOnly bool) *redis.Cmd {
	if c.Action != "post" {
		return evalMarkerClaim(ctx, p, scopeKeys(c.Scope).dailyMarker(c.Channel, c.Date, c.Action), tokenOf(c))
	}
	args := []any{tokenOf(c), markerTTL.Milliseconds(), c.Start.UnixMilli(), c.At.UnixMilli()}
	if lookOnly {
		args = append(args, c.End.UnixMilli())
	}
	return p.Eval(ctx, postClaimScript, postMarkers(c), args...)
}

// ClaimAll takes claims in one pipeline (see claimScript and
// postClaimScript): the scripts' text goes with each claim, so a Redis
// that lost its script cache (a restart) needs nothing loaded first. Its
// error wraps quiz.ErrNotWritten when Redis refused every claim it failed
// unwritten (full, or never reached: see unreachable).
func (s *Store) ClaimAll(ctx context.Context, claims []quiz.DailyClaim) ([]string, error) {
	taken := make([]string, len(claims))
	if len(claims) == 0 {
		return taken, nil
	}
	cmds := make([]*redis.Cmd, len(claims))
	_, _ = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, c := range claims {
			cmds[i] = evalClaim(ctx, p, c, false)
		}
		return nil
	})
	var err error
	unwritten := true // every claim that failed so far was refused unwritten
	for i, cmd := range cmds {
		n, e := cmd.Int64()
		switch {
		case e != nil:
		case n > 0:
			taken[i] = postName(claims[i].Date, int(n)-1)
		case n < 0:
			taken[i] = quiz.PostNamesUsed
		}
		if e != nil && err == nil {
			err = e
		}
		if e != nil && !unreachable(e) {
			unwritten = false
		}
	}
	if err != nil && unwritten {
		err = fmt.Errorf("%w: %w", quiz.ErrNotWritten, err)
	}
	return taken, err
}

// DayPosted reports whether a post was claimed within a post claim's day,
// or none can be, every name of its date used (quiz.PostNamesUsed): a
// claim of it loses either way.
func (s *Store) DayPosted(ctx context.Context, c quiz.DailyClaim) (bool, error) {
	n, err := evalClaim(ctx, s.rdb, c, true).Int64()
	return err == nil && n <= 0, err
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

// savePostScript writes a daily's post record (one slot: the post and the
// channel's latest post). The channel's latest post before it is kept in
// the record ("prev") while the post is pending, so that DropPost can make
// it the latest again; the same write sent again finds the channel's
// latest already its own and keeps what it kept. A write of the sent post
// drops the pending mark and what it kept.
//
// KEYS: the post, the channel's latest. ARGV: date, TTL (ms), pending (1
// or 0), then the record's fields and values.
const savePostScript = `
local last = redis.call('GET', KEYS[2])
if ARGV[3] == '1' then
  if last ~= ARGV[1] then redis.call('HSET', KEYS[1], 'prev', last or '') end
  redis.call('HSET', KEYS[1], 'pending', '1')
else
  redis.call('HDEL', KEYS[1], 'pending', 'prev')
end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return 1
`

// SavePost records a daily's post and schedules its reveal, in one
// pipeline: a pending one before it is sent, then the sent one with its
// message. Written again, it changes nothing more.
func (s *Store) SavePost(ctx context.Context, p quiz.DailyPost) error {
	k := scopeKeys(p.Scope)
	_, err := s.rdb.Pipelined(ctx, func(pp redis.Pipeliner) error {
		pp.Eval(ctx, savePostScript, []string{k.dailyPost(p.Channel, p.Date), k.dailyLast(p.Channel)},
			p.Date, markerTTL.Milliseconds(), boolInt(p.Pending),
			"platform", p.Platform, "quiz", p.QuizID, "question", p.QuestionID, "message", p.MessageID,
			"posted", p.PostedAt.UnixMilli(), "reveal", p.RevealAt.UnixMilli(), "lang", p.Lang, "dlv", p.Delivery)
		pp.ZAdd(ctx, dailyRevealsOf(p.Platform), redis.Z{Score: float64(p.RevealAt.UnixMilli()), Member: postRef(p).String()})
		return nil
	})
	return err
}

// dropPostScript deletes a pending post of a quiz and makes the post kept
// as the channel's latest before it the latest again. A post that is not
// that quiz's pending one is left alone.
//
// KEYS: the post, the channel's latest. ARGV: date, quiz, TTL (ms).
// Returns 1 when the post is gone (or was), 0 when it was left.
const dropPostScript = `
local f = redis.call('HMGET', KEYS[1], 'quiz', 'pending', 'prev')
if not f[1] then return 1 end
if f[1] ~= ARGV[2] or f[2] ~= '1' then return 0 end
if redis.call('GET', KEYS[2]) == ARGV[1] then
  if f[3] and f[3] ~= '' then
    redis.call('SET', KEYS[2], f[3], 'PX', ARGV[3])
  else
    redis.call('DEL', KEYS[2])
  end
end
redis.call('DEL', KEYS[1])
return 1
`

// DropPost takes back a pending post the platform refused outright: its
// record and its reveal go, and the channel's latest post is the one
// before it again. A post already sent, or of another quiz, stays.
func (s *Store) DropPost(ctx context.Context, p quiz.DailyPost) error {
	k := scopeKeys(p.Scope)
	gone, err := s.rdb.Eval(ctx, dropPostScript, []string{k.dailyPost(p.Channel, p.Date), k.dailyLast(p.Channel)},
		p.Date, p.QuizID, markerTTL.Milliseconds()).Int()
	if err != nil || gone == 0 {
		return err
	}
	return s.FinishReveals(ctx, p)
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
		PostedAt: ms("posted"), RevealAt: ms("reveal"), Lang: f["lang"], Pending: f["pending"] == "1", Delivery: f["dlv"],
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

// FinishReveals unschedules posts' reveals, from their platform's key and
// from the shared key of earlier versions, in one pipeline.
func (s *Store) FinishReveals(ctx context.Context, ps ...quiz.DailyPost) error {
	if len(ps) == 0 {
		return nil
	}
	_, err := s.rdb.Pipelined(ctx, func(pp redis.Pipeliner) error {
		for _, p := range ps {
			ref := postRef(p).String()
			pp.ZRem(ctx, dailyRevealsOf(p.Platform), ref)
			pp.ZRem(ctx, dailyRevealsKey, ref)
		}
		return nil
	})
	return err
}

// resultsScript reads a daily's figures in one round trip. The week's top
// holds only players with points.
//
// KEYS: answers (of a quiz stored before answers moved into the quiz's
// hash), right answerers, names, week board, quiz. ARGV: limit, top.
// Returns {answered, right count, names of the first right…, ” , member,
// score, name, …}.
var resultsScript = newScript(luaTopWithNames + `
local answered = tonumber(redis.call('HGET', KEYS[5], '#') or redis.call('HLEN', KEYS[1]))
local out = {answered, redis.call('LLEN', KEYS[2])}
for _, u in ipairs(redis.call('LRANGE', KEYS[2], 0, tonumber(ARGV[1]) - 1)) do
  out[#out + 1] = redis.call('HGET', KEYS[3], u) or u
end
out[#out + 1] = ''
return topWithNames(out, KEYS[4], KEYS[3], tonumber(ARGV[2]))
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

// A channel's used questions are one hash: each question's order of
// latest use under its ID, the number of uses under "#", the uses before
// the current cycle under "#cycle" (absent in a history of an earlier
// version), and per question whether the channel missed it ("m:" ID) and
// whether its latest use was a comeback in its cycle ("r:" ID), and the
// daily that made the latest use under "#post".
const (
	usesField  = "#"
	cycleField = "#cycle"
	postField  = "#post"
)

// markUsedScript numbers a channel's used questions in order, and keeps
// the cycle of the latest. A use written again by the same daily (a retry
// after a timeout whose first try was applied) finds its post's mark and
// changes nothing.
//
// KEYS: the used hash. ARGV: question, cycle start, repeat (0 or 1), the
// daily's post ("": not recognised).
var markUsedScript = newScript(`
if ARGV[4] ~= '' and redis.call('HGET', KEYS[1], '` + postField + `') == ARGV[4] then return 0 end
local n = redis.call('HINCRBY', KEYS[1], '` + usesField + `', 1)
redis.call('HSET', KEYS[1], ARGV[1], n, 'r:' .. ARGV[1], ARGV[3], '` + cycleField + `', ARGV[2], '` + postField + `', ARGV[4])
return n
`)

// DailyHistory reads what a channel's dailies have been — each question's
// order of latest use, the total number of uses, the current cycle, which
// questions came back or the channel missed, and its accuracy per topic —
// in one round trip.
func (s *Store) DailyHistory(ctx context.Context, scope, channel string) (quiz.DailyHistory, error) {
	k := scopeKeys(scope)
	var used, topics *redis.MapStringStringCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		used = p.HGetAll(ctx, k.dailyUsed(channel))
		topics = p.HGetAll(ctx, k.dailyTopics(channel))
		return nil
	})
	if err := pipeErr(err, used, topics); err != nil {
		return quiz.DailyHistory{}, err
	}
	h := quiz.DailyHistory{Used: map[string]int64{}, Repeats: map[string]bool{}, Missed: map[string]bool{}, Accuracy: topicScores(topics.Val())}
	for f, v := range used.Val() {
		n, _ := strconv.ParseInt(v, 10, 64)
		switch {
		case f == usesField:
			h.Uses = n
		case f == cycleField:
			h.CycleStart, h.CycleKept = n, true
		case f == postField:
		case strings.HasPrefix(f, "m:"):
			h.Missed[f[2:]] = n == 1
		case strings.HasPrefix(f, "r:"):
			h.Repeats[f[2:]] = n == 1
		default:
			h.Used[f] = n
		}
	}
	return h, nil
}

// SetMissed records whether the channel missed a question's daily, as its
// reveal counted it.
func (s *Store) SetMissed(ctx context.Context, scope, channel, questionID string, missed bool) error {
	return s.rdb.HSet(ctx, scopeKeys(scope).dailyUsed(channel), "m:"+questionID, boolInt(missed)).Err()
}

// MarkUsed records a question as the channel's latest daily, with the
// cycle it was picked in; the same use written again (u.Post) counts once.
func (s *Store) MarkUsed(ctx context.Context, scope, channel string, u quiz.DailyUse) error {
	return markUsedScript.Run(ctx, s.rdb, []string{scopeKeys(scope).dailyUsed(channel)}, u.QuestionID, u.CycleStart, boolInt(u.Repeat), u.Post).Err()
}

// closeScript sets a quiz's closing time, if the quiz still exists.
var closeScript = newScript(`
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
