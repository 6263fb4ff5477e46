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

// Moving a scope. Every key of a scope carries the scope as hash tag, so a
// move crosses Redis Cluster slots and cannot be one RENAME. It goes in
// five steps, each safe to run again, by any replica, after a call cut off
// anywhere:
//
//  1. freeze: in the old scope, one script renames every key to
//     "moving:<name>" and sets the marker "moved" (the new place, and the
//     channel's place in the schedule and its reveals due, read just
//     before: a scheduler's tick from now on finds the channel's settings
//     and posts gone, and drops its entries, which step 4 puts back). The
//     marker tells every later call that the move began, and where to
//     (MovedTo).
//  2. copy: the frozen keys are written into the new scope, the channel's
//     keys renamed for its new ID, in one transaction with the marker
//     "moved-from:<old scope>", watched, so that exactly one call copies
//     them. Into a new scope that holds data of its own they are merged:
//     boards add up (a player's points in both count), and so do the
//     counts that go with them (answers, per question and topic), a
//     player's streaks join where their days meet, sets join, and where
//     both scopes have another value (a hash field, a string) the new
//     scope's is kept.
//  3. late writes follow: a write that reached the old scope after the
//     freeze (a command handled late, whose reply the old chat then
//     refused) made a key there under its own name. Every call moves such
//     keys as the first two steps moved the others, as a batch of their
//     own: one script renames them to "late:<n>:<name>", n counted in the
//     hash "late", which lists the batches pending; each pending batch is
//     copied (merged) once, under the marker "moved-from:<old
//     scope>:late:<n>", and then deleted. A late value, being newer, takes
//     the place of the new scope's (counts still add up, streaks still
//     join). An answer never makes such a key: the answer scripts write
//     nothing where its quiz is not.
//  4. the schedule follows: the channel's place in its platform's daily
//     schedule, the list of channels on, and its reveals due, as the
//     marker keeps them and as they are now.
//  5. the frozen keys are deleted.

// movingPrefix names a frozen key within its scope.
const movingPrefix = "moving:"

func (k keys) moved() string { return k.prefix + "moved" }
func (k keys) movedFrom(scope string) string {
	return k.prefix + "moved-from:" + safe(scope)
}

// late is the hash of a moved scope's batches of late writes (step 3):
// "next", the last batch's number, and a field per batch pending, its
// number of keys.
func (k keys) late() string { return k.prefix + "late" }

// latePrefix names the keys of a batch of late writes within its scope.
func latePrefix(n int64) string { return "late:" + strconv.FormatInt(n, 10) + ":" }

// moveMarker is the value of both markers.
type moveMarker struct {
	Platform    string `json:"platform"`
	FromScope   string `json:"from_scope"`
	FromChannel string `json:"from_channel"`
	ToScope     string `json:"to_scope"`
	ToChannel   string `json:"to_channel"`
	At          int64  `json:"at"`
	// Due is the old channel's time in the daily schedule (unix ms) when
	// it was frozen, 0 if it had none; Reveals are its reveals due then.
	Due     int64          `json:"due,omitempty"`
	Reveals []ScoredMember `json:"reveals,omitempty"`
}

// freezeScript is step 1: unless the marker is set, it renames the keys
// that exist to their frozen names and sets the marker. It returns the
// marker's value, and whether this call froze.
//
// KEYS: the marker, then each key and its frozen name. ARGV: the marker's
// value.
var freezeScript = newScript(`
local was = redis.call('GET', KEYS[1])
if was then return {was, 0} end
for i = 2, #KEYS, 2 do
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('RENAME', KEYS[i], KEYS[i + 1]) end
end
redis.call('SET', KEYS[1], ARGV[1])
return {ARGV[1], 1}
`)

