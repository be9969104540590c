package queue

// Distributed ingest throughput: k workers (each with its own connection
// pool, as on separate machines) drain a queue of synthetic articles into a
// fresh PostgreSQL schema. Opt-in, it needs NATS and PostgreSQL:
//
//	SPINTRACE_BENCH_QUEUE=5000 go test -run '^$' -bench Ingest -benchtime 1x -timeout 1h ./internal/queue/
//
// SPINTRACE_BENCH_QUEUE is the number of articles. Numbers:
// docs/benchmarks.md, "PostgreSQL".

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/synth"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/store/postgres"
	"github.com/spintrace/spintrace/internal/store/postgres/pgtest"
	"github.com/spintrace/spintrace/internal/textnorm"
)

func BenchmarkIngest(b *testing.B) {
	n, err := strconv.Atoi(os.Getenv("SPINTRACE_BENCH_QUEUE"))
	if err != nil || n <= 0 {
		b.Skip("set SPINTRACE_BENCH_QUEUE=<docs> to run the ingest benchmark")
	}
	url := natsURL(b)
	pgURL := pgtest.URL(b)
	cfg := index.Default()
	norm := textnorm.New(cfg.Canon)
	var docs []spintrace.Doc
	var bytes int64
	if err := synth.Corpus(2, n, func(_ int, d spintrace.Doc) error {
		docs = append(docs, d)
		bytes += int64(len(d.Text))
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d/docs=%d", workers, n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(bytes)
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				ctx := context.Background()
				o := testOptions(b, url)
				o.AckWait, o.Batch = time.Minute, 0 // the defaults
				schema := pgtest.Schema(b, pgURL)
				pub, err := NewPublisher(ctx, url, o)
				if err != nil {
					b.Fatal(err)
				}
				for _, d := range docs {
					if err := pub.Add(ctx, d); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := pub.Close(ctx); err != nil {
					b.Fatal(err)
				}
				var ws []*Worker
				for range workers {
					db, err := postgres.Open(ctx, pgURL, postgres.Options{Schema: schema})
					if err != nil {
						b.Fatal(err)
					}
					defer db.Close()
					ws = append(ws, &Worker{Store: db, Norm: norm, Config: cfg, Options: o, UntilEmpty: true})
				}
				b.StartTimer()
				start := time.Now()
				var wg sync.WaitGroup
				errs := make([]error, workers)
				for k, w := range ws {
					wg.Add(1)
					go func() { defer wg.Done(); errs[k] = w.Run(ctx, url) }()
				}
				wg.Wait()
				elapsed += time.Since(start)
				b.StopTimer()
				for _, err := range errs {
					if err != nil {
						b.Fatal(err)
					}
				}
				st, err := ws[0].Store.Stats(ctx)
				if err != nil || st.Docs != int64(n) {
					b.Fatalf("stored %d docs (%v), want %d", st.Docs, err, n)
				}
			}
			b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "docs/s")
		})
	}
}
