package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kubequiz/kubequiz/internal/edge"
)

// Inbox is edge.Inbox on a Redis stream shared by every replica: accepting
// a delivery checks its once-only marker and appends it to the stream in
// one script; every replica reads the stream as a consumer of one group;
// an entry is acknowledged and deleted when handled, and one whose
// consumer stopped touching it for ClaimIdle is taken over by another.
// The stream's length is the backlog, which Accept bounds. An entry shed
// (told "too busy") carries a mark of its own until it is removed, so
// that a consumer that takes it over knows.
//
// The marker and the stream of an inbox share a hash tag, so the accept
// script runs on Redis Cluster.
type Inbox struct {
	rdb       redis.UniversalClient
	stream    string
	markers   string // key prefix of the once-only markers
	shed      string // key prefix of the marks of entries in hand: shed, or left for later
	group     string
	consumer  string
	limit     int64
	markerTTL time.Duration
	claimIdle time.Duration
	log       *slog.Logger
	onLost    func()

	mu          sync.Mutex
	groupReady  bool
	lastReclaim time.Time
}

// InboxOptions tune an Inbox.
type InboxOptions struct {
	// Limit is the most deliveries the inbox holds (default 5,000);
	// beyond it Accept sheds.
	Limit int64
	// MarkerTTL is how long a delivery's ID is remembered, to recognise a
	// platform's retries (default 24 hours, Telegram's longest).
	MarkerTTL time.Duration
	// ClaimIdle is how long an entry may go untouched before another
	// consumer takes it over (default 30 s).
	ClaimIdle time.Duration
	// Consumer names this replica in the group (default: the host name and
	// a random suffix, unique per process).
	Consumer string
	// Log is where the inbox says, at error level, that its stream or
	// group was lost and made again (default: slog.Default()).
	Log *slog.Logger
	// OnLost, if set, is called each time this replica finds the stream or
	// its group gone and makes them again.
	OnLost func()
}

// Inbox opens the inbox called name ("slack", "telegram:<bot id>").
func (s *Store) Inbox(name string, o InboxOptions) *Inbox {
	if o.Limit <= 0 {
		o.Limit = 5000
	}
	if o.MarkerTTL <= 0 {
		o.MarkerTTL = 24 * time.Hour
	}
	if o.ClaimIdle <= 0 {
		o.ClaimIdle = 30 * time.Second
	}
	if o.Consumer == "" {
		o.Consumer = consumerName()
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	tag := "kq:{inbox:" + safe(name) + "}"
	return &Inbox{
		rdb: s.rdb, stream: tag, markers: tag + ":seen:", shed: tag + ":shed:", group: "workers", consumer: o.Consumer,
		limit: o.Limit, markerTTL: o.MarkerTTL, claimIdle: o.ClaimIdle, log: o.Log, onLost: o.OnLost,
	}
}

// consumerName is unique per process: a restarted process does not read
// its predecessor's entries as its own; it takes them over when they have
// gone untouched for ClaimIdle.
func consumerName() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return host + "-" + hex.EncodeToString(b)
}

// acceptScript checks a delivery's once-only marker and queues it, in one
// step. The marker holds the accepting call's own token, so that a call
// go-redis retries after a timeout (the script having run) recognises its
// own acceptance instead of calling it a repeat (even past the deadline).
// A new offer Redis runs past its deadline (by Redis's clock) records
// nothing: its caller stopped waiting for it then, and may have told its
// user it was not recorded.
//
// KEYS: marker, stream. ARGV: token, marker TTL (ms), limit, kind, body,
// delivery ID, deadline (Unix ms; 0 for none). Returns 0 queued, 1 repeat,
// 2 full, 3 past the deadline.
var acceptScript = newScript(`
local held = redis.call('GET', KEYS[1])
if held then
  if held == ARGV[1] then return 0 end
  return 1
end
local deadline = tonumber(ARGV[7])
if deadline > 0 then
  local now = redis.call('TIME')
  if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) >= deadline then return 3 end
end
if redis.call('XLEN', KEYS[2]) >= tonumber(ARGV[3]) then return 2 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('XADD', KEYS[2], '*', 'k', ARGV[4], 'b', ARGV[5], 'i', ARGV[6])
return 0
`)

