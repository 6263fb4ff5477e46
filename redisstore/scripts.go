package redisstore

import (
	"strconv"

	"github.com/kubequiz/kubequiz/quiz/srs"
)

// packShiftLua is packShift as Lua source.
var packShiftLua = strconv.Itoa(packShift)

// streakAfter is shared Lua: it counts a day of activity (day, a decimal
// string) given the user hash's lastday, streak and best as read, and
// returns the streak and best streak after it and whether they changed.
// Another activity on the same day changes nothing and returns them as
// read, strings, converting no number; a day before the last one counted
// (a clock set back) changes nothing either.
const streakAfter = `
local function streakAfter(day, last, streak, best)
  if last == day and streak and streak ~= '0' then return streak, best or streak, false end
  day, last, streak, best = tonumber(day), tonumber(last) or 0, tonumber(streak) or 0, tonumber(best) or 0
  if last == day then
    streak = 1
  elseif last == day - 1 then
    streak = streak + 1
  elseif last < day then
    streak = 1
  else
    return streak, best, false
  end
  if streak > best then best = streak end
  return streak, best, true
end
`

// finishAnswer is shared Lua of both answer scripts: plusOne(count), and
// the end of scoring an answer, finishAnswer(user, correct, points, day,
// name, u, qid, outcome, week). It puts a right answer's points on the
// all-time and week boards (KEYS[3], and week: KEYS[4], or for a daily of
// the week before, that week's, see answerScript), or reads the week's
// points of a right answer that earned none (ZSCORE), and writes the user hash
// (KEYS[2]) in one HSET: the question's counts and latest outcome (see
// answerScript), and the day in the streak and a new or changed name when
// they change, given u, the user hash's lang, lastday, streak, best, name
// and the question's counts as read. A new or changed name goes into the names
// hash (KEYS[5]) too. It returns the user's points of the week (a sorted
// set's score as Redis writes it; '0' after a wrong answer), streak and
// best streak.
var finishAnswer = `
-- plusOne is a count (a decimal string) one more, without a Lua number:
-- only a carry takes one.
local function plusOne(n)
  local last = string.byte(n, -1)
  if last < 57 then return string.sub(n, 1, -2) .. string.char(last + 1) end
  return string.format('%d', tonumber(n) + 1)
end
local function finishAnswer(user, correct, points, day, name, u, qid, outcome, week)
  local weekpts = '0'
  if correct == '1' and points ~= '0' then
    redis.call('ZINCRBY', KEYS[3], points, user)
    weekpts = redis.call('ZINCRBY', week, points, user)
    -- The week's board expires some weeks after its last new player joined.
    if weekpts == tostring(points) then redis.call('EXPIRE', week, ` + weekTTLSeconds + `) end
  elseif correct == '1' then
    weekpts = redis.call('ZSCORE', week, user) or '0'
  end
  local f = {}
  if qid ~= '' then
    local counts
    if correct == '1' then
      counts = string.format('%d', (tonumber(u[6]) or 0) + ` + rightAnswerCount + `)
    else
      counts = plusOne(u[6] or '0')
    end
    f = {'q:' .. qid, counts, 'o:' .. qid, outcome}
  end
  -- Names change rarely: write them only when they do.
  if name ~= '' and name ~= u[5] then
    redis.call('HSET', KEYS[5], user, name)
    f[#f + 1] = 'name'
    f[#f + 1] = name
  end
  local streak, best, changed = streakAfter(day, u[2], u[3], u[4])
  if changed then
    for _, v in ipairs({'lastday', day, 'streak', streak, 'best', best}) do f[#f + 1] = v end
  end
  if #f > 0 then redis.call('HSET', KEYS[2], unpack(f)) end
  return weekpts, streak, best
end
`

// answeredSince is shared Lua of both answer scripts:
// answeredSince(outcome, since) says whether a question's latest outcome
// as the user hash keeps it ("o:<question>", ms × 2 + right; false when
// none) is at or after since, a time as ms × 2 ("": never). It compares
// the decimal strings, converting no number: the longer is the later, and
// of two as long, the one that sorts last.
const answeredSince = `
local function answeredSince(outcome, since)
  return outcome and since ~= '' and (#outcome > #since or #outcome == #since and outcome >= since)
end
`

