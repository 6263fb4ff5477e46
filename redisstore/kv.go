package redisstore

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// The adapters' small needs beyond the quiz store (adapters.Values): a lease
// so that one replica polls Telegram, and plain values (a polling offset, a
// poll's quiz). Each is one key, one round trip.
// Keys are prefixed "kq:" and need no hash tag.

// kvKey is the full key of an adapter's key.
func kvKey(key string) string { return "kq:" + key }

// Put stores a value for ttl (0 keeps it forever).
func (s *Store) Put(ctx context.Context, key, value string, ttl time.Duration) error {
	return s.rdb.Set(ctx, kvKey(key), value, ttl).Err()
}

// Get reads a value; ok is false when there is none.
func (s *Store) Get(ctx context.Context, key string) (value string, ok bool, err error) {
	v, err := s.rdb.Get(ctx, kvKey(key)).Result()
	if errors.Is(err, redis.Nil) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return v, true, nil
}

// renewScript extends a lease only for its holder.
var renewScript = newScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`)

// releaseScript deletes a lease only for its holder.
var releaseScript = newScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`)

// Acquire takes the lease name for holder (a random token of the caller's)
// for ttl, if nobody holds it; a holder acquiring again renews it. It
// reports whether holder now holds the lease.
func (s *Store) Acquire(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	key := kvKey("lease:" + name)
	err := s.rdb.SetArgs(ctx, key, holder, redis.SetArgs{Mode: "NX", TTL: ttl}).Err()
	if err == nil {
		return true, nil
	}
	if !errors.Is(err, redis.Nil) {
		return false, refusal(err)
	}
	held, err := s.Renew(ctx, name, holder, ttl)
	return held, refusal(err)
}

// Renew extends the lease if holder still holds it, and reports whether it does.
func (s *Store) Renew(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	n, err := renewScript.Run(ctx, s.rdb, []string{kvKey("lease:" + name)}, holder, ttl.Milliseconds()).Int64()
	return n == 1, err
}

// Release gives the lease up if holder holds it (compare and delete), so
// that another replica can take over at once.
func (s *Store) Release(ctx context.Context, name, holder string) error {
	return releaseScript.Run(ctx, s.rdb, []string{kvKey("lease:" + name)}, holder).Err()
}