// clockSkew is how far Redis's clock may be behind the bot's: an offer is
// refused from this long before its deadline, so that one Redis runs when
// its caller has given up (by the caller's clock) is not recorded.
const clockSkew = 500 * time.Millisecond

// errPastDeadline is Accept's error when Redis ran the offer
// only after ctx's deadline (less clockSkew): nothing was recorded.
var errPastDeadline = errors.New("the offer reached Redis past its deadline")

// Accept queues d unless its ID was accepted before or the inbox is full.
// An offer that Redis runs after ctx's deadline, as when Redis stalled
// with it queued, records nothing (errPastDeadline): a caller that gave
// up on it and told its user so is never proved wrong by a late run.
func (in *Inbox) Accept(ctx context.Context, d edge.Delivery) (edge.Verdict, error) {
	token := randomToken()
	id := d.ID
	if id == "" {
		id = "anonymous:" + token // never a repeat
	}
	var deadline int64
	if dl, ok := ctx.Deadline(); ok {
		deadline = max(dl.Add(-clockSkew).UnixMilli(), 1)
	}
	n, err := acceptScript.Run(ctx, in.rdb, []string{in.markers + safe(id), in.stream},
		token, in.markerTTL.Milliseconds(), in.limit, d.Kind, d.Body, d.ID, deadline).Int64()
	if unreachable(err) {
		return 0, fmt.Errorf("%w: %w", edge.ErrUnreachable, refusal(err))
	}
	if err != nil {
		return 0, err
	}
	switch n {
	case 0:
		return edge.Queued, nil
	case 1:
		return edge.Repeat, nil
	case 2:
		return edge.Full, nil
	default:
		return 0, errPastDeadline
	}
}

// unreachable reports whether a command failed without reaching Redis:
// no connection could be made (a dial failed: nothing was sent on it),
// Redis refused the bot itself (RefusesTheBot), or it refused the write
// for want of memory (RefusesWrites: it wrote nothing), rather than slow
// to answer (a timeout, after which Redis may still run the command).
func unreachable(err error) bool {
	if err == nil {
		return false
	}
	if op, ok := errors.AsType[*net.OpError](err); ok && op.Op == "dial" {
		return true
	}
	return RefusesTheBot(err) || RefusesWrites(err)
}

// RefusesWrites reports whether err is Redis refusing a write for want of
// memory: used memory is over its maxmemory and its policy evicts nothing
// (or nothing is left to evict), so it answers every write "OOM command
// not allowed" while it still answers reads and PINGs. Nothing of the
// refused command was written: a script is refused at its first write.
func RefusesWrites(err error) bool {
	reply, ok := errors.AsType[redis.Error](err)
	return ok && strings.HasPrefix(reply.Error(), "OOM ")
}

// RefusesTheBot reports whether err is a reply of Redis refusing the bot
// itself — a wrong password (WRONGPASS, NOAUTH, as while the Secret and
// Redis's requirepass disagree), an ACL without the bot's commands
// (NOPERM), a database number Redis does not have — rather than one
// command: a configuration error, and no command of the bot's works.
func RefusesTheBot(err error) bool {
	reply, ok := errors.AsType[redis.Error](err)
	if !ok {
		return false
	}
	msg := reply.Error()
	return strings.HasPrefix(msg, "WRONGPASS") || strings.HasPrefix(msg, "NOAUTH") || strings.HasPrefix(msg, "NOPERM") ||
		strings.HasPrefix(msg, "ERR DB index is out of range") || strings.HasPrefix(msg, "ERR invalid DB index")
}

// Expected reports whether err is a reply the store looks for and acts
// on, an answer rather than a failure: a key that does not exist
// (redis.Nil), a script Redis does not have (NOSCRIPT: it restarted, or
// its script cache was flushed; the store runs it again with EVAL, which
// loads it), a consumer group that exists already (BUSYGROUP: the inbox
// creates its group on every start).
func Expected(err error) bool {
	return errors.Is(err, redis.Nil) || redis.HasErrorPrefix(err, "NOSCRIPT") || groupExists(err)
}

// groupExists reports whether err is XGROUP CREATE's reply for a group
// that exists already.
func groupExists(err error) bool { return redis.HasErrorPrefix(err, "BUSYGROUP") }