// MoveScope moves a scope's data into another scope (quiz.ScopeMover):
// see the steps above. It is idempotent: a second call, concurrent or
// after one cut off midway, neither loses nor doubles anything, and
// reports Already once the data was copied; any call moves what was
// written to the old scope since the freeze (Late).
func (s *Store) MoveScope(ctx context.Context, m quiz.ScopeMove) (quiz.ScopeMoved, error) {
	if m.FromScope == "" || m.ToScope == "" || m.FromScope == m.ToScope || m.FromChannel == "" || m.ToChannel == "" {
		return quiz.ScopeMoved{}, fmt.Errorf("moving %q (%q) to %q (%q): both places are needed, and must differ", m.FromScope, m.FromChannel, m.ToScope, m.ToChannel)
	}
	mark, err := s.freeze(ctx, m)
	if err != nil {
		return quiz.ScopeMoved{}, fmt.Errorf("freezing %s: %w", m.FromScope, err)
	}
	k := scopeKeys(m.FromScope)
	res, err := s.copyFrozen(ctx, m, k.prefix+movingPrefix, scopeKeys(m.ToScope).movedFrom(m.FromScope), keepOwn)
	if err != nil {
		return quiz.ScopeMoved{}, fmt.Errorf("copying %s into %s: %w", m.FromScope, m.ToScope, err)
	}
	if res.Late, err = s.moveLate(ctx, m); err != nil {
		return quiz.ScopeMoved{}, fmt.Errorf("moving the late writes of %s into %s: %w", m.FromScope, m.ToScope, err)
	}
	if err := s.moveSchedule(ctx, m, mark); err != nil {
		return quiz.ScopeMoved{}, fmt.Errorf("moving the daily schedule of %s: %w", m.FromScope, err)
	}
	frozen, err := s.scopeKeyNames(ctx, m.FromScope, movingPrefix+"*")
	if err == nil && len(frozen) > 0 {
		err = s.rdb.Del(ctx, frozen...).Err()
	}
	if err != nil {
		return quiz.ScopeMoved{}, fmt.Errorf("deleting the moved keys of %s: %w", m.FromScope, err)
	}
	return res, nil
}

// freeze is step 1: it returns the marker as set, by this call or an
// earlier one. It refuses a scope moved to another place before.
func (s *Store) freeze(ctx context.Context, m quiz.ScopeMove) (moveMarker, error) {
	k := scopeKeys(m.FromScope)
	mark := moveMarker{Platform: m.Platform, FromScope: m.FromScope, FromChannel: m.FromChannel, ToScope: m.ToScope, ToChannel: m.ToChannel, At: time.Now().UnixMilli()}
	keys := []string{k.moved()}
	if n, err := s.rdb.Exists(ctx, k.moved()).Result(); err != nil || n == 0 {
		if mark.Due, mark.Reveals, err = s.scheduled(ctx, m); err != nil {
			return moveMarker{}, err
		}
		names, err := s.scopeKeyNames(ctx, m.FromScope, "*")
		if err != nil {
			return moveMarker{}, err
		}
		for _, name := range names {
			own := strings.TrimPrefix(name, k.prefix)
			if !frozenOrMarker(own) {
				keys = append(keys, name, k.prefix+movingPrefix+own)
			}
		}
	}
	value, _ := json.Marshal(mark)
	out, err := freezeScript.Run(ctx, s.rdb, keys, value).Slice()
	if err != nil {
		return moveMarker{}, err
	}
	var was moveMarker
	if len(out) != 2 || json.Unmarshal([]byte(fmt.Sprint(out[0])), &was) != nil {
		return moveMarker{}, fmt.Errorf("the marker %s reads %v", k.moved(), out)
	}
	if was.ToScope != m.ToScope || was.ToChannel != m.ToChannel {
		return moveMarker{}, fmt.Errorf("%w: to %s (%s)", quiz.ErrMovedElsewhere, was.ToScope, was.ToChannel)
	}
	return was, nil
}

// scheduled reads the old channel's time in the daily schedule (unix ms,
// 0 if none) and its reveals due (members of either reveals key, with
// their times): one pipeline of single-key reads, as the global keys lie
// in other slots.
func (s *Store) scheduled(ctx context.Context, m quiz.ScopeMove) (int64, []ScoredMember, error) {
	from := channelRef{Platform: m.Platform, Scope: m.FromScope, Channel: m.FromChannel}
	var due *redis.FloatCmd
	reveals := make([]*redis.ZSliceCmd, len(revealKeysOf(m.Platform)))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		due = p.ZScore(ctx, dailyScheduleKey(m.Platform), from.String())
		for i, key := range revealKeysOf(m.Platform) {
			reveals[i] = p.ZRangeWithScores(ctx, key, 0, -1)
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return 0, nil, err
	}
	if err := due.Err(); err != nil && !errors.Is(err, redis.Nil) {
		return 0, nil, err
	}
	var out []ScoredMember
	for _, cmd := range reveals {
		if err := cmd.Err(); err != nil {
			return 0, nil, err
		}
		for _, z := range cmd.Val() {
			member, _ := z.Member.(string)
			if r, ok := parseRef(member); ok && r.Platform == m.Platform && r.Scope == m.FromScope && r.Channel == m.FromChannel {
				out = append(out, ScoredMember{Member: member, Score: z.Score})
			}
		}
	}
	return int64(due.Val()), out, nil
}

