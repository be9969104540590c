package corpus

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spintrace/spintrace"
)

// Version is the version of the analysis schema (cluster and sites JSON).
//
//	1: first version
const Version = 1

// Tracer traces one document against st. The CLI passes a function that
// builds a search.Engine over st (cheap) and calls its Trace. It must be
// safe for concurrent use.
type Tracer func(ctx context.Context, st spintrace.Store, d spintrace.Doc) (*spintrace.Result, error)

// Options tune Analyze.
type Options struct {
	// Workers tracing in parallel (default GOMAXPROCS).
	Workers int
	// Previous is an earlier analysis of the same store: its traces are
	// kept and only documents stored after Previous.Last are traced; the
	// clusters and classes are then rebuilt from old and new traces.
	Previous *Analysis
	// BoilerplateDocs: a passage one site repeats in at least this many of
	// its own documents is boilerplate (default 5: the two ends of an edge
	// and 3 others).
	BoilerplateDocs int
	// TraceCandidates, when set and the store is a PairSource, traces
	// every document against its candidates from the store's candidate
	// join instead of calling the Tracer, which retrieves its own.
	TraceCandidates CandidateTracer
	// MinShared and MaxDF are passed to PairSource.Pairs; they must be the
	// tracer's retrieval options (defaults 2 and 5000, those of
	// search.DefaultOptions).
	MinShared, MaxDF int
	// Progress, when set, is called after each traced document with the
	// count done and the count to do (from one goroutine at a time).
	Progress func(done, total int)
}

// Analysis is the result of Analyze.
type Analysis struct {
	Version int `json:"version"`
	// Last is the last ref traced: pass the analysis as Options.Previous
	// to trace only what was stored since.
	Last spintrace.Ref `json:"last"`
	// Traces are the traced documents, in ref order.
	Traces []Trace `json:"traces"`
	// Clusters are ordered by size (members), largest first.
	Clusters []Cluster `json:"clusters"`
	// Failed counts documents whose trace failed (bad input: no words).
	Failed int `json:"failed"`
	// Traced counts the documents this run traced (the other traces came
	// from Options.Previous). Not saved.
	Traced int `json:"-"`
}

// Trace is what one document's trace contributes to the corpus analysis.
type Trace struct {
	Ref   spintrace.Ref    `json:"ref"`
	Doc   spintrace.DocRef `json:"doc"`
	Words int              `json:"words"`
	// Verdict is the trace's verdict, recomputed without boilerplate
	// sources when there were any (see Analyze).
	Verdict spintrace.Verdict `json:"verdict"`
	// AsTraced is the verdict the trace gave, kept so that the verdict can
	// be recomputed when the boilerplate changes (incremental runs).
	AsTraced spintrace.Verdict `json:"as_traced"`
	// Sources are the documents it took text from (none for an original).
	Sources []Link `json:"sources"`
	// SharedQuotes counts documents sharing only quoted speech with it:
	// kept apart from copying.
	SharedQuotes int `json:"shared_quotes"`
}

// Link is one source of a traced document.
type Link struct {
	Doc      spintrace.DocRef `json:"doc"`
	Share    float64          `json:"share"`
	Passages []Pair           `json:"passages"`
	// Substitutions: source words -> article words (inflections and
	// rewrites left out).
	Substitutions []Swap `json:"substitutions,omitempty"`
	// Boilerplate: the link is site boilerplate, not reuse.
	Boilerplate bool `json:"boilerplate,omitempty"`
}

// Pair is an aligned passage: a span of the traced document and the span
// of the source it aligns with.
type Pair struct {
	Article spintrace.Span `json:"article"`
	Source  spintrace.Span `json:"source"`
	Words   int            `json:"words"`
	Matched int            `json:"matched"`
	// Excerpts of both sides, at most excerptChars characters.
	ArticleText string `json:"article_text"`
	SourceText  string `json:"source_text"`
}

// Swap is one substitution.
type Swap struct {
	From string `json:"from"`
	To   string `json:"to"`
	Kind string `json:"kind"`
}

