package redisstore

import (
	"strconv"

	"github.com/redis/go-redis/v9"
)

// packShiftLua is packShift as Lua source.
var packShiftLua = strconv.Itoa(packShift)

// touchStreak is shared Lua: it counts a day of activity in a user hash,
// given the hash's lastday, streak and best as read, and returns the streak
// and best streak. Another answer on the same day writes nothing; a day
// before the last one counted (a clock set back) changes nothing.
const touchStreak = `
local function touch(key, day, last, streak, best)
  last, streak, best = tonumber(last) or 0, tonumber(streak) or 0, tonumber(best) or 0
  if last == day and streak > 0 then return streak, best end
  if last == day then
    streak = 1
  elseif last == day - 1 then
    streak = streak + 1
  elseif last < day then
    streak = 1
  else
    return streak, best
  end
  if streak > best then best = streak end
  redis.call('HSET', key, 'lastday', day, 'streak', streak, 'best', best)
  return streak, best
end
`

// Per-question counts are packed, so that one HINCRBY counts a try and,
// when it was right, a success: tries + right × 2^20.
const packShift = 1 << 20

// answerScript scores one answer in one round trip. It reads only the
// quiz fields scoring needs; the quiz's content (prompt, choices…) comes
// back only when ARGV[8] is "1", for a caller that does not have it yet.
//
// A quiz of format 2 (field v) keeps its answers in its own hash, as
// "a:<user>" = "<choice>:<delivery>", and counts them in "#"; an older
// quiz keeps them in a hash of its own (KEYS[9]). An answer written again
// with the same delivery (go-redis resending a script whose reply timed
// out, or a delivery handled again) finds its own mark and is reported
// scored as it was, never as a repeat.
//
// The user's counts are per question in their cards hash: "q:<question>"
// (packed tries and right answers) and "o:<question>", the latest outcome
// (time in ms × 2 + right), which the review schedule takes in when read.
// A wrong answer earns nothing and writes no board.
//
// KEYS: quiz, user, cards, all-time board, week board, names, the quiz's
// right answerers (a daily's), the channel's daily topic counts, the
// answers of a quiz of format 1.
// ARGV: user, choice, channel, now (unix ms), day, display name, week TTL
// (s), want content (0/1), delivery.
// Returns {status, choice, correct, points, first, answered, week points,
// streak, best, lang, right choice, number of choices, quiz field, value,
// ...}; status 0 scored, 1 repeated, 2 no quiz, 3 other channel, 4 bad
// choice, 5 closed.
var answerScript = redis.NewScript(touchStreak + `
local q = redis.call('HMGET', KEYS[1], 'ch', 'n', 'correct', 'pts', 'bonus', 'closes', 'topics', 'daily', 'qid', 'v')
local u = redis.call('HMGET', KEYS[2], 'lang', 'lastday', 'streak', 'best', 'name')
local lang = u[1] or ''
if not q[1] then return {2, 0, 0, 0, 0, 0, 0, 0, 0, lang, 0, 0} end
local n, right = tonumber(q[2]), tonumber(q[3])
local function out(status, choice, correct, points, first, answered, weekpts, streak, best)
  local r = {status, choice, correct, points, first, answered, weekpts, streak, best, lang, right, n}
  if ARGV[8] == '1' then
    local all = redis.call('HGETALL', KEYS[1])
    for i = 1, #all, 2 do
      if string.sub(all[i], 1, 2) ~= 'a:' then
        r[#r + 1] = all[i]
        r[#r + 1] = all[i + 1]
      end
    end
  end
  return r
end
if q[1] ~= ARGV[3] then return out(3, 0, 0, 0, 0, 0, 0, 0, 0) end
local choice = tonumber(ARGV[2])
if choice == nil or choice < 0 or choice >= n then return out(4, 0, 0, 0, 0, 0, 0, 0, 0) end
local closes = tonumber(q[6]) or 0
if closes > 0 and tonumber(ARGV[4]) >= closes then return out(5, 0, 0, 0, 0, 0, 0, 0, 0) end
local v2 = q[10] == '2'
local taken
if v2 then
  taken = redis.call('HSETNX', KEYS[1], 'a:' .. ARGV[1], choice .. ':' .. ARGV[9]) == 0
else
  taken = redis.call('HSETNX', KEYS[9], ARGV[1], choice) == 0
end
local points = tonumber(q[4])
if taken then
  local prev, mark
  if v2 then
    prev, mark = string.match(redis.call('HGET', KEYS[1], 'a:' .. ARGV[1]), '^(%d+):(.*)$')
    prev = tonumber(prev)
  else
    prev = tonumber(redis.call('HGET', KEYS[9], ARGV[1]))
  end
  local was = 0
  if prev == right then was = 1 end
  if v2 and ARGV[9] ~= '' and mark == ARGV[9] then
    -- This very answer, written again: report it as it was scored.
    local first = 0
    if was == 1 and redis.call('HGET', KEYS[1], 'first') == ARGV[1] then
      first = 1
      points = points + (tonumber(q[5]) or 0)
    end
    if was == 0 then points = 0 end
    local weekpts = tonumber(redis.call('ZSCORE', KEYS[5], ARGV[1]) or '0')
    return out(0, prev, was, points, first, tonumber(redis.call('HGET', KEYS[1], '#')), weekpts,
      tonumber(u[3]) or 0, tonumber(u[4]) or 0)
  end
  local answered
  if v2 then answered = tonumber(redis.call('HGET', KEYS[1], '#')) else answered = redis.call('HLEN', KEYS[9]) end
  return out(1, prev, was, 0, 0, answered, 0, 0, 0)
end
local answered
if v2 then
  answered = redis.call('HINCRBY', KEYS[1], '#', 1)
else
  answered = redis.call('HLEN', KEYS[9])
  if answered == 1 then
    local ttl = redis.call('PTTL', KEYS[1])
    if ttl > 0 then redis.call('PEXPIRE', KEYS[9], ttl) end
  end
end
local correct, first = 0, 0
if choice == right then
  correct = 1
  if (tonumber(q[5]) or 0) > 0 and redis.call('HSETNX', KEYS[1], 'first', ARGV[1]) == 1 then
    points = points + tonumber(q[5])
    first = 1
  end
else
  points = 0
end
local qid = q[9] or ''
if qid ~= '' then
  redis.call('HINCRBY', KEYS[3], 'q:' .. qid, 1 + correct * ` + packShiftLua + `)
  redis.call('HSET', KEYS[3], 'o:' .. qid, tonumber(ARGV[4]) * 2 + correct)
end
if q[8] == '1' then
  for topic in string.gmatch(q[7] or '', '[^,]+') do
    redis.call('HINCRBY', KEYS[8], 't:' .. topic .. ':n', 1)
    if correct == 1 then redis.call('HINCRBY', KEYS[8], 't:' .. topic .. ':c', 1) end
  end
  if correct == 1 then
    redis.call('RPUSH', KEYS[7], ARGV[1])
    local ttl = redis.call('PTTL', KEYS[1])
    if ttl > 0 then redis.call('PEXPIRE', KEYS[7], ttl) end
  end
end
local weekpts = 0
if points > 0 then
  redis.call('ZINCRBY', KEYS[4], points, ARGV[1])
  weekpts = tonumber(redis.call('ZINCRBY', KEYS[5], points, ARGV[1]))
  -- The week's board expires some weeks after its last new player joined.
  if weekpts == points then redis.call('EXPIRE', KEYS[5], ARGV[7]) end
end
-- Names change rarely: write them only when they do.
if ARGV[6] ~= '' and ARGV[6] ~= u[5] then
  redis.call('HSET', KEYS[6], ARGV[1], ARGV[6])
  redis.call('HSET', KEYS[2], 'name', ARGV[6])
end
local streak, best = touch(KEYS[2], tonumber(ARGV[5]), u[2], u[3], u[4])
return out(0, choice, correct, points, first, answered, weekpts, streak, best)
`)

