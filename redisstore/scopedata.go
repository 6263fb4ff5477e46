package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/kubequiz/kubequiz/internal/ids"
	"github.com/kubequiz/kubequiz/quiz"
	"github.com/kubequiz/kubequiz/quiz/textnorm"
	"github.com/redis/go-redis/v9"
)

// ScopeFormat names the export format; ScopeVersion is its version. An
// import refuses any other.
const (
	ScopeFormat  = "kubequiz-scope"
	ScopeVersion = 1
)

// ScopeData is a scope's data as exported: every key of the scope (its
// users' scores, boards, review schedules, settings, quizzes and daily
// questions), by its name within the scope, with its type, value and time
// to live, so that it can be imported into the same scope or another.
type ScopeData struct {
	Format   string     `json:"format"`
	Version  int        `json:"version"`
	Scope    string     `json:"scope"`
	Exported time.Time  `json:"exported"`
	Keys     []KeyValue `json:"keys"`
}

// KeyValue is one key of a scope. Exactly one of the value fields is set,
// by Type.
type KeyValue struct {
	Key   string            `json:"key"`
	Type  string            `json:"type"`
	TTLms int64             `json:"ttl_ms,omitempty"`
	Str   *string           `json:"string,omitempty"`
	Hash  map[string]string `json:"hash,omitempty"`
	List  []string          `json:"list,omitempty"`
	Set   []string          `json:"set,omitempty"`
	ZSet  []ScoredMember    `json:"zset,omitempty"`
}

// ScoredMember is a member of a sorted set (a board) and its score.
type ScoredMember struct {
	Member string  `json:"member"`
	Score  float64 `json:"score"`
}

// scopeKeyNames lists the keys of a scope that match pattern (a glob on the
// name within the scope), sorted. Every key of a scope lives on one Redis
// Cluster node, found by its hash tag.
func (s *Store) scopeKeyNames(ctx context.Context, scope, pattern string) ([]string, error) {
	prefix := scopeKeys(scope).prefix
	match := globEscape(prefix) + pattern
	var out []string
	scan := func(ctx context.Context, c redis.Cmdable) error {
		it := c.Scan(ctx, 0, match, 1000).Iterator()
		for it.Next(ctx) {
			out = append(out, it.Val())
		}
		return it.Err()
	}
	var err error
	if cc, ok := s.rdb.(*redis.ClusterClient); ok {
		err = cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error { return scan(ctx, c) })
	} else {
		err = scan(ctx, s.rdb)
	}
	sort.Strings(out)
	return out, err
}