const excerptChars = 160

// Analyze traces every document of st (or, with opts.Previous, every
// document stored after it) and builds the clusters. It never compares all
// pairs: each trace retrieves its candidates from the fingerprint index,
// or, when st is a PairSource and opts.TraceCandidates is set, they come
// from the store's candidate join. Superseded versions of re-indexed pages
// are neither traced nor kept from opts.Previous.
//
// Incremental runs assume the new documents are not older than the ones
// already traced (the usual crawl order): an old document is not traced
// again, so it does not learn of an older source added later.
func Analyze(ctx context.Context, st spintrace.Store, trace Tracer, opts Options) (*Analysis, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.BoilerplateDocs <= 0 {
		opts.BoilerplateDocs = 5
	}
	opts.MinShared = cmp.Or(opts.MinShared, 2)
	opts.MaxDF = cmp.Or(opts.MaxDF, 5000)
	c, err := readCatalog(ctx, st, opts.Workers)
	if err != nil {
		return nil, err
	}
	a := &Analysis{Version: Version}
	var after spintrace.Ref
	var retrace []spintrace.Ref
	if p := opts.Previous; p != nil {
		a.Traces, retrace = fromPrevious(p, c)
		a.Failed = p.Failed
		a.Last, after = p.Last, p.Last
	}
	todo := 0
	for _, r := range c.refs {
		if r > after && !c.superseded[r] {
			todo++
		}
	}
	var pairs *pairStream
	if ps, ok := st.(PairSource); ok && opts.TraceCandidates != nil {
		pairs = streamPairs(ctx, ps, after, opts.MinShared, opts.MaxDF)
		defer pairs.stop()
	}
	scan := func(ctx context.Context, emit func(spintrace.Ref, spintrace.Doc) error) error {
		return st.Scan(ctx, after, emit)
	}
	traces, last, failed, err := traceAll(ctx, st, trace, c, pairs, scan, todo, opts)
	if err != nil {
		return nil, err
	}
	a.Traces = append(a.Traces, traces...)
	a.Failed += failed
	a.Traced = len(traces) + failed
	a.Last = max(a.Last, last)
	if len(retrace) > 0 {
		// per document: the join lists only documents after Last
		traces, failed, err := traceAgain(ctx, st, trace, c, retrace, opts)
		if err != nil {
			return nil, err
		}
		a.Traces = append(a.Traces, traces...)
		a.Failed += failed
		a.Traced += len(traces) + failed
		slices.SortFunc(a.Traces, func(x, y Trace) int { return cmp.Compare(x.Ref, y.Ref) })
	}
	markBoilerplate(a.Traces, opts.BoilerplateDocs)
	for i := range a.Traces {
		reclassify(&a.Traces[i])
	}
	a.Clusters = clusters(a.Traces)
	return a, nil
}

// fromPrevious returns the traces of p that still hold, and the refs of
// those to trace again because one of their sources was superseded since.
// The traces of superseded documents are dropped.
func fromPrevious(p *Analysis, c *catalog) ([]Trace, []spintrace.Ref) {
	var keep []Trace
	var retrace []spintrace.Ref
	for _, t := range p.Traces {
		switch {
		case c.superseded[t.Ref]:
			continue // its page was indexed again since
		case slices.ContainsFunc(t.Sources, func(l Link) bool { return c.supersededIDs[l.Doc.ID] }):
			retrace = append(retrace, t.Ref)
			continue
		}
		t.Sources = slices.Clone(t.Sources) // flags are rebuilt: leave p as it was
		keep = append(keep, t)
	}
	return keep, retrace
}

// traceAgain traces the documents of refs again, each with the Tracer.
func traceAgain(ctx context.Context, st spintrace.Store, trace Tracer, c *catalog, refs []spintrace.Ref, opts Options) ([]Trace, int, error) {
	docs, err := st.Resolve(ctx, refs)
	if err != nil {
		return nil, 0, fmt.Errorf("read documents to trace again: %w", err)
	}
	feed := func(ctx context.Context, emit func(spintrace.Ref, spintrace.Doc) error) error {
		for i, r := range refs {
			if err := emit(r, docs[i]); err != nil {
				return err
			}
		}
		return nil
	}
	traces, _, failed, err := traceAll(ctx, st, trace, c, nil, feed, len(refs), opts)
	return traces, failed, err
}