// reviewScript stores a graded card once per reveal: the grade must carry
// the question's latest reveal token ("v:<question>" in the cards hash),
// which it then marks used with the press's delivery, so that the same
// press written again is recognised and any other press refused.
//
// KEYS: user, cards. ARGV: question, card text, day, recalled (0/1),
// reveal token, delivery.
// Returns {status, streak, best}: status 0 saved, 1 graded already, 2 not
// revealed.
var reviewScript = redis.NewScript(touchStreak + `
local field = 'v:' .. ARGV[1]
local v = redis.call('HGET', KEYS[2], field)
local used = '-' .. ARGV[5] .. '|'
local u = redis.call('HMGET', KEYS[1], 'lastday', 'streak', 'best')
if v == used .. ARGV[6] then
  return {0, tonumber(u[2]) or 0, tonumber(u[3]) or 0}
end
if v and string.sub(v, 1, #used) == used then return {1, 0, 0} end
if v ~= ARGV[5] or ARGV[5] == '' then return {2, 0, 0} end
redis.call('HSET', KEYS[2], field, used .. ARGV[6], 'c:' .. ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[2], 'r:' .. ARGV[1], 1 + tonumber(ARGV[4]) * ` + packShiftLua + `)
local streak, best = touch(KEYS[1], tonumber(ARGV[3]), u[1], u[2], u[3])
return {0, streak, best}
`)

// boardScript reads the top of a board and the caller's place, with names.
// Only players with points are on a board: a wrong answer's 0 is not a
// place (nor a medal).
//
// KEYS: board, names, user. ARGV: user, limit (0 or less: no entries).
// Returns {players, lang, my score (empty when none), my rank, my name,
// member, score, name, ...}. Users with equal scores share a rank: a rank
// is one more than the number of users with a higher score.
var boardScript = redis.NewScript(`
local players = redis.call('ZCOUNT', KEYS[1], '(0', '+inf')
local lang = redis.call('HGET', KEYS[3], 'lang') or ''
local mine = redis.call('ZSCORE', KEYS[1], ARGV[1])
local myrank, myname = 0, ''
if mine and tonumber(mine) > 0 then
  myrank = redis.call('ZCOUNT', KEYS[1], '(' .. mine, '+inf') + 1
  myname = redis.call('HGET', KEYS[2], ARGV[1]) or ''
else
  mine = ''
end
local out = {players, lang, mine, myrank, myname}
local limit = tonumber(ARGV[2]) or 0
if limit <= 0 then return out end
local top = redis.call('ZREVRANGEBYSCORE', KEYS[1], '+inf', '(0', 'WITHSCORES', 'LIMIT', 0, limit)
for i = 1, #top, 2 do
  out[#out + 1] = top[i]
  out[#out + 1] = top[i + 1]
  out[#out + 1] = redis.call('HGET', KEYS[2], top[i]) or ''
end
return out
`)

// statsScript reads a user's figures and both ranks.
//
// KEYS: user, cards, all-time board, week board. ARGV: user.
// Returns {user hash pairs, card hash pairs, all score, all rank, week score, week rank}.
var statsScript = redis.NewScript(`
local function place(board)
  local s = redis.call('ZSCORE', board, ARGV[1])
  if not s then return '', 0 end
  return s, redis.call('ZCOUNT', board, '(' .. s, '+inf') + 1
end
local as, ar = place(KEYS[3])
local ws, wr = place(KEYS[4])
return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]), as, ar, ws, wr}
`)
