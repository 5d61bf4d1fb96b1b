package form

import "sync"

// memo is a small bounded cache of values derived from long texts (the facts the text rules
// read, bigram profiles for W3). A check runs on every keystroke while the narrative rarely
// changes, so recomputing them each time would dominate. Safe for concurrent use.
type memo[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

// memoSize bounds each cache; when full it is emptied wholesale.
const memoSize = 64

// get returns the value for key, computing and remembering it when absent.
func (c *memo[K, V]) get(key K, compute func() V) V {
	c.mu.Lock()
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	c.mu.Lock()
	if c.m == nil || len(c.m) >= memoSize {
		c.m = make(map[K]V, memoSize)
	}
	c.m[key] = v
	c.mu.Unlock()
	return v
}
