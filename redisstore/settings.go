package redisstore

import (
	"context"
	"errors"

	"github.com/redis/go-redis/v9"
)

// A scope's own settings are the fields of one hash in its keyspace, so
// that an export, an import and a move take them along, and forgetting a
// user leaves them: "zone", the time zone its days and weeks are counted
// in.

// settings is the hash of a scope's own settings.
func (k keys) settings() string { return k.prefix + "settings" }

// zoneField is the settings' field of the scope's time zone.
const zoneField = "zone"

// ScopeZone is the time zone a scope set for its days and weeks, or "".
func (s *Store) ScopeZone(ctx context.Context, scope string) (string, error) {
	v, err := s.rdb.HGet(ctx, scopeKeys(scope).settings(), zoneField).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	return v, err
}

// SetScopeZone sets a scope's time zone; "" drops it (the default's).
func (s *Store) SetScopeZone(ctx context.Context, scope, zone string) error {
	key := scopeKeys(scope).settings()
	if zone == "" {
		return s.rdb.HDel(ctx, key, zoneField).Err()
	}
	return s.rdb.HSet(ctx, key, zoneField, zone).Err()
}
