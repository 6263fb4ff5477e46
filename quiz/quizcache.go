package quiz

import "sync"

// quizCacheSize is how many recent quizzes a service remembers.
const quizCacheSize = 4096

// quizCache keeps the content of recent quizzes. A quiz's prompt and choices
// never change once posted, so scoring an answer need not fetch them from
// the store again; a quiz another replica posted is fetched once, with its
// first answer, in the same round trip.
type quizCache struct {
	mu    sync.Mutex
	byKey map[string]*Quiz
	ring  []string // keys in insertion order; the oldest is evicted
	next  int
}

func newQuizCache(size int) *quizCache {
	return &quizCache{byKey: make(map[string]*Quiz, size), ring: make([]string, size)}
}

func quizKey(scope, id string) string { return scope + "\x00" + id }

func (c *quizCache) get(scope, id string) *Quiz {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byKey[quizKey(scope, id)]
}

func (c *quizCache) put(q *Quiz) {
	k := quizKey(q.Scope, q.ID)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[k]; ok {
		return
	}
	if old := c.ring[c.next]; old != "" {
		delete(c.byKey, old)
	}
	c.ring[c.next] = k
	c.next = (c.next + 1) % len(c.ring)
	c.byKey[k] = q
}
