// Package search traces an article to its sources: it retrieves candidate
// documents from a Store through shared fingerprints (never comparing
// against every document), aligns each candidate word by word, and picks
// the sources that explain the article, ranked by contribution.
//
// An Engine is safe for concurrent use.
package search

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/align"
	"github.com/spintrace/spintrace/internal/analysis"
	"github.com/spintrace/spintrace/internal/fingerprint"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// Options tune retrieval and source selection.
type Options struct {
	// Candidates is how many retrieved documents are aligned (default 30).
	Candidates int
	// MaxDF: a fingerprint held by more documents than this is too common
	// to retrieve with (default 5000).
	MaxDF int
	// MinShared is the fewest k-grams a candidate must share (default 2).
	MinShared int
	// MinSourceWords is the fewest article words a source must explain that
	// no better source explains (default 8).
	MinSourceWords int
	// Align are the alignment options (default align.Default).
	Align align.Options
}

// DefaultOptions returns the options trace uses.
func DefaultOptions() Options {
	return Options{Candidates: 30, MaxDF: 5000, MinShared: 2, MinSourceWords: 8, Align: align.Default}
}

// Engine traces articles against one store.
type Engine struct {
	store  spintrace.Store
	norm   *textnorm.Normalizer
	config index.Config
	opts   Options
	// learned maps canonical classes of words spinners put in to those of
	// the words they replaced (LoadLexicon).
	learned map[uint64]uint64
}

// New returns an engine over st, which must have been built with cfg
// (see index.Check).
func New(st spintrace.Store, norm *textnorm.Normalizer, cfg index.Config, o Options) *Engine {
	return &Engine{store: st, norm: norm, config: cfg, opts: o}
}

// Normalizer returns the engine's normalizer.
func (e *Engine) Normalizer() *textnorm.Normalizer { return e.norm }

// candidate is a retrieved document and what aligning it found.
type candidate struct {
	ref      spintrace.Ref
	shared   int
	doc      spintrace.Doc
	text     *textnorm.Text
	passages []align.Passage
	covered  []int32 // article tokens covered by passages
	matched  int
}

// Trace finds the sources of d. d.Text must not be empty.
func (e *Engine) Trace(ctx context.Context, d spintrace.Doc) (*spintrace.Result, error) {
	return e.trace(ctx, d, e.retrieve)
}

// TraceCandidates traces d against the given stored documents instead of
// retrieving its candidates: refs are candidates ranked best first, as a
// candidate join computed them for the whole corpus (internal/corpus on a
// PostgreSQL store). The first Options.Candidates refs other than d itself
// are aligned, less the superseded versions among them (left out after
// that cut, as Trace leaves them out after its own). Alignment, source
// selection, analysis and the title check (which still looks up the
// title's fingerprints) are Trace's. d.Text must not be empty.
func (e *Engine) TraceCandidates(ctx context.Context, d spintrace.Doc, refs []spintrace.Ref) (*spintrace.Result, error) {
	return e.trace(ctx, d, func(ctx context.Context, _ *textnorm.Text, self spintrace.Doc) ([]*candidate, error) {
		cands := make([]*candidate, 0, min(len(refs), e.opts.Candidates+1))
		for _, r := range refs[:min(len(refs), e.opts.Candidates+1)] {
			cands = append(cands, &candidate{ref: r})
		}
		return e.resolve(ctx, cands, self, e.opts.Candidates)
	})
}

// trace normalizes d, finds its candidates with retrieve, aligns them and
// reports.
func (e *Engine) trace(ctx context.Context, d spintrace.Doc, retrieve func(context.Context, *textnorm.Text, spintrace.Doc) ([]*candidate, error)) (*spintrace.Result, error) {
	if d.ID == "" {
		d.ID = spintrace.DocID(d.Text)
	}
	t0 := time.Now()
	art := e.norm.Normalize(d.Text)
	if len(art.Tokens) == 0 {
		return nil, fmt.Errorf("article has no words: %w", spintrace.ErrBadInput)
	}
	if len(e.learned) > 0 {
		for i, t := range art.Tokens {
			if from, ok := e.learned[t.Canon]; ok {
				art.Tokens[i].Canon = from
			}
		}
	}
	t1 := time.Now()
	cands, err := retrieve(ctx, art, d)
	if err != nil {
		return nil, err
	}
	t2 := time.Now()
	if err := e.alignAll(ctx, art, cands); err != nil {
		return nil, err
	}
	t3 := time.Now()
	res := e.report(d, art, cands)
	res.Candidates = len(cands)
	if err := e.titleCheck(ctx, d, art, cands, res); err != nil {
		return nil, err
	}
	analysis.TitleEvidence(res)
	ms := func(a, b time.Time) float64 { return float64(b.Sub(a).Microseconds()) / 1000 }
	res.Timing = spintrace.Timing{Normalize: ms(t0, t1), Retrieve: ms(t1, t2), Align: ms(t2, t3), Total: ms(t0, time.Now())}
	return res, nil
}

