package synonym

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kljensen/snowball/english"
)

const (
	// cacheMax bounds how many distinct non-lemma words are remembered;
	// beyond it, new words are stemmed on every call.
	cacheMax = 1 << 18
	// cacheWordMax: longer words are not cached.
	cacheWordMax = 40
	// publishMin is the smallest batch of new words published to readers.
	publishMin = 64
)

// cache remembers the entry of words that needed stemming. Readers look in an
// immutable published map without locking; new answers collect in pending
// under mu and are published as a fresh map once the batch is large enough
// relative to the published one, so copying costs amortized O(1) per word.
type cache struct {
	published atomic.Pointer[map[string]int32]
	mu        sync.Mutex
	pending   map[string]int32
	total     int
}

// lookup returns the entry for word, or -1.
func (t *table) lookup(word string) int32 {
	if e, ok := t.forms[word]; ok {
		return e
	}
	if m := t.cache.published.Load(); m != nil {
		if e, ok := (*m)[word]; ok {
			return e
		}
	}
	return t.slow(word)
}

func (t *table) slow(word string) int32 {
	c := &t.cache
	c.mu.Lock()
	e, ok := c.pending[word]
	c.mu.Unlock()
	if ok {
		return e
	}
	e = -1
	if i, ok := t.stems[english.Stem(word, false)]; ok {
		e = i
	}
	if len(word) <= cacheWordMax {
		c.add(word, e)
	}
	return e
}

func (c *cache) add(word string, e int32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.total >= cacheMax {
		return
	}
	if _, ok := c.pending[word]; ok {
		return
	}
	if c.pending == nil {
		c.pending = make(map[string]int32)
	}
	c.pending[strings.Clone(word)] = e
	c.total++
	old := c.published.Load()
	n := 0
	if old != nil {
		n = len(*old)
	}
	if len(c.pending) < max(publishMin, n/4) && c.total < cacheMax {
		return
	}
	m := make(map[string]int32, n+len(c.pending))
	if old != nil {
		for w, e := range *old {
			m[w] = e
		}
	}
	for w, e := range c.pending {
		m[w] = e
	}
	c.published.Store(&m)
	c.pending = nil
}
