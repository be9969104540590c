package postgres_test

// The PostgreSQL benchmarks need the server (see pgtest) and are opt-in,
// because they build a large index:
//
//	SPINTRACE_BENCH_POSTGRES=100000 go test -run '^$' -bench . -benchtime 200x -timeout 2h ./internal/store/postgres/
//
// SPINTRACE_BENCH_POSTGRES is the corpus size. The index is built once into
// schema spintrace_bench_<docs> and kept for later runs (drop it with
// `DROP SCHEMA spintrace_bench_100000 CASCADE`); BenchmarkTrace also builds
// the same corpus in memory, the reference the PostgreSQL numbers are
// compared against. Numbers: docs/benchmarks.md, "PostgreSQL".

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/synth"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/search"
	"github.com/spintrace/spintrace/internal/store/mem"
	"github.com/spintrace/spintrace/internal/store/postgres"
	"github.com/spintrace/spintrace/internal/store/postgres/pgtest"
	"github.com/spintrace/spintrace/internal/textnorm"
)

const benchSeed = 1

// benchDocs returns the opted-in corpus size, or skips b.
func benchDocs(b *testing.B) int {
	n, err := strconv.Atoi(os.Getenv("SPINTRACE_BENCH_POSTGRES"))
	if err != nil || n <= 0 {
		b.Skip("set SPINTRACE_BENCH_POSTGRES=<docs> to run the PostgreSQL benchmarks")
	}
	return n
}

// build indexes the synthetic corpus of n documents into st in one
// process, logging the throughput.
func build(b *testing.B, st spintrace.Store, n int, what string) {
	ctx := context.Background()
	cfg := index.Default()
	if err := index.Check(ctx, st, cfg); err != nil {
		b.Fatal(err)
	}
	bl := &index.Builder{Store: st, Norm: textnorm.New(cfg.Canon), Config: cfg}
	var bytes int64
	start := time.Now()
	err := synth.Corpus(benchSeed, n, func(_ int, d spintrace.Doc) error {
		bytes += int64(len(d.Text))
		return bl.Add(ctx, d)
	})
	if err == nil {
		_, err = bl.Close(ctx)
	}
	if err != nil {
		b.Fatalf("build %s index: %v", what, err)
	}
	secs := time.Since(start).Seconds()
	b.Logf("%s: indexed %d docs (%.0f MB) in %.1fs: %.0f docs/s, %.1f MB/s", what, n, float64(bytes)/1e6, secs, float64(n)/secs, float64(bytes)/1e6/secs)
}

// benchIndex opens the kept PostgreSQL index of n documents, building it
// when missing or incomplete.
func benchIndex(b *testing.B, n int) *postgres.DB {
	url := pgtest.URL(b)
	ctx := context.Background()
	db, err := postgres.Open(ctx, url, postgres.Options{Schema: fmt.Sprintf("spintrace_bench_%d", n)})
	if err != nil {
		b.Fatal(err)
	}
	if v, ok, err := db.Meta(ctx, "bench.complete"); err != nil || !ok || v != "yes" {
		build(b, db, n, "postgres")
		if err := db.SetMeta(ctx, "bench.complete", "yes"); err != nil {
			b.Fatal(err)
		}
	}
	st, err := db.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("postgres index: %d docs, %.0f MB text, %.0f MB on disk", st.Docs, float64(st.TextBytes)/1e6, float64(st.DiskBytes)/1e6)
	return db
}