// Per-question counts are packed, so that one number counts tries and
// right answers: tries + right × 2^20; a question's reviews also count
// those graded Hard (recalled with difficulty, not right): + hard × 2^40.
const packShift = 1 << 20

// reviewCount is what a review of grade g adds to its question's packed
// review counts ("r:<question>"): a try, and a right one for Good or
// Easy, or a Hard one. overrideScript maps a grade so too.
func reviewCount(g srs.Grade) int64 {
	switch {
	case g >= srs.Good:
		return 1 + packShift
	case g == srs.Hard:
		return 1 + packShift*packShift
	}
	return 1
}

// unpackCounts reads packed counts: tries, right, and hard (reviews only).
func unpackCounts(n int64) (tries, right, hard int) {
	return int(n % packShift), int(n / packShift % packShift), int(n / (packShift * packShift))
}

// rightAnswerCount is what a right answer adds to a question's packed
// counts, a try and a right one, as a decimal (and Lua source).
var rightAnswerCount = strconv.Itoa(1 + packShift)

// userFields are the fields of the user hash both answer scripts read
// (HMGET), as Lua source: finishAnswer's u but the question's counts and
// latest outcome, which the script appends.
const userFields = `'lang', 'lastday', 'streak', 'best', 'name'`

// answerScript scores one answer in one round trip.
//
// It is written for what an answer costs Redis, which is the number of its
// calls but not only that: turning a Lua number into a string or back
// (tostring, tonumber: printf and strtod) costs about as much as a call,
// and so does every key, argument and element of a reply table. So it
// compares the strings it reads (the channel, the right choice, the day),
// counts by a digit where it can, writes the outcome the caller prepared,
// and replies with one string.
//
// A returning user's wrong answer makes four calls, the floor's number
// (answerShapes in the tests pins them): HMGET of the quiz (with the
// user's answer, if any, and the count) and of the user (with their counts
// and latest outcome of the question), one HSET of the answer and the
// count into the quiz's hash, and one HSET of the user's counts and latest
// outcome of the question, and of the streak when it is the user's first
// answer of a day. A right one adds the two boards (ZINCRBY), or, when it
// earns nothing (below), the week's points (ZSCORE); a new or changed name
// the names hash (HSET), the first points of a week the week board's
// expiry. The least an atomic answer could do is four calls (see
// answerFloorCalls).
//
// The quiz's content (prompt, choices…) comes back only when ARGV[7] is
// "1", for a caller that does not have it yet.
//
// A quiz of format 2 (field v) keeps its answers in its own hash, as
// "a:<user>" = "<choice>:<delivery>" ("<choice>-<delivery>" for a right
// answer that earned nothing, see below), and counts them in "#"; an older
// quiz keeps them in a hash of its own (KEYS[8]). An answer written again
// with the same delivery (go-redis resending a script whose reply timed
// out, or a delivery handled again) finds its own mark and is reported
// scored as it was, never as a repeat.
//
// A question's points are earned once a week: a right answer to a quiz
// that is not a daily earns nothing, and is told so ("again" in the
// summary), when the user's latest outcome of the question is at or after
// the week's start (ARGV[11], ms × 2; "": any time earns). The outcome
// is the one the script reads anyway, so the rule costs no call.
//
// The user's counts of a question are in the user hash, beside the streak
// the script reads anyway: "q:<question>" (packed tries and right answers)
// and "o:<question>", the latest outcome (time in ms × 2 + right), which
// the review schedule takes in when read. (Earlier versions kept them in
// the cards hash; Stats, Practice and Card read both, see readCardField.)
// A wrong answer earns nothing and writes no board.
//
// A daily's points count in the week it was posted, which its reveal's top
// five reads: a daily created before the week's start (ARGV[11]), posted
// late in the week before and answered after the midnight that began this
// one, puts them on the board of the week before (KEYS[9]), and its answer
// reports that week's points.
//
// KEYS: quiz, user, all-time board, week board, names, and, for a daily or
// a quiz of format 1, the quiz's right answerers (a daily's), the
// channel's daily topic counts, the answers of a quiz of format 1, the
// board of the week before: without those, a daily or a quiz of format 1
// is not scored and the reply is "6".
// ARGV: user, choice, channel, now (unix ms), day, display name, want
// content (0/1), delivery, outcome if wrong, outcome if right, the week's
// start (ms × 2, or "").
// Returns the summary "status choice correct points first again answered
// week-points streak best right-choice choices week-before lang"
// (parseAnswerSummary; week-before 1: the points count in the week before,
// KEYS[9]'s),
// or, with the content, an array of the summary and the quiz's fields and
// values; status 0 scored, 1 repeated, 2 no quiz, 3 other channel, 4 bad
// choice, 5 closed.
var answerScript = newScript(streakAfter + finishAnswer + answeredSince + `
local user = ARGV[1]
local mine = 'a:' .. user
local q = redis.call('HMGET', KEYS[1], 'ch', 'n', 'correct', 'pts', 'bonus', 'closes', 'daily', 'qid', 'v', mine, '#', 'created')
local qid = q[8] or ''
local u = redis.call('HMGET', KEYS[2], ` + userFields + `, 'q:' .. qid, 'o:' .. qid)
local lang = u[1] or ''
if not q[1] then return '2 0 0 0 0 0 0 0 0 0 0 0 0 ' .. lang end
if #KEYS < 9 and (q[7] == '1' or q[9] ~= '2') then return '6' end
local week, before = KEYS[4], '0'
if q[7] == '1' and q[12] and ARGV[11] ~= '' and tonumber(q[12]) * 2 < tonumber(ARGV[11]) then week, before = KEYS[9], '1' end
local function out(status, choice, correct, points, first, again, answered, weekpts, streak, best)
  local r = status .. ' ' .. choice .. ' ' .. correct .. ' ' .. points .. ' ' .. first .. ' ' .. again .. ' ' .. answered .. ' ' ..
    weekpts .. ' ' .. streak .. ' ' .. best .. ' ' .. q[3] .. ' ' .. q[2] .. ' ' .. before .. ' ' .. lang
  if ARGV[7] ~= '1' then return r end
  local all = redis.call('HGETALL', KEYS[1])
  local t = {r}
  for i = 1, #all, 2 do
    if string.sub(all[i], 1, 2) ~= 'a:' then
      t[#t + 1] = all[i]
      t[#t + 1] = all[i + 1]
    end
  end
  return t
end
local function refuse(status) return out(status, '0', '0', '0', '0', '0', '0', '0', '0', '0') end
if q[1] ~= ARGV[3] then return refuse('3') end
local choice, n = ARGV[2], q[2]
-- Single digits compare as strings; anything longer as numbers.
if #choice ~= 1 or #n ~= 1 then
  local c = tonumber(choice)
  if c == nil or c < 0 or c >= tonumber(n) or c ~= math.floor(c) then return refuse('4') end
  choice = string.format('%d', c)
elseif choice < '0' or choice >= n then
  return refuse('4')
end
local closes = q[6] and q[6] ~= '0' and tonumber(q[6])
if closes and closes > 0 and tonumber(ARGV[4]) >= closes then return refuse('5') end
local v2 = q[9] == '2'
local taken, answered
if v2 then
  taken, answered = q[10], q[11] or '0'
else
  taken = redis.call('HGET', KEYS[8], user)
  answered = redis.call('HLEN', KEYS[8])
end
if taken then
  local prev, sep, mark = string.match(taken, '^(%d+)([:-]?)(.*)$')
  local was = '0'
  if prev == q[3] then was = '1' end
  if v2 and ARGV[8] ~= '' and mark == ARGV[8] then
    -- This very answer, written again: report it as it was scored.
    local points, first, again = q[4], '0', '0'
    if was == '0' then
      points = '0'
    elseif sep == '-' then
      points, again = '0', '1'
    elseif redis.call('HGET', KEYS[1], 'first') == user then
      first = '1'
      points = tonumber(points) + (tonumber(q[5]) or 0)
    end
    return out('0', prev, was, points, first, again, answered, redis.call('ZSCORE', week, user) or '0', u[3] or '0', u[4] or '0')
  end
  return out('1', prev, was, '0', '0', '0', answered, '0', '0', '0')
end
local correct, first, points, again, sep = '0', '0', '0', '0', ':'
if choice == q[3] then
  correct, points = '1', q[4]
  if q[7] ~= '1' and answeredSince(u[7], ARGV[11]) then
    points, again, sep = '0', '1', '-'
  elseif q[5] and q[5] ~= '0' and redis.call('HSETNX', KEYS[1], 'first', user) == 1 then
    points = tonumber(points) + tonumber(q[5])
    first = '1'
  end
end
if v2 then
  answered = plusOne(answered)
  redis.call('HSET', KEYS[1], mine, choice .. sep .. ARGV[8], '#', answered)
else
  redis.call('HSET', KEYS[8], user, choice)
  answered = answered + 1
  if answered == 1 then
    local ttl = redis.call('PTTL', KEYS[1])
    if ttl > 0 then redis.call('PEXPIRE', KEYS[8], ttl) end
  end
end
if q[7] == '1' then
  for topic in string.gmatch(redis.call('HGET', KEYS[1], 'topics') or '', '[^,]+') do
    redis.call('HINCRBY', KEYS[7], 't:' .. topic .. ':n', '1')
    if correct == '1' then redis.call('HINCRBY', KEYS[7], 't:' .. topic .. ':c', '1') end
  end
  if correct == '1' then
    redis.call('RPUSH', KEYS[6], user)
    local ttl = redis.call('PTTL', KEYS[1])
    if ttl > 0 then redis.call('PEXPIRE', KEYS[6], ttl) end
  end
end
local outcome = ARGV[9]
if correct == '1' then outcome = ARGV[10] end
local weekpts, streak, best = finishAnswer(user, correct, points, ARGV[5], ARGV[6], u, qid, outcome, week)
return out('0', choice, correct, points, first, again, answered, weekpts, streak, best)
`)

