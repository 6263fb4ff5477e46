package redisstore

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// A confirmation's token (the Yes of forgetting a user) is one string key
// of its scope, holding what it confirms, until its TTL: taken once, by
// its Yes or its Cancel, with a compare and delete (releaseScript).

// confirmation is the key of a confirmation's token.
func (k keys) confirmation(token string) string { return k.prefix + "confirm:" + safe(token) }

// HoldConfirmation keeps a confirmation's token, with what it confirms,
// for ttl.
func (s *Store) HoldConfirmation(ctx context.Context, scope, token, what string, ttl time.Duration) error {
	return s.rdb.Set(ctx, scopeKeys(scope).confirmation(token), what, ttl).Err()
}

// Confirmation reads what a held token confirms, "" when it is not held.
func (s *Store) Confirmation(ctx context.Context, scope, token string) (string, error) {
	v, err := s.rdb.Get(ctx, scopeKeys(scope).confirmation(token)).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	return v, err
}

// TakeConfirmation removes a held token if it confirms what, and reports
// whether it did: one round trip.
func (s *Store) TakeConfirmation(ctx context.Context, scope, token, what string) (bool, error) {
	n, err := releaseScript.Run(ctx, s.rdb, []string{scopeKeys(scope).confirmation(token)}, what).Int64()
	return n == 1, err
}
