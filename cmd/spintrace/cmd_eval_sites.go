package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/siteseval"
	"github.com/spintrace/spintrace/internal/eval/spineval"
)

type evalSitesOptions struct {
	corpus  string
	docs    int
	seed    int64
	undated float64
	json    bool
	quiet   bool
}

func newEvalSitesCmd() *cobra.Command {
	var o evalSitesOptions
	cmd := &cobra.Command{
		Use:   "sites --corpus DIR",
		Short: "Measure clusters and the content-farm score on a generated web",
		Long: `Sites builds a web from a corpus of real articles: outlet sites publish them,
honest sites publish their own articles that quote a speaker an outlet quoted,
and farm sites (30% of the documents) copy, spin and stitch outlet articles
with the project's seeded generator, dated 1-72 hours after their sources. It
indexes the web in memory, runs the corpus analysis (as cluster and sites do)
and reports the ROC AUC of the content-farm score (farms against all other
sites), cluster purity and completeness against the generator's truth, and
the throughput of the analysis.`,
		Example: `  spintrace eval sites --corpus ../shared/data/bbc-news/bbc
  spintrace eval sites --corpus ../shared/data/bbc-news/bbc --docs 10000 --json`,
		Args: argsCheck(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvalSites(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.corpus, "corpus", "", "directory of corpus articles (required)")
	f.IntVar(&o.docs, "docs", 0, "documents to generate (default: the usable articles plus 30% farm articles)")
	f.Int64Var(&o.seed, "seed", 1, "seed of the generator")
	f.Float64Var(&o.undated, "undated", 0, "share of documents (of every kind) published without a date, 0-1")
	f.BoolVar(&o.json, "json", false, "print the report as JSON")
	f.BoolVar(&o.quiet, "quiet", false, "no progress on stderr")
	return cmd
}

func runEvalSites(ctx context.Context, o evalSitesOptions, stdout, stderr io.Writer) error {
	switch {
	case o.corpus == "":
		return usagef("--corpus is required")
	case o.docs < 0:
		return usagef("--docs must not be negative")
	case o.undated < 0 || o.undated > 1:
		return usagef("--undated must be between 0 and 1")
	}
	arts, read, err := spineval.ReadCorpus(ctx, o.corpus)
	if err != nil {
		return fmt.Errorf("%w: %w", spintrace.ErrBadInput, err)
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "read %d documents; generating, indexing and analysing\n", read.Docs)
	}
	rep, err := siteseval.Run(ctx, arts, siteseval.Options{Seed: o.seed, Docs: o.docs, Undated: o.undated, Progress: evalProgress(stderr, o.quiet)})
	if err != nil {
		return err
	}
	if o.json {
		return writeJSON(stdout, rep)
	}
	fmt.Fprintf(stdout, "documents      %d (%d sites, %d farms)\n", rep.Docs, rep.Sites, rep.Farms)
	fmt.Fprintf(stdout, "farm score AUC %.3f\n", rep.AUC)
	fmt.Fprintf(stdout, "clusters       %d, largest %d members (truth families of 2+: %d)\n", rep.Clusters, rep.Largest, rep.Families)
	fmt.Fprintf(stdout, "purity         %.3f\n", rep.Purity)
	fmt.Fprintf(stdout, "completeness   %.3f\n", rep.Completeness)
	fmt.Fprintf(stdout, "pair recall    %.3f (derivative and source in one cluster)\n", rep.PairRecall)
	fmt.Fprintf(stdout, "analysis       %.1f s, %.0f docs/s\n", rep.Seconds, rep.DocsPerSec)
	fmt.Fprintf(stdout, "\n%-24s %-7s %s\n", "site", "kind", "score")
	for _, s := range rep.Scores {
		fmt.Fprintf(stdout, "%-24s %-7s %.3f\n", s.Site, s.Kind, s.Score)
	}
	return nil
}