// answerHeldScript scores the common answer in one round trip: one to a
// quiz the caller holds (quiz.Answer.Held), which is not a daily, in the
// quiz's channel, with one of its choices, before it closes. The caller
// checked that much on the quiz it holds, whose content never changes, and
// tells the script the right choice, the points and the outcome of the
// answer's verdict, so that the script reads back from Redis only what may
// have changed: whether the quiz is still there (and a daily), the user's
// earlier answer and the count, the user's language, streak, name and
// counts of the question.
//
// Every element of a reply Redis hands a script costs it about half a call
// (a Lua string, interned), so this is much of what brings the answer
// nearer the floor: the quiz's fields are four elements, not the eleven
// answerScript reads, and the summary is built of strings the script has.
// A repeat is told as answerScript tells it. Anything else out of the
// common case — the quiz gone, a quiz of format 1 or a daily after all,
// this very answer written again (its delivery's mark) — changes nothing
// and replies "6": the caller then answers through answerScript, which
// tells them apart.
//
// It makes the calls of answerScript in the same case (answerShapes pins
// them), and writes the same: the answer and count into the quiz's hash,
// the question's counts and latest outcome, the streak and name when they
// change into the user hash, a right answer's points on both boards —
// none when the question was answered this week already (see
// answerScript).
//
// KEYS: quiz, user, all-time board, week board, names. ARGV: user, choice,
// the right choice, points if right (with no first-answer bonus), points
// of the first right answer ("" when the quiz gives no bonus), day,
// display name, delivery, the question ("": a quiz with no question), the
// outcome of this choice's verdict, the week's start (ms × 2, or "").
// Returns answerScript's summary, with 0 0 for the right choice and the
// number of choices, which the caller holds, and 0 for week-before (no
// daily comes here).
var answerHeldScript = newScript(streakAfter + finishAnswer + answeredSince + `
local user = ARGV[1]
local mine = 'a:' .. user
local q = redis.call('HMGET', KEYS[1], 'v', 'daily', mine, '#')
if q[1] ~= '2' or q[2] == '1' then return '6' end
local u = redis.call('HMGET', KEYS[2], ` + userFields + `, 'q:' .. ARGV[9], 'o:' .. ARGV[9])
local answered = q[4] or '0'
if q[3] then
  local prev, mark = string.match(q[3], '^(%d+)[:-]?(.*)$')
  if ARGV[8] ~= '' and mark == ARGV[8] then return '6' end
  local was = '0'
  if prev == ARGV[3] then was = '1' end
  return '1 ' .. prev .. ' ' .. was .. ' 0 0 0 ' .. answered .. ' 0 0 0 0 0 0 ' .. (u[1] or '')
end
local choice, correct, points, first, again, sep = ARGV[2], '0', '0', '0', '0', ':'
if choice == ARGV[3] then
  correct, points = '1', ARGV[4]
  if answeredSince(u[7], ARGV[11]) then
    points, again, sep = '0', '1', '-'
  elseif ARGV[5] ~= '' and redis.call('HSETNX', KEYS[1], 'first', user) == 1 then
    points, first = ARGV[5], '1'
  end
end
answered = plusOne(answered)
redis.call('HSET', KEYS[1], mine, choice .. sep .. ARGV[8], '#', answered)
local weekpts, streak, best = finishAnswer(user, correct, points, ARGV[6], ARGV[7], u, ARGV[9], ARGV[10], KEYS[4])
return '0 ' .. choice .. ' ' .. correct .. ' ' .. points .. ' ' .. first .. ' ' .. again .. ' ' .. answered .. ' ' ..
  weekpts .. ' ' .. streak .. ' ' .. best .. ' 0 0 0 ' .. (u[1] or '')
`)

