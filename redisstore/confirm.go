package redisstore

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// A confirmation's token (the Yes of forgetting a user) is one string key
// of its scope, holding what it confirms, until its TTL. It is taken once,
// by its Yes or its Cancel: taking it does not delete it but marks it
// used by the press that took it (usedBy), so that the same take sent
// again — go-redis resending a script whose reply timed out, or the press
// handled again — finds its own mark and is taken still, while any other
// press finds the token gone.

// confirmation is the key of a confirmation's token.
func (k keys) confirmation(token string) string { return k.prefix + "confirm:" + safe(token) }

// usedPrefix starts a taken token's value: what no confirmed thing (a
// user ID, "platform:…") starts with.
const usedPrefix = "used "

// usedBy is the value of a token that confirms what, taken by the press
// by: "used <by>\n<what>".
func usedBy(by, what string) string { return usedPrefix + by + "\n" + what }

// swapScript sets a key from ARGV[1] to ARGV[2], keeping its TTL, and
// reports 1 when it did or the key holds ARGV[2] already (the same swap
// sent again), 0 otherwise.
var swapScript = newScript(`
local v = redis.call('GET', KEYS[1])
if v == ARGV[2] then return 1 end
if v ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
return 1
`)

// HoldConfirmation keeps a confirmation's token, with what it confirms,
// for ttl, and the token as the one asked of asker last, in their session
// ("confirm"), which their next draw clears: one round trip.
func (s *Store) HoldConfirmation(ctx context.Context, scope, token, what, asker string, ttl time.Duration) error {
	k := scopeKeys(scope)
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, k.confirmation(token), what, ttl)
		keepSession(ctx, p, k, asker, "confirm", token)
		return nil
	})
	return err
}

// Confirmation reads what a token confirms while it is held, or taken by
// the press by; "" otherwise (never given, taken by another press, or
// expired).
func (s *Store) Confirmation(ctx context.Context, scope, token, by string) (string, error) {
	v, err := s.rdb.Get(ctx, scopeKeys(scope).confirmation(token)).Result()
	switch {
	case errors.Is(err, redis.Nil):
		return "", nil
	case err != nil:
		return "", err
	case !strings.HasPrefix(v, usedPrefix):
		return v, nil
	}
	if taker, what, ok := strings.Cut(strings.TrimPrefix(v, usedPrefix), "\n"); ok && taker == by {
		return what, nil
	}
	return "", nil
}

// TakeConfirmation takes a held token that confirms what for the press
// by (an ID of the press, the same when it is handled again), and reports
// whether it did: one round trip. The same press taking it again is told
// it did; any other is not.
func (s *Store) TakeConfirmation(ctx context.Context, scope, token, what, by string) (bool, error) {
	return s.swapConfirmation(ctx, scope, token, what, usedBy(by, what))
}

// RestoreConfirmation gives back a token the press by took, so that it
// confirms what again (the confirmed action failed: the press may be
// repeated). A token taken by another press, or gone, stays as it is.
func (s *Store) RestoreConfirmation(ctx context.Context, scope, token, what, by string) error {
	_, err := s.swapConfirmation(ctx, scope, token, usedBy(by, what), what)
	return err
}

// swapConfirmation runs swapScript on a token's key.
func (s *Store) swapConfirmation(ctx context.Context, scope, token, from, to string) (bool, error) {
	n, err := swapScript.Run(ctx, s.rdb, []string{scopeKeys(scope).confirmation(token)}, from, to).Int64()
	return n == 1, err
}
