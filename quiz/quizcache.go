package quiz

import "sync"

// quizCacheSize is how many recent quizzes a service remembers.
const quizCacheSize = 4096

// quizCache keeps the content of recent quizzes, and how they are drawn. A
// quiz's prompt and choices never change once posted, so scoring an answer
// need not fetch them from the store again, nor draw them again; a quiz
// another replica posted is fetched once, with its first answer, in the
// same round trip.
type quizCache struct {
	mu    sync.Mutex
	byKey map[string]cachedQuiz
	ring  []string // keys in insertion order; the oldest is evicted
	next  int
}

// cachedQuiz is a quiz and its drawing.
type cachedQuiz struct {
	quiz    *Quiz
	drawing *quizDrawing
}

func newQuizCache(size int) *quizCache {
	return &quizCache{byKey: make(map[string]cachedQuiz, size), ring: make([]string, size)}
}

func quizKey(scope, id string) string { return scope + "\x00" + id }

// get is the quiz, nil when it is not kept.
func (c *quizCache) get(scope, id string) *Quiz {
	q, _ := c.drawn(scope, id)
	return q
}

// drawn is the quiz and its drawing, nil when it is not kept.
func (c *quizCache) drawn(scope, id string) (*Quiz, *quizDrawing) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.byKey[quizKey(scope, id)]
	return e.quiz, e.drawing
}

// put keeps a quiz, drawn, and returns its drawing; a quiz kept already
// keeps its first drawing.
func (c *quizCache) put(q *Quiz) *quizDrawing {
	k := quizKey(q.Scope, q.ID)
	c.mu.Lock()
	if e, ok := c.byKey[k]; ok {
		c.mu.Unlock()
		return e.drawing
	}
	c.mu.Unlock()
	d := drawQuiz(q) // outside the lock: drawing formats text
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[k]; ok {
		return e.drawing
	}
	if old := c.ring[c.next]; old != "" {
		delete(c.byKey, old)
	}
	c.ring[c.next] = k
	c.next = (c.next + 1) % len(c.ring)
	c.byKey[k] = cachedQuiz{quiz: q, drawing: d}
	return d
}
