package main

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/synth"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/store/pebble"
	"github.com/spintrace/spintrace/internal/textnorm"
)

type benchOptions struct {
	docs    string
	queries int
	dir     string
	json    bool
	seed    int64
	keep    bool
	cpuprof string
}

func newBenchCmd() *cobra.Command {
	var o benchOptions
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure indexing throughput, trace latency, index size and memory",
		Long: `Bench generates synthetic corpora of the given sizes (deterministic,
~600-word articles), indexes each into a fresh embedded store, then traces
spun and stitched derivatives of random articles, and prints a table:
indexing MB/s, trace latency p50/p99, index size against the raw text, and
the process's peak resident memory. Stores are made under --dir (default a
temporary directory) and removed afterwards unless --keep.`,
		Example: `  spintrace bench --docs 10000
  spintrace bench --docs 10000,100000 --queries 500 --json`,
		Args: argsCheck(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBench(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.docs, "docs", "10000", "comma-separated corpus sizes")
	f.IntVar(&o.queries, "queries", 200, "traces per corpus size")
	f.StringVar(&o.dir, "dir", "", "where to build the stores (default: a temporary directory)")
	f.BoolVar(&o.json, "json", false, "print JSON")
	f.Int64Var(&o.seed, "seed", 1, "corpus seed")
	f.BoolVar(&o.keep, "keep", false, "keep the stores")
	f.StringVar(&o.cpuprof, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	return cmd
}

// benchRow is one corpus size's measurements.
type benchRow struct {
	Docs      int     `json:"docs"`
	TextMB    float64 `json:"text_mb"`
	IndexSecs float64 `json:"index_seconds"`
	IndexMBps float64 `json:"index_mb_per_sec"`
	IndexMB   float64 `json:"index_mb"`
	SizeRatio float64 `json:"size_ratio"`
	Queries   int     `json:"queries"`
	P50ms     float64 `json:"trace_p50_ms"`
	P99ms     float64 `json:"trace_p99_ms"`
	MeanMs    float64 `json:"trace_mean_ms"`
	Found     float64 `json:"source_found"`
	PeakRSSMB float64 `json:"peak_rss_mb"`
	Cores     int     `json:"cores"`
}

func runBench(ctx context.Context, o benchOptions, stdout, stderr io.Writer) error {
	var sizes []int
	for _, s := range strings.Split(o.docs, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return usagef("--docs: %q is not a positive number", s)
		}
		sizes = append(sizes, n)
	}
	if o.queries <= 0 {
		return usagef("--queries must be positive")
	}
	if o.cpuprof != "" {
		f, err := os.Create(o.cpuprof)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	base := o.dir
	if base == "" {
		tmp, err := os.MkdirTemp("", "spintrace-bench-")
		if err != nil {
			return err
		}
		base = tmp
		if !o.keep {
			defer os.RemoveAll(tmp)
		}
	}
	var rows []benchRow
	for _, n := range sizes {
		row, err := benchOne(ctx, o, filepath.Join(base, fmt.Sprintf("docs-%d", n)), n, stderr)
		if err != nil {
			return err
		}
		rows = append(rows, row)
	}
	if o.json {
		return writeJSON(stdout, struct {
			Version int        `json:"version"`
			Rows    []benchRow `json:"rows"`
		}{1, rows})
	}
	fmt.Fprintf(stdout, "%9s %9s %9s %9s %10s %7s %9s %9s %7s %9s\n", "docs", "text MB", "index s", "MB/s", "index MB", "ratio", "p50 ms", "p99 ms", "found", "peak MB")
	for _, r := range rows {
		fmt.Fprintf(stdout, "%9d %9.1f %9.1f %9.1f %10.1f %7.2f %9.1f %9.1f %6.0f%% %9.0f\n", r.Docs, r.TextMB, r.IndexSecs, r.IndexMBps,
			r.IndexMB, r.SizeRatio, r.P50ms, r.P99ms, 100*r.Found, r.PeakRSSMB)
	}
	fmt.Fprintf(stdout, "(%d cores; found = share of traces whose derivative's indexed source ranked first)\n", runtime.GOMAXPROCS(0))
	return nil
}

func benchOne(ctx context.Context, o benchOptions, dir string, n int, stderr io.Writer) (benchRow, error) {
	row := benchRow{Docs: n, Cores: runtime.GOMAXPROCS(0)}
	if err := os.RemoveAll(dir); err != nil {
		return row, err
	}
	db, err := pebble.Open(ctx, dir, pebble.Options{})
	if err != nil {
		return row, err
	}
	defer db.Close()
	cfg := index.Default()
	if err := index.Check(ctx, db, cfg); err != nil {
		return row, err
	}
	norm := textnorm.New(cfg.Canon)
	b := &index.Builder{Store: db, Norm: norm, Config: cfg}
	prog := newProgress(stderr, -1, 0, false)
	fmt.Fprintf(stderr, "bench: indexing %d synthetic articles\n", n)
	var textBytes int64
	start := time.Now()
	err = synth.Corpus(o.seed, n, func(i int, d spintrace.Doc) error {
		textBytes += int64(len(d.Text))
		prog.add(int64(len(d.Text)))
		return b.Add(ctx, d)
	})
	if err == nil {
		_, err = b.Close(ctx)
	}
	prog.finish()
	if err != nil {
		return row, fmt.Errorf("bench: index %d docs: %w", n, err)
	}
	row.IndexSecs = time.Since(start).Seconds()
	row.TextMB = float64(textBytes) / 1e6
	row.IndexMBps = row.TextMB / row.IndexSecs
	live, err := db.LiveBytes()
	if err != nil {
		return row, err
	}
	row.IndexMB = float64(live) / 1e6
	row.SizeRatio = row.IndexMB / row.TextMB

	eng, err := newEngine(ctx, db, false)
	if err != nil {
		return row, err
	}
	rng := rand.New(rand.NewSource(o.seed + 1))
	lat := make([]float64, 0, o.queries)
	found := 0
	fmt.Fprintf(stderr, "bench: tracing %d derivatives\n", o.queries)
	for q := 0; q < o.queries; q++ {
		src := synth.Article(o.seed, rng.Intn(n))
		d := synth.Derivative(o.seed+int64(q), src)
		t0 := time.Now()
		res, err := eng.Trace(ctx, d)
		if err != nil {
			return row, fmt.Errorf("bench: trace: %w", err)
		}
		lat = append(lat, float64(time.Since(t0).Microseconds())/1000)
		// the derivative's indexed source ranks first (among the related
		// documents when the derivative took too little to be a copy)
		if ranked := append(res.Sources, res.Related...); len(ranked) > 0 && ranked[0].Doc.ID == spintrace.DocID(src.Text) {
			found++
		}
	}
	slices.Sort(lat)
	row.Queries = len(lat)
	row.P50ms = lat[len(lat)/2]
	row.P99ms = lat[min(len(lat)-1, len(lat)*99/100)]
	sum := 0.0
	for _, l := range lat {
		sum += l
	}
	row.MeanMs = sum / float64(len(lat))
	row.Found = float64(found) / float64(len(lat))
	row.PeakRSSMB = peakRSSMB()
	return row, nil
}

// peakRSSMB reads the process's peak resident set (VmHWM) on Linux.
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseFloat(f[1], 64)
				return kb / 1024
			}
		}
	}
	return 0
}
