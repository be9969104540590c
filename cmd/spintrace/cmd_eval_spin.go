package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/spintrace/spintrace"
	"github.com/spintrace/spintrace/internal/eval/spineval"
)

type evalSpinOptions struct {
	corpus      string
	derivatives int
	seed        int64
	holdout     float64
	learn       int
	workers     int
	json        bool
	out         string
	quiet       bool
}

func newEvalSpinCmd() *cobra.Command {
	var o evalSpinOptions
	cmd := &cobra.Command{
		Use:   "spin --corpus DIR",
		Short: "Measure tracing on generated spun and stitched derivatives of a corpus",
		Long: `Spin reads a corpus of real articles (text files; a first line followed by
more text is the title; subdirectories are categories), drops near-duplicates,
keeps a held-out share out of the index (traced as originals, and stitched into
some derivatives as text no source explains), indexes the rest in memory, and
generates derivatives with the project's seeded generator: 1-5 sources
stitched (from one category when possible), substitution rate 0-50%, sentence
shuffling, entity renames, quote speaker swaps, dropped quotes, boilerplate and
join noise. Every derivative and held-out article is traced on all cores, and
the results are scored against the generator's truth: source recall@1/@10 and
precision, passage plagdet, substitution precision/recall, quote-change
precision/recall, verdict accuracy and confusion matrix, throughput.

The generator exists for measurement only: derivatives live in memory and, with
--out, in that evaluation output directory (NAME.txt, NAME.truth.json,
NAME.result.json, report.json). See docs/evaluation.md.`,
		Example: `  spintrace eval spin --corpus ../shared/data/bbc-news/bbc
  spintrace eval spin --corpus ./articles --derivatives 200 --json
  spintrace eval spin --corpus ./articles --out /tmp/spin-eval`,
		Args: argsCheck(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvalSpin(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.corpus, "corpus", "", "directory of corpus articles (required)")
	f.IntVar(&o.derivatives, "derivatives", 1000, "derivatives to generate and trace")
	f.Int64Var(&o.seed, "seed", 1, "seed of the split and the generator")
	f.Float64Var(&o.holdout, "holdout", 0.2, "share of the corpus kept out of the index as originals and distractors")
	f.IntVar(&o.learn, "learn", 0, "first trace this many other derivatives to fill the spin lexicon, then score with its frequent swaps as aliases")
	f.IntVar(&o.workers, "workers", 0, "parallel traces (default: all cores)")
	f.BoolVar(&o.json, "json", false, "print the report as JSON")
	f.StringVar(&o.out, "out", "", "write each case, its truth and its trace result into this directory")
	f.BoolVar(&o.quiet, "quiet", false, "no progress on stderr")
	return cmd
}

func runEvalSpin(ctx context.Context, o evalSpinOptions, stdout, stderr io.Writer) error {
	switch {
	case o.corpus == "":
		return usagef("--corpus is required")
	case o.derivatives <= 0:
		return usagef("--derivatives must be positive")
	case o.holdout < 0 || o.holdout > 0.9:
		return usagef("--holdout must be between 0 and 0.9")
	case o.learn < 0:
		return usagef("--learn must not be negative")
	}
	logf := func(format string, a ...any) {
		if !o.quiet {
			fmt.Fprintf(stderr, format+"\n", a...)
		}
	}
	logf("reading %s", o.corpus)
	arts, read, err := spineval.ReadCorpus(ctx, o.corpus)
	if err != nil {
		return fmt.Errorf("%w: %w", spintrace.ErrBadInput, err)
	}
	logf("read %d documents (%d skipped, %d failed); indexing and tracing", read.Docs, read.Skipped, read.Failed)
	rep, err := spineval.Run(ctx, arts, spineval.Options{
		Derivatives: o.derivatives,
		Seed:        o.seed,
		Holdout:     o.holdout,
		Learn:       o.learn,
		Workers:     o.workers,
		OutDir:      o.out,
		Corpus:      o.corpus,
		Progress:    evalProgress(stderr, o.quiet),
	})
	if errors.Is(err, spineval.ErrSmallCorpus) {
		return fmt.Errorf("%w: %w", spintrace.ErrBadInput, err)
	}
	if err != nil {
		return err
	}
	rep.Setup.Read = read
	if o.json {
		return writeJSON(stdout, rep)
	}
	return spineval.WriteTable(stdout, rep)
}

// evalProgress reports traces done on stderr: a bar-like line rewritten in
// place on a terminal, a plain line every five seconds otherwise.
func evalProgress(w io.Writer, quiet bool) func(done, total int) {
	if quiet {
		return nil
	}
	var mu sync.Mutex
	tty := isTerminal(w)
	start, last := time.Now(), time.Now()
	every := 5 * time.Second
	if tty {
		every = 200 * time.Millisecond
	}
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		now := time.Now()
		if done == 1 {
			start = now // the first trace: indexing is over
		}
		if done < total && now.Sub(last) < every {
			return
		}
		last = now
		rate := float64(done) / max(now.Sub(start).Seconds(), 1e-9)
		line := fmt.Sprintf("traced %d / %d (%.1f traces/s)", done, total, rate)
		if tty {
			fmt.Fprintf(w, "\r%s", line)
			if done == total {
				fmt.Fprintln(w)
			}
			return
		}
		fmt.Fprintln(w, line)
	}
}