// revealKeysOf are the keys that may hold a platform's reveals: its own,
// and the shared one of earlier versions.
func revealKeysOf(platform string) []string {
	return []string{dailyRevealsOf(platform), dailyRevealsKey}
}

// moveAttempts bounds the copy's optimistic retries: each is lost only to
// a write in the new scope between its reads and its transaction.
const moveAttempts = 20

// copyFrozen is step 2, for the keys of the old scope named prefix+<name>
// (its frozen keys, or a batch of late writes), under the marker in the
// new scope that says they were copied; rule says whose value a merge
// keeps.
func (s *Store) copyFrozen(ctx context.Context, m quiz.ScopeMove, prefix, marker string, rule mergeRule) (quiz.ScopeMoved, error) {
	for range moveAttempts {
		var res quiz.ScopeMoved
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			if n, err := tx.Exists(ctx, marker).Result(); err != nil || n == 1 {
				res.Already = n == 1
				return err
			}
			kvs, names, err := s.readFrozen(ctx, m, prefix)
			if err != nil {
				return err
			}
			// A write to any of them from now on (a player scoring in the
			// new scope) makes the copy run again, on what it wrote. Which
			// of them the new scope holds is one pipelined read of those
			// keys, not a SCAN of the whole keyspace: a write lands in the
			// watched window only for that long.
			exists := make([]*redis.IntCmd, len(names))
			streaks := make([]*redis.SliceCmd, len(names))
			if len(names) > 0 {
				if err := tx.Watch(ctx, names...).Err(); err != nil {
					return err
				}
				if _, err := tx.Pipelined(ctx, func(p redis.Pipeliner) error {
					for i, name := range names {
						exists[i] = p.Exists(ctx, name)
						if kvs[i].Type == "hash" && strings.HasPrefix(kvs[i].Key, "user:") {
							streaks[i] = p.HMGet(ctx, name, streakFields...)
						}
					}
					return nil
				}); err != nil {
					return err
				}
			}
			res.Keys = len(kvs)
			for _, e := range exists {
				res.Merged = res.Merged || e.Val() == 1
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				for i, kv := range kvs {
					if err := mergeKey(ctx, p, names[i], kv, exists[i].Val() == 1, rule); err != nil {
						return err
					}
					if streaks[i] != nil && exists[i].Val() == 1 {
						if j, ok := joinStreaks(kv.Hash, streaks[i].Val()); ok {
							p.HSet(ctx, names[i], "lastday", j.last, "streak", j.run, "best", j.best)
						}
					}
				}
				v, _ := json.Marshal(moveMarker{Platform: m.Platform, FromScope: m.FromScope, FromChannel: m.FromChannel, ToScope: m.ToScope, ToChannel: m.ToChannel, At: time.Now().UnixMilli()})
				p.Set(ctx, marker, v, 0)
				return nil
			})
			return err
		}, marker)
		if !errors.Is(err, redis.TxFailedErr) {
			return res, err
		}
	}
	return quiz.ScopeMoved{}, fmt.Errorf("the new scope kept changing: gave up after %d attempts", moveAttempts)
}