// refusal wraps err with edge.ErrRefused when it is Redis refusing the bot
// (RefusesTheBot), and returns it as it is otherwise.
func refusal(err error) error {
	if RefusesTheBot(err) {
		return fmt.Errorf("%w: %w", edge.ErrRefused, err)
	}
	return err
}

// randomToken is 16 random hex digits.
func randomToken() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// ensureGroup creates the consumer group (and the stream) once.
func (in *Inbox) ensureGroup(ctx context.Context) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.groupReady {
		return nil
	}
	err := in.rdb.XGroupCreateMkStream(ctx, in.stream, in.group, "0").Err()
	if err != nil && !groupExists(err) {
		return err
	}
	in.groupReady = true
	return nil
}

// Next takes entries that went untouched for ClaimIdle (looked for at most
// every ClaimIdle/3), then new ones, up to max, waiting up to wait. A
// stream or group found gone is made again, and the read goes on (see
// lost).
func (in *Inbox) Next(ctx context.Context, max int, wait time.Duration) ([]edge.Entry, error) {
	if err := in.ensureGroup(ctx); err != nil {
		return nil, err
	}
	var out []edge.Entry
	if in.reclaimDue() {
		msgs, _, err := in.rdb.XAutoClaim(ctx, &redis.XAutoClaimArgs{
			Stream: in.stream, Group: in.group, Consumer: in.consumer, MinIdle: in.claimIdle, Start: "0-0", Count: int64(max),
		}).Result()
		if err != nil {
			if err := in.lost(ctx, err); err != nil {
				return nil, err
			}
		}
		out = appendEntries(out, msgs, true)
		if err := in.markShed(ctx, out); err != nil {
			return nil, err
		}
		if len(out) >= max {
			return out, nil
		}
	}
	deadline := time.Now().Add(wait)
	for block, again := wait, true; ; again = false {
		streams, err := in.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{
			Group: in.group, Consumer: in.consumer, Streams: []string{in.stream, ">"},
			Count: int64(max - len(out)), Block: block,
		}).Result()
		if errors.Is(err, redis.Nil) {
			return out, nil
		}
		if err != nil {
			if err := in.lost(ctx, err); err != nil || !again {
				return out, err
			}
			// The group made again: read what was accepted since, waiting
			// only for what is left of wait (under a millisecond, BLOCK 0
			// would wait for ever: no BLOCK, what is there now).
			if block = time.Until(deadline); block < time.Millisecond {
				block = -1
			}
			continue
		}
		for _, st := range streams {
			out = appendEntries(out, st.Messages, false)
		}
		return out, nil
	}
}

// reclaimDue reports whether it is time to look for entries to take over.
func (in *Inbox) reclaimDue() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	if time.Since(in.lastReclaim) < in.claimIdle/3 {
		return false
	}
	in.lastReclaim = time.Now()
	return true
}