// globEscape escapes the characters SCAN's MATCH gives meaning to.
func globEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`, "]", `\]`).Replace(s)
}

// ExportScope reads every key of a scope.
func (s *Store) ExportScope(ctx context.Context, scope string) (ScopeData, error) {
	names, err := s.scopeKeyNames(ctx, scope, "*")
	if err != nil {
		return ScopeData{}, fmt.Errorf("listing the scope's keys: %w", err)
	}
	prefix := scopeKeys(scope).prefix
	data := ScopeData{Format: ScopeFormat, Version: ScopeVersion, Scope: scope, Exported: time.Now().UTC(), Keys: []KeyValue{}}
	for _, name := range names {
		kv, ok, err := s.readKey(ctx, name)
		if err != nil {
			return ScopeData{}, fmt.Errorf("reading %s: %w", name, err)
		}
		if ok {
			kv.Key = strings.TrimPrefix(name, prefix)
			data.Keys = append(data.Keys, kv)
		}
	}
	return data, nil
}

// readKey reads one key whatever its type; ok is false when it vanished
// (expired) meanwhile.
func (s *Store) readKey(ctx context.Context, name string) (KeyValue, bool, error) {
	typ, err := s.rdb.Type(ctx, name).Result()
	if err != nil || typ == "none" {
		return KeyValue{}, false, err
	}
	kv := KeyValue{Type: typ}
	if ttl, err := s.rdb.PTTL(ctx, name).Result(); err == nil && ttl > 0 {
		kv.TTLms = ttl.Milliseconds()
	}
	switch typ {
	case "string":
		v, err := s.rdb.Get(ctx, name).Result()
		if err != nil {
			return KeyValue{}, false, ignoreNil(err)
		}
		kv.Str = &v
	case "hash":
		kv.Hash, err = s.rdb.HGetAll(ctx, name).Result()
	case "list":
		kv.List, err = s.rdb.LRange(ctx, name, 0, -1).Result()
	case "set":
		kv.Set, err = s.rdb.SMembers(ctx, name).Result()
		sort.Strings(kv.Set)
	case "zset":
		var zs []redis.Z
		zs, err = s.rdb.ZRangeWithScores(ctx, name, 0, -1).Result()
		for _, z := range zs {
			m, _ := z.Member.(string)
			kv.ZSet = append(kv.ZSet, ScoredMember{Member: m, Score: z.Score})
		}
	default:
		return KeyValue{}, false, fmt.Errorf("a key of type %s is not part of a scope's data", typ)
	}
	return kv, err == nil, err
}

func ignoreNil(err error) error {
	if errors.Is(err, redis.Nil) {
		return nil
	}
	return err
}

// ErrScopeNotEmpty refuses an import into a scope that holds data, unless
// the import replaces it.
var ErrScopeNotEmpty = errors.New("the scope already holds data")

// ImportScope writes exported data into scope (the exported one, or
// another): with replace, the scope's present keys are deleted first;
// without, a scope that holds data is refused (ErrScopeNotEmpty). Daily
// questions are turned on again where the data has them on, and a daily
// posted but not revealed is revealed in scope.
func (s *Store) ImportScope(ctx context.Context, scope string, data ScopeData, replace bool) (int, error) {
	if data.Format != ScopeFormat || data.Version != ScopeVersion {
		return 0, fmt.Errorf("not a scope export of version %d (format %q, version %d)", ScopeVersion, data.Format, data.Version)
	}
	present, err := s.scopeKeyNames(ctx, scope, "*")
	if err != nil {
		return 0, err
	}
	if len(present) > 0 && !replace {
		return 0, fmt.Errorf("%w (%d keys)", ErrScopeNotEmpty, len(present))
	}
	prefix := scopeKeys(scope).prefix
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		if len(present) > 0 {
			p.Del(ctx, present...)
		}
		for _, kv := range data.Keys {
			if err := writeKey(ctx, p, prefix+kv.Key, kv); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	exported := map[string]bool{}
	for _, kv := range data.Keys {
		exported[kv.Key] = true
	}
	for _, kv := range data.Keys {
		if ch, ok := dailySettingsKey(kv.Key); ok && kv.Type == "hash" {
			if err := s.SaveDaily(ctx, decodeDaily(scope, ch, kv.Hash)); err != nil {
				return 0, fmt.Errorf("turning the daily question on again in %s: %w", ch, err)
			}
		}
		// A daily posted but not yet revealed (no reveal claimed) is
		// revealed where it now is: its reveal is scheduled again.
		if ch, date, claim, ok := dailyPostKey(kv.Key); ok && kv.Type == "hash" && !exported[claim] {
			p := decodePost(scope, ch, date, kv.Hash)
			if err := s.rdb.ZAdd(ctx, dailyRevealsOf(p.Platform), redis.Z{Score: float64(p.RevealAt.UnixMilli()), Member: postRef(p).String()}).Err(); err != nil {
				return 0, fmt.Errorf("scheduling the reveal of the daily of %s in %s: %w", date, ch, err)
			}
		}
	}
	return len(data.Keys), nil
}

// dailyPostKey reports whether a key name within a scope is a channel's
// daily post of a date ("daily:<channel>:post:<date>"), which, and the name
// of its reveal's claim (see keys.dailyMarker).
func dailyPostKey(name string) (channel, date, revealClaim string, ok bool) {
	rest, ok := strings.CutPrefix(name, "daily:")
	if !ok {
		return "", "", "", false
	}
	ch, d, ok := strings.Cut(rest, ":post:")
	if !ok || strings.Contains(ch, ":") || strings.Contains(d, ":") {
		return "", "", "", false
	}
	return unescapeKey(ch), unescapeKey(d), "daily:" + ch + ":" + d + ":reveal", true
}

// dailySettingsKey reports whether a key name within a scope is a
// channel's daily settings ("daily:<channel>"), and which channel.
func dailySettingsKey(name string) (string, bool) {
	ch, ok := strings.CutPrefix(name, "daily:")
	return unescapeKey(ch), ok && !strings.Contains(ch, ":")
}

// unescapeKey reverses safe.
func unescapeKey(s string) string {
	return strings.NewReplacer("%7B", "{", "%7D", "}", "%25", "%").Replace(s)
}

// writeKey queues the writes of one key.
func writeKey(ctx context.Context, p redis.Pipeliner, name string, kv KeyValue) error {
	switch kv.Type {
	case "string":
		if kv.Str == nil {
			return fmt.Errorf("%s: a string without a value", kv.Key)
		}
		p.Set(ctx, name, *kv.Str, 0)
	case "hash":
		if len(kv.Hash) == 0 {
			return nil
		}
		p.HSet(ctx, name, kv.Hash)
	case "list":
		if len(kv.List) == 0 {
			return nil
		}
		p.RPush(ctx, name, toAny(kv.List)...)
	case "set":
		if len(kv.Set) == 0 {
			return nil
		}
		p.SAdd(ctx, name, toAny(kv.Set)...)
	case "zset":
		zs := make([]redis.Z, len(kv.ZSet))
		for i, m := range kv.ZSet {
			zs[i] = redis.Z{Member: m.Member, Score: m.Score}
		}
		if len(zs) == 0 {
			return nil
		}
		p.ZAdd(ctx, name, zs...)
	default:
		return fmt.Errorf("%s: unknown type %q", kv.Key, kv.Type)
	}
	if kv.TTLms > 0 {
		p.PExpire(ctx, name, time.Duration(kv.TTLms)*time.Millisecond)
	}
	return nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// Users are the IDs of the users the data keeps scores or progress of
// (its user and cards keys), sorted, each once.
func (d ScopeData) Users() []string {
	var out []string
	for _, kv := range d.Keys {
		for _, kind := range []string{"user:", "cards:"} {
			if id, ok := strings.CutPrefix(kv.Key, kind); ok {
				out = append(out, unescapeKey(id))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// MarshalScope writes data as indented JSON.
func MarshalScope(data ScopeData) ([]byte, error) { return json.MarshalIndent(data, "", "  ") }

// UnmarshalScope reads an export, refusing unknown fields and a file of
// another format or version than MarshalScope writes.
func UnmarshalScope(b []byte) (ScopeData, error) {
	var data ScopeData
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&data); err != nil {
		return ScopeData{}, fmt.Errorf("reading the export: %w", err)
	}
	if data.Format != ScopeFormat {
		return ScopeData{}, fmt.Errorf("is not a kubequiz export: its \"format\" is %q, not %q as bot export writes", data.Format, ScopeFormat)
	}
	if data.Version != ScopeVersion {
		return ScopeData{}, fmt.Errorf("is a kubequiz export of version %d: this bot reads version %d", data.Version, ScopeVersion)
	}
	return data, nil
}

// Forget deletes what a scope keeps about a user: their settings, scores
// and streak, review schedule, places on every board, name, answers to
// quizzes still open, answers in words, mock interview and session. It
// reports whether there was anything.
func (s *Store) Forget(ctx context.Context, scope, user string) (bool, error) {
	k := scopeKeys(scope)
	// Whatever a user does writes their user hash, their cards, their
	// interview or their session: without all four there is nothing to
	// forget, and no reason to look through every key of the server
	// (SCAN) for the rest, however often "forget me" is pressed.
	if n, err := s.rdb.Exists(ctx, k.user(user), k.cards(user), k.interview(user), k.session(user)).Result(); err != nil || n == 0 {
		return false, err
	}
	boards, err := s.scopeKeyNames(ctx, scope, "board:*")
	if err != nil {
		return false, err
	}
	quizzes, err := s.scopeKeyNames(ctx, scope, "quiz:*")
	if err != nil {
		return false, err
	}
	own, err := s.rehearsalKeys(ctx, scope, user)
	if err != nil {
		return false, err
	}
	own = append(own, k.user(user), k.cards(user), k.interview(user), k.session(user))
	var counts []*redis.IntCmd
	var answers *redis.Cmd
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		counts = append(counts, p.Del(ctx, own...), p.HDel(ctx, k.names(), user))
		for _, b := range boards {
			counts = append(counts, p.ZRem(ctx, b, user))
		}
		var held []string // quizzes keeping their answers in their own hash
		for _, q := range quizzes {
			switch {
			case strings.HasSuffix(q, ":answers"):
				counts = append(counts, p.HDel(ctx, q, user))
			case strings.HasSuffix(q, ":right"):
				counts = append(counts, p.LRem(ctx, q, 0, user))
			default:
				held = append(held, q)
			}
		}
		if len(held) > 0 {
			answers = forgetAnswersScript.Eval(ctx, p, held, user)
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	forgot := answers != nil && answers.Val() != int64(0)
	for _, c := range counts {
		forgot = forgot || c.Val() > 0
	}
	return forgot, nil
}

// forgetAnswersScript takes a user's answers off quizzes that keep them in
// their own hash ("a:<user>"): each answer taken off is no longer counted
// ("#"), so that a daily's reveal counts those who are left, and the same
// user answering again counts once; their having been first right stays
// without their name ("first" = "-"), so that nobody else earns that bonus
// again.
//
// KEYS: the quizzes. ARGV: user. Returns how many answers it took off.
var forgetAnswersScript = newScript(`
local n = 0
for _, q in ipairs(KEYS) do
  if redis.call('HDEL', q, 'a:' .. ARGV[1]) == 1 then
    n = n + 1
    if redis.call('HEXISTS', q, '#') == 1 then redis.call('HINCRBY', q, '#', -1) end
  end
  if redis.call('HGET', q, 'first') == ARGV[1] then redis.call('HSET', q, 'first', '-') end
end
return n
`)

// FindUsers lists the users of a scope whose board name is name (any
// case), or whose user ID is it, whole or its platform's own part
// ("slack:T1:U1" or "U1").
func (s *Store) FindUsers(ctx context.Context, scope, name string) ([]quiz.FoundUser, error) {
	names, err := s.rdb.HGetAll(ctx, scopeKeys(scope).names()).Result()
	if err != nil {
		return nil, err
	}
	var out []quiz.FoundUser
	for user, shown := range names {
		own := ids.Own(user)
		// Names compare as the core reads what is typed: in any case and
		// width (Ａｌｉｃｅ is alice, 小王① is 小王1).
		if textnorm.Fold(shown) == textnorm.Fold(name) || user == name || own == name || textnorm.Fold(own) == textnorm.Fold(name) {
			out = append(out, quiz.FoundUser{ID: user, Name: shown})
		}
	}
	if len(out) == 0 {
		// A user with no name on the boards: by ID alone.
		if n, err := s.rdb.Exists(ctx, scopeKeys(scope).user(name)).Result(); err == nil && n > 0 {
			out = append(out, quiz.FoundUser{ID: name})
		}
	}
	slices.SortFunc(out, func(a, b quiz.FoundUser) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}