// readFrozen reads the frozen keys of a move named prefix+<name>, each as
// it is to be written in the new scope, with its name there: the
// channel's keys renamed for its new ID, quizzes posted in it said to be
// in the new one, and its daily posts without the ID of their message,
// which is the old chat's.
func (s *Store) readFrozen(ctx context.Context, m quiz.ScopeMove, prefix string) ([]KeyValue, []string, error) {
	from := scopeKeys(m.FromScope).prefix
	frozen, err := s.scopeKeyNames(ctx, m.FromScope, globEscape(strings.TrimPrefix(prefix, from))+"*")
	if err != nil {
		return nil, nil, err
	}
	to := scopeKeys(m.ToScope).prefix
	var kvs []KeyValue
	var names []string
	for _, name := range frozen {
		kv, ok, err := s.readKey(ctx, name)
		if err != nil {
			return nil, nil, fmt.Errorf("reading %s: %w", name, err)
		}
		if !ok {
			continue // expired meanwhile
		}
		kv.Key = renameChannel(strings.TrimPrefix(name, prefix), m.FromChannel, m.ToChannel)
		if kv.Type == "hash" && strings.HasPrefix(kv.Key, "quiz:") && kv.Hash["ch"] == m.FromChannel {
			kv.Hash["ch"] = m.ToChannel
		}
		if m.FromChannel != m.ToChannel && kv.Type == "hash" && strings.HasPrefix(kv.Key, "daily:"+safe(m.ToChannel)+":post:") {
			// The post's message stayed in the old chat; by its ID the
			// reveal would close another message of the new one.
			delete(kv.Hash, "message")
		}
		kvs = append(kvs, kv)
		names = append(names, to+kv.Key)
	}
	return kvs, names, nil
}

// lateScript freezes a batch of late writes (step 3): unless another
// call froze a batch since its caller read the last batch's number, it
// renames the keys that exist to the batch's names and records the batch
// as pending. It returns the batch's number, or 0 when the caller is to
// read and try again.
//
// KEYS: the late hash, then each key and its name in the batch. ARGV: the
// batch's number.
var lateScript = newScript(`
if (redis.call('HGET', KEYS[1], 'next') or '0') + 1 ~= tonumber(ARGV[1]) then return 0 end
local n = 0
for i = 2, #KEYS, 2 do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('RENAME', KEYS[i], KEYS[i + 1])
    n = n + 1
  end
end
redis.call('HSET', KEYS[1], 'next', ARGV[1])
if n > 0 then redis.call('HSET', KEYS[1], ARGV[1], n) end
return tonumber(ARGV[1])
`)

// moveLate is step 3: it freezes the keys written to the old scope since
// it was frozen as a batch, copies every batch pending once, and deletes
// each once copied. It returns how many keys it copied.
func (s *Store) moveLate(ctx context.Context, m quiz.ScopeMove) (int, error) {
	if err := s.freezeLate(ctx, m); err != nil {
		return 0, err
	}
	return s.copyLate(ctx, m)
}

// freezeLate renames the keys written to the old scope since it was
// frozen to the names of a new batch (lateScript), if there are any.
func (s *Store) freezeLate(ctx context.Context, m quiz.ScopeMove) error {
	k := scopeKeys(m.FromScope)
	for range moveAttempts {
		names, err := s.scopeKeyNames(ctx, m.FromScope, "*")
		if err != nil {
			return err
		}
		last, err := s.rdb.HGet(ctx, k.late(), "next").Int64()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		keys := []string{k.late()}
		for _, name := range names {
			if own := strings.TrimPrefix(name, k.prefix); !frozenOrMarker(own) {
				keys = append(keys, name, k.prefix+latePrefix(last+1)+own)
			}
		}
		if len(keys) == 1 {
			return nil
		}
		if n, err := lateScript.Run(ctx, s.rdb, keys, last+1).Int64(); err != nil || n != 0 {
			return err
		}
	}
	return fmt.Errorf("other calls kept freezing late writes: gave up after %d attempts", moveAttempts)
}

// copyLate copies each batch of late writes pending once, and then
// deletes it; it returns how many keys it copied.
func (s *Store) copyLate(ctx context.Context, m quiz.ScopeMove) (int, error) {
	k := scopeKeys(m.FromScope)
	pending, err := s.rdb.HGetAll(ctx, k.late()).Result()
	if err != nil {
		return 0, err
	}
	var batches []int64
	for field := range pending {
		if n, err := strconv.ParseInt(field, 10, 64); err == nil { // not "next"
			batches = append(batches, n)
		}
	}
	slices.Sort(batches) // oldest first, as they were written
	copied := 0
	for _, n := range batches {
		field := strconv.FormatInt(n, 10)
		// The batch is whole: its keys were renamed by the one script
		// that recorded it.
		res, err := s.copyFrozen(ctx, m, k.prefix+latePrefix(n), scopeKeys(m.ToScope).movedFrom(m.FromScope)+":late:"+field, takeLate)
		if err != nil {
			return copied, err
		}
		copied += res.Keys
		batch, err := s.scopeKeyNames(ctx, m.FromScope, latePrefix(n)+"*")
		if err != nil {
			return copied, err
		}
		if _, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			if len(batch) > 0 {
				p.Del(ctx, batch...)
			}
			p.HDel(ctx, k.late(), field)
			return nil
		}); err != nil {
			return copied, err
		}
	}
	return copied, nil
}