// lost makes the stream and its group again when Redis says they are
// gone — NOGROUP, or UNBLOCKED for a read blocked on a stream deleted
// meanwhile: evicted (a maxmemory-policy other than noeviction), or Redis
// restarted empty or flushed — and returns nil then: the entries accepted
// since are read from the start of the stream, and the next call goes on.
// The deliveries the stream held, in hand or queued, are lost with it:
// said once at error level, by the replica that made the group again
// (another's call finds it made). Any other error is returned as it is.
func (in *Inbox) lost(ctx context.Context, err error) error {
	if !redis.HasErrorPrefix(err, "NOGROUP") && !redis.HasErrorPrefix(err, "UNBLOCKED") {
		return err
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	made := in.rdb.XGroupCreateMkStream(ctx, in.stream, in.group, "0").Err()
	if made != nil && !groupExists(made) {
		in.groupReady = false // the next call makes it
		return fmt.Errorf("the inbox's stream or group is gone (%w), and making it again failed: %w", err, made)
	}
	in.groupReady = true
	if made == nil {
		in.log.ErrorContext(ctx, msgInboxLost, "stream", in.stream, "group", in.group, "err", err)
		if in.onLost != nil {
			in.onLost()
		}
	}
	return nil
}

// msgInboxLost is the inbox's log line when its stream or group was gone.
const msgInboxLost = "the inbox's stream or its consumer group was gone from Redis and was made again: " +
	"deliveries it held (accepted, not yet handled) are lost. Redis evicted it (set maxmemory-policy noeviction), " +
	"restarted without persistence, or was flushed"

func appendEntries(out []edge.Entry, msgs []redis.XMessage, reclaimed bool) []edge.Entry {
	for _, m := range msgs {
		kind, _ := m.Values["k"].(string)
		body, _ := m.Values["b"].(string)
		id, _ := m.Values["i"].(string)
		out = append(out, edge.Entry{ID: m.ID, Reclaimed: reclaimed, Delivery: edge.Delivery{ID: id, Kind: kind, Body: []byte(body)}})
	}
	return out
}

// Marks of an entry in hand, until it is removed (see Shed and Leave).
const (
	markShed = "1"
	markLeft = "left"
)

// markShed sets Shed on the entries taken over that a consumer shed, and
// Left on those it left for later, whose marks it clears: the next
// consumer to stop on them does not leave them.
func (in *Inbox) markShed(ctx context.Context, entries []edge.Entry) error {
	if len(entries) == 0 {
		return nil
	}
	keys := make([]string, len(entries))
	for i, e := range entries {
		keys[i] = in.shed + e.ID
	}
	marks, err := in.rdb.MGet(ctx, keys...).Result()
	if err != nil {
		return err
	}
	var left []string
	for i, m := range marks {
		entries[i].Shed = m == markShed
		entries[i].Left = m == markLeft
		if entries[i].Left {
			left = append(left, keys[i])
		}
	}
	if len(left) > 0 {
		return in.rdb.Del(ctx, left...).Err()
	}
	return nil
}

// Shed marks an entry in hand as shed, until it is removed (edge.Inbox).
func (in *Inbox) Shed(ctx context.Context, id string) error {
	return in.rdb.Set(ctx, in.shed+id, markShed, in.markerTTL).Err()
}

// Leave marks an entry in hand as left for later, until it is taken again
// or removed (edge.Inbox).
func (in *Inbox) Leave(ctx context.Context, id string) error {
	return in.rdb.Set(ctx, in.shed+id, markLeft, in.markerTTL).Err()
}

// Touch resets the idle time of entries this consumer holds.
func (in *Inbox) Touch(ctx context.Context, ids ...string) error {
	return in.rdb.XClaimJustID(ctx, &redis.XClaimArgs{
		Stream: in.stream, Group: in.group, Consumer: in.consumer, MinIdle: 0, Messages: ids,
	}).Err()
}

// doneScript acknowledges and deletes handled entries (ARGV[2…]) of the
// stream KEYS[1], group ARGV[1], and their marks (KEYS[2…]), in one step.
// It only deletes, which Redis does also when it is full (maxmemory, no
// eviction), where a MULTI is refused whole, whatever it holds.
// A few hundred entries at a time: unpacking thousands at once would pass
// Lua's stack limit.
var doneScript = newScript(`
for i = 2, #ARGV, 500 do
  local j = math.min(i + 499, #ARGV)
  redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, i, j))
  redis.call('XDEL', KEYS[1], unpack(ARGV, i, j))
  redis.call('DEL', unpack(KEYS, i, j))
end
return 0
`)

// Done acknowledges and deletes handled entries, and their marks, in one
// round trip (doneScript), also while Redis is full: entries left there
// would be handled again.
func (in *Inbox) Done(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	keys := make([]string, 1, 1+len(ids))
	keys[0] = in.stream
	args := make([]any, 1, 1+len(ids))
	args[0] = in.group
	for _, id := range ids {
		keys = append(keys, in.shed+id)
		args = append(args, id)
	}
	return doneScript.Run(ctx, in.rdb, keys, args...).Err()
}

// Backlog is how many deliveries the inbox holds: queued, or in hand.
func (in *Inbox) Backlog(ctx context.Context) (int64, error) {
	n, err := in.rdb.XLen(ctx, in.stream).Result()
	if err != nil {
		return 0, fmt.Errorf("reading the inbox's backlog: %w", err)
	}
	return n, nil
}

var _ edge.Inbox = (*Inbox)(nil)
