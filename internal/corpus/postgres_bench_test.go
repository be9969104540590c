//go:build linux

package corpus

// BenchmarkAnalyzePostgres compares the two ways to analyse a PostgreSQL
// index: the in-database candidate join (PairSource) and per-document
// retrieval. It needs the server (see pgtest) and a corpus of real
// articles, and is opt-in because it builds a large index:
//
//	SPINTRACE_BENCH_CORPUS=../../../shared/data/bbc-news/bbc SPINTRACE_BENCH_CORPUS_DOCS=10000 \
//	  go test -run '^$' -bench AnalyzePostgres -benchtime 1x -timeout 2h ./internal/corpus/
//
// The web is built as `spintrace eval sites` builds it, simplified: outlet
// sites publish the real articles, farm sites publish verbatim, spun and
// stitched copies of them (internal/eval/spingen), 30% of the documents or
// what the real articles leave. It is indexed once into schema
// spintrace_corpus_bench_<docs> and kept (drop it with DROP SCHEMA ...
// CASCADE). Each sub-benchmark logs its time; the pairs run also logs how
// far its result is from the per-document one.

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/spineval"
	"github.com/spintrace/spintrace/internal/eval/spingen"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/store/postgres"
	"github.com/spintrace/spintrace/internal/store/postgres/pgtest"
	"github.com/spintrace/spintrace/internal/textnorm"
)

// benchWeb generates n documents from the articles of dir.
func benchWeb(b *testing.B, dir string, n int) []spintrace.Doc {
	arts, _, err := spineval.ReadCorpus(context.Background(), dir)
	if err != nil {
		b.Fatal(err)
	}
	arts, _ = spineval.Dedup(arts)
	rng := rand.New(rand.NewSource(1))
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	farm := max(n*3/10, n-len(arts))
	var docs, outlets []spintrace.Doc
	mk := func(site string, i int, title, text string, date time.Time) spintrace.Doc {
		origin := fmt.Sprintf("https://%s/%d", site, i)
		return spintrace.Doc{ID: spintrace.DocID(text), Origin: origin, URL: origin, Site: site, Title: title, Published: date, Text: text, Lang: "en", Copies: 1}
	}
	for i, a := range arts[:min(len(arts), n-farm)] {
		d := mk(fmt.Sprintf("outlet-%d.example", i%8+1), i, a.Doc.Title, a.Doc.Text, base.Add(time.Duration(rng.Intn(365*24))*time.Hour))
		outlets = append(outlets, d)
	}
	docs = append(docs, outlets...)
	for i := 0; i < farm; i++ {
		site := fmt.Sprintf("farm-%d.example", i%4+1)
		der, latest := spingen.Farm(rng, outlets)
		docs = append(docs, mk(site, i, der.Doc.Title, der.Doc.Text+"\n\nShared by "+site+" staff.", latest.Add(time.Duration(1+rng.Intn(72))*time.Hour)))
	}
	return docs
}

