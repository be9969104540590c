package corpus

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/search"
	"github.com/spintrace/spintrace/internal/store/postgres"
	"github.com/spintrace/spintrace/internal/store/postgres/pgtest"
	"github.com/spintrace/spintrace/internal/textnorm"
)

var _ PairSource = (*postgres.DB)(nil)

// tracers returns the per-document tracer and the candidate tracer the CLI
// uses, the latter counting its calls in n.
func tracers(n *atomic.Int32) (Tracer, CandidateTracer) {
	cfg := index.Default()
	norm := textnorm.New(cfg.Canon)
	tr := func(ctx context.Context, st spintrace.Store, d spintrace.Doc) (*spintrace.Result, error) {
		return search.New(st, norm, cfg, search.DefaultOptions()).Trace(ctx, d)
	}
	ct := func(ctx context.Context, st spintrace.Store, d spintrace.Doc, refs []spintrace.Ref) (*spintrace.Result, error) {
		n.Add(1)
		return search.New(st, norm, cfg, search.DefaultOptions()).TraceCandidates(ctx, d, refs)
	}
	return tr, ct
}

// pgIndexed indexes docs into a fresh PostgreSQL schema.
func pgIndexed(t *testing.T, docs ...[]spintrace.Doc) *postgres.DB {
	t.Helper()
	st := pgtest.Open(t)
	cfg := index.Default()
	norm := textnorm.New(cfg.Canon)
	if err := index.Check(context.Background(), st, cfg); err != nil {
		t.Fatal(err)
	}
	for _, batch := range docs {
		var entries []spintrace.Entry
		for _, d := range batch {
			entries = append(entries, index.Prepare(norm, cfg, d))
		}
		if _, err := st.Put(context.Background(), entries); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// perDocument hides the store's PairSource, so that Analyze retrieves
// every document's candidates itself.
type perDocument struct{ spintrace.Store }

// TestPairsEqualPerDocument runs the analysis of the crafted corpus on
// PostgreSQL with the in-database candidate join and with per-document
// retrieval: traces, clusters and site scores must be the same.
func TestPairsEqualPerDocument(t *testing.T) {
	st := pgIndexed(t, testCorpus())
	ctx := context.Background()
	var n atomic.Int32
	tr, ct := tracers(&n)
	opts := Options{TraceCandidates: ct}
	want, err := Analyze(ctx, perDocument{st}, tr, opts)
	if err != nil {
		t.Fatal(err)
	}
	if n.Load() != 0 {
		t.Fatalf("the per-document run used the candidate tracer")
	}
	got, err := Analyze(ctx, st, tr, opts)
	if err != nil {
		t.Fatal(err)
	}
	if int(n.Load()) != len(testCorpus()) {
		t.Fatalf("the pairs run traced %d documents against candidates, want %d", n.Load(), len(testCorpus()))
	}
	if len(want.Clusters) < 3 {
		t.Fatalf("only %d clusters: the corpus does not test the join", len(want.Clusters))
	}
	if d := cmp.Diff(want.Traces, got.Traces); d != "" {
		t.Errorf("traces (-per document +pairs):\n%s", d)
	}
	if d := cmp.Diff(want.Clusters, got.Clusters); d != "" {
		t.Errorf("clusters (-per document +pairs):\n%s", d)
	}
	if d := cmp.Diff(Sites(want), Sites(got)); d != "" {
		t.Errorf("sites (-per document +pairs):\n%s", d)
	}
	// the same on the in-memory store, the reference of the other tests
	mst, _ := indexed(t, testCorpus())
	ref, err := Analyze(ctx, mst, tr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(ref.Clusters, got.Clusters); d != "" {
		t.Errorf("clusters (-memory +postgres pairs):\n%s", d)
	}
}

// TestPairsIncremental: with a previous analysis, only the documents
// stored since are passed by the join and traced.
func TestPairsIncremental(t *testing.T) {
	docs := testCorpus()
	st := pgIndexed(t, docs[:4])
	ctx := context.Background()
	var n atomic.Int32
	tr, ct := tracers(&n)
	first, err := Analyze(ctx, st, tr, Options{TraceCandidates: ct})
	if err != nil {
		t.Fatal(err)
	}
	cfg := index.Default()
	var entries []spintrace.Entry
	for _, d := range docs[4:] {
		entries = append(entries, index.Prepare(textnorm.New(cfg.Canon), cfg, d))
	}
	if _, err := st.Put(ctx, entries); err != nil {
		t.Fatal(err)
	}
	n.Store(0)
	next, err := Analyze(ctx, st, tr, Options{TraceCandidates: ct, Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := int(n.Load()), len(docs)-4; got != want || next.Traced != want {
		t.Errorf("incremental run traced %d (Traced %d), want %d", got, next.Traced, want)
	}
	full, err := Analyze(ctx, st, tr, Options{TraceCandidates: ct})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(full.Clusters, next.Clusters); d != "" {
		t.Errorf("clusters (-full +incremental):\n%s", d)
	}
}