// reviewScript stores a graded card once per reveal: the grade must carry
// the question's latest reveal token ("v:<question>" in the cards hash),
// which it then marks used with the press's delivery, so that the same
// press written again is recognised and any other press refused.
//
// KEYS: user, cards. ARGV: question, card text, day, the review's count
// (reviewCount), reveal token, delivery.
// Returns {status, streak, best}: status 0 saved, 1 graded already, 2 not
// revealed.
var reviewScript = newScript(streakAfter + `
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
redis.call('HINCRBY', KEYS[2], 'r:' .. ARGV[1], ARGV[4])
local streak, best, changed = streakAfter(ARGV[3], u[1], u[2], u[3])
if changed then redis.call('HSET', KEYS[1], 'lastday', ARGV[3], 'streak', streak, 'best', best) end
return {0, tonumber(streak), tonumber(best)}
`)

// luaTopWithNames defines the Lua function both the board and a daily's
// results read a board's top with: topWithNames(out, board, names, limit)
// appends member, score, name for the first limit players with points, and
// for the players tied with the last of them, who share its rank (up to
// limit more): a cut through a tie would leave out players placed as high
// as one shown. Players tied come in the board's order (their IDs
// backwards): rankedEntries orders them.
const luaTopWithNames = `
local function topWithNames(out, board, names, limit)
  local top = redis.call('ZREVRANGEBYSCORE', board, '+inf', '(0', 'WITHSCORES', 'LIMIT', 0, limit)
  if limit > 0 and #top == 2 * limit then
    local last, shown = top[#top], 0
    for i = 2, #top, 2 do
      if top[i] == last then shown = shown + 1 end
    end
    local tied = redis.call('ZREVRANGEBYSCORE', board, last, last, 'WITHSCORES', 'LIMIT', shown, limit)
    for i = 1, #tied do top[#top + 1] = tied[i] end
  end
  for i = 1, #top, 2 do
    out[#out + 1] = top[i]
    out[#out + 1] = top[i + 1]
    out[#out + 1] = redis.call('HGET', names, top[i]) or ''
  end
  return out
end
`

// boardScript reads the top of a board and the caller's place, with names.
// Only players with points are on a board: a wrong answer's 0 is not a
// place (nor a medal).
//
// KEYS: board, names, user. ARGV: user, limit (0 or less: no entries).
// Returns {players, lang, my score (empty when none), my rank, my name,
// member, score, name, ...}. Users with equal scores share a rank: a rank
// is one more than the number of users with a higher score.
var boardScript = newScript(luaTopWithNames + `
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
return topWithNames(out, KEYS[1], KEYS[2], limit)
`)

// statsScript reads a user's figures and both ranks.
//
// KEYS: user, cards, all-time board, week board. ARGV: user.
// Returns {user hash pairs, card hash pairs, all score, all rank, week score, week rank}.
var statsScript = newScript(`
local function place(board)
  local s = redis.call('ZSCORE', board, ARGV[1])
  if not s then return '', 0 end
  if tonumber(s) <= 0 then return s, 0 end -- only players with points have a place
  return s, redis.call('ZCOUNT', board, '(' .. s, '+inf') + 1
end
local as, ar = place(KEYS[3])
local ws, wr = place(KEYS[4])
return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]), as, ar, ws, wr}
`)