// BenchmarkTrace traces spun, stitched derivatives of random corpus
// articles (as `spintrace bench` does) against PostgreSQL and against the
// in-memory store (built when its sub-benchmark runs: -bench
// Trace/store=postgres skips it), reporting p50 and p99 latency.
func BenchmarkTrace(b *testing.B) {
	n := benchDocs(b)
	pg := benchIndex(b, n)
	defer pg.Close()
	cfg := index.Default()
	norm := textnorm.New(cfg.Canon)
	for _, tc := range []struct {
		name string
		open func() spintrace.Store
	}{
		{"store=postgres", func() spintrace.Store { return pg }},
		{"store=memory", func() spintrace.Store {
			memory := mem.New()
			build(b, memory, n, "memory")
			return memory
		}},
	} {
		b.Run(fmt.Sprintf("%s/docs=%d", tc.name, n), func(b *testing.B) {
			eng := search.New(tc.open(), norm, cfg, search.DefaultOptions())
			rng := rand.New(rand.NewSource(benchSeed + 1))
			var lat, retrieve []float64
			found := 0
			b.ReportAllocs()
			b.ResetTimer()
			for q := 0; q < b.N; q++ {
				b.StopTimer()
				src := synth.Article(benchSeed, rng.Intn(n))
				d := synth.Derivative(benchSeed+int64(q), src)
				b.StartTimer()
				t0 := time.Now()
				res, err := eng.Trace(context.Background(), d)
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, float64(time.Since(t0).Microseconds())/1000)
				retrieve = append(retrieve, res.Timing.Retrieve)
				if len(res.Sources) > 0 && res.Sources[0].Doc.ID == spintrace.DocID(src.Text) {
					found++
				}
			}
			b.StopTimer()
			slices.Sort(lat)
			slices.Sort(retrieve)
			b.ReportMetric(lat[len(lat)/2], "p50-ms")
			b.ReportMetric(lat[min(len(lat)-1, len(lat)*99/100)], "p99-ms")
			b.ReportMetric(retrieve[len(retrieve)/2], "retrieve-p50-ms")
			b.ReportMetric(float64(found)/float64(len(lat)), "found")
		})
	}
}

// BenchmarkPostings is candidate retrieval alone: the postings of one
// query article's fingerprints, as Trace asks for them, with the LATERAL
// query (single server) and the window-function one (Citus).
func BenchmarkPostings(b *testing.B) {
	n := benchDocs(b)
	benchIndex(b, n).Close()
	cfg := index.Default()
	norm := textnorm.New(cfg.Canon)
	var queries [][]uint64
	for q := range 50 {
		d := synth.Derivative(benchSeed+int64(q), synth.Article(benchSeed, q*(n/50)))
		queries = append(queries, index.Prepare(norm, cfg, d).Fingerprints)
	}
	for _, window := range []bool{false, true} {
		name := "lateral"
		if window {
			name = "window"
		}
		b.Run(fmt.Sprintf("query=%s/docs=%d", name, n), func(b *testing.B) {
			pg, err := postgres.Open(context.Background(), pgtest.URL(b), postgres.Options{
				Schema: fmt.Sprintf("spintrace_bench_%d", n), WindowPostings: window})
			if err != nil {
				b.Fatal(err)
			}
			defer pg.Close()
			b.ReportAllocs()
			refs := 0
			for i := 0; i < b.N; i++ {
				err := pg.Postings(context.Background(), queries[i%len(queries)], search.DefaultOptions().MaxDF, func(_ uint64, r []spintrace.Ref) error {
					refs += len(r)
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(refs)/float64(b.N), "refs/op")
		})
	}
}

// BenchmarkPut is single-writer ingest of prepared entries: storage alone,
// without fingerprinting, in batches of 512 (the index builder's default),
// into a fresh schema. It needs the server but is not opt-in (small).
func BenchmarkPut(b *testing.B) {
	cfg := index.Default()
	norm := textnorm.New(cfg.Canon)
	const batch = 512
	var entries []spintrace.Entry
	var bytes int64
	if err := synth.Corpus(benchSeed, batch*4, func(_ int, d spintrace.Doc) error {
		entries = append(entries, index.Prepare(norm, cfg, d))
		bytes += int64(len(d.Text))
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
		db := pgtest.Open(b)
		b.ReportAllocs()
		b.SetBytes(bytes / 4)
		for i := 0; i < b.N; i++ {
			// fresh texts every round, so every Put adds
			es := slices.Clone(entries[(i%4)*batch : (i%4+1)*batch])
			for k := range es {
				es[k].Doc.Text += " " + strconv.Itoa(i)
				es[k].Doc.ID = spintrace.DocID(es[k].Doc.Text)
				es[k].Doc.Origin += "/" + strconv.Itoa(i)
			}
			st, err := db.Put(context.Background(), es)
			if err != nil {
				b.Fatal(err)
			}
			if st.Added != batch {
				b.Fatalf("Put added %d, want %d", st.Added, batch)
			}
		}
		b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "docs/s")
	})
}