// frozenOrMarker reports whether a key of a moved scope, by its name in
// the scope, is one of the move's own: its marker, its frozen keys, its
// batches of late writes and their hash.
func frozenOrMarker(own string) bool {
	return own == "moved" || own == "late" || strings.HasPrefix(own, movingPrefix) || strings.HasPrefix(own, "late:")
}

// MovedTo reports where a scope was moved (quiz.ScopeMover), as its
// marker records the move, and how far it has gone: begun from the
// freeze on, copied once the new scope holds the data. Two reads, one
// for a scope never moved.
func (s *Store) MovedTo(ctx context.Context, scope string) (quiz.ScopeMove, quiz.MoveStage, error) {
	v, err := s.rdb.Get(ctx, scopeKeys(scope).moved()).Result()
	if errors.Is(err, redis.Nil) {
		return quiz.ScopeMove{}, quiz.NotMoved, nil
	}
	if err != nil {
		return quiz.ScopeMove{}, quiz.NotMoved, err
	}
	var mark moveMarker
	if err := json.Unmarshal([]byte(v), &mark); err != nil {
		return quiz.ScopeMove{}, quiz.NotMoved, fmt.Errorf("the marker of %s reads %q: %w", scope, v, err)
	}
	m := quiz.ScopeMove{Platform: mark.Platform, FromScope: mark.FromScope, FromChannel: mark.FromChannel,
		ToScope: mark.ToScope, ToChannel: mark.ToChannel}
	copied, err := s.rdb.Exists(ctx, scopeKeys(m.ToScope).movedFrom(m.FromScope)).Result()
	if err != nil {
		return m, quiz.NotMoved, err
	}
	if copied == 1 {
		return m, quiz.MoveCopied, nil
	}
	return m, quiz.MoveBegun, nil
}

// renameChannel gives a key's name within its scope for a channel's new
// ID: a channel's daily keys are named by it ("daily:<channel>…").
func renameChannel(name, from, to string) string {
	old := "daily:" + safe(from)
	if rest, ok := strings.CutPrefix(name, old); ok && (rest == "" || strings.HasPrefix(rest, ":")) {
		return "daily:" + safe(to) + rest
	}
	return name
}

// mergeRule says whose value a merge keeps where both scopes have one
// that is not a count (a hash field, a string).
type mergeRule bool

const (
	// keepOwn keeps the new scope's own value: the first copy of a scope
	// into one that has data of its own.
	keepOwn mergeRule = false
	// takeLate takes the moved value: a batch of late writes, made in the
	// old scope after the first copy, is newer than what that copied.
	takeLate mergeRule = true
)

// mergeKey queues the writes of one moved key: as exported (writeKey)
// where the new scope has no such key, else merged into its own: a board's
// points and a hash's counts (counter) added, a set's members joined, a
// list's items appended, and the other hash fields and strings set as
// rule says: where the new scope lacks them, or, for late writes, over
// its own.
func mergeKey(ctx context.Context, p redis.Pipeliner, name string, kv KeyValue, exists bool, rule mergeRule) error {
	if !exists {
		return writeKey(ctx, p, name, kv)
	}
	switch kv.Type {
	case "zset":
		for _, z := range kv.ZSet {
			p.ZIncrBy(ctx, name, z.Score, z.Member)
		}
	case "hash":
		for f, v := range kv.Hash {
			switch n, err := strconv.ParseInt(v, 10, 64); {
			case err == nil && counter(kv.Key, f):
				p.HIncrBy(ctx, name, f, n)
			case rule == takeLate:
				p.HSet(ctx, name, f, v)
			default:
				p.HSetNX(ctx, name, f, v)
			}
		}
	case "set", "list":
		return writeKey(ctx, p, name, KeyValue{Key: kv.Key, Type: kv.Type, Set: kv.Set, List: kv.List})
	case "string":
		switch {
		case kv.Str == nil:
		case rule == takeLate:
			p.Set(ctx, name, *kv.Str, redis.KeepTTL)
		default:
			p.SetNX(ctx, name, *kv.Str, 0)
		}
	default:
		return fmt.Errorf("%s: unknown type %q", kv.Key, kv.Type)
	}
	return nil
}

