// Package mem is an in-memory spintrace.Store: the reference implementation
// of the store contract, used in tests of the engine and for throwaway
// indexes (evaluation runs). Nothing is persisted.
//
// Safe for concurrent use: writes are serialized, reads run concurrently.
package mem

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/spintrace/spintrace"
)

// Store is an in-memory store.
type Store struct {
	mu       sync.RWMutex
	docs     []spintrace.Doc // index = ref-1
	byID     map[string]spintrace.Ref
	origins  map[string]string
	postings map[uint64][]spintrace.Ref
	lexicon  map[[3]string]int
	pairs    map[string]bool
	meta     map[string]string
	text     int64
	closed   bool
}

var _ spintrace.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store {
	return &Store{
		byID: map[string]spintrace.Ref{}, origins: map[string]string{},
		postings: map[uint64][]spintrace.Ref{}, lexicon: map[[3]string]int{},
		pairs: map[string]bool{}, meta: map[string]string{},
	}
}

func (s *Store) check() error {
	if s.closed {
		return fmt.Errorf("mem store: closed")
	}
	return nil
}

// Put implements spintrace.Store.
func (s *Store) Put(ctx context.Context, entries []spintrace.Entry) (spintrace.PutStats, error) {
	var st spintrace.PutStats
	if err := ctx.Err(); err != nil {
		return st, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(); err != nil {
		return st, err
	}
	for _, e := range entries {
		d := e.Doc
		if d.ID == "" {
			d.ID = spintrace.DocID(d.Text)
		}
		if ref, ok := s.byID[d.ID]; ok {
			if d.Origin != "" {
				if _, seen := s.origins[d.Origin]; !seen {
					s.origins[d.Origin] = d.ID
					s.docs[ref-1].Copies++
					st.Duplicates++
					continue
				}
			}
			st.Unchanged++
			continue
		}
		d.Copies = 1
		s.docs = append(s.docs, d)
		ref := spintrace.Ref(len(s.docs))
		s.byID[d.ID] = ref
		if d.Origin != "" {
			s.origins[d.Origin] = d.ID
		}
		for _, h := range e.Fingerprints {
			if p := s.postings[h]; len(p) == 0 || p[len(p)-1] != ref {
				s.postings[h] = append(p, ref)
			}
		}
		s.text += int64(len(d.Text))
		st.Added++
	}
	return st, nil
}

// Get implements spintrace.Store.
func (s *Store) Get(ctx context.Context, id string) (spintrace.Doc, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(); err != nil {
		return spintrace.Doc{}, err
	}
	ref, ok := s.byID[id]
	if !ok {
		return spintrace.Doc{}, fmt.Errorf("document %s: %w", id, spintrace.ErrNotFound)
	}
	return s.docs[ref-1], nil
}

// Resolve implements spintrace.Store.
func (s *Store) Resolve(ctx context.Context, refs []spintrace.Ref) ([]spintrace.Doc, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(); err != nil {
		return nil, err
	}
	out := make([]spintrace.Doc, len(refs))
	for i, r := range refs {
		if r == 0 || int(r) > len(s.docs) {
			return nil, fmt.Errorf("ref %d: %w", r, spintrace.ErrNotFound)
		}
		out[i] = s.docs[r-1]
	}
	return out, nil
}

// HasOrigin implements spintrace.Store.
func (s *Store) HasOrigin(ctx context.Context, origin string) (string, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.origins[origin]
	return id, ok, s.check()
}

// Postings implements spintrace.Store.
func (s *Store) Postings(ctx context.Context, hashes []uint64, limit int, fn func(uint64, []spintrace.Ref) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(); err != nil {
		return err
	}
	for _, h := range hashes {
		p := s.postings[h]
		if len(p) == 0 {
			continue
		}
		if limit > 0 && len(p) > limit+1 {
			p = p[:limit+1]
		}
		if err := fn(h, slices.Clone(p)); err != nil {
			return err
		}
	}
	return nil
}

// Scan implements spintrace.Store.
func (s *Store) Scan(ctx context.Context, after spintrace.Ref, fn func(spintrace.Ref, spintrace.Doc) error) error {
	s.mu.RLock()
	docs := s.docs
	err := s.check()
	s.mu.RUnlock()
	if err != nil {
		return err
	}
	for i := int(after); i < len(docs); i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(spintrace.Ref(i+1), docs[i]); err != nil {
			return err
		}
	}
	return nil
}

// AddLexicon implements spintrace.Store.
func (s *Store) AddLexicon(ctx context.Context, pairKey string, entries []spintrace.LexEntry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(); err != nil {
		return err
	}
	if s.pairs[pairKey] {
		return nil
	}
	s.pairs[pairKey] = true
	for _, e := range entries {
		s.lexicon[[3]string{e.From, e.To, e.Site}] += max(e.Count, 1)
	}
	return nil
}

// Lexicon implements spintrace.Store.
func (s *Store) Lexicon(ctx context.Context, site string, fn func(spintrace.LexEntry) error) error {
	s.mu.RLock()
	var out []spintrace.LexEntry
	for k, n := range s.lexicon {
		if site == "" || k[2] == site {
			out = append(out, spintrace.LexEntry{From: k[0], To: k[1], Site: k[2], Count: n})
		}
	}
	err := s.check()
	s.mu.RUnlock()
	if err != nil {
		return err
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Site < b.Site
	})
	for _, e := range out {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// Meta implements spintrace.Store.
func (s *Store) Meta(ctx context.Context, key string) (string, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.meta[key]
	return v, ok, s.check()
}

// SetMeta implements spintrace.Store.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.meta[key] = value
	return s.check()
}

// Stats implements spintrace.Store.
func (s *Store) Stats(ctx context.Context) (spintrace.Stats, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return spintrace.Stats{Docs: int64(len(s.docs)), TextBytes: s.text}, s.check()
}

// Close implements spintrace.Store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}