// retrieve ranks stored documents by the article k-grams they share and
// resolves the best ones, keeping room for documents that share other
// parts of the article (diverse).
func (e *Engine) retrieve(ctx context.Context, art *textnorm.Text, self spintrace.Doc) ([]*candidate, error) {
	q := fingerprint.Query(art, e.config.Fingerprint)
	idx := make(map[uint64]int32, len(q))
	for i, h := range q {
		idx[h] = int32(i)
	}
	holds := map[spintrace.Ref][]int32{} // the query hashes each document holds
	df := make([]int32, len(q))
	err := e.store.Postings(ctx, q, e.opts.MaxDF, func(h uint64, refs []spintrace.Ref) error {
		if e.opts.MaxDF > 0 && len(refs) > e.opts.MaxDF {
			return nil
		}
		df[idx[h]] = int32(len(refs))
		for _, r := range refs {
			holds[r] = append(holds[r], idx[h])
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("retrieve candidates: %w", err)
	}
	cands := make([]*candidate, 0, len(holds))
	for r, hs := range holds {
		if len(hs) >= e.opts.MinShared {
			cands = append(cands, &candidate{ref: r, shared: len(hs)})
		}
	}
	slices.SortFunc(cands, func(a, b *candidate) int {
		return cmp.Or(b.shared-a.shared, cmp.Compare(a.ref, b.ref))
	})
	cands = diverse(cands, holds, df, e.opts.Candidates+1)
	return e.resolve(ctx, cands, self, len(cands))
}

// diversePool bounds the documents diverse looks through.
const diversePool = 500

// diverse keeps n of the ranked candidates: the first half by shared
// k-grams, the rest one at a time by the article k-grams they hold that
// the kept ones do not, each weighted by the inverse of its document
// frequency df. A story reprinted forty times would otherwise fill every
// slot with copies of itself and crowd out the other stories an article
// was stitched from; the copies still rank first. One new k-gram is
// enough: a short stitched-in passage that a spinner rewrote keeps only a
// few of its k-grams, and the documents holding them are the only way to
// its source. The weights make a k-gram few documents share count for more
// than phrases of everyday news.
func diverse(cands []*candidate, holds map[spintrace.Ref][]int32, df []int32, n int) []*candidate {
	if len(cands) <= n {
		return cands
	}
	covered := make([]bool, len(df))
	out := make([]*candidate, 0, n)
	take := func(c *candidate) {
		out = append(out, c)
		for _, i := range holds[c.ref] {
			covered[i] = true
		}
	}
	head := max(1, n/2)
	for _, c := range cands[:head] {
		take(c)
	}
	pool := slices.Clone(cands[head:min(len(cands), head+diversePool)])
	for len(out) < n && len(pool) > 0 {
		best, gain := -1, 0.0
		for k, c := range pool {
			w := 0.0
			for _, i := range holds[c.ref] {
				if !covered[i] {
					w += 1 / float64(max(1, df[i]))
				}
			}
			if w > gain {
				best, gain = k, w
			}
		}
		if best < 0 {
			break // nothing new: the rest in rank order
		}
		take(pool[best])
		pool = slices.Delete(pool, best, best+1)
	}
	for _, c := range pool {
		if len(out) == n {
			break
		}
		out = append(out, c)
	}
	return out
}

// resolve reads the documents of the ranked candidates and leaves out the
// article itself and the superseded versions of re-indexed pages. Of the
// candidates other than the article, only the first keep are considered;
// at most Options.Candidates are returned.
func (e *Engine) resolve(ctx context.Context, cands []*candidate, self spintrace.Doc, keep int) ([]*candidate, error) {
	refs := make([]spintrace.Ref, len(cands))
	for i, c := range cands {
		refs[i] = c.ref
	}
	docs, err := e.store.Resolve(ctx, refs)
	if err != nil {
		return nil, fmt.Errorf("resolve candidates: %w", err)
	}
	out := cands[:0]
	others := 0
	for i, c := range cands {
		if docs[i].ID == self.ID && (docs[i].Origin == self.Origin || self.Origin == "") {
			continue // the article itself is indexed
		}
		if others == keep {
			break
		}
		others++
		if old, err := spintrace.Superseded(ctx, e.store, docs[i]); err != nil {
			return nil, fmt.Errorf("resolve candidates: %w", err)
		} else if old {
			continue // an older version of a page indexed again
		}
		c.doc = docs[i]
		out = append(out, c)
	}
	if len(out) > e.opts.Candidates {
		out = out[:e.opts.Candidates]
	}
	return out, nil
}

// sharedHashes counts, for every stored document, the hashes of q it
// holds, leaving out hashes held by more than MaxDF documents.
func (e *Engine) sharedHashes(ctx context.Context, q []uint64) (map[spintrace.Ref]int, error) {
	counts := make(map[spintrace.Ref]int)
	err := e.store.Postings(ctx, q, e.opts.MaxDF, func(_ uint64, refs []spintrace.Ref) error {
		if e.opts.MaxDF > 0 && len(refs) > e.opts.MaxDF {
			return nil
		}
		for _, r := range refs {
			counts[r]++
		}
		return nil
	})
	return counts, err
}

// alignAll aligns the article with every candidate on all cores. It stops
// handing out candidates when ctx ends (a request timed out, the user
// pressed ^C) and returns ctx's error.
func (e *Engine) alignAll(ctx context.Context, art *textnorm.Text, cands []*candidate) error {
	workers := min(runtime.GOMAXPROCS(0), len(cands))
	var wg sync.WaitGroup
	next := make(chan *candidate)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				c.text = e.norm.Normalize(c.doc.Text)
				c.passages = align.Align(art, c.text, e.opts.Align)
				for _, p := range c.passages {
					c.matched += p.Matched
					for i := p.A.Start; i < p.A.End; i++ {
						c.covered = append(c.covered, int32(i))
					}
				}
			}
		}()
	}
feed:
	for _, c := range cands {
		select {
		case next <- c:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return ctx.Err()
}