// benchStore opens the kept index of n documents, building it if needed.
func benchStore(b *testing.B) *postgres.DB {
	dir := os.Getenv("SPINTRACE_BENCH_CORPUS")
	if dir == "" {
		b.Skip("set SPINTRACE_BENCH_CORPUS=<dir of articles> (and SPINTRACE_BENCH_CORPUS_DOCS) to run")
	}
	n, _ := strconv.Atoi(os.Getenv("SPINTRACE_BENCH_CORPUS_DOCS"))
	if n <= 0 {
		n = 10000
	}
	ctx := context.Background()
	url := pgtest.URL(b)
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	st, err := postgres.Open(ctx, url+sep+"application_name="+benchApp, postgres.Options{Schema: fmt.Sprintf("spintrace_corpus_bench_%d", n)})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if v, ok, err := st.Meta(ctx, "bench.complete"); err == nil && ok && v == "yes" {
		return st
	}
	cfg := index.Default()
	if err := index.Check(ctx, st, cfg); err != nil {
		b.Fatal(err)
	}
	bl := &index.Builder{Store: st, Norm: textnorm.New(cfg.Canon), Config: cfg}
	t0 := time.Now()
	for _, d := range benchWeb(b, dir, n) {
		if err := bl.Add(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := bl.Close(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("indexed %d documents in %.1fs", n, time.Since(t0).Seconds())
	if err := st.SetMeta(ctx, "bench.complete", "yes"); err != nil {
		b.Fatal(err)
	}
	return st
}

// benchApp names the benchmark's connections, so that the CPU time of
// their server processes can be read.
const benchApp = "spintrace_corpus_bench"

// cpuSeconds returns the CPU time of this process and of the PostgreSQL
// backends serving the benchmark's connections (from /proc: Linux only,
// and the server on this machine). The machine is shared, so these are
// steadier than wall times.
func cpuSeconds(b *testing.B, st *postgres.DB) (self, server float64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		self = float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
	}
	conn, err := pgx.Connect(context.Background(), pgtest.URL(b))
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(context.Background())
	rows, _ := conn.Query(context.Background(), `SELECT pid FROM pg_stat_activity WHERE application_name = $1`, benchApp)
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		b.Fatal(err)
	}
	for _, pid := range pids {
		raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		// fields after the command name: state is 3, utime 14, stime 15
		f := strings.Fields(string(raw[bytes.LastIndexByte(raw, ')')+1:]))
		ut, _ := strconv.ParseFloat(f[11], 64)
		stime, _ := strconv.ParseFloat(f[12], 64)
		server += (ut + stime) / 100 // USER_HZ
	}
	return self, server
}

func BenchmarkAnalyzePostgres(b *testing.B) {
	st := benchStore(b)
	ctx := context.Background()
	var n atomic.Int32
	tr, ct := tracers(&n)
	results := map[string]*Analysis{}
	for _, tc := range []struct {
		name  string
		store spintrace.Store
	}{{"path=per-document", perDocument{st}}, {"path=pairs", st}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				self0, server0 := cpuSeconds(b, st)
				t0 := time.Now()
				var first time.Duration
				opts := Options{TraceCandidates: ct, Progress: func(done, _ int) {
					if done == 1 {
						first = time.Since(t0)
					}
				}}
				a, err := Analyze(ctx, tc.store, tr, opts)
				if err != nil {
					b.Fatal(err)
				}
				secs := time.Since(t0).Seconds()
				self1, server1 := cpuSeconds(b, st)
				b.Logf("%s: %d documents in %.1fs (%.0f docs/s), first trace after %.1fs, CPU: spintrace %.0fs, PostgreSQL %.0fs; %d clusters",
					tc.name, len(a.Traces), secs, float64(len(a.Traces))/secs, first.Seconds(), self1-self0, server1-server0, len(a.Clusters))
				results[tc.name] = a
			}
		})
	}
	want, got := results["path=per-document"], results["path=pairs"]
	if want == nil || got == nil {
		return
	}
	// printed, not logged: a parent benchmark's log is not shown
	fmt.Printf("agreement of the pairs run with the per-document run: %s\n", agreement(want, got))
}

// agreement says how far two analyses of one store are apart.
func agreement(want, got *Analysis) string {
	byRef := map[spintrace.Ref]Trace{}
	for _, t := range want.Traces {
		byRef[t.Ref] = t
	}
	verdicts, sources := 0, 0
	for _, t := range got.Traces {
		w := byRef[t.Ref]
		if w.Verdict.Label != t.Verdict.Label {
			verdicts++
		}
		ids := func(ls []Link) []string {
			var out []string
			for _, l := range ls {
				out = append(out, l.Doc.ID)
			}
			slices.Sort(out)
			return out
		}
		if !slices.Equal(ids(w.Sources), ids(t.Sources)) {
			sources++
		}
	}
	sites := "equal"
	if d := cmp.Diff(Sites(want), Sites(got)); d != "" {
		sites = "differ"
	}
	clusters := "equal"
	if d := cmp.Diff(want.Clusters, got.Clusters); d != "" {
		clusters = "differ"
	}
	return fmt.Sprintf("%d/%d traces with another verdict, %d with other sources; clusters %s (%d vs %d); site scores %s",
		verdicts, len(got.Traces), sources, clusters, len(want.Clusters), len(got.Clusters), sites)
}
