package postgres_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/synth"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/search"
	"github.com/spintrace/spintrace/internal/store/mem"
	"github.com/spintrace/spintrace/internal/store/postgres/pgtest"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// TestTraceSameAsMemory indexes one corpus into the in-memory reference
// store and into PostgreSQL and traces the same articles against both: the
// results (sources, passages, verdicts...) must be identical.
func TestTraceSameAsMemory(t *testing.T) {
	t.Parallel()
	pg := pgtest.Open(t)
	ref := mem.New()
	ctx := t.Context()
	cfg := index.Default()
	norm := textnorm.New(cfg.Canon)

	const n = 300
	var docs []spintrace.Doc
	if err := synth.Corpus(11, n, func(_ int, d spintrace.Doc) error {
		docs = append(docs, d)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// A syndicated copy from another site, so that copies are compared too.
	mirror := docs[5]
	mirror.Origin, mirror.Site = "https://mirror.example/5", "mirror.example"
	docs = append(docs, mirror)
	for _, st := range []spintrace.Store{ref, pg} {
		if err := index.Check(ctx, st, cfg); err != nil {
			t.Fatal(err)
		}
		b := &index.Builder{Store: st, Norm: norm, Config: cfg, BatchDocs: 64}
		for _, d := range docs {
			if err := b.Add(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := b.Close(ctx); err != nil {
			t.Fatal(err)
		}
	}

	// Spun, stitched derivatives of some documents, one stitched from two
	// stored documents, and a stored document read from elsewhere.
	var queries []spintrace.Doc
	for i, k := range []int{0, 5, 42, 150, 299} {
		queries = append(queries, synth.Derivative(int64(100+i), docs[k]))
	}
	two := synth.Derivative(7, docs[10])
	two.Text += "\n\n" + synth.Derivative(8, docs[20]).Text
	two.ID = spintrace.DocID(two.Text)
	copied := docs[77]
	copied.Origin, copied.Site = "https://elsewhere.example/77", "elsewhere.example"
	queries = append(queries, two, copied)

	opts := search.DefaultOptions()
	memEngine := search.New(ref, norm, cfg, opts)
	pgEngine := search.New(pg, norm, cfg, opts)
	traced := 0
	for i, q := range queries {
		want, err := memEngine.Trace(ctx, q)
		if err != nil {
			t.Fatalf("query %d: trace against memory: %v", i, err)
		}
		got, err := pgEngine.Trace(ctx, q)
		if err != nil {
			t.Fatalf("query %d: trace against PostgreSQL: %v", i, err)
		}
		if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(spintrace.Result{}, "Timing"), cmpopts.EquateApproxTime(0)); diff != "" {
			t.Errorf("query %d: PostgreSQL result differs from memory (-mem +postgres):\n%s", i, diff)
		}
		if len(got.Sources) > 0 {
			traced++
		}
	}
	// The comparison means something only if traces found sources.
	if traced < len(queries)/2 {
		t.Errorf("only %d of %d queries found sources; the corpus does not exercise tracing", traced, len(queries))
	}
}
