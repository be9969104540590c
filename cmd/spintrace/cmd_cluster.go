package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/corpus"
	"github.com/spintrace/spintrace/internal/index"
	"github.com/spintrace/spintrace/internal/search"
	"github.com/spintrace/spintrace/internal/textnorm"
)

type clusterOptions struct {
	db      string
	json    bool
	minSize int
	quiet   bool
	full    bool
}

func newClusterCmd() *cobra.Command {
	var o clusterOptions
	cmd := &cobra.Command{
		Use:   "cluster",
		Short: "Find every reuse cluster in the index: passages reprinted across documents",
		Long: `Cluster traces every indexed document against the others (each as of its
own date, candidates from the fingerprint index, never all pairs) and groups
the aligned passages single link into reuse clusters. Each cluster lists its
members with their passages, the earliest witness by date (or says that dates
are missing) and the alignments. A passage one site repeats on many of its own
pages (masthead, footer) is boilerplate and kept out; documents that share only
a quotation are not clustered. An older version of a page indexed again is
left out.

The analysis is saved in the store: the next cluster or sites run traces only
the documents indexed since and joins them to the existing clusters (--full
traces everything again; do so after indexing documents older than those
already analysed). On a PostgreSQL store the candidate pairs come from one
join inside the database instead of a postings lookup per document.`,
		Example: `  spintrace cluster --db news.db
  spintrace cluster --db news.db --min-size 3 --json > clusters.json
  spintrace cluster --db postgres://localhost/news --full`,
		Args: argsCheck(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCluster(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	dbFlag(cmd, &o.db)
	f := cmd.Flags()
	f.BoolVar(&o.json, "json", false, "print JSON")
	f.IntVar(&o.minSize, "min-size", 2, "leave out clusters with fewer members")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress or stats output")
	f.BoolVar(&o.full, "full", false, "trace every document again instead of reusing the saved analysis")
	return cmd
}

// analyzeDB opens the store at db and runs the corpus analysis over it,
// starting from the analysis saved by the last run (unless full) and
// saving the new one.
func analyzeDB(ctx context.Context, db string, quiet, full bool, stderr io.Writer) (*corpus.Analysis, error) {
	st, err := openStore(ctx, resolveDB(db))
	if err != nil {
		return nil, err
	}
	defer st.Close()
	cfg := index.Default()
	norm := textnorm.New(cfg.Canon)
	so := search.DefaultOptions()
	tracer := func(ctx context.Context, view spintrace.Store, d spintrace.Doc) (*spintrace.Result, error) {
		return search.New(view, norm, cfg, so).Trace(ctx, d)
	}
	opts := corpus.Options{
		TraceCandidates: func(ctx context.Context, view spintrace.Store, d spintrace.Doc, refs []spintrace.Ref) (*spintrace.Result, error) {
			return search.New(view, norm, cfg, so).TraceCandidates(ctx, d, refs)
		},
		MinShared: so.MinShared,
		MaxDF:     so.MaxDF,
	}
	if !quiet {
		opts.Progress = analysisProgress(stderr)
	}
	sig := search.AnalysisSignature(cfg, so)
	if !full {
		prev, err := corpus.Load(ctx, st, sig)
		switch {
		case errors.Is(err, spintrace.ErrCorrupt):
			fmt.Fprintf(stderr, "warning: %v; analysing every document again\n", err)
		case err != nil:
			return nil, err
		}
		opts.Previous = prev
	}
	a, err := corpus.Analyze(ctx, st, tracer, opts)
	if err != nil {
		return nil, fmt.Errorf("analyze corpus: %w", err)
	}
	if err := corpus.Save(ctx, st, a, sig); err != nil {
		return nil, err
	}
	if !quiet {
		kept := len(a.Traces) + a.Failed - a.Traced
		fmt.Fprintf(stderr, "traced %d document(s), %d kept from the saved analysis\n", a.Traced, kept)
	}
	return a, nil
}

// analysisProgress shows a bar on a terminal, a line per tenth otherwise.
func analysisProgress(w io.Writer) func(done, total int) {
	var bar *progressbar.ProgressBar
	start := time.Now()
	next := 0
	return func(done, total int) {
		if isTerminal(w) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("tracing"),
					progressbar.OptionShowCount(), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
			}
			bar.Set(done)
			return
		}
		if done*10 >= next*total && total >= 100 {
			fmt.Fprintf(w, "traced %d of %d documents (%.0f s)\n", done, total, time.Since(start).Seconds())
			next = done*10/total + 1
		}
	}
}

func runCluster(ctx context.Context, o clusterOptions, w, stderr io.Writer) error {
	if o.minSize < 2 {
		return usagef("--min-size must be at least 2")
	}
	a, err := analyzeDB(ctx, o.db, o.quiet, o.full, stderr)
	if err != nil {
		return err
	}
	cs := []corpus.Cluster{}
	for _, c := range a.Clusters {
		if len(c.Members) >= o.minSize {
			cs = append(cs, c)
		}
	}
	if o.json {
		return writeJSON(w, struct {
			Version  int              `json:"version"`
			Docs     int              `json:"docs"`
			Clusters []corpus.Cluster `json:"clusters"`
		}{corpus.Version, len(a.Traces), cs})
	}
	fmt.Fprintf(w, "%d reuse cluster(s) of %d+ members over %d documents\n", len(cs), o.minSize, len(a.Traces))
	for _, c := range cs {
		writeCluster(w, c)
	}
	return nil
}

func writeCluster(w io.Writer, c corpus.Cluster) {
	fmt.Fprintf(w, "\ncluster %d: %d members, %d site(s), %d alignment(s)\n", c.ID, len(c.Members), len(c.Sites), len(c.Alignments))
	if c.Earliest != nil {
		fmt.Fprintf(w, "  earliest witness: %s (%s, %s)\n", docName(c.Earliest), orNone(c.Earliest.Site), c.Earliest.Published.Format(time.DateOnly))
	}
	fmt.Fprintf(w, "  dates: %s\n", c.Dates)
	for _, m := range c.Members {
		date, lag := "undated", ""
		if !m.Doc.Published.IsZero() {
			date = m.Doc.Published.Format(time.DateOnly)
		}
		if m.LagHours != nil {
			lag = fmt.Sprintf("+%.0fh", *m.LagHours)
		}
		spans := make([]string, len(m.Spans))
		for i, s := range m.Spans {
			spans[i] = fmt.Sprintf("%d-%d", s.Start, s.End)
		}
		fmt.Fprintf(w, "  %-10s %-6s %-26s %-40s %-24s chars %s\n", date, lag, orNone(m.Doc.Site), docName(&m.Doc), orNone(m.Label), strings.Join(spans, ","))
	}
	if len(c.Members) > 0 {
		fmt.Fprintf(w, "  passage: %q\n", c.Members[0].Excerpt)
	}
}

func docName(d *spintrace.DocRef) string {
	switch {
	case d.Origin != "":
		return d.Origin
	case d.Title != "":
		return d.Title
	}
	return d.ID
}