// counter reports whether a hash field of a scope's key (by its name in
// the scope) is a count, kept by HINCRBY, which a merge adds up as it does
// the boards' points: a user's counts of answers, reviews and topics, the
// packed per-question counts of their answers (user hash) and cards, and a
// channel's daily answers per topic.
func counter(key, field string) bool {
	switch {
	case strings.HasPrefix(key, "user:"):
		return field == "answered" || field == "correct" || field == "reviews" || field == "typed" ||
			strings.HasPrefix(field, "t:") || strings.HasPrefix(field, "q:")
	case strings.HasPrefix(key, "cards:"):
		return len(field) > 2 && field[1] == ':' && strings.ContainsRune("qrw", rune(field[0]))
	case strings.HasPrefix(key, "daily:") && strings.HasSuffix(key, ":topics"):
		return strings.HasPrefix(field, "t:")
	}
	return false
}

// streakFields are a user hash's streak: the last day counted, the run of
// days up to it, and the longest run.
var streakFields = []string{"lastday", "streak", "best"}

// streak is a player's streak in one scope.
type streak struct{ last, run, best int64 }

// joinStreaks is a player's streak over both scopes, from the moved user
// hash and the new scope's streakFields: their runs of days join where
// they meet or overlap, and the best is the longest; ok is false unless
// both scopes counted a day.
func joinStreaks(old map[string]string, now []any) (streak, bool) {
	parse := func(v []string) (streak, bool) {
		var s streak
		var err error
		if s.last, err = strconv.ParseInt(v[0], 10, 64); err != nil {
			return s, false
		}
		s.run, _ = strconv.ParseInt(v[1], 10, 64)
		s.best, _ = strconv.ParseInt(v[2], 10, 64)
		return s, true
	}
	a, ok := parse([]string{old["lastday"], old["streak"], old["best"]})
	if !ok || len(now) != len(streakFields) {
		return streak{}, false
	}
	vals := make([]string, len(now))
	for i, v := range now {
		vals[i], _ = v.(string)
	}
	b, ok := parse(vals)
	if !ok {
		return streak{}, false
	}
	if a.last < b.last {
		a, b = b, a
	}
	start := a.last - a.run + 1
	if b.last >= start-1 {
		start = min(start, b.last-b.run+1)
	}
	j := streak{last: a.last, run: a.last - start + 1}
	j.best = max(a.best, b.best, j.run)
	return j, true
}

// moveSchedule is step 3: the channel's place in the daily schedule (its
// time there when frozen, or now; a new channel already scheduled keeps
// its own), the list of channels on, and its reveals due when frozen or
// now, which the new place's records answer now. A reveal is due at most
// once per channel and date, so the two lists join by member.
func (s *Store) moveSchedule(ctx context.Context, m quiz.ScopeMove, mark moveMarker) error {
	from := channelRef{Platform: m.Platform, Scope: m.FromScope, Channel: m.FromChannel}
	to := channelRef{Platform: m.Platform, Scope: m.ToScope, Channel: m.ToChannel}
	on, err := s.rdb.Exists(ctx, scopeKeys(m.ToScope).daily(m.ToChannel)).Result()
	if err != nil {
		return err
	}
	due, reveals, err := s.scheduled(ctx, m)
	if err != nil {
		return err
	}
	if mark.Due != 0 {
		due = mark.Due
	} else if due == 0 {
		due = time.Now().UnixMilli()
	}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		if on == 1 {
			p.ZAddNX(ctx, dailyScheduleKey(m.Platform), redis.Z{Score: float64(due), Member: to.String()})
			p.SAdd(ctx, dailyChannelsKey, to.String())
		}
		p.ZRem(ctx, dailyScheduleKey(m.Platform), from.String())
		p.SRem(ctx, dailyChannelsKey, from.String())
		for _, z := range append(mark.Reveals, reveals...) {
			r, _ := parseRef(z.Member)
			r.Scope, r.Channel = m.ToScope, m.ToChannel
			p.ZAdd(ctx, dailyRevealsOf(m.Platform), redis.Z{Score: z.Score, Member: r.String()})
			for _, key := range revealKeysOf(m.Platform) {
				p.ZRem(ctx, key, z.Member)
			}
		}
		return nil
	})
	return err
}
