package quiz

import (
	"container/list"
	"sync"
)

// A user's choice of language lives in the store. While the store cannot
// answer (Redis unreachable, deliveries served in memory), a user who chose
// English on a Chinese platform would be answered in Chinese: so the
// service remembers the choices it read or set lately (langCache), and
// uses them only when the store cannot tell.

// langCacheSize is how many users' choices a service remembers.
const langCacheSize = 16384

// langCache remembers the latest users' language choices, by scope and
// user, the least recently used forgotten first. It is safe for concurrent
// use.
type langCache struct {
	mu    sync.Mutex
	size  int
	byKey map[langKey]*list.Element // of langEntry
	order list.List                 // most recently used first
}

// langKey names a user in a scope.
type langKey struct{ scope, user string }

// langEntry is a user's remembered choice.
type langEntry struct {
	key  langKey
	lang string
}

func newLangCache(size int) *langCache {
	return &langCache{size: size, byKey: map[langKey]*list.Element{}}
}

// get is a user's remembered choice, "" when none is.
func (c *langCache) get(scope, user string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[langKey{scope, user}]
	if !ok {
		return ""
	}
	c.order.MoveToFront(e)
	return e.Value.(langEntry).lang
}

// put remembers a user's choice; "" forgets it.
func (c *langCache) put(scope, user, lang string) {
	k := langKey{scope, user}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[k]; ok {
		if lang == "" {
			c.order.Remove(e)
			delete(c.byKey, k)
			return
		}
		e.Value = langEntry{k, lang}
		c.order.MoveToFront(e)
		return
	}
	if lang == "" {
		return
	}
	c.byKey[k] = c.order.PushFront(langEntry{k, lang})
	if c.order.Len() > c.size {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.byKey, oldest.Value.(langEntry).key)
	}
}
