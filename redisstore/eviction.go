package redisstore

import (
	"bufio"
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/redis/go-redis/v9"
)

// Eviction is what Redis says of evicting keys to make room.
type Eviction struct {
	// Policy is its maxmemory-policy (INFO memory's maxmemory_policy); on
	// a Cluster, the first master's that evicts, if one does.
	Policy string
	// Evicted is how many keys it has evicted since it started or its
	// statistics were reset (INFO stats' evicted_keys), summed over a
	// Cluster's masters.
	Evicted int64
}

// Evicts reports whether the policy lets Redis delete the bot's keys when
// its memory is full: anything but noeviction. The volatile-* policies
// are no safer: they evict keys with a TTL, and the bot's include quizzes,
// the week's boards, sessions, the inbox's once-only marks and the
// polling lease, whose loss ends quizzes early, loses a week's points,
// handles a delivery twice or lets two replicas poll at once; the others
// (allkeys-*) also evict the keys without one: the inbox's streams and
// consumer groups, the all-time boards, users' cards and the daily
// schedules.
func (e Eviction) Evicts() bool { return e.Policy != "noeviction" }

// ReadEviction asks rdb's Redis (each master of a Cluster) for its
// eviction policy and the keys it has evicted: INFO's memory and stats
// sections, which managed Redis answers where it refuses CONFIG GET.
func ReadEviction(ctx context.Context, rdb redis.UniversalClient) (Eviction, error) {
	c, ok := rdb.(*redis.ClusterClient)
	if !ok {
		return readNodeEviction(ctx, rdb)
	}
	var (
		mu  sync.Mutex
		all Eviction
	)
	err := c.ForEachMaster(ctx, func(ctx context.Context, node *redis.Client) error {
		e, err := readNodeEviction(ctx, node)
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		if all.Policy == "" || !all.Evicts() && e.Evicts() {
			all.Policy = e.Policy
		}
		all.Evicted += e.Evicted
		return nil
	})
	return all, err
}

// readNodeEviction reads one node's INFO memory and stats, in one round
// trip (two commands: INFO takes one section before Redis 7).
func readNodeEviction(ctx context.Context, rdb redis.Cmdable) (Eviction, error) {
	var memory, stats *redis.StringCmd
	if _, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		memory, stats = p.Info(ctx, "memory"), p.Info(ctx, "stats")
		return nil
	}); err != nil {
		return Eviction{}, fmt.Errorf("reading Redis's eviction policy (INFO memory, INFO stats): %w", err)
	}
	e := Eviction{Policy: infoField(memory.Val(), "maxmemory_policy")}
	if e.Policy == "" {
		return Eviction{}, fmt.Errorf("INFO memory names no maxmemory_policy")
	}
	e.Evicted, _ = strconv.ParseInt(infoField(stats.Val(), "evicted_keys"), 10, 64)
	return e, nil
}

// infoField is the value of field in an INFO reply, "" if it has none.
func infoField(info, field string) string {
	sc := bufio.NewScanner(strings.NewReader(info))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), field+":"); ok {
			return v
		}
	}
	return ""
}