type job struct {
	ref spintrace.Ref
	doc spintrace.Doc
	i   int
	// cands are the candidates from the store's join (pairs mode only).
	cands []spintrace.Ref
}

// traceAll traces the documents feed emits (in ref order, superseded
// ones skipped, at most total) on opts.Workers goroutines and returns
// their traces in ref order with the last ref fed. With pairs, each
// document is traced against its candidates from the join.
func traceAll(ctx context.Context, st spintrace.Store, trace Tracer, c *catalog, pairs *pairStream, feed func(context.Context, func(spintrace.Ref, spintrace.Doc) error) error, total int, opts Options) ([]Trace, spintrace.Ref, int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([]Trace, total)
	ok := make([]bool, total)
	jobs := make(chan job)
	var (
		mu       sync.Mutex
		firstErr error
		done     int
		failed   int
		wg       sync.WaitGroup
	)
	for w := 0; w < opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				view := &asOf{Store: st, dates: c.dates, origins: c.origins, cutoff: j.doc.Published}
				var res *spintrace.Result
				var err error
				if pairs != nil {
					res, err = opts.TraceCandidates(ctx, view, j.doc, view.visible(j.cands))
				} else {
					res, err = trace(ctx, view, j.doc)
				}
				mu.Lock()
				switch {
				case errors.Is(err, spintrace.ErrBadInput):
					failed++
				case err != nil:
					if firstErr == nil {
						firstErr = fmt.Errorf("trace %s: %w", j.doc.Origin, err)
						cancel()
					}
				default:
					out[j.i], ok[j.i] = fromResult(j.ref, j.doc, res), true
				}
				done++
				if opts.Progress != nil {
					opts.Progress(done, total)
				}
				mu.Unlock()
			}
		}()
	}
	var last spintrace.Ref
	i := 0
	err := feed(ctx, func(ref spintrace.Ref, d spintrace.Doc) error {
		if i >= total {
			return errStop // stored during the analysis: next run
		}
		last = ref
		if c.superseded[ref] {
			return nil
		}
		j := job{ref: ref, doc: d, i: i}
		if pairs != nil {
			var err error
			if j.cands, err = pairs.of(ref); err != nil {
				return err
			}
		}
		select {
		case jobs <- j:
		case <-ctx.Done():
			return ctx.Err()
		}
		i++
		return nil
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return nil, 0, 0, firstErr
	}
	if err != nil {
		return nil, 0, 0, fmt.Errorf("scan documents: %w", err)
	}
	kept := out[:0]
	for k, t := range out[:i] {
		if ok[k] {
			kept = append(kept, t)
		}
	}
	return kept, last, failed, nil
}

// errStop ends a Scan early.
var errStop = errors.New("corpus: stop scan")

// asOf is a view of a store without the documents published after cutoff
// (undated documents stay visible; a zero cutoff hides nothing). It
// answers HasOrigin from the catalog read before tracing.
type asOf struct {
	spintrace.Store
	dates   map[spintrace.Ref]time.Time
	origins map[string]string
	cutoff  time.Time
}

// visible returns the refs not hidden by the view, in the same order.
func (s *asOf) visible(refs []spintrace.Ref) []spintrace.Ref {
	if s.cutoff.IsZero() {
		return refs
	}
	out := make([]spintrace.Ref, 0, len(refs))
	for _, r := range refs {
		if d, ok := s.dates[r]; !ok || !d.After(s.cutoff) {
			out = append(out, r)
		}
	}
	return out
}

func (s *asOf) HasOrigin(ctx context.Context, origin string) (string, bool, error) {
	if id, ok := s.origins[origin]; ok {
		return id, true, nil
	}
	return s.Store.HasOrigin(ctx, origin)
}

func (s *asOf) Postings(ctx context.Context, hashes []uint64, limit int, fn func(uint64, []spintrace.Ref) error) error {
	if s.cutoff.IsZero() {
		return s.Store.Postings(ctx, hashes, limit, fn)
	}
	var buf []spintrace.Ref
	return s.Store.Postings(ctx, hashes, limit, func(h uint64, refs []spintrace.Ref) error {
		if limit > 0 && len(refs) > limit {
			return fn(h, refs) // too common either way: the caller skips it
		}
		buf = append(buf[:0], s.visible(refs)...)
		if len(buf) == 0 {
			return nil
		}
		return fn(h, buf)
	})
}

// fromResult keeps what the corpus analysis needs of a trace result.
func fromResult(ref spintrace.Ref, d spintrace.Doc, res *spintrace.Result) Trace {
	t := Trace{Ref: ref, Doc: d.Ref(), Words: res.Article.Words, Verdict: res.Verdict, Sources: []Link{}, SharedQuotes: len(res.SharedQuotes)}
	t.Verdict.Evidence = append([]string(nil), res.Verdict.Evidence...)
	t.AsTraced = t.Verdict
	for _, s := range res.Sources {
		l := Link{Doc: s.Doc, Share: s.Share}
		for _, p := range s.Passages {
			l.Passages = append(l.Passages, split(p)...)
		}
		for _, sub := range s.Substitutions {
			if sub.Kind == spintrace.SubstInflection || sub.Kind == spintrace.SubstRewrite {
				continue
			}
			l.Substitutions = append(l.Substitutions, Swap{From: sub.From, To: sub.To, Kind: sub.Kind})
		}
		t.Sources = append(t.Sources, l)
	}
	return t
}

func excerpt(s string) string {
	r := []rune(s)
	if len(r) <= excerptChars {
		return s
	}
	return string(r[:excerptChars-1]) + "…"
}

// gapWords: an aligned passage is cut where it inserts or leaves out this
// many words or more. A short run of sentences from another source stitched
// between two runs of one source is aligned as an insertion; left whole,
// the passage would cover it and chain two reuse clusters together.
const gapWords = 5

// split cuts p at its long insertions and deletions.
func split(p spintrace.Passage) []Pair {
	art, src := []rune(p.ArticleText), []rune(p.SourceText)
	var out []Pair
	var cur *Pair
	flush := func() {
		if cur == nil {
			return
		}
		a := sub(art, cur.Article.Start-p.Article.Start, cur.Article.End-p.Article.Start)
		cur.Words = len(strings.Fields(a))
		if p.Words > 0 {
			cur.Matched = p.Matched * cur.Words / p.Words
		}
		cur.ArticleText = excerpt(a)
		cur.SourceText = excerpt(sub(src, cur.Source.Start-p.Source.Start, cur.Source.End-p.Source.Start))
		if cur.Words > 0 {
			out = append(out, *cur)
		}
		cur = nil
	}
	for _, e := range p.Edits {
		gap := (e.Op == spintrace.EditInsert && len(strings.Fields(e.ArticleText)) >= gapWords) ||
			(e.Op == spintrace.EditDelete && len(strings.Fields(e.SourceText)) >= gapWords)
		if gap {
			flush()
			continue
		}
		if cur == nil {
			cur = &Pair{Article: e.Article, Source: e.Source}
			continue
		}
		cur.Article.End = max(cur.Article.End, e.Article.End)
		cur.Source.End = max(cur.Source.End, e.Source.End)
	}
	flush()
	if len(p.Edits) == 0 {
		out = []Pair{{Article: p.Article, Source: p.Source, Words: p.Words, Matched: p.Matched,
			ArticleText: excerpt(p.ArticleText), SourceText: excerpt(p.SourceText)}}
	}
	return out
}

// sub is r[i:j] clamped to r.
func sub(r []rune, i, j int) string {
	i, j = max(0, min(i, len(r))), max(0, min(j, len(r)))
	if i >= j {
		return ""
	}
	return string(r[i:j])
}
